import { bestSentence, coverage } from '../../src/search/relevance';
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

  it('a folded-only match counts less when the question has diacritics', () => {
    const q = analyzeQuery('chỉ tiêu');
    expect(coverage(q, 'chi tiêu ngân sách', idf)).toBeLessThan(coverage(q, 'chỉ tiêu kết nạp', idf));
    expect(coverage(q, 'chi tiêu ngân sách', idf)).toBeGreaterThan(0);
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
