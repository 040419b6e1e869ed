import { DEFAULT_MIN_RELEVANCE, headingNames, SCOPE_WORD_WEIGHT } from '../../src/search/retriever';
import type { UnitType } from '../../src/profile/units';
import {
  answerShape,
  asksDocumentIdentity,
  asksLegalBasis,
  asksTarget,
  asksDeadline,
  bestSentence,
  countedNoun,
  coverage,
  passageHeading,
  resultOfOtherYear,
  reviewedOnlyYears,
  statesCount,
  statesFigure,
  statesLegalBasis,
  statesResult,
  statesTarget,
  wantsResult,
  plannedOnlyYears,
  otherYearPart,
  yearParts,
  YearPart,
} from '../../src/search/relevance';
import { analyzeQuery } from '../../src/text/terms';

const idf = () => 1;
const TEXT =
  'Quyết liệt lãnh đạo thực hiện hiệu quả một số chỉ tiêu chủ yếu. Xây dựng các cấp ủy vững mạnh. Phấn đấu trong năm có 100% tổ chức đảng hoàn thành nhiệm vụ; hoàn thành chỉ tiêu kết nạp đảng viên mới được giao.';

describe('coverage', () => {
  it.each([
    ['chỉ tiêu kết nạp đảng viên', 'hoàn thành chỉ tiêu kết nạp đảng viên', 1],
    ['chi tieu ket nap dang vien', 'hoàn thành chỉ tiêu kết nạp đảng viên', 1],
    ['giá vàng hôm nay', TEXT, 0],
  ])('%s in "%s" = %s', (q, text, expected) => {
    expect(coverage(analyzeQuery(q), text, idf)).toBeCloseTo(expected, 5);
  });

  it('a passage that does not name what "bao nhiêu" counts does not answer', () => {
    // The archive knows "đại biểu", "chó" is a word it has, "nữ" is none of its words.
    const known = new Set(['e:đại', 'e:biểu', 'e:chó', 'e:đồng', 'e:chí', 'f:dai', 'f:bieu']);
    const archiveIdf = (t: string) => (known.has(t) ? 1 : 5);
    const text = 'Dự kỳ họp có 52 đại biểu HĐND tỉnh, đồng chí Chủ tịch chủ trì.';
    // The thing counted is missing, or a qualifier no document has: not covered at all.
    expect(coverage(analyzeQuery('kỳ họp HĐND có bao nhiêu đại biểu nữ'), text, archiveIdf)).toBe(0);
    expect(coverage(analyzeQuery('kỳ họp HĐND có bao nhiêu chó'), text, archiveIdf)).toBe(0);
    // A qualifier the archive has elsewhere may be said otherwise: covered as usual.
    expect(
      coverage(analyzeQuery('kỳ họp HĐND có bao nhiêu đại biểu đồng chí'), text, archiveIdf),
    ).toBeGreaterThan(0);
    expect(coverage(analyzeQuery('kỳ họp HĐND có bao nhiêu đại biểu'), text, archiveIdf)).toBeGreaterThan(
      0.5,
    );
  });

  it('a passage that does not name what was held does not say when or where it was', () => {
    const conference =
      'Ngày 06/4/2026, Ban Thường vụ Đảng uỷ xã Hải Thịnh tổ chức hội nghị sơ kết công tác quý I năm 2026.';
    expect(
      coverage(analyzeQuery('Đảng ủy xã Hải Thịnh tổ chức giải cờ tướng khi nào'), conference, idf),
    ).toBe(0);
    expect(
      coverage(analyzeQuery('dang uy xa hai thinh to chuc giai co tuong khi nao'), conference, idf),
    ).toBe(0);
    // The event named, in NFD, with the old tone placement or none: covered as usual.
    for (const q of [
      'Đảng ủy xã Hải Thịnh tổ chức hội nghị sơ kết quý I năm 2026 ngày nào'.normalize('NFD'),
      'Đảng uỷ xã Hải Thịnh tổ chức hội nghị sơ kết khi nào',
      'dang uy xa hai thinh to chuc hoi nghi so ket o dau',
    ])
      expect(coverage(analyzeQuery(q), conference, idf)).toBeGreaterThan(0.5);
  });

  it.each<[string, string, string]>([
    // [question, passage writing the sign, the same passage without it]
    [
      'tăng trưởng GRDP bao nhiêu phần trăm',
      'Tốc độ tăng trưởng GRDP đạt 11% trở lên.',
      'Tốc độ tăng trưởng GRDP cao.',
    ],
    [
      'tang truong GRDP bao nhieu phan tram',
      'Tốc độ tăng trưởng GRDP đạt 9,5 % trở lên.',
      'Tốc độ tăng trưởng GRDP cao.',
    ],
    [
      'công văn số 2150 về việc gì',
      'Số: 2150/UBND-NN. V/v triển khai các biện pháp',
      'Số: 2150/UBND-NN. Triển khai các biện pháp',
    ],
    [
      'CÔNG VĂN SỐ 2150 VỀ VIỆC GÌ'.normalize('NFD'),
      'SỐ: 2150/UBND-NN. V/V TRIỂN KHAI',
      'SỐ: 2150/UBND-NN. TRIỂN KHAI',
    ],
  ])('%s: the words are covered by what documents write for them', (q, signed, unsigned) => {
    const query = analyzeQuery(q);
    expect(coverage(query, signed, idf)).toBeGreaterThan(coverage(query, unsigned, idf));
  });

  it.each<[string, string, string]>([
    // [question with "được", the same without, the passage that answers it without "được"]
    [
      'Phòng Chính trị được giao việc gì',
      'Phòng Chính trị giao việc gì',
      'Giao Phòng Chính trị chủ trì hướng dẫn các tổ chức đảng.',
    ],
    [
      'giao đất được bao nhiêu hộ rồi',
      'giao đất bao nhiêu hộ rồi',
      'Đến nay đã giao đất ở tái định cư cho 512 hộ, đạt 41,1%.',
    ],
    [
      'Ban CHQS XÃ ĐƯỢC GIAO NHIỆM VỤ GÌ'.normalize('NFD'),
      'Ban CHQS xã giao nhiệm vụ gì',
      'Giao Ban CHQS xã chủ trì tổ chức huấn luyện.',
    ],
  ])('"được" a question adds is not asked of the passage: %s', (q, without, text) => {
    // As much as the question without it, more than with a word the passage lacks in its place.
    const covered = coverage(analyzeQuery(q), text, idf);
    expect(covered).toBeGreaterThanOrEqual(coverage(analyzeQuery(without), text, idf));
    const lacking = q.normalize('NFC').replace(/được/iu, 'thưởng');
    expect(covered).toBeGreaterThan(coverage(analyzeQuery(lacking), text, idf));
  });

  it('"duoc" typed without marks may be "dược", and "được" still ranks', () => {
    const text = 'Giao Phòng Chính trị chủ trì hướng dẫn các tổ chức đảng.';
    expect(coverage(analyzeQuery('phong chinh tri duoc giao viec gi'), text, idf)).toBeLessThan(1);
    expect(analyzeQuery('Phòng Chính trị được giao việc gì').terms.has('e:được')).toBe(true);
  });

  it.each<[string, boolean]>([
    ['Đồn đã làm thủ tục cho 412 lượt tàu biển', true],
    ['tăng 9,5% so với cùng kỳ', true],
    ['thu giữ 2.300 viên ma túy', true],
    ['Đại hội đại biểu lần thứ XII của BĐBP tỉnh', true],
    // Dates and years are no figures.
    ['Ngày 13/02/2025, UBND tỉnh tổ chức hội nghị', false],
    ['Năm 2024, tình hình biên giới ổn định', false],
    ['Thượng tá Võ Minh Trí, Phó Chính ủy BĐBP tỉnh trình bày báo cáo', false],
  ])('statesFigure: %s → %s', (text, figure) => expect(statesFigure(text)).toBe(figure));

  it('a percent sign without a number, or "v/v" inside a word, covers nothing', () => {
    const q = analyzeQuery('bao nhiêu phần trăm');
    expect(coverage(q, 'tỷ lệ % cao', idf)).toBe(coverage(q, 'tỷ lệ cao', idf));
    const v = analyzeQuery('về việc gì');
    expect(coverage(v, 'mã AV/v2', idf)).toBe(coverage(v, 'mã', idf));
  });

  it('a folded-only match counts less when the question has diacritics', () => {
    const q = analyzeQuery('chỉ tiêu');
    expect(coverage(q, 'chi tiêu ngân sách', idf)).toBeLessThan(coverage(q, 'chỉ tiêu kết nạp', idf));
    expect(coverage(q, 'chi tiêu ngân sách', idf)).toBeGreaterThan(0);
  });

  // Scope words weighing SCOPE_WORD_WEIGHT: the question's own words decide against the "not found"
  // threshold. [question, passage, scope syllables, covered enough with them weighed down, without]
  const STATION = ['don', 'bien', 'phong', 'hon', 'gai'];
  it.each<[string, string, string[], boolean, boolean]>([
    [
      'số điện thoại của đồn biên phòng Hòn Gai',
      'Đồn Biên phòng Cửa khẩu cảng Hòn Gai',
      STATION,
      false,
      true,
    ],
    [
      'so dien thoai cua don bien phong hon gai',
      'Đồn Biên phòng Cửa khẩu cảng Hòn Gai',
      STATION,
      false,
      true,
    ],
    [
      'số điện thoại của đồn biên phòng Hòn Gai'.normalize('NFD'),
      'ĐỒN BIÊN PHÒNG CỬA KHẨU CẢNG HÒN GAI',
      STATION,
      false,
      true,
    ],
    [
      'đồn biên phòng Hòn Gai huy động bao nhiêu lượt CBCS',
      'Đồn đã huy động 1.240 lượt CBCS',
      STATION,
      true,
      true,
    ],
    [
      'đồn Hòn Gai huy động 1.240 lượt cán bộ chiến sĩ',
      'Đồn đã huy động 1.240 lượt CBCS',
      ['don', 'hon', 'gai'],
      true,
      true,
    ],
  ])('%s in "%s"', (q, text, scopeWords, scopedEnough, plainEnough) => {
    const query = analyzeQuery(q);
    // As in an archive: the unit's words are in many reports (low IDF), "điện thoại" in few.
    const archiveIdf = (folded: string) => (STATION.includes(folded) ? 1 : 2);
    const scoped = coverage(query, text, archiveIdf, {
      syllables: new Set(scopeWords),
      weight: SCOPE_WORD_WEIGHT,
    });
    expect(scoped >= DEFAULT_MIN_RELEVANCE).toBe(scopedEnough);
    expect(coverage(query, text, archiveIdf) >= DEFAULT_MIN_RELEVANCE).toBe(plainEnough);
    expect(coverage(query, text, archiveIdf, null)).toBe(coverage(query, text, archiveIdf));
  });

  it('an abbreviation is covered by its expansion', () => {
    expect(coverage(analyzeQuery('SSCĐ'), 'duy trì sẵn sàng chiến đấu', idf)).toBeGreaterThan(0.35);
    expect(coverage(analyzeQuery('SSCĐ'), 'duy trì trực ban', idf)).toBe(0);
  });
});

