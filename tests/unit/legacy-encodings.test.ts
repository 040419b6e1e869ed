import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import {
  decodeTcvn3,
  decodeVniChars,
  detectAndDecode,
  encodeTcvn3,
  encodeVni,
  encodeWindows1258,
  isVietnameseSyllable,
  UndecodableTextError,
  vietnameseScore,
} from '../../src/ingest/legacy-encodings';
import { SEED_FILE } from '../helpers/make-fixtures';

const SEED = readFileSync(SEED_FILE, 'utf8').normalize('NFC');

/**
 * What a program reading legacy bytes as Windows-1252 and saving UTF-8 produces (Windows passes the
 * five unassigned bytes through as C1 controls).
 */
function asMojibake(bytes: Buffer): Buffer {
  const chars = [...bytes].map((b) => {
    const ch = iconv.decode(Buffer.from([b]), 'windows1252');
    return ch === '\ufffd' ? String.fromCharCode(b) : ch;
  });
  return Buffer.from(chars.join(''), 'utf8');
}

/** Sentences from the seed report plus capitals and đ/Đ in every position. */
const SENTENCES = [
  'Theo đánh giá, năm 2024, chấp hành sự lãnh, chỉ đạo của Đảng uỷ, Bộ Tư lệnh BĐBP và Tỉnh uỷ, UBND tỉnh.',
  'Công tác đấu tranh phòng, chống tội phạm có những chuyển biến tiến bộ.',
  'Trận địa tư tưởng của Đảng trong đơn vị được giữ vững.',
  '(Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh chủ trì hội nghị)',
  'Phấn đấu trong năm có 100% tổ chức đảng, đảng viên hoàn thành nhiệm vụ trở lên.',
  'Ủy ban nhân dân tỉnh; Ở khu vực biên giới biển; Ước tính; Ấp; Ổn định; Ẩn nấp; Ỹ; Ỵ.',
  'NGHỊ QUYẾT ĐẢNG ỦY BỘ ĐỘI BIÊN PHÒNG TỈNH NINH THUẬN',
  'Đại hội Đại biểu toàn quốc lần thứ XIV của Đảng, đảm bảo công tác Hậu cần - kỹ thuật.',
];

describe('TCVN3 table', () => {
  // iconv-lite's "tcvn" (TCVN 5712 VN1) is an independent table to check ours against, byte by byte.
  const bytes = [0x01, 0x02, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17];
  for (let b = 0x80; b <= 0xff; b++) bytes.push(b);
  it.each(bytes)('byte 0x%s decodes as in TCVN 5712', (b) => {
    const expected = iconv.decode(Buffer.from([b]), 'tcvn').normalize('NFC');
    expect(decodeTcvn3(Buffer.from([b]))).toBe(expected);
  });
});

describe('known legacy strings', () => {
  it.each([
    ['Bé ®éi Biªn phßng', 'Bộ đội Biên phòng', 'tcvn3'],
    ['B¶o Th¾ng', 'Bảo Thắng', 'tcvn3'],
    ['§¶ng ñy, Bé t\u00ad lÖnh B§BP', 'Đảng ủy, Bộ tư lệnh BĐBP', 'tcvn3'],
    ['Xin chaøo caùc baïn', 'Xin chào các bạn', 'vni'],
    ['Ñaûng uûy Boä ñoäi Bieân phoøng', 'Đảng ủy Bộ đội Biên phòng', 'vni'],
  ])('%s → %s (%s)', (mojibake, unicode, encoding) => {
    const decoded = detectAndDecode(Buffer.from(mojibake, 'utf8'));
    expect(decoded.text).toBe(unicode);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.note).toMatch(/^đã chuyển từ mã .* sang Unicode$/);
  });
});

describe('round trip through our own encoders', () => {
  const encoders = {
    tcvn3: (s: string) => encodeTcvn3(s),
    vni: encodeVni,
    'windows-1258': encodeWindows1258,
  };
  const cases = Object.entries(encoders).flatMap(([encoding, encode]) =>
    SENTENCES.map((sentence) => [encoding, sentence, encode] as const),
  );

  it.each(cases)('%s raw bytes: %s', (encoding, sentence, encode) => {
    const decoded = detectAndDecode(encode(sentence));
    expect(decoded).toEqual({ text: sentence, encoding, note: expect.stringContaining('sang Unicode') });
  });

  it.each(cases.filter(([encoding]) => encoding !== 'windows-1258'))(
    '%s saved again as UTF-8: %s',
    (encoding, sentence, encode) => {
      const decoded = detectAndDecode(asMojibake(encode(sentence)));
      expect(decoded.text).toBe(sentence);
      expect(decoded.encoding).toBe(encoding);
      expect(decoded.note).toContain('bị lưu nhầm thành UTF-8');
    },
  );

  it.each(Object.keys(encoders))('the whole seed report in %s, CRLF line ends kept', (encoding) => {
    const crlf = SEED.replace(/\n/g, '\r\n');
    const decoded = detectAndDecode(encoders[encoding as keyof typeof encoders](crlf));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(crlf);
  });
});

