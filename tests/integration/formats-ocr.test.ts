import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isChithiError } from '../../src/errors';
import { readDocument } from '../../src/ingest/formats/read-document';
import { findOcrMissing, isTesseractAvailable, ocrImage } from '../../src/ingest/ocr';
import {
  FIXTURE,
  makePng,
  makeScannedPdf,
  makeTextPdf,
  readDocumentInNode,
  requireTesseract,
  wordRecall,
} from '../helpers/make-fixtures';

/**
 * OCR needs the Debian packages tesseract-ocr and tesseract-ocr-vie (installed by .ci/run). Missing
 * ones fail these tests with the package name instead of skipping them.
 */

/**
 * Share of the original words OCR must get right, in order. Measured with Tesseract 5.3 (Debian 12):
 * 1.000 on these fixtures, 0.998 on the whole seed report rendered as a scan (620 words).
 */
const MIN_WORD_RECALL = 0.9;

const PARAGRAPHS = FIXTURE.paragraphs;

let dir: string;
beforeAll(async () => {
  await requireTesseract();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-ocr-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('OCR with Tesseract', () => {
  it('reports Tesseract with Vietnamese data as available', async () => {
    expect(await findOcrMissing()).toBeNull();
    expect(await isTesseractAvailable()).toBe(true);
  });

  it('a PNG of a Vietnamese paragraph reads back within tolerance, marked as OCR', async () => {
    const doc = await readDocument(write('anh-chup.png', await makePng(PARAGRAPHS)));
    expect(doc.ocr).toBe(true);
    expect(doc.notes).toEqual(['đã nhận dạng chữ (OCR) từ ảnh; có thể có lỗi nhận dạng']);
    const text = doc.segments.map((s) => s.text).join('\n');
    expect(wordRecall(PARAGRAPHS.join(' '), text)).toBeGreaterThanOrEqual(MIN_WORD_RECALL);
  });

  it('a scanned two-page PDF: each page OCRed with its page number', async () => {
    const pages = [{ paragraphs: PARAGRAPHS }, { paragraphs: FIXTURE.listItems }];
    const result = await readDocumentInNode(write('ban-scan.pdf', await makeScannedPdf(pages)));
    if ('error' in result) throw new Error(result.error.message);
    expect(result.ocr).toBe(true);
    expect(result.notes).toEqual(['đã nhận dạng chữ (OCR) các trang 1, 2; có thể có lỗi nhận dạng']);
    expect(result.segments.map((s) => s.page)).toEqual([1, 2]);
    result.segments.forEach((segment, i) => {
      expect(wordRecall(pages[i]!.paragraphs.join(' '), segment.text)).toBeGreaterThanOrEqual(
        MIN_WORD_RECALL,
      );
    });
  });

  it('a PDF with a text layer is not OCRed', async () => {
    const result = await readDocumentInNode(
      write('co-chu.pdf', await makeTextPdf([{ paragraphs: PARAGRAPHS }])),
    );
    expect('error' in result ? result.error : result.ocr).toBe(false);
  });
});

describe('without Tesseract', () => {
  const missingBinary = { binary: path.join(os.tmpdir(), 'khong-co-tesseract') };

  it.each([
    ['the program', missingBinary, 'tesseract-ocr'],
    ['the Vietnamese data', { language: 'vie+khongco' }, 'tesseract-ocr-vie'],
  ])('missing %s → a Vietnamese message naming the Debian package', async (_name, options, pkg) => {
    expect(await findOcrMissing(options)).toBe(pkg);
    let error: unknown;
    try {
      await ocrImage(Buffer.from('x'), { ...options, file: 'anh.png' });
    } catch (err) {
      error = err;
    }
    expect(isChithiError(error) && error.code).toBe('OCR_UNAVAILABLE');
    expect((error as Error).message).toContain('anh.png');
    expect((error as Error).message).toContain(`"${pkg}"`);
  });

  it('an image is refused with the message, not a crash', async () => {
    const file = write('khong-ocr.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    await expect(readDocument(file, undefined, { ocr: missingBinary })).rejects.toThrow(
      `Không nhận dạng được chữ trong tệp ${file}: máy chưa cài chương trình nhận dạng chữ Tesseract`,
    );
  });

  it('a scanned PDF is refused with the message', async () => {
    const file = write('scan-khong-ocr.pdf', await makeScannedPdf([{ paragraphs: PARAGRAPHS.slice(0, 1) }]));
    const result = await readDocumentInNode(file, { ocr: missingBinary });
    expect(result).toEqual({
      error: { code: 'OCR_UNAVAILABLE', message: expect.stringContaining('tesseract-ocr') },
    });
  });
});