describe('bestSentence', () => {
  it.each([
    ['chỉ tiêu năm 2025 là gì?', 'Phấn đấu trong năm có 100% tổ chức đảng'],
    ['kết nạp đảng viên mới', 'Phấn đấu trong năm có 100% tổ chức đảng'],
    ['cấp ủy vững mạnh', 'Xây dựng các cấp ủy vững mạnh.'],
  ])('%s → the sentence starting %s', (q, start) => {
    expect(bestSentence(analyzeQuery(q), TEXT, idf)).toMatch(
      new RegExp('^' + start.replace(/[.()]/g, '\\$&')),
    );
  });

  it('null when no sentence shares a word with the question', () => {
    expect(bestSentence(analyzeQuery('giá vàng hôm nay'), TEXT, idf)).toBeNull();
  });
});

describe('countedNoun: what a question counts', () => {
  it.each<[string, string | null]>([
    ['năm 2022 BĐBP Quảng Ninh bắt được bao nhiêu vụ buôn lậu', 'vu'],
    ['nam 2024 bdbp phu yen bat bao nhieu vu', 'vu'],
    ['Nghệ An diễn tập cho mấy huyện?'.normalize('NFD'), 'huyen'],
    ['số vụ bắt giữ năm 2023 của BĐBP QN', 'vu'],
    ['đà nẵng đón bao nhiêu lượt khách lưu trú', 'luot'],
    // "bao nhiêu năm", "bao nhiêu phần trăm" count no thing a passage would name.
    ['phạt tù bao nhiêu năm', null],
    ['tăng bao nhiêu phần trăm', null],
    ['chỉ tiêu năm 2025 là gì', null],
    // What is counted comes before any punctuation.
    ['đà nẵng đặt mục tiêu tăng trưởng bao nhiêu (hội nghị tổng kết 2024)', null],
    ['BAO NHIÊU VỤ, bao nhiêu đối tượng?', 'vu'],
  ])('%s → %s', (q, noun) => expect(countedNoun(q)).toBe(noun));
});

