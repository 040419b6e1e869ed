import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TelegramTestServer } from './telegram-server';

const ROOT = path.resolve(__dirname, '../..');

export interface ChithiProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Kills the process if it still runs (for afterAll). */
  kill(): void;
}

/**
 * Starts the real `chithi start` (node bin/chithi.js start) against the Bot API emulator and waits
 * until it polls for updates, i.e. after its start-up ingest. `env` adds DATA_DIR, INDEX_DIR, ids …
 */
export async function startChithiProcess(
  server: TelegramTestServer,
  env: Record<string, string>,
  options: { readyTimeoutMs?: number } = {},
): Promise<ChithiProcess> {
  let output = '';
  // A restarted process polls anew: only calls made after this start count as its readiness.
  const before = server.calls.length;
  const child = spawn(process.execPath, ['bin/chithi.js', 'start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TELEGRAM_BOT_TOKEN: server.token,
      TELEGRAM_API_ROOT: server.apiRoot,
      RATE_LIMIT_PER_MINUTE: '100',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  while (!server.calls.slice(before).some((c) => c.method === 'getUpdates')) {
    if (child.exitCode !== null) throw new Error(`chithi start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`chithi start did not begin polling:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    output: () => output,
    exited,
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
