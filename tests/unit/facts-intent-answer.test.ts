import { detectIntent } from '../../src/facts/intent';
import { answerFromFacts, signerAnswer } from '../../src/facts/answer';
import { formatFactList } from '../../src/facts/format';
import type { Fact, StoredFact } from '../../src/facts/types';

describe('detectIntent', () => {
  test.each([
    ['Ai chủ trì hội nghị?', 'chair', undefined, []],
    ['người chủ trì là ai', 'chair', undefined, []],
    ['hoi nghi do ai chu tri', 'chair', undefined, []],
    ['AI CHU TRI', 'chair', undefined, []],
    ['ai chủ trì hội nghị của BĐBP Ninh Thuận', 'chair', undefined, ['bdbp', 'ninh', 'thuan']],
    ['Ai chủ trì kỳ họp HĐND năm 2024?'.normalize('NFD'), 'chair', 2024, ['hdnd']],
    ['ai dự hội nghị tổng kết', 'attendee', undefined, ['tong', 'ket']],
    ['những ai tham dự kỳ họp', 'attendee', undefined, []],
    ['Ai tham dự?', 'attendee', undefined, []],
    // Presiding said otherwise, and an ordinal in words.
    ['kỳ họp cuối năm 2024 HĐND tỉnh Quảng Trị do ai chủ toạ ạ', 'chair', 2024, ['hdnd', 'quang']],
    ['ai dieu hanh hoi nghi tong ket nam 2023 cua Thanh Hoa', 'chair', 2023, ['tong', 'ket', 'hoa']],
    // Asked as a group chat asks: "ko" for "không", a long unit between "ai" and "dự", a title that
    // says which of the people (not which meeting), a guest who "directed" a named meeting.
    [
      'Bí thư Tỉnh uỷ Phú Yên có dự hội nghị tổng kết năm 2023 ko? là đ/c nào'.normalize('NFD'),
      'attendee',
      2023,
      ['uy', 'phu', 'yen', 'tong', 'ket'],
    ],
    [
      'tong ket nam 2024 Da Nang, chu tich HDND thanh pho co du ko',
      'attendee',
      2024,
      ['tong', 'ket', 'nang', 'hdnd'],
    ],
    [
      'ai của Sở Nông nghiệp và Môi trường dự tổng kết xã Quảng Tín',
      'attendee',
      undefined,
      ['nong', 'nghiep', 'moi', 'tong', 'ket', 'xa', 'quang', 'tin'],
    ],
    ['LÃNH ĐẠO TỈNH NÀO CHỈ ĐẠO ĐẠI HỘI Đảng bộ phường Bảo An', 'attendee', undefined, ['bo', 'bao', 'an']],
    ['chỉ tiêu năm 2025 là gì', 'target', 2025, []],
    ['Mục tiêu năm 2025', 'target', 2025, []],
    ['chi tieu 2025', 'target', 2025, []],
    ['chỉ tiêu kết nạp đảng viên', 'target', undefined, ['ket', 'nap', 'vien']],
    ['có những nhiệm vụ gì', 'task', undefined, []],
    ['Nhiệm vụ trọng tâm năm 2025', 'task', 2025, []],
    ['phuong huong nam 2025 cua dang uy', 'task', 2025, ['uy']],
    ['hạn chót nộp báo cáo', 'deadline', undefined, ['nop', 'bao', 'cao']],
    ['Khi nào phải hoàn thành?', 'deadline', undefined, []],
    ['bao giờ phải nộp báo cáo', 'deadline', undefined, ['nop', 'bao', 'cao']],
    ['thời hạn hoàn thành nhiệm vụ sửa chữa tàu', 'deadline', undefined, ['sua', 'chua', 'tau']],
    ['Nghị quyết số mấy?', 'document-number', undefined, []],
    // Asked at the end, the number wins over what the document is about (NFD, no diacritics too).
    [
      'nghị quyết về nhiệm vụ năm 2025 của Huyện ủy Hải Hậu số mấy?'.normalize('NFD'),
      'document-number',
      2025,
      ['huyen', 'uy', 'hai', 'hau'],
    ],
    [
      'chi thi ve tuyen quan nam 2025 cua thanh uy uong bi so may',
      'document-number',
      2025,
      ['tuyen', 'quan', 'uy', 'uong'],
    ],
    // A count of something is no document's number.
    ['kế hoạch năm 2025 giao chỉ tiêu bao nhiêu', 'target', 2025, ['ke', 'hoach', 'giao']],
  ])('%s', (q, kind, year, terms) => {
    const intent = detectIntent(q);
    expect(intent?.kind).toBe(kind);
    expect(intent?.year).toBe(year);
    expect(intent?.terms).toEqual(terms);
  });

  test.each([
    'Quy định về tuần tra biên giới?',
    'Trực sẵn sàng chiến đấu thế nào',
    'tình hình tội phạm năm 2024',
    // Who directs a task is no meeting's guest.
    'ai chỉ đạo công tác phòng chống thiên tai',
    '',
    'hội nghị mời những đơn vị nào',
  ])('not a fact question: %s', (q) => expect(detectIntent(q)).toBeNull());

  test('reads an ordinal written in words', () => {
    expect(detectIntent('hội nghị lần thứ hai mươi tám BCH Đảng bộ huyện ai chủ trì')?.ordinal).toBe(28);
    expect(detectIntent('ky hop thu muoi lam ai chu tri')?.ordinal).toBe(15);
    // "ai điều hành" a task is no meeting's chair.
    expect(detectIntent('ai điều hành công tác phòng chống thiên tai')).toBeNull();
  });

  test('names the event type asked about', () => {
    expect(detectIntent('ai chủ trì kỳ họp')?.event).toBe('kỳ họp');
    expect(detectIntent('ai chu tri hoi nghi')?.event).toBe('hội nghị');
  });
});

