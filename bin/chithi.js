#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx chithi` works right after `npm ci`.
require('tsx/cjs');
const { runCli } = require('../src/cli.ts');
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exitCode = 1;
  },
);