describe('statesCount: a passage stating a number of it', () => {
  it.each<[string, string, boolean]>([
    ['Các đồn đã bắt giữ 186 vụ, 312 đối tượng.', 'vu', true],
    ['giúp dân 2.300 ngày công', 'cong', true],
    ['đón 10,9 triệu lượt khách', 'luot', true],
    ['Chỉ đạo 4 huyện Như Thanh, Hoằng Hóa diễn tập'.normalize('NFD'), 'huyen', true],
    ['Các vụ việc được giải quyết kịp thời.', 'vu', false],
  ])('%s', (text, noun, expected) => expect(statesCount(text, noun)).toBe(expected));
});

describe('answerShape: what an answer looks like', () => {
  it.each<[string, string, boolean]>([
    ['chỉ tiêu kết nạp đảng viên năm 2025', 'Kết nạp từ 300 đảng viên mới trở lên.', true],
    ['chi tieu nam 2025 cua bdbp kien giang', 'Phấn đấu 100% tổ chức đảng hoàn thành tốt nhiệm vụ.', true],
    ['chỉ tiêu kết nạp đảng viên năm 2025', 'Hội nghị đã thảo luận dân chủ.', false],
    ['phải báo cáo trước ngày nào', 'Báo cáo kết quả về Bộ Chỉ huy trước ngày 10/10/2024.', true],
    [
      'nghị quyết năm 2025 của Đảng ủy số mấy',
      'ĐẢNG ỦY BĐBP TỈNH KIÊN GIANG. Số: 306-NQ/ĐU. NGHỊ QUYẾT',
      true,
    ],
    ['nghị quyết năm 2025 của Đảng ủy số mấy', 'Đảng ủy đã lãnh đạo toàn diện.', false],
    [
      'han cap giay chung nhan cho ho tai dinh cu',
      '- Hoàn thành cấp Giấy chứng nhận cho các hộ đã được giao đất chậm nhất ngày 20/12/2024;',
      true,
    ],
    ['hạn cấp Giấy chứng nhận'.normalize('NFD'), 'Tiến độ cấp Giấy chứng nhận còn chậm.', false],
  ])('%s ← %s', (q, text, expected) => expect(answerShape(q)?.(text)).toBe(expected));

  it('says nothing for a question that does not say what its answer looks like', () => {
    expect(answerShape('công tác dân vận có chuyển biến gì')).toBeNull();
  });
});

