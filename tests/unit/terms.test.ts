import {
  analyzeQuery,
  asksForFigure,
  contentTokens,
  textTerms,
  demoteSpans,
  foldedContent,
} from '../../src/text/terms';
import { tokenize } from '../../src/text/tokenize';

const content = (q: string) => contentTokens(tokenize(q)).map((t) => t.text);

describe('contentTokens: question words and fillers do not produce terms', () => {
  it.each([
    ['chỉ tiêu 2025 là gì?', ['chỉ', 'tiêu', '2025']],
    ['chi tieu nam 2025 la gi', ['chi', 'tieu', 'nam', '2025']],
    ['Cho tôi hỏi chỉ tiêu năm 2025 ạ', ['chỉ', 'tiêu', 'năm', '2025']],
    ['công tác dân vận như thế nào?', ['công', 'tác', 'dân', 'vận']],
    ['bắt giữ bao nhiêu vụ', ['bắt', 'giữ', 'vụ']],
    ['bat giu bao nhieu vu', ['bat', 'giu', 'vu']],
    // How long and when are question words too, with or without diacritics, NFD or in capitals.
    ['bị phạt tù từ bao lâu đến bao lâu', ['bị', 'phạt', 'tù', 'từ', 'đến']],
    ['bi phat tu tu bao lau', ['bi', 'phat', 'tu', 'tu']],
    ['kỳ họp bế mạc hôm nào?'.normalize('NFD'), ['kỳ', 'họp', 'bế', 'mạc']],
    ['Khi nào tổng kết năm 2024?', ['tổng', 'kết', 'năm', '2024']],
    ['BAO GIỜ KHAI MẠC ĐẠI HỘI', ['khai', 'mạc', 'đại', 'hội']],
    ['luc nao hoan thanh 2.300 can ho', ['hoan', 'thanh', '2300', 'can', 'ho']],
    // "giờ" and "khi" alone stay words of their own.
    ['làm thêm giờ khi có lệnh', ['làm', 'thêm', 'giờ', 'khi', 'có', 'lệnh']],
    ['Ai chủ trì hội nghị?', ['chủ', 'trì', 'hội', 'nghị']],
    // Who, asked of a list; "gồm" asked of what a file holds stays a word.
    ['khách mời gồm những ai', ['khách', 'mời']],
    ['NHỮNG AI DỰ HỘI NGHỊ'.normalize('NFD'), ['dự', 'hội', 'nghị']],
    ['thanh phan gom nhung ai', ['thanh', 'phan']],
    ['đoàn chủ tịch là những ai', ['đoàn', 'chủ', 'tịch']],
    ['hồ sơ gồm những gì', ['hồ', 'sơ', 'gồm']],
    ['xin cho biết tăng trưởng GRDP 9–9,5% ạ', ['tăng', 'trưởng', 'grdp', '9', '9,5%']],
    ['có tổ chức đại hội không?', ['có', 'tổ', 'chức', 'đại', 'hội']],
    ['co to chuc dai hoi khong', ['co', 'to', 'chuc', 'dai', 'hoi']],
    ['quy định không áp dụng với ai', ['quy', 'định', 'không', 'áp', 'dụng', 'với']],
    ['hướng dẫn 2.300 lượt tàu', ['hướng', 'dẫn', '2300', 'lượt', 'tàu']],
    [
      'nghị quyết 62/NQ-HĐND ngày 10/12/2024',
      ['nghị', 'quyết', '62', 'nq', 'hđnd', 'ngày', '10', '12', '2024'],
    ],
  ])('%s', (q, expected) => {
    expect(content(q)).toEqual(expected);
  });

  it.each([
    // Typed without diacritics, "dau", "ha", "the", "vay", "a", "nhe" are also "đầu", "Hà", "thể",
    // "vay", "Á", "nhẹ": question words only where they end the question.
    ['dau tu cong la gi', ['dau', 'tu', 'cong']],
    ['cong an ha noi', ['cong', 'an', 'ha', 'noi']],
    ['the thao quan doi', ['the', 'thao', 'quan', 'doi']],
    ['vay von uu dai', ['vay', 'von', 'uu', 'dai']],
    ['tru so o dau', ['tru', 'so', 'o']],
    ['xong chua ha', ['xong']],
    ['ket qua the nao', ['ket', 'qua']],
    ['cam on a', ['cam', 'on']],
    // With diacritics they are what they are: "đâu" is dropped anywhere, "đầu" never.
    ['đầu tư công là gì', ['đầu', 'tư', 'công']],
    ['trụ sở ở đâu', ['trụ', 'sở', 'ở']],
    ['đâu là chỉ tiêu chính', ['là', 'chỉ', 'tiêu', 'chính']],
    // Unambiguous ones still go anywhere.
    ['don vi nao chu tri', ['don', 'vi', 'chu', 'tri']],
    ['ai chu tri hoi nghi', ['chu', 'tri', 'hoi', 'nghi']],
  ])('%s (folded question words)', (q, expected) => {
    expect(content(q)).toEqual(expected);
  });

  it('a filler typed with diacritics is not taken for a content word without them, and back', () => {
    // "cờ" (chess) is not the question tag "có"; "gi" without diacritics is "gì"
    expect(content('cờ vua là gì')).toEqual(['cờ', 'vua']);
    expect(content('co vua la gi')).toEqual(['co', 'vua']);
  });
});

