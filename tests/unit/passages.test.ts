import fs from 'node:fs';
import { reflow, reflowSegment } from '../../src/ingest/reflow';
import {
  blocksToPassages,
  headingLevel,
  ListMarker,
  listMarker,
  MAX_PASSAGE_CHARS,
  packSentences,
} from '../../src/ingest/passages';
import { parseDocument } from '../../src/ingest/parse-document';
import { passageContext } from '../../src/search/indexable';
import { Block } from '../../src/ingest/types';
import { SEED_FILE } from '../helpers/temp-dir';

describe('packSentences', () => {
  const s = (n: number, c = 'a') => c.repeat(n - 1) + '.';
  it.each([
    ['short paragraph stays whole', [s(100), s(200)], 1],
    ['two pieces of about equal size', [s(300), s(300), s(300)], 2],
    ['three pieces', Array.from({ length: 8 }, () => s(200)), 3],
    ['sentences too long to pair each stand alone', [s(400), s(400), s(400), s(400)], 4],
  ])('%s', (_name, sentences, pieces) => {
    const out = packSentences(sentences);
    expect(out).toHaveLength(pieces);
    for (const p of out) expect(p.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
    expect(out.join(' ')).toBe(sentences.join(' '));
  });

  it('keeps one over-long sentence whole rather than cutting it', () => {
    expect(packSentences([s(900)])).toEqual([s(900)]);
  });
});

describe('blocksToPassages', () => {
  const blocks: Block[] = [
    { kind: 'title', text: 'BÁO CÁO TỔNG KẾT NĂM 2024' },
    { kind: 'date', text: 'Bình Thuận, ngày 10 tháng 12 năm 2024' },
    { kind: 'heading', text: 'Phương hướng nhiệm vụ năm 2025' },
    { kind: 'paragraph', text: 'Tiếp tục  lãnh đạo nâng cao chất lượng huấn luyện.' },
    { kind: 'list-item', text: '1. Phấn đấu 100% đơn vị hoàn thành nhiệm vụ.' },
  ];
  const passages = blocksToPassages(blocks);

  it('drops title and date, numbers paragraphs, gives the section of what follows', () => {
    expect(passages.map((p) => [p.ordinal, p.paragraph, p.kind, p.section])).toEqual([
      [0, 1, 'heading', null],
      [1, 2, 'paragraph', 'Phương hướng nhiệm vụ năm 2025'],
      [2, 3, 'list-item', 'Phương hướng nhiệm vụ năm 2025'],
    ]);
    expect(passages[1]!.text).toBe('Tiếp tục lãnh đạo nâng cao chất lượng huấn luyện.');
    expect(passages[0]!.years).toEqual([2025]);
  });

  it('cuts the seed paragraphs at sentence boundaries; a piece without a year keeps its paragraph year', () => {
    const text = fs.readFileSync(SEED_FILE, 'utf8');
    const doc = parseDocument('data/bdbp-ninh-thuan-nghi-quyet-2025.txt', {
      segments: [{ text }],
      ocr: false,
      notes: [],
    });
    expect(doc.title).toBe('Đảng ủy BĐBP tỉnh Ninh Thuận: kết quả năm 2024, phương hướng năm 2025');
    expect(new Set(doc.passages.map((p) => p.paragraph))).toEqual(new Set([1, 2, 3, 4]));
    for (const p of doc.passages) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
      expect(p.text).toMatch(/[.)]$/);
    }
    const target = doc.passages.find((p) => p.text.includes('Phấn đấu trong năm có 100% tổ chức đảng'))!;
    expect(target).toMatchObject({ paragraph: 3, kind: 'paragraph', years: [2025] });
    expect(target.text).not.toContain('2025');
    const caption = doc.passages.find((p) => p.kind === 'caption')!;
    expect(caption).toMatchObject({
      paragraph: 2,
      text: '(Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh chủ trì hội nghị)',
    });
  });
});