describe('statesTarget: a sentence that aims at something, not one that reports it', () => {
  // The document reviews 2024 and plans 2025 (a year-end review).
  const reviewed = [2024];
  it.each<[string, boolean]>([
    ['Phấn đấu 100% tổ chức đảng hoàn thành tốt nhiệm vụ.', true],
    ['PHẤN ĐẤU TỶ LỆ GIẢI NGÂN ĐẠT TRÊN 95%.'.normalize('NFD'), true],
    ['Năm 2025, phấn đấu kết nạp từ 65 đảng viên mới trở lên.', true],
    ['- Tốc độ tăng trưởng GRDP đạt 9–9,5%;', true],
    ['Số vụ bắt giữ tăng ít nhất 5% so với năm 2024.', true],
    ['Hoàn thành giao nhận quân trong ngày 13/02/2024, đạt 100% chỉ tiêu.', true],
    ['Các đơn vị đã giúp nhân dân 2.300 ngày công, đạt 100% kế hoạch.', false],
    ['Năm 2024, toàn tỉnh giao 3.620 công dân nhập ngũ, đạt 100% chỉ tiêu.', false],
    ['Năm 2024, công tác tuyển quân đúng luật. Huấn luyện dân quân đạt 98% quân số.', false],
    ['Năm 2024 thu ngân sách tăng 9,5%. Năm 2025, phấn đấu thu ngân sách tăng 10% trở lên.', true],
    ['Hội nghị diễn ra trong không khí dân chủ.', false],
  ])('%s → %s', (text, expected) => expect(statesTarget(text, reviewed)).toBe(expected));

  it('a year the document also plans is not only reviewed', () => {
    expect(reviewedOnlyYears({ reviewedYears: [2024, 2025], planYears: [2025] })).toEqual([2024]);
    expect(statesTarget('Năm 2025, huấn luyện đạt 98% quân số trở lên.', [2024])).toBe(true);
  });

  it('a target of the year the question asks, not of another year', () => {
    // A 2024 review that plans 2025; the question asks the target of 2026.
    const asked = { asked: [2026], unnamed: [2025] };
    expect(statesTarget('Năm 2025, phấn đấu thu ngân sách tăng 10% trở lên.', reviewed, asked)).toBe(false);
    expect(statesTarget('Phấn đấu thu ngân sách tăng 10% trở lên.', reviewed, asked)).toBe(false);
    expect(statesTarget('Đến năm 2026, phấn đấu 100% xã đạt chuẩn.', reviewed, asked)).toBe(true);
    expect(statesTarget('Phấn đấu 100% xã đạt chuẩn.', reviewed, { asked: [2025], unnamed: [2025] })).toBe(
      true,
    );
    // No year asked: any year.
    expect(statesTarget('Năm 2025, phấn đấu tăng 10%.', reviewed, { asked: [], unnamed: [] })).toBe(true);
  });

  it('a target question takes the target shape', () => {
    const shape = answerShape('chỉ tiêu tuyển quân năm 2025')!;
    expect(shape('Năm 2024, toàn tỉnh giao 3.620 công dân nhập ngũ, đạt 100% chỉ tiêu.', [2024])).toBe(false);
    expect(shape('Năm 2025, phấn đấu giao quân đạt 100% chỉ tiêu.', [2024])).toBe(true);
  });
});

