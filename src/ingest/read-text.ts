import { createError } from '../errors';
import { ExtractedDocument } from './types';

/**
 * Decodes a .txt/.md file that must be UTF-8 (with or without BOM, CRLF or LF). A NUL byte means a
 * binary file; invalid UTF-8 means another encoding (often TCVN3 or VNI): both are refused with the
 * file's name, so the other files still ingest.
 */
export function decodeUtf8Text(file: string, bytes: Buffer): string {
  if (bytes.includes(0)) throw createError('FILE_BINARY', file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw Object.assign(createError('FILE_NOT_UTF8', file), { cause: err });
  }
  text = text.replace(/^\uFEFF/, '');
  if (!text.trim()) throw createError('FILE_EMPTY', file);
  return text;
}

export function readPlainText(file: string, bytes: Buffer): ExtractedDocument {
  return { segments: [{ text: decodeUtf8Text(file, bytes) }], ocr: false, notes: [] };
}
