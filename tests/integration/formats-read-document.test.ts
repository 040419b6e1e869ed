import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isChithiError } from '../../src/errors';
import { readDocument } from '../../src/ingest/formats/read-document';
import { encodeTcvn3, encodeVni, encodeWindows1258 } from '../../src/ingest/legacy-encodings';
import { ExtractedDocument } from '../../src/ingest/types';
import {
  FIXTURE,
  fixturePlainText,
  makeDocx,
  makeEncryptedPdf,
  makeTextPdf,
  readDocumentInNode,
  ReadResult,
  SEED_FILE,
  wordsOf,
} from '../helpers/make-fixtures';

const SEED = fs.readFileSync(SEED_FILE, 'utf8');

let dir: string;
let textPdf: Buffer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-formats-'));
  textPdf = await makeTextPdf(
    [
      { paragraphs: [FIXTURE.heading, ...FIXTURE.paragraphs] },
      { paragraphs: [FIXTURE.listHeading, ...FIXTURE.listItems] },
    ],
    { header: 'BĐBP tỉnh Ninh Thuận', title: FIXTURE.title },
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

function allText(doc: ExtractedDocument): string {
  return doc.segments.map((s) => s.text).join('\n');
}

/** PDFs are read in a child Node process (see readDocumentInNode). */
async function readPdfDoc(file: string): Promise<ExtractedDocument> {
  const result = await readDocumentInNode(file);
  if ('error' in result) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
}

async function pdfFailure(file: string): Promise<{ code: string; message: string }> {
  const result: ReadResult = await readDocumentInNode(file);
  if (!('error' in result)) throw new Error('expected a ChithiError');
  return result.error;
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (isChithiError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a ChithiError');
}

describe('.docx', () => {
  it('keeps title, headings, numbered and bulleted lists and table rows, and the same text', async () => {
    const doc = await readDocument(write('nghi-quyet.docx', await makeDocx()));
    expect(doc.title).toBe(FIXTURE.title);
    expect(doc.ocr).toBe(false);
    expect(doc.segments.map((s) => s.kind)).toEqual([
      'title',
      'heading',
      'paragraph',
      'paragraph',
      'heading',
      'list-item',
      'list-item',
      'list-item',
      'list-item',
      'list-item',
      'paragraph',
      'paragraph',
    ]);
    expect(allText(doc)).toBe(fixturePlainText());
  });

  it.each([
    ['random bytes named .docx', Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 251))],
    ['a zip that is not a Word file', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 1)])],
  ])('%s → FILE_BROKEN naming the file', async (_name, bytes) => {
    const file = write('bao-cao-hong.docx', bytes);
    const error = await failure(readDocument(file));
    expect(error.code).toBe('FILE_BROKEN');
    expect(error.message).toContain(file);
  });

  it('a truncated .docx → FILE_BROKEN', async () => {
    const docx = await makeDocx();
    const error = await failure(readDocument(write('cat-do.docx', docx.subarray(0, docx.length / 2))));
    expect(error).toEqual({ code: 'FILE_BROKEN', message: expect.stringContaining('cat-do.docx') });
  });
});

describe('.pdf with a text layer', () => {
  it('one segment per page, page numbers kept, running header and page numbers dropped', async () => {
    const doc = await readPdfDoc(write('hai-trang.pdf', textPdf));
    expect(doc.segments.map((s) => s.page)).toEqual([1, 2]);
    expect(doc.ocr).toBe(false);
    expect(doc.title).toBe(FIXTURE.title);
    expect(allText(doc)).not.toContain('BĐBP tỉnh Ninh Thuận');
    expect(doc.segments.map((s) => s.text.split('\n').pop())).not.toContain('1');
    expect(wordsOf(doc.segments[0]!.text)).toEqual(
      wordsOf([FIXTURE.heading, ...FIXTURE.paragraphs].join(' ')),
    );
    expect(wordsOf(doc.segments[1]!.text)).toEqual(
      wordsOf([FIXTURE.listHeading, ...FIXTURE.listItems].join(' ')),
    );
  });

  it('the whole seed report over several pages yields the same words', async () => {
    const paragraphs = SEED.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim());
    const pdf = await makeTextPdf(
      paragraphs.map((p) => ({ paragraphs: [p] })),
      { header: 'Báo Biên phòng' },
    );
    const doc = await readPdfDoc(write('seed.pdf', pdf));
    expect(doc.segments.map((s) => s.page)).toEqual(paragraphs.map((_, i) => i + 1));
    expect(wordsOf(allText(doc))).toEqual(wordsOf(SEED));
  });

  it('an encrypted PDF → FILE_BROKEN mentioning the password', async () => {
    const file = write('mat-khau.pdf', await makeEncryptedPdf(textPdf));
    const error = await pdfFailure(file);
    expect(error.code).toBe('FILE_BROKEN');
    expect(error.message).toContain(file);
    expect(error.message).toContain('mật khẩu');
  });

  it.each([0.5, 0.1])('a PDF truncated to %s of its length → FILE_BROKEN', async (share) => {
    const file = write(`cat-${share}.pdf`, textPdf.subarray(0, Math.floor(textPdf.length * share)));
    const error = await pdfFailure(file);
    expect(error.code).toBe('FILE_BROKEN');
    expect(error.message).toContain(file);
  });
});

