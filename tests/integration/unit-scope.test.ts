/**
 * Every province has a farmers' union, a youth union, a women's union and district party committees,
 * and their reports read alike. A question naming one of them is answered from its documents only,
 * and "not found" when the archive holds another unit of the same place.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../helpers/temp-dir';
import { ingestedApp, type TempApp } from '../helpers/temp-app';

const part = (name: string) => path.join(PROJECT_ROOT, `eval/genre/part-${name}/docs`);
const DOCS = part('c');
/** A report of the development set, copied into the archive under its own name. */
const copy = (file: string, dir = DOCS) => ({ [file]: { copy: path.join(dir, file) } });
const REPORTS = {
  ...copy('hoi-nong-dan-thai-binh-tong-ket-2024.txt'),
  ...copy('hoi-nong-dan-nam-dinh-tong-ket-2024.txt'),
  ...copy('tinh-doan-ha-giang-tong-ket-2024.txt'),
  ...copy('huyen-uy-hai-hau-nghi-quyet-2025.txt'),
};

let temp: TempApp;
beforeAll(async () => {
  temp = await ingestedApp(REPORTS);
});
afterAll(async () => {
  await temp.close();
});

test.each([
  // Another unit of a place the archive holds reports of.
  ['Tỉnh đoàn Thái Bình chỉ tiêu năm 2024', 'Tỉnh đoàn'],
  ['tinh doan thai binh ket nap bao nhieu doan vien nam 2024', 'Tỉnh đoàn'],
  ['Hội LHPN tỉnh Nam Định tổng kết 2024 ai chủ trì', 'Hội LHPN'],
  ['hội nông dân hà giang năm 2024 kết nạp bao nhiêu hội viên', 'Hội Nông dân'],
  // Another district of the same province.
  ['Huyện ủy Giao Thủy chỉ tiêu thu ngân sách năm 2025', 'Giao Thủy'],
])('%s: not found, and said so', async (question, named) => {
  const res = await temp.app.engine.ask(question);
  expect(res.found).toBe(false);
  expect(res.results).toEqual([]);
  expect(res.scope?.message).toContain(named);
});

test.each([
  ['Hội Nông dân Thái Bình chỉ tiêu năm 2025', 'hoi-nong-dan-thai-binh-tong-ket-2024.txt'],
  ['hnd nam dinh tong ket 2024 ai chu tri', 'hoi-nong-dan-nam-dinh-tong-ket-2024.txt'],
  ['Tỉnh đoàn Hà Giang kết nạp bao nhiêu đoàn viên mới năm 2024', 'tinh-doan-ha-giang-tong-ket-2024.txt'],
  ['huyen uy hai hau chi tieu thu ngan sach 2025', 'huyen-uy-hai-hau-nghi-quyet-2025.txt'],
])('%s: answered from its own unit', async (question, file) => {
  const res = await temp.app.engine.ask(question);
  expect(res.found).toBe(true);
  for (const r of res.results) expect(path.basename(r.source.file)).toBe(file);
});

describe('a kind of document named is a preference, not a wall', () => {
  const A = part('a');
  let nghean: TempApp;
  beforeAll(async () => {
    nghean = await ingestedApp({
      ...copy('bchqs-nghe-an-tong-ket-2024.txt', A),
      ...copy('bchqs-nghe-an-ke-hoach-huan-luyen-2025.txt', A),
    });
  });
  afterAll(async () => {
    await nghean.close();
  });

  test.each([
    'kế hoạch kỷ niệm 80 năm QĐND của Nghệ An phải xong trước ngày nào',
    'ke hoach ky niem 80 nam QDND cua Nghe An phai xong truoc ngay nao',
  ])('%s: a plan a report tells of is found in the report', async (question) => {
    const res = await nghean.app.engine.ask(question);
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe('bchqs-nghe-an-tong-ket-2024.txt');
    expect(res.results[0]!.text).toContain('15/10/2025');
  });
});

