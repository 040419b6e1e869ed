/**
 * The bench's results file (`eval/bench/results.json`, written by `npm run bench`) and its README table
 * (`<!-- figures:bench -->`, written by `npm run figures`). Measurements that vary from run to run
 * (speeds, times, memory) are shown as the median of the runs with their minimum and maximum; the
 * rest (passages, index size, answered, source found) is the same in every run.
 */

export interface IngestResult {
  passages: number;
  seconds: number;
  diskBytes: number;
  peakRssMb: number;
}

/** How often one kind of question found its source passage. */
export interface KindScore {
  questions: number;
  source1: number;
  source5: number;
}

export interface ServeResult {
  /** Index already on disk, modules loaded: opening it and answering the first question. */
  coldStartMs: number;
  /**
   * A new process, from starting `node` to the first answer printed and the process gone: the command
   * a user runs (chithi: `node bin/chithi.js ask`; a peer: a plain Node script opening its index).
   */
  processStartMs?: number;
  p50Ms: number;
  p95Ms: number;
  questions: number;
  /** Questions answered (chithi: found; peers: at least one hit). */
  answered: number;
  /** Questions whose source passage (the one the phrase was taken from) is the first result. */
  source1?: number;
  /** Questions whose source passage (the one the phrase was taken from) is among the first five results. */
  source5: number;
  /** The same per kind of question (see scripts/bench-corpus.ts: copied or scattered words, with or without diacritics). */
  kinds?: Record<string, KindScore>;
  /**
   * Per kind again on the larger quality set (the timed questions and more from the same generator),
   * first run only: a quarter of 250 questions per kind cannot tell two engines a few questions apart.
   */
  qualityKinds?: Record<string, KindScore>;
  peakRssMb: number;
}

/** One engine at one size: one entry per run. */
export interface BenchRow {
  size: number;
  engine: string;
  ingest: IngestResult[];
  serve: ServeResult[];
  /**
   * One more document added to the index already served (scripts/bench.ts UPLOAD_DOCUMENT): the
   * call's time, to searchable and saved.
   */
  upload?: IngestResult[];
}

