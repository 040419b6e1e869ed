/**
 * Without an embedding model chithi answers with keyword search, and its start should not pay for what
 * it does not use: hnswlib-node's native addon is loaded only when a vector index is opened or built.
 * Here the addon "fails to load": ingest and a question must not notice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../helpers/temp-dir';

test('keyword mode ingests and answers without loading hnswlib-node', async () => {
  const tmp = makeTempDir();
  try {
    const data = path.join(tmp.path, 'data');
    fs.mkdirSync(data);
    fs.writeFileSync(
      path.join(data, 'bao-cao.txt'),
      'BÁO CÁO TỔNG KẾT NĂM 2024\n\nNăm 2025 phấn đấu kết nạp 45 đảng viên mới, tỷ lệ 9,5%.\n',
    );
    let loaded = false;
    jest.doMock('hnswlib-node', () => {
      loaded = true;
      throw new Error('hnswlib-node should not be loaded in keyword mode');
    });
    await jest.isolateModulesAsync(async () => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { openApp } = require('../../src/app') as typeof import('../../src/app');
      const { loadConfig } = require('../../src/config') as typeof import('../../src/config');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const notices: string[] = [];
      const app = await openApp(
        loadConfig({
          INDEX_DIR: path.join(tmp.path, 'index'),
          DATA_DIR: data,
          EMBEDDING_MODEL_DIR: path.join(tmp.path, 'no-model'),
        }),
        { notice: (m) => notices.push(m) },
      );
      try {
        expect(app.engine.mode).toBe('keyword');
        await app.ingest();
        const res = await app.engine.ask('chỉ tiêu kết nạp đảng viên năm 2025 là bao nhiêu?');
        expect(res.found).toBe(true);
        expect(res.results[0]!.text).toContain('45 đảng viên');
      } finally {
        await app.close();
      }
    });
    expect(loaded).toBe(false);
  } finally {
    jest.dontMock('hnswlib-node');
    tmp.remove();
  }
});
