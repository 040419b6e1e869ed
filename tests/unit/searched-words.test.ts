import { searchedWords } from '../../src/search/question';

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