describe('headingLevel: how deep a heading sits (smaller is outer)', () => {
  it.each<[string, string, string]>([
    ['PHẦN THỨ NHẤT', 'outer than', 'Mục 1. Tuyển quân'],
    ['Chương II. Nhiệm vụ', 'outer than', 'MỤC TIÊU TỔNG QUÁT'],
    ['Mục 1. Tuyển quân', 'outer than', 'KẾT QUẢ THỰC HIỆN NHIỆM VỤ'],
    ['KẾT QUẢ THỰC HIỆN NHIỆM VỤ', 'outer than', 'II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025'],
    ['II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025', 'outer than', '2. Các chỉ tiêu chủ yếu'],
    ['2. Các chỉ tiêu chủ yếu', 'outer than', '2.1. Chỉ tiêu về kinh tế'],
    ['2.1. Chỉ tiêu về kinh tế', 'outer than', '2.1.3) Thu ngân sách'],
    ['2.1.3) Thu ngân sách', 'outer than', 'a) Sản xuất nông, lâm nghiệp'],
    ['a) Sản xuất nông, lâm nghiệp', 'outer than', '- Về tuyển quân'],
    ['- Về tuyển quân', 'outer than', 'Về công tác tuyển quân'],
    ['III. TỔ CHỨC THỰC HIỆN', 'as deep as', 'I. Kết quả'.normalize('NFD')],
    ['1. Mục tiêu chung', 'as deep as', '3) Nhiệm vụ'],
    ['Mục tiêu chung', 'as deep as', 'Phương hướng năm 2025'],
  ])('%s is %s %s', (a, relation, b) => {
    if (relation === 'outer than') expect(headingLevel(a)).toBeLessThan(headingLevel(b));
    else expect(headingLevel(a)).toBe(headingLevel(b));
  });
});

describe('blocksToPassages: the outline above a passage', () => {
  const blocks: Block[] = [
    { kind: 'title', text: 'NGHỊ QUYẾT VỀ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ NĂM 2025' },
    { kind: 'heading', text: 'I. KẾT QUẢ NĂM 2024' },
    { kind: 'paragraph', text: 'Năm 2024, các đơn vị bắt giữ 231 vụ, 378 đối tượng.' },
    { kind: 'heading', text: 'II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025' },
    { kind: 'heading', text: '1. Các chỉ tiêu chủ yếu' },
    { kind: 'list-item', text: '- Quân số khỏe đạt 98% trở lên.' },
    { kind: 'heading', text: '1.1. Về huấn luyện' },
    { kind: 'list-item', text: '- Kết quả kiểm tra 100% nội dung đạt yêu cầu.' },
    { kind: 'heading', text: '2. Nhiệm vụ, giải pháp' },
    { kind: 'list-item', text: 'a) Tập trung nắm chắc tình hình.' },
    { kind: 'heading', text: 'III. TỔ CHỨC THỰC HIỆN' },
    { kind: 'paragraph', text: 'Các chi bộ cụ thể hóa nghị quyết.' },
  ];
  it('keeps the headings above the section, outermost first; a heading has those above it', () => {
    expect(blocksToPassages(blocks).map((p) => [p.text.slice(0, 20), p.section, p.outline])).toEqual([
      ['I. KẾT QUẢ NĂM 2024', null, null],
      ['Năm 2024, các đơn vị', 'I. KẾT QUẢ NĂM 2024', null],
      ['II. PHƯƠNG HƯỚNG, NH', null, null],
      ['1. Các chỉ tiêu chủ ', null, 'II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025'],
      ['- Quân số khỏe đạt 9', '1. Các chỉ tiêu chủ yếu', 'II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025'],
      ['1.1. Về huấn luyện', null, 'II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025 › 1. Các chỉ tiêu chủ yếu'],
      [
        '- Kết quả kiểm tra 1',
        '1.1. Về huấn luyện',
        'II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025 › 1. Các chỉ tiêu chủ yếu',
      ],
      ['2. Nhiệm vụ, giải ph', null, 'II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025'],
      ['a) Tập trung nắm chắ', '2. Nhiệm vụ, giải pháp', 'II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025'],
      ['III. TỔ CHỨC THỰC HI', null, null],
      ['Các chi bộ cụ thể hó', 'III. TỔ CHỨC THỰC HIỆN', null],
    ]);
  });
});

describe('passageContext: what a passage inherits, searched with the context weight', () => {
  it('holds the title, the outline, the section, the lead and the years', () => {
    const passages = blocksToPassages([
      { kind: 'heading', text: 'II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025' },
      { kind: 'heading', text: '1. Các chỉ tiêu chủ yếu' },
      { kind: 'paragraph', text: 'Các đơn vị thuộc Bộ đội Biên phòng tỉnh phấn đấu đạt các chỉ tiêu:' },
      { kind: 'list-item', text: '- Quân số khỏe đạt 98% trở lên.' },
    ]);
    const item = passages[passages.length - 1]!;
    expect(
      passageContext({ title: 'Nghị quyết năm 2025', ...item, outline: item.outline ?? null }).split(' . '),
    ).toEqual([
      'Nghị quyết năm 2025',
      'II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025',
      '1. Các chỉ tiêu chủ yếu',
      'Các đơn vị thuộc Bộ đội Biên phòng tỉnh phấn đấu đạt các chỉ tiêu',
    ]);
  });
});

