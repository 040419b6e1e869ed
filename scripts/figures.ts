/**
 * Regenerates the README's figure tables from one `chithi eval --json` run (the same code as
 * `chithi ingest` and `chithi ask`), or with --check fails when one no longer matches.
 *
 *   npm run figures              rewrite README.md
 *   npm run figures -- --bench   run `npm run bench` first (about half an hour), then rewrite
 *   npm run check:figures        exit 1 and show the differences when README.md is stale
 *
 * The speed table (`bench`) comes from the results file `npm run bench` writes
 * (eval/bench/results.json; a full run takes about half an hour). The check re-runs the bench at
 * 10,000 passages once, for chithi keyword and FTS5, and compares what does not depend on the
 * machine's speed (passages, index size, answered, source passage found) with the results file.
 *
 * Prettier then formats the tables (the check compares after formatting, so column padding never
 * counts as a difference).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import prettier from 'prettier';
import { BenchResults, compareDeterministic, renderBench } from '../src/eval/bench-table';
import { figureBlocks, FigureReports, renderFigures, replaceFigures } from '../src/eval/figures';
import { START_RESULTS, type StartResults } from './bench-start';

const ROOT = path.resolve(__dirname, '..');
const README = path.join(ROOT, 'README.md');
const BENCH_RESULTS = path.join(ROOT, 'eval', 'bench', 'results.json');
/** The engines and size the check re-runs (about 40 s). */
const CHECK_SIZE = 10000;
const CHECK_ENGINES: Record<string, string> = {
  'chithi-keyword': 'chithi, keyword',
  fts5: 'SQLite FTS5 (better-sqlite3 12)',
};

const readBench = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;

/** Re-runs the bench's machine-independent figures and lists where they differ from the results file. */
function checkBench(committed: BenchResults): string[] {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-figures-')), 'b.json');
  const run = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '-r',
      'tsx/cjs',
      path.join(ROOT, 'scripts/bench.ts'),
      '--sizes',
      String(CHECK_SIZE),
      '--runs',
      '1',
      '--questions',
      String(committed.questions),
      '--quality-questions',
      String(committed.qualityQuestions ?? committed.questions),
      '--seed',
      String(committed.seed),
      '--engines',
      Object.keys(CHECK_ENGINES).join(','),
      '--out',
      out,
    ],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (run.status !== 0) return [`npm run bench failed (exit ${run.status})`];
  const fresh = readBench(out);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return Object.values(CHECK_ENGINES).flatMap((engine) => {
    const a = committed.rows.find((r) => r.size === CHECK_SIZE && r.engine === engine);
    const b = fresh.rows.find((r) => r.size === CHECK_SIZE && r.engine === engine);
    return a && b ? compareDeterministic(a, b) : [`bench: no ${engine} row at ${CHECK_SIZE} passages`];
  });
}

/** The README's line on how long `chithi ask` takes, from eval/bench/start.json (`npm run bench:start`). */
function renderStart(r: StartResults): string {
  return (
    `\`${r.command}\` on the sample data, a new process each time, start to exit: ` +
    `**median ${r.medianMs} ms** (min ${r.minMs}, max ${r.maxMs}; ${r.runs} runs; ` +
    `${r.compiled ? 'compiled dist/' : 'TypeScript through tsx'}; Node ${r.node}, ${r.cpus} cores; ` +
    `measured ${r.date} by \`npm run bench:start\`).`
  );
}

/** What the README's transcript types into `npm start` without a token (the terminal chat). */
const TRANSCRIPT_INPUT = [
  'chỉ tiêu năm 2025 là gì?',
  'ai chủ trì hội nghị?',
  'năm 2024 thì sao?',
  'chỉ tiêu năm 2025 của BĐBP tỉnh Quảng Ninh?',
  'cảm ơn nhé',
];

/**
 * A transcript of `chithi start` without a token over the sample documents in data/ (a fresh index),
 * each typed line shown after its prompt: what a new user sees, produced by the code users run.
 */
