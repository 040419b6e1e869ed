import { decodeUtf8, unitsToString, utf8ToString } from '../../src/text/code-units';

const units = (s: string) => Uint16Array.from(s, (c) => c.charCodeAt(0));

describe('unitsToString gives the string of the code units', () => {
  it.each([
    ['empty', ''],
    ['folded Vietnamese (ASCII)', 'chi tieu nam 2025: 2.300 luot, tang 9,5%'],
    ['Latin-1 letters and the no-break space', 'café\u00a0ÿ©'],
    ['Vietnamese letters above U+00FF', 'Đảng ủy BĐBP hoà'],
    ['a dash and quotes folded as they are', 'quy i–iv “hoi nghi”'],
    ['NFD marks', 'hoa\u0300'],
  ])('%s', (_name, s) => {
    expect(unitsToString(units(s), s.length)).toBe(s);
  });

  it('only the first n units, whatever the buffer holds after them', () => {
    expect(unitsToString(units('abcĐef'), 3)).toBe('abc');
    expect(unitsToString(units('abcĐef'), 4)).toBe('abcĐ');
  });

  it('texts longer than its buffer and than one String.fromCharCode call', () => {
    const latin = 'báo cáo '.repeat(2000);
    const wide = 'Đảng ủy '.repeat(2000);
    expect(unitsToString(units(latin), latin.length)).toBe(latin);
    expect(unitsToString(units(wide), wide.length)).toBe(wide);
    // A short one after a long one: the reused buffer's old bytes are not read.
    expect(unitsToString(units('xy'), 2)).toBe('xy');
  });
});

describe('utf8ToString gives what a UTF-8 decoder gives', () => {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  it.each([
    ['empty', ''],
    ['ASCII', 'chi tieu nam 2025: 2.300 luot, tang 9,5%'],
    ['NFC Vietnamese', 'Đảng ủy BĐBP tỉnh chủ trì hội nghị'],
    ['NFD Vietnamese', 'Đảng ủy BĐBP hoà'.normalize('NFD')],
    ['old tone placement, CRLF', 'hoà thuý\r\nkhoẻ'],
    ['astral characters', 'báo cáo 😀 𝐀'],
    ['a byte order mark is kept', '\ufeffBáo cáo'],
    ['a NUL', 'a\u0000b'],
  ])('%s', (_name, s) => {
    const bytes = Buffer.from(s, 'utf8');
    expect(utf8ToString(bytes)).toBe(decoder.decode(bytes));
  });

  it('a view into a larger buffer reads only its bytes', () => {
    const whole = Buffer.from('xxĐảng ủyxx', 'utf8');
    expect(utf8ToString(whole.subarray(2, whole.length - 2))).toBe('Đảng ủy');
  });

  it('a long text', () => {
    const s = 'Báo cáo tổng kết công tác năm 2024 của BĐBP tỉnh. '.repeat(20000);
    expect(utf8ToString(Buffer.from(s, 'utf8'))).toBe(s);
  });
});

describe('decodeUtf8: valid UTF-8 as text, else null', () => {
  it.each<[string, Buffer, string | null]>([
    [
      'Vietnamese, NFC',
      Buffer.from('Đảng ủy BĐBP: 2.300 lượt, 9,5%', 'utf8'),
      'Đảng ủy BĐBP: 2.300 lượt, 9,5%',
    ],
    ['a byte order mark is dropped, one only', Buffer.from('\ufeff\ufeffhoà', 'utf8'), '\ufeffhoà'],
    ['empty', Buffer.alloc(0), ''],
    ['Windows-1258 bytes', Buffer.from('Ðång ðy', 'latin1'), null],
    ['"ệ" cut in the middle', Buffer.from('Việt', 'utf8').subarray(0, 3), null],
    ['a surrogate on its own (CESU-8)', Buffer.from([0x61, 0xed, 0xa0, 0x80]), null],
  ])('%s', (_name, bytes, expected) => {
    expect(decodeUtf8(bytes)).toBe(expected);
  });
});