describe('analyzeQuery', () => {
  it('a question with diacritics searches exact terms above folded ones', () => {
    const q = analyzeQuery('chỉ tiêu 2025 là gì?');
    expect(q.hasDiacritics).toBe(true);
    expect(q.terms.get('e:chỉ')).toBe(1);
    expect(q.terms.get('E:chỉ tiêu')).toBe(1);
    expect(q.terms.get('f:chi')).toBeLessThan(1);
    expect(q.terms.get('e:2025')).toBe(1);
    expect([...q.terms.keys()].some((k) => /gì|là/.test(k))).toBe(false);
  });

  it('a question without diacritics searches folded terms at full weight', () => {
    const q = analyzeQuery('chi tieu nam 2025 la gi');
    expect(q.hasDiacritics).toBe(false);
    expect(q.terms.get('f:chi')).toBe(1);
    expect(q.terms.get('F:chi tieu')).toBe(1);
    expect(q.terms.get('F:nam 2025')).toBe(1);
    expect([...q.terms.keys()].some((k) => /\bgi\b|\bla\b/.test(k))).toBe(false);
    // Typed without diacritics, "chi" may be "chỉ" or "chi": no exact term prefers the bare spelling.
    expect([...q.terms.keys()].filter((k) => k.startsWith('e:') || k.startsWith('E:'))).toEqual([]);
  });

  it('"từ" is not the abbreviation TƯ (Trung ương); "TƯ" in capitals is', () => {
    expect(analyzeQuery('từ năm 2020').terms.has('F:trung uong')).toBe(false);
    expect(analyzeQuery('tu nam 2020').terms.has('F:trung uong')).toBe(false);
    expect(analyzeQuery('Nghị quyết TƯ 4').terms.get('F:trung uong')).toBeGreaterThan(0);
  });

  it.each([
    ['2.300 lượt tàu', 'e:2300'],
    ['100% tổ chức đảng', 'e:100%'],
    ['tăng trưởng 9–9,5%', 'e:9,5%'],
    ['năm 2025', 'E:năm 2025'],
  ])('numbers and years drive ranking: %s has %s', (q, term) => {
    expect(analyzeQuery(q).terms.get(term)).toBeGreaterThan(0);
  });

  it.each([
    ['BĐBP tỉnh', ['F:bo doi', 'F:bien phong']],
    ['trực SSCĐ', ['F:san sang', 'F:chien dau']],
    ['Bộ đội Biên phòng', ['f:bdbp']],
    ['KTXH năm 2025', ['F:kinh te', 'F:xa hoi']],
  ])('abbreviations expand both ways at a lower weight: %s', (q, terms) => {
    const a = analyzeQuery(q);
    for (const t of terms) {
      expect(a.terms.get(t)).toBeGreaterThan(0);
      expect(a.terms.get(t)).toBeLessThan(1);
    }
  });

  it('a question made only of question words still searches them', () => {
    expect(analyzeQuery('là gì?').tokens.map((t) => t.text)).toEqual(['là', 'gì']);
  });

  it.each([
    ['chỉ tiêu năm 2025 là gì', true],
    ['bao nhiêu đối tượng', true],
    ['bị phạt tù bao lâu', true],
    ['phat tu bao lau', true],
    ['ai chủ trì hội nghị', false],
  ])('wantsNumber(%s) = %s', (q, expected) => {
    expect(analyzeQuery(q).wantsNumber).toBe(expected);
  });
});

