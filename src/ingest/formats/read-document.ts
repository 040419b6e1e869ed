import fs from 'node:fs/promises';
import path from 'node:path';
import { createError, isChithiError } from '../../errors';
import { detectAndDecode, UndecodableTextError } from '../legacy-encodings';
import { ocrImage, OcrOptions } from '../ocr';
import { ExtractedDocument } from '../types';
// The readers of .docx, .html and .pdf load mammoth, node-html-parser and pdf.js (about 100 ms): they
// are required when such a file is read, so `chithi ask` and the bot's start never pay for them.
/* eslint-disable @typescript-eslint/no-require-imports */
const readDocx: typeof import('./read-docx').readDocx = (...args) =>
  (require('./read-docx') as typeof import('./read-docx')).readDocx(...args);
const readHtml: typeof import('./read-html').readHtml = (...args) =>
  (require('./read-html') as typeof import('./read-html')).readHtml(...args);
const readPdf: typeof import('./read-pdf').readPdf = (...args) =>
  (require('./read-pdf') as typeof import('./read-pdf')).readPdf(...args);
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * One entry point for every document format: picks the reader from the file's extension and its
 * first bytes, checks the size before parsing, and turns every failure into a ChithiError whose
 * Vietnamese message names the file.
 */

/** Largest file accepted, in bytes: 50 MB (Telegram bots can only download 20 MB anyway). */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

export type DocumentFormat = 'text' | 'html' | 'docx' | 'pdf' | 'image';

const FORMAT_BY_EXTENSION: Record<string, DocumentFormat> = {
  '.txt': 'text',
  '.md': 'text',
  '.markdown': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf',
  '.png': 'image',
  '.jpg': 'image',
  '.jpeg': 'image',
};

/** Extensions readDocument reads (lower-case, with the dot), for directory walks and upload checks. */
export const SUPPORTED_EXTENSIONS: ReadonlySet<string> = new Set(Object.keys(FORMAT_BY_EXTENSION));

const FORMAT_NAMES: Record<DocumentFormat, string> = {
  text: 'văn bản',
  html: 'HTML',
  docx: 'Word (.docx)',
  pdf: 'PDF',
  image: 'ảnh',
};

export type SniffedContent = 'pdf' | 'zip' | 'ole' | 'png' | 'jpeg' | 'unknown';

/** What the first bytes say a file is. */
export function sniffContent(bytes: Uint8Array): SniffedContent {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'zip';
  // Word 97-2003 files and password-protected .docx are both OLE compound files.
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  // The PDF header may follow some junk; readers accept it within the first kilobyte.
  if (Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) return 'pdf';
  return 'unknown';
}

const FORMAT_BY_CONTENT: Partial<Record<SniffedContent, DocumentFormat>> = {
  pdf: 'pdf',
  zip: 'docx',
  png: 'image',
  jpeg: 'image',
};

/**
 * Chooses the reader: the extension must be a supported one; binary content (PDF, ZIP, PNG, JPEG)
 * decides the reader even if the extension says otherwise, so "bao-cao.txt" holding a PDF reads as a
 * PDF. A binary extension with other content is a broken file.
 */
export function chooseFormat(file: string, bytes: Uint8Array): DocumentFormat {
  const ext = path.extname(file).toLowerCase();
  const byExtension = FORMAT_BY_EXTENSION[ext];
  if (!byExtension) throw createError('FILE_UNSUPPORTED', file);
  const sniffed = sniffContent(bytes);
  if (sniffed === 'ole') {
    throw createError(
      'FILE_BROKEN',
      file,
      'đây là tệp Word cũ (.doc) hoặc tệp được đặt mật khẩu; hãy mở bằng Word, gỡ mật khẩu và lưu lại thành .docx.',
    );
  }
  const byContent = FORMAT_BY_CONTENT[sniffed];
  if (byContent) return byContent;
  if (byExtension === 'text' || byExtension === 'html') return byExtension;
  throw createError('FILE_BROKEN', file, `nội dung không phải tệp ${FORMAT_NAMES[byExtension]}.`);
}