describe('.txt and .md', () => {
  it.each([
    ['UTF-8', Buffer.from(SEED, 'utf8'), []],
    ['UTF-8 with BOM and CRLF', Buffer.from(`\ufeff${SEED.replace(/\n/g, '\r\n')}`, 'utf8'), []],
    ['TCVN3', encodeTcvn3(SEED), ['đã chuyển từ mã TCVN3 (ABC) sang Unicode']],
    ['VNI', encodeVni(SEED), ['đã chuyển từ mã VNI sang Unicode']],
    ['Windows-1258', encodeWindows1258(SEED), ['đã chuyển từ mã Windows-1258 sang Unicode']],
  ])('%s → the original text, one segment', async (name, bytes, notes) => {
    const doc = await readDocument(write(`seed-${name.replace(/\W+/g, '-')}.txt`, bytes));
    expect(doc).toEqual({ segments: [{ text: SEED.normalize('NFC') }], ocr: false, notes });
  });

  it('markdown is read as text', async () => {
    const doc = await readDocument(write('ghi-chu.md', '# Nghị quyết\n\nNội dung.\n'));
    expect(doc.segments).toEqual([{ text: '# Nghị quyết\n\nNội dung.\n' }]);
  });

  it('bytes given by the caller (a bot upload) are used instead of the disk', async () => {
    const doc = await readDocument('tai-len/ban-tin.txt', Buffer.from('Bản tin Biên phòng', 'utf8'));
    expect(allText(doc)).toBe('Bản tin Biên phòng');
  });

  it('a PDF saved with a .txt name is read as a PDF, with a note', async () => {
    const doc = await readPdfDoc(write('nham-duoi.txt', textPdf));
    expect(doc.segments.map((s) => s.page)).toEqual([1, 2]);
    expect(doc.notes[0]).toBe('tệp có đuôi .txt nhưng nội dung là PDF');
  });
});

describe('.html', () => {
  it('a page in UTF-8 and one in TCVN3 give the same structure', async () => {
    const html = `<html><head><title>${FIXTURE.title}</title><script>alert(1)</script></head><body><nav>Trang chủ</nav><h2>${FIXTURE.heading}</h2>${FIXTURE.paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
    const utf8 = await readDocument(write('tin.html', html));
    const tcvn3 = await readDocument(write('tin-cu.htm', encodeTcvn3(html)));
    const expected = [
      { kind: 'heading', text: FIXTURE.heading },
      ...FIXTURE.paragraphs.map((text) => ({ kind: 'paragraph', text })),
    ];
    expect(utf8).toEqual({ segments: expected, ocr: false, notes: [], title: FIXTURE.title });
    expect(tcvn3.segments).toEqual(expected);
    expect(tcvn3.notes).toEqual(['đã chuyển từ mã TCVN3 (ABC) sang Unicode']);
  });
});

describe('refused files', () => {
  it.each([
    ['an unknown extension', 'bang-tinh.xlsx', Buffer.from('PK\u0003\u0004'), 'FILE_UNSUPPORTED'],
    ['an empty .txt', 'rong.txt', Buffer.alloc(0), 'FILE_EMPTY'],
    ['an empty .pdf', 'rong.pdf', Buffer.alloc(0), 'FILE_EMPTY'],
    ['whitespace only', 'trang.txt', Buffer.from(' \r\n\t\n', 'utf8'), 'FILE_EMPTY'],
    [
      'an HTML page without text',
      'trong.html',
      Buffer.from('<html><script>x()</script></html>'),
      'FILE_EMPTY',
    ],
    ['binary bytes named .txt', 'nhi-phan.txt', Buffer.from([1, 0, 3, 0, 0xff, 0xfe, 9, 0]), 'FILE_BINARY'],
    ['Latin-1 text', 'latin1.txt', Buffer.from('Un café crème à côté', 'latin1'), 'FILE_NOT_UTF8'],
  ])('%s → %s naming the file', async (_name, fileName, bytes, code) => {
    const file = write(fileName, bytes);
    const error = await failure(readDocument(file));
    expect(error.code).toBe(code);
    expect(error.message).toContain(file);
  });

  it('a missing file → FILE_NOT_FOUND', async () => {
    expect((await failure(readDocument(path.join(dir, 'khong-co.pdf')))).code).toBe('FILE_NOT_FOUND');
  });

  it('a file over the size limit is refused before it is read', async () => {
    const file = write('lon.pdf', textPdf);
    const error = await failure(readDocument(file, undefined, { maxBytes: textPdf.length - 1 }));
    expect(error.code).toBe('FILE_TOO_LARGE');
    expect(error.message).toContain(file);
    const inMemory = await failure(
      readDocument('tai-len/lon.pdf', textPdf, { maxBytes: textPdf.length - 1 }),
    );
    expect(inMemory.code).toBe('FILE_TOO_LARGE');
  });
});
