import { isUtf8 } from 'node:buffer';
import { createError } from '../errors';
import { utf8ToString } from '../text/code-units';
import { ExtractedDocument } from './types';

/**
 * Decodes a .txt/.md file that must be UTF-8 (with or without BOM, CRLF or LF). A NUL byte means a
 * binary file; invalid UTF-8 means another encoding (often TCVN3 or VNI): both are refused with the
 * file's name, so the other files still ingest.
 */
export function decodeUtf8Text(file: string, bytes: Buffer): string {
  if (bytes.includes(0)) throw createError('FILE_BINARY', file);
  if (!isUtf8(bytes)) throw createError('FILE_NOT_UTF8', file);
  let text = utf8ToString(bytes);
  // A byte order mark is dropped, as a decoder drops it, and one more after it (a file saved twice).
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) throw createError('FILE_EMPTY', file);
  return text;
}

export function readPlainText(file: string, bytes: Buffer): ExtractedDocument {
  return { segments: [{ text: decodeUtf8Text(file, bytes) }], ocr: false, notes: [] };
}
