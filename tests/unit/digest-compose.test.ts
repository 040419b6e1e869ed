import {
  composeDigest,
  digestPlainText,
  formatDeadlinesAhead,
  nextOccurrence,
  resolvePartialDate,
  rotate,
  type DigestInput,
  type DigestItem,
} from '../../src/digest/compose';
import { addDays } from '../../src/digest/time';
import type { DeadlineFact, PartialDate, TargetFact, TaskFact } from '../../src/facts/types';

const source = (paragraph: number, title = 'Chỉ thị 15/CT-UBND về phòng cháy chữa cháy') => ({
  title,
  file: 'data/chi-thi-15.txt',
  paragraph,
});

function deadline(
  id: number,
  text: string,
  date: PartialDate,
  contextYear?: number,
  extra: Partial<DeadlineFact> = {},
): DigestItem<DeadlineFact> {
  return {
    id,
    fact: { kind: 'deadline', text, date, due: true, statement: 'deadline', ...extra },
    source: source(id),
    ...(contextYear ? { contextYear } : {}),
  };
}

function target(id: number, text: string, year?: number): DigestItem<TargetFact> {
  return { id, fact: { kind: 'target', text, values: [], ...(year ? { year } : {}) }, source: source(id) };
}

function task(id: number, text: string, year?: number): DigestItem<TaskFact> {
  return { id, fact: { kind: 'task', text, ...(year ? { year } : {}) }, source: source(id) };
}

function input(overrides: Partial<DigestInput>): DigestInput {
  return {
    date: '2025-12-05',
    chatId: -1001234567890,
    deadlines: [],
    targets: [],
    tasks: [],
    newDocuments: [],
    daysAhead: 14,
    ...overrides,
  };
}

describe('resolvePartialDate', () => {
  it.each<[string, PartialDate, number | undefined, string | null]>([
    ['full date', { day: 15, month: 12, year: 2025, text: 'trước ngày 15/12/2025' }, undefined, '2025-12-15'],
    ['quarter IV', { quarter: 4, year: 2025, text: 'trong quý IV/2025' }, undefined, '2025-12-31'],
    ['quarter I', { quarter: 1, year: 2026, text: 'quý I/2026' }, undefined, '2026-03-31'],
    ['quarter II', { quarter: 2, year: 2026, text: 'quý II năm 2026' }, undefined, '2026-06-30'],
    ['month of a leap year', { month: 2, year: 2024, text: 'tháng 2/2024' }, undefined, '2024-02-29'],
    ['month', { month: 11, year: 2025, text: 'trong tháng 11/2025' }, undefined, '2025-11-30'],
    ['day and month with the document year', { day: 3, month: 12, text: 'Sáng 3/12' }, 2025, '2025-12-03'],
    ['day and month without any year', { day: 3, month: 12, text: 'Sáng 3/12' }, undefined, null],
    ['a year only', { year: 2025, text: 'trong năm 2025' }, undefined, null],
    ['a holiday', { text: 'dịp Tết Nguyên đán' }, 2026, null],
    ['an impossible day', { day: 31, month: 2, year: 2025, text: '31/2/2025' }, undefined, null],
    ['a quarter without a year', { quarter: 3, text: 'quý III' }, 2025, null],
  ])('%s', (_name, date, contextYear, expected) => {
    expect(resolvePartialDate(date, contextYear)).toBe(expected);
  });
});