describe('headingNames: the heading says whose task an item is', () => {
  it.each<[string, string[], string | null, boolean]>([
    ['2. Bộ Chỉ huy Bộ đội Biên phòng tỉnh', ['bdbp'], null, true],
    ['2. BỘ CHỈ HUY QUÂN SỰ TỈNH'.normalize('NFD'), ['chqs'], null, true],
    ['1. Sở Y tế', ['so'], 'y te', true],
    ['1. Sở Tài chính', ['so'], 'y te', false],
    ['II. NHIỆM VỤ CỤ THỂ', ['bdbp'], null, false],
  ])('%s', (heading, types, field, expected) =>
    expect(headingNames(heading, { unitTypes: types as UnitType[], unitField: field })).toBe(expected),
  );
});

describe('statesResult: a sentence that reports a figure of what was done', () => {
  // The document reviews 2024 and plans 2025.
  const planned = [2025];
  it.each<[string, boolean]>([
    ['Năm 2024, tốc độ tăng trưởng GRDP ước đạt 7,05%.', true],
    ['Các đơn vị đã bắt giữ 231 vụ, 378 đối tượng, vượt 8% so với năm 2023.'.normalize('NFD'), true],
    ['giúp dân 2.300 ngày công', true],
    ['Năm 2025, phấn đấu tăng trưởng GRDP từ 8% trở lên.', false],
    ['Năm 2025, kết nạp 65 đảng viên mới.', false],
    ['Sáng 14/12/2024, hội nghị tổng kết năm 2024 được tổ chức.', false],
    ['Đã hoàn thành 100% chỉ tiêu giao quân, trở lên so với kế hoạch.', true],
    ['Năm 2024, toàn tỉnh giao 3.620 công dân nhập ngũ, đạt 100% chỉ tiêu.', true],
  ])('%s → %s', (text, expected) =>
    expect(statesResult(text, { planOnly: planned, reviewedOnly: [2024] })).toBe(expected),
  );

  it('a figure of the year the question asks: a sentence naming none is about the year its document reviews', () => {
    const asked = (y: number, reviewedYears: number[]) => ({ asked: [y], unnamed: reviewedYears });
    const text = 'Trong năm, các đơn vị bắt giữ 164 vụ, 221 đối tượng.'.normalize('NFD');
    expect(statesResult(text, { asked: asked(2023, [2023]) })).toBe(true);
    expect(statesResult(text, { asked: asked(2024, [2023]) })).toBe(false);
    expect(statesResult('Năm 2024, các đơn vị bắt giữ 171 vụ.', { asked: asked(2024, [2023]) })).toBe(true);
    expect(statesResult('Năm 2023, các đơn vị bắt giữ 164 vụ.', { asked: asked(2024, [2024]) })).toBe(false);
    // "so với năm 2023" is a baseline: the sentence is about the year before it.
    expect(
      statesResult('Năm 2024 xảy ra 58 vụ, giảm 7 vụ so với năm 2023.', { asked: asked(2024, [2024]) }),
    ).toBe(true);
  });

  it('takes the years a document only plans', () => {
    expect(plannedOnlyYears({ reviewedYears: [2024], planYears: [2024, 2025] })).toEqual([2025]);
  });
});