let nextId = 1;
const stored = (fact: Fact, passageId: number, documentId = 1): StoredFact => ({
  id: nextId++,
  documentId,
  passageId,
  fact,
});

const lang: Fact = {
  kind: 'meeting',
  eventType: 'hội nghị',
  chairs: [{ honorific: 'đồng chí', name: 'Ngô Văn Lãng', roles: ['Bí thư Đảng ủy', 'Chính ủy BĐBP tỉnh'] }],
  attendees: [],
};
const hdnd: Fact = {
  kind: 'meeting',
  eventType: 'kỳ họp',
  eventName: 'Kỳ họp thứ 22 HĐND tỉnh khóa XI',
  date: { day: 10, month: 12, year: 2024, text: 'Ngày 10/12/2024' },
  chairs: [{ honorific: 'ông', name: 'Nguyễn Đức Thanh', roles: ['Chủ tịch HĐND tỉnh'] }],
  attendees: [{ honorific: 'đồng chí', name: 'Lê Văn Hưởng', roles: ['Chủ tịch UBND tỉnh'] }],
};
const t2025: Fact = {
  kind: 'target',
  text: 'Phấn đấu trong năm có 100% tổ chức đảng, đảng viên hoàn thành nhiệm vụ trở lên',
  values: ['100%'],
  year: 2025,
};
const grdp: Fact = { kind: 'target', text: 'tăng trưởng GRDP 9–9,5%', values: ['9–9,5%'], year: 2025 };
const t2024: Fact = {
  kind: 'target',
  text: 'kết nạp 40 đảng viên mới',
  values: ['40 đảng viên'],
  year: 2024,
};
const task: Fact = {
  kind: 'task',
  text: 'Tiếp tục triển khai thực hiện hiệu quả các nghị quyết',
  year: 2025,
};
const due: Fact = {
  kind: 'deadline',
  text: 'Báo cáo kết quả trước ngày 15/12/2025',
  date: { day: 15, month: 12, year: 2025, text: 'trước ngày 15/12/2025' },
  due: true,
};