describe('nextOccurrence', () => {
  const monthly = (day: number, year?: number): PartialDate => ({
    day,
    every: 'month',
    text: `trước ngày ${day} hằng tháng`,
    ...(year ? { year } : {}),
  });
  it.each<[string, PartialDate, string, number | undefined, string | null]>([
    ['later this month', monthly(20, 2025), '2025-12-05', undefined, '2025-12-20'],
    ['the day itself', monthly(20, 2025), '2025-11-20', undefined, '2025-11-20'],
    ['passed this month: next month', monthly(5, 2025), '2025-10-06', undefined, '2025-11-05'],
    [
      'passed in the last month of the year it applies: none',
      monthly(5, 2025),
      '2025-12-06',
      undefined,
      null,
    ],
    ['a year before it applies: its first month', monthly(20, 2026), '2025-12-05', undefined, '2026-01-20'],
    ['the year from the document when the date has none', monthly(20), '2025-06-21', 2025, '2025-07-20'],
    ['no year known: any year', monthly(20), '2027-12-21', undefined, '2028-01-20'],
    ['a day February does not have: its last day', monthly(31, 2024), '2024-02-01', undefined, '2024-02-29'],
    [
      'every quarter: its last month',
      { day: 20, every: 'quarter', year: 2026, text: 'trước ngày 20 tháng cuối quý' },
      '2026-04-02',
      undefined,
      '2026-06-20',
    ],
    [
      'every quarter, the day passed: next quarter',
      { day: 20, every: 'quarter', year: 2026, text: 'trước ngày 20 tháng cuối quý' },
      '2026-03-21',
      undefined,
      '2026-06-20',
    ],
    [
      'every year',
      { day: 15, month: 12, every: 'year', year: 2025, text: 'chậm nhất ngày 15/12 hằng năm' },
      '2025-03-01',
      undefined,
      '2025-12-15',
    ],
    [
      'every year, a month alone: its last day',
      { month: 10, every: 'year', text: 'trước tháng 10 hằng năm' },
      '2025-10-31',
      2025,
      '2025-10-31',
    ],
    [
      'a one-off date is not one',
      { day: 15, month: 12, year: 2025, text: '15/12/2025' },
      '2025-12-01',
      undefined,
      null,
    ],
    ['a bad day', monthly(20, 2025), '2025-13-01', undefined, null],
  ])('%s', (_name, date, from, contextYear, expected) => {
    expect(nextOccurrence(date, from, contextYear)).toBe(expected);
    // Never a one-off day: resolvePartialDate leaves it to nextOccurrence.
    if (date.every) expect(resolvePartialDate(date, contextYear)).toBeNull();
  });
});

