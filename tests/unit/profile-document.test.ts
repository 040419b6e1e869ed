import fs from 'node:fs';
import path from 'node:path';
import { reflow } from '../../src/ingest/reflow';
import { buildProfile, documentTitle, DocumentProfile, emptyProfile } from '../../src/profile/profile';
import { normalizeText } from '../../src/text/normalize';
import { SEED_FILE } from '../helpers/temp-dir';

/** As ingest reads a document: a draft profile finds the title, then the profile is read with it. */
function read(file: string, text: string): { title: string; used: number[]; profile: DocumentProfile } {
  const blocks = reflow([{ text }]);
  const { title, used } = documentTitle(blocks, 'tên tệp', buildProfile(file, blocks, ''));
  return { title, used, profile: buildProfile(file, blocks, normalizeText(title)) };
}

const RESOLUTION = `ĐẢNG BỘ BĐBP TỈNH KIÊN GIANG
ĐẢNG ỦY BĐBP TỈNH KIÊN GIANG
*
Số: 306-NQ/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Kiên Giang, ngày 23 tháng 12 năm 2024

NGHỊ QUYẾT
về lãnh đạo thực hiện nhiệm vụ năm 2025

I. KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ NĂM 2024
Năm 2024, Đảng ủy BĐBP tỉnh đã lãnh đạo, chỉ đạo các cơ quan, đơn vị thực hiện
toàn diện các mặt công tác, giữ vững chủ quyền, an ninh biên giới biển của
tỉnh. Các đồn biên phòng phối hợp chặt chẽ với các lực lượng trên địa bàn
đấu tranh phòng, chống tội phạm, khai thác hải sản bất hợp pháp (IUU).
II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025
Tiếp tục quán triệt, thực hiện nghiêm các nghị quyết, chỉ thị của Đảng ủy,
Bộ Tư lệnh BĐBP và Tỉnh ủy Kiên Giang về nhiệm vụ bảo vệ chủ quyền, an ninh
biên giới; phấn đấu 100% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ.
`;

const NEWS = `Đảng ủy BĐBP tỉnh Quảng Ninh tổng kết công tác năm 2022

Sáng 14/12/2022, Đảng ủy BĐBP tỉnh Quảng Ninh tổ chức hội nghị tổng kết công tác
lãnh đạo thực hiện nhiệm vụ năm 2022, triển khai phương hướng, nhiệm vụ năm 2023.
Đồng chí Đại tá Nguyễn Văn A, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh chủ trì hội nghị.
Năm 2022, BĐBP tỉnh đã phối hợp chặt chẽ với các lực lượng giữ vững an ninh biên giới.
`;

const DISTRICT_REPORT = `UỶ BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG
Số: 215/BC-UBND
Tân Phú Đông, ngày 28 tháng 6 năm 2024

BÁO CÁO
Tình hình kinh tế - xã hội 6 tháng đầu năm 2024

Trong 6 tháng đầu năm 2024, UBND huyện đã tập trung chỉ đạo thực hiện các mục
tiêu phát triển kinh tế - xã hội của tỉnh Tiền Giang.
`;

const HEALTH_PLAN = `UBND TỈNH BẮC NINH
SỞ Y TẾ
Số: 85/KH-SYT
Bắc Ninh, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
Phòng, chống dịch bệnh truyền nhiễm năm 2025

Thực hiện chỉ đạo của UBND tỉnh Bắc Ninh, Sở Y tế xây dựng kế hoạch phòng,
chống dịch bệnh truyền nhiễm năm 2025 trên địa bàn tỉnh như sau.
`;

const OFFICIAL_LETTER = `UBND TỈNH LÂM ĐỒNG
Số: 1234/UBND-VX
V/v tăng cường công tác phòng, chống dịch sốt xuất huyết
Lâm Đồng, ngày 5 tháng 8 năm 2024

Kính gửi: Sở Y tế, UBND các huyện, thành phố.
`;

const MILITARY_REPORT = `BỘ CHỈ HUY QUÂN SỰ TỈNH NINH THUẬN
Số: 45/BC-BCH
Ninh Thuận, ngày 20 tháng 12 năm 2024

BÁO CÁO
Tổng kết công tác quân sự, quốc phòng địa phương năm 2024, phương hướng nhiệm vụ năm 2025

Năm 2024, Bộ CHQS tỉnh đã tham mưu cho Tỉnh ủy, UBND tỉnh lãnh đạo, chỉ đạo
thực hiện hoàn thành nhiệm vụ quân sự, quốc phòng địa phương.
`;

