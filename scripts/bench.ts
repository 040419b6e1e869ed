/**
 * `npm run bench`: chithi against MiniSearch 7.2 on the same generated Vietnamese passages and
 * questions (scripts/bench-corpus.ts). Every measurement of an engine runs in a child process of its
 * own, so the peak RSS is that engine's and nothing else's.
 *
 *   npm run bench                          10k and 100k passages, 1000 questions each
 *   npm run bench -- --sizes 10000         fewer sizes
 *   npm run bench -- --questions 300 --no-model --keep
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BenchQuestion, buildChain, PROJECT_ROOT, writeCorpus } from './bench-corpus';

// ---------------------------------------------------------------------------------------------
// Measurements, each run in a child process
// ---------------------------------------------------------------------------------------------

interface IngestResult {
  passages: number;
  seconds: number;
  diskBytes: number;
  peakRssMb: number;
}

interface ServeResult {
  coldStartMs: number;
  p50Ms: number;
  p95Ms: number;
  questions: number;
  /** Questions answered (chithi: found; MiniSearch: at least one hit). */
  answered: number;
  /** Questions whose source passage (the one the phrase was taken from) is among the first five results. */
  source5: number;
  peakRssMb: number;
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

function diskBytes(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(target).reduce((n, name) => n + diskBytes(path.join(target, name)), 0);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

/** Times `ask` over every question after a short warm-up; milliseconds, sorted. */
/** What one question gave: answered at all, and whether its source passage is in the first five. */
interface Asked {
  answered: boolean;
  source: boolean;
}

async function latencies(questions: BenchQuestion[], ask: (q: BenchQuestion) => Promise<Asked>) {
  for (const q of questions.slice(0, 20)) await ask(q);
  (globalThis as { gc?: () => void }).gc?.();
  const times: number[] = [];
  let answered = 0;
  let source5 = 0;
  for (const q of questions) {
    const t = performance.now();
    const r = await ask(q);
    times.push(performance.now() - t);
    if (r.answered) answered++;
    if (r.source) source5++;
  }
  times.sort((a, b) => a - b);
  return {
    p50Ms: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    questions: times.length,
    answered,
    source5,
  };
}

/** The generated passages, in order (what MiniSearch indexes; a question's `from` indexes it). */
const readPassages = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string);

/** A stored passage is the question's source when it holds the start of the generated passage. */
const sameStart = (stored: string, generated: string) =>
  stored.replace(/\s+/g, ' ').includes(generated.replace(/\s+/g, ' ').trim().slice(0, 60));

const readQuestions = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as BenchQuestion[];

function chithiEnv(indexDir: string, modelDir?: string): NodeJS.ProcessEnv {
  return {
    INDEX_DIR: indexDir,
    LOG_LEVEL: 'silent',
    ...(modelDir ? { EMBEDDING_MODEL_DIR: modelDir, EMBEDDING_DTYPE: 'fp32' } : {}),
  };
}

type ChildArgs = Record<string, string | undefined>;

// Loaded by the child that needs them only, so MiniSearch's RSS does not include chithi's modules and
// the other way round. require, not import(): tsx's CommonJS hook resolves .ts files for require only.
/* eslint-disable @typescript-eslint/no-require-imports */
const loadChithi = () => ({
  ...(require('../src/app') as typeof import('../src/app')),
  ...(require('../src/config') as typeof import('../src/config')),
});
const loadMiniSearch = () => {
  const m = require('minisearch') as typeof import('minisearch') & { default?: unknown };
  // The CommonJS build exports the class itself; the typings describe the ES module's default.
  return (m.default ?? m) as typeof import('minisearch').default;
};
const loadTinyModel = () =>
  require('../tests/helpers/tiny-model') as typeof import('../tests/helpers/tiny-model');
/* eslint-enable @typescript-eslint/no-require-imports */

