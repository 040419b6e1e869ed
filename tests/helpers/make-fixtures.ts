import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
} from 'docx';
import { PDFDocument, PDFHexString } from 'pdf-lib';
import { PDFParse } from 'pdf-parse';
import { isChithiError } from '../../src/errors';
import { readDocument, ReadOptions } from '../../src/ingest/formats/read-document';
import { findOcrMissing } from '../../src/ingest/ocr';
import { wrapToWidth } from '../../src/eval/genre-formats';
import { ExtractedDocument } from '../../src/ingest/types';

/**
 * Builds the format fixtures at test time (nothing binary is committed): a .docx, text PDFs, a
 * scanned PDF and a PNG, all from the same Vietnamese text taken from the seed report, so each
 * format can be compared with its plain-text original.
 */

/** The sample report shipped with the project (a copy of the shared seed). */
export const SEED_FILE = path.join(__dirname, '..', '..', 'data', 'bdbp-ninh-thuan-nghi-quyet-2025.txt');

/** A Unicode TTF with Vietnamese glyphs, from the Debian package fonts-dejavu-core. */
export const DEJAVU_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

export const FIXTURE = {
  title: 'Nghị quyết lãnh đạo thực hiện nhiệm vụ năm 2025',
  heading: 'Kết quả thực hiện nhiệm vụ năm 2024',
  paragraphs: [
    'Năm 2024, chấp hành sự lãnh đạo, chỉ đạo của Đảng ủy, Bộ Tư lệnh BĐBP và Tỉnh ủy, UBND tỉnh, cấp ủy, chỉ huy các cấp trong BĐBP tỉnh đã lãnh đạo, chỉ đạo toàn diện các mặt công tác.',
    'Công tác đấu tranh phòng, chống tội phạm có những chuyển biến tiến bộ. Trận địa tư tưởng của Đảng trong đơn vị được giữ vững.',
  ],
  listHeading: 'Phương hướng nhiệm vụ năm 2025',
  listItems: [
    'Lãnh đạo thực hiện tốt công tác nắm, dự báo tình hình trên khu vực biên giới biển.',
    'Quyết liệt lãnh đạo, chỉ đạo thực hiện hiệu quả các chỉ tiêu đấu tranh phòng, chống tội phạm.',
    'Phấn đấu trong năm có 100% tổ chức đảng, đảng viên hoàn thành nhiệm vụ trở lên.',
  ],
  bullets: ['Đảm bảo công tác Hậu cần - kỹ thuật.', 'Xây dựng các cấp ủy, tổ chức đảng vững mạnh.'],
  table: [
    ['Chỉ tiêu', 'Kết quả'],
    ['Vụ việc giải quyết', '100%'],
  ],
};

/** The text each format must yield, as plain text (list markers as the reader writes them). */
export function fixturePlainText(): string {
  return [
    FIXTURE.title,
    FIXTURE.heading,
    ...FIXTURE.paragraphs,
    FIXTURE.listHeading,
    ...FIXTURE.listItems.map((t, i) => `${i + 1}. ${t}`),
    ...FIXTURE.bullets.map((t) => `- ${t}`),
    ...FIXTURE.table.map((row) => row.join(' | ')),
  ].join('\n');
}