describe('communes and wards, the local level since 1 July 2025', () => {
  const D = part('d');
  let local: TempApp;
  beforeAll(async () => {
    const files = [
      'dang-uy-phuong-bao-an-nghi-quyet-dai-hoi-2025.txt',
      'dang-uy-phuong-phu-thuy-nghi-quyet-dai-hoi-2025.txt',
      'ubnd-xa-thanh-thuy-bao-cao-so-ket-9-thang-2025.txt',
      'ubnd-phuong-bao-an-cong-van-ung-pho-mua-lu-2025.txt',
    ];
    local = await ingestedApp(Object.fromEntries(files.map((f) => [f, { copy: path.join(D, f) }])));
  });
  afterAll(async () => {
    await local.close();
  });

  test.each([
    // Another ward of the same province, a former district the report only mentions.
    ['nghị quyết đại hội Đảng bộ phường Đô Vinh nhiệm kỳ 2025-2030 chỉ tiêu thu nhập bình quân', 'Đô Vinh'],
    ['UBND huyện Vị Xuyên báo cáo 9 tháng năm 2025 thu ngân sách bao nhiêu', 'Vị Xuyên'],
  ])('%s: not found', async (question, named) => {
    const res = await local.app.engine.ask(question);
    expect(res.found).toBe(false);
    expect(res.scope?.message).toContain(named);
  });

  test.each([
    [
      'phường Bảo An nhiệm kỳ 2025-2030 kết nạp bao nhiêu đảng viên',
      'dang-uy-phuong-bao-an-nghi-quyet-dai-hoi-2025.txt',
    ],
    [
      'phu thuy nhiem ky 2025-2030 ket nap bao nhieu dang vien moi',
      'dang-uy-phuong-phu-thuy-nghi-quyet-dai-hoi-2025.txt',
    ],
    [
      'cong van 1462 phuong bao an giao cong an phuong lam gi',
      'ubnd-phuong-bao-an-cong-van-ung-pho-mua-lu-2025.txt',
    ],
    // The ward's police, named with the ward, in what the ward's committee sets them to do.
    ['cong an phuong bao an ung pho mua lu', 'ubnd-phuong-bao-an-cong-van-ung-pho-mua-lu-2025.txt'],
  ])('%s: answered from its own ward', async (question, file) => {
    const res = await local.app.engine.ask(question);
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe(file);
  });

  test.each([
    // The congress that opened the term asked, not the next one reviewing it.
    [
      'Đại hội Đảng bộ phường Bảo An nhiệm kỳ 2020-2025 bầu ai làm bí thư',
      'Chưa có tài liệu nào về Đảng ủy phường Bảo An nhiệm kỳ 2020–2025.',
    ],
    // The year's review, not the report on its first nine months; the name as the documents write it.
    [
      'bao cao tong ket nam 2025 cua ubnd xa thanh thuy so may',
      'Chưa có tài liệu nào về UBND xã Thanh Thủy cả năm 2025.',
    ],
    [
      'Báo cáo tổng kết công tác năm 2025 của UBND xã Thanh Thủy'.normalize('NFD'),
      'Chưa có tài liệu nào về UBND xã Thanh Thủy cả năm 2025.',
    ],
    // A ward the archive does not hold, typed any way, is not answered from a neighbour's dispatch.
    [
      'cong van ung pho mua lu thang 11/2025 cua ubnd phuong do vinh so may',
      'Chưa có tài liệu nào về UBND phường Do Vinh.',
    ],
    [
      'công văn ứng phó mưa lũ tháng 11/2025 của UBND phường Đô Vinh số mấy',
      'Chưa có tài liệu nào về UBND phường Đô Vinh.',
    ],
  ])('%s: not found, and which period or place is missing', async (question, message) => {
    const res = await local.app.engine.ask(question);
    expect(res.found).toBe(false);
    expect(res.results).toEqual([]);
    expect(res.scope?.message).toBe(message);
  });

  test.each([
    // Without a congress named, a term is reviewed by the next congress's resolution.
    [
      'nhiem ky 2020-2025 dang bo phuong bao an dat ket qua gi',
      'dang-uy-phuong-bao-an-nghi-quyet-dai-hoi-2025.txt',
    ],
    [
      'Đại hội Đảng bộ phường Bảo An nhiệm kỳ 2025–2030 kết nạp bao nhiêu đảng viên',
      'dang-uy-phuong-bao-an-nghi-quyet-dai-hoi-2025.txt',
    ],
    [
      'UBND xã Thanh Thủy 9 tháng đầu năm 2025 thu ngân sách bao nhiêu',
      'ubnd-xa-thanh-thuy-bao-cao-so-ket-9-thang-2025.txt',
    ],
  ])('%s: answered from its own period', async (question, file) => {
    const res = await local.app.engine.ask(question);
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe(file);
  });

  test('their units are named with the commune or ward', async () => {
    const units = local.app
      .documents()
      .map((d) => d.profile.unit)
      .sort();
    expect(units).toEqual([
      'UBND phường Bảo An',
      'UBND xã Thanh Thủy',
      'Đảng ủy phường Bảo An',
      'Đảng ủy phường Phú Thủy',
    ]);
  });
});

