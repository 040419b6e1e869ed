import { emptyProfile } from '../../src/profile/profile';
import {
  decideScope,
  mergedNote,
  planOnlyNote,
  ScopedDocument,
  YearsOfDocument,
} from '../../src/search/scoping';

// Two reports: one about the city of Nha Trang that mentions, in passing, the chairman as "UBND
// thành phố Lê Minh Khoa" and a "huyện Hương"; one about the province of Đà Nẵng.
const docs: ScopedDocument[] = [
  {
    id: 1,
    title: 'Báo cáo KT-XH thành phố Nha Trang năm 2024',
    profile: {
      ...emptyProfile(),
      provinces: ['Khánh Hòa'],
      localities: [{ level: 'thành phố', name: 'Nha Trang' }],
      mentionedLocalities: ['nha trang', 'le minh khoa', 'huong'],
      years: [2024],
    },
  },
  {
    id: 2,
    title: 'Báo cáo tổng kết năm 2024 của UBND thành phố Đà Nẵng',
    profile: { ...emptyProfile(), provinces: ['Đà Nẵng'], years: [2024] },
  },
];

describe('decideScope: districts named in a question', () => {
  it.each<[string, number[] | null]>([
    // The district a document is about, named bare or after its level word, typed any way.
    ['Nha Trang năm 2024 thu ngân sách bao nhiêu?', [1]],
    ['thành phố Nha Trang thu ngân sách bao nhiêu', [1]],
    ['thu ngan sach nha trang nam 2024', [1]],
    ['NHA TRANG thu ngân sách bao nhiêu?', [1]],
    // A person mentioned after "UBND thành phố" is no place: nothing is excluded.
    ['ông Lê Minh Khoa phát biểu gì?', null],
    ['le minh khoa phat bieu gi', null],
    // One syllable is a word ("phương hướng"), not the "huyện Hương" mentioned once.
    ['phuong huong nhiem vu nam 2025', null],
    ['Phương hướng nhiệm vụ năm 2025 là gì?', null],
    // After its level word it is asked about, and no document is about it.
    ['huyện Hương có bao nhiêu xã?', []],
  ])('%j', (question, expected) => {
    const decision = decideScope(question, docs);
    expect(decision.pool === null ? null : [...decision.pool].sort()).toEqual(expected);
  });
});

describe('decideScope: a province merged into the one asked about', () => {
  // Ninh Thuận and Bà Rịa - Vũng Tàu were merged into Khánh Hòa and Hồ Chí Minh on 1 July 2025.
  const merged: ScopedDocument[] = [
    {
      id: 1,
      title: 'Nghị quyết lãnh đạo nhiệm vụ năm 2025',
      profile: {
        ...emptyProfile(),
        provinces: ['Ninh Thuận'],
        unitTypes: ['bdbp'],
        years: [2024, 2025],
        reviewedYears: [2024],
        planYears: [2025],
      },
    },
    {
      id: 2,
      title: 'Báo cáo tổng kết năm 2024',
      profile: {
        ...emptyProfile(),
        provinces: ['Khánh Hòa'],
        unitTypes: ['bdbp'],
        years: [2024, 2025],
        reviewedYears: [2024],
        planYears: [2025],
      },
    },
    {
      id: 3,
      title: 'Công văn tăng cường chống khai thác IUU',
      profile: {
        ...emptyProfile(),
        provinces: ['Bà Rịa - Vũng Tàu'],
        unitTypes: ['bdbp'],
        years: [2025],
        reviewedYears: [2025],
        planYears: [2025],
      },
    },
  ];
  it.each<[string, number[], Array<[number, string, string]>]>([
    // The new province's own report first (tier), the merged one's also allowed and marked.
    ['chỉ tiêu năm 2025 của BĐBP Khánh Hòa', [1, 2], [[1, 'Ninh Thuận', 'Khánh Hòa']]],
    ['chỉ tiêu năm 2025 của BĐBP Khánh Hòa'.normalize('NFD'), [1, 2], [[1, 'Ninh Thuận', 'Khánh Hòa']]],
    ['chi tieu nam 2025 cua bdbp khanh hoa', [1, 2], [[1, 'Ninh Thuận', 'Khánh Hòa']]],
    ['CHỈ TIÊU NĂM 2025 CỦA BĐBP KHÁNH HOÀ', [1, 2], [[1, 'Ninh Thuận', 'Khánh Hòa']]],
    // The old province named: its own report only, nothing merged.
    ['chỉ tiêu năm 2025 của BĐBP Ninh Thuận', [1], []],
    ['BĐBP TP Hồ Chí Minh chống khai thác IUU năm 2025', [3], [[3, 'Bà Rịa - Vũng Tàu', 'Hồ Chí Minh']]],
    // A year before the mergers asks about the province as it was: another province's report is not
    // about it (Khánh Hòa's own 2024 review still is).
    ['kết quả năm 2024 của BĐBP Khánh Hòa', [2], []],
    ['ket qua nam 2024 cua bdbp khanh hoa', [2], []],
  ])('%j', (question, pool, marked) => {
    const decision = decideScope(question, merged);
    expect([...(decision.pool ?? [])].sort()).toEqual(pool);
    expect([...(decision.merged ?? new Map())].map(([id, m]) => [id, m.then, m.now])).toEqual(marked);
    // The note is the retriever's to write, from the results shown.
    expect(decision.info?.message ?? null).toBeNull();
  });

  it('before the mergers, a province that held no report then has none', () => {
    const decision = decideScope('BĐBP TP Hồ Chí Minh chống khai thác IUU năm 2024', merged);
    expect(decision.info?.missing).toBe(true);
    expect(decision.pool).toEqual(new Set());
    // The year is why, and what the old province holds is said first.
    expect(decision.info?.message).toBe(
      'Chưa có tài liệu nào về BĐBP thành phố Hồ Chí Minh năm 2024 (tỉnh Bà Rịa - Vũng Tàu chỉ thuộc thành phố Hồ Chí Minh từ ngày 1/7/2025).',
    );
    expect(decision.info?.available[0]).toBe('Công văn tăng cường chống khai thác IUU (2025)');
  });
});

