/**
 * Regenerates the README's figure tables from one `chithi eval --json` run (the same code as
 * `chithi ingest` and `chithi ask`), or with --check fails when one no longer matches.
 *
 *   npm run figures          rewrite README.md
 *   npm run check:figures    exit 1 and show the differences when README.md is stale
 *
 * Prettier then formats the tables (the check compares after formatting, so column padding never
 * counts as a difference).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import prettier from 'prettier';
import { figureBlocks, FigureReports, renderFigures, replaceFigures } from '../src/eval/figures';

const ROOT = path.resolve(__dirname, '..');
const README = path.join(ROOT, 'README.md');

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const readme = fs.readFileSync(README, 'utf8');
  const names = figureBlocks(readme);
  const parts = names.includes('genre') ? [...names, 'heldout'] : names;
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
  const next = await format(replaceFigures(readme, renderFigures(reports)));
  const current = await format(readme);
  if (!check) {
    fs.writeFileSync(README, next);
    process.stderr.write(
      next === current ? 'figures: README.md already up to date\n' : 'figures: README.md rewritten\n',
    );
    return 0;
  }
  if (next === current) {
    process.stderr.write('figures: every README figure matches what the code measures\n');
    return 0;
  }
  const a = current.split('\n');
  const b = next.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if (a[i] !== b[i]) process.stderr.write(`- ${a[i] ?? ''}\n+ ${b[i] ?? ''}\n`);
  process.stderr.write('figures: README.md is stale; run "npm run figures"\n');
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
