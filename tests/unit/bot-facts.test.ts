import {
  FACTS_PAGE_SIZE,
  formatBadYear,
  formatFactItem,
  formatFactsPage,
  formatNoFacts,
  parseQueryCommand,
  parseYearArgument,
  queryCommand,
  type FactsQuery,
} from '../../src/bot/features/facts';
import { TELEGRAM_MESSAGE_LIMIT } from '../../src/bot/format';
import { filterWords } from '../../src/facts/service';
import type { FactItem } from '../../src/facts/service';
import type { MeetingFact, TargetFact } from '../../src/facts/types';

const SOURCE = {
  title: 'Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2025',
  file: '/srv/chithi/data/bdbp-ninh-thuan-nghi-quyet-2025.txt',
  paragraph: 3,
};

function target(text: string, year: number | undefined, id = 1): FactItem {
  const fact: TargetFact = { kind: 'target', text, values: [], ...(year ? { year } : {}) };
  return { stored: { id, documentId: 1, passageId: 10 + id, fact }, year: year ?? null, source: SOURCE };
}

function meeting(fact: Omit<MeetingFact, 'kind'>): FactItem {
  return {
    stored: { id: 1, documentId: 1, passageId: 2, fact: { kind: 'meeting', ...fact } },
    year: fact.date?.year ?? null,
    source: { ...SOURCE, paragraph: 2 },
  };
}

describe('parseYearArgument', () => {
  test.each<[string, { year?: number } | null]>([
    ['', {}],
    ['   ', {}],
    ['2025', { year: 2025 }],
    [' 2026 ', { year: 2026 }],
    ['năm 2025', { year: 2025 }],
    ['Năm 2025.', { year: 2025 }],
    ['nam 2024', { year: 2024 }],
    ['năm 2025'.normalize('NFD'), { year: 2025 }],
    ['nam2025', { year: 2025 }],
    ['abc', null],
    ['25', null],
    ['20255', null],
    ['1899', null],
    ['2101', null],
    ['2025 2026', null],
    ['quý IV/2025', null],
    ['<b>2025</b>', null],
  ])('%j → %j', (arg, expected) => {
    expect(parseYearArgument(arg)).toEqual(expected);
  });
});

describe('queryCommand / parseQueryCommand', () => {
  test.each<[FactsQuery, string]>([
    [{ kind: 'meeting' }, '/chutri'],
    [{ kind: 'meeting', words: 'hội nghị Đảng ủy' }, '/chutri hội nghị Đảng ủy'],
    [{ kind: 'meeting', words: 'hoi nghi <b>' }, '/chutri hoi nghi <b>'],
    [{ kind: 'target' }, '/chitieu'],
    [{ kind: 'target', year: 2025 }, '/chitieu 2025'],
    [{ kind: 'task', year: 2026 }, '/nhiemvu 2026'],
  ])('%j ⇄ %s', (query, command) => {
    expect(queryCommand(query)).toBe(command);
    expect(parseQueryCommand(command)).toEqual(query);
  });

  test.each(['/hoi chỉ tiêu', '/chitieu abc', 'chitieu 2025', ''])(
    '%j is not a stored listing',
    (command) => {
      expect(parseQueryCommand(command)).toBeNull();
    },
  );
});

describe('filterWords', () => {
  test.each<[string, string[]]>([
    ['hội nghị Đảng ủy', ['hoi', 'nghi', 'dang', 'uy']],
    ['hoi nghi dang uy', ['hoi', 'nghi', 'dang', 'uy']],
    ['Hội nghị Đảng uỷ'.normalize('NFD'), ['hoi', 'nghi', 'dang', 'uy']],
    ['BĐBP tỉnh Quảng Trị', ['bdbp', 'tinh', 'quang', 'tri']],
    ['ai chủ trì hội nghị Phú Yên?', ['hoi', 'nghi', 'phu', 'yen']],
    ['kỳ họp thứ 22, HĐND', ['ky', 'hop', 'thu', '22', 'hdnd']],
    ['hội nghị, hội nghị', ['hoi', 'nghi']],
    ['chủ trì hội nghị Quảng Trị', ['hoi', 'nghi', 'quang', 'tri']],
    ['người chủ trì là ai', []],
    ['Hà Trì', ['ha', 'tri']],
    ['<b>', ['b']],
  ])('%j → %j', (text, expected) => {
    expect(filterWords(text)).toEqual(expected);
  });
});

