import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, PDFFont } from 'pdf-lib';
import { encodeTcvn3, encodeWindows1258 } from '../ingest/legacy-encodings';
import { reflowSegment } from '../ingest/reflow';
import type { Block, BlockKind } from '../ingest/types';
import { askQuestions, EvalRunOptions, GenreSet, readQuestions, withTempApp } from './genre';
import { documentKey, FormatRow, limitPerType, rankMetrics } from './genre-score';

/**
 * The development corpus delivered as other formats (.docx, legacy encodings, text PDF, scanned PDF),
 * each copy ingested alone and asked the questions about its documents. Loaded only by `chithi eval`:
 * docx, pdf-lib and fontkit are development dependencies.
 */

/** A Unicode TTF with Vietnamese glyphs, from the Debian package fonts-dejavu-core. */
export const DEJAVU_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
/** Documents in the scanned copy: OCR costs about 1.7 s per page. */
export const SCANNED_DOCUMENTS = 12;

/**
 * The document's paragraphs as a person would type them into Word. Half the corpus is hard-wrapped with
 * no blank line between paragraphs, so blank lines cannot tell paragraphs apart; the paragraphs are the
 * ones the plain-text ingest itself finds (reflow), so a format row differs from the UTF-8 row only
 * by what that format's reader does.
 */
export function documentParagraphs(text: string): Block[] {
  return reflowSegment(text);
}

/**
 * Typographic punctuation TCVN3 has no code for (its 0x80-0x9F bytes are letters); a legacy file
 * would have had the ASCII forms.
 */
export function asciiPunctuation(text: string): string {
  return text
    .replace(/[–—]/g, '-')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/…/g, '...')
    .replace(/[•▪]/g, '-')
    .replace(/\u00a0/g, ' ');
}

