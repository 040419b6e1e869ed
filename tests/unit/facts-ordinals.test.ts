import { foldText, ordinalsAsDigits, prepareText } from '../../src/facts/fold';

describe('ordinalsAsDigits: ordinals written in words', () => {
  it.each([
    [
      'Hội nghị lần thứ hai mươi tám Ban Chấp hành Đảng bộ huyện',
      'hoi nghi lan thu 28 ban chap hanh dang bo huyen',
    ],
    ['Kỳ họp thứ mười lăm HĐND tỉnh'.normalize('NFD'), 'ky hop thu 15 hdnd tinh'],
    ['KỲ HỌP THỨ HAI MƯƠI MỐT', 'ky hop thu 21'],
    ['hội nghị lần thứ tư', 'hoi nghi lan thu 4'],
    ['Đại hội lần thứ nhất', 'dai hoi lan thu 1'],
    ['kỳ họp thứ mười', 'ky hop thu 10'],
    ['lần thứ chín mươi chín', 'lan thu 99'],
    // Digits stay; words that make no ordinal stay.
    ['kỳ họp thứ 23', 'ky hop thu 23'],
    ['lần thứ một', 'lan thu mot'],
    ['thứ hai mươi nhất', 'thu hai muoi nhat'],
    ['lần thứ ba ban chấp hành', 'lan thu 3 ban chap hanh'],
  ])('%s → %s', (text, expected) => {
    expect(ordinalsAsDigits(foldText(text))).toBe(expected);
  });
});

describe('prepareText: the display form facts are given in', () => {
  test.each([
    ['already prepared', 'Chỉ tiêu năm 2025: tăng 9,5%', 'Chỉ tiêu năm 2025: tăng 9,5%'],
    ['NFD', 'Đảng ủy BĐBP tỉnh Khánh Hòa'.normalize('NFD'), 'Đảng ủy BĐBP tỉnh Khánh Hòa'],
    ['old tone placement kept as written', 'Tỉnh uỷ Khánh Hoà', 'Tỉnh uỷ Khánh Hoà'],
    ['two spaces', 'bắt  2.300 vụ', 'bắt 2.300 vụ'],
    ['a line break and a tab', 'hội nghị\ntổng kết\tnăm 2024', 'hội nghị tổng kết năm 2024'],
    ['a non-breaking space', 'đạt\u00a095%', 'đạt 95%'],
    ['leading and trailing spaces', '  HĐND tỉnh ', 'HĐND tỉnh'],
    ['a trailing line break', 'SSCĐ\n', 'SSCĐ'],
    ['spaces only', ' \t ', ''],
    ['empty', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(prepareText(input)).toBe(expected);
  });
});