describe('analyzeQuery: what "bao nhiêu" counts', () => {
  it.each<[string, string[]]>([
    ['Công an Cà Mau có bao nhiêu chó nghiệp vụ', ['e:chó', 'e:nghiệp', 'e:vụ']],
    ['HĐND tỉnh Quảng Trị có bao nhiêu đại biểu nữ?'.normalize('NFD'), ['e:đại', 'e:biểu', 'e:nữ']],
    ['BĐBP KIÊN GIANG KẾT NẠP BAO NHIÊU ĐẢNG VIÊN NĂM 2024', ['e:đảng', 'e:viên']],
    ['bdbp bat giu bao nhieu vu nam 2024', ['f:vu']],
    ['xảy ra bao nhiêu vụ, giảm bao nhiêu %', ['e:vụ']],
    // Measures whose answer writes no word of them, and words that end what is counted.
    ['huấn luyện cho bao nhiêu người', []],
    ['giải ngân đạt bao nhiêu % kế hoạch', []],
    ['bao nhiêu phần trăm hộ dân có BHYT', []],
    ['GRDP tăng bao nhiêu theo nghị quyết', []],
    ['thu ngân sách bao nhiêu tỷ đồng năm 2024', ['e:tỷ', 'e:đồng']],
    ['chỉ tiêu năm 2025 là gì', []],
    // A polite or questioning particle after it is no thing counted.
    ['chỉ tiêu tuyển quân của Uông Bí là bao nhiêu ạ', []],
    ['CÓ BAO NHIÊU ĐIỂM THI NHỈ'.normalize('NFD'), ['e:điểm', 'f:thi']],
    ['bat giu bao nhieu vu a', ['f:vu']],
    ['kết nạp bao nhiêu đảng viên chứ', ['e:đảng', 'e:viên']],
    ['giao đất được bao nhiêu hộ rồi', ['e:hộ']],
    ['CÒN BAO NHIÊU HỘ NỮA'.normalize('NFD'), ['e:hộ']],
    // Typed partly without diacritics: a plain word is compared folded.
    ['Công an Cà Mau bắt giữ bao nhiêu vu', ['f:vu']],
  ])('%s → %j', (q, counted) => {
    expect(analyzeQuery(q).counted).toEqual(counted);
  });
});

describe('analyzeQuery: what a question asking when or where names as held', () => {
  it.each<[string, string[]]>([
    ['Đảng ủy xã Hải Thịnh tổ chức giải cờ tướng khi nào', ['F:giai co']],
    ['UBND TỈNH KHÁNH HOÀ TỔ CHỨC LỄ HỘI PHÁO HOA VÀO NGÀY NÀO'.normalize('NFD'), ['F:le hoi']],
    ['tinh uy phu yen to chuc hoi dien van nghe nam 2023 o dau', ['F:hoi dien']],
    ['Tỉnh ủy Phú Yên tổ chức hội nghị tổng kết năm 2023 tại đâu', ['F:hoi nghi']],
    ['hdnd tan phu dong to chuc ky hop nam 2024 bao gio', ['F:ky hop']],
    // One word held, or none: nothing to require ("họp" alone is any meeting).
    ['UBND tỉnh tổ chức họp vào ngày nào', []],
    ['hội nghị được tổ chức ở đâu', []],
    ['tổ chức các hoạt động hè khi nào', []],
    // A time, a place or a number after "tổ chức" ends what was held.
    ['BĐBP Quảng Ninh tổ chức đại hội năm 2025 ngày nào', ['F:dai hoi']],
    ['BĐBP Quảng Ninh tổ chức họp năm 2025 ngày nào', []],
    ['Sở Y tế tổ chức 2 lớp tập huấn ở đâu', []],
    // Not asking when or where: "tổ chức" may be a noun ("tổ chức cơ sở đảng").
    ['tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ 9,5%', []],
    ['tổ chức hội nghị tổng kết 2.300 người dự', []],
  ])('%s → %j', (q, held) => {
    expect(analyzeQuery(q).held).toEqual(held);
  });
});

