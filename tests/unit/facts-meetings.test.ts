import { extractMeeting } from '../../src/facts/extract-meetings';

const ctx = { title: 'Báo cáo kết quả công tác năm 2024', year: 2024 };
const nfd = (s: string) => s.normalize('NFD');
const oldTones = (s: string) =>
  s.replace(/ủy/g, 'uỷ').replace(/Ủy/g, 'Uỷ').replace(/hòa/g, 'hoà').replace(/Thúy/g, 'Thuý');

/** [sentence, chairs (name), attendees (name)] */
const CASES: Array<[string, string[], string[]]> = [
  // chairs: caption and sentence forms
  ['(Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh chủ trì hội nghị)', ['Ngô Văn Lãng'], []],
  [
    'Hội nghị do đồng chí Lê Văn Thành, Phó Bí thư Đảng ủy, Chỉ huy trưởng BĐBP tỉnh chủ trì.',
    ['Lê Văn Thành'],
    [],
  ],
  ['Đại tá Nguyễn Văn Hùng, Chỉ huy trưởng BĐBP tỉnh Quảng Trị chủ trì hội nghị.', ['Nguyễn Văn Hùng'], []],
  [
    'Đ/c Trần Minh Tuấn, Bí thư Đảng ủy Đồn Biên phòng Cửa khẩu Lao Bảo chủ trì hội nghị.',
    ['Trần Minh Tuấn'],
    [],
  ],
  [
    'Chủ trì kỳ họp là đồng chí Phạm Văn Bình, Ủy viên Ban Thường vụ Tỉnh ủy, Chủ tịch HĐND tỉnh.',
    ['Phạm Văn Bình'],
    [],
  ],
  ['Chủ trì hội nghị có đồng chí Hoàng Thị Lan, Phó Chủ tịch UBND tỉnh Hà Tĩnh.', ['Hoàng Thị Lan'], []],
  [
    'Sáng 3/12, Thượng tá Võ Thanh Hải, Chính ủy BĐBP tỉnh chủ trì hội nghị tổng kết công tác năm 2024.',
    ['Võ Thanh Hải'],
    [],
  ],
  ['Hội nghị do Thiếu tướng Lê Đức Thái, Tư lệnh BĐBP chủ trì.', ['Lê Đức Thái'], []],
  [
    'Kỳ họp thứ 22 HĐND tỉnh khóa XI do ông Nguyễn Đức Thanh, Chủ tịch HĐND tỉnh chủ trì.',
    ['Nguyễn Đức Thanh'],
    [],
  ],
  [
    'Đồng chí Bùi Quang Vinh - Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì phiên họp.',
    ['Bùi Quang Vinh'],
    [],
  ],
  [
    'Đồng chủ trì hội nghị có các đồng chí: Đặng Văn Nam, Bí thư Đảng ủy; Lý Quốc Khánh, Chỉ huy trưởng.',
    ['Đặng Văn Nam', 'Lý Quốc Khánh'],
    [],
  ],
  [
    'Trung tá Đỗ Mạnh Cường, Đồn trưởng Đồn Biên phòng Ninh Chữ chủ trì buổi giao ban.',
    ['Đỗ Mạnh Cường'],
    [],
  ],
  ['Chủ trì: Đại tá Phan Văn Nghĩa, Phó Tư lệnh, Tham mưu trưởng BĐBP.', ['Phan Văn Nghĩa'], []],
  [
    'Chiều ngày 15/1/2025, đồng chí Dương Văn An, Chủ tịch HĐND tỉnh chủ trì kỳ họp chuyên đề.',
    ['Dương Văn An'],
    [],
  ],
  [
    'Đại hội do Đoàn Chủ tịch gồm đồng chí Mai Xuân Trường, Bí thư Đảng ủy Quân sự tỉnh chủ trì.',
    ['Mai Xuân Trường'],
    [],
  ],
  ['Đồng chí Huỳnh Tấn Việt (Bí thư Tỉnh ủy) chủ trì hội nghị.', ['Huỳnh Tấn Việt'], []],
  ['Tại hội nghị, đồng chí Lưu Văn Quý, Phó Chính ủy BĐBP tỉnh chủ trì thảo luận.', ['Lưu Văn Quý'], []],
  ['Hội thảo do đ/c Châu Văn Lâm, Giám đốc Sở Nội vụ chủ trì.', ['Châu Văn Lâm'], []],
  ['Thiếu tá Tạ Văn Sơn, Chính trị viên Đồn Biên phòng Phước Dinh đã chủ trì buổi lễ.', ['Tạ Văn Sơn'], []],
  [
    'Chủ trì hội nghị là Đại tá Trịnh Công Minh, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh Kiên Giang.',
    ['Trịnh Công Minh'],
    [],
  ],
  // Other ways a chair is named: a colon or a pause before the names, "chủ tọa", who runs a session.
  ['Chủ trì Hội nghị: Đại tá Phạm Văn Tuấn, Chỉ huy trưởng Bộ CHQS tỉnh.', ['Phạm Văn Tuấn'], []],
  [
    'Chủ trì Hội nghị, có đồng chí Trịnh Xuân Thanh, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo.',
    ['Trịnh Xuân Thanh'],
    [],
  ],
  [
    'Chủ toạ hội nghị là đồng chí Nguyễn Văn Dũng, Phó Bí thư Tỉnh ủy.'.normalize('NFD'),
    ['Nguyễn Văn Dũng'],
    [],
  ],
  ['Chu toa hoi nghi la dong chi Nguyen Van Dung, Pho Bi thu Tinh uy.', ['Nguyen Van Dung'], []],
  ['Kỳ họp do đồng chí Nguyễn Thị Hiền, Chủ tịch HĐND xã điều hành.', ['Nguyễn Thị Hiền'], []],
  ['Đồng chí Vũ Đức Hạnh, Phó Chủ tịch HĐND tỉnh điều hành phiên họp.', ['Vũ Đức Hạnh'], []],
  [
    'Chủ trì buổi làm việc, đồng chí Lê Hồng Phong, Phó Chủ tịch UBND tỉnh đề nghị các sở, ngành tập trung.',
    ['Lê Hồng Phong'],
    [],
  ],
  // … but a province's leader who "chỉ đạo, điều hành" its work chairs nothing.
  ['Đồng chí Nguyễn Văn An, Chủ tịch UBND tỉnh đã quyết liệt chỉ đạo, điều hành.', [], []],
  ['Chủ trì, phối hợp với đồng chí Lê Văn Bình tổ chức kiểm tra các xã.', [], []],
  // attendees
  ['Dự và chỉ đạo hội nghị có đồng chí Thiếu tướng Lê Đức Thái, Tư lệnh BĐBP.', [], ['Lê Đức Thái']],
  [
    'Tham dự hội nghị có các đồng chí: Nguyễn Thị Hoa, Phó Chủ tịch UBND tỉnh; Hoàng Minh Tuấn, Giám đốc Sở Tài chính.',
    [],
    ['Nguyễn Thị Hoa', 'Hoàng Minh Tuấn'],
  ],
  ['Đến dự có đồng chí Trần Quốc Nam, Phó Bí thư Thường trực Tỉnh ủy.', [], ['Trần Quốc Nam']],
  ['Hội nghị có sự tham dự của đồng chí Phạm Đại Dương, Bí thư Tỉnh ủy Phú Yên.', [], ['Phạm Đại Dương']],
  ['Đồng chí Lê Huyền, Phó Chủ tịch UBND tỉnh dự và chỉ đạo hội nghị.', [], ['Lê Huyền']],
  ['Dự kỳ họp có ông Võ Văn Hưng, Đại biểu Quốc hội tỉnh.', [], ['Võ Văn Hưng']],
  [
    'Cùng dự có Đại tá Nguyễn Anh Tuấn, Phó Chính ủy BĐBP và đồng chí Trần Hoàng Long, Chỉ huy trưởng Bộ CHQS tỉnh.',
    [],
    ['Nguyễn Anh Tuấn', 'Trần Hoàng Long'],
  ],
  ['Về dự hội nghị có đ/c Kiều Văn Tín, Phó Cục trưởng Cục Chính trị BĐBP.', [], ['Kiều Văn Tín']],
  // Groups listed among those present are passed over, and their roles are not the person's.
  [
    'Tham dự có các đồng chí Ủy viên Ban Thường vụ Huyện ủy; đồng chí Lê Hoàng Anh, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện; lãnh đạo các ban xây dựng Đảng, Ủy ban MTTQ huyện; bí thư đảng ủy các xã, thị trấn.',
    [],
    ['Lê Hoàng Anh'],
  ],
  [
    'Tham dự có đại diện các sở, ngành; đồng chí Trần Văn Hoà, Phó Chủ tịch UBND tỉnh.'.normalize('NFD'),
    [],
    ['Trần Văn Hoà'],
  ],
  // A guest whose direction the meeting took up (a congress's resolution says so), NFD too.
  [
    'Đại hội tiếp thu ý kiến chỉ đạo của đồng chí Lê Hữu Phước, Ủy viên Ban Thường vụ Tỉnh ủy và ý kiến của các đại biểu.',
    [],
    ['Lê Hữu Phước'],
  ],
  [
    'Đại hội tiếp thu ý kiến chỉ đạo của đ/c Nguyễn Minh Trí, Phó Bí thư Tỉnh ủy Lâm Đồng.'.normalize('NFD'),
    [],
    ['Nguyễn Minh Trí'],
  ],
  // Other ways news says who came: a pause before "có", a welcome, presence, a remote end.
  [
    'Tham dự hội nghị, về phía tỉnh có đồng chí Lê Quốc Phong, Bí thư Tỉnh ủy; đồng chí Bùi Văn Hải, Chủ tịch UBND tỉnh.',
    [],
    ['Lê Quốc Phong', 'Bùi Văn Hải'],
  ],
  ['Đến dự hội nghị, có đồng chí Đỗ Văn Chiến, Bộ trưởng Bộ Nội vụ.', [], ['Đỗ Văn Chiến']],
  ['Hội nghị vinh dự được đón tiếp đồng chí Lê Minh Khái, Phó Thủ tướng Chính phủ.', [], ['Lê Minh Khái']],
  [
    'Hội nghị có sự tham gia của đồng chí Phạm Văn Tám, Giám đốc Sở Tài chính và lãnh đạo các sở, ngành.',
    [],
    ['Phạm Văn Tám'],
  ],
  [
    'Hội nghị có sự hiện diện của Thiếu tướng Nguyễn Anh Tuấn, Phó Tư lệnh Quân khu 4.'.normalize('NFD'),
    [],
    ['Nguyễn Anh Tuấn'],
  ],
  ['Hoi nghi co su gop mat cua dong chi Le Van Luong, Chu tich Hoi Nong dan tinh.', [], ['Le Van Luong']],
  ['Có mặt tại hội nghị có đồng chí Trịnh Văn Quyết, Phó Chủ tịch UBND huyện.', [], ['Trịnh Văn Quyết']],
  [
    'Hội nghị được tổ chức trực tuyến; đồng chí Nguyễn Văn Yên, Phó Chủ tịch UBND tỉnh dự tại điểm cầu tỉnh.',
    [],
    ['Nguyễn Văn Yên'],
  ],
  [
    'Thượng tướng Lương Tam Quang, Bộ trưởng Bộ Công an dự và phát biểu tại hội nghị.',
    [],
    ['Lương Tam Quang'],
  ],
  // A group named before its people, after a colon.
  [
    'Dự hội nghị có các đồng chí lãnh đạo Bộ CHQS tỉnh: Đại tá Nguyễn Văn Hùng, Chỉ huy trưởng; Đại tá Trần Văn Nam, Chính ủy.',
    [],
    ['Nguyễn Văn Hùng', 'Trần Văn Nam'],
  ],
  // Seventeenth session: a meeting attended ("dự họp", "dự khai mạc"), a crowd with someone in it, a
  // side named in its own sentence, a chair by "bởi" or by "sự điều hành của".
  ['Đồng chí Trần Văn Bình, Bí thư Tỉnh ủy dự họp.', [], ['Trần Văn Bình']],
  ['Đồng chí Hoàng Văn Em, Chủ tịch UBND tỉnh dự khai mạc Đại hội.'.normalize('NFD'), [], ['Hoàng Văn Em']],
  [
    'Hội nghị được tổ chức với sự tham dự của hơn 200 đại biểu, trong đó có đồng chí Châu Văn Vinh, Phó Bí thư Tỉnh ủy.',
    [],
    ['Châu Văn Vinh'],
  ],
  [
    'Tham dự hội nghị có đồng chí Lê Văn An, Phó Chủ tịch UBND tỉnh. Về phía Bộ Tư lệnh BĐBP có Đại tá Ngô Văn Khánh, Phó Cục trưởng Cục Chính trị.',
    [],
    ['Lê Văn An', 'Ngô Văn Khánh'],
  ],
  ['Hoi nghi duoc chu tri boi dong chi Kieu Van Tam, Pho Chu tich UBND tinh.', ['Kieu Van Tam'], []],
  ['Cuộc họp dưới sự điều hành của đồng chí Châu Văn Vinh, Phó Chủ tịch UBND huyện.', ['Châu Văn Vinh'], []],
  // … a side without a person, a meeting a province's direction runs, a project are none.
  ['Dự họp có 5 huyện; về phía tỉnh có 12 xã tham gia diễn tập.', [], []],
  ['Dưới sự điều hành của UBND tỉnh, các sở, ngành triển khai kế hoạch.', [], []],
  ['Đồng chí Nguyễn Văn Tư, Giám đốc Sở Kế hoạch và Đầu tư báo cáo dự án hợp tác.', [], []],
  // … but taking part in a task, or a welcome with no one named, is no attendance.
  ['Kế hoạch có sự tham gia của các lực lượng Công an, Quân sự và Biên phòng xã.', [], []],
  ['Nhân dân vinh dự đón nhận danh hiệu Anh hùng Lực lượng vũ trang nhân dân.', [], []],
  // both
  [
    'Đại tá Nguyễn Văn Hùng, Chỉ huy trưởng BĐBP tỉnh chủ trì hội nghị. Dự và chỉ đạo hội nghị có đồng chí Thiếu tướng Lê Đức Thái, Tư lệnh BĐBP; đồng chí Trần Quốc Nam, Phó Bí thư Tỉnh ủy.',
    ['Nguyễn Văn Hùng'],
    ['Lê Đức Thái', 'Trần Quốc Nam'],
  ],
  [
    'Kỳ họp do đồng chí Phan Thị Hồng, Chủ tịch HĐND tỉnh chủ trì; tham dự có đồng chí Lê Văn Hưởng, Chủ tịch UBND tỉnh.',
    ['Phan Thị Hồng'],
    ['Lê Văn Hưởng'],
  ],
  // negatives: a task led by an agency, a name in a sentence about something else
  ['Bộ Chỉ huy BĐBP tỉnh chủ trì, phối hợp với Công an tỉnh tổ chức tuần tra kiểm soát trên biển.', [], []],
  ['Bộ Chỉ huy BĐBP tỉnh chủ trì tổ chức tổng kết 5 năm thực hiện Chỉ thị 01/CT-TTg.', [], []],
  ['Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành liên quan tham mưu UBND tỉnh.', [], []],
  ['Đồng chí Nguyễn Văn A phát biểu tại hội nghị.', [], []],
  ['Đồng chí Trần Văn Bình, Chính ủy BĐBP tỉnh trao Bằng khen cho 12 tập thể.', [], []],
  ['Cơ quan chủ trì: Bộ Chỉ huy Quân sự tỉnh; cơ quan phối hợp: Công an tỉnh.', [], []],
  ['Đại tá Nguyễn Văn Hùng được bổ nhiệm làm Chỉ huy trưởng BĐBP tỉnh từ tháng 3/2024.', [], []],
  ['UBND tỉnh Quảng Ngãi chủ trì xây dựng kế hoạch phòng, chống thiên tai.', [], []],
  ['Lực lượng BĐBP dự báo tình hình sát đúng, có 15 vụ việc được giải quyết kịp thời.', [], []],
  ['Sở Tài chính chịu trách nhiệm chủ trì thẩm định dự toán, Đồn Biên phòng phối hợp.', [], []],
  ['Đồng chí Lê Văn Tám, chiến sĩ Đồn Biên phòng Mỹ Hiệp, dũng cảm cứu 3 ngư dân gặp nạn.', [], []],
  ['Tỉnh Bà Rịa - Vũng Tàu chủ trì tổ chức diễn tập phòng thủ khu vực.', [], []],
];

