/**
 * How long a user waits for `chithi ask` (issue 14): the command users run, `node bin/chithi.js ask
 * "chỉ tiêu 2025 là gì?"`, as a new process each time, on an index of the sample documents in data/,
 * from start to exit. Reports min / median / max of the runs and writes eval/bench/start.json, from
 * which `npm run figures` writes the README line.
 *
 *   npm run bench:start [-- --runs 15]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
export const START_RESULTS = path.join(ROOT, 'eval', 'bench', 'start.json');
const QUESTION = 'chỉ tiêu 2025 là gì?';

export interface StartResults {
  command: string;
  question: string;
  runs: number;
  /** Milliseconds, process start to exit. */
  minMs: number;
  medianMs: number;
  maxMs: number;
  /** True when bin/chithi.js ran the compiled dist/ (false: TypeScript through tsx). */
  compiled: boolean;
  node: string;
  cpus: number;
  date: string;
}

function main(): number {
  const at = process.argv.indexOf('--runs');
  const runs = at > 0 ? Math.max(3, Number(process.argv[at + 1]) || 11) : 11;
  const index = fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-bench-start-'));
  const env = { ...process.env, INDEX_DIR: index, DATA_DIR: path.join(ROOT, 'data'), TELEGRAM_BOT_TOKEN: '' };
  const bin = path.join(ROOT, 'bin', 'chithi.js');
  // Measure what users run: dist/ compiled from the sources as they are now.
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const compiled = build.status === 0 && fs.existsSync(path.join(ROOT, 'dist', 'cli.js'));
  try {
    const ingest = spawnSync(process.execPath, [bin, 'ingest'], { cwd: ROOT, env, stdio: 'ignore' });
    if (ingest.status !== 0) throw new Error(`chithi ingest exited with ${ingest.status}`);
    const times: number[] = [];
    // One run first so the files are in the page cache as they are for a bot answering all day.
    for (let i = 0; i <= runs; i++) {
      const started = process.hrtime.bigint();
      const run = spawnSync(process.execPath, [bin, 'ask', QUESTION], { cwd: ROOT, env, encoding: 'utf8' });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (run.status !== 0 || !run.stdout.includes('100%'))
        throw new Error(`chithi ask failed:\n${run.stderr}`);
      if (i > 0) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const results: StartResults = {
      command: `node bin/chithi.js ask "${QUESTION}"`,
      question: QUESTION,
      runs,
      minMs: Math.round(times[0]!),
      medianMs: Math.round(times[Math.floor(times.length / 2)]!),
      maxMs: Math.round(times[times.length - 1]!),
      compiled: compiled && process.env.CHITHI_FROM_SOURCE !== '1',
      node: process.version,
      cpus: os.cpus().length,
      date: new Date().toISOString().slice(0, 10),
    };
    fs.mkdirSync(path.dirname(START_RESULTS), { recursive: true });
    fs.writeFileSync(START_RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(
      `${results.command}: median ${results.medianMs} ms (min ${results.minMs}, max ${results.maxMs}, ${runs} runs)\n`,
    );
    return 0;
  } finally {
    fs.rmSync(index, { recursive: true, force: true });
  }
}

if (require.main === module) process.exitCode = main();
