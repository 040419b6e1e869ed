import {
  askedUnit,
  exampleQuestions,
  holdings,
  parseRecentFilter,
  recentDocuments,
} from '../../src/bot/catalog';
import { numbersIn, sameNumber } from '../../src/search/scoping';
import type { DocumentSummary } from '../../src/bot/context';
import { emptyProfile, type DocumentProfile } from '../../src/profile/profile';

let nextId = 1;
function doc(
  title: string,
  p: Partial<DocumentProfile>,
  addedAt = '2025-01-05T02:00:00.000Z',
): DocumentSummary {
  const years = [...new Set([...(p.reviewedYears ?? []), ...(p.planYears ?? [])])];
  return {
    id: nextId++,
    title,
    file: `data/${title}.txt`,
    passages: 10,
    addedAt,
    updatedAt: addedAt,
    profile: { ...emptyProfile(), years, ...p },
  };
}

const NINH_THUAN = doc('nghi quyet ninh thuan', {
  kind: 'nghị quyết',
  number: '125-NQ/ĐU',
  date: '2024-12-20',
  unit: 'Đảng ủy BĐBP tỉnh Ninh Thuận',
  reviewedYears: [2024],
  planYears: [2025],
});
const QUANG_NINH = doc('nghi quyet quang ninh', {
  kind: 'nghị quyết',
  number: '218-NQ/ĐU',
  date: '2024-12-19',
  unit: 'Đảng ủy BĐBP tỉnh Quảng Ninh',
  reviewedYears: [2024],
  planYears: [2025],
});
const CA_MAU = doc('so ket quy 1 cong an ca mau', {
  kind: 'tin',
  date: '2025-03-28',
  unit: 'Công an tỉnh Cà Mau',
  reviewedYears: [2025],
});
const TAN_PHU_DONG = doc('bao cao ktxh 2023', {
  kind: 'báo cáo',
  number: '312/BC-UBND',
  date: '2023-12-05',
  unit: 'UBND huyện Tân Phú Đông',
  reviewedYears: [2023],
  planYears: [2024],
});
const UNDATED = doc('ghi chu', {}, '2026-11-30T01:00:00.000Z');
const ALL = [NINH_THUAN, QUANG_NINH, CA_MAU, TAN_PHU_DONG, UNDATED];

describe('askedUnit: how a question names a unit', () => {
  it.each([
    ['Đảng ủy BĐBP tỉnh Ninh Thuận', 'BĐBP tỉnh Ninh Thuận'],
    ['Đảng uỷ BĐBP tỉnh Quảng Ninh', 'BĐBP tỉnh Quảng Ninh'],
    ['Công an tỉnh Cà Mau', 'Công an tỉnh Cà Mau'],
    ['UBND huyện Tân Phú Đông', 'UBND huyện Tân Phú Đông'],
  ])('%s → %s', (unit, asked) => expect(askedUnit(unit)).toBe(asked));
});

describe('holdings: what the documents hold', () => {
  it('counts documents per unit and the years they cover', () => {
    const h = holdings([
      ...ALL,
      doc('tong ket ninh thuan', { unit: 'Đảng ủy BĐBP tỉnh Ninh Thuận', reviewedYears: [2022] }),
    ]);
    expect(h.documents).toBe(6);
    expect(h.units[0]).toEqual({ unit: 'Đảng ủy BĐBP tỉnh Ninh Thuận', documents: 2 });
    expect(h.units).toHaveLength(4);
    expect(h.years).toEqual([2022, 2025]);
  });

  it('holds nothing', () => expect(holdings([])).toEqual({ documents: 0, units: [], years: null }));
});

describe('exampleQuestions: questions about the documents held', () => {
  it('asks a plan, a review and a signer, newest documents first, each about its own document', () => {
    expect(exampleQuestions(ALL)).toEqual([
      'chỉ tiêu năm 2025 của BĐBP tỉnh Ninh Thuận là gì?',
      'năm 2025 Công an tỉnh Cà Mau đạt kết quả gì?',
      'nghị quyết số 218-NQ/ĐU do ai ký?',
    ]);
  });

  it('uses one document several times when it is the only one', () => {
    expect(exampleQuestions([NINH_THUAN])).toEqual([
      'chỉ tiêu năm 2025 của BĐBP tỉnh Ninh Thuận là gì?',
      'năm 2024 BĐBP tỉnh Ninh Thuận đạt kết quả gì?',
      'nghị quyết số 125-NQ/ĐU do ai ký?',
    ]);
  });

  it('has none without units, years or numbers', () => expect(exampleQuestions([UNDATED])).toEqual([]));
});