export interface ReadOptions {
  ocr?: OcrOptions;
  /** Overrides {@link MAX_DOCUMENT_BYTES}. */
  maxBytes?: number;
}

function decodeText(file: string, bytes: Buffer): { text: string; notes: string[] } {
  try {
    const decoded = detectAndDecode(bytes);
    return { text: decoded.text, notes: decoded.note ? [decoded.note] : [] };
  } catch (err) {
    if (err instanceof UndecodableTextError) {
      const error =
        err.reason === 'binary' ? createError('FILE_BINARY', file) : createError('FILE_NOT_UTF8', file);
      throw Object.assign(error, { cause: err });
    }
    throw err;
  }
}

async function readAs(format: DocumentFormat, file: string, bytes: Buffer, options: ReadOptions) {
  switch (format) {
    case 'text': {
      const { text, notes } = decodeText(file, bytes);
      return { segments: [{ text: text.replace(/\r\n?/g, '\n') }], ocr: false, notes } as ExtractedDocument;
    }
    case 'html': {
      const { text, notes } = decodeText(file, bytes);
      const doc = readHtml(text);
      return { ...doc, notes: [...notes, ...doc.notes] };
    }
    case 'docx':
      return readDocx(file, bytes);
    case 'pdf':
      return readPdf(file, bytes, { ocr: options.ocr });
    case 'image': {
      const text = await ocrImage(bytes, { ...options.ocr, file });
      return {
        segments: [{ text }],
        ocr: true,
        notes: ['đã nhận dạng chữ (OCR) từ ảnh; có thể có lỗi nhận dạng'],
      } as ExtractedDocument;
    }
  }
}

/**
 * Reads any supported document into text segments for the ingest pipeline.
 *
 * @param file path of the document; also the name shown in error messages.
 * @param bytes the content when already in memory (a bot upload); read from `file` otherwise.
 * @throws ChithiError FILE_NOT_FOUND, FILE_TOO_LARGE, FILE_EMPTY, FILE_UNSUPPORTED, FILE_BROKEN,
 *   FILE_BINARY, FILE_NOT_UTF8 or OCR_UNAVAILABLE, each naming the file.
 */
export async function readDocument(
  file: string,
  bytes?: Buffer,
  options: ReadOptions = {},
): Promise<ExtractedDocument> {
  const name = file;
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
  if (!FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()]) throw createError('FILE_UNSUPPORTED', name);
  let content = bytes;
  if (!content) {
    let size: number;
    try {
      size = (await fs.stat(file)).size;
    } catch (err) {
      throw Object.assign(createError('FILE_NOT_FOUND', file), { cause: err });
    }
    if (size > maxBytes) throw createError('FILE_TOO_LARGE', name, Math.round(maxBytes / 1024 / 1024));
    content = await fs.readFile(file);
  }
  if (content.length > maxBytes)
    throw createError('FILE_TOO_LARGE', name, Math.round(maxBytes / 1024 / 1024));
  if (content.length === 0) throw createError('FILE_EMPTY', name);

  const format = chooseFormat(name, content);
  let doc: ExtractedDocument;
  try {
    doc = await readAs(format, name, content, options);
  } catch (err) {
    if (isChithiError(err)) throw err;
    throw Object.assign(createError('FILE_BROKEN', name, 'không đọc được nội dung tệp.'), { cause: err });
  }
  const ext = path.extname(name).toLowerCase();
  if (FORMAT_BY_EXTENSION[ext] !== format) {
    doc.notes.unshift(`tệp có đuôi ${ext} nhưng nội dung là ${FORMAT_NAMES[format]}`);
  }
  const segments = doc.segments.filter((s) => s.text.trim());
  if (segments.length === 0) throw createError('FILE_EMPTY', name);
  return { ...doc, segments };
}
