import { chatForms, plainQuestion, searchedWords } from '../../src/search/question';

describe('searchedWords: guests asked for are searched as who attended', () => {
  it.each<[string, string]>([
    ['khách mời của đại hội Đảng bộ BĐBP Quảng Ninh là ai', 'dự của đại hội Đảng bộ BĐBP Quảng Ninh là ai'],
    ['Khách mời hội nghị tổng kết 2025 gồm những ai?', 'dự hội nghị tổng kết 2025 gồm những ai?'],
    // NFD in, NFC out; capitals; typed without diacritics stays without.
    ['KHÁCH MỜI kỳ họp HĐND xã là ai'.normalize('NFD'), 'dự kỳ họp HĐND xã là ai'],
    [
      'khach moi hoi nghi tong ket xa Quang Tin gom nhung ai',
      'du hoi nghi tong ket xa Quang Tin gom nhung ai',
    ],
    ['ai là khách mời danh dự của buổi lễ', 'ai là dự danh dự của buổi lễ'],
    // What is to be done is what reports write as tasks.
    ['quý 4/2024 đồn hòn gai cần làm gì', 'quý 4/2024 đồn hòn gai nhiệm vụ gì'],
    ['Công an xã PHẢI LÀM NHỮNG GÌ?'.normalize('NFD'), 'Công an xã nhiệm vụ gì?'],
    ['quy 2/2025 cong an ca mau phai lam gi', 'quy 2/2025 cong an ca mau nhiem vu gi'],
  ])('%s → %s', (question, searched) => expect(searchedWords(question)).toBe(searched));

  it.each([
    // Not asking who: guests are what the passages must speak of.
    'chương trình đón tiếp khách mời quốc tế năm 2025',
    'bao nhiêu khách mời dự hội nghị',
    // "khách" or "mời" alone, or inside other words.
    'ai mời các đơn vị dự hội nghị',
    'lượng khách du lịch năm 2024 là bao nhiêu, ai báo cáo',
    'ai được mời khách sạn',
    'chỉ tiêu 2025 là gì?',
    // "làm gì" without "cần" or "phải", or "Cần" of Cần Thơ.
    'Ban CHQS xã làm gì để giảm tai nạn',
    'Cần Thơ làm gì năm 2025',
    '',
  ])('unchanged: %s', (question) => expect(searchedWords(question)).toBe(question));
});

describe('chatForms: units as people shorten them in a chat', () => {
  it.each<[string, string]>([
    [
      'CA tỉnh Kiên Giang tổng kết 2023 bắt bao nhiêu vụ',
      'Công an tỉnh Kiên Giang tổng kết 2023 bắt bao nhiêu vụ',
    ],
    ['CA Cà Mau quý 1 2025', 'Công an Cà Mau quý 1 2025'],
    ['CAX Minh Tân kế hoạch 2026', 'Công an xã Minh Tân kế hoạch 2026'],
    ['CAP Trần Lãm có nhiệm vụ gì', 'Công an phường Trần Lãm có nhiệm vụ gì'],
    ['UB tỉnh Khánh Hòa kế hoạch thiên tai', 'UBND tỉnh Khánh Hòa kế hoạch thiên tai'],
    ['HU Hải Hậu nghị quyết 2025', 'Huyện ủy Hải Hậu nghị quyết 2025'],
    ['ĐU xã Hải Thịnh quý I/2026'.normalize('NFD'), 'Đảng ủy xã Hải Thịnh quý I/2026'],
    ['BCH quân sự Thanh Hóa tổng kết 2024', 'BCHQS Thanh Hóa tổng kết 2024'],
    ['Sở YT Bắc Ninh chỉ tiêu 2025', 'Sở Y tế Bắc Ninh chỉ tiêu 2025'],
    ['sở GD&ĐT Nghệ An thi tốt nghiệp', 'sở Giáo dục và Đào tạo Nghệ An thi tốt nghiệp'],
    ['Sở GD Nghệ An', 'Sở Giáo dục và Đào tạo Nghệ An'],
    ['Sở TN&MT Lào Cai công văn', 'Sở Tài nguyên và Môi trường Lào Cai công văn'],
    ['Sở KH&ĐT Đà Nẵng', 'Sở Kế hoạch và Đầu tư Đà Nẵng'],
    // Typed without diacritics, written out without them.
    ['CA tinh kien giang tong ket 2023', 'cong an tinh kien giang tong ket 2023'],
    ['so tnmt lao cai', 'so tai nguyen va moi truong lao cai'],
  ])('%s → %s', (question, written) => expect(chatForms(question)).toBe(written));

  it.each([
    // Lower case they are other words; inside a document's number they are its parts.
    'tàu cá ở Cà Mau',
    'kế hoạch 03/KH-CAX của công an xã',
    'nghị quyết 306-NQ/ĐU nói gì',
    'ĐUQS Hà Tĩnh nghị quyết 2025',
    // The Fatherland Front's committee, the Central Committee typed without its horn.
    'UB MTTQ tỉnh Quảng Trị',
    'nghị quyết TU về khoa học công nghệ',
    // All in capitals, there are no capitals to tell them by.
    'CA TINH KIEN GIANG TONG KET 2023',
    'chỉ tiêu 2025 là gì?',
    '',
  ])('unchanged: %s', (question) => expect(chatForms(question)).toBe(question));
});

describe('plainQuestion: markup taken out, character references written out', () => {
  test.each([
    ['plain text is returned as it is', 'chỉ tiêu 2025 là gì?', 'chỉ tiêu 2025 là gì?'],
    [
      'NFD text without markup is untouched',
      'Đảng ủy BĐBP'.normalize('NFD'),
      'Đảng ủy BĐBP'.normalize('NFD'),
    ],
    ['bold and italic tags', '<b>chỉ tiêu</b> <i>2025</i>?', 'chỉ tiêu 2025 ?'],
    ['a tag with attributes, mixed case', '<SPAN class="x">HĐND</SPAN> tỉnh', 'HĐND tỉnh'],
    ['a line break tag between words', 'hội nghị<br/>tổng kết', 'hội nghị tổng kết'],
    ['named references', 'kế hoạch &amp; nhiệm vụ&nbsp;2025', 'kế hoạch & nhiệm vụ 2025'],
    ['numeric references (decimal, hex)', 'ch&#7881; ti&#xEA;u', 'chỉ tiêu'],
    ['an escaped tag stays as its characters', '&lt;b&gt;SSCĐ', '<b>SSCĐ'],
    ['"<" before a number is no tag', 'tỷ lệ <5% và >9,5%', 'tỷ lệ <5% và >9,5%'],
    ['"<" alone is no tag', 'a < b', 'a < b'],
    ['an invalid reference is kept', 'x &#0; y &#xD800; z', 'x &#0; y &#xD800; z'],
    ['an unknown name is kept', 'R&D 2.300 tỷ', 'R&D 2.300 tỷ'],
    ['only markup', '<b></b>', ''],
  ])('%s', (_name, input, expected) => {
    expect(plainQuestion(input)).toBe(expected);
  });
});