describe('composeDigest', () => {
  it('lists a deadline that comes back at its next day, says how often, and never as overdue', () => {
    const monthly = deadline(
      1,
      'Các đồn báo cáo kết quả chống khai thác IUU về Bộ Chỉ huy trước ngày 20 hằng tháng',
      { day: 20, every: 'month', year: 2025, text: 'trước ngày 20 hằng tháng' },
      2025,
    );
    const before = composeDigest(input({ date: '2025-11-13', deadlines: [monthly] })).text;
    expect(before).toContain('20/11 (hằng tháng, còn 7 ngày): Các đồn báo cáo kết quả chống khai thác IUU');
    expect(before).toContain('Đến hạn trong 7 ngày tới');
    // The day after: next month's, three weeks and more away, outside the 14 days; nothing overdue.
    const after = composeDigest(input({ date: '2025-11-21', deadlines: [monthly] }));
    expect(after.text).not.toContain('IUU');
    expect(after.text).not.toContain('Quá hạn');
    expect(composeDigest(input({ date: '2025-12-08', deadlines: [monthly] })).text).toContain(
      '20/12 (hằng tháng, còn 12 ngày)',
    );
    // The year it applies is over.
    expect(composeDigest(input({ date: '2026-01-10', deadlines: [monthly] })).text).not.toContain('IUU');
    // /hanchot lists it the same way.
    expect(
      digestPlainText(formatDeadlinesAhead(input({ date: '2025-11-13', deadlines: [monthly] }), 14)),
    ).toContain('20/11 (hằng tháng, còn 7 ngày)');
  });

  it.each([
    ['2025-12-05', 'Nhắc việc ngày 05/12/2025'],
    ['2026-01-01', 'Nhắc việc ngày 01/01/2026'],
    ['2025-09-30', 'Nhắc việc ngày 30/09/2025'],
  ])('titles the digest of %s as "%s"', (date, title) => {
    const digest = composeDigest(input({ date, tasks: [task(1, 'Tổ chức diễn tập phòng cháy')] }));
    expect(digest.html.startsWith(`<b>${title}</b>`)).toBe(true);
    expect(digest.text.startsWith(title)).toBe(true);
  });

  it('groups time limits by urgency, soonest first, with when in words; keeps no past or unrelated dates', () => {
    const digest = composeDigest(
      input({
        deadlines: [
          deadline(1, 'Nộp báo cáo tổng kết năm', { quarter: 4, year: 2025, text: 'quý IV/2025' }),
          deadline(2, 'Gửi kế hoạch kiểm tra', { day: 5, month: 12, year: 2025, text: 'ngày 05/12/2025' }),
          deadline(3, 'Hoàn thành rà soát hồ sơ', { day: 6, month: 12, text: 'ngày 6/12' }, 2025),
          deadline(4, 'Báo cáo sơ kết 6 tháng', { day: 30, month: 6, year: 2025, text: '30/6/2025' }),
          deadline(5, 'Tổng kết công tác năm 2026', { day: 20, month: 1, year: 2026, text: '20/01/2026' }),
          deadline(6, 'Chuẩn bị Tết', { text: 'dịp Tết Nguyên đán' }),
          deadline(7, 'Nộp hồ sơ thi đua', { day: 1, month: 12, year: 2025, text: '01/12/2025' }),
          deadline(8, 'Kiểm tra kho', { day: 8, month: 12, year: 2025, text: '08/12/2025' }),
          // Dates that are no time limit: a period named in a report, a result, a meeting held.
          deadline(
            9,
            'Trong quý IV, đơn vị tuần tra',
            { day: 7, month: 12, year: 2025, text: 'x' },
            undefined,
            {
              due: false,
            },
          ),
          deadline(
            10,
            'Đã hoàn thành trước ngày 7/12',
            { day: 7, month: 12, year: 2025, text: 'x' },
            undefined,
            {
              statement: 'result',
            },
          ),
          deadline(11, 'Chiều 9/12, HĐND họp', { day: 9, month: 12, year: 2025, text: 'x' }, undefined, {
            statement: 'event',
          }),
        ],
      }),
    );
    const lines = digest.text.split('\n');
    const at = (heading: string) => lines.indexOf(heading);
    expect(at('⚠️ Quá hạn và đến hạn hôm nay')).toBeGreaterThan(0);
    expect(at('📅 Đến hạn trong 7 ngày tới')).toBeGreaterThan(at('⚠️ Quá hạn và đến hạn hôm nay'));
    expect(lines.filter((l) => l.startsWith('• '))).toEqual([
      '• 01/12 (quá hạn 4 ngày): Nộp hồ sơ thi đua (Chỉ thị 15/CT-UBND về phòng cháy chữa cháy)',
      '• 05/12 (hôm nay): Gửi kế hoạch kiểm tra (Chỉ thị 15/CT-UBND về phòng cháy chữa cháy)',
      '• ⏰ 06/12 (ngày mai): Hoàn thành rà soát hồ sơ (Chỉ thị 15/CT-UBND về phòng cháy chữa cháy)',
      '• ⏰ 08/12 (còn 3 ngày): Kiểm tra kho (Chỉ thị 15/CT-UBND về phòng cháy chữa cháy)',
    ]);
    expect(digest.isEmpty).toBe(false);

    const later = composeDigest(
      input({
        date: '2025-12-20',
        deadlines: [deadline(1, 'Nộp báo cáo', { quarter: 4, year: 2025, text: 'quý IV/2025' })],
      }),
    );
    expect(later.text).toContain('🗓 Đến hạn từ 8 đến 14 ngày tới\n• 31/12 (còn 11 ngày): Nộp báo cáo');
  });

  it('says who must do it, unless the statement opens with who', () => {
    const digest = composeDigest(
      input({
        deadlines: [
          deadline(1, 'Rà soát đường mòn, lối mở', { day: 8, month: 12, year: 2025, text: 'x' }, undefined, {
            assignee: 'Phòng Tham mưu',
          }),
          deadline(
            2,
            'Sở Tài chính trình phương án',
            { day: 9, month: 12, year: 2025, text: 'x' },
            undefined,
            {
              assignee: 'Sở Tài chính',
            },
          ),
        ],
      }),
    );
    expect(digest.text).toContain('Rà soát đường mòn, lối mở — Phòng Tham mưu (');
    expect(digest.text).toContain('Sở Tài chính trình phương án (');
    expect(digest.html).toContain('— <b>Phòng Tham mưu</b>');
  });

  it('a due date before its own document, or in a document dated after the digest, is not a reminder', () => {
    const dated = (id: number, docDate: string) => ({
      ...deadline(id, `Việc ${id}`, { day: 10, month: 12, year: 2025, text: 'x' }),
      source: { ...source(id), date: docDate },
    });
    const digest = composeDigest(input({ deadlines: [dated(1, '2025-12-20'), dated(2, '2025-11-01')] }));
    expect(digest.text).not.toContain('Việc 1');
    expect(digest.text).toContain('Việc 2');
  });

  it('escapes markup coming from documents', () => {
    const digest = composeDigest(
      input({
        tasks: [task(1, 'Tăng <b>cường</b> kiểm tra & xử lý "vi phạm"', 2025)],
        newDocuments: [
          { title: 'Báo cáo <script>', file: 'data/a<b>.txt', addedAt: '2025-12-04T02:00:00.000Z' },
        ],
      }),
    );
    expect(digest.html).toContain('Tăng &lt;b&gt;cường&lt;/b&gt; kiểm tra &amp; xử lý &quot;vi phạm&quot;');
    expect(digest.html).toContain('Báo cáo &lt;script&gt;');
    expect(digest.html).not.toContain('<b>cường');
    expect(digest.html).not.toContain('<script>');
    expect(digest.text).toContain('Tăng <b>cường</b> kiểm tra & xử lý "vi phạm"');
  });

  it.each([
    [50, 0, 0],
    [200, 40, 120],
    [0, 0, 300],
  ])('stays under 4096 characters with %i deadlines, %i tasks, %i new documents', (nd, nt, ndoc) => {
    const long =
      'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố khẩn trương rà soát, tổng hợp và báo cáo kết quả '.repeat(
        4,
      );
    const digest = composeDigest(
      input({
        deadlines: Array.from({ length: nd }, (_, i) =>
          deadline(i + 1, `${i + 1}. ${long}`, { day: 5 + (i % 10), month: 12, year: 2025, text: 'x' }),
        ),
        tasks: Array.from({ length: nt }, (_, i) => task(1000 + i, `${long} (${i})`, 2025)),
        rotationSize: 40,
        newDocuments: Array.from({ length: ndoc }, (_, i) => ({
          title: `Kế hoạch số ${i + 1}/KH-UBND triển khai nhiệm vụ trọng tâm năm 2026`,
          file: `data/ke-hoach-${i + 1}.docx`,
          addedAt: `2025-12-04T0${i % 10}:00:00.000Z`,
        })),
      }),
    );
    expect(digest.full.length).toBeLessThanOrEqual(4096);
    // The first message is short; every item is either shown or counted, there and in the full one.
    expect(digest.text.length).toBeLessThan(1700);
    expect(digest.hasMore).toBe(true);
    for (const text of [digest.text, digestPlainText(digest.full)]) {
      const shown = text.split('\n').filter((l) => l.startsWith('• ')).length;
      const hidden = [...text.matchAll(/và (\d+) mục khác/g)].reduce((s, m) => s + Number(m[1]), 0);
      expect(shown + hidden).toBe(nd + Math.min(nt, 40) + ndoc);
      expect(hidden).toBeGreaterThan(0);
    }
    expect(digest.text).toContain('/hoi');
  });

  it('sends a short friendly message when there is nothing to remind of', () => {
    const digest = composeDigest(
      input({ deadlines: [deadline(1, 'Báo cáo cũ', { day: 1, month: 3, year: 2025, text: '01/3/2025' })] }),
    );
    expect(digest.isEmpty).toBe(true);
    expect(digest.text).toContain('Nhắc việc ngày 05/12/2025');
    expect(digest.text).toContain('không có hạn nào sắp tới');
    expect(digest.html.length).toBeLessThan(200);
    expect(digest.hasMore).toBe(false);
  });

  it("shows only the digest year's targets and tasks: last year's are not reminders", () => {
    const digest = composeDigest(
      input({
        date: '2026-12-02',
        targets: [target(1, 'Tăng trưởng 8%', 2025)],
        tasks: [task(2, 'Diễn tập', 2025)],
      }),
    );
    expect(digest.isEmpty).toBe(true);
  });

  it("prefers the digest year's targets", () => {
    const digest = composeDigest(
      input({
        targets: [
          target(1, 'Tăng trưởng kinh tế đạt 8%', 2025),
          target(2, 'Tỷ lệ hộ nghèo giảm còn 1,5%', 2024),
          target(3, '100% xã đạt chuẩn nông thôn mới', 2025),
        ],
      }),
    );
    expect(digest.text).toContain('Tăng trưởng kinh tế đạt 8%');
    expect(digest.text).toContain('100% xã đạt chuẩn nông thôn mới');
    expect(digest.text).not.toContain('hộ nghèo');
  });
});

