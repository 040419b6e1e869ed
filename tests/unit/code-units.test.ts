import { unitsToString } from '../../src/text/code-units';

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