describe('blocksToPassages: the header of a short report stops at its first sentence', () => {
  it('keeps short body paragraphs as passages of their own', () => {
    const text = [
      'BỘ CHỈ HUY QUÂN SỰ TỈNH HÀ TĨNH',
      'Số: 88/BC-BCH',
      'Hà Tĩnh, ngày 20 tháng 12 năm 2025',
      '',
      'BÁO CÁO',
      'Tổng kết công tác quốc phòng, quân sự địa phương năm 2025',
      '',
      'Năm 2025, toàn tỉnh giao đủ 2.300 công dân nhập ngũ, đạt 100% chỉ tiêu trên giao.',
      '',
      'Năm 2026, phấn đấu huấn luyện dân quân đạt 9,5 điểm trở lên.',
    ]
      .join('\n')
      .normalize('NFD');
    const passages = blocksToPassages(reflowSegment(text, false));
    expect(passages.map((p) => p.text.slice(0, 16).normalize('NFC'))).toEqual([
      'BỘ CHỈ HUY QUÂN ',
      'Năm 2025, toàn t',
      'Năm 2026, phấn đ',
    ]);
    expect(passages[0]!.text.normalize('NFC')).toContain('Số: 88/BC-BCH');
  });
});

describe('blocksToPassages: the recipients of an official document are no passage', () => {
  const body = 'Phòng Kế hoạch - Tài chính bố trí kinh phí tổ chức kỳ thi năm 2025 là 18,6 tỷ đồng.';
  it.each<[string, string[]]>([
    [
      'recipients, then the signing block',
      [
        'Nơi nhận:',
        '- Bộ GD&ĐT (b/c);',
        '- UBND tỉnh (b/c);',
        '- Lưu: VT, KHTC.',
        '',
        'KT. GIÁM ĐỐC',
        'PHÓ GIÁM ĐỐC',
        'Nguyễn Văn Hùng',
      ],
    ],
    [
      'in capitals, the first recipient on its line (old tone placement)',
      [
        'NƠI NHẬN: - Như trên;',
        '+ Thường trực Tỉnh uỷ (b/c);',
        'Lưu VP.',
        '',
        'T/M BAN THƯỜNG VỤ',
        'Trần Văn Hòa',
      ],
    ],
    [
      'on one line, separated by semicolons',
      [
        'Nơi nhận: UBND tỉnh Tiền Giang; Thường trực Huyện uỷ; Thường trực HĐND huyện;',
        'các phòng, ban, ngành huyện; UBND các xã.',
        'TM. UỶ BAN NHÂN DÂN',
        'CHỦ TỊCH',
        'Nguyễn Văn Hùng',
      ],
    ],
  ])('%s', (_name, lines) => {
    for (const text of [[body, '', ...lines].join('\n'), [body, '', ...lines].join('\n').normalize('NFD')]) {
      const passages = blocksToPassages(reflow([{ text }]));
      expect(passages.map((p) => p.kind)).toEqual(['paragraph', 'signature']);
    }
  });

  it.each<[string, string]>([
    ['"Nơi nhận:" alone', 'Nơi nhận:'],
    ['in capitals, the first recipient on its line', 'NƠI NHẬN: - Như Kính gửi;'],
  ])('%s, right under a body whose last line fills its width and ends "./."', (_name, opening) => {
    const lines = [
      'Chủ tịch UBND phường yêu cầu Thủ trưởng các cơ quan, đơn vị nghiêm túc triển',
      'khai thực hiện; trường hợp để xảy ra thiệt hại về người do chủ quan, thiếu trách',
      'nhiệm thì người đứng đầu phải chịu trách nhiệm trước Chủ tịch UBND phường./.',
      opening,
      '- Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa (b/c);',
      '- Thường trực Đảng ủy, HĐND phường (b/c);',
      '- Lưu: VT, KT.',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Thị Bích Vân',
    ];
    for (const text of [lines.join('\n'), lines.join('\n').normalize('NFD')]) {
      const passages = blocksToPassages(reflow([{ text }]));
      expect(passages.map((p) => p.kind)).toEqual(['paragraph', 'signature']);
      expect(passages[0]!.text.normalize('NFC')).toMatch(/trước Chủ tịch UBND phường\.\/\.$/u);
    }
  });

  it('a list after the recipients is text again; "nơi nhận hồ sơ" is no recipients list', () => {
    const text = [
      'Nơi nhận hồ sơ: bộ phận một cửa của UBND huyện.',
      '- Hồ sơ gồm đơn và bản sao giấy tờ.',
    ].join('\n\n');
    expect(blocksToPassages(reflowSegment(text, false))).toHaveLength(2);
  });
});

