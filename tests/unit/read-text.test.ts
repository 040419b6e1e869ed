import { decodeUtf8Text, readPlainText } from '../../src/ingest/read-text';
import { isChithiError } from '../../src/errors';

const text = 'Đảng ủy BĐBP tỉnh\nchủ trì hội nghị.';

describe('decodeUtf8Text', () => {
  it.each([
    ['UTF-8', Buffer.from(text, 'utf8'), text],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), text],
    [
      'two byte order marks (a file saved twice)',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      text,
    ],
    ['CRLF kept for reflow', Buffer.from(text.replace('\n', '\r\n'), 'utf8'), text.replace('\n', '\r\n')],
    ['NFD kept for reflow', Buffer.from(text.normalize('NFD'), 'utf8'), text.normalize('NFD')],
  ])('%s', (_name, bytes, expected) => {
    expect(decodeUtf8Text('a.txt', bytes)).toBe(expected);
  });

  it.each([
    ['binary (NUL bytes)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14]), 'FILE_BINARY'],
    // "Đảng ủy" in Windows-1258 / Latin-1 style single bytes
    ['latin1 bytes', Buffer.from('Ðång ðy biên phòng', 'latin1'), 'FILE_NOT_UTF8'],
    // TCVN3 (ABC) bytes for "Bé ®éi Biªn phßng"
    [
      'TCVN3 bytes',
      Buffer.from([0x42, 0xe9, 0x20, 0xae, 0xe9, 0x69, 0x20, 0x42, 0x69, 0xaa, 0x6e]),
      'FILE_NOT_UTF8',
    ],
    ['empty', Buffer.from(' \n\ufeff', 'utf8'), 'FILE_EMPTY'],
    ['overlong UTF-8 (a slash in two bytes)', Buffer.from([0x61, 0xc0, 0xaf, 0x62]), 'FILE_NOT_UTF8'],
    ['a surrogate encoded on its own (CESU-8)', Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62]), 'FILE_NOT_UTF8'],
    ['UTF-8 cut in the middle of "ệ"', Buffer.from('Việt', 'utf8').subarray(0, 3), 'FILE_NOT_UTF8'],
  ])('refuses %s with an error naming the file', (_name, bytes, code) => {
    let err: unknown;
    try {
      decodeUtf8Text('data/bao-cao.txt', bytes);
    } catch (e) {
      err = e;
    }
    expect(isChithiError(err)).toBe(true);
    expect(err).toMatchObject({ code });
    expect((err as Error).message).toContain('data/bao-cao.txt');
  });

  it('readPlainText gives one segment to reflow', () => {
    expect(readPlainText('a.txt', Buffer.from(text))).toEqual({
      segments: [{ text }],
      ocr: false,
      notes: [],
    });
  });
});