describe('resultOfOtherYear: what was done in a year other than the one asked', () => {
  // The review of 2023 that plans 2024, asked what was done in 2024.
  const review2023 = { reviewedYears: [2023], planYears: [2024] };
  it.each<[string, boolean]>([
    ['Các đơn vị chủ trì, phối hợp bắt giữ 58 vụ, 79 đối tượng vi phạm pháp luật.', true],
    [
      'Giúp nhân dân 2.300 ngày công; 95,5% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ.'.normalize('NFD'),
      true,
    ],
    ['NĂM 2023, ĐẢNG BỘ KẾT NẠP 36 ĐẢNG VIÊN MỚI.', true],
    // The year asked, named: the plan's own sentence about it.
    ['Năm 2024, phấn đấu số vụ bắt giữ tăng 5% so với năm 2023.', false],
    ['nam 2024 trien pha tu 3 duong day ma tuy tro len', false],
    // No figure: nothing reported.
    ['Các đơn vị duy trì nghiêm chế độ trực sẵn sàng chiến đấu.', false],
  ])('%s → %s', (text, expected) => expect(resultOfOtherYear(text, review2023, [2024])).toBe(expected));

  it('is false for a document that reviews the year asked, or when no year is asked', () => {
    const text = 'Các đơn vị bắt giữ 58 vụ, 79 đối tượng.';
    expect(resultOfOtherYear(text, { reviewedYears: [2023, 2024], planYears: [2025] }, [2024])).toBe(false);
    expect(resultOfOtherYear(text, review2023, [])).toBe(false);
  });

  it('is false for a target under a targets heading ("Kết nạp 260 đảng viên mới" in a plan)', () => {
    const plan = { reviewedYears: [2024], planYears: [2025] };
    const heading = passageHeading(['2. Các chỉ tiêu chủ yếu', 'II. NHIỆM VỤ NĂM 2025']);
    expect(resultOfOtherYear('Kết nạp 260 đảng viên mới.', plan, [2025], heading)).toBe(false);
    expect(resultOfOtherYear('Kết nạp 260 đảng viên mới.', plan, [2025])).toBe(true);
  });
});

describe('the legal basis a document opens with', () => {
  it.each<[string, boolean]>([
    [
      'Căn cứ Quy chế thi tốt nghiệp trung học phổ thông hiện hành; Công văn số 1028/BGDĐT-QLCL ngày 05/3/2025.',
      true,
    ],
    ['CĂN CỨ LUẬT PHÒNG, CHỐNG THIÊN TAI NĂM 2013 (SỬA ĐỔI 2020);'.normalize('NFD'), true],
    ['- Căn cứ Nghị quyết số 125-NQ/ĐU ngày 20/12/2024 của Đảng ủy BĐBP tỉnh;', true],
    // "Cần cù" is another word; the basis named inside a sentence is no preamble.
    ['Cần cù, sáng tạo trong lao động sản xuất, 2.300 hộ đạt danh hiệu sản xuất giỏi.', false],
    ['Thực hiện chỉ đạo của UBND tỉnh, căn cứ tình hình thực tế, Sở Y tế xây dựng kế hoạch.', false],
    ['Coi thi trong 2 ngày 26 và 27/6/2025.', false],
  ])('%s → %s', (text, expected) => expect(statesLegalBasis(text)).toBe(expected));

  it.each<[string, boolean]>([
    ['kế hoạch thi tốt nghiệp căn cứ vào văn bản nào', true],
    ['ke hoach nay thuc hien van ban nao', true],
    ['CHỈ THỊ IUU 2025 THEO QUYẾT ĐỊNH SỐ MẤY'.normalize('NFD'), true],
    ['thi tốt nghiệp THPT 2025 Nghệ An thi ngày nào', false],
    ['tỷ lệ tốt nghiệp phấn đấu 99,2%', false],
  ])('asked: %s → %s', (question, expected) => expect(asksLegalBasis(question)).toBe(expected));
});

