import {
  findLocalPlaces,
  findProvincesInDocument,
  findProvincesInQuestion,
  findStation,
  foldPlace,
  mergedInto,
  stationKey,
} from '../../src/profile/places';

const docProvinces = (text: string) => findProvincesInDocument(text).map((m) => m.province);

describe('findProvincesInDocument', () => {
  it.each<[string, string[]]>([
    ['Tỉnh Hòa Bình tổ chức hội nghị tổng kết', ['Hòa Bình']],
    ['BÁO CÁO CỦA UBND TỈNH HÒA BÌNH', ['Hòa Bình']],
    ['vì hòa bình và hữu nghị giữa các dân tộc', []],
    ['đấu tranh chống âm mưu diễn biến hòa bình', []],
    ['quảng ninh', []],
    ['Học tập và làm theo tư tưởng Hồ Chí Minh', []],
    ['UBND TP. Hồ Chí Minh', ['Hồ Chí Minh']],
    ['Tỉnh Khánh Hoà và tỉnh Ninh Thuận', ['Khánh Hòa', 'Ninh Thuận']],
    ['BĐBP tỉnh Bà Rịa - Vũng Tàu', ['Bà Rịa - Vũng Tàu']],
    ['HN và HP', ['Hà Nội', 'Hải Phòng']],
    ['Thừa Thiên Huế', ['Huế']],
    ['Đắc Lắc', ['Đắk Lắk']],
    ['Cao bằng lòng tin của nhân dân', []],
  ])('%j → %j', (text, expected) => {
    expect(docProvinces(text)).toEqual(expected);
  });

  it('gives NFD text the same mentions as NFC', () => {
    const text = 'Đảng ủy BĐBP tỉnh Quảng Ninh và tỉnh Khánh Hòa';
    expect(findProvincesInDocument(text.normalize('NFD'))).toEqual(findProvincesInDocument(text));
    expect(docProvinces(text.normalize('NFD'))).toEqual(['Quảng Ninh', 'Khánh Hòa']);
  });

  it('reports each mention with its offset, in order', () => {
    expect(findProvincesInDocument('Tại Hòa Bình, BĐBP tỉnh Kiên Giang và tỉnh Ninh Thuận')).toEqual([
      { province: 'Hòa Bình', index: 4, length: 8 },
      { province: 'Kiên Giang', index: 24, length: 10 },
      { province: 'Ninh Thuận', index: 43, length: 10 },
    ]);
  });

  it.each([['Công an TP.HCM'], ['Công an TP HCM'], ['BĐBP TP. Hồ Chí Minh']])(
    'reads %j as the city, once (not also its "HCM")',
    (text) => {
      expect(docProvinces(text)).toEqual(['Hồ Chí Minh']);
    },
  );
});

describe('findProvincesInQuestion', () => {
  it.each<[string, string[]]>([
    ['quảng ninh', ['Quảng Ninh']],
    ['TP HCM', ['Hồ Chí Minh']],
    ['thành phố hồ chí minh', ['Hồ Chí Minh']],
    ['tư tưởng Hồ Chí Minh', []],
    ['BR-VT', ['Bà Rịa - Vũng Tàu']],
    ['Bà Rịa Vũng Tàu', ['Bà Rịa - Vũng Tàu']],
    ['Khánh Hoà', ['Khánh Hòa']],
    ['khanh hoa', ['Khánh Hòa']],
    ['Điện Biên', ['Điện Biên']],
    ['dien bien phu', ['Điện Biên']],
    ['diễn biến tình hình', []],
    ['thừa thiên huế', ['Huế']],
    ['HN', ['Hà Nội']],
    ['hn', []],
    ['Tây Ninh và Ninh Bình', ['Tây Ninh', 'Ninh Bình']],
    ['BĐBP Quảng Ninh năm 2024'.normalize('NFD'), ['Quảng Ninh']],
  ])('%j → %j', (question, expected) => {
    expect(findProvincesInQuestion(question)).toEqual(expected);
  });
});

describe('mergedInto', () => {
  it.each<[string, string[]]>([
    ['Khánh Hòa', ['Ninh Thuận']],
    ['Khánh Hoà', ['Ninh Thuận']],
    ['An Giang', ['Kiên Giang']],
    ['Lâm Đồng', ['Đắk Nông', 'Bình Thuận']],
    ['Hồ Chí Minh', ['Bình Dương', 'Bà Rịa - Vũng Tàu']],
    ['Ninh Thuận', []],
  ])('%s absorbed %j', (name, expected) => {
    expect(mergedInto(name).map((p) => p.name)).toEqual(expected);
  });
});