describe('answerFromFacts', () => {
  const titles: Record<number, string> = {
    1: 'Đảng ủy BĐBP tỉnh Ninh Thuận lãnh đạo thực hiện nhiệm vụ năm 2025',
    2: 'Kỳ họp HĐND tỉnh Ninh Thuận',
  };
  const lookup = { documentTitle: (id: number) => titles[id] };

  test('one meeting: the chair in one line, with the passage it came from', () => {
    const a = answerFromFacts(
      detectIntent('Ai chủ trì hội nghị?')!,
      [stored(lang, 7), stored(task, 8)],
      lookup,
    );
    expect(a).toEqual({
      text: 'Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh chủ trì hội nghị',
      passageId: 7,
      kind: 'chair',
    });
  });

  test('several meetings match: candidates instead of a guess', () => {
    const a = answerFromFacts(detectIntent('ai chu tri')!, [stored(lang, 7), stored(hdnd, 20, 2)], lookup);
    expect(a?.candidates).toHaveLength(2);
    expect(a?.candidates?.[1]).toBe(
      'Kỳ họp thứ 22 HĐND tỉnh khóa XI (10/12/2024): Ông Nguyễn Đức Thanh, Chủ tịch HĐND tỉnh',
    );
  });

  test('the question narrows by event type, words and year', () => {
    const facts = [stored(lang, 7), stored(hdnd, 20, 2)];
    expect(answerFromFacts(detectIntent('ai chủ trì kỳ họp')!, facts, lookup)?.passageId).toBe(20);
    expect(
      answerFromFacts(detectIntent('ai chủ trì hội nghị của bộ đội biên phòng')!, facts, lookup)?.passageId,
    ).toBe(7);
    expect(answerFromFacts(detectIntent('ai chủ trì năm 2024')!, facts, lookup)?.text).toBe(
      'Ông Nguyễn Đức Thanh, Chủ tịch HĐND tỉnh chủ trì kỳ họp thứ 22 HĐND tỉnh khóa XI (10/12/2024)',
    );
  });

  test('attendees', () => {
    expect(answerFromFacts(detectIntent('ai dự kỳ họp')!, [stored(hdnd, 20, 2)], lookup)?.text).toBe(
      'Dự kỳ họp thứ 22 HĐND tỉnh khóa XI (10/12/2024) có đồng chí Lê Văn Hưởng, Chủ tịch UBND tỉnh',
    );
  });

  test("targets: the year's list in one line, latest year when none is asked", () => {
    const facts = [stored(t2024, 2), stored(t2025, 5), stored(grdp, 6)];
    const a = answerFromFacts(detectIntent('chỉ tiêu năm 2025 là gì')!, facts);
    expect(a?.text).toBe(
      'Chỉ tiêu năm 2025 (2): Phấn đấu trong năm có 100% tổ chức đảng, đảng viên hoàn thành nhiệm vụ trở lên; tăng trưởng GRDP 9–9,5%',
    );
    expect(a?.passageId).toBe(5);
    expect(answerFromFacts(detectIntent('chi tieu la gi')!, facts)?.items).toHaveLength(2);
    expect(answerFromFacts(detectIntent('chỉ tiêu năm 2024')!, facts)?.text).toBe(
      'Chỉ tiêu năm 2024: kết nạp 40 đảng viên mới',
    );
  });

  test("a target's own year decides, not the year its document's title names", () => {
    // Document 1's title plans 2025; a 2024 result read as a target of 2024 stays out of 2025's list.
    const facts = [stored(t2024, 2, 1), stored(t2025, 5, 1)];
    for (const q of ['chỉ tiêu năm 2025 là gì', 'chi tieu nam 2025', 'CHỈ TIÊU NĂM 2025'.normalize('NFD')])
      expect(answerFromFacts(detectIntent(q)!, facts, lookup)?.items).toEqual([t2025.text]);
    expect(answerFromFacts(detectIntent('chỉ tiêu năm 2024')!, facts, lookup)?.items).toEqual([t2024.text]);
    // A meeting still matches a year its words or its document name (the title plans 2025).
    expect(
      answerFromFacts(detectIntent('ai chủ trì hội nghị năm 2025')!, [stored(lang, 7, 1)], lookup),
    ).not.toBeNull();
  });

  test('tasks and deadlines', () => {
    expect(answerFromFacts(detectIntent('có những nhiệm vụ gì')!, [stored(task, 9)])?.text).toBe(
      'Nhiệm vụ năm 2025: Tiếp tục triển khai thực hiện hiệu quả các nghị quyết',
    );
    expect(answerFromFacts(detectIntent('hạn chót báo cáo kết quả')!, [stored(due, 11)])?.text).toBe(
      'Thời hạn: trước ngày 15/12/2025: Báo cáo kết quả trước ngày 15/12/2025',
    );
  });

  test.each([
    ['chỉ tiêu năm 2030', [t2025]],
    ['ai chủ trì hội nghị ở Quảng Trị', [lang]],
    ['ai chủ trì hội nghị', [t2025, task]],
    ['ai dự hội nghị', [lang]],
    ['có những nhiệm vụ gì', [t2025]],
    ['hạn chót', []],
  ] as Array<[string, Fact[]]>)('null when the facts do not answer: %s', (q, facts) => {
    expect(
      answerFromFacts(
        detectIntent(q)!,
        facts.map((f, i) => stored(f, i + 1)),
        lookup,
      ),
    ).toBeNull();
  });
});