describe('mergedNote', () => {
  const merged = new Map([
    [1, { then: 'Ninh Thuận', now: 'Khánh Hòa' }],
    [3, { then: 'Bà Rịa - Vũng Tàu', now: 'Hồ Chí Minh' }],
    [4, { then: 'Vĩnh Phúc', now: 'Phú Thọ' }],
    [5, { then: 'Hòa Bình', now: 'Phú Thọ' }],
  ]);
  it.each<[number[], string | null]>([
    [[1, 1, 2], 'Kết quả từ tài liệu của tỉnh Ninh Thuận (nay thuộc tỉnh Khánh Hòa).'],
    [[3], 'Kết quả từ tài liệu của tỉnh Bà Rịa - Vũng Tàu (nay thuộc thành phố Hồ Chí Minh).'],
    [[4, 5], 'Kết quả từ tài liệu của tỉnh Vĩnh Phúc, tỉnh Hòa Bình (nay thuộc tỉnh Phú Thọ).'],
    // Only the new province's own documents shown: no note.
    [[2], null],
    [[], null],
  ])('%j', (shown, expected) => {
    expect(mergedNote(merged, shown)).toBe(expected);
  });
  it('no merged documents: no note', () => expect(mergedNote(undefined, [1])).toBeNull());
});

describe('planOnlyNote: what was done in a year, answered only from plans for it', () => {
  // The review of 2023 that plans 2024; the resolution for 2025 that reviews 2024; a quarter's report.
  const review2023: YearsOfDocument = { reviewedYears: [2023], planYears: [2024], periods: [] };
  const plan2025: YearsOfDocument = { reviewedYears: [2024], planYears: [2025], periods: [] };
  const quarter2025: YearsOfDocument = { reviewedYears: [], planYears: [2025], periods: ['quý I/2025'] };
  const label = 'BĐBP tỉnh Quảng Trị năm 2024';
  it.each<[string, number[], YearsOfDocument[], string | null]>([
    [
      'every result from a plan for the year',
      [2024],
      [review2023, review2023],
      'Chưa có báo cáo kết quả về BĐBP tỉnh Quảng Trị năm 2024; các đoạn dưới đây lấy từ tài liệu nêu kế hoạch, phương hướng cho năm 2024.',
    ],
    ['one result from a review of the year', [2024], [review2023, plan2025], null],
    ['a report on part of the year', [2025], [plan2025, quarter2025], null],
    ['a document that neither reviews nor plans it', [2026], [plan2025], null],
    ['no year asked', [], [review2023], null],
    ['no result', [2024], [], null],
  ])('%s', (_name, asked, profiles, expected) => {
    expect(planOnlyNote(asked, label, profiles)).toBe(expected);
  });
  it('names the year when the question names nothing else', () => {
    expect(planOnlyNote([2025], null, [plan2025])).toBe(
      'Chưa có báo cáo kết quả về năm 2025; các đoạn dưới đây lấy từ tài liệu nêu kế hoạch, phương hướng cho năm 2025.',
    );
  });
});