/** A .docx with a Title, headings, paragraphs, a numbered list, a bulleted list and a table. */
export async function makeDocx(): Promise<Buffer> {
  const doc = new Document({
    title: FIXTURE.title,
    numbering: {
      config: [
        {
          reference: 'so-thu-tu',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ text: FIXTURE.title, heading: HeadingLevel.TITLE }),
          new Paragraph({ text: FIXTURE.heading, heading: HeadingLevel.HEADING_1 }),
          ...FIXTURE.paragraphs.map((text) => new Paragraph({ text })),
          new Paragraph({ text: FIXTURE.listHeading, heading: HeadingLevel.HEADING_2 }),
          ...FIXTURE.listItems.map(
            (text) => new Paragraph({ text, numbering: { reference: 'so-thu-tu', level: 0 } }),
          ),
          ...FIXTURE.bullets.map((text) => new Paragraph({ text, bullet: { level: 0 } })),
          new Table({
            rows: FIXTURE.table.map(
              (row) =>
                new TableRow({
                  children: row.map((cell) => new TableCell({ children: [new Paragraph(cell)] })),
                }),
            ),
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function loadFont(): Buffer {
  if (!existsSync(DEJAVU_FONT)) {
    throw new Error(`Font ${DEJAVU_FONT} is missing: apt-get install -y fonts-dejavu-core`);
  }
  return readFileSync(DEJAVU_FONT);
}

export interface PdfPageSpec {
  paragraphs: string[];
}

/**
 * A PDF with a text layer: each page's paragraphs hard-wrapped at A4 width, a running header and a
 * page number at the bottom (which the reader must drop).
 */
export async function makeTextPdf(
  pages: PdfPageSpec[],
  options: { header?: string; size?: number; title?: string } = {},
): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(loadFont(), { subset: true });
  const size = options.size ?? 12;
  pages.forEach((spec, i) => {
    const page = doc.addPage([595, 842]);
    if (options.header) page.drawText(options.header, { x: 56, y: 800, size: 9, font });
    let y = 740;
    for (const paragraph of spec.paragraphs) {
      for (const line of wrapToWidth(paragraph, font, size, 480)) {
        page.drawText(line, { x: 56, y, size, font });
        y -= size * 1.5;
      }
      y -= size;
    }
    if (options.header) page.drawText(String(i + 1), { x: 292, y: 30, size: 9, font });
  });
  if (options.title) doc.setTitle(options.title);
  return Buffer.from(await doc.save());
}

/** A PDF of page images only (no text layer), as a scanner produces. */
export async function makeScannedPdf(pages: PdfPageSpec[]): Promise<Buffer> {
  const images = await renderPdfPages(await makeTextPdf(pages, { size: 14 }));
  const doc = await PDFDocument.create();
  for (const png of images) {
    const image = await doc.embedPng(png);
    const page = doc.addPage([595, 842]);
    page.drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  }
  return Buffer.from(await doc.save());
}

/** A PNG "photo" of a page holding the given paragraphs. */
export async function makePng(paragraphs: string[]): Promise<Buffer> {
  const [png] = await renderPdfPages(await makeTextPdf([{ paragraphs }], { size: 14 }));
  return png!;
}

/**
 * The same PDF, marked as encrypted with a user password: a Standard security handler whose check
 * value matches no password, so readers must ask for one.
 */
export async function makeEncryptedPdf(pdf: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf);
  const encrypt = doc.context.obj({
    Filter: 'Standard',
    V: 1,
    R: 2,
    O: PDFHexString.of('4f'.repeat(32)),
    U: PDFHexString.of('55'.repeat(32)),
    P: -4,
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  doc.context.trailerInfo.ID = doc.context.obj([
    PDFHexString.of('ab'.repeat(16)),
    PDFHexString.of('ab'.repeat(16)),
  ]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/**
 * Fails (rather than skips) when OCR cannot run, naming the Debian package to install: CI installs
 * them in .ci/run, and a silently skipped OCR test would hide a broken install.
 */
export async function requireTesseract(): Promise<void> {
  const missing = await findOcrMissing();
  if (missing)
    throw new Error(`OCR tests need Tesseract: apt-get install -y ${missing} (missing package: ${missing})`);
}

/** Lower-case words of normalized text, for comparing what different formats yield. */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}%]+/gu) ?? []
  );
}

/** Share of `expected` words found, in order, in `actual` (longest common subsequence / length). */
export function wordRecall(expected: string, actual: string): number {
  const a = wordsOf(expected);
  const b = wordsOf(actual);
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    }
    prev = row;
  }
  return a.length === 0 ? 1 : prev[b.length]! / a.length;
}

export type ReadResult = ExtractedDocument | { error: { code: string; message: string } };

/**
 * pdf.js starts its worker with a dynamic import(), which jest's module sandbox refuses; the bot and
 * the CLI run in plain Node. So under jest, PDF work runs in a child Node process: this file, run as a
 * script with a command and JSON arguments, printing JSON.
 */
function runInNode(command: 'read' | 'render', args: unknown[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--require', 'tsx/cjs', __filename, command, JSON.stringify(args)],
      { timeout: 300_000, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`child failed: ${stderr || err.message}`)) : resolve(stdout),
    );
  });
}

/** readDocument in a child Node process; ChithiErrors come back as `{ error: { code, message } }`. */
export async function readDocumentInNode(file: string, options: ReadOptions = {}): Promise<ReadResult> {
  return JSON.parse(await runInNode('read', [file, options])) as ReadResult;
}

async function renderInProcess(pdf: Buffer, width: number): Promise<Buffer[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const shots = await parser.getScreenshot({ desiredWidth: width, imageDataUrl: false });
    return shots.pages.map((p) => Buffer.from(p.data));
  } finally {
    await parser.destroy();
  }
}

/** Renders every page of a PDF to PNG (pdf.js through pdf-parse), like a scanner would image paper. */
export async function renderPdfPages(pdf: Buffer, width = 1700): Promise<Buffer[]> {
  if (!process.env.JEST_WORKER_ID) return renderInProcess(pdf, width);
  const pngs = JSON.parse(await runInNode('render', [pdf.toString('base64'), width])) as string[];
  return pngs.map((b64) => Buffer.from(b64, 'base64'));
}

async function childMain(command: string, args: unknown[]): Promise<unknown> {
  if (command === 'render') {
    const pngs = await renderInProcess(Buffer.from(args[0] as string, 'base64'), args[1] as number);
    return pngs.map((png) => png.toString('base64'));
  }
  try {
    return await readDocument(args[0] as string, undefined, args[1] as ReadOptions);
  } catch (err) {
    if (!isChithiError(err)) throw err;
    return { error: { code: err.code, message: err.message } };
  }
}

if (require.main === module) {
  const [command, args] = process.argv.slice(2);
  void childMain(command!, JSON.parse(args ?? '[]') as unknown[]).then((out) =>
    process.stdout.write(JSON.stringify(out)),
  );
}