describe('formatFactList', () => {
  test('numbered plain lines, each followed by its source', () => {
    const items = [stored(lang, 7), stored(t2025, 8), stored(hdnd, 20, 2)];
    const sources = new Map([
      [7, { title: 'Nghị quyết năm 2025', file: 'bdbp.txt', paragraph: 2 }],
      [20, { title: 'Kỳ họp HĐND', file: 'hdnd.txt', paragraph: 1 }],
    ]);
    expect(formatFactList('meeting', items, sources)).toEqual([
      'Hội nghị, sự kiện và người chủ trì (2):',
      '1. Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh chủ trì hội nghị',
      '   Nguồn: Nghị quyết năm 2025 (bdbp.txt), đoạn 2',
      '2. Ông Nguyễn Đức Thanh, Chủ tịch HĐND tỉnh chủ trì kỳ họp thứ 22 HĐND tỉnh khóa XI (10/12/2024)',
      '   Nguồn: Kỳ họp HĐND (hdnd.txt), đoạn 1',
    ]);
    expect(formatFactList('deadline', items, sources)).toEqual([
      'Thời hạn và mốc thời gian: chưa có dữ kiện nào.',
    ]);
  });
});

describe('detectIntent: how officers ask who attended, who chaired which meeting', () => {
  test.each<[string, string, number | undefined]>([
    ['kỳ họp thứ 23 HĐND Quảng Trị có những lãnh đạo nào dự', 'attendee', 23],
    ['tong ket 2023 bdbp quang ninh co pho tu lenh bdbp nao du', 'attendee', undefined],
    ['chính ủy bđbp quảng trị có dự sơ kết quý 1/2025 không', 'attendee', undefined],
    ['chu tri ky hop thu 29 hdnd tinh quang tri la ai', 'chair', 29],
    ['Hội nghị BCH Đảng bộ tỉnh lần thứ 27 do ai chủ trì', 'chair', 27],
    ['ai là trưởng ban chỉ đạo diễn tập khu vực phòng thủ', 'chair', undefined],
    ['đoàn chủ tịch đại hội gồm những ai', 'chair', undefined],
  ])('%s', (q, kind, ordinal) => {
    const intent = detectIntent(q);
    expect(intent?.kind).toBe(kind);
    expect(intent?.ordinal).toBe(ordinal);
  });
});

