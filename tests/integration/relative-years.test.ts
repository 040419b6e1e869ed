/**
 * "năm nay", "năm ngoái" in a question mean the years they name where the agency is (Vietnam time):
 * a report of another year is not the answer, and without one the answer says so.
 */
import path from 'node:path';
import { openApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { PROJECT_ROOT } from '../helpers/temp-dir';
import { ingestedApp, type TempApp } from '../helpers/temp-app';

const DOCS = path.join(PROJECT_ROOT, 'eval/genre/part-b/docs');
const REPORTS = {
  'cong-an-ca-mau-tong-ket-2023.txt': { copy: path.join(DOCS, 'cong-an-ca-mau-tong-ket-2023.txt') },
  'cong-an-ca-mau-tong-ket-2024.txt': { copy: path.join(DOCS, 'cong-an-ca-mau-tong-ket-2024.txt') },
};

let temps: TempApp[] = [];
afterEach(async () => {
  await Promise.all(temps.map((t) => t.close()));
  temps = [];
});

async function ingestedAt(instant: string) {
  const temp = await ingestedApp(REPORTS, { clock: () => new Date(instant) });
  temps.push(temp);
  return temp;
}

const at = async (instant: string) => (await ingestedAt(instant)).app;

test('"năm ngoái" in 2025 is the 2024 review, typed any way', async () => {
  const app = await at('2025-06-10T03:00:00.000Z');
  for (const q of [
    'năm ngoái Công an Cà Mau bắt bao nhiêu vụ',
    'năm ngoái Công an Cà Mau bắt bao nhiêu vụ'.normalize('NFD'),
    'nam ngoai cong an ca mau bat bao nhieu vu',
  ]) {
    const res = await app.engine.ask(q);
    expect(res.found).toBe(true);
    expect(res.question).toBe(q);
    expect(res.results[0]!.source.file).toMatch(/tong-ket-2024\.txt$/);
  }
});

test('"năm ngoái" in 2027 has no report: said plainly, with what is held', async () => {
  // The reports review 2023 and 2024 and plan 2024 and 2025: none is about 2026.
  const app = await at('2027-03-01T03:00:00.000Z');
  const res = await app.engine.ask('năm ngoái Công an Cà Mau bắt bao nhiêu vụ');
  expect(res.found).toBe(false);
  expect(res.results).toEqual([]);
  expect(res.scope?.message).toBe('Chưa có tài liệu nào về Công an tỉnh Cà Mau năm 2026.');
  expect(res.scope?.available.join(' ')).toContain('2024');
});

test('the year turns at midnight in Vietnam, not in UTC', async () => {
  // 31/12/2024 18:00 UTC is 1/1/2025 01:00 in Hà Nội: "năm ngoái" is 2024.
  const app = await at('2024-12-31T18:00:00.000Z');
  const res = await app.engine.ask('năm ngoái Công an Cà Mau bắt bao nhiêu vụ');
  expect(res.results[0]!.source.file).toMatch(/tong-ket-2024\.txt$/);
});

test('a time zone left unchecked at start (chithi ask) is refused, by name, when the year needs it', async () => {
  const temp = await ingestedAt('2025-06-10T03:00:00.000Z');
  const config = loadConfig(
    { INDEX_DIR: path.join(temp.tmp.path, 'index'), DIGEST_TIMEZONE: 'Asia/Hanoi_City' },
    { timeZone: 'defer' },
  );
  const open = async (instant: string) => {
    const app = await openApp(config, { semantic: false, notice: () => {}, clock: () => new Date(instant) });
    temps.push({ app, tmp: temp.tmp, close: () => app.close() });
    return app;
  };
  // In June the year is the same in every zone: the question is answered.
  const june = await open('2025-06-10T03:00:00.000Z');
  expect((await june.engine.ask('năm ngoái Công an Cà Mau bắt bao nhiêu vụ')).found).toBe(true);
  // On 31 December the zone decides: it is named as loadConfig names it.
  const eve = await open('2025-12-31T20:00:00.000Z');
  await expect(eve.engine.ask('năm ngoái Công an Cà Mau bắt bao nhiêu vụ')).rejects.toThrow(
    'DIGEST_TIMEZONE: múi giờ "Asia/Hanoi_City" không tồn tại',
  );
});

test('"quý trước", "quý này" are the quarters they mean where the agency is', async () => {
  const temp = await ingestedApp(
    {
      'cong-an-ca-mau-so-ket-quy-1-2025.txt': {
        copy: path.join(DOCS, 'cong-an-ca-mau-so-ket-quy-1-2025.txt'),
      },
    },
    // 2 May 2025 in Vietnam (1 May, 20:00 UTC): the second quarter.
    { clock: () => new Date('2025-05-01T20:00:00.000Z') },
  );
  temps.push(temp);
  for (const q of [
    'quý trước Công an Cà Mau xảy ra bao nhiêu vụ tai nạn giao thông',
    'quy truoc cong an ca mau xay ra bao nhieu vu tai nan giao thong',
    'Công an Cà Mau quý này tập trung làm gì'.normalize('NFD'),
  ]) {
    const res = await temp.app.engine.ask(q);
    expect(res.found).toBe(true);
    expect(res.question).toBe(q);
  }
  // The quarter before that (the fourth of 2024) has no report: said so, by its name.
  const later = await ingestedApp(
    {
      'cong-an-ca-mau-so-ket-quy-1-2025.txt': {
        copy: path.join(DOCS, 'cong-an-ca-mau-so-ket-quy-1-2025.txt'),
      },
    },
    { clock: () => new Date('2025-02-10T03:00:00.000Z') },
  );
  temps.push(later);
  const res = await later.app.engine.ask('quý trước Công an Cà Mau xảy ra bao nhiêu vụ tai nạn giao thông');
  expect(res.found).toBe(false);
  expect(res.scope?.message).toBe('Chưa có tài liệu nào về Công an tỉnh Cà Mau quý IV/2024.');
});