const BORDER_POST = `Đồn Biên phòng Cửa khẩu Móng Cái sơ kết quý III/2024

Chiều 30/9/2024, Đồn Biên phòng Cửa khẩu Móng Cái (BĐBP Quảng Ninh) tổ chức hội nghị
sơ kết công tác quý III năm 2024, triển khai nhiệm vụ quý IV.
`;

const none: DocumentProfile = emptyProfile();

describe('buildProfile and documentTitle', () => {
  it.each<[string, string, string, string, Partial<DocumentProfile>]>([
    [
      'a party committee resolution with a header',
      'nq-306.txt',
      RESOLUTION,
      'Nghị quyết về lãnh đạo thực hiện nhiệm vụ năm 2025',
      {
        kind: 'nghị quyết',
        number: '306-NQ/ĐU',
        date: '2024-12-23',
        unit: 'Đảng ủy BĐBP tỉnh Kiên Giang',
        unitTypes: ['bdbp'],
        mentionedUnits: ['bdbp', 'don-bp', 'cap-uy'],
        provinces: ['Kiên Giang'],
        reviewedYears: [2024],
        planYears: [2025],
        years: [2024, 2025],
      },
    ],
    [
      'a news item with a headline',
      'tin-quang-ninh.txt',
      NEWS,
      'Đảng ủy BĐBP tỉnh Quảng Ninh tổng kết công tác năm 2022',
      {
        kind: 'tin',
        date: '2022-12-14',
        unit: 'Đảng ủy BĐBP tỉnh Quảng Ninh',
        unitTypes: ['bdbp'],
        mentionedUnits: ['bdbp'],
        provinces: ['Quảng Ninh'],
        reviewedYears: [2022],
        planYears: [2023],
        years: [2022, 2023],
      },
    ],
    [
      'a district UBND report',
      'bc-215.txt',
      DISTRICT_REPORT,
      'Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm 2024',
      {
        kind: 'báo cáo',
        number: '215/BC-UBND',
        date: '2024-06-28',
        unit: 'UBND huyện Tân Phú Đông',
        unitTypes: ['ubnd'],
        mentionedUnits: ['ubnd'],
        provinces: ['Tiền Giang'],
        localities: [{ level: 'huyện', name: 'Tân Phú Đông' }],
        reviewedYears: [2024],
        periods: ['6 tháng/2024'],
        years: [2024],
      },
    ],
    [
      'a department plan under its UBND',
      'kh-85.txt',
      HEALTH_PLAN,
      'Kế hoạch phòng, chống dịch bệnh truyền nhiễm năm 2025',
      {
        kind: 'kế hoạch',
        number: '85/KH-SYT',
        date: '2025-03-10',
        unit: 'Sở Y tế tỉnh Bắc Ninh',
        unitTypes: ['so', 'ubnd'],
        mentionedUnits: ['ubnd', 'so'],
        unitField: 'y te',
        provinces: ['Bắc Ninh'],
        planYears: [2025],
        years: [2025],
      },
    ],
    [
      'an official letter titled by its "V/v" subject',
      'cv-1234.txt',
      OFFICIAL_LETTER,
      'V/v tăng cường công tác phòng, chống dịch sốt xuất huyết',
      {
        kind: 'công văn',
        number: '1234/UBND-VX',
        date: '2024-08-05',
        unit: 'UBND tỉnh Lâm Đồng',
        unitTypes: ['ubnd'],
        mentionedUnits: ['ubnd', 'so'],
        provinces: ['Lâm Đồng'],
        // A letter sets work to do in its own year.
        planYears: [2024],
        years: [2024],
      },
    ],
    [
      'a military command review',
      'bc-45.txt',
      MILITARY_REPORT,
      'Báo cáo tổng kết công tác quân sự, quốc phòng địa phương năm 2024, phương hướng nhiệm vụ năm 2025',
      {
        kind: 'báo cáo',
        number: '45/BC-BCH',
        date: '2024-12-20',
        unit: 'Bộ CHQS tỉnh Ninh Thuận',
        unitTypes: ['chqs'],
        mentionedUnits: ['chqs', 'cap-uy', 'ubnd'],
        provinces: ['Ninh Thuận'],
        reviewedYears: [2024],
        planYears: [2025],
        years: [2024, 2025],
      },
    ],
    [
      'a border post news item for a quarter',
      'tin-mong-cai.txt',
      BORDER_POST,
      'Đồn Biên phòng Cửa khẩu Móng Cái sơ kết quý III/2024',
      {
        kind: 'tin',
        date: '2024-09-30',
        unit: 'Đồn Biên phòng Cửa khẩu Móng Cái (BĐBP tỉnh Quảng Ninh)',
        station: 'Cửa khẩu Móng Cái',
        unitTypes: ['don-bp'],
        mentionedUnits: ['don-bp', 'bdbp'],
        provinces: ['Quảng Ninh'],
        reviewedYears: [2024],
        periods: ['quý III/2024'],
        years: [2024],
      },
    ],
  ])('%s', (_name, file, text, title, expected) => {
    const got = read(file, text);
    expect(got.title).toBe(title);
    expect(got.profile).toEqual({ ...none, ...expected });
  });

  it("a quarter due after the report's date is planned, not reviewed", () => {
    const text = [
      'ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG',
      'Số: 298/BC-UBND',
      'Tân Phú Đông, ngày 04 tháng 12 năm 2024',
      '',
      'BÁO CÁO',
      'Tình hình kinh tế - xã hội năm 2024 và phương hướng, nhiệm vụ năm 2025',
      '',
      'Năm 2024, tổng giá trị sản xuất ước đạt 5.240 tỷ đồng, tăng 7,8%.',
      '',
      '- Giao Phòng Nông nghiệp chủ trì xây dựng đề án liên kết tiêu thụ dừa hữu cơ, hoàn thành trong quý II/2025.',
    ]
      .join('\n')
      .normalize('NFD');
    const { profile } = read('bc-298.txt', text);
    expect(profile.reviewedYears).toEqual([2024]);
    expect(profile.planYears).toEqual([2025]);
    expect(profile.plannedPeriods).toEqual(['quý II/2025']);
  });

  it.each<[string, string[], string]>([
    // A district's party committee under its province's party organization (two-column header).
    [
      'huyen-uy.txt',
      [
        'ĐẢNG BỘ TỈNH NAM ĐỊNH             ĐẢNG CỘNG SẢN VIỆT NAM',
        'HUYỆN ỦY HẢI HẬU',
        'Số: 41-NQ/HU                      Hải Hậu, ngày 20 tháng 12 năm 2024',
        'NGHỊ QUYẾT',
        'về phương hướng, nhiệm vụ năm 2025',
        'Ngày 18/12/2024, Ban Chấp hành Đảng bộ huyện Hải Hậu tổ chức Hội nghị lần thứ 28.',
      ],
      'Huyện ủy Hải Hậu',
    ],
    [
      'thanh-uy.txt',
      [
        'ĐẢNG BỘ TỈNH QUẢNG NINH',
        'THÀNH UỶ UÔNG BÍ',
        'Số: 11-CT/TU',
        'CHỈ THỊ',
        'về lãnh đạo công tác tuyển quân năm 2025',
        'Năm 2024, dưới sự lãnh đạo của Ban Thường vụ Thành ủy, thành phố đã giao 186 công dân nhập ngũ.',
      ],
      'Thành ủy Uông Bí',
    ],
    // Mass organizations' reports name their own unit, not the party committee they report to.
    [
      'hnd.txt',
      [
        'Hội Nông dân tỉnh Thái Bình tổng kết công tác Hội năm 2024',
        'Ngày 24/12/2024, Hội Nông dân tỉnh Thái Bình tổ chức hội nghị tổng kết. Dự có đồng chí Phó Bí thư Tỉnh ủy.',
        'Các cấp Hội đã bám sát sự chỉ đạo của Tỉnh ủy, hoàn thành 12/12 chỉ tiêu.',
      ],
      'Hội Nông dân tỉnh Thái Bình',
    ],
    [
      'tinh-doan.txt',
      [
        'TỈNH ĐOÀN HÀ GIANG',
        'Số: 268-BC/TĐTN-VP',
        'BÁO CÁO',
        'Tổng kết công tác Đoàn và phong trào thanh thiếu nhi năm 2024',
        'Năm 2024, Ban Chấp hành Tỉnh đoàn bám sát sự lãnh đạo của Tỉnh ủy.',
      ],
      'Tỉnh đoàn Hà Giang',
    ],
    // A department by its field as written, whichever field it is.
    [
      'so-ldtbxh.txt',
      [
        'UBND TỈNH NGHỆ AN',
        'SỞ LAO ĐỘNG, THƯƠNG BINH VÀ XÃ HỘI',
        'Số: 120/KH-SLĐTBXH',
        'KẾ HOẠCH',
        'Giải quyết việc làm năm 2025',
      ],
      'Sở Lao động, Thương binh và Xã hội tỉnh Nghệ An',
    ],
  ])('%s: the unit is %j', (file, lines, unit) => {
    for (const input of [lines.join('\n'), lines.join('\n').normalize('NFD')])
      expect(read(file, input).profile.unit).toBe(unit);
  });

  it("a station's quarterly report: its station in the unit, the quarter reviewed and the next planned", () => {
    const text = [
      'BỘ CHỈ HUY BĐBP TỈNH QUẢNG NINH',
      'ĐỒN BIÊN PHÒNG CỬA KHẨU CẢNG HÒN GAI',
      'Số: 327/BC-ĐBP',
      'Quảng Ninh, ngày 28 tháng 9 năm 2024',
      'BÁO CÁO',
      'Sơ kết công tác quý III, phương hướng nhiệm vụ quý IV năm 2024',
      'I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ III/2024',
      'Đồn đã làm thủ tục biên phòng cho 412 lượt tàu biển nước ngoài.',
      'II. PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ IV/2024',
      '- Duy trì nghiêm chế độ trực SSCĐ.',
    ].join('\n');
    for (const input of [text, text.normalize('NFD')]) {
      const { profile } = read('don-bp.txt', input);
      expect(profile.unit).toBe('Đồn Biên phòng Cửa khẩu cảng Hòn Gai (BĐBP tỉnh Quảng Ninh)');
      expect(profile.station).toBe('Cửa khẩu cảng Hòn Gai');
      // "Kết quả thực hiện nhiệm vụ quý III" reports on the quarter: it is not planned.
      expect(profile.periods).toEqual(['quý III/2024']);
      expect(profile.plannedPeriods).toEqual(['quý IV/2024']);
    }
  });

  it.each([
    ['a ward', 'PHƯỜNG BẢO AN'],
    ['a district', 'HUYỆN CẦN GIỜ'],
    ['a province', 'TỈNH KHÁNH HÒA'],
  ])(
    'an issuer on two lines (%s): its place is no title, the letter is titled by its subject',
    (_n, place) => {
      // A real dispatch's header: "ỦY BAN NHÂN DÂN" / "PHƯỜNG BẢO AN" beside the motto.
      const letter = fs
        .readFileSync(
          path.join(
            __dirname,
            '../../eval/genre/part-d/docs/ubnd-phuong-bao-an-cong-van-ung-pho-mua-lu-2025.txt',
          ),
          'utf8',
        )
        .replace('PHƯỜNG BẢO AN', place);
      for (const input of [letter, letter.normalize('NFD')])
        expect(read('cv.txt', input).title).toBe(
          'V/v triển khai các biện pháp cấp bách ứng phó mưa lớn, ngập úng và sạt lở bờ sông Dinh',
        );
    },
  );

  it('an official letter plans the year its subject names, as a plan does (NFD too)', () => {
    const text = [
      'ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ',
      'Số: 2150/UBND-NN',
      'V/v triển khai công tác phòng, chống thiên tai mùa mưa bão năm 2025',
      'Quảng Trị, ngày 20 tháng 8 năm 2025',
      'Kính gửi: các sở, ban, ngành.',
      'Để chủ động ứng phó với mùa mưa bão, UBND tỉnh yêu cầu các sở thực hiện các nội dung sau.',
    ].join('\n');
    for (const input of [text, text.normalize('NFD')]) {
      const { profile } = read('cv.txt', input);
      expect(profile.kind).toBe('công văn');
      expect(profile.planYears).toContain(2025);
    }
  });

  it('takes the title from the kind line and its subject', () => {
    // The star under the issuer is no block: the kind line is the sixth.
    expect(read('nq-306.txt', RESOLUTION).used).toEqual([5, 6]);
  });

  it.each([
    ['resolution', RESOLUTION],
    ['news item', NEWS],
    ['district report', DISTRICT_REPORT],
  ])('reads the NFD %s like the NFC one', (_name, text) => {
    expect(read('x.txt', text.normalize('NFD'))).toEqual(read('x.txt', text));
  });

  it('takes the province of the sample report from its file name and makes a title from its unit', () => {
    const got = read(SEED_FILE, fs.readFileSync(SEED_FILE, 'utf8'));
    expect(got.title).toBe('Đảng ủy BĐBP tỉnh Ninh Thuận: kết quả năm 2024, phương hướng năm 2025');
    expect(got.used).toEqual([]);
    expect(got.profile).toEqual({
      ...none,
      unit: 'Đảng ủy BĐBP tỉnh Ninh Thuận',
      unitTypes: ['bdbp'],
      mentionedUnits: ['bdbp', 'cap-uy', 'ubnd', 'hdnd'],
      provinces: ['Ninh Thuận'],
      reviewedYears: [2024],
      planYears: [2025],
      years: [2024, 2025],
    });
  });

  it('keeps "hòa bình" (peace) from being a province and falls back to the file name as title', () => {
    const got = read(
      'ghi-chep.txt',
      'Năm 2024 hòa bình được giữ vững ở biên giới. Mọi người đều vui mừng và phấn khởi, tiếp tục thi đua.',
    );
    expect(got.title).toBe('tên tệp');
    expect(got.profile).toEqual({ ...none, reviewedYears: [2024], years: [2024] });
  });
});