describe('findLocalPlaces', () => {
  it.each<[string, { level: string; name: string }[]]>([
    ['UBND huyện Tân Phú Đông', [{ level: 'huyện', name: 'Tân Phú Đông' }]],
    ['thành phố Đà Nẵng', []],
    ['Thành phố Hồ Chí Minh', []],
    ['UBND thị xã Ninh Hoà', [{ level: 'thị xã', name: 'Ninh Hòa' }]],
    ['TP. Thủ Đức', [{ level: 'thành phố', name: 'Thủ Đức' }]],
    [
      'quận 1 và quận Ba Đình',
      [
        { level: 'quận', name: '1' },
        { level: 'quận', name: 'Ba Đình' },
      ],
    ],
    [
      'xã Phước Dinh, huyện Thuận Nam',
      [
        { level: 'xã', name: 'Phước Dinh' },
        { level: 'huyện', name: 'Thuận Nam' },
      ],
    ],
    [
      'UBND huyện Tân Phú Đông và huyện Gò Công Tây, thị trấn Vĩnh Bình',
      [
        { level: 'huyện', name: 'Tân Phú Đông' },
        { level: 'huyện', name: 'Gò Công Tây' },
        { level: 'thị trấn', name: 'Vĩnh Bình' },
      ],
    ],
    // A district's party committee or youth union names its district without the level word.
    ['Huyện ủy Tân Phú Đông', [{ level: 'huyện', name: 'Tân Phú Đông' }]],
    ['HUYỆN ỦY HẢI HẬU is titled: huyện Ủy Hải Hậu', [{ level: 'huyện', name: 'Hải Hậu' }]],
    ['Ban Thường vụ Huyện uỷ Giao Thuỷ', [{ level: 'huyện', name: 'Giao Thủy' }]],
    ['Thành ủy Uông Bí'.normalize('NFD'), [{ level: 'thành phố', name: 'Uông Bí' }]],
    ['Thị đoàn Sơn Tây', [{ level: 'thị xã', name: 'Sơn Tây' }]],
    ['Quận ủy Ba Đình', [{ level: 'quận', name: 'Ba Đình' }]],
    // A province-level city's committee is no district; "tình đoàn kết" and a person's name are neither.
    ['Thành ủy Đà Nẵng, Thành đoàn Hà Nội', []],
    ['tình đoàn kết giữa các dân tộc', []],
    ['đồng chí Nguyễn Thành Đoàn phát biểu', []],
  ])('%j → %j', (text, expected) => {
    expect(findLocalPlaces(text)).toEqual(expected);
  });
});

describe('foldPlace', () => {
  it.each([
    ['Tân Phú Đông', 'tan phu dong'],
    ['Tân Phú Đông'.normalize('NFD'), 'tan phu dong'],
    ['Khánh Hoà', 'khanh hoa'],
    ['Bà Rịa - Vũng Tàu', 'ba ria vung tau'],
  ])('%j → %j', (name, expected) => {
    expect(foldPlace(name)).toBe(expected);
  });
});

describe('findLocalPlaces: more written forms', () => {
  it.each<[string, Array<{ level: string; name: string }>]>([
    ['Huyện Tân Phú Đông tổ chức hội nghị', [{ level: 'huyện', name: 'Tân Phú Đông' }]],
    ['Công an Quận 3 ra quân', [{ level: 'quận', name: '3' }]],
    ['UBND thành phố Phan Rang - Tháp Chàm', [{ level: 'thành phố', name: 'Phan Rang - Tháp Chàm' }]],
    ['Đồn Biên phòng huyện đảo Lý Sơn', [{ level: 'huyện', name: 'Lý Sơn' }]],
  ])('%j', (text, expected) => {
    expect(findLocalPlaces(text)).toEqual(expected);
  });
});

describe('findStation: the border station a text is about', () => {
  it.each<[string, string | null, string | null]>([
    // A header in capitals, title-cased by the profile, and as typed in capitals.
    ['Đồn Biên Phòng Cửa Khẩu Cảng Hòn Gai . Số: 327/BC-ĐBP', 'Cửa khẩu cảng Hòn Gai', 'hon gai'],
    ['ĐỒN BIÊN PHÒNG BÌNH CHÂU', 'Bình Châu', 'binh chau'],
    // In a sentence: the capitalized words after it.
    ['Sáng 5/3, Đồn Biên phòng Bình Châu tổ chức hội nghị sơ kết.', 'Bình Châu', 'binh chau'],
    ['Đồn BP Cửa khẩu Quốc tế Móng Cái báo cáo kết quả.', 'Cửa khẩu Quốc tế Móng Cái', 'mong cai'],
    ['Sáng 5/3, Đồn Biên phòng Bình Châu tổ chức hội nghị.'.normalize('NFD'), 'Bình Châu', 'binh chau'],
    // A heading running on: the name stops before "Báo cáo".
    ['Đồn Biên Phòng Ba Lạt Báo Cáo Tổng Kết Năm 2024', 'Ba Lạt', 'ba lat'],
    // "Cửa" (a river mouth) opens a station's name; "của" ("of") ends it, in capitals too.
    ['Đồn Biên phòng Cửa Việt quý III/2024', 'Cửa Việt', 'cua viet'],
    ['ĐỒN BIÊN PHÒNG CỬA LÒ BÁO CÁO', 'Cửa Lò', 'cua lo'],
    ['Sáng 5/3, Đồn Biên phòng Cửa Tùng tổ chức hội nghị.'.normalize('NFD'), 'Cửa Tùng', 'cua tung'],
    ['Đồn Biên phòng Bình Châu Của Tỉnh', 'Bình Châu', 'binh chau'],
    ['ĐỒN BIÊN PHÒNG BÌNH CHÂU CỦA BĐBP TỈNH', 'Bình Châu', 'binh chau'],
    // Stations listed, or no name after the words: none.
    ['Kính gửi: - Các đồn Biên phòng: Bình Châu, Phước Tỉnh', null, null],
    ['Các đồn biên phòng tăng cường tuần tra.', null, null],
    ['don bien phong hon gai', null, null],
  ])('%j', (text, station, key) => {
    const found = findStation(text);
    expect(found).toBe(station);
    expect(found && stationKey(found)).toBe(key);
  });
});