describe('decideScope: a document number none of ours has is cited, not asked', () => {
  const plan: ScopedDocument = {
    id: 7,
    title: 'Kế hoạch tổ chức Kỳ thi tốt nghiệp THPT năm 2025',
    profile: { ...emptyProfile(), number: '642/KH-SGDĐT', provinces: ['Nghệ An'], years: [2025] },
  };
  it.each<[string, string[] | undefined, boolean, string | null]>([
    // Ours: the document asked, nothing cited.
    ['KH 642 SGDĐT có bao nhiêu thí sinh', undefined, true, null],
    // Another issuer's, cited: its kind is that document's, not the kind asked.
    ['thực hiện Nghị quyết 18-NQ/TW, Nghệ An sắp xếp còn bao nhiêu phòng', ['18-NQ/TW'], false, null],
    [
      'THỰC HIỆN NGHỊ QUYẾT SỐ 18-NQ/TW, NGHỆ AN SẮP XẾP CÒN BAO NHIÊU PHÒNG'.normalize('NFD'),
      ['18-NQ/TW'],
      false,
      null,
    ],
    // A kind named apart from the cited number is still the kind asked.
    [
      'kế hoạch thi của Nghệ An theo Công văn 1028/BGDĐT-QLCL có mấy điểm thi',
      ['1028/BGDĐT-QLCL'],
      false,
      'kế hoạch',
    ],
  ])('%s', (q, cited, byNumber, kind) => {
    const decision = decideScope(q, [plan]);
    expect(decision.cited).toEqual(cited);
    expect(decision.byNumber === true).toBe(byNumber);
    expect(decision.scope.kind).toBe(kind);
  });
});

describe('decideScope: a border station named by its name', () => {
  const stations: ScopedDocument[] = [
    {
      id: 1,
      title: 'Báo cáo sơ kết công tác quý III năm 2024',
      profile: {
        ...emptyProfile(),
        unitTypes: ['don-bp'],
        station: 'Cửa khẩu cảng Hòn Gai',
        provinces: ['Quảng Ninh'],
        years: [2024],
        reviewedYears: [2024],
        periods: ['quý III/2024'],
      },
    },
    {
      id: 2,
      title: 'Báo cáo sơ kết quý I năm 2025',
      profile: { ...emptyProfile(), unitTypes: ['bdbp'], provinces: ['Quảng Trị'], years: [2025] },
    },
    {
      id: 3,
      title: 'Báo cáo sơ kết quý III năm 2024',
      profile: {
        ...emptyProfile(),
        unitTypes: ['don-bp'],
        station: 'Bình Châu',
        provinces: ['Bà Rịa - Vũng Tàu'],
        years: [2024],
        reviewedYears: [2024],
        periods: ['quý III/2024'],
      },
    },
  ];
  it.each<[string, number[] | null, string | null]>([
    ['kết quả quý III/2024 của đồn biên phòng cửa khẩu cảng Hòn Gai', [1], null],
    ['đồn Hòn Gai làm thủ tục cho bao nhiêu tàu nước ngoài', [1], null],
    ['don bp hon gai huy dong bao nhieu luot cbcs', [1], null],
    ['ĐỒN BIÊN PHÒNG BÌNH CHÂU QUÝ III/2024 BẮT BAO NHIÊU VỤ', [3], null],
    // Its name with a year it does not cover: not found, saying which station.
    [
      'đồn Hòn Gai năm 2023 làm thủ tục cho bao nhiêu tàu',
      [],
      'Chưa có tài liệu nào về Cửa khẩu cảng Hòn Gai năm 2023.',
    ],
    // No station named: nothing excluded.
    ['các đồn biên phòng bắt bao nhiêu vụ', null, null],
  ])('%j', (question, expected, message) => {
    const decision = decideScope(question, stations);
    expect(decision.pool === null ? null : [...decision.pool].sort()).toEqual(expected);
    if (message) expect(decision.info?.message).toBe(message);
  });
});

describe('decideScope: the kind of document named is a preference', () => {
  const docs: ScopedDocument[] = [
    {
      id: 1,
      title: 'Kế hoạch huấn luyện năm 2025',
      profile: {
        ...emptyProfile(),
        kind: 'kế hoạch',
        provinces: ['Nghệ An'],
        unitTypes: ['chqs'],
        years: [2025],
        planYears: [2025],
      },
    },
    {
      id: 2,
      title: 'Tổng kết công tác quân sự, quốc phòng năm 2024',
      profile: {
        ...emptyProfile(),
        kind: 'tin',
        provinces: ['Nghệ An'],
        unitTypes: ['chqs'],
        years: [2024, 2025],
        reviewedYears: [2024],
        planYears: [2025],
      },
    },
  ];
  it.each<[string, number[], number[] | null]>([
    // Narrowed to the plans first; the unit's other documents are the fallback when they answer nothing.
    ['kế hoạch kỷ niệm 80 năm QĐND của Nghệ An phải xong trước ngày nào', [1], [1, 2]],
    ['ke hoach ky niem 80 nam qdnd cua nghe an phai xong truoc ngay nao', [1], [1, 2]],
    // No kind named, or only documents of that kind: nothing to widen.
    ['Nghệ An phải xong trước ngày nào', [1, 2], null],
  ])('%s', (question, pool, wider) => {
    const decision = decideScope(question, docs);
    expect([...(decision.pool ?? [])].sort()).toEqual(pool);
    expect(decision.wider ? [...(decision.wider.pool ?? [])].sort() : null).toEqual(wider);
  });
});