describe('textTerms', () => {
  it('indexes exact and folded syllables and bigrams, never across punctuation', () => {
    const t = textTerms('Chỉ tiêu, năm 2025');
    expect(t.get('e:chỉ')).toBe(1);
    expect(t.get('f:chi')).toBe(1);
    expect(t.get('E:chỉ tiêu')).toBe(1);
    expect(t.get('F:chi tieu')).toBe(1);
    expect(t.get('E:năm 2025')).toBe(1);
    expect(t.has('E:tiêu năm')).toBe(false);
  });

  it('old tone placement and NFD index like the traditional NFC form', () => {
    expect([...textTerms('Đảng uỷ khoẻ'.normalize('NFD')).keys()]).toEqual([
      ...textTerms('Đảng ủy khỏe').keys(),
    ]);
  });
});

describe('demoteSpans: scope words weigh less once the documents are narrowed to the scope', () => {
  it.each<[string, Array<[number, number]>, string[], string[]]>([
    // [question, spans in the folded content, terms demoted, terms kept]
    [
      'năm 2024 BĐBP Quảng Ninh bắt giữ bao nhiêu vụ',
      [[0, 24]],
      ['e:quảng', 'f:ninh', 'E:quảng ninh', 'e:2024'],
      ['e:bắt', 'f:giu', 'E:bắt giữ', 'e:vụ'],
    ],
    // "Ninh" also outside the span ("Ninh Hòa"): it keeps its weight.
    ['Quảng Ninh và thị xã Ninh Hoà', [[0, 10]], ['e:quảng'], ['e:ninh', 'f:ninh', 'e:hòa']],
  ])('%s', (question, spans, demoted, kept) => {
    const q = analyzeQuery(question.normalize('NFD'));
    const d = demoteSpans(q, spans, 0.2);
    for (const t of demoted) expect(d.terms.get(t)).toBeCloseTo((q.terms.get(t) ?? NaN) * 0.2);
    for (const t of kept) expect(d.terms.get(t)).toBe(q.terms.get(t));
  });
  it('leaves the query as it is without spans', () => {
    const q = analyzeQuery('chỉ tiêu 2025');
    expect(demoteSpans(q, [], 0.2)).toBe(q);
  });
  it('offsets are those of foldedContent', () => {
    expect(foldedContent(analyzeQuery('Chỉ tiêu năm 2025 của BĐBP Kiên Giang là gì?'))).toBe(
      'chi tieu nam 2025 cua bdbp kien giang',
    );
  });
});

describe('analyzeQuery: a quarter as digits or Roman numerals', () => {
  const alternativesOf = (q: string, word: string) =>
    analyzeQuery(q).syllables.find((s) => s.folded === `f:${word}`)?.alternatives;
  it.each<[string, string, string[][] | undefined]>([
    ['quý 4/2024 đồn hòn gai cần làm gì', '4', [['f:iv']]],
    ['QUÝ IV/2024 làm thủ tục bao nhiêu tàu'.normalize('NFD'), 'iv', [['f:4']]],
    ['quy 2 nam 2025 bat bao nhieu vu', '2', [['f:ii']]],
    ['sơ kết quý I', 'i', [['f:1']]],
    // A number after anything else stays itself.
    ['4 quý năm 2024', '4', undefined],
    ['quý 5', '5', undefined],
  ])('%s: %s → %j', (q, word, alternatives) => {
    expect(alternativesOf(q, word)).toEqual(alternatives);
  });
});

describe('asksForFigure: how many, how much, what rate', () => {
  it.each<[string, boolean]>([
    ['BĐBP Quảng Ninh bắt bao nhiêu vụ', true],
    ['kết nạp mấy đảng viên'.normalize('NFD'), true],
    ['TỶ LỆ HỘ NGHÈO NĂM 2024', true],
    ['tỉ lệ bao phủ BHYT', true],
    ['số lượng tàu cá xuất bến', true],
    ['giảm bao nhieu phan tram', true],
    ['bdbp bat may vu nam 2024', true],
    ['ty le ho ngheo', true],
    // "máy" is no "mấy": with its marks, or typed without them in a machine's words.
    ['sắp xếp bộ máy trước ngày nào', false],
    ['sap xep bo may truoc ngay nao', false],
    ['nha may xu ly rac xay o dau', false],
    ['may bay khong nguoi lai', false],
    ['ai chủ trì hội nghị', false],
    ['chỉ tiêu năm 2025 là gì', false],
    ['', false],
  ])('%s → %s', (q, asks) => expect(asksForFigure(q)).toBe(asks));
});