describe('formatFactItem', () => {
  test('a meeting: its name, date, chairs and attendees, then its source', () => {
    const html = formatFactItem(
      meeting({
        eventType: 'hội nghị',
        eventName: 'Hội nghị tổng kết công tác năm 2024',
        date: { day: 3, month: 12, year: 2024, text: 'Sáng 3/12' },
        chairs: [
          { honorific: 'đồng chí', name: 'Ngô Văn Lãng', roles: ['Bí thư Đảng ủy', 'Chính ủy BĐBP tỉnh'] },
        ],
        attendees: [{ name: 'Nguyễn Anh Tuấn', rank: 'Thiếu tướng', roles: ['Phó Chính ủy BĐBP'] }],
      }),
      1,
      '/srv/chithi/data',
    );
    expect(html).toBe(
      '<b>1.</b> Hội nghị tổng kết công tác năm 2024 (3/12/2024)\n' +
        '   Chủ trì: Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh\n' +
        '   Dự: Thiếu tướng Nguyễn Anh Tuấn, Phó Chính ủy BĐBP\n' +
        '   📄 <i>Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2025 · đoạn 2</i>',
    );
  });

  test('co-chairs are all listed; a meeting without a name shows its type', () => {
    const html = formatFactItem(
      meeting({
        eventType: 'kỳ họp',
        chairs: [
          { honorific: 'đồng chí', name: 'Phạm Đại Dương', roles: ['Bí thư Tỉnh ủy'] },
          { honorific: 'đồng chí', name: 'Cao Thị Hòa An', roles: ['Chủ tịch HĐND tỉnh'] },
        ],
        attendees: [],
      }),
      7,
    );
    expect(html).toContain('<b>7.</b> Kỳ họp\n');
    expect(html).toContain('Chủ trì: Đồng chí Phạm Đại Dương, Bí thư Tỉnh ủy; đồng chí Cao Thị Hòa An');
    expect(html).not.toContain('Dự:');
  });

  test('markup in the text, the title and the file name is escaped', () => {
    const item: FactItem = {
      ...target('Tỷ lệ <b>đô thị hóa</b> & chỉnh trang đạt 52%', 2026),
      source: { title: 'Báo cáo <tổng kết> & phương hướng', file: 'data/a<b>.txt', paragraph: 4 },
    };
    const html = formatFactItem(item, 2);
    expect(html).toContain('[2026] Tỷ lệ &lt;b&gt;đô thị hóa&lt;/b&gt; &amp; chỉnh trang đạt 52%');
    expect(html).toContain('Báo cáo &lt;tổng kết&gt; &amp; phương hướng · đoạn 4</i>');
    expect(html.match(/<b>/g)).toHaveLength(1);
  });

  test('a decomposed (NFD) text is shown composed', () => {
    const html = formatFactItem(
      target('Phấn đấu 100% đảng viên hoàn thành nhiệm vụ'.normalize('NFD'), 2025),
      1,
    );
    expect(html).toContain('Phấn đấu 100% đảng viên hoàn thành nhiệm vụ'.normalize('NFC'));
  });
});

describe('formatFactsPage', () => {
  const items = Array.from({ length: 12 }, (_, i) =>
    target(`Chỉ tiêu số ${i + 1} đạt ${90 + (i % 10)}%`, 2025, i + 1),
  );

  test.each<[number, number, string, [number, number]]>([
    [0, 0, 'trang 1/3', [1, 5]],
    [1, 1, 'trang 2/3', [6, 10]],
    [2, 2, 'trang 3/3', [11, 12]],
    [9, 2, 'trang 3/3', [11, 12]], // the list got shorter since the button was sent
  ])('requested page %i shows page %i', (requested, page, label, [from, to]) => {
    const shown = formatFactsPage({ kind: 'target', year: 2025 }, items, requested);
    expect(shown).toMatchObject({ page, pages: 3 });
    const text = shown.messages.join('\n');
    expect(text).toContain(`Chỉ tiêu năm 2025</b> (12 mục, ${label})`);
    expect(text).toContain(`<b>${from}.</b>`);
    expect(text).toContain(`<b>${to}.</b>`);
    expect(text).not.toContain(`<b>${from - 1}.</b>`);
    expect(text).not.toContain(`<b>${to + 1}.</b>`);
  });

  test('a short list has one page and no page label', () => {
    const shown = formatFactsPage({ kind: 'target' }, items.slice(0, FACTS_PAGE_SIZE), 0);
    expect(shown).toMatchObject({ page: 0, pages: 1 });
    expect(shown.messages[0]).toContain('Chỉ tiêu</b> (5 mục)');
    expect(shown.messages[0]).toContain('<code>/chitieu 2025</code>');
  });

  test('very long facts are cut and every message stays within 4096 characters', () => {
    const long = Array.from({ length: 5 }, (_, i) =>
      target(
        `Phấn đấu ${'hoàn thành xuất sắc nhiệm vụ được giao & <giữ vững> an ninh biên giới '.repeat(40)}`,
        2025,
        i,
      ),
    );
    const shown = formatFactsPage({ kind: 'target', year: 2025 }, long, 0);
    for (const m of shown.messages) expect(m.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
    expect(shown.messages.join('\n')).toContain('…');
    expect(shown.messages.join('\n').match(/📄/g)).toHaveLength(5);
  });
});

describe('formatNoFacts and formatBadYear', () => {
  test.each<[FactsQuery, number[], string[]]>([
    [
      { kind: 'meeting', words: 'hội nghị <Cà Mau>' },
      [],
      [
        'khớp với “hội nghị &lt;Cà Mau&gt;”',
        'gõ /chutri để xem tất cả',
        '/tailieu',
        '/hoi ai chủ trì hội nghị',
      ],
    ],
    [
      { kind: 'target', year: 2030 },
      [2026, 2025],
      ['chỉ tiêu nào của năm 2030', 'các năm: 2026, 2025', '<code>/chitieu 2026</code>', '/tailieu'],
    ],
    [{ kind: 'task', year: 2030 }, [], ['nhiệm vụ nào của năm 2030', '/tailieu', '/hoi nhiệm vụ năm 2025']],
    [{ kind: 'task' }, [], ['chưa có nhiệm vụ nào được nhận diện', '/tailieu']],
  ])('%j', (query, years, pieces) => {
    const html = formatNoFacts(query, years);
    for (const p of pieces) expect(html).toContain(p);
    expect(html).toMatch(/^Xin lỗi/);
  });

  test.each<['target' | 'task', string, string]>([
    [
      'target',
      'abc',
      '“abc” không phải là một năm. Anh/chị hãy gõ năm bằng bốn chữ số, ví dụ <code>/chitieu 2025</code>',
    ],
    ['task', 'năm ngoái', '“năm ngoái” không phải là một năm'],
    ['task', '<i>x</i>', '“&lt;i&gt;x&lt;/i&gt;”'],
  ])('%s %j', (kind, arg, expected) => {
    expect(formatBadYear(kind, arg)).toContain(expected);
  });
});