export interface BenchResults {
  /** The machine and settings, one line. */
  setup: string;
  runs: number;
  /** Questions timed (and scored) in every run. */
  questions: number;
  /** Questions scored per kind in the first run (the timed ones first); absent in older files. */
  qualityQuestions?: number;
  seed: number;
  /** Node with tsx and every engine's modules loaded, nothing indexed. */
  baselineRssMb: number;
  /** Whether the page cache could be dropped before each new-process start (needs root outside a container). */
  cacheDropped?: boolean;
  totalSeconds: number;
  rows: BenchRow[];
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 1048576, 1)} MB`;
const ms = (v: number) => (v < 10 ? fmt(v, 2) : v < 1000 ? fmt(v, 1) : fmt(v, 0));

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** "median (min–max)" over the runs, or the one value when there was one run. */
export function spread(values: number[], show: (v: number) => string): string {
  if (values.length === 0) return '—';
  if (values.length === 1) return show(values[0]!);
  return `${show(median(values))} (${show(Math.min(...values))}–${show(Math.max(...values))})`;
}

export function benchTable(rows: BenchRow[]): string {
  const header =
    '| passages | engine | ingest passages/s | one more document, ms | index on disk | peak RSS ingest, MB | ' +
    'peak RSS serving, MB | new process to first answer, ms | open index to first answer, ms | ' +
    'query p50, ms | query p95, ms | answered | source first | source in top 5 |';
  const lines = [header, '|' + ' --- |'.repeat(14)];
  for (const r of rows) {
    const i = r.ingest;
    const s = r.serve;
    const first = s[0];
    const share = (n: number | undefined) =>
      first && n !== undefined ? `${fmt((100 * n) / first.questions, 1)}%` : '—';
    const started = s.flatMap((x) => (x.processStartMs === undefined ? [] : [x.processStartMs]));
    const cells = [
      fmt(r.size),
      r.engine,
      spread(
        i.map((x) => x.passages / x.seconds),
        (v) => fmt(v),
      ),
      spread(
        (r.upload ?? []).map((x) => x.seconds * 1000),
        ms,
      ),
      i[0] ? mb(i[0].diskBytes) : '—',
      spread(
        i.map((x) => x.peakRssMb),
        (v) => fmt(v),
      ),
      spread(
        s.map((x) => x.peakRssMb),
        (v) => fmt(v),
      ),
      spread(started, ms),
      spread(
        s.map((x) => x.coldStartMs),
        ms,
      ),
      spread(
        s.map((x) => x.p50Ms),
        ms,
      ),
      spread(
        s.map((x) => x.p95Ms),
        ms,
      ),
      share(first?.answered),
      share(first?.source1),
      share(first?.source5),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Kinds of questions in the order the kinds table shows them. */
export const QUESTION_KINDS: Array<[string, string]> = [
  ['copy', 'copied phrase, diacritics'],
  ['copy-folded', 'copied phrase, no diacritics'],
  ['scattered', 'scattered words, diacritics'],
  ['scattered-folded', 'scattered words, no diacritics'],
];

/** A row's per-kind scores: the quality set's when it was asked, else the timed questions'. */
export const rowKinds = (r: BenchRow) => r.serve[0]?.qualityKinds ?? r.serve[0]?.kinds;

/**
 * Source found first / in the top five, per kind of question, with the number asked of each kind
 * (rows without kinds are left out).
 */
export function kindsTable(rows: BenchRow[]): string {
  const withKinds = rows.filter((r) => rowKinds(r));
  if (withKinds.length === 0) return '';
  const lines = [
    `| passages | engine | questions per kind | ${QUESTION_KINDS.map(([, label]) => label).join(' | ')} |`,
    '|' + ' --- |'.repeat(3 + QUESTION_KINDS.length),
  ];
  for (const r of withKinds) {
    const kinds = rowKinds(r)!;
    const cell = (kind: string) => {
      const k = kinds[kind];
      if (!k || k.questions === 0) return '—';
      const pct = (n: number) => `${fmt((100 * n) / k.questions, 1)}%`;
      return `${pct(k.source1)} / ${pct(k.source5)} (${fmt(k.source5)})`;
    };
    const counts = [...new Set(QUESTION_KINDS.map(([kind]) => kinds[kind]?.questions ?? 0))];
    lines.push(
      `| ${fmt(r.size)} | ${r.engine} | ${counts.map((n) => fmt(n)).join(', ')} | ${QUESTION_KINDS.map(([kind]) => cell(kind)).join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** Runs that disagree on what must not vary: a bug in the bench or the engine, never noise. */
export function inconsistentRuns(row: BenchRow): string[] {
  const out: string[] = [];
  const same = (name: string, values: number[]) => {
    if (new Set(values).size > 1)
      out.push(`${row.engine} at ${row.size}: ${name} differs between runs (${values.join(', ')})`);
  };
  same(
    'passages',
    row.ingest.map((x) => x.passages),
  );
  same(
    'answered',
    row.serve.map((x) => x.answered),
  );
  same(
    'source first',
    row.serve.map((x) => x.source1 ?? -1),
  );
  same(
    'source in top 5',
    row.serve.map((x) => x.source5),
  );
  if (new Set(row.serve.map((x) => JSON.stringify(x.kinds ?? {}))).size > 1)
    out.push(`${row.engine} at ${row.size}: sources found per kind differ between runs`);
  return out;
}

/** The README block: the table and the line that says how it was measured. */
export function renderBench(r: BenchResults): string {
  const minutes = Math.round(r.totalSeconds / 60);
  const kinds = kindsTable(r.rows);
  const cache =
    r.cacheDropped === undefined
      ? ''
      : r.cacheDropped
        ? ' The page cache was dropped before each new-process start.'
        : ' The page cache could not be dropped here (no permission), so new-process starts read warm files.';
  return [
    `Measured together on ${r.setup}; about ${minutes} minutes in all. Node with tsx and every engine's ` +
      `modules loaded, nothing indexed, peaks at ${fmt(r.baselineRssMb)} MB.${cache}`,
    '',
    benchTable(r.rows),
    ...(kinds
      ? [
          '',
          'Source passage first / in the top five (and how many in the top five), per kind of question, ' +
            'on the timed questions and more from the same generator (the first run; MiniSearch on the timed ones):',
          '',
          kinds,
        ]
      : []),
  ].join('\n');
}

/**
 * What `npm run check:figures` compares between the committed results and a fresh run of the same
 * corpus: the figures that do not depend on the machine's speed (passages stored, answered, source
 * found exactly; index size within 2%). Returns the differences, empty when they agree.
 */
export function compareDeterministic(committed: BenchRow, fresh: BenchRow): string[] {
  const out: string[] = [];
  const a = committed.ingest[0];
  const b = fresh.ingest[0];
  const s = committed.serve[0];
  const t = fresh.serve[0];
  const where = `${committed.engine} at ${fmt(committed.size)} passages`;
  if (!a || !b || !s || !t) return [`${where}: no measurement to compare`];
  if (a.passages !== b.passages)
    out.push(`${where}: passages ${a.passages} in the README, ${b.passages} now`);
  if (Math.abs(a.diskBytes - b.diskBytes) > 0.02 * a.diskBytes)
    out.push(`${where}: index on disk ${mb(a.diskBytes)} in the README, ${mb(b.diskBytes)} now`);
  if (s.questions !== t.questions || s.answered !== t.answered)
    out.push(
      `${where}: answered ${s.answered}/${s.questions} in the README, ${t.answered}/${t.questions} now`,
    );
  if (s.source5 !== t.source5)
    out.push(
      `${where}: source in top 5 ${s.source5}/${s.questions} in the README, ${t.source5}/${t.questions} now`,
    );
  if (s.source1 !== t.source1)
    out.push(
      `${where}: source first ${s.source1}/${s.questions} in the README, ${t.source1}/${t.questions} now`,
    );
  if (JSON.stringify(s.kinds ?? {}) !== JSON.stringify(t.kinds ?? {}))
    out.push(`${where}: sources found per kind of question differ from the README's`);
  if (JSON.stringify(s.qualityKinds ?? {}) !== JSON.stringify(t.qualityKinds ?? {}))
    out.push(`${where}: sources found per kind on the quality set differ from the README's`);
  return out;
}

/**
 * The V8 flags the bot runs with: what package.json's start script passes to node before
 * bin/chithi.js ("node --max-semi-space-size=4 bin/chithi.js start" → ["--max-semi-space-size=4"]).
 * The bench serves chithi with the same flags, so its memory is the bot's as `npm start` runs it.
 */
export function botNodeFlags(startScript: string): string[] {
  const words = startScript.trim().split(/\s+/);
  const bin = words.indexOf('bin/chithi.js');
  if (words[0] !== 'node' || bin < 0)
    throw new Error(`start script not "node … bin/chithi.js start": ${startScript}`);
  return words.slice(1, bin);
}
