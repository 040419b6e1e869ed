/**
 * A plan's targets listed under sub-headings ("1. Về kinh tế", "2. Về xã hội") answer "chỉ tiêu năm
 * 2026 là gì" directly although the question's words rank the plan's heading and opening above the
 * items: a list is supported by any of its items among the best passages.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../helpers/temp-dir';
import { ingestedApp, type TempApp } from '../helpers/temp-app';

const PLAN = path.join(PROJECT_ROOT, 'eval/genre/part-b/docs/ubnd-da-nang-ke-hoach-2026.txt');
let temp: TempApp;

beforeAll(async () => {
  temp = await ingestedApp(
    { 'ubnd-da-nang-ke-hoach-2026.txt': { copy: PLAN } },
    { clock: () => new Date('2026-03-02T02:00:00.000Z') },
  );
});
afterAll(() => temp.close());

test.each([
  'chỉ tiêu năm 2026 của UBND Đà Nẵng',
  'chi tieu nam 2026 cua ubnd da nang',
  'chỉ tiêu năm nay của UBND Đà Nẵng'.normalize('NFD'),
])('%s', async (question) => {
  const res = await temp.app.engine.ask(question);
  expect(res.found).toBe(true);
  expect(res.answer?.text).toMatch(
    /^Chỉ tiêu năm 2026 của UBND thành phố Đà Nẵng \(\d+\): Tốc độ tăng trưởng GRDP đạt 11% trở lên/u,
  );
  // The list's source is shown beside the best-matching passage.
  expect(res.results.map((r) => r.text).join('\n')).toContain('Tốc độ tăng trưởng GRDP đạt 11% trở lên');
});