describe("a province's council and its executive: each one's documents tell of the other", () => {
  const B = part('b');
  let khanhHoa: TempApp;
  beforeAll(async () => {
    khanhHoa = await ingestedApp({
      ...copy('ubnd-khanh-hoa-ke-hoach-thien-tai-2025.txt', B),
      ...copy('hdnd-khanh-hoa-ky-hop-chuyen-de-2025.txt', B),
    });
  });
  afterAll(async () => {
    await khanhHoa.close();
  });

  test.each([
    // The UBND's departments after the reorganization are told in the HĐND's session, not in the UBND's plan.
    [
      'sau sắp xếp năm 2025 UBND tỉnh Khánh Hòa còn bao nhiêu sở',
      'hdnd-khanh-hoa-ky-hop-chuyen-de-2025.txt',
      '14 sở',
    ],
    [
      'sau sap xep nam 2025 ubnd tinh khanh hoa con bao nhieu so',
      'hdnd-khanh-hoa-ky-hop-chuyen-de-2025.txt',
      '14 sở',
    ],
    // What the UBND's own plan says still comes from it first.
    [
      'UBND tỉnh Khánh Hòa kiểm tra an toàn bao nhiêu hồ chứa năm 2025',
      'ubnd-khanh-hoa-ke-hoach-thien-tai-2025.txt',
      '112 hồ',
    ],
  ])('%s: found in %s', async (question, file, text) => {
    const res = await khanhHoa.app.engine.ask(question);
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe(file);
    expect(res.results[0]!.text).toContain(text);
  });

  test.each([
    'Công an tỉnh Khánh Hòa năm 2025 còn bao nhiêu phòng',
    'Tỉnh ủy Khánh Hòa năm 2025 còn bao nhiêu ban đảng',
  ])('%s: another unit of the province is not found', async (question) => {
    const res = await khanhHoa.app.engine.ask(question);
    expect(res.found).toBe(false);
    expect(res.results).toEqual([]);
  });
});

describe('a former place in parentheses: where the commune or ward used to belong', () => {
  const D = part('d');
  let archive: TempApp;
  beforeAll(async () => {
    archive = await ingestedApp({
      // Trần Lãm is a ward of Hưng Yên since 1 July 2025, formed in the former city of Thái Bình.
      ...copy('hdnd-phuong-tran-lam-tin-ky-hop-cuoi-nam-2025.txt', D),
      ...copy('hoi-nong-dan-thai-binh-tong-ket-2024.txt'),
    });
  });
  afterAll(async () => {
    await archive.close();
  });

  test.each([
    'tran lam (thanh pho thai binh cu) nam 2025 thu ngan sach dat bao nhieu',
    'phường Trần Lãm (thành phố Thái Bình cũ) năm 2025 thu ngân sách đạt bao nhiêu',
    'phường Trần Lãm (thành phố Thái Bình cũ) năm 2025 thu ngân sách đạt bao nhiêu'.normalize('NFD'),
  ])('%s: the ward, not the old province', async (question) => {
    const res = await archive.app.engine.ask(question);
    expect(res.found).toBe(true);
    for (const r of res.results)
      expect(path.basename(r.source.file)).toBe('hdnd-phuong-tran-lam-tin-ky-hop-cuoi-nam-2025.txt');
    expect(res.results.some((r) => r.text.includes('398,6 tỷ đồng'))).toBe(true);
  });

  test('another ward of the former city is not found', async () => {
    const res = await archive.app.engine.ask(
      'phường Đề Thám (thành phố Thái Bình cũ) năm 2025 thu ngân sách bao nhiêu',
    );
    expect(res.found).toBe(false);
    expect(res.scope?.message).toContain('Đề Thám');
  });

  test('a former place alone still scopes the question', async () => {
    const res = await archive.app.engine.ask(
      '(tỉnh Thái Bình cũ) Hội Nông dân năm 2024 kết nạp bao nhiêu hội viên',
    );
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe('hoi-nong-dan-thai-binh-tong-ket-2024.txt');
  });
});

