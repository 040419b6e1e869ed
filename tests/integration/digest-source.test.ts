import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../src/store/db';
import { upsertDocument } from '../../src/store/documents';
import { subscribe } from '../../src/store/subscriptions';
import { createDigestScheduler } from '../../src/digest/scheduler';
import { createDigestService } from '../../src/digest/service';
import { loadDigestInput } from '../../src/digest/source';
import { addDays } from '../../src/digest/time';
import type { Fact } from '../../src/facts/types';

const CHAT = -1004000000001;
const HCM = 'Asia/Ho_Chi_Minh';

// The facts engineer's table shape (id, document_id, passage_id, kind, year, data JSON); created here
// only when the facts store has not registered it.
const FACTS_TABLE = `CREATE TABLE IF NOT EXISTS facts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  passage_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  year INTEGER,
  data TEXT NOT NULL
)`;

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-digest-src-'));
  db = openDatabase(dir);
  db.exec(FACTS_TABLE);
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Adds a document whose paragraph i+1 holds texts[i], each with the fact facts[i]. */
function addDocument(
  file: string,
  title: string,
  facts: Array<{ text: string; fact: Fact; year?: number }>,
  at: string,
) {
  const { id, passageIds } = upsertDocument(
    db,
    {
      file,
      title,
      hash: file,
      format: 'txt',
      ocr: false,
      notes: [],
      passages: facts.map((f, i) => ({
        ordinal: i,
        paragraph: i + 1,
        kind: 'paragraph' as const,
        section: null,
        lead: null,
        page: null,
        text: f.text,
        years: [],
      })),
    },
    new Date(at),
  );
  const insert = db.prepare(
    `INSERT INTO facts (document_id, passage_id, kind, year, data) VALUES (?, ?, ?, ?, ?)`,
  );
  facts.forEach((f, i) => {
    const { kind, ...data } = f.fact;
    insert.run(id, passageIds[i], kind, f.year ?? null, JSON.stringify(data));
  });
}

const TARGETS = [
  'Tốc độ tăng trưởng GRDP đạt 8,5%',
  'Thu ngân sách nhà nước trên địa bàn đạt 12.500 tỷ đồng',
  'Tỷ lệ hộ nghèo giảm 1,5%',
  '100% xã đạt chuẩn nông thôn mới',
  'Tỷ lệ che phủ rừng đạt 46%',
  'Tỷ lệ lao động qua đào tạo đạt 72%',
  'Tạo việc làm mới cho 25.000 lao động',
  'Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95%',
];