const CHILDREN: Record<string, (a: ChildArgs) => Promise<IngestResult | ServeResult>> = {
  async 'chithi-ingest'(a) {
    const { openApp, loadConfig } = loadChithi();
    const config = loadConfig(chithiEnv(a.index!, a.model));
    const app = await openApp(config, { semantic: Boolean(a.model), notice: () => {} });
    const t = performance.now();
    const report = await app.ingest([a.docs!]);
    const seconds = (performance.now() - t) / 1000;
    await app.close();
    return { passages: report.passages, seconds, diskBytes: diskBytes(a.index!), peakRssMb: peakRssMb() };
  },

  async 'chithi-serve'(a) {
    const { openApp, loadConfig } = loadChithi();
    const questions = readQuestions(a.questions!);
    const config = loadConfig(chithiEnv(a.index!, a.model));
    const t = performance.now();
    const app = await openApp(config, { semantic: Boolean(a.model), notice: () => {} });
    await app.engine.ask(questions[0]!.q);
    const coldStartMs = performance.now() - t;
    const passages = readPassages(a.passages!);
    const measured = await latencies(questions, async (q) => {
      const res = await app.engine.ask(q.q, { top: 5 });
      // Ranking is scored on the ranked list, as the eval does, also when the answer is "not found".
      const ranked = res.found ? res.results : await app.engine.rank(q.q, 5);
      const from = passages[q.from] ?? '';
      return { answered: res.found, source: ranked.some((r) => sameStart(r.text, from)) };
    });
    await app.close();
    return { coldStartMs, ...measured, peakRssMb: peakRssMb() };
  },

  async 'minisearch-ingest'(a) {
    const MiniSearch = loadMiniSearch();
    const texts = fs
      .readFileSync(a.passages!, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as string);
    const t = performance.now();
    const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
    ms.addAll(texts.map((text, id) => ({ id, text })));
    fs.writeFileSync(a.out!, JSON.stringify(ms));
    const seconds = (performance.now() - t) / 1000;
    return { passages: texts.length, seconds, diskBytes: diskBytes(a.out!), peakRssMb: peakRssMb() };
  },

  async 'minisearch-serve'(a) {
    const MiniSearch = loadMiniSearch();
    const questions = readQuestions(a.questions!);
    const t = performance.now();
    const ms = MiniSearch.loadJSON(fs.readFileSync(a.out!, 'utf8'), { fields: ['text'] });
    ms.search(questions[0]!.q);
    const coldStartMs = performance.now() - t;
    const measured = await latencies(questions, async (q) => {
      const hits = ms.search(q.q);
      return { answered: hits.length > 0, source: hits.slice(0, 5).some((h) => h.id === q.from) };
    });
    return { coldStartMs, ...measured, peakRssMb: peakRssMb() };
  },

  /** What Node with tsx and the modules loaded costs before any index: the floor of every RSS above. */
  async baseline() {
    loadChithi();
    loadMiniSearch();
    return { passages: 0, seconds: 0, diskBytes: 0, peakRssMb: peakRssMb() };
  },
};

function runChild<T>(role: string, args: ChildArgs): T {
  const res = spawnSync(
    process.execPath,
    ['--expose-gc', '-r', 'tsx/cjs', __filename, '--child', role, JSON.stringify(args)],
    { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 },
  );
  const line = res.stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('BENCH_RESULT '));
  if (res.status !== 0 || !line)
    throw new Error(`bench child ${role} failed (exit ${res.status}): ${res.stdout}`);
  return JSON.parse(line.slice('BENCH_RESULT '.length)) as T;
}

// ---------------------------------------------------------------------------------------------
// The run: corpus, children, table
// ---------------------------------------------------------------------------------------------