describe('a former district the archive also has documents of', () => {
  const D = part('d');
  let archive: TempApp;
  beforeAll(async () => {
    archive = await ingestedApp({
      ...copy('huyen-uy-hai-hau-thong-bao-ket-luan-quy-1-2025.txt'),
      ...copy('dang-uy-xa-hai-thinh-thong-bao-ket-luan-quy-1-2026.txt', D),
    });
  });
  afterAll(async () => {
    await archive.close();
  });

  test.each([
    'xã Hải Thịnh (huyện Hải Hậu cũ) thu ngân sách quý I được bao nhiêu',
    'xa hai thinh (huyen hai hau cu) thu ngan sach quy I duoc bao nhieu',
  ])('%s: the commune only, not the district it was part of', async (question) => {
    const res = await archive.app.engine.ask(question);
    expect(res.found).toBe(true);
    for (const r of res.results)
      expect(path.basename(r.source.file)).toBe('dang-uy-xa-hai-thinh-thong-bao-ket-luan-quy-1-2026.txt');
    expect(res.results.some((r) => r.text.includes('21,7 tỷ đồng'))).toBe(true);
  });

  test.each([
    'thông báo kết luận 58-TB/ĐU giao công an xã hải thịnh nhiệm vụ gì',
    'THONG BAO KET LUAN SO 58 GIAO CONG AN XA HAI THINH NHIEM VU GI',
  ])('%s: the task, not the header where the number is written', async (question) => {
    const res = await archive.app.engine.ask(question, { top: 3 });
    expect(res.found).toBe(true);
    expect(res.results[0]!.text).toMatch(/^c\) Giao Công an xã chủ trì/u);
    // The header names the number and little else the question asks.
    expect(res.results.slice(0, 2).some((r) => r.text.includes('Số: 58-TB/ĐU'))).toBe(false);
  });

  test('the district asked about itself is still its own', async () => {
    const res = await archive.app.engine.ask('Huyện ủy Hải Hậu quý I năm 2025 thu ngân sách được bao nhiêu');
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe(
      'huyen-uy-hai-hau-thong-bao-ket-luan-quy-1-2025.txt',
    );
  });
});

describe("a district's own unit: not the province's report that names the district", () => {
  let province: TempApp;
  beforeAll(async () => {
    province = await ingestedApp(copy('duqs-ha-tinh-so-ket-6-thang-2024.txt', part('a')));
  });
  afterAll(async () => {
    await province.close();
  });

  test.each([
    ['Ban CHQS huyện Hương Sơn 6 tháng đầu 2024 giao bao nhiêu quân', 'Ban CHQS huyện Hương Sơn'],
    ['ban chqs huyen vu quang 6 thang dau nam 2024 ket qua huan luyen', 'Ban CHQS huyện Vu Quang'],
    ['Công an huyện Hương Sơn 6 tháng đầu năm 2024'.normalize('NFD'), 'Công an huyện Hương Sơn'],
  ])('%s: not found, and said so', async (question, named) => {
    const res = await province.app.engine.ask(question);
    expect(res.found).toBe(false);
    expect(res.results).toEqual([]);
    expect(res.scope?.message).toBe(`Chưa có tài liệu nào về ${named}.`);
  });

  test.each([
    // The district itself, what its unit is set to do, or the province's own report.
    'huyện Hương Sơn diễn tập khu vực phòng thủ đạt loại gì',
    'Ban CHQS huyện Vũ Quang được giao nhiệm vụ gì trong 6 tháng cuối năm 2024',
    'Bộ CHQS tỉnh Hà Tĩnh 6 tháng đầu 2024 giao bao nhiêu công dân nhập ngũ',
  ])('%s: answered from the province', async (question) => {
    const res = await province.app.engine.ask(question);
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe('duqs-ha-tinh-so-ket-6-thang-2024.txt');
  });
});