export async function toDocx(text: string): Promise<Buffer> {
  // Titles and headings get Word's styles (as the txt reader recognizes them); list items keep their
  // typed marker in plain paragraphs.
  const style = { title: HeadingLevel.TITLE, heading: HeadingLevel.HEADING_2 } as Partial<
    Record<BlockKind, (typeof HeadingLevel)[keyof typeof HeadingLevel]>
  >;
  const doc = new Document({
    sections: [
      {
        children: documentParagraphs(text).map((b) => {
          const heading = style[b.kind];
          return new Paragraph(heading ? { text: b.text, heading } : { text: b.text });
        }),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Words of `text` in lines no wider than `width` points in `font` at `size`. */
export function wrapToWidth(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** An A4 PDF with a text layer: the document's paragraphs hard-wrapped, flowing over as many pages as needed. */
export async function toTextPdf(text: string, size = 12): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fs.readFileSync(DEJAVU_FONT), { subset: true });
  const top = 786;
  const bottom = 56;
  let page = doc.addPage([595, 842]);
  let y = top;
  for (const paragraph of documentParagraphs(text)) {
    for (const line of wrapToWidth(paragraph.text, font, size, 483)) {
      if (y < bottom) {
        page = doc.addPage([595, 842]);
        y = top;
      }
      page.drawText(line, { x: 56, y, size, font });
      y -= size * 1.5;
    }
    y -= size;
  }
  return Buffer.from(await doc.save());
}

/** Page images only, no text layer (as a scanner makes): the text PDF rendered at about 205 dpi. */
export async function toScannedPdf(text: string): Promise<{ pdf: Buffer; pages: number }> {
  // pdf.js is loaded only here, as read-pdf.ts does.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PDFParse } = require('pdf-parse') as typeof import('pdf-parse');
  const parser = new PDFParse({ data: new Uint8Array(await toTextPdf(text)), verbosity: 0 });
  let images: Uint8Array[];
  try {
    const shots = await parser.getScreenshot({ desiredWidth: 1700, imageDataUrl: false, imageBuffer: true });
    images = shots.pages.map((p) => p.data);
  } finally {
    await parser.destroy();
  }
  const doc = await PDFDocument.create();
  for (const png of images) {
    const image = await doc.embedPng(png);
    doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  }
  return { pdf: Buffer.from(await doc.save()), pages: images.length };
}

/** `n` files spread evenly over the (sorted) list, so the subset is the same on every run. */
export function spreadSubset<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

interface FormatSpec {
  format: string;
  extension: string;
  /** Only these documents (default: all). */
  subset?: boolean;
  convert(text: string): Promise<Buffer>;
}

export interface FormatsReport {
  rows: FormatRow[];
  /** Documents and pages in the scanned copy. */
  scanned: { documents: number; pages: number };
}

/**
 * Converts the set's documents to each format in a temp dir, ingests each copy alone, and asks the
 * set's answerable questions whose document is in that copy (matched by base name without extension).
 */
export async function evaluateFormats(
  set: GenreSet,
  options: EvalRunOptions & {
    limit?: number;
    scannedDocuments?: number;
    notice?: (message: string) => void;
  } = {},
): Promise<FormatsReport> {
  const notice = options.notice ?? (() => {});
  const questions = limitPerType(readQuestions(set.questionFiles), options.limit).filter(
    (q) => q.type !== 'absent',
  );
  // Documents with questions first, so the scanned subset is about something.
  const asked = new Set(questions.map((q) => documentKey(q.doc!, true)));
  const withQuestions = set.documents.filter((f) => asked.has(documentKey(f, true)));
  const subset = new Set(spreadSubset(withQuestions, options.scannedDocuments ?? SCANNED_DOCUMENTS));
  let scannedPages = 0;
  const specs: FormatSpec[] = [
    { format: 'txt (UTF-8)', extension: '.txt', convert: async (t) => Buffer.from(t, 'utf8') },
    { format: 'docx', extension: '.docx', convert: toDocx },
    { format: 'txt (Windows-1258)', extension: '.txt', convert: async (t) => encodeWindows1258(t) },
    {
      format: 'txt (TCVN3)',
      extension: '.txt',
      convert: async (t) => encodeTcvn3(asciiPunctuation(t), { caps: 'vn3' }),
    },
    { format: 'pdf (text layer)', extension: '.pdf', convert: (t) => toTextPdf(t) },
    {
      format: `txt (UTF-8), ${subset.size} documents`,
      extension: '.txt',
      subset: true,
      convert: async (t) => Buffer.from(t, 'utf8'),
    },
    {
      format: `pdf (scanned, OCR), ${subset.size} documents`,
      extension: '.pdf',
      subset: true,
      convert: async (t) => {
        const { pdf, pages } = await toScannedPdf(t);
        scannedPages += pages;
        return pdf;
      },
    },
  ];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-formats-'));
  const rows: FormatRow[] = [];
  try {
    for (const [i, spec] of specs.entries()) {
      const dir = path.join(root, String(i));
      fs.mkdirSync(dir);
      const files = spec.subset ? set.documents.filter((f) => subset.has(f)) : set.documents;
      notice(`formats: ${spec.format}: chuyển ${files.length} tài liệu…`);
      for (const f of files) {
        const text = fs.readFileSync(f, 'utf8').normalize('NFC');
        fs.writeFileSync(path.join(dir, documentKey(f, true) + spec.extension), await spec.convert(text));
      }
      const keys = new Set(files.map((f) => documentKey(f, true)));
      const qs = questions.filter((q) => keys.has(documentKey(q.doc!, true)));
      rows.push(
        await withTempApp(options, async (app) => {
          const started = process.hrtime.bigint();
          const ingest = await app.ingest([dir]);
          const ingestSeconds = Number(process.hrtime.bigint() - started) / 1e9;
          const outcomes = await askQuestions(app, qs, { ignoreExtension: true });
          const m = rankMetrics(spec.format, outcomes);
          return {
            format: spec.format,
            documents: app.documentCount(),
            failed: ingest.failed.length,
            passages: app.engine.passageCount,
            n: m.n,
            hit1: m.hit1,
            hit3: m.hit3,
            documentOnly: outcomes.filter((o) => o.scope === 'document').length,
            ingestSeconds,
          };
        }),
      );
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return { rows, scanned: { documents: subset.size, pages: scannedPages } };
}