describe('extractMeeting: chairs and attendees', () => {
  test.each(CASES)('%s', (sentence, chairs, attendees) => {
    const m = extractMeeting(sentence, ctx);
    expect(m?.chairs.map((p) => p.name) ?? []).toEqual(chairs);
    expect(m?.attendees.map((p) => p.name) ?? []).toEqual(attendees);
  });

  test.each(CASES.filter(([, c, a]) => c.length + a.length > 0).slice(0, 12))(
    'NFD input gives the same names (NFC): %s',
    (sentence, chairs, attendees) => {
      const m = extractMeeting(nfd(sentence), ctx);
      expect(m?.chairs.map((p) => p.name)).toEqual(chairs);
      expect(m?.attendees.map((p) => p.name)).toEqual(attendees);
      for (const p of [...(m?.chairs ?? []), ...(m?.attendees ?? [])])
        expect(p.name).toBe(p.name.normalize('NFC'));
    },
  );

  test('the seed caption: name, honorific and roles split', () => {
    const m = extractMeeting(
      '(Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh chủ trì hội nghị)',
      ctx,
    );
    expect(m).toMatchObject({ eventType: 'hội nghị' });
    expect(m?.chairs).toEqual([
      { honorific: 'đồng chí', name: 'Ngô Văn Lãng', roles: ['Bí thư Đảng ủy', 'Chính ủy BĐBP tỉnh'] },
    ]);
  });

  test('old tone placement (uỷ) keeps the roles as written', () => {
    const m = extractMeeting(
      oldTones('(Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh chủ trì hội nghị)'),
      ctx,
    );
    expect(m?.chairs[0]?.roles).toEqual(['Bí thư Đảng uỷ', 'Chính uỷ BĐBP tỉnh']);
  });

  test.each([
    ['Đại tá Nguyễn Văn Hùng, Chỉ huy trưởng BĐBP tỉnh chủ trì hội nghị.', 'Đại tá', undefined],
    ['Hội nghị do Thiếu tướng Lê Đức Thái, Tư lệnh BĐBP chủ trì.', 'Thiếu tướng', undefined],
    ['Đ/c Trần Minh Tuấn, Bí thư Đảng ủy Đồn chủ trì hội nghị.', undefined, 'đồng chí'],
    ['Kỳ họp do ông Nguyễn Đức Thanh, Chủ tịch HĐND tỉnh chủ trì.', undefined, 'ông'],
    ['Dự hội nghị có đồng chí Trung tướng Nguyễn Anh Tuấn, Chính ủy BĐBP.', 'Trung tướng', 'đồng chí'],
  ])('rank and honorific are separated from the name: %s', (sentence, rank, honorific) => {
    const m = extractMeeting(sentence, ctx);
    const p = m?.chairs[0] ?? m?.attendees[0];
    expect(p?.rank).toBe(rank);
    expect(p?.honorific).toBe(honorific);
    expect(p?.name).not.toMatch(/^(?:Đại|Thiếu|Trung|Đồng|Ông|ông|đ\/c)/);
  });

  test.each([
    [
      'Sáng 3/12, Đảng ủy BĐBP tỉnh tổ chức hội nghị. Đại tá Nguyễn Văn Hùng, Chỉ huy trưởng chủ trì.',
      { day: 3, month: 12, year: 2024 },
    ],
    [
      'Ngày 10/12/2024, HĐND tỉnh khai mạc kỳ họp. Kỳ họp do ông Nguyễn Đức Thanh, Chủ tịch HĐND tỉnh chủ trì.',
      { day: 10, month: 12, year: 2024 },
    ],
    [
      'Chiều ngày 5-1-2025, đồng chí Dương Văn An, Chủ tịch HĐND tỉnh chủ trì kỳ họp.',
      { day: 5, month: 1, year: 2025 },
    ],
    [
      'Ngày 20 tháng 12 năm 2024, đồng chí Dương Văn An, Chủ tịch HĐND tỉnh chủ trì kỳ họp.',
      { day: 20, month: 12, year: 2024 },
    ],
  ])('meeting date, full or partial with the year from the document: %s', (sentence, date) => {
    expect(extractMeeting(sentence, ctx)?.date).toMatchObject(date);
  });

  test('event type and name as written', () => {
    const m = extractMeeting(
      'Ngày 10/12/2024, HĐND tỉnh Ninh Thuận khai mạc Kỳ họp thứ 22 HĐND tỉnh khóa XI. Kỳ họp do ông Nguyễn Đức Thanh, Chủ tịch HĐND tỉnh chủ trì.',
      ctx,
    );
    expect(m?.eventType).toBe('kỳ họp');
    expect(m?.eventName).toBe('Kỳ họp thứ 22 HĐND tỉnh khóa XI');
  });
});