describe('rotate', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i * 7 + 3 }));

  it.each([
    [10, 3, -1001234567890, '2025-12-05'],
    [7, 3, 42, '2026-02-27'],
    [12, 4, -100777, '2025-01-01'],
    [5, 2, 1, '2024-12-30'],
    [31, 3, -1009999, '2025-06-15'],
  ])('%i items, %i a day, chat %i from %s: all shown before any repeats', (n, size, chatId, start) => {
    const all = items(n);
    const seen = new Set<number>();
    const days = Math.ceil(n / size);
    for (let d = 0; d < days; d++) {
      const picked = rotate(all, chatId, addDays(start, d), size, 'targets').map((i) => i.id);
      expect(picked).toHaveLength(size);
      const fresh = picked.filter((id) => !seen.has(id));
      // Only the last day of a cycle may wrap around to items already shown.
      if (d < days - 1) expect(fresh).toHaveLength(size);
      else expect(fresh.length).toBe(n - (days - 1) * size);
      fresh.forEach((id) => seen.add(id));
    }
    expect(seen.size).toBe(n);
  });

  it('is a function of chat and date only', () => {
    const all = items(20);
    const a = rotate(all, -100555, '2025-12-05', 3, 'tasks');
    const b = rotate([...all].reverse(), -100555, '2025-12-05', 3, 'tasks');
    expect(b).toEqual(a);
    const chats = [-1, -2, -3, -4, -5].map((c) =>
      rotate(all, c, '2025-12-05', 3, 'tasks')
        .map((i) => i.id)
        .join(),
    );
    expect(new Set(chats).size).toBeGreaterThan(1);
  });

  it('shows every item every day when there are few', () => {
    expect(rotate(items(2), 5, '2025-12-05', 3, 'tasks').map((i) => i.id)).toEqual([3, 10]);
  });
});