describe("a council's two sessions a year: the one asked, by when it was held", () => {
  let council: TempApp;
  beforeAll(async () => {
    council = await ingestedApp(copy('hdnd-phuong-tran-lam-tin-ky-hop-cuoi-nam-2025.txt', part('d')));
  });
  afterAll(async () => {
    await council.close();
  });

  test.each([
    [
      'hdnd phuong tran lam ky hop giua nam 2026 thong qua bao nhieu nghi quyet',
      'HĐND phường Trần Lãm giữa năm 2026',
    ],
    [
      'Kỳ họp thường lệ giữa năm 2025 của HĐND phường Trần Lãm quyết định gì',
      'HĐND phường Trần Lãm giữa năm 2025',
    ],
  ])('%s: not the year-end session', async (question, named) => {
    const res = await council.app.engine.ask(question);
    expect(res.found).toBe(false);
    expect(res.scope?.message).toBe(`Chưa có tài liệu nào về ${named}.`);
  });

  test.each([
    'HĐND phường Trần Lãm kỳ họp cuối năm 2025 thông qua bao nhiêu nghị quyết',
    'hdnd phuong tran lam ky hop cuoi nam 2025 thong qua bao nhieu nghi quyet',
  ])('%s: answered', async (question) => {
    const res = await council.app.engine.ask(question);
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe(
      'hdnd-phuong-tran-lam-tin-ky-hop-cuoi-nam-2025.txt',
    );
  });
});

describe("a border station's report answers about that station only", () => {
  let station: TempApp;
  beforeAll(async () => {
    station = await ingestedApp(copy('don-bp-hon-gai-quy-3-2024.txt', part('a')));
  });
  afterAll(async () => {
    await station.close();
  });

  test.each([
    ['Đồn Biên phòng Cửa khẩu Móng Cái quý III/2024 làm thủ tục cho bao nhiêu lượt tàu', 'Cửa khẩu Móng Cái'],
    ['Đồn BP Bình Châu quý 3/2024 làm thủ tục cho bao nhiêu lượt tàu'.normalize('NFD'), 'Bình Châu'],
  ])('%s: another station, not found', async (question, named) => {
    const res = await station.app.engine.ask(question);
    expect(res.found).toBe(false);
    expect(res.results).toEqual([]);
    expect(res.scope?.message).toBe(`Chưa có tài liệu nào về Đồn Biên phòng ${named}.`);
  });

  test.each([
    'Đồn Biên phòng Cửa khẩu cảng Hòn Gai quý III/2024 làm thủ tục cho bao nhiêu lượt tàu',
    'don bien phong hon gai quy 3/2024 lam thu tuc cho bao nhieu luot tau',
    'Đồn Biên phòng làm thủ tục cho bao nhiêu lượt tàu quý III/2024',
  ])('%s: answered', async (question) => {
    const res = await station.app.engine.ask(question);
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe('don-bp-hon-gai-quy-3-2024.txt');
  });

  // The report on the third quarter plans the fourth: what to do in it, not what was done.
  test.each([
    'Đồn Biên phòng Hòn Gai quý 4/2024 làm thủ tục cho bao nhiêu tàu',
    'DON BIEN PHONG HON GAI QUY IV/2024 KIEM SOAT BAO NHIEU LUOT KHACH',
    'Đồn Biên phòng Hòn Gai báo cáo quý IV/2024'.normalize('NFD'),
  ])('%s: a figure of a quarter only planned, not found', async (question) => {
    const res = await station.app.engine.ask(question);
    expect(res.found).toBe(false);
    expect(res.scope?.message).toMatch(/^Chưa có tài liệu nào về Đồn Biên phòng .*Hòn Gai quý IV\/2024\.$/);
  });

  test.each([
    'quý 4/2024 đồn hòn gai cần làm gì',
    'Đồn Biên phòng Hòn Gai quý IV/2024 phải làm những gì?',
    'đồn hòn gai quý 4/2024 phải kiểm soát bao nhiêu phương tiện nghi vấn',
  ])('%s: what the quarter planned, answered', async (question) => {
    const res = await station.app.engine.ask(question);
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe('don-bp-hon-gai-quy-3-2024.txt');
  });
});

