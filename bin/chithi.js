#!/usr/bin/env node
// `npm start` runs this with --max-semi-space-size=4 (package.json): a bot keeps little between
// questions (about 10 MB after a collection), but a young generation left to grow to V8's 16 MB
// semi-spaces held ~50 MB more at its peak (issue 14, decision 012). Not in this shebang: "env -S"
// is missing on some systems (BusyBox), and a one-question command does not need it.
// Runs the compiled JavaScript in dist/ (`npm run build`, which `npm ci` and `npm install` run), so a
// start does not compile TypeScript. When dist/ is missing or older than a file in src/ (a source
// edited since the build), it runs the TypeScript sources through tsx instead: never stale code.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

/** The newest modification time of the files under `dir`, in milliseconds. */
function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

function builtIsCurrent() {
  try {
    return fs.statSync(path.join(root, 'dist', '.build-stamp')).mtimeMs >= newest(path.join(root, 'src'));
  } catch {
    return false;
  }
}

let cli;
if (process.env.CHITHI_FROM_SOURCE !== '1' && builtIsCurrent()) {
  cli = require('../dist/cli.js');
} else {
  require('tsx/cjs');
  cli = require('../src/cli.ts');
}
cli.runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exitCode = 1;
  },
);
