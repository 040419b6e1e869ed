import fs from 'node:fs';
import { isSignerName, reflow, reflowSegment, unfoldColumns } from '../../src/ingest/reflow';
import { SEED_FILE } from '../helpers/temp-dir';

const kinds = (text: string) => reflowSegment(text).map((b) => [b.kind, b.text]);

describe('reflowSegment on the seed report', () => {
  const blocks = reflowSegment(fs.readFileSync(SEED_FILE, 'utf8'));

  it('joins the hard-wrapped lines into its paragraphs and the photo caption', () => {
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'caption', 'paragraph', 'paragraph']);
    expect(blocks[0]!.text).toMatch(/^Theo đánh giá, năm 2024, chấp hành sự lãnh/);
    expect(blocks[0]!.text).toMatch(/Trận địa tư tưởng của Đảng trong đơn vị được giữ vững\.$/);
    expect(blocks[1]!.text).toBe(
      '(Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh chủ trì hội nghị)',
    );
    expect(blocks[2]!.text).toMatch(/^Phương hướng lãnh đạo thực hiện nhiệm vụ năm 2025/);
    expect(blocks[2]!.text).toContain(
      'Phấn đấu trong năm có 100% tổ chức đảng, đảng viên hoàn thành nhiệm vụ trở lên; hoàn thành chỉ tiêu',
    );
    expect(blocks[3]!.text).toMatch(/^Bên cạnh đó .* tỉnh nhà\.\/\.$/);
  });

  it('keeps the original tone placement for display and leaves no line breaks', () => {
    expect(blocks[0]!.text).toContain('Đảng uỷ, Bộ Tư lệnh BĐBP và Tỉnh uỷ');
    for (const b of blocks) expect(b.text).not.toMatch(/\n|\s{2}/);
  });

  it('gives the same blocks with CRLF, a BOM or NFD', () => {
    const raw = fs.readFileSync(SEED_FILE, 'utf8');
    for (const variant of ['\ufeff' + raw.replace(/\n/g, '\r\n'), raw.normalize('NFD')]) {
      expect(reflowSegment(variant)).toEqual(blocks);
    }
  });
});

