import fs from 'node:fs';
import path from 'node:path';
import { openApp, type App, type OpenAppOptions } from '../../src/app';
import { loadConfig } from '../../src/config';
import { makeTempDir, type TempDir } from './temp-dir';

/** A keyword-only app over a temp DATA_DIR holding `files`, ingested, and how to throw it away. */
export interface TempApp {
  app: App;
  tmp: TempDir;
  close(): Promise<void>;
}

/**
 * Writes `files` (name → text, or name → path of a file to copy) into a fresh DATA_DIR, opens the real
 * app on a fresh index beside it (no embedding model) and ingests: what `chithi ingest` does.
 */
export async function ingestedApp(
  files: Record<string, string | { copy: string }>,
  options: Pick<OpenAppOptions, 'clock'> = {},
): Promise<TempApp> {
  const tmp = makeTempDir();
  const data = path.join(tmp.path, 'data');
  fs.mkdirSync(data);
  for (const [name, content] of Object.entries(files)) {
    if (typeof content === 'string') fs.writeFileSync(path.join(data, name), content);
    else fs.copyFileSync(content.copy, path.join(data, name));
  }
  const app = await openApp(loadConfig({ INDEX_DIR: path.join(tmp.path, 'index'), DATA_DIR: data }), {
    semantic: false,
    notice: () => {},
    ...options,
  });
  await app.ingest();
  return {
    app,
    tmp,
    async close() {
      await app.close();
      tmp.remove();
    },
  };
}