describe('digest from the database', () => {
  it('reads deadlines, targets and new documents with their sources', () => {
    addDocument(
      'data/chi-thi-05.txt',
      'Chỉ thị 05/CT-UBND về tổng kết năm 2025',
      [
        {
          text: 'Mở đầu',
          fact: { kind: 'task', text: 'Các sở, ngành tổ chức tổng kết công tác năm 2025' },
          year: 2025,
        },
        {
          text: 'Hạn',
          fact: {
            kind: 'deadline',
            text: 'Gửi báo cáo tổng kết về Sở Nội vụ',
            date: { day: 15, month: 12, year: 2025, text: 'trước ngày 15/12/2025' },
            due: true,
          },
        },
        {
          text: 'Hạn quý',
          fact: {
            kind: 'deadline',
            text: 'Hoàn thành kiểm kê tài sản',
            date: { quarter: 4, year: 2025, text: 'trong quý IV/2025' },
            due: true,
          },
        },
        {
          text: 'Chỉ tiêu',
          fact: { kind: 'target', text: TARGETS[0] as string, values: ['8,5%'], year: 2025 },
        },
      ],
      '2025-12-01T03:00:00.000Z',
    );
    const input = loadDigestInput(db, CHAT, '2025-12-05', 14);
    expect(input.deadlines.map((d) => [d.fact.text, d.source.paragraph])).toEqual([
      ['Gửi báo cáo tổng kết về Sở Nội vụ', 2],
      ['Hoàn thành kiểm kê tài sản', 3],
    ]);
    expect(input.newDocuments.map((d) => d.file)).toEqual(['data/chi-thi-05.txt']);

    const service = createDigestService({
      db,
      clock: () => new Date('2025-12-05T01:00:00.000Z'),
      digest: { timezone: HCM, daysAhead: 14 },
    });
    const { text } = service.compose(CHAT, '2025-12-05');
    expect(text).toContain(
      '• 15/12 (còn 10 ngày): Gửi báo cáo tổng kết về Sở Nội vụ (Chỉ thị 05/CT-UBND về tổng kết năm 2025)',
    );
    expect(text).not.toContain('kiểm kê tài sản'); // 31/12 is beyond 14 days
    expect(text).toContain(`• ${TARGETS[0]} (Chỉ thị 05/CT-UBND về tổng kết năm 2025)`);
    expect(text).toContain('• Chỉ thị 05/CT-UBND về tổng kết năm 2025');
    // Never a path on the server.
    expect(text).not.toContain('data/');
  });

  it('sends what the preview shows, rotating every target before repeating, and new documents once', async () => {
    addDocument(
      'data/nghi-quyet-62.txt',
      'Nghị quyết 62/NQ-HĐND năm 2026',
      TARGETS.map((t) => ({
        text: t,
        fact: { kind: 'target' as const, text: t, values: [], year: 2026 },
        year: 2026,
      })),
      '2026-01-02T03:00:00.000Z',
    );
    subscribe(db, { chatId: CHAT, time: '07:30', timezone: HCM, now: '2026-01-01T00:00:00.000Z' });
    const state = { now: new Date('2026-01-05T00:00:00.000Z') };
    const service = createDigestService({
      db,
      clock: () => state.now,
      digest: { timezone: HCM, daysAhead: 14 },
    });
    const sent: string[] = [];
    const scheduler = createDigestScheduler({
      db,
      clock: () => state.now,
      compose: async (chatId, date) => service.compose(chatId, date),
      send: async (_chat, _thread, html) => {
        sent.push(html);
        return { messageId: sent.length };
      },
      graceHours: 6,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });

    const seenPerDay: string[][] = [];
    for (let d = 0; d < 4; d++) {
      const date = addDays('2026-01-05', d);
      if (d === 2) {
        state.now = new Date(`${addDays(date, -1)}T12:00:00.000Z`);
        addDocument('data/ke-hoach-07.txt', 'Kế hoạch 07/KH-UBND', [], state.now.toISOString());
      }
      state.now = new Date(`${addDays(date, -1)}T20:00:00.000Z`); // 03:00 local, before the digest
      const preview = service.compose(CHAT, date).html;
      state.now = new Date(`${addDays(date, -1)}T23:30:00.000Z`); // 06:30 local
      await scheduler.tick();
      expect(sent).toHaveLength(d);
      state.now = new Date(`${date}T00:30:00.000Z`); // 07:30 local
      await scheduler.tick();
      expect(sent).toHaveLength(d + 1);
      expect(sent[d]).toBe(preview);
      seenPerDay.push(TARGETS.filter((t) => preview.includes(t)));
    }
    // 8 targets, 3 a day: days 1-2 show 6 different ones, day 3 the remaining 2 (and wraps).
    expect(seenPerDay.map((s) => s.length)).toEqual([3, 3, 3, 3]);
    expect(new Set([...(seenPerDay[0] ?? []), ...(seenPerDay[1] ?? [])]).size).toBe(6);
    expect(new Set(seenPerDay.slice(0, 3).flat()).size).toBe(TARGETS.length);

    // The first digest lists documents of the past week; later ones only what came since.
    expect(sent[0]).toContain('• Nghị quyết 62/NQ-HĐND năm 2026');
    expect(sent[0]).not.toContain('.txt');
    expect(sent[1]).not.toContain('Văn bản mới');
    expect(sent[2]).toContain('Kế hoạch 07/KH-UBND');
    expect(sent[3]).not.toContain('Kế hoạch 07/KH-UBND');
  });
});