describe('reflowSegment recognizes structure', () => {
  it.each([
    [
      'title, date line and roman heading',
      'BÁO CÁO TỔNG KẾT CÔNG TÁC BIÊN PHÒNG NĂM 2024\nBình Thuận, ngày 10 tháng 12 năm 2024\n\nI. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024\nNăm 2024, các đồn biên phòng duy trì nghiêm chế độ trực SSCĐ.',
      [
        ['title', 'BÁO CÁO TỔNG KẾT CÔNG TÁC BIÊN PHÒNG NĂM 2024'],
        ['date', 'Bình Thuận, ngày 10 tháng 12 năm 2024'],
        ['heading', 'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024'],
        ['paragraph', 'Năm 2024, các đồn biên phòng duy trì nghiêm chế độ trực SSCĐ.'],
      ],
    ],
    [
      'a long all-caps title',
      'NGHỊ QUYẾT VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI TỈNH KHÁNH HÒA NĂM 2026\nKhánh Hòa, ngày 10 tháng 12 năm 2025',
      [
        ['title', 'NGHỊ QUYẾT VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI TỈNH KHÁNH HÒA NĂM 2026'],
        ['date', 'Khánh Hòa, ngày 10 tháng 12 năm 2025'],
      ],
    ],
    [
      'a short heading line followed by an uppercase line',
      'Lực lượng đã hoàn thành tốt nhiệm vụ được giao trong năm.\n\nPhương hướng nhiệm vụ năm 2025\nĐảng ủy BĐBP tỉnh tiếp tục lãnh đạo nâng cao chất lượng huấn luyện, sẵn sàng\nchiến đấu; giữ vững chủ quyền an ninh biên giới biển.',
      [
        ['paragraph', 'Lực lượng đã hoàn thành tốt nhiệm vụ được giao trong năm.'],
        ['heading', 'Phương hướng nhiệm vụ năm 2025'],
        [
          'paragraph',
          'Đảng ủy BĐBP tỉnh tiếp tục lãnh đạo nâng cao chất lượng huấn luyện, sẵn sàng chiến đấu; giữ vững chủ quyền an ninh biên giới biển.',
        ],
      ],
    ],
    [
      'numbered, lettered and dashed list items, one wrapped',
      'Năm 2024 các đơn vị đạt kết quả tốt.\n1. Đấu tranh phòng, chống tội phạm: bắt giữ 45 vụ, 62 đối tượng vi phạm\npháp luật trên biển.\n2. Giúp dân 1.500 ngày công.\na) Nhận đỡ đầu 85 học sinh.\n- Tổ chức 12 buổi khám bệnh.',
      [
        ['paragraph', 'Năm 2024 các đơn vị đạt kết quả tốt.'],
        [
          'list-item',
          '1. Đấu tranh phòng, chống tội phạm: bắt giữ 45 vụ, 62 đối tượng vi phạm pháp luật trên biển.',
        ],
        ['list-item', '2. Giúp dân 1.500 ngày công.'],
        ['list-item', 'a) Nhận đỡ đầu 85 học sinh.'],
        ['list-item', '- Tổ chức 12 buổi khám bệnh.'],
      ],
    ],
    [
      'a caption in parentheses across lines, with a blank line inside',
      'Năm 2024 lực lượng vũ trang tỉnh hoàn thành nhiệm vụ.\n\n(Đại tá Trần Minh Hoàng, Chỉ huy trưởng\n\nBộ CHQS tỉnh chủ trì hội nghị)\nNăm 2025 tiếp tục xây dựng lực lượng vững mạnh.',
      [
        ['paragraph', 'Năm 2024 lực lượng vũ trang tỉnh hoàn thành nhiệm vụ.'],
        ['caption', '(Đại tá Trần Minh Hoàng, Chỉ huy trưởng Bộ CHQS tỉnh chủ trì hội nghị)'],
        ['paragraph', 'Năm 2025 tiếp tục xây dựng lực lượng vững mạnh.'],
      ],
    ],
    [
      'a wrapped line closing a bracket runs on in lower case; before a capital it ends',
      'Năm 2024 các đơn vị hoàn thành nhiệm vụ.\n\nCác cơ quan, đơn vị báo cáo kết quả thực hiện về Bộ Chỉ huy (qua Phòng Tham mưu)\ntrước ngày 25 hằng tháng; sơ kết đợt cao điểm.\n\nHội nghị biểu dương 12 tập thể (ảnh)\nNăm 2025 tiếp tục phát huy.',
      [
        ['paragraph', 'Năm 2024 các đơn vị hoàn thành nhiệm vụ.'],
        [
          'paragraph',
          'Các cơ quan, đơn vị báo cáo kết quả thực hiện về Bộ Chỉ huy (qua Phòng Tham mưu) trước ngày 25 hằng tháng; sơ kết đợt cao điểm.',
        ],
        ['paragraph', 'Hội nghị biểu dương 12 tập thể (ảnh)'],
        ['paragraph', 'Năm 2025 tiếp tục phát huy.'],
      ],
    ],
    [
      'the same typed in NFD and without diacritics',
      'Năm 2024 hoàn thành.\n\nCác đơn vị gửi về Bộ Chỉ huy (qua Phòng Tham mưu)\ntrước ngày 25 hằng tháng.'.normalize(
        'NFD',
      ),
      [
        ['paragraph', 'Năm 2024 hoàn thành.'],
        ['paragraph', 'Các đơn vị gửi về Bộ Chỉ huy (qua Phòng Tham mưu) trước ngày 25 hằng tháng.'],
      ],
    ],
    [
      'without diacritics',
      'Nam 2024 hoan thanh.\n\nCac don vi gui ve Bo Chi huy (qua Phong Tham muu)\ntruoc ngay 25 hang thang.',
      [
        ['paragraph', 'Nam 2024 hoan thanh.'],
        ['paragraph', 'Cac don vi gui ve Bo Chi huy (qua Phong Tham muu) truoc ngay 25 hang thang.'],
      ],
    ],
    [
      'a date line alone',
      'Sáng 18/1\nĐảng ủy Quân sự tỉnh tổ chức hội nghị.',
      [
        ['date', 'Sáng 18/1'],
        ['paragraph', 'Đảng ủy Quân sự tỉnh tổ chức hội nghị.'],
      ],
    ],
    [
      'markdown heading',
      '# Báo cáo quý I\n\n## Tình hình chung\nCác đơn vị duy trì nghiêm chế độ trực.',
      [
        ['title', 'Báo cáo quý I'],
        ['heading', 'Tình hình chung'],
        ['paragraph', 'Các đơn vị duy trì nghiêm chế độ trực.'],
      ],
    ],
  ])('%s', (_name, input, expected) => {
    expect(kinds(input)).toEqual(expected);
  });

  it('a line in capitals after a sentence that fills its line starts a block (a PDF has no blank lines)', () => {
    const pdf = [
      'Các cơ quan, đơn vị báo cáo kết quả thực hiện về Bộ Chỉ huy (qua Phòng Tham',
      'mưu) trước ngày 25 hằng tháng; sơ kết đợt cao điểm, báo cáo trước ngày',
      '05/7/2025. Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.',
      'CHỈ HUY TRƯỞNG',
      'Đại tá Đoàn Văn Thắng',
    ].join('\n');
    for (const text of [pdf, pdf.normalize('NFD')])
      expect(kinds(`Năm 2025 hoàn thành.\n\n${text}`).map(([kind]) => kind)).toEqual([
        'paragraph',
        'paragraph',
        'heading',
        'heading',
      ]);
    // A capital word opening a wrapped sentence is no heading.
    expect(kinds('Năm 2025 các đơn vị hoàn thành nhiệm vụ được giao.\nBĐBP tỉnh tiếp tục.')).toHaveLength(1);
  });

  it.each<[string, string[], Array<[string, string]>]>([
    [
      'a rule under the subject is no text and ends it',
      [
        'BÁO CÁO',
        'Tổng kết công tác Đoàn năm 2024,',
        'phương hướng, nhiệm vụ năm 2025',
        '-----',
        'Năm 2024, Tỉnh đoàn đạt 14/15 chỉ tiêu.',
      ],
      [
        ['title', 'BÁO CÁO'],
        ['paragraph', 'Tổng kết công tác Đoàn năm 2024, phương hướng, nhiệm vụ năm 2025'],
        ['paragraph', 'Năm 2024, Tỉnh đoàn đạt 14/15 chỉ tiêu.'],
      ],
    ],
    [
      "a two-column header flattened: the kind stands alone after the number's line",
      [
        'HUYỆN ỦY HẢI HẬU',
        '***',
        'Số: 41-NQ/HU                      Hải Hậu, ngày 20 tháng 12 năm 2024',
        'NGHỊ QUYẾT',
        'về phương hướng, nhiệm vụ năm 2025',
      ],
      [
        ['title', 'HUYỆN ỦY HẢI HẬU'],
        // The two columns of the number's line are two lines again.
        ['heading', 'Số: 41-NQ/HU'],
        ['date', 'Hải Hậu, ngày 20 tháng 12 năm 2024'],
        ['heading', 'NGHỊ QUYẾT'],
        ['paragraph', 'về phương hướng, nhiệm vụ năm 2025'],
      ],
    ],
    [
      'the motto after a subject that runs on (old tone placement)',
      [
        'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG',
        'V/v đôn đốc đẩy nhanh tiến độ giao đất cho hộ gia đình phải di dời do ảnh hưởng',
        'của bão số 3',
        'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
      ],
      [
        ['title', 'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG'],
        [
          'paragraph',
          'V/v đôn đốc đẩy nhanh tiến độ giao đất cho hộ gia đình phải di dời do ảnh hưởng của bão số 3',
        ],
        ['heading', 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
        ['heading', 'Độc lập - Tự do - Hạnh phúc'],
      ],
    ],
    [
      'a subject that fills its line ends where the text opens ("Căn cứ …")',
      [
        'KẾ HOẠCH',
        'Tổ chức Kỳ thi tốt nghiệp trung học phổ thông năm 2025 trên địa bàn tỉnh Nghệ An',
        'Căn cứ Quy chế thi tốt nghiệp trung học phổ thông hiện hành của Bộ Giáo dục và',
        'Đào tạo, Sở xây dựng kế hoạch tổ chức Kỳ thi năm 2025 như sau:',
      ],
      [
        ['title', 'KẾ HOẠCH'],
        ['paragraph', 'Tổ chức Kỳ thi tốt nghiệp trung học phổ thông năm 2025 trên địa bàn tỉnh Nghệ An'],
        [
          'paragraph',
          'Căn cứ Quy chế thi tốt nghiệp trung học phổ thông hiện hành của Bộ Giáo dục và Đào tạo, Sở xây dựng kế hoạch tổ chức Kỳ thi năm 2025 như sau:',
        ],
      ],
    ],
  ])('%s', (_name, lines, expected) => {
    for (const text of [lines.join('\n'), lines.join('\n').normalize('NFD')])
      expect(kinds(text)).toEqual(expected);
  });

  it('"Thực hiện" and "Căn cứ" inside the text and rules inside brackets stay in their paragraph', () => {
    const body =
      'Năm 2024 các đơn vị đã hoàn thành tốt các nhiệm vụ được giao theo kế hoạch đã đề ra, cụ thể:';
    const filler = Array.from({ length: 10 }, (_, i) => `${i + 1}. Nhiệm vụ số ${i + 1} đã hoàn thành.`);
    const text = [...filler, body, 'Thực hiện Kế hoạch số 12/KH-UBND, các xã đã rà soát.'].join('\n');
    expect(kinds(text).at(-1)).toEqual([
      'paragraph',
      `${body} Thực hiện Kế hoạch số 12/KH-UBND, các xã đã rà soát.`,
    ]);
    expect(kinds('Kết quả (xem bảng\n-----\nphía dưới) đạt yêu cầu.')).toEqual([
      ['paragraph', 'Kết quả (xem bảng ----- phía dưới) đạt yêu cầu.'],
    ]);
  });

  it('is not fooled by a wrapped line that ends with a comma', () => {
    expect(kinds('Theo đánh giá, năm 2024,\nchấp hành sự lãnh đạo của Đảng ủy.')).toEqual([
      ['paragraph', 'Theo đánh giá, năm 2024, chấp hành sự lãnh đạo của Đảng ủy.'],
    ]);
  });
});

describe('reflow', () => {
  it('keeps blocks whose kind a format already knows and only the first segment has a title', () => {
    const blocks = reflow([
      { text: 'BÁO CÁO TỔNG KẾT NĂM 2024', page: 1 },
      { text: 'Tình hình chung', kind: 'heading' },
      { text: 'NỘI DUNG CHÍNH', page: 2 },
    ]);
    expect(blocks).toEqual([
      { kind: 'title', text: 'BÁO CÁO TỔNG KẾT NĂM 2024', page: 1 },
      { kind: 'heading', text: 'Tình hình chung' },
      { kind: 'heading', text: 'NỘI DUNG CHÍNH', page: 2 },
    ]);
  });
});

describe('reflow: what a format knows and what runs across pages', () => {
  it.each<[string, string, 'paragraph' | 'list-item']>([
    [
      '- Chủ trì xây dựng kế hoạch TKCN, sẵn sàng lực lượng.',
      'a bullet typed in a Word paragraph',
      'list-item',
    ],
    ['2. Bộ Chỉ huy Quân sự tỉnh:', 'a number', 'list-item'],
    ['a) Kiểm soát chặt chẽ 100% tàu cá xuất, nhập bến.'.normalize('NFD'), 'a letter (NFD)', 'list-item'],
    ['2.300 lượt tàu cá được kiểm soát, tăng 9,5%.', 'a figure', 'paragraph'],
    ['Năm 2025, phấn đấu kết nạp 300 đảng viên.', 'a sentence', 'paragraph'],
  ])('%s (%s) → %s', (text, _label, kind) => {
    expect(reflow([{ text, kind: 'paragraph' }]).map((b) => b.kind)).toEqual([kind]);
  });

  it('a sentence that runs on to the next page ends there, in small letters', () => {
    const blocks = reflow([
      {
        text: 'CHỈ THỊ VỀ CHỐNG KHAI THÁC IUU\n4. Sở Tài chính: bố trí kinh phí 12 tỷ đồng hỗ trợ ngư dân; trình UBND tỉnh trước',
        page: 1,
      },
      { text: 'ngày 10/8/2025.\n5. Chủ tịch UBND các xã ven biển lập danh sách tàu cá.', page: 2 },
    ]);
    expect(blocks.slice(1).map((b) => [b.kind, b.text, b.page])).toEqual([
      [
        'list-item',
        '4. Sở Tài chính: bố trí kinh phí 12 tỷ đồng hỗ trợ ngư dân; trình UBND tỉnh trước ngày 10/8/2025.',
        1,
      ],
      ['list-item', '5. Chủ tịch UBND các xã ven biển lập danh sách tàu cá.', 2],
    ]);
  });

  it('a page that opens with a capital, or after a finished sentence, starts its own block', () => {
    const pages = (first: string, second: string) =>
      reflow([
        { text: first, page: 1 },
        { text: second, page: 2 },
      ]).map((b) => b.text);
    expect(pages('Tỷ lệ tăng 9,5%.', 'trong đó có 2.300 hộ.')).toHaveLength(2);
    expect(pages('Giao Sở Tài chính chủ trì', 'Sở Y tế phối hợp.')).toHaveLength(2);
  });
});

describe("reflowSegment: an official document's subject, without blank lines", () => {
  it('a capital after the subject opens the body', () => {
    const text = [
      'ỦY BAN NHÂN DÂN TỈNH AN GIANG',
      'Số: 09/CT-UBND',
      'CHỈ THỊ',
      'Về tăng cường các giải pháp cấp bách chống khai thác hải sản bất hợp pháp,',
      'không báo cáo và không theo quy định (IUU) năm 2025',
      'Sau khi sắp xếp đơn vị hành chính, tỉnh An Giang có 5.721 tàu cá đăng ký,',
      'trong đó 2.386 tàu có chiều dài từ 15 m trở lên, tăng 9,5% so với năm 2024.',
    ].join('\n');
    for (const t of [text, text.normalize('NFD')]) {
      const texts = reflowSegment(t).map((b) => b.text.normalize('NFC'));
      expect(texts[3]).toBe(
        'Về tăng cường các giải pháp cấp bách chống khai thác hải sản bất hợp pháp, không báo cáo và không theo quy định (IUU) năm 2025',
      );
      expect(texts[4]).toMatch(/^Sau khi sắp xếp/u);
    }
  });
});

describe('reflowSegment: a headline and its lead as a PDF lays them out', () => {
  it.each<[string, string, Array<[string, string]>]>([
    [
      'a headline wrapped before its year, then the dated lead without a blank line',
      'THANH HÓA TỔNG KẾT CÔNG TÁC QUÂN SỰ, QUỐC PHÒNG ĐỊA PHƯƠNG NĂM\n2024\nUBND tỉnh, Bộ CHQS tỉnh Thanh Hóa vừa tổ chức hội nghị tổng kết công tác\nquân sự, quốc phòng địa phương năm 2024.',
      [
        ['title', 'THANH HÓA TỔNG KẾT CÔNG TÁC QUÂN SỰ, QUỐC PHÒNG ĐỊA PHƯƠNG NĂM 2024'],
        [
          'paragraph',
          'UBND tỉnh, Bộ CHQS tỉnh Thanh Hóa vừa tổ chức hội nghị tổng kết công tác quân sự, quốc phòng địa phương năm 2024.',
        ],
      ],
    ],
    [
      'a long headline near the page width, then "Sáng 14/12/2022, …"',
      'Đảng ủy BĐBP tỉnh Quảng Ninh tổng kết công tác lãnh đạo năm 2022 tại thành phố Hạ Long\nSáng 14/12/2022, Đảng ủy BĐBP tỉnh Quảng Ninh tổ chức hội nghị tổng kết công tác lãnh\nđạo thực hiện nhiệm vụ năm 2022.',
      [
        ['title', 'Đảng ủy BĐBP tỉnh Quảng Ninh tổng kết công tác lãnh đạo năm 2022 tại thành phố Hạ Long'],
        [
          'paragraph',
          'Sáng 14/12/2022, Đảng ủy BĐBP tỉnh Quảng Ninh tổ chức hội nghị tổng kết công tác lãnh đạo thực hiện nhiệm vụ năm 2022.',
        ],
      ],
    ],
    [
      'an all-caps headline filling its line goes on in capitals on the next: one title (NFD too)',
      'KỲ HỌP THỨ 29 HĐND TỈNH QUẢNG TRỊ: THÔNG QUA NGHỊ QUYẾT KẾ HOẠCH PHÁT TRIỂN KT-XH\nNĂM 2025\nSáng 10/12/2024, HĐND tỉnh Quảng Trị khóa VIII, nhiệm kỳ 2021–2026 tổ chức kỳ họp\nthứ 29 – kỳ họp thường lệ cuối năm 2024.'.normalize(
        'NFD',
      ),
      [
        [
          'title',
          'KỲ HỌP THỨ 29 HĐND TỈNH QUẢNG TRỊ: THÔNG QUA NGHỊ QUYẾT KẾ HOẠCH PHÁT TRIỂN KT-XH NĂM 2025',
        ],
        [
          'paragraph',
          'Sáng 10/12/2024, HĐND tỉnh Quảng Trị khóa VIII, nhiệm kỳ 2021–2026 tổ chức kỳ họp thứ 29 – kỳ họp thường lệ cuối năm 2024.',
        ],
      ],
    ],
    [
      'a short issuer line in capitals is no wrapped headline: the kind under it stays apart',
      'BỘ CHỈ HUY QUÂN SỰ TỈNH HÀ TĨNH\nBÁO CÁO\nTình hình thực hiện nhiệm vụ quân sự, quốc phòng 6 tháng đầu năm 2025 và phương\nhướng nhiệm vụ 6 tháng cuối năm.',
      [
        ['title', 'BỘ CHỈ HUY QUÂN SỰ TỈNH HÀ TĨNH'],
        ['heading', 'BÁO CÁO'],
        [
          'paragraph',
          'Tình hình thực hiện nhiệm vụ quân sự, quốc phòng 6 tháng đầu năm 2025 và phương hướng nhiệm vụ 6 tháng cuối năm.',
        ],
      ],
    ],
    [
      'a headline filling its line, then a roman heading: the heading stays a heading',
      'BÁO CÁO TỔNG KẾT CÔNG TÁC QUÂN SỰ, QUỐC PHÒNG ĐỊA PHƯƠNG CỦA TỈNH THANH HÓA NĂM 2024\nI. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024\nNăm 2024, lực lượng vũ trang tỉnh duy trì nghiêm chế độ trực sẵn sàng chiến đấu, nắm chắc\ntình hình địa bàn.',
      [
        ['title', 'BÁO CÁO TỔNG KẾT CÔNG TÁC QUÂN SỰ, QUỐC PHÒNG ĐỊA PHƯƠNG CỦA TỈNH THANH HÓA NĂM 2024'],
        ['heading', 'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024'],
        [
          'paragraph',
          'Năm 2024, lực lượng vũ trang tỉnh duy trì nghiêm chế độ trực sẵn sàng chiến đấu, nắm chắc tình hình địa bàn.',
        ],
      ],
    ],
    [
      'a header: issuer, the kind and its subject each stay apart; the star between is no text',
      'ĐẢNG ỦY BĐBP TỈNH KIÊN GIANG\n*\nNGHỊ QUYẾT\nvề lãnh đạo thực hiện nhiệm vụ năm 2025\nTại hội nghị lần thứ 12, Ban Chấp hành Đảng bộ BĐBP tỉnh khóa XII đã thảo luận,\nđánh giá kết quả thực hiện nhiệm vụ năm 2024 và thống nhất quyết nghị nhiệm\nvụ năm 2025 như sau.',
      [
        ['title', 'ĐẢNG ỦY BĐBP TỈNH KIÊN GIANG'],
        ['heading', 'NGHỊ QUYẾT'],
        ['paragraph', 'về lãnh đạo thực hiện nhiệm vụ năm 2025'],
        [
          'paragraph',
          'Tại hội nghị lần thứ 12, Ban Chấp hành Đảng bộ BĐBP tỉnh khóa XII đã thảo luận, đánh giá kết quả thực hiện nhiệm vụ năm 2024 và thống nhất quyết nghị nhiệm vụ năm 2025 như sau.',
        ],
      ],
    ],
  ])('%s', (_name, text, expected) => {
    const blocks = reflowSegment(text.normalize('NFD'));
    expect(blocks.map((b) => [b.kind, b.text])).toEqual(expected);
  });
});

describe('unfoldColumns: a two-column header put back as two columns', () => {
  it.each<[string, string[], string[]]>([
    [
      "a commune's letter: issuer on the left, motto on the right",
      [
        'ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'PHƯỜNG BẢO AN                           Độc lập - Tự do - Hạnh phúc',
        '                                        ---------------',
        'Số: 1462/UBND-KT                     Bảo An, ngày 05 tháng 11 năm 2025',
        'V/v triển khai các biện pháp cấp bách',
      ],
      [
        'ỦY BAN NHÂN DÂN',
        'PHƯỜNG BẢO AN',
        'Số: 1462/UBND-KT',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        '---------------',
        'Bảo An, ngày 05 tháng 11 năm 2025',
        'V/v triển khai các biện pháp cấp bách',
      ],
    ],
    [
      'a line without a gap ends the columns above it',
      ['ĐẢNG BỘ TỈNH NAM ĐỊNH             ĐẢNG CỘNG SẢN VIỆT NAM', 'HUYỆN ỦY HẢI HẬU', 'Số: 41-NQ/HU'],
      ['ĐẢNG BỘ TỈNH NAM ĐỊNH', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'HUYỆN ỦY HẢI HẬU', 'Số: 41-NQ/HU'],
    ],
    [
      'no wide gap in the first lines: the text as it is, even with one further down',
      ['BÁO CÁO', 'Tổng kết năm 2024', 'a', 'b', 'c', 'd', 'e', 'f', 'Bảng:   cột 1   cột 2'],
      ['BÁO CÁO', 'Tổng kết năm 2024', 'a', 'b', 'c', 'd', 'e', 'f', 'Bảng:   cột 1   cột 2'],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(unfoldColumns(lines)).toEqual(expected);
    expect(unfoldColumns(lines.map((l) => l.normalize('NFD'))).map((l) => l.normalize('NFC'))).toEqual(
      expected,
    );
  });
});

describe('markSignature: the signing block of an official document', () => {
  const body = 'Các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.';
  it.each<[string, string, string]>([
    [
      'two lines',
      `${body}\n\nCHỈ HUY TRƯỞNG\nĐại tá Đoàn Văn Thắng\n`,
      'CHỈ HUY TRƯỞNG, Đại tá Đoàn Văn Thắng',
    ],
    [
      'on behalf of, after a full-width line',
      `quyết về Đảng ủy BĐBP tỉnh (qua Văn phòng Đảng ủy) trước ngày 10/12/2025 và báo cáo kết quả thực hiện.\nT/M ĐẢNG ỦY\nBÍ THƯ\nĐại tá Lê Văn Đồng`,
      'T/M ĐẢNG ỦY, BÍ THƯ, Đại tá Lê Văn Đồng',
    ],
    [
      'NFD, a deputy signing, recipients after',
      `${body}\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Thị Hoà\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.`.normalize(
        'NFD',
      ),
      'KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC, Nguyễn Thị Hoà',
    ],
  ])('%s', (_name, text, signature) => {
    const blocks = reflow([{ text }]);
    expect(blocks.filter((b) => b.kind === 'signature').map((b) => b.text)).toEqual([signature]);
    expect(blocks[0]!.text).not.toMatch(/T\/M|CHỈ HUY TRƯỞNG|GIÁM ĐỐC/u);
  });

  it.each<[string, string]>([
    ['a heading followed by a sentence', `${body}\n\nII. NHIỆM VỤ\nTập trung lãnh đạo thực hiện.`],
    ['a name without a role above it', `${body}\n\nNguyễn Văn Tâm`],
    ['a caption', `${body}\n\n(Đồng chí Ngô Văn Lãng chủ trì hội nghị)`],
  ])('leaves alone %s', (_name, text) => {
    expect(reflow([{ text }]).some((b) => b.kind === 'signature')).toBe(false);
  });

  it.each<[string, boolean]>([
    ['Đại tá Đoàn Văn Thắng', true],
    ['Thiếu tướng Nguyễn Anh Tuấn', true],
    ['Nguyễn Văn Tâm', true],
    ['NGUYỄN VĂN TÂM', false],
    ['Tập trung lãnh đạo', false],
    ['Năm 2025', false],
    ['Lưu: VT', false],
  ])('isSignerName(%s) → %s', (text, expected) => expect(isSignerName(text)).toBe(expected));
});
