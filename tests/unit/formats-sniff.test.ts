import { chooseFormat, sniffContent } from '../../src/ingest/formats/read-document';
import { dropRunningLines } from '../../src/ingest/formats/read-pdf';
import { isChithiError } from '../../src/errors';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]);
const TEXT = Buffer.from('Bộ đội Biên phòng tỉnh Ninh Thuận', 'utf8');

describe('sniffContent', () => {
  it.each([
    ['PDF', PDF, 'pdf'],
    ['PDF after junk bytes', Buffer.concat([Buffer.from('\r\n\r\n'), PDF]), 'pdf'],
    ['ZIP (docx)', ZIP, 'zip'],
    ['OLE (doc, encrypted docx)', OLE, 'ole'],
    ['PNG', PNG, 'png'],
    ['JPEG', JPEG, 'jpeg'],
    ['text', TEXT, 'unknown'],
  ])('%s', (_name, bytes, kind) => expect(sniffContent(bytes)).toBe(kind));
});

describe('chooseFormat', () => {
  it.each([
    ['nghi-quyet.pdf', PDF, 'pdf'],
    ['nghi-quyet.PDF', PDF, 'pdf'],
    ['bao-cao.docx', ZIP, 'docx'],
    ['anh-chup.JPG', JPEG, 'image'],
    ['anh-chup.png', PNG, 'image'],
    ['ghi-chu.txt', TEXT, 'text'],
    ['ghi-chu.md', TEXT, 'text'],
    ['trang-tin.htm', TEXT, 'html'],
    // A misnamed file is read as what it holds.
    ['bao-cao.txt', PDF, 'pdf'],
    ['scan.jpg', PNG, 'image'],
  ])('%s', (file, bytes, format) => expect(chooseFormat(file, bytes)).toBe(format));

  it.each([
    ['bang-tinh.xlsx', ZIP, 'FILE_UNSUPPORTED', 'Chưa hỗ trợ định dạng của tệp bang-tinh.xlsx'],
    ['khong-duoi', TEXT, 'FILE_UNSUPPORTED', 'khong-duoi'],
    ['van-ban.doc', OLE, 'FILE_UNSUPPORTED', 'van-ban.doc'],
    ['mat-khau.docx', OLE, 'FILE_BROKEN', 'mật khẩu'],
    ['hong.docx', TEXT, 'FILE_BROKEN', 'nội dung không phải tệp Word (.docx)'],
    ['hong.pdf', TEXT, 'FILE_BROKEN', 'nội dung không phải tệp PDF'],
    ['hong.png', TEXT, 'FILE_BROKEN', 'nội dung không phải tệp ảnh'],
  ])('%s is refused (%s)', (file, bytes, code, text) => {
    let error: unknown;
    try {
      chooseFormat(file, bytes);
    } catch (err) {
      error = err;
    }
    expect(isChithiError(error) && error.code).toBe(code);
    expect((error as Error).message).toContain(text);
    expect((error as Error).message).toContain(file);
  });
});

describe('dropRunningLines', () => {
  it.each<[string, string[], string[]]>([
    [
      'running header and page numbers',
      ['BĐBP tỉnh Ninh Thuận\nNội dung trang một.\n1', 'BĐBP tỉnh Ninh Thuận\nNội dung trang hai.\n2'],
      ['Nội dung trang một.', 'Nội dung trang hai.'],
    ],
    [
      'footer with changing numbers ("Trang 1/3")',
      ['Mở đầu.\nTrang 1/3', 'Thân bài.\nTrang 2/3', 'Kết luận.\nTrang 3/3'],
      ['Mở đầu.', 'Thân bài.', 'Kết luận.'],
    ],
    [
      'a single page keeps its first line, loses "- 1 -"',
      ['NGHỊ QUYẾT\nNội dung.\n- 1 -'],
      ['NGHỊ QUYẾT\nNội dung.'],
    ],
    [
      'a line repeated in the middle of pages stays',
      ['Đầu một\nx\nĐảng ủy lãnh đạo.\ny\nCuối một', 'Đầu hai\nz\nĐảng ủy lãnh đạo.\nw\nCuối hai'],
      ['Đầu một\nx\nĐảng ủy lãnh đạo.\ny\nCuối một', 'Đầu hai\nz\nĐảng ủy lãnh đạo.\nw\nCuối hai'],
    ],
    [
      'a header on one page of three stays',
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nMột.', 'Hai.', 'Ba.'],
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nMột.', 'Hai.', 'Ba.'],
    ],
    ['numbers inside text stay', ['Năm 2025\nđạt 100%'], ['Năm 2025\nđạt 100%']],
    [
      'a wrapped title ending in a bare year keeps it',
      ['Đảng ủy Quân sự tỉnh Hà Tĩnh ra nghị quyết năm\n2025\nNgày 20/12/2024, hội nghị.'],
      ['Đảng ủy Quân sự tỉnh Hà Tĩnh ra nghị quyết năm\n2025\nNgày 20/12/2024, hội nghị.'],
    ],
    [
      'a two-line running header goes too',
      ['BỘ CHỈ HUY BĐBP\nPhòng Tham mưu\nMột.\nHai.', 'BỘ CHỈ HUY BĐBP\nPhòng Tham mưu\nBa.\nBốn.'],
      ['Một.\nHai.', 'Ba.\nBốn.'],
    ],
  ])('%s', (_name, pages, expected) => expect(dropRunningLines(pages)).toEqual(expected));
});
