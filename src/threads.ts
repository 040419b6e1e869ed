import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Worker threads to use when none is configured: the machine's cores, at most 4. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/**
 * How to start the worker script `name` that sits next to the module in `dir`: the compiled one in
 * dist/, or the TypeScript source through tsx (tests, a source checkout without a build); null when
 * neither is there.
 */
export function workerScript(dir: string, name: string): { file: string; execArgv: string[] } | null {
  const compiled = path.join(dir, `${name}.js`);
  if (fs.existsSync(compiled)) return { file: compiled, execArgv: [] };
  const source = path.join(dir, `${name}.ts`);
  if (fs.existsSync(source)) return { file: source, execArgv: ['--require', 'tsx/cjs'] };
  return null;
}