describe("a commune's own units: the one named with the commune, not the committee whose meeting names it", () => {
  const D = part('d');
  let communes: TempApp;
  beforeAll(async () => {
    communes = await ingestedApp({
      ...copy('ubnd-xa-quang-tin-tin-hoi-nghi-tong-ket-2025.txt', D),
      ...copy('cong-an-xa-minh-tan-tin-hoi-nghi-tong-ket-2025.txt', D),
    });
  });
  afterAll(async () => {
    await communes.close();
  });

  test.each([
    // The commune committee's conference names the police; the police's conference names the committee.
    ['Công an xã Quảng Tín tổng kết năm 2025 ai chủ trì', 'Chưa có tài liệu nào về Công an xã Quảng Tín.'],
    ['cong an xa quang tin tong ket 2025 ai chu tri', 'Chưa có tài liệu nào về Công an xã Quảng Tín.'],
    [
      'UBND xã Minh Tân tổng kết 2025 ai chủ trì'.normalize('NFD'),
      'Chưa có tài liệu nào về UBND xã Minh Tân.',
    ],
    ['MẶT TRẬN TỔ QUỐC XÃ QUẢNG TÍN TỔNG KẾT 2025', 'Chưa có tài liệu nào về Ủy ban MTTQ xã Quảng Tín.'],
  ])('%s: not found, and said so', async (question, message) => {
    const res = await communes.app.engine.ask(question);
    expect(res.found).toBe(false);
    expect(res.results).toEqual([]);
    expect(res.scope?.message).toBe(message);
  });

  test.each([
    ['UBND xã Quảng Tín tổng kết 2025 ai chủ trì', 'ubnd-xa-quang-tin-tin-hoi-nghi-tong-ket-2025.txt'],
    [
      'ai của Sở Nông nghiệp và Môi trường dự tổng kết của xã Quảng Tín',
      'ubnd-xa-quang-tin-tin-hoi-nghi-tong-ket-2025.txt',
    ],
    [
      'Công an tỉnh có ai dự hội nghị tổng kết của xã Quảng Tín',
      'ubnd-xa-quang-tin-tin-hoi-nghi-tong-ket-2025.txt',
    ],
    ['cong an xa minh tan tong ket 2025 ai chu tri', 'cong-an-xa-minh-tan-tin-hoi-nghi-tong-ket-2025.txt'],
  ])('%s: answered from its own unit', async (question, file) => {
    const res = await communes.app.engine.ask(question);
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe(file);
  });

  test.each([
    'xã Quảng Tín tổng kết năm 2025 khách mời gồm những ai',
    'Khách mời hội nghị tổng kết của xã Quảng Tín là ai?'.normalize('NFD'),
    'khach moi tong ket 2025 xa quang tin gom nhung ai',
  ])('guests asked for are those who attended: %s', async (question) => {
    const res = await communes.app.engine.ask(question);
    expect(res.found).toBe(true);
    expect(res.answer?.kind).toBe('attendee');
    expect(res.answer?.text).toMatch(/L[eê] Tr[oọ]ng Khi[eê]m/);
    expect(path.basename(res.results[0]!.source.file)).toBe(
      'ubnd-xa-quang-tin-tin-hoi-nghi-tong-ket-2025.txt',
    );
  });
});

