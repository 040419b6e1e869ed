import { formatIngestReport } from '../../src/commands/ingest';
import { emptyIngestReport } from '../../src/ingest/ingest';

describe('formatIngestReport: what ingest did and where the time went', () => {
  it.each<[Partial<ReturnType<typeof emptyIngestReport>>, string[], string[]]>([
    [
      {
        added: ['a.txt', 'b.docx'],
        passages: 2300,
        stages: { readMs: 1250, parseMs: 420, writeMs: 80, factsMs: 310, keywordMs: 900, vectorsMs: 12000 },
      },
      [
        'Đã nạp: 2 tệp mới',
        '2300 đoạn được ghi',
        'Thời gian: đọc tệp 1,3 s · tách đoạn 0,4 s · ghi SQLite 0,1 s · dữ kiện 0,3 s · chỉ mục từ khóa 0,9 s · vectơ 12,0 s',
      ],
      [],
    ],
    // Parsed in worker threads: the total, and that two stages overlapped.
    [
      {
        added: ['a.txt'],
        stages: {
          readMs: 500,
          parseMs: 12000,
          writeMs: 4000,
          factsMs: 13000,
          keywordMs: 6000,
          totalMs: 21000,
          workers: 2,
        },
      },
      [
        'Thời gian: 21,0 s (đọc tệp 0,5 s · tách đoạn 12,0 s · ghi SQLite 4,0 s · dữ kiện 13,0 s · ' +
          'chỉ mục từ khóa 6,0 s; tách đoạn và dữ kiện chạy song song trên 2 luồng)',
      ],
      ['vectơ'],
    ],
    // Keyword only: no vectors stage.
    [
      { changed: ['a.txt'], stages: { readMs: 0, parseMs: 0, writeMs: 0, factsMs: 0, keywordMs: 50 } },
      ['chỉ mục từ khóa 0,1 s'],
      ['vectơ'],
    ],
    // Nothing new: no timing line.
    [
      { unchanged: ['a.txt'], stages: { readMs: 0, parseMs: 0, writeMs: 0, factsMs: 0, keywordMs: 1 } },
      ['1 tệp không đổi'],
      ['Thời gian'],
    ],
  ])('%#', (partial, shown, hidden) => {
    const text = formatIngestReport({ ...emptyIngestReport(), ...partial });
    for (const s of shown) expect(text).toContain(s);
    for (const s of hidden) expect(text).not.toContain(s);
  });
});
