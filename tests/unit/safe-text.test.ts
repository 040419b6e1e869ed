import { lowercaseCommand } from '../../src/bot/addressing';
import { escapeHtml } from '../../src/text/html';
import { stripUnsafeChars } from '../../src/text/safe-text';
import { entitiesFor } from '../helpers/fake-bot-api';

describe('stripUnsafeChars', () => {
  test.each([
    [
      'plain Vietnamese is untouched',
      'Chỉ tiêu năm 2025 của Đảng ủy BĐBP tỉnh?',
      'Chỉ tiêu năm 2025 của Đảng ủy BĐBP tỉnh?',
    ],
    [
      'NFD stays NFD (combining marks are not controls)',
      'Nghị quyết'.normalize('NFD'),
      'Nghị quyết'.normalize('NFD'),
    ],
    ['RLO … PDF around a file name', 'báo cáo \u202Efdp.exe\u202C', 'báo cáo fdp.exe'],
    ['LRE, RLE, LRO', '\u202Ahội nghị\u202B tổng kết\u202D', 'hội nghị tổng kết'],
    ['isolates LRI RLI FSI PDI', '\u2066Ninh\u2067 Thuận\u2068 2025\u2069', 'Ninh Thuận 2025'],
    ['LRM, RLM and the Arabic letter mark', 'chủ\u200E trì\u200F hội\u061C nghị', 'chủ trì hội nghị'],
    [
      'NUL, BEL, ESC, DEL and C1',
      'kết\u0000 nạp\u0007 đảng\u001B viên\u007F mới\u0085',
      'kết nạp đảng viên mới',
    ],
    ['tab and newline are kept', 'Điều 1.\tMục tiêu\nĐiều 2.', 'Điều 1.\tMục tiêu\nĐiều 2.'],
    ['CR LF and a lone CR become newlines', 'dòng một\r\ndòng hai\rdòng ba', 'dòng một\ndòng hai\ndòng ba'],
    ['emoji with zero-width joiner and a flag are kept', '👨‍👩‍👧 🇻🇳 chỉ tiêu', '👨‍👩‍👧 🇻🇳 chỉ tiêu'],
  ])('%s', (_name, input, expected) => {
    expect(stripUnsafeChars(input)).toBe(expected);
  });

  test('escapeHtml strips them too, so every echo through it is clean', () => {
    expect(escapeHtml('<b>\u202Ethư mời</b>\u0007')).toBe('&lt;b&gt;thư mời&lt;/b&gt;');
  });
});

describe('lowercaseCommand', () => {
  test.each([
    ['/HOI@chithi_test_bot chỉ tiêu năm 2025', '/hoi@chithi_test_bot chỉ tiêu năm 2025'],
    ['/Hoi Ai chủ trì hội nghị?', '/hoi Ai chủ trì hội nghị?'],
    ['/HOI@Chithi_Bot CHỈ TIÊU', '/hoi@Chithi_Bot CHỈ TIÊU'],
    ['/ChiTieu 2025', '/chitieu 2025'],
    ['/NHACVIEC 07:30', '/nhacviec 07:30'],
    ['/hoi đã thường', undefined],
    ['Không phải /HOI lệnh', undefined],
    ['Chỉ tiêu NĂM 2025', undefined],
  ])('%s', (text, expected) => {
    expect(lowercaseCommand({ text, entities: entitiesFor(text) })).toBe(expected);
  });
});