describe('extractMeeting: people written with an academic or professional title', () => {
  it.each<[string, string[], Array<[string, string]>]>([
    ['PGS.TS Nguyễn Văn Hùng, Giám đốc Sở Y tế chủ trì hội nghị.', [], [['Nguyễn Văn Hùng', 'PGS.TS']]],
    [
      'Dự hội nghị có TS.BS Lê Thị Mai, Phó Giám đốc Sở; ThS Trần Văn Nam, Trưởng phòng Nghiệp vụ Y.',
      ['Lê Thị Mai', 'Trần Văn Nam'],
      [
        ['Lê Thị Mai', 'TS.BS'],
        ['Trần Văn Nam', 'ThS'],
      ],
    ],
    [
      // Periods after the abbreviations end no sentence and no list.
      'Dự hội nghị có PGS. TS. Lê Thị Mai, Phó Giám đốc Sở Y tế; BSCKII Hà Văn Đông, Giám đốc Bệnh viện Đa khoa tỉnh.',
      ['Lê Thị Mai', 'Hà Văn Đông'],
      [
        ['Lê Thị Mai', 'PGS. TS'],
        ['Hà Văn Đông', 'BSCKII'],
      ],
    ],
    [
      'Hội nghị do NGƯT Trần Thị Hoa, Giám đốc Sở Giáo dục và Đào tạo chủ trì.',
      [],
      [['Trần Thị Hoa', 'NGƯT']],
    ],
    [
      'Tham dự có ThS. Lê Văn Sơn, Phó Giám đốc Bệnh viện và TS. Nguyễn Văn Tâm, Trưởng khoa Nội.'.normalize(
        'NFD',
      ),
      ['Lê Văn Sơn', 'Nguyễn Văn Tâm'],
      [
        ['Lê Văn Sơn', 'ThS'],
        ['Nguyễn Văn Tâm', 'TS'],
      ],
    ],
    // A title without a name after it is no person: "TS kinh tế" is a role.
    ['Tham dự có ông Lê Văn Ba, TS kinh tế, chuyên gia của Viện.', ['Lê Văn Ba'], []],
    // A rank and an academic title, a comma between, as military news writes them: one person.
    [
      'Đại tá, TS Nguyễn Văn Hùng, Chỉ huy trưởng Bộ CHQS tỉnh chủ trì hội nghị.',
      [],
      [['Nguyễn Văn Hùng', 'Đại tá, TS']],
    ],
    [
      'Chủ trì hội nghị có Thượng tá, ThS. Phạm Minh Tuấn, Phó Chỉ huy trưởng BĐBP tỉnh.'.normalize('NFD'),
      [],
      [['Phạm Minh Tuấn', 'Thượng tá, ThS']],
    ],
    [
      'Hội nghị do Thiếu tướng, PGS.TS Trần Văn Bình, Phó Tư lệnh Quân khu 4 chủ trì.',
      [],
      [['Trần Văn Bình', 'Thiếu tướng, PGS.TS']],
    ],
    [
      // Old tone placement ("uỷ") in the role; a second person with a rank alone.
      'Tham dự có Đại uý, KS Lê Văn Sơn, Trợ lý kỹ thuật; Đại tá Hà Văn Đông, Chính uỷ.',
      ['Lê Văn Sơn', 'Hà Văn Đông'],
      [
        ['Lê Văn Sơn', 'Đại úy, KS'],
        ['Hà Văn Đông', 'Đại tá'],
      ],
    ],
    [
      // A comma after a rank's holder still ends the person: the next one has a title of their own.
      'Tham dự có Đại tá Lê Văn An, Chính ủy, TS Trần Văn Hải, Giám đốc Sở Y tế.',
      ['Lê Văn An', 'Trần Văn Hải'],
      [
        ['Lê Văn An', 'Đại tá'],
        ['Trần Văn Hải', 'TS'],
      ],
    ],
  ])('%s', (sentence, attendees, titled) => {
    const m = extractMeeting(sentence, ctx);
    const people = [...(m?.chairs ?? []), ...(m?.attendees ?? [])];
    if (attendees.length > 0) expect(m?.attendees.map((p) => p.name)).toEqual(attendees);
    for (const [name, rank] of titled) expect(people.find((p) => p.name === name)?.rank).toBe(rank);
    expect(people.every((p) => !/^(?:P?GS|TS|ThS|BS)/u.test(p.name))).toBe(true);
  });
});

