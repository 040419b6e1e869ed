import { createError } from '../errors';
import { decodeUtf8 } from '../text/code-units';
import { ExtractedDocument } from './types';

/**
 * Decodes a .txt/.md file that must be UTF-8 (with or without BOM, CRLF or LF). A NUL byte means a
 * binary file; invalid UTF-8 means another encoding (often TCVN3 or VNI): both are refused with the
 * file's name, so the other files still ingest.
 */
export function decodeUtf8Text(file: string, bytes: Buffer): string {
  if (bytes.includes(0)) throw createError('FILE_BINARY', file);
  let text = decodeUtf8(bytes);
  if (text === null) throw createError('FILE_NOT_UTF8', file);
  // One more byte order mark after the one decodeUtf8 drops (a file saved twice).
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) throw createError('FILE_EMPTY', file);
  return text;
}

export function readPlainText(file: string, bytes: Buffer): ExtractedDocument {
  return { segments: [{ text: decodeUtf8Text(file, bytes) }], ocr: false, notes: [] };
}
