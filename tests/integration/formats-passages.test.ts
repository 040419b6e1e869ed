import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDocument } from '../../src/ingest/formats/read-document';
import { encodeTcvn3, encodeVni, encodeWindows1258 } from '../../src/ingest/legacy-encodings';
import { parseDocument } from '../../src/ingest/parse-document';
import { ExtractedDocument } from '../../src/ingest/types';
import {
  FIXTURE,
  fixturePlainText,
  makeDocx,
  makeScannedPdf,
  makeTextPdf,
  readDocumentInNode,
  requireTesseract,
  SEED_FILE,
  wordRecall,
  wordsOf,
} from '../helpers/make-fixtures';

/** Each format ingests to the same passages as its plain-text original (within OCR tolerance for scans). */

const SEED = fs.readFileSync(SEED_FILE, 'utf8');
const SEED_PARAGRAPHS = SEED.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim());

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-passages-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

async function inNode(file: string): Promise<ExtractedDocument> {
  const result = await readDocumentInNode(file);
  if ('error' in result) throw new Error(result.error.message);
  return result;
}

function passageTexts(file: string, doc: ExtractedDocument): string[] {
  return parseDocument(file, doc).passages.map((p) => p.text);
}

it.each([
  ['TCVN3', encodeTcvn3(SEED)],
  ['TCVN3 saved again as UTF-8', Buffer.from(encodeTcvn3(SEED).toString('latin1'), 'utf8')],
  ['VNI', encodeVni(SEED)],
  ['Windows-1258', encodeWindows1258(SEED)],
])('the seed report in %s gives exactly the passages of the UTF-8 original', async (name, bytes) => {
  const original = passageTexts('seed.txt', await readDocument(write('seed.txt', SEED)));
  const legacy = passageTexts(
    'seed.txt',
    await readDocument(write(`seed-${name.replace(/\W+/g, '-')}.txt`, bytes)),
  );
  expect(original.length).toBeGreaterThan(3);
  expect(legacy).toEqual(original);
});

it('the .docx gives the passages of its plain-text original', async () => {
  const plain = fixturePlainText().split('\n').join('\n\n');
  const fromText = passageTexts('nghi-quyet.md', await readDocument(write('nghi-quyet.md', plain)));
  const fromDocx = passageTexts(
    'nghi-quyet.docx',
    await readDocument(write('nghi-quyet.docx', await makeDocx())),
  );
  expect(fromDocx).toEqual(fromText);
  expect(parseDocument('nghi-quyet.docx', await readDocument(path.join(dir, 'nghi-quyet.docx'))).title).toBe(
    FIXTURE.title,
  );
});

it('a text PDF of the seed report gives the same words, each passage with its page', async () => {
  const pdf = await makeTextPdf(
    SEED_PARAGRAPHS.map((p) => ({ paragraphs: [p] })),
    { header: 'Báo Biên phòng' },
  );
  const parsed = parseDocument('seed.pdf', await inNode(write('seed.pdf', pdf)));
  expect(wordsOf(parsed.passages.map((p) => p.text).join(' '))).toEqual(wordsOf(SEED));
  expect(new Set(parsed.passages.map((p) => p.page))).toEqual(new Set(SEED_PARAGRAPHS.map((_, i) => i + 1)));
  // A passage starting the second page carries page 2.
  const second = parsed.passages.find((p) => p.text.startsWith(SEED_PARAGRAPHS[1]!.slice(0, 30)));
  expect(second?.page).toBe(2);
});

it('a scanned PDF of the seed report gives its passages within OCR tolerance', async () => {
  await requireTesseract();
  const pdf = await makeScannedPdf(SEED_PARAGRAPHS.map((p) => ({ paragraphs: [p] })));
  const parsed = parseDocument('seed-scan.pdf', await inNode(write('seed-scan.pdf', pdf)));
  expect(parsed.ocr).toBe(true);
  // Measured: 0.998 of the 620 words recovered in order.
  expect(wordRecall(SEED, parsed.passages.map((p) => p.text).join(' '))).toBeGreaterThanOrEqual(0.9);
});
