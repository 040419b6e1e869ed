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

export interface ServeResult {
  coldStartMs: number;
  p50Ms: number;
  p95Ms: number;
  questions: number;
  /** Questions answered (chithi: found; peers: at least one hit). */
  answered: number;
  /** Questions whose source passage (the one the phrase was taken from) is among the first five results. */
  source5: number;
  peakRssMb: number;
}

/** One engine at one size: one entry per run. */
export interface BenchRow {
  size: number;
  engine: string;
  ingest: IngestResult[];
  serve: ServeResult[];
}

export interface BenchResults {
  /** The machine and settings, one line. */
  setup: string;
  runs: number;
  questions: number;
  seed: number;
  /** Node with tsx and every engine's modules loaded, nothing indexed. */
  baselineRssMb: number;
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
    '| passages | engine | ingest passages/s | index on disk | peak RSS ingest, MB | peak RSS serving, MB | ' +
    'cold start, ms | query p50, ms | query p95, ms | answered | source in top 5 |';
  const lines = [header, '|' + ' --- |'.repeat(11)];
  for (const r of rows) {
    const i = r.ingest;
    const s = r.serve;
    const first = s[0];
    const share = (n: number) => (first ? `${fmt((100 * n) / first.questions, 1)}%` : '—');
    lines.push(
      `| ${fmt(r.size)} | ${r.engine} | ${spread(
        i.map((x) => x.passages / x.seconds),
        (v) => fmt(v),
      )} | ${i[0] ? mb(i[0].diskBytes) : '—'} | ` +
        `${spread(
          i.map((x) => x.peakRssMb),
          (v) => fmt(v),
        )} | ${spread(
          s.map((x) => x.peakRssMb),
          (v) => fmt(v),
        )} | ` +
        `${spread(
          s.map((x) => x.coldStartMs),
          ms,
        )} | ${spread(
          s.map((x) => x.p50Ms),
          ms,
        )} | ${spread(
          s.map((x) => x.p95Ms),
          ms,
        )} | ` +
        `${first ? share(first.answered) : '—'} | ${first ? share(first.source5) : '—'} |`,
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
    'source in top 5',
    row.serve.map((x) => x.source5),
  );
  return out;
}

/** The README block: the table and the line that says how it was measured. */
export function renderBench(r: BenchResults): string {
  const minutes = Math.round(r.totalSeconds / 60);
  return [
    `Measured on ${r.setup}; about ${minutes} minutes in all. Node with tsx and every engine's modules ` +
      `loaded, nothing indexed, peaks at ${fmt(r.baselineRssMb)} MB.`,
    '',
    benchTable(r.rows),
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
  return out;
}