describe('answerFromFacts: the meeting the question numbers', () => {
  const meeting = (n: number, chair: string): Fact => ({
    kind: 'meeting',
    eventType: 'kỳ họp',
    eventName: `kỳ họp thứ ${n}`,
    chairs: [{ name: chair, roles: ['Chủ tịch HĐND tỉnh'] }],
    attendees: [],
  });
  const facts: StoredFact[] = [
    { id: 1, documentId: 1, passageId: 10, fact: meeting(23, 'Phan Đình Khiêm') },
    { id: 2, documentId: 2, passageId: 20, fact: meeting(29, 'Hoàng Thị Lan') },
  ];
  it.each([
    ['ai chủ trì kỳ họp thứ 29', 'Hoàng Thị Lan'],
    ['ky hop thu 23 ai chu tri', 'Phan Đình Khiêm'],
  ])('%s', (q, chair) => {
    expect(answerFromFacts(detectIntent(q)!, facts)?.text).toContain(chair);
  });
  it('names no other meeting when the numbered one is not known', () => {
    expect(answerFromFacts(detectIntent('ai chủ trì kỳ họp thứ 24')!, facts)).toBeNull();
  });
});

describe('answerFromFacts: attendees told in several paragraphs of one report', () => {
  const person = (name: string, role: string) => ({ name, roles: [role] });
  const facts: StoredFact[] = [
    {
      id: 1,
      documentId: 7,
      passageId: 70,
      fact: {
        kind: 'meeting',
        eventType: 'hội nghị',
        eventName: 'Hội nghị tổng kết công tác năm 2024',
        date: { year: 2024, month: 12, day: 14, text: '14/12/2024' },
        chairs: [person('Phạm Đức Thịnh', 'Bí thư Đảng ủy')],
        attendees: [person('Trần Minh Đức', 'Phó Chính ủy BĐBP')],
      },
    },
    {
      id: 2,
      documentId: 7,
      passageId: 72,
      fact: {
        kind: 'meeting',
        eventType: 'hội nghị',
        chairs: [],
        attendees: [person('Đặng Văn Tuyến', 'Phó Bí thư Tỉnh ủy')],
      },
    },
  ];
  it('are one meeting with both lists, not two meetings to choose from', () => {
    const a = answerFromFacts(detectIntent('ai dự hội nghị tổng kết năm 2024')!, facts);
    expect(a?.candidates).toBeUndefined();
    expect(a?.text).toContain('Trần Minh Đức');
    expect(a?.text).toContain('Đặng Văn Tuyến');
    expect(a?.text).not.toContain('Phạm Đức Thịnh');
  });
});

describe('who spoke', () => {
  test.each<[string, string]>([
    ['ai phát biểu chỉ đạo tại kỳ họp HĐND tỉnh Quảng Trị tháng 12/2024', 'speaker'],
    ['ai trinh bay bao cao so ket quy I cong an ca mau', 'speaker'],
    ['phát biểu bế mạc kỳ họp là ai', 'speaker'],
    ['ai dự và chủ trì hội nghị', 'chair'],
  ])('%s → %s', (q, kind) => expect(detectIntent(q)?.kind).toBe(kind));

  it('is answered from the speakers, not the chairs', () => {
    const facts: StoredFact[] = [
      {
        id: 1,
        documentId: 3,
        passageId: 30,
        fact: {
          kind: 'meeting',
          eventType: 'hội nghị',
          eventName: 'Hội nghị tổng kết công tác quân sự năm 2024',
          chairs: [{ name: 'Trần Văn Lộc', roles: ['Chủ tịch UBND tỉnh'] }],
          attendees: [],
          speakers: [{ name: 'Hồ Sỹ Nguyên', rank: 'Đại tá', roles: ['Chỉ huy trưởng'] }],
        },
      },
    ];
    const a = answerFromFacts(detectIntent('ai trình bày báo cáo tại hội nghị tổng kết')!, facts);
    expect(a?.text).toContain('Đại tá Hồ Sỹ Nguyên, Chỉ huy trưởng');
    expect(a?.text).not.toContain('Trần Văn Lộc');
  });
});