describe('extractMeeting: presidiums, exercise directors and "dưới sự chủ trì của"', () => {
  it.each<[string, string[], string[], string]>([
    [
      'Đoàn Chủ tịch đại hội gồm các đồng chí: Đại tá Nguyễn Hữu Phong, Bí thư Đảng ủy; Đại tá Lê Quang Huy, Chỉ huy trưởng BĐBP tỉnh.',
      ['Nguyễn Hữu Phong', 'Lê Quang Huy'],
      [],
      'đại hội',
    ],
    [
      'Đồng chí Mai Xuân Thành, Phó Chủ tịch UBND tỉnh, Trưởng ban Chỉ đạo diễn tập chỉ đạo cuộc diễn tập. Cùng dự có Đại tá Lê Ngọc Hải, Chỉ huy trưởng Bộ CHQS tỉnh.',
      ['Mai Xuân Thành'],
      ['Lê Ngọc Hải'],
      'diễn tập',
    ],
    [
      'Hội nghị diễn ra dưới sự chủ trì của đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy.'.normalize('NFD'),
      ['Nguyễn Văn An'],
      [],
      'hội nghị',
    ],
    // A speaker is not a chair.
    ['(Đồng chí Ngô Văn Minh, Giám đốc Công an tỉnh phát biểu chỉ đạo tại hội nghị)', [], [], ''],
    // Co-chairs named as a group before a colon, then each with a role ("các đồng chí Phó Bí thư …:").
    [
      'Đồng chí Trần Đức Khải, Bí thư Tỉnh ủy chủ trì hội nghị. Cùng chủ trì có các đồng chí Phó Bí thư Tỉnh ủy: Phạm Thị Hồng Vân, Phó Bí thư Thường trực Tỉnh ủy; Đinh Văn Tâm, Chủ tịch UBND tỉnh.',
      ['Trần Đức Khải', 'Phạm Thị Hồng Vân', 'Đinh Văn Tâm'],
      [],
      'hội nghị',
    ],
    [
      'Cùng chủ trì có các đồng chí trong Ban Thường vụ Huyện uỷ: Vũ Minh Khôi, Phó Bí thư Thường trực; Lê Văn Sơn, Chủ tịch UBND huyện.'.normalize(
        'NFD',
      ),
      ['Vũ Minh Khôi', 'Lê Văn Sơn'],
      [],
      '',
    ],
    [
      'Chủ trì hội nghị có các đồng chí: Vũ Minh Khôi, Bí thư; Lê Văn Sơn, Phó Bí thư.',
      ['Vũ Minh Khôi', 'Lê Văn Sơn'],
      [],
      '',
    ],
    // A group and no name: nobody.
    ['Chủ trì hội nghị có các đồng chí trong Thường trực Tỉnh ủy.', [], [], ''],
  ])('%s', (text, chairs, attendees, eventType) => {
    const m = extractMeeting(text, { title: '' });
    expect(m?.chairs.map((p) => p.name) ?? []).toEqual(chairs);
    expect(m?.attendees.map((p) => p.name) ?? []).toEqual(attendees);
    if (eventType) expect(m?.eventType).toBe(eventType);
  });
  it('keeps the director\'s role whole ("Trưởng ban Chỉ đạo diễn tập")', () => {
    const m = extractMeeting(
      'Đồng chí Mai Xuân Thành, Phó Chủ tịch UBND tỉnh, Trưởng ban Chỉ đạo diễn tập chỉ đạo cuộc diễn tập.',
      { title: '' },
    );
    expect(m?.chairs[0]?.roles).toEqual(['Phó Chủ tịch UBND tỉnh', 'Trưởng ban Chỉ đạo diễn tập']);
  });
});