describe('blocksToPassages: the addressees of a letter are no passage', () => {
  const header = [
    'ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'PHƯỜNG BẢO AN                           Độc lập - Tự do - Hạnh phúc',
    'Số: 1462/UBND-KT                     Bảo An, ngày 05 tháng 11 năm 2025',
    'V/v triển khai các biện pháp cấp bách ứng phó mưa lớn',
    '',
  ];
  const body = [
    '',
    'Để chủ động ứng phó, Chủ tịch UBND phường yêu cầu các cơ quan, đơn vị khẩn trương thực hiện các nội dung sau.',
    '',
    '1. Công an phường',
    'Chủ trì, phối hợp Ban Chỉ huy quân sự phường bố trí lực lượng trực 24/24 giờ tại các điểm ngập sâu.',
  ];
  it.each<[string, string[]]>([
    [
      'under the header',
      ['Kính gửi:', '- Công an phường;', '- Ban Chỉ huy quân sự phường;', '- Trạm Y tế phường.'],
    ],
    [
      'in capitals, the first on its line (old tone placement)',
      ['KÍNH GỬI: - Công an phường;', '+ Ban Chỉ huy quân sự phường;', '• Uỷ ban MTTQ phường.'],
    ],
  ])('%s', (_name, lines) => {
    const text = [...header, ...lines, ...body].join('\n');
    for (const t of [text, text.normalize('NFD')]) {
      const passages = blocksToPassages(reflow([{ text: t }]));
      const texts = passages.map((p) => p.text.normalize('NFC'));
      expect(texts.some((x) => /^[-+•]\s/u.test(x))).toBe(false);
      expect(texts[0]).toContain('Số: 1462/UBND-KT');
      // The tasks are passages, the unit named in them still found there.
      expect(texts.some((x) => x.startsWith('Chủ trì, phối hợp Ban Chỉ huy quân sự phường'))).toBe(true);
      expect(texts).toContain('1. Công an phường');
    }
  });

  it('a list in the body after a sentence is text as before', () => {
    const text = [
      'Các đơn vị được giao nhiệm vụ như sau:',
      '- Công an phường bố trí lực lượng;',
      '- Trạm Y tế phường chuẩn bị thuốc.',
    ].join('\n');
    const passages = blocksToPassages(reflow([{ text }]));
    expect(passages.map((p) => p.text)).toContain('- Công an phường bố trí lực lượng;');
  });

  it('a sentence that opens with "Kính gửi" is text', () => {
    const text = 'Kính gửi lời cảm ơn tới các đơn vị đã hỗ trợ nhân dân khắc phục hậu quả mưa lũ.';
    expect(blocksToPassages(reflow([{ text }])).map((p) => p.text)).toEqual([text]);
  });
});

