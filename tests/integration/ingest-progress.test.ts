/**
 * @jest-environment ./tests/helpers/onnx-environment.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { openApp } from '../../src/app';
import { createIngestProgress } from '../../src/commands/progress';
import { runIngest } from '../../src/commands/ingest';
import { loadConfig } from '../../src/config';
import { makeTempDir, REPORT_FIXTURES, SEED_FILE, TempDir } from '../helpers/temp-dir';
import { createTinyModel } from '../helpers/tiny-model';

let tmp: TempDir;
let docs: string;
let modelDir: string;

beforeAll(async () => {
  tmp = makeTempDir('chithi-progress-');
  docs = path.join(tmp.path, 'docs');
  fs.mkdirSync(docs);
  fs.copyFileSync(SEED_FILE, path.join(docs, path.basename(SEED_FILE)));
  for (const f of fs.readdirSync(REPORT_FIXTURES))
    fs.copyFileSync(path.join(REPORT_FIXTURES, f), path.join(docs, f));
  modelDir = path.join(tmp.path, 'tiny');
  await createTinyModel(modelDir);
});

afterAll(() => tmp.remove());

const openTinyApp = (index: string) =>
  openApp(
    loadConfig({
      INDEX_DIR: path.join(tmp.path, index),
      EMBEDDING_MODEL_DIR: modelDir,
      EMBEDDING_DTYPE: 'fp32',
    }),
    { notice: () => {} },
  );

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f]/;

describe('ingest progress', () => {
  it('App.ingest tells the number of files first, then each file, then the passages embedded', async () => {
    const app = await openTinyApp('index-a');
    const lines: string[] = [];
    const progress = createIngestProgress(
      { isTTY: false, write: (s: string) => lines.push(s) },
      { minPlainTotal: 1 },
    );
    const started: number[] = [];
    try {
      const report = await app.ingest([docs], {
        onStart: (n) => {
          started.push(n);
          progress.onStart(n);
        },
        onFile: progress.onFile,
        onVectors: progress.onVectors,
      });
      expect(started).toEqual([4]);
      expect(lines.filter((l) => l.startsWith('Đang nạp tệp'))).toEqual([
        'Đang nạp tệp 1/4 (25%)\n',
        'Đang nạp tệp 2/4 (50%)\n',
        'Đang nạp tệp 3/4 (75%)\n',
        'Đang nạp tệp 4/4 (100%)\n',
      ]);
      const vectors = lines.filter((l) => l.startsWith('Đang tính vectơ'));
      expect(vectors.length).toBeGreaterThan(0);
      expect(vectors.at(-1)).toContain(`${report.passages}/${report.passages} đoạn (100%)`);
      for (const l of lines) expect(l).not.toMatch(CONTROL);
    } finally {
      await app.close();
    }
  });

  it('chithi ingest writes plain progress lines to a stream that is not a terminal', async () => {
    const app = await openTinyApp('index-b');
    const progress: string[] = [];
    const summary: string[] = [];
    try {
      const code = await runIngest(app, [docs], false, (s) => summary.push(s), {
        isTTY: false,
        write: (s: string) => progress.push(s),
      });
      expect(code).toBe(0);
    } finally {
      await app.close();
    }
    // Four files are too few for file lines; the passages to embed are not.
    expect(progress.some((l) => l.startsWith('Đang nạp tệp'))).toBe(false);
    expect(progress.at(-1)).toMatch(/^Đang tính vectơ: (\d+)\/\1 đoạn \(100%\)/);
    for (const l of progress) expect(l).not.toMatch(CONTROL);
    expect(summary[0]).toContain('4 tệp mới');
  });
});