describe('a station named "Cửa …" (a river mouth) is a place of its own', () => {
  const CUA_VIET = [
    'BỘ CHỈ HUY BĐBP TỈNH QUẢNG TRỊ',
    'ĐỒN BIÊN PHÒNG CỬA VIỆT',
    'Số: 215/BC-ĐBP                      Gio Linh, ngày 25 tháng 9 năm 2024',
    '',
    'BÁO CÁO',
    'Kết quả công tác biên phòng quý III năm 2024',
    '',
    'Quý III/2024, Đồn đã làm thủ tục biên phòng cho 1.240 lượt tàu cá ra,',
    'vào cửa sông Cửa Việt với 6.350 lượt ngư dân; phát hiện, xử lý 7 vụ vi',
    'phạm quy định về khai thác thủy sản.',
    '',
  ].join('\n');
  let stations: TempApp;
  beforeAll(async () => {
    stations = await ingestedApp({
      ...copy('don-bp-hon-gai-quy-3-2024.txt', part('a')),
      'don-bp-cua-viet-quy-3-2024.txt': CUA_VIET,
    });
  });
  afterAll(async () => {
    await stations.close();
  });

  test.each([
    'Đồn Biên phòng Cửa Việt quý III/2024 làm thủ tục cho bao nhiêu lượt tàu',
    'Đồn BP Cửa Việt quý 3/2024 làm thủ tục cho bao nhiêu lượt tàu'.normalize('NFD'),
  ])('%s: answered from that station only', async (question) => {
    const res = await stations.app.engine.ask(question);
    expect(res.found).toBe(true);
    for (const r of res.results) expect(path.basename(r.source.file)).toBe('don-bp-cua-viet-quy-3-2024.txt');
  });

  test('another "Cửa …" station is not found, and named', async () => {
    const res = await stations.app.engine.ask(
      'Đồn Biên phòng Cửa Tùng quý III/2024 làm thủ tục cho bao nhiêu lượt tàu',
    );
    expect(res.found).toBe(false);
    expect(res.scope?.message).toBe('Chưa có tài liệu nào về Đồn Biên phòng Cửa Tùng.');
  });

  test('the Hòn Gai station still answers about itself', async () => {
    const res = await stations.app.engine.ask(
      'Đồn Biên phòng Cửa khẩu cảng Hòn Gai quý III/2024 làm thủ tục cho bao nhiêu lượt tàu',
    );
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe('don-bp-hon-gai-quy-3-2024.txt');
  });
});

describe('a question asking for a figure is not answered by a passage without one', () => {
  let archive: TempApp;
  beforeAll(async () => {
    archive = await ingestedApp({
      ...copy('bdbp-binh-thuan-so-ket-6-thang-2025.txt', part('a')),
      ...copy('bdbp-kien-giang-nghi-quyet-2025.txt', part('a')),
    });
  });
  afterAll(async () => {
    await archive.close();
  });

  test.each([
    'lương của chỉ huy trưởng BĐBP Bình Thuận là bao nhiêu',
    'LUONG CUA CHI HUY TRUONG BDBP BINH THUAN LA BAO NHIEU',
    'chính ủy BĐBP Bình Thuận được bao nhiêu tuổi'.normalize('NFD'),
  ])('%s: not found', async (question) => {
    const res = await archive.app.engine.ask(question);
    expect(res.found).toBe(false);
    expect(res.results).toEqual([]);
  });

  test.each([
    [
      'BĐBP Bình Thuận 6 tháng đầu năm 2025 kiểm soát bao nhiêu lượt tàu cá',
      'bdbp-binh-thuan-so-ket-6-thang-2025.txt',
    ],
    // A Roman numeral is a figure: "lần thứ XI".
    ['dai hoi dang bo bdbp kien giang nhiem ky 2025-2030 lan thu may', 'bdbp-kien-giang-nghi-quyet-2025.txt'],
  ])('%s: answered', async (question, file) => {
    const res = await archive.app.engine.ask(question);
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe(file);
  });
});