describe('passageHeading: what the headings above a passage say of it', () => {
  it.each<[string, Array<string | null>, { years: number[]; target: boolean; result: boolean }]>([
    [
      'targets under the plan of a year',
      ['2. Các chỉ tiêu chủ yếu', 'II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025'],
      { years: [2025], target: true, result: false },
    ],
    [
      'results of a year, NFD and old tone placement',
      ['1. Về kinh tế', 'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024'.normalize('NFD')],
      { years: [2024], target: false, result: true },
    ],
    [
      'the nearest heading decides: a plan under a review',
      ['Phương hướng quý IV năm 2024', 'I. Đánh giá tình hình quý III năm 2024'],
      { years: [2024], target: true, result: false },
    ],
    [
      'a year compared with is no year of the heading',
      ['Mục tiêu tăng 5% so với năm 2024'],
      { years: [], target: true, result: false },
    ],
    [
      'typed without diacritics, in capitals',
      ['II. MUC TIEU NAM 2025'],
      { years: [2025], target: true, result: false },
    ],
    [
      'a list lead and no year',
      [null, 'Các địa phương được giao chỉ tiêu:'],
      { years: [], target: true, result: false },
    ],
    ['a heading of neither', ['III. TỔ CHỨC THỰC HIỆN', null], { years: [], target: false, result: false }],
    ['no heading', [], { years: [], target: false, result: false }],
  ])('%s', (_name, headings, expected) => expect(passageHeading(headings)).toEqual(expected));

  it('a figure under a target heading is a target, unless it says it was done', () => {
    const heading = passageHeading(['2. Các chỉ tiêu chủ yếu', 'II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025']);
    expect(statesResult('Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95%.')).toBe(true);
    expect(statesResult('Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95%.', { heading })).toBe(false);
    expect(statesResult('Đã kết nạp 65 đảng viên mới.', { heading })).toBe(true);
  });

  it('a sentence naming no year is about the year of its headings', () => {
    const asked = { asked: [2024], unnamed: [2024] };
    const text = 'Giải quyết việc làm cho 1.380 lao động.';
    expect(statesResult(text, { asked })).toBe(true);
    expect(
      statesResult(text, { asked, heading: passageHeading(['2. Về văn hóa - xã hội', 'NĂM 2023']) }),
    ).toBe(false);
    expect(
      statesTarget('Phấn đấu 80% cơ sở Đoàn xếp loại vững mạnh.', [], { asked: [2025], unnamed: [2024] }),
    ).toBe(false);
    expect(
      statesTarget(
        'Phấn đấu 80% cơ sở Đoàn xếp loại vững mạnh.',
        [],
        { asked: [2025], unnamed: [2024] },
        passageHeading(['1. Chỉ tiêu chủ yếu', 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025']),
      ),
    ).toBe(true);
  });

  it('under a heading of results, "đạt 100% chỉ tiêu" is no target', () => {
    const text = 'Hoàn thành 100% chỉ tiêu giao quân với 62 thanh niên nhập ngũ.';
    expect(statesTarget(text)).toBe(true);
    expect(
      statesTarget(
        text,
        [],
        undefined,
        passageHeading(['3. Về quốc phòng - an ninh', 'I. KẾT QUẢ NĂM 2024']),
      ),
    ).toBe(false);
  });
});

describe("asksDocumentIdentity: a question about what a document's header says", () => {
  it.each<[string, boolean]>([
    ['nghị quyết đại hội Đảng bộ phường Bảo An nhiệm kỳ 2025-2030 số mấy, ngày nào', true],
    ['ke hoach thi tot nghiep THPT 2025 cua So GD&DT Nghe An so bao nhieu', true],
    ['Chỉ thị IUU của UBND tỉnh An Giang ban hành ngày nào'.normalize('NFD'), true],
    ['UBND TỈNH AN GIANG CÓ CHỈ THỊ NÀO VỀ CHỐNG KHAI THÁC IUU', true],
    ['công văn 3185/STNMT-QLĐĐ về việc gì', true],
    ['ai ký nghị quyết 218-NQ/ĐU', true],
    ['năm 2024 bđbp quảng ninh bắt bao nhiêu vụ', false],
    ['Đồn BP cửa khẩu cảng Hòn Gai quý 3/2024 kiến nghị gì lên Bộ Chỉ huy', false],
    ['tỷ lệ bao phủ BHYT Bắc Ninh 2024 đạt 9,5% hay bao nhiêu', false],
    ['cong an phuong bao an ung pho mua lu', false],
  ])('%s → %s', (q, expected) => expect(asksDocumentIdentity(q)).toBe(expected));
});

describe('wantsResult: a question asking for a figure of what was done', () => {
  it.each<[string, 'reviewed' | 'plan' | null, boolean]>([
    ['năm 2024 bđbp quảng ninh bắt bao nhiêu vụ', null, true],
    ['TY LE TIEM CHUNG DAY DU TRE DUOI 1 TUOI BAC NINH NAM 2024', null, true],
    ['grdp lâm đồng năm 2024 tăng bao nhiêu'.normalize('NFD'), null, true],
    ['chỉ tiêu tăng trưởng GRDP năm 2025 bao nhiêu', null, false],
    ['năm 2025 phấn đấu bắt bao nhiêu vụ', null, false],
    ['năm 2025 dự kiến tuyển bao nhiêu quân', 'plan', false],
    ['ai chủ trì hội nghị tổng kết', null, false],
    ['nghị quyết đại hội Đảng bộ phường Bảo An nhiệm kỳ 2025-2030 số mấy, ngày nào', null, false],
    ['ke hoach thi tot nghiep nghe an so bao nhieu', null, false],
  ])('%s', (q, sense, expected) => expect(wantsResult(q, sense)).toBe(expected));
});

describe('yearParts: the parts of a year a text names', () => {
  it.each<[string, YearPart[]]>([
    ['a) Phấn đấu đến hết quý II, thu ngân sách nhà nước đạt 55% dự toán trở lên', ['q2']],
    ['quý I/2025 Hải Hậu thu ngân sách được bao nhiêu', ['q1']],
    ['QUÝ IV NĂM 2024 BẮT GIỮ 12 VỤ', ['q4']],
    ['quy 3/2024 phat hien bao nhieu vu', ['q3']],
    ['6 tháng đầu năm 2025 xử lý 14 tàu cá mất kết nối'.normalize('NFD'), ['h1']],
    ['nhiệm vụ 6 tháng cuối năm 2025', ['h2']],
    ['sáu tháng cuối năm tập trung thu ngân sách', ['h2']],
    ['nửa đầu năm đạt 48,2% dự toán', ['h1']],
    ['9 tháng năm 2024 GRDP tăng 7,1%; phấn đấu cả năm tăng 7,5%', ['m9', 'year']],
    ['toàn năm đạt 2.300 tỷ đồng', ['year']],
    ['năm 2025 phấn đấu thu ngân sách 1.200 tỷ đồng', []],
    // A month, a longer count, "nữa" (more) and "sau tháng" (after a month) name no part of a year.
    ['báo cáo trước ngày 20 tháng 6; hơn nữa, sau tháng 10 sẽ tổng kết sau 16 tháng', []],
    ['chất lượng quý báu', []],
  ])('%s → %j', (text, expected) => expect([...yearParts(text)].sort()).toEqual([...expected].sort()));
});

describe('otherYearPart: figures of another part of the year than the one asked', () => {
  const parts = (...p: YearPart[]) => new Set<YearPart>(p);
  it.each<[string, Set<YearPart>, Set<YearPart>, boolean]>([
    ['a quarter for the year asked', parts(), parts('q2'), true],
    ['nine months and the whole year, for the year', parts(), parts('m9', 'year'), false],
    ['no part named', parts(), parts(), false],
    ['the next quarter for the quarter asked', parts('q1'), parts('q2'), true],
    ['the quarter asked', parts('q1'), parts('q1'), false],
    ['the whole year for a half asked', parts('h1'), parts('year'), true],
  ])('%s', (_label, asked, passage, expected) => expect(otherYearPart(asked, passage)).toBe(expected));
});

describe('asksTarget: a question asking a target', () => {
  it.each<[string, boolean]>([
    ['chỉ tiêu tuyển quân 2025 của Uông Bí là bao nhiêu', true],
    ['hnd thai binh nam 2025 phan dau ket nap bao nhieu hoi vien', true],
    ['MỤC TIÊU NHIỆM KỲ 2025-2030'.normalize('NFD'), true],
    ['năm 2024 bđbp quảng ninh bắt bao nhiêu vụ', false],
    ['ai chủ trì hội nghị', false],
  ])('%s → %s', (q, expected) => expect(asksTarget(q)).toBe(expected));
});

describe('asksDeadline: "hạn" asking a deadline', () => {
  it.each<[string, boolean]>([
    ['hạn cấp Giấy chứng nhận cho hộ tái định cư sau bão số 3 ở Lào Cai', true],
    ['han cap giay chung nhan cho ho tai dinh cu sau bao so 3 o lao cai', true],
    ['Sở TN&MT Lào Cai đôn đốc giao đất tái định cư, hạn ngày nào'.normalize('NFD'), true],
    ['so tnmt lao cai don doc giao dat, han ngay nao', true],
    ['HẠN NỘP HỒ SƠ ĐĂNG KÝ DỰ THI', true],
    ['các chi bộ phải báo cáo trước ngày nào', true],
    ['thoi han nop ho so du thi 2025', true],
    ['Sở GD Nghệ An yêu cầu lắp camera chậm nhất khi nào'.normalize('NFD'), true],
    ['những hạn chế trong công tác tuyển quân năm 2024', false],
    ['hạn mức tín dụng 2.300 tỷ đồng cho nông dân', false],
    ['han che cua bdbp quang ninh nam 2024', false],
    ['han quoc dau tu bao nhieu vao khanh hoa', false],
    ['hợp tác với Hàn Quốc năm 2025', false],
    ['tỷ lệ tăng 9,5% là bao nhiêu', false],
  ])('%s → %s', (q, expected) => expect(asksDeadline(q)).toBe(expected));
});