interface Row {
  size: number;
  engine: string;
  ingest?: IngestResult;
  serve?: ServeResult;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 1048576, 1)} MB`;
const ms = (v: number) => (v < 10 ? `${fmt(v, 2)} ms` : `${fmt(v, 1)} ms`);

export function benchTable(rows: Row[]): string {
  const header =
    '| passages | engine | ingest passages/s | index on disk | peak RSS ingest | peak RSS serving | cold start | query p50 | query p95 | answered | source in top 5 |';
  const lines = [header, '|' + ' --- |'.repeat(11)];
  for (const r of rows) {
    const i = r.ingest;
    const s = r.serve;
    lines.push(
      `| ${fmt(r.size)} | ${r.engine} | ${i ? fmt(i.passages / i.seconds) : '—'} | ${i ? mb(i.diskBytes) : '—'} | ` +
        `${i ? `${fmt(i.peakRssMb)} MB` : '—'} | ${s ? `${fmt(s.peakRssMb)} MB` : '—'} | ` +
        `${s ? ms(s.coldStartMs) : '—'} | ${s ? ms(s.p50Ms) : '—'} | ${s ? ms(s.p95Ms) : '—'} | ` +
        `${s ? `${fmt((100 * s.answered) / s.questions, 1)}%` : '—'} | ` +
        `${s ? `${fmt((100 * s.source5) / s.questions, 1)}%` : '—'} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000' },
      questions: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '20250301' },
      'no-model': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
  const questionCount = Number(values.questions);
  const seed = Number(values.seed);
  if (sizes.some((n) => !Number.isInteger(n) || n < 100) || !(questionCount >= 10))
    throw new Error('--sizes takes passage counts ≥ 100 separated by commas; --questions a number ≥ 10');

  const started = performance.now();
  const log = (s: string) =>
    process.stderr.write(`[bench ${fmt((performance.now() - started) / 1000, 0)} s] ${s}\n`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-bench-'));
  const rows: Row[] = [];
  try {
    let modelDir: string | undefined;
    if (!values['no-model']) {
      // The test suite's tiny model (a token-embedding lookup, 64 dims): it measures the pipeline around
      // the model (tokenizer, batching, hnswlib, fusion), not the speed of multilingual-e5-small.
      const { createTinyModel } = loadTinyModel();
      modelDir = path.join(root, 'tiny-model');
      await createTinyModel(modelDir);
    }
    const chain = buildChain();
    log(`vocabulary: ${chain.files} source files, ${fmt(chain.words)} words`);
    const baseline = runChild<IngestResult>('baseline', {});
    for (const size of sizes) {
      const dir = path.join(root, String(size));
      const corpus = writeCorpus(dir, { passages: size, questions: questionCount, seed });
      log(`${fmt(size)} passages in ${corpus.documents} documents, ${questionCount} questions`);
      const keywordIndex = path.join(dir, 'chithi-keyword');
      const hybridIndex = path.join(dir, 'chithi-hybrid');
      const msFile = path.join(dir, 'minisearch.json');

      const kwIngest = runChild<IngestResult>('chithi-ingest', { docs: corpus.docsDir, index: keywordIndex });
      if (kwIngest.passages !== corpus.passages)
        log(`warning: chithi stored ${kwIngest.passages} passages for ${corpus.passages} generated`);
      log(`chithi keyword ingest: ${fmt(kwIngest.seconds, 1)} s`);
      const kwServe = runChild<ServeResult>('chithi-serve', {
        index: keywordIndex,
        questions: corpus.questionsFile,
        passages: corpus.passagesFile,
      });
      log(`chithi keyword queries done`);
      rows.push({ size, engine: 'chithi, keyword', ingest: kwIngest, serve: kwServe });

      if (modelDir) {
        const hyIngest = runChild<IngestResult>('chithi-ingest', {
          docs: corpus.docsDir,
          index: hybridIndex,
          model: modelDir,
        });
        log(`chithi hybrid ingest: ${fmt(hyIngest.seconds, 1)} s`);
        const hyServe = runChild<ServeResult>('chithi-serve', {
          index: hybridIndex,
          model: modelDir,
          questions: corpus.questionsFile,
          passages: corpus.passagesFile,
        });
        rows.push({ size, engine: 'chithi, hybrid (tiny model)', ingest: hyIngest, serve: hyServe });
        fs.rmSync(hybridIndex, { recursive: true, force: true });
      }

      const msIngest = runChild<IngestResult>('minisearch-ingest', {
        passages: corpus.passagesFile,
        out: msFile,
      });
      log(`MiniSearch ingest: ${fmt(msIngest.seconds, 1)} s`);
      const msServe = runChild<ServeResult>('minisearch-serve', {
        out: msFile,
        questions: corpus.questionsFile,
      });
      rows.push({ size, engine: 'MiniSearch 7.2', ingest: msIngest, serve: msServe });
      if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
    }

    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    process.stdout.write(
      [
        `chithi benchmark — ${os.cpus().length} cores (${cpu}), ${fmt(os.totalmem() / 2 ** 30, 0)} GB, ` +
          `Node ${process.versions.node}, ${os.platform()}; ${questionCount} questions per size ` +
          `(half without diacritics), seed ${seed}; total ${fmt((performance.now() - started) / 1000, 0)} s`,
        '',
        benchTable(rows),
        '',
        `Ingest: chithi reads and parses the .txt documents, writes SQLite, extracts facts and builds the ` +
          `keyword index (hybrid: also embeds and writes the vector index); MiniSearch indexes the same ` +
          `passage texts (field "text", default options) and saves its JSON.`,
        `Index on disk: chithi's index directory (SQLite with the passage texts, keyword and vector ` +
          `files); MiniSearch's JSON, which holds no text.`,
        `Cold start: open an existing index until the first answer (modules already loaded). Query: ` +
          `chithi's whole ask() (ranking, not-found decision, answering sentence); MiniSearch's search().`,
        `Peak RSS: each figure from its own process; Node with tsx and the modules loaded alone ` +
          `peaks at ${fmt(baseline.peakRssMb)} MB.`,
        modelDir
          ? `Hybrid uses the test suite's tiny model (tests/helpers/tiny-model.ts, 64 dims), not ` +
            `multilingual-e5-small: its figures are the pipeline's cost, not a real model's.`
          : 'Hybrid skipped (--no-model).',
      ].join('\n') + '\n',
    );
  } finally {
    if (values.keep) log(`kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  const role = process.argv[childAt + 1]!;
  const args = JSON.parse(process.argv[childAt + 2] ?? '{}') as ChildArgs;
  const run = CHILDREN[role];
  if (!run) throw new Error(`unknown bench child ${role}`);
  run(args)
    .then((r) => process.stdout.write(`BENCH_RESULT ${JSON.stringify(r)}\n`))
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    });
} else {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
