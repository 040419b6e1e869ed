import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh directory under the OS temp dir; `remove()` deletes it with everything inside. */
export interface TempDir {
  path: string;
  /** Writes a file (text as UTF-8, or raw bytes) relative to the directory; returns its absolute path. */
  write(name: string, content: string | Buffer): string;
  remove(): void;
}

export function makeTempDir(prefix = 'chithi-test-'): TempDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    path: dir,
    write(name, content) {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      return file;
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const SEED_FILE = path.join(PROJECT_ROOT, 'data/bdbp-ninh-thuan-nghi-quyet-2025.txt');
export const REPORT_FIXTURES = path.join(PROJECT_ROOT, 'tests/fixtures/reports');
