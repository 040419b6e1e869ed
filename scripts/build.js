#!/usr/bin/env node
// Compiles src/ to dist/ (tsconfig.build.json) so `npm start` and `npx chithi` run JavaScript instead
// of compiling TypeScript at every start; `npm ci` and `npm install` run it ("prepare"). Without the
// TypeScript compiler (an install without dev dependencies) it says so and bin/chithi.js runs the
// sources through tsx, as before. Plain JavaScript: it must run before anything is compiled.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
} catch {
  process.stderr.write(
    'build: typescript is not installed; chithi will run its TypeScript sources through tsx\n',
  );
  process.exit(0);
}
const run = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});
if (run.status !== 0) process.exit(run.status ?? 1);
// The stamp says when dist/ was built: bin/chithi.js runs dist/ only when no source is newer.
fs.writeFileSync(path.join(root, 'dist', '.build-stamp'), new Date().toISOString() + '\n');