describe('units shortened as people do in a chat', () => {
  let archive: TempApp;
  beforeAll(async () => {
    archive = await ingestedApp({
      ...copy('bdbp-kien-giang-tong-ket-2023.txt', part('a')),
      ...copy('cong-an-xa-minh-tan-ke-hoach-2026.txt', part('d')),
      ...copy('ubnd-da-nang-tong-ket-2024.txt', part('b')),
    });
  });
  afterAll(async () => {
    await archive.close();
  });

  test.each([
    ['CA tỉnh Kiên Giang tổng kết 2023 bắt bao nhiêu vụ', 'Công an tỉnh Kiên Giang'],
    ['CA tinh kien giang nam 2023 bat bao nhieu vu', 'Công an tỉnh Kiên Giang'],
    ['HU Kiên Lương nghị quyết 2023'.normalize('NFD'), 'Huyện ủy Kiên Lương'],
  ])("%s: not the Border Guard's report", async (question, named) => {
    const res = await archive.app.engine.ask(question);
    expect(res.found).toBe(false);
    expect(res.results).toEqual([]);
    expect(res.scope?.message).toContain(named);
  });

  test.each([
    ['CAX Minh Tân kế hoạch 2026 chỉ tiêu thu hồi vũ khí', 'cong-an-xa-minh-tan-ke-hoach-2026.txt'],
    ['Chủ tịch UBND Đà Nẵng giao Sở KH&ĐT nhiệm vụ gì năm 2025', 'ubnd-da-nang-tong-ket-2024.txt'],
    ['BĐBP Kiên Giang năm 2023 bắt giữ bao nhiêu vụ', 'bdbp-kien-giang-tong-ket-2023.txt'],
  ])('%s: answered from its unit', async (question, file) => {
    const res = await archive.app.engine.ask(question);
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe(file);
  });
});

describe("a council's thematic session is not its regular one", () => {
  let council: TempApp;
  beforeAll(async () => {
    council = await ingestedApp({
      ...copy('hdnd-khanh-hoa-ky-hop-2024.txt', part('b')),
      ...copy('hdnd-khanh-hoa-ky-hop-chuyen-de-2025.txt', part('b')),
    });
  });
  afterAll(async () => {
    await council.close();
  });

  test.each([
    ['HĐND tỉnh Khánh Hòa kỳ họp chuyên đề 2024', 'HĐND tỉnh Khánh Hòa kỳ họp chuyên đề năm 2024'],
    [
      'hdnd khanh hoa ky hop chuyen de nam 2024 thong qua may nghi quyet',
      'HĐND tỉnh Khánh Hòa kỳ họp chuyên đề năm 2024',
    ],
    [
      'Kỳ họp thường lệ tháng 2/2025 của HĐND tỉnh Khánh Hòa thông qua mấy nghị quyết'.normalize('NFD'),
      'HĐND tỉnh Khánh Hòa năm 2025',
    ],
  ])('%s: not the other session', async (question, named) => {
    const res = await council.app.engine.ask(question);
    expect(res.found).toBe(false);
    expect(res.scope?.message).toBe(`Chưa có tài liệu nào về ${named}.`);
  });

  test.each([
    ['HĐND Khánh Hòa kỳ họp chuyên đề thông qua mấy nghị quyết', 'hdnd-khanh-hoa-ky-hop-chuyen-de-2025.txt'],
    [
      'kỳ họp thường lệ cuối năm 2024 HĐND Khánh Hòa thông qua nghị quyết gì',
      'hdnd-khanh-hoa-ky-hop-2024.txt',
    ],
    ['HĐND tỉnh Khánh Hòa năm 2024 kỳ họp cuối năm ai chủ trì', 'hdnd-khanh-hoa-ky-hop-2024.txt'],
  ])('%s: answered from its session', async (question, file) => {
    const res = await council.app.engine.ask(question);
    expect(res.found).toBe(true);
    expect(path.basename(res.results[0]!.source.file)).toBe(file);
  });
});

describe("a province's short form is its name", () => {
  let archive: TempApp;
  beforeAll(async () => {
    archive = await ingestedApp({
      ...copy('bdbp-ba-ria-vung-tau-chi-thi-iuu-2025.txt', part('a')),
      ...copy('ubnd-an-giang-chi-thi-iuu-2025.txt', part('b')),
      ...copy('bdbp-kien-giang-nghi-quyet-2025.txt', part('a')),
      ...copy('bdbp-quang-ninh-nghi-quyet-2025.txt', part('a')),
    });
  });
  afterAll(async () => {
    await archive.close();
  });

  test.each([
    'BR-VT chỉ thị IUU 2025 ai ký',
    'brvt chi thi iuu 2025 ai ky',
    'BĐBP Bà Rịa - Vũng Tàu chỉ thị IUU 2025 ai ký',
  ])('%s: answered, with who signed', async (question) => {
    const res = await archive.app.engine.ask(question);
    expect(res.found).toBe(true);
    expect(res.answer?.kind).toBe('signer');
  });
});