describe('blocksToPassages: a list keeps its heading, and the sentence that introduces it', () => {
  it('items under a lead-in ending in ":" have the real heading as section and the lead-in as lead', () => {
    const text = [
      'II. NHIỆM VỤ, GIẢI PHÁP NĂM 2025',
      '',
      'Các địa phương được giao mục tiêu tăng trưởng GRDP từ 10% trở lên trong năm 2025:',
      '- Thị xã Ninh Hoà: tăng 13,5%.',
      '- Huyện Vạn Ninh: tăng 12%.',
      '',
      'Tập trung chỉ đạo thu ngân sách.',
    ].join('\n');
    const passages = blocksToPassages(reflowSegment(text.normalize('NFD'), false));
    expect(passages.map((p) => [p.kind, p.section, p.lead])).toEqual([
      ['heading', null, null],
      ['paragraph', 'II. NHIỆM VỤ, GIẢI PHÁP NĂM 2025', null],
      [
        'list-item',
        'II. NHIỆM VỤ, GIẢI PHÁP NĂM 2025',
        'Các địa phương được giao mục tiêu tăng trưởng GRDP từ 10% trở lên trong năm 2025',
      ],
      [
        'list-item',
        'II. NHIỆM VỤ, GIẢI PHÁP NĂM 2025',
        'Các địa phương được giao mục tiêu tăng trưởng GRDP từ 10% trở lên trong năm 2025',
      ],
      ['paragraph', 'II. NHIỆM VỤ, GIẢI PHÁP NĂM 2025', null],
    ]);
  });
  it('a numbered item ending in ":" leads its own items, and the next number closes it', () => {
    const text = [
      'II. NHIỆM VỤ CỤ THỂ',
      '1. Sở Y tế:',
      '- Chủ trì giám sát dịch bệnh.',
      '2. Bộ Chỉ huy Bộ đội Biên phòng tỉnh:',
      'a) Kiểm soát chặt chẽ người qua lại biên giới.',
      'b) Phối hợp với Sở Y tế cách ly người nhập cảnh.',
      '3. Công an tỉnh: xử lý nghiêm vi phạm.',
    ].join('\n');
    const passages = blocksToPassages(reflowSegment(text, false));
    expect(passages.map((p) => [p.text.slice(0, 12), p.section, p.lead])).toEqual([
      ['II. NHIỆM VỤ', null, null],
      ['1. Sở Y tế:', 'II. NHIỆM VỤ CỤ THỂ', null],
      ['- Chủ trì gi', 'II. NHIỆM VỤ CỤ THỂ', '1. Sở Y tế'],
      ['2. Bộ Chỉ hu', 'II. NHIỆM VỤ CỤ THỂ', null],
      ['a) Kiểm soát', 'II. NHIỆM VỤ CỤ THỂ', '2. Bộ Chỉ huy Bộ đội Biên phòng tỉnh'],
      ['b) Phối hợp ', 'II. NHIỆM VỤ CỤ THỂ', '2. Bộ Chỉ huy Bộ đội Biên phòng tỉnh'],
      ['3. Công an t', 'II. NHIỆM VỤ CỤ THỂ', null],
    ]);
  });

  it.each<[string, string]>([
    [
      'Mùa mưa bão năm 2025 có khả năng xuất hiện từ 5 đến 7 cơn bão, trong đó 2 đến 3 cơn ảnh hưởng trực tiếp đến tỉnh. Để chủ động ứng phó, UBND tỉnh yêu cầu:',
      'Để chủ động ứng phó, UBND tỉnh yêu cầu',
    ],
    [
      'NĂM 2024, BĐBP TỈNH BẮT GIỮ 231 VỤ, 378 ĐỐI TƯỢNG. NĂM 2025, ĐẢNG ỦY ĐỀ RA CÁC CHỈ TIÊU SAU ĐÂY:',
      'NĂM 2025, ĐẢNG ỦY ĐỀ RA CÁC CHỈ TIÊU SAU ĐÂY',
    ],
    // One sentence, with numbers and an abbreviation that end no sentence: all of it leads.
    [
      'Tỷ lệ tăng 9,5%, thu 2.300 tỷ đồng theo KH số 12/KH-UBND của TP. Hạ Long, cụ thể như sau:',
      'Tỷ lệ tăng 9,5%, thu 2.300 tỷ đồng theo KH số 12/KH-UBND của TP. Hạ Long, cụ thể như sau',
    ],
  ])('a paragraph ending in ":" leads its items by its last sentence: %s', (paragraph, lead) => {
    const passages = blocksToPassages(
      reflowSegment(`${paragraph}\n- Kiện toàn Ban Chỉ huy.`.normalize('NFD'), false),
    );
    expect(passages.map((p) => p.lead)).toEqual([null, lead]);
  });

  it.each<[string, ListMarker | null]>([
    ['II. NHIỆM VỤ', 'roman'],
    ['2. Bộ CHQS tỉnh:', 'number'],
    ['2.1. Về tuyển quân', 'number'],
    ['3) Công an tỉnh', 'number'],
    ['a) Kiểm soát', 'letter'],
    ['đ) Phối hợp', 'letter'],
    ['- Tăng 9,5%', 'bullet'],
    ['• 2.300 lượt', 'bullet'],
    ['2.300 lượt tàu cá', null],
    ['Năm 2025, phấn đấu', null],
  ])('listMarker(%s) → %s', (text, marker) => expect(listMarker(text)).toBe(marker));

  it('a short line ending in ":" is still a heading', () => {
    const passages = blocksToPassages(
      reflowSegment('Kết quả cụ thể:\n1. Bắt giữ 45 vụ.\n2. Giúp dân 1.500 ngày công.', false),
    );
    expect(passages.map((p) => [p.kind, p.section, p.lead])).toEqual([
      ['heading', null, null],
      ['list-item', 'Kết quả cụ thể:', null],
      ['list-item', 'Kết quả cụ thể:', null],
    ]);
  });
});