describe('who signed a document', () => {
  test.each<[string, string | undefined]>([
    ['nghị quyết 142-NQ/ĐU do ai ký', 'signer'],
    ['Ai ký công văn chống IUU của BĐBP Bà Rịa - Vũng Tàu?'.normalize('NFD'), 'signer'],
    ['ai da ky chi thi nay', 'signer'],
    ['NGƯỜI KÝ LÀ AI', 'signer'],
    ['chữ ký của ai trên báo cáo', 'signer'],
    ['văn bản ký bởi ai', 'signer'],
    // Folded, "ký" is also "kỳ": a meeting's term is not a signature.
    ['ai chủ trì kỳ họp thứ 7', 'chair'],
    ['ai chủ trì kì họp thứ 7', 'chair'],
    ['ai dự kỳ họp HĐND tỉnh', 'attendee'],
    // Guests asked as guests.
    ['khách mời của đại hội Đảng bộ BĐBP Quảng Ninh là ai', 'attendee'],
    ['Khách mời hội nghị tổng kết gồm những ai?'.normalize('NFD'), 'attendee'],
    ['ai la khach moi cua ky hop', 'attendee'],
    ['tổng kết 2023 bđbp quảng trị đại biểu gồm những ai', 'attendee'],
    ['DAI BIEU DU KY HOP LA NHUNG AI', 'attendee'],
    ['kỷ niệm 80 năm do ai chủ trì', 'chair'],
  ])('%s → %s', (q, kind) => expect(detectIntent(q)?.kind).toBe(kind));

  test.each<[string, string | null]>([
    ['T/M ĐẢNG ỦY, BÍ THƯ, Đại tá Lê Văn Đồng', 'Người ký: Đại tá Lê Văn Đồng (T/M ĐẢNG ỦY, BÍ THƯ)'],
    [
      'TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH, Nguyễn Văn Tâm',
      'Người ký: Nguyễn Văn Tâm (TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH)',
    ],
    // A name alone says nobody's role: no direct answer.
    ['Nguyễn Văn Tâm', null],
  ])('%s', (text, answer) => expect(signerAnswer({ passageId: 7, text })?.text ?? null).toBe(answer));
});

describe('answerFromFacts: a year-end review is not a half-year one', () => {
  const meeting = (name: string, guest: string): Fact => ({
    kind: 'meeting',
    eventType: 'hội nghị',
    eventName: name,
    chairs: [],
    attendees: [{ name: guest, roles: ['Phó Bí thư Tỉnh ủy'] }],
  });
  const halfYear: StoredFact = {
    id: 1,
    documentId: 1,
    passageId: 10,
    fact: meeting('hội nghị sơ kết công tác 6 tháng đầu năm 2025 của Tỉnh đoàn Hà Giang', 'Hoàng Văn Sơn'),
  };
  const yearEnd: StoredFact = {
    id: 2,
    documentId: 2,
    passageId: 20,
    fact: meeting('hội nghị tổng kết công tác năm 2024 của Tỉnh đoàn Hà Giang', 'Lê Thị Hồng'),
  };
  it.each([
    ['ai dự hội nghị tổng kết Tỉnh đoàn Hà Giang', 'Lê Thị Hồng'],
    ['TỔNG KẾT TỈNH ĐOÀN HÀ GIANG CÓ AI DỰ'.normalize('NFD'), 'Lê Thị Hồng'],
    ['ai du hoi nghi so ket tinh doan ha giang', 'Hoàng Văn Sơn'],
  ])('%s', (q, guest) => {
    expect(detectIntent(q)?.review).toBeDefined();
    expect(answerFromFacts(detectIntent(q)!, [halfYear, yearEnd])?.text).toContain(guest);
  });
  it.each([
    ['ai dự hội nghị tổng kết Tỉnh đoàn Hà Giang', halfYear],
    ['hội nghị sơ kết tỉnh đoàn hà giang ai dự', yearEnd],
  ])('names no meeting of the other kind: %s', (q, only) => {
    expect(answerFromFacts(detectIntent(q)!, [only])).toBeNull();
  });
  it('a meeting that names neither kind still answers', () => {
    const plain: StoredFact = { ...yearEnd, fact: meeting('hội nghị của Tỉnh đoàn Hà Giang', 'Lê Thị Hồng') };
    expect(
      answerFromFacts(detectIntent('ai dự hội nghị tổng kết Tỉnh đoàn Hà Giang')!, [plain])?.text,
    ).toContain('Lê Thị Hồng');
  });
});