describe('TCVN3 typed in the ABC capital fonts (.VnTimeH)', () => {
  // VN3 has no toned capitals: "NGHỊ" is stored "NGHÞ" and must come back as capitals.
  it.each([
    ['NGHỊ QUYẾT ĐẢNG ỦY BỘ ĐỘI BIÊN PHÒNG TỈNH NINH THUẬN'],
    ['BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG'],
    ['Nghị quyết số 15 về công tác BĐBP.\nPHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2025\nBộ Tư lệnh BĐBP giao.'],
    ['Bộ CHQS tỉnh phối hợp với BĐBP tỉnh.'],
    // Lines in capitals whose only repairs are words like "Sở", "Tế", "Uỷ", "Bí" (a capital, then
    // toned letters): the header's unit and the signing block.
    ['UBND TỈNH BẮC NINH\nSỞ Y TẾ\nSố: 85/KH-SYT\nBắc Ninh, ngày 15 tháng 01 năm 2025'],
    ['UỶ BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG\nSố: 312/BC-UBND'],
    ['T/M ĐẢNG ỦY\nBÍ THƯ\nĐại tá Lê Văn Đồng'],
    ['SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 642/KH-SGDĐT'],
    // Not capitals: one such word with acronyms, or beside words in small letters.
    ['Số: 12/BĐBP-TM\nBộ CHQS\nSở Y tế Bắc Ninh tăng 9,5% so với năm 2.300'],
  ])('%s', (text) => {
    const bytes = encodeTcvn3(text, { caps: 'vn3' });
    const tonedCapitals = [...text].some((ch) => ch !== ch.toLowerCase() && !/[A-ZĂÂÊÔƠƯĐ]/.test(ch));
    // The VN3 bytes really do lack the capital codes whenever the text has toned capitals.
    expect(bytes.equals(encodeTcvn3(text))).toBe(!tonedCapitals);
    expect(detectAndDecode(bytes).text).toBe(text);
  });
});

describe('text that is already Unicode', () => {
  it.each([
    ['seed report', Buffer.from(SEED, 'utf8'), SEED],
    ['with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Bộ đội', 'utf8')]), 'Bộ đội'],
    [
      'French, Latin-1 letters only',
      Buffer.from('Un café crème à côté de la fenêtre', 'utf8'),
      'Un café crème à côté de la fenêtre',
    ],
    ['ASCII only', Buffer.from('UBND tinh Ninh Thuan', 'utf8'), 'UBND tinh Ninh Thuan'],
    ['decomposed (NFD) Vietnamese', Buffer.from('Biên phòng'.normalize('NFD'), 'utf8'), 'Biên phòng'],
  ])('%s stays UTF-8', (_name, bytes, text) => {
    expect(detectAndDecode(bytes)).toEqual({ text, encoding: 'utf-8' });
  });

  it('UTF-16 with a BOM (Windows Notepad "Unicode")', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Đảng ủy BĐBP', 'utf16le')]);
    expect(detectAndDecode(bytes)).toEqual({ text: 'Đảng ủy BĐBP', encoding: 'utf-16' });
  });
});

describe('refused input', () => {
  function randomBytes(n: number, seed: number): Buffer {
    let x = seed;
    return Buffer.from(
      Array.from({ length: n }, () => ((x = (x * 1103515245 + 12345) & 0x7fffffff), x >> 16) & 0xff),
    );
  }
  it.each([
    ['random bytes', randomBytes(4096, 7), 'binary'],
    ['a PNG header', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'binary'],
    [
      'Latin-1 French (not Vietnamese)',
      iconv.encode('Un café crème à côté de la fenêtre', 'latin1'),
      'unknown-encoding',
    ],
    [
      'high bytes without words',
      Buffer.from([0xe9, 0xfe, 0x20, 0xb8, 0xb9, 0xa9, 0x20, 0xff, 0xd7]),
      'unknown-encoding',
    ],
  ])('%s', (_name, bytes, reason) => {
    expect(() => detectAndDecode(bytes)).toThrow(UndecodableTextError);
    try {
      detectAndDecode(bytes);
    } catch (err) {
      expect((err as UndecodableTextError).reason).toBe(reason);
    }
  });
});

describe('Vietnamese syllables', () => {
  it.each(['nghiêng', 'người', 'quốc', 'giữa', 'Đảng', 'khuỷu', 'chuyển', 'BIÊN', 'uỷ', 'ủy', 'oanh', 'xã'])(
    '%s is a syllable',
    (word) => expect(isVietnameseSyllable(word)).toBe(true),
  );
  it.each(['éi', 'Biªn', 'chaøo', 'phßng', 'café', 'ắé', 'strong', 'ThuËn'])('%s is not', (word) =>
    expect(isVietnameseSyllable(word)).toBe(false),
  );

  it('scores the seed report near 1 and its TCVN3 mojibake near 0', () => {
    expect(vietnameseScore(SEED).score).toBeGreaterThan(0.95);
    const mojibake = asMojibake(encodeTcvn3(SEED)).toString('utf8');
    expect(vietnameseScore(mojibake).score).toBeLessThan(0.3);
  });
});

describe('VNI decoder details', () => {
  it.each([
    ['ngöôøi', 'người'],
    ['Öôùc', 'Ước'],
    ['tænh', 'tỉnh'],
    ['lóa', 'lĩa'],
    ['kyû luaät', 'kỷ luật'],
    ['ÑOÄI', 'ĐỘI'],
    ['chaêm', 'chăm'],
    ['aêù', 'ăù'],
  ])('%s → %s', (vni, unicode) => expect(decodeVniChars(vni)).toBe(unicode));
});
