import { foldText, ordinalsAsDigits } from '../../src/facts/fold';

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
