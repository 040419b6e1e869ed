import type { PDFParse as PDFParseType } from 'pdf-parse';
import { createError, isChithiError } from '../../errors';
import { describeOcrMissing, findOcrMissing, ocrImage, OcrOptions } from '../ocr';
import { ExtractedDocument, ExtractedSegment } from '../types';

/**
 * Reads a PDF with pdf-parse (Mozilla's pdf.js underneath): one segment per page, with its 1-based
 * page number, so a citation can say "trang 3". Running headers/footers and bare page numbers are
 * dropped. Pages without a text layer (scans) are rendered to images and read with OCR.
 */

export interface PdfOptions {
  ocr?: OcrOptions;
  /** Width in pixels pages are rendered at for OCR; defaults to 2000 (about 240 dpi for A4). */
  renderWidth?: number;
}

/** A page with fewer letters than this has no usable text layer and is read with OCR instead. */
const MIN_LETTERS_PER_PAGE = 20;

const PAGE_NUMBER = /^[-–—\s]*(trang|page)?\s*\d{1,4}(\s*(\/|trên|of)\s*\d{1,4})?[-–—\s]*$/i;
/** A bare year on its own line is the end of a wrapped title ("… nhiệm vụ năm" / "2025"), not a page number. */
const BARE_YEAR = /^(19|20)\d\d$/;

function letterCount(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

/** pdf.js errors that mean the file itself is bad (anything else is a bug and keeps its own error). */
const BAD_FILE_ERRORS = new Set([
  'InvalidPDFException',
  'FormatError',
  'MissingPDFException',
  'UnknownErrorException',
]);

function pdfError(file: string, err: unknown): unknown {
  const name = (err as { name?: string } | null)?.name ?? '';
  if (name === 'PasswordException') {
    return Object.assign(
      createError('FILE_BROKEN', file, 'tệp PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi gửi lại.'),
      {
        cause: err,
      },
    );
  }
  if (BAD_FILE_ERRORS.has(name)) {
    const why = 'tệp PDF bị hỏng hoặc không đầy đủ; hãy tải hoặc xuất lại tệp.';
    return Object.assign(createError('FILE_BROKEN', file, why), { cause: err });
  }
  return err;
}

/**
 * Removes lines repeated at the top or bottom of most pages (running headers and footers) and bare
 * page numbers ("3", "- 3 -", "Trang 3/10"). Digits are ignored when comparing, so "Trang 3" and
 * "Trang 4" count as the same footer. Only the first and last two lines of a page are candidates.
 */
export function dropRunningLines(pages: string[]): string[] {
  const EDGE = 2;
  const lines = pages.map((p) => p.split('\n').map((l) => l.trim()));
  const key = (line: string) => line.replace(/\d+/g, '#').replace(/\s+/g, ' ').toLowerCase();
  const edges = (ls: string[]) => {
    const nonEmpty = ls.map((l, i) => [l, i] as const).filter(([l]) => l);
    return [...nonEmpty.slice(0, EDGE), ...nonEmpty.slice(-EDGE)];
  };
  const counts = new Map<string, number>();
  for (const ls of lines) {
    for (const k of new Set(edges(ls).map(([l]) => key(l)))) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const needed = Math.max(2, Math.ceil(pages.length * 0.5));
  return lines.map((ls) => {
    const drop = new Set<number>();
    for (const [line, i] of edges(ls)) {
      if (
        (PAGE_NUMBER.test(line) && !BARE_YEAR.test(line)) ||
        (pages.length >= 2 && (counts.get(key(line)) ?? 0) >= needed)
      )
        drop.add(i);
    }
    return ls
      .filter((_, i) => !drop.has(i))
      .join('\n')
      .trim();
  });
}

/** Reads the PDF's text layer, falling back to OCR for pages that have none. */
export async function readPdf(
  file: string,
  bytes: Buffer,
  options: PdfOptions = {},
): Promise<ExtractedDocument> {
  // pdf.js may transfer (detach) the buffer it is given: hand it a copy.
  // Loaded on the first PDF: pdf.js takes ~130 MB, which text-only deployments never need.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PDFParse } = require('pdf-parse') as typeof import('pdf-parse');
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    let info: Awaited<ReturnType<PDFParseType['getInfo']>>;
    let text: Awaited<ReturnType<PDFParseType['getText']>>;
    try {
      info = await parser.getInfo();
      text = await parser.getText();
    } catch (err) {
      throw pdfError(file, err);
    }
    const pages = [...text.pages].sort((a, b) => a.num - b.num);
    const cleaned = dropRunningLines(pages.map((p) => p.text));
    const segments: ExtractedSegment[] = pages.map((p, i) => ({ text: cleaned[i] ?? '', page: p.num }));
    const notes: string[] = [];

    const scanned = segments.filter((s) => letterCount(s.text) < MIN_LETTERS_PER_PAGE);
    let ocr = false;
    if (scanned.length > 0) {
      const missing = await findOcrMissing(options.ocr);
      const allScanned = scanned.length === segments.length;
      if (missing) {
        if (allScanned) throw createError('OCR_UNAVAILABLE', file, describeOcrMissing(missing));
        notes.push(`bỏ qua ${pageList(scanned)} không có lớp chữ: ${describeOcrMissing(missing)}`);
      } else {
        const shots = await parser.getScreenshot({
          partial: scanned.map((s) => s.page!),
          desiredWidth: options.renderWidth ?? 2000,
          imageDataUrl: false,
          imageBuffer: true,
        });
        const recognized: ExtractedSegment[] = [];
        for (const shot of shots.pages) {
          const segment = segments.find((s) => s.page === shot.pageNumber);
          if (!segment) continue;
          const found = await ocrImage(Buffer.from(shot.data), { ...options.ocr, file });
          // Keep whatever the text layer had if OCR finds less (a nearly blank page).
          if (letterCount(found) > letterCount(segment.text)) {
            segment.text = found;
            recognized.push(segment);
          }
        }
        if (recognized.length) {
          ocr = true;
          notes.push(`đã nhận dạng chữ (OCR) ${pageList(recognized)}; có thể có lỗi nhận dạng`);
        }
      }
    }

    const title = cleanTitle(info.info?.Title);
    return { segments: segments.filter((s) => s.text.trim()), ocr, notes, ...(title ? { title } : {}) };
  } catch (err) {
    if (isChithiError(err)) throw err;
    throw pdfError(file, err);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

function pageList(segments: ExtractedSegment[]): string {
  const nums = segments.map((s) => s.page);
  return nums.length === 1 ? `trang ${nums[0]}` : `các trang ${nums.join(', ')}`;
}

/** The Title metadata field, unless it is empty or a converter's placeholder ("Microsoft Word - a.docx"). */
function cleanTitle(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const title = raw.replace(/\s+/g, ' ').trim();
  if (!title || /^(microsoft (word|powerpoint|excel) - |untitled)|\.(docx?|pdf|odt|rtf)$/i.test(title)) {
    return undefined;
  }
  return title.normalize('NFC');
}