function terminalTranscript(): string {
  const index = fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-transcript-'));
  try {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/chithi.js'), 'start'], {
      cwd: ROOT,
      encoding: 'utf8',
      input: TRANSCRIPT_INPUT.join('\n') + '\n',
      // An empty token wins over a developer's .env (dotenv never overrides what is set).
      env: { ...process.env, TELEGRAM_BOT_TOKEN: '', INDEX_DIR: index, DATA_DIR: path.join(ROOT, 'data') },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    if (run.status !== 0) throw new Error(`chithi start (terminal chat) exited with ${run.status}`);
    let typed = 0;
    const text = run.stdout
      .replace(/\n› \n/g, () => `\n› ${TRANSCRIPT_INPUT[typed++] ?? ''}\n`)
      .replace(/\n› $/, '')
      .trimEnd();
    return [
      '```text',
      `$ npm start          # no TELEGRAM_BOT_TOKEN: the terminal chat over data/`,
      text,
      '```',
    ].join('\n');
  } finally {
    fs.rmSync(index, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  if (process.argv.includes('--bench') && !check) {
    process.stderr.write('figures: npm run bench (about half an hour)\n');
    const bench = spawnSync(
      process.execPath,
      ['--expose-gc', '-r', 'tsx/cjs', path.join(ROOT, 'scripts/bench.ts'), '--out', BENCH_RESULTS],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (bench.status !== 0) {
      process.stderr.write(`npm run bench failed (exit ${bench.status})\n`);
      return 1;
    }
  }
  const readme = fs.readFileSync(README, 'utf8');
  const names = figureBlocks(readme);
  const evalNames = names.filter((n) => n !== 'bench' && n !== 'transcript' && n !== 'start');
  const parts = evalNames.includes('genre') ? [...evalNames, 'heldout'] : evalNames;
  process.stderr.write(`figures: ${names.join(', ')} (chithi eval --only ${parts.join(',')})\n`);
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin/chithi.js'), 'eval', '--json', '--only', parts.join(',')],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (run.status !== 0) {
    process.stderr.write(`chithi eval failed (exit ${run.status})\n`);
    return 1;
  }
  const reports = JSON.parse(run.stdout) as FigureReports & { skipped: Record<string, string[]> };
  const missing = Object.keys(reports.skipped ?? {});
  if (missing.length > 0) {
    process.stderr.write(`figures: no data for ${missing.join(', ')}; those tables cannot be checked\n`);
    return 1;
  }
  const options = (await prettier.resolveConfig(README)) ?? {};
  const format = (s: string) => prettier.format(s, { ...options, filepath: README });
  const blocks = renderFigures(reports);
  if (names.includes('transcript')) blocks.transcript = terminalTranscript();
  if (names.includes('start')) blocks.start = renderStart(JSON.parse(fs.readFileSync(START_RESULTS, 'utf8')));
  let benchProblems: string[] = [];
  if (names.includes('bench')) {
    const bench = readBench(BENCH_RESULTS);
    blocks.bench = renderBench(bench);
    if (check) benchProblems = checkBench(bench);
  }
  for (const p of benchProblems) process.stderr.write(`figures: ${p}\n`);
  const next = await format(replaceFigures(readme, blocks));
  const current = await format(readme);
  if (!check) {
    fs.writeFileSync(README, next);
    process.stderr.write(
      next === current ? 'figures: README.md already up to date\n' : 'figures: README.md rewritten\n',
    );
    return 0;
  }
  if (next === current && benchProblems.length === 0) {
    process.stderr.write('figures: every README figure matches what the code measures\n');
    return 0;
  }
  const a = current.split('\n');
  const b = next.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if (a[i] !== b[i]) process.stderr.write(`- ${a[i] ?? ''}\n+ ${b[i] ?? ''}\n`);
  process.stderr.write(
    benchProblems.length > 0
      ? 'figures: the speed table no longer matches the code; run "npm run bench" then "npm run figures"\n'
      : 'figures: README.md is stale; run "npm run figures"\n',
  );
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