describe('parseRecentFilter: what /moi is asked', () => {
  it.each<[string, ReturnType<typeof parseRecentFilter>]>([
    ['', {}],
    ['2025', { year: 2025 }],
    ['năm 2024', { year: 2024 }],
    ['NĂM 2024'.normalize('NFD'), { year: 2024 }],
    ['12/2024', { month: '2024-12' }],
    ['3-2025', { month: '2025-03' }],
    ['13/2024', null],
    ['218', { number: '218' }],
    ['218-NQ', { number: '218-NQ' }],
    ['số 218-NQ/ĐU', { number: '218-NQ/ĐU' }],
    ['312 / BC-UBND', { number: '312/BC-UBND' }],
    ['chỉ tiêu năm 2025', null],
  ])('%s', (arg, expected) => expect(parseRecentFilter(arg)).toEqual(expected));
});

describe('sameNumber: a document number as people type it', () => {
  it.each<[string, string, boolean]>([
    ['218-NQ/ĐU', '218', true],
    ['218-NQ/ĐU', '218-nq', true],
    ['218-NQ/ĐU', '218-NQ/DU', true],
    ['218-NQ/ĐU'.normalize('NFD'), '218-nq/đu', true],
    ['218-NQ/ĐU', '21', false],
    ['2180-NQ/ĐU', '218', false],
    ['', '218', false],
  ])('%s ← %s → %s', (own, asked, expected) => expect(sameNumber(own, asked)).toBe(expected));
});

describe('numbersIn: the document numbers a question names', () => {
  it.each<[string, string[]]>([
    ['nghị quyết 142-NQ/ĐU do ai ký', ['142-NQ/ĐU']],
    ['Công văn số 486/BCH-PCTP ngày 14/3/2025 giao gì?'.normalize('NFD'), ['486/BCH-PCTP']],
    ['kế hoạch 1486 / KH-UBND.', ['1486/KH-UBND']],
    // Dates, terms, quarters and figures are not document numbers.
    ['trước ngày 15/4/2025', []],
    ['nhiệm kỳ 2020-2025', []],
    ['quý I/2025 đạt 9,5%', []],
    ['2.300 ngày công', []],
    // A bare number after a kind of document names it, typed any way; a year only after "số".
    ['cong van 1462 phuong bao an giao cong an phuong lam gi', ['1462']],
    ['Nghị quyết số 125 do ai ký'.normalize('NFD'), ['125']],
    ['kế hoạch 2025 có mấy chỉ tiêu', []],
    ['quyết định số 2025 do ai ký', ['2025']],
    // … and a period is none: "báo cáo 9 tháng", "kế hoạch 5 năm".
    ['báo cáo 9 tháng năm 2025', []],
    ['kế hoạch 5 năm 2021-2025', []],
    // The kind's type code typed before the number, as the number is written ("642/KH-SGDĐT").
    ['KH 642 SGDĐT Nghệ An thi tốt nghiệp có bao nhiêu thí sinh', ['642']],
    ['nq 125 đu bđbp ninh thuận chỉ tiêu gì', ['125']],
    ['CV số 1462 giao Công an phường làm gì'.normalize('NFD'), ['1462']],
    ['QĐ 12 do ai ký', ['12']],
    ['KH năm 2025 có mấy chỉ tiêu', []],
    ['bc 9 tháng năm 2025', []],
  ])('%s → %j', (q, expected) => expect(numbersIn(q)).toEqual(expected));
});

describe('recentDocuments: the newest by the document’s own date', () => {
  const titles = (docs: DocumentSummary[]) => docs.map((d) => d.title);
  it.each<[string, Parameters<typeof recentDocuments>[1], string[]]>([
    // Undated: when it was added.
    [
      'all',
      {},
      [
        'ghi chu',
        'so ket quy 1 cong an ca mau',
        'nghi quyet ninh thuan',
        'nghi quyet quang ninh',
        'bao cao ktxh 2023',
      ],
    ],
    [
      'a year: dated or covered',
      { year: 2024 },
      ['nghi quyet ninh thuan', 'nghi quyet quang ninh', 'bao cao ktxh 2023'],
    ],
    ['a month', { month: '2024-12' }, ['nghi quyet ninh thuan', 'nghi quyet quang ninh']],
    ['a number', { number: '218' }, ['nghi quyet quang ninh']],
    ['a number with its kind', { number: '312/BC-UBND' }, ['bao cao ktxh 2023']],
    ['nothing', { number: '999' }, []],
  ])('%s', (_name, filter, expected) => expect(titles(recentDocuments(ALL, filter))).toEqual(expected));

  it('keeps at most n', () => expect(recentDocuments(ALL, {}, 2)).toHaveLength(2));
});