describe('composeDigest cites documents by title, unit, number and date', () => {
  it('names the unit and the number after the title, and never the file', () => {
    const item: DigestItem<DeadlineFact> = {
      id: 1,
      fact: {
        kind: 'deadline',
        text: 'Báo cáo kết quả về Bộ Tư lệnh',
        date: { year: 2025, month: 1, day: 15, text: '15/01/2025' },
        due: true,
      },
      source: {
        title: 'Nghị quyết về lãnh đạo thực hiện nhiệm vụ năm 2025',
        file: '/srv/chithi/data/nq-306.txt',
        paragraph: 7,
        unit: 'Đảng ủy BĐBP tỉnh Kiên Giang',
        reference: 'số 306-NQ/ĐU, 23/12/2024',
      },
    };
    const { text } = composeDigest(
      input({
        date: '2025-01-10',
        deadlines: [item],
        newDocuments: [
          {
            title: 'Kế hoạch huấn luyện năm 2025',
            file: '/srv/x.txt',
            unit: 'Bộ CHQS tỉnh Nghệ An',
            addedAt: '2025-01-09T08:00:00.000Z',
          },
        ],
      }),
    );
    expect(text).toContain(
      '• 15/01 (còn 5 ngày): Báo cáo kết quả về Bộ Tư lệnh (Đảng ủy BĐBP tỉnh Kiên Giang · số 306-NQ/ĐU, 23/12/2024)',
    );
    expect(text).toContain('• Kế hoạch huấn luyện năm 2025 (Bộ CHQS tỉnh Nghệ An)');
    expect(text).not.toContain('/srv');
  });
});