describe('extractMeeting: who spoke is not who chaired', () => {
  it.each([
    [
      'Phát biểu chỉ đạo hội nghị, đồng chí Tạ Văn Sơn, Chủ tịch UBND tỉnh yêu cầu các sở, ngành rà soát.',
      ['Chủ tịch UBND tỉnh'],
    ],
    [
      'Chủ trì buổi làm việc, đồng chí Phan Văn Tuấn, Bí thư Tỉnh ủy nhấn mạnh vai trò của lực lượng.'.normalize(
        'NFD',
      ),
      ['Bí thư Tỉnh ủy'],
    ],
  ])('the role of a person opening a sentence stops at the verb: %s', (text, roles) => {
    const m = extractMeeting(text, { title: '' });
    const person = m?.chairs[0] ?? m?.speakers?.[0];
    expect(person?.roles).toEqual(roles);
  });

  it.each<[string, string[], string[]]>([
    [
      'Thay mặt Bộ CHQS tỉnh, Đại tá Hồ Sỹ Nguyên, Chỉ huy trưởng trình bày báo cáo tổng kết.',
      [],
      ['Hồ Sỹ Nguyên'],
    ],
    [
      '(Đồng chí Ngô Văn Minh, Giám đốc Công an tỉnh phát biểu chỉ đạo tại hội nghị)'.normalize('NFD'),
      [],
      ['Ngô Văn Minh'],
    ],
    [
      'Đồng chí Lê Văn Cường, Chủ tịch HĐND tỉnh chủ trì kỳ họp. Phó Chủ tịch Thường trực HĐND tỉnh Võ Tấn Thái phát biểu bế mạc.',
      ['Lê Văn Cường'],
      ['Võ Tấn Thái'],
    ],
    // A sentence opened by the speech: the one name after it, its role cut before what they go on to do.
    [
      'Phát biểu chỉ đạo hội nghị, đồng chí Tạ Văn Sơn, Chủ tịch UBND tỉnh yêu cầu các sở, ngành rà soát.',
      [],
      ['Tạ Văn Sơn'],
    ],
    [
      'Phat bieu ket luan hoi nghi, Dai ta Nguyen Van Hung, Chi huy truong BDBP tinh bieu duong cac don vi.',
      [],
      ['Nguyen Van Hung'],
    ],
  ])('%s', (text, chairs, speakers) => {
    const m = extractMeeting(text, { title: '' });
    expect(m?.chairs.map((p) => p.name)).toEqual(chairs);
    expect((m?.speakers ?? []).map((p) => p.name)).toEqual(speakers);
  });
});

