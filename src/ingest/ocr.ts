import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createError } from '../errors';

/**
 * Optical character recognition with the Tesseract command-line program and its Vietnamese data
 * (Debian packages `tesseract-ocr` and `tesseract-ocr-vie`). Tesseract runs as a child process with
 * a timeout, so a stuck page cannot hang ingestion, and its absence is a clear message, not a crash.
 */

export interface OcrOptions {
  /** The program to run; defaults to `tesseract` on the PATH. */
  binary?: string;
  /** Tesseract language(s); defaults to `vie`. */
  language?: string;
  /** Per-image limit in milliseconds; defaults to 120 000 (2 minutes). */
  timeoutMs?: number;
}

/** What is missing for OCR, named by the Debian package that provides it; null when OCR works. */
export type OcrMissing = 'tesseract-ocr' | 'tesseract-ocr-vie' | null;

const DEFAULT_TIMEOUT_MS = 120_000;

function run(binary: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      // One OpenMP thread: pages are recognized one after another, and parallel threads contend on 2 cores.
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, OMP_THREAD_LIMIT: '1' } },
      (err, stdout, stderr) => {
        if (err) reject(Object.assign(err, { stderr }));
        else resolve({ stdout, stderr });
      },
    );
  });
}

const languageCheck = new Map<string, Promise<OcrMissing>>();

/**
 * Finds out whether OCR can run: is the program there, and does it have the language data? The
 * answer is cached per binary and language for the life of the process.
 */
export function findOcrMissing(options: OcrOptions = {}): Promise<OcrMissing> {
  const binary = options.binary ?? 'tesseract';
  const language = options.language ?? 'vie';
  const key = `${binary}\u0000${language}`;
  let pending = languageCheck.get(key);
  if (!pending) {
    pending = run(binary, ['--list-langs'], 15_000).then(
      ({ stdout, stderr }) => {
        // Tesseract 4 prints the list on stderr, 5 on stdout.
        const langs = new Set(`${stdout}\n${stderr}`.split(/\s+/));
        return language.split('+').every((l) => langs.has(l)) ? null : 'tesseract-ocr-vie';
      },
      () => 'tesseract-ocr' as const,
    );
    languageCheck.set(key, pending);
  }
  return pending;
}

/** True when Tesseract and its Vietnamese data are installed. */
export async function isTesseractAvailable(options: OcrOptions = {}): Promise<boolean> {
  return (await findOcrMissing(options)) === null;
}

/** The Vietnamese explanation for a missing OCR piece, naming the Debian package to install. */
export function describeOcrMissing(missing: Exclude<OcrMissing, null>): string {
  return missing === 'tesseract-ocr'
    ? 'máy chưa cài chương trình nhận dạng chữ Tesseract (hãy cài gói "tesseract-ocr" và "tesseract-ocr-vie").'
    : 'Tesseract chưa có dữ liệu tiếng Việt (hãy cài gói "tesseract-ocr-vie").';
}

/**
 * Recognizes the text in one image (PNG, JPEG, TIFF…), given as a path or as bytes. Returns NFC text
 * with Tesseract's line breaks and blank lines between paragraphs (empty when nothing was found).
 *
 * @param file the name used in error messages (defaults to the path, or "ảnh").
 * @throws ChithiError OCR_UNAVAILABLE when Tesseract or its Vietnamese data is missing, or it fails.
 */
export async function ocrImage(
  input: string | Buffer,
  options: OcrOptions & { file?: string } = {},
): Promise<string> {
  const name = options.file ?? (typeof input === 'string' ? path.basename(input) : 'ảnh');
  const missing = await findOcrMissing(options);
  if (missing) throw createError('OCR_UNAVAILABLE', name, describeOcrMissing(missing));

  let dir: string | undefined;
  let imagePath: string;
  if (typeof input === 'string') {
    imagePath = input;
  } else {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chithi-ocr-'));
    imagePath = path.join(dir, 'page');
    await fs.writeFile(imagePath, input);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    const { stdout } = await run(
      options.binary ?? 'tesseract',
      [imagePath, 'stdout', '-l', options.language ?? 'vie', '--psm', '3'],
      timeoutMs,
    );
    return stdout.replace(/\f/g, '').trim().normalize('NFC');
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { killed?: boolean; stderr?: string };
    const why = e.killed
      ? `quá thời gian nhận dạng (${Math.round(timeoutMs / 1000)} giây).`
      : `Tesseract báo lỗi: ${(e.stderr || e.message).trim().split('\n').slice(-1)[0]}`;
    throw Object.assign(createError('OCR_UNAVAILABLE', name, why), { cause: err });
  } finally {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  }
}