test.each([
  'Phát biểu kết luận, đồng chí Phạm Đại Dương yêu cầu các cấp ủy chuẩn bị tốt đại hội đảng bộ các cấp vào ngày 15/3.',
  'Phat bieu ket luan, dong chi Pham Dai Duong yeu cau cac cap uy chuan bi tot dai hoi dang bo cac cap vao ngay 15/3.',
])(
  "a speech opening a sentence that names no meeting is at the document's meeting, not at the events it speaks of: %s",
  (text) => {
    const m = extractMeeting(text.normalize('NFD'), {
      title: 'Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 25',
    });
    expect(m?.speakers?.map((p) => p.name)).toEqual([
      text.startsWith('Phát') ? 'Phạm Đại Dương' : 'Pham Dai Duong',
    ]);
    expect(m?.eventType).toBe('hội nghị');
    expect(m?.eventName).toBe('Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 25');
    expect(m?.date).toBeUndefined();
  },
);

test("a group's roles are not the last person's", () => {
  const m = extractMeeting(
    'Tham dự có đồng chí Lê Hoàng Anh, Chủ tịch UBND huyện; lãnh đạo các ban xây dựng Đảng, Ủy ban MTTQ huyện.',
    { title: 'THÔNG BÁO' },
  );
  expect(m?.attendees).toEqual([
    { honorific: 'đồng chí', name: 'Lê Hoàng Anh', roles: ['Chủ tịch UBND huyện'] },
  ]);
});

test('direction taken up from no one named is no attendance', () => {
  expect(
    extractMeeting('Đại hội tiếp thu ý kiến chỉ đạo của cấp trên và ý kiến của các đại biểu.', {
      title: 'NGHỊ QUYẾT ĐẠI HỘI',
    }),
  ).toBeNull();
});
