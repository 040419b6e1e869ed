import { extractFacts } from '../facts/extract-facts';
import type { Fact } from '../facts/types';
import { parseDocument } from './parse-document';
import { ExtractedDocument, ParsedDocument } from './types';

/** What is written of a parsed document. */
export type WrittenDocument = Omit<ParsedDocument, 'blocks'>;

/**
 * A document read and understood: passages and profile, and the facts of its passages by ordinal.
 * Not its blocks: the passages carry their text, and a worker would copy the text twice to the thread
 * that writes it.
 */
export interface AnalyzedDocument {
  parsed: WrittenDocument;
  facts: Array<{ ordinal: number; fact: Fact }>;
  /** Time spent, in milliseconds: parsing (passages, profile) and extracting facts. */
  parseMs: number;
  factsMs: number;
}

/**
 * Parses a document and extracts its facts. Pure work on the text (no database, no files), so it
 * runs in a worker thread as well as in the caller's (src/ingest/analyze-pool.ts).
 */
export function analyzeDocument(file: string, extracted: ExtractedDocument): AnalyzedDocument {
  let started = performance.now();
  const { title, profile, passages, ocr, notes } = parseDocument(file, extracted);
  const parsed: WrittenDocument = { title, profile, passages, ocr, notes };
  const parseMs = performance.now() - started;
  started = performance.now();
  const facts = extractFacts(
    parsed.passages.map((p) => ({
      ordinal: p.ordinal,
      text: p.text,
      kind: p.kind,
      section: p.lead ?? p.section,
    })),
    { title: parsed.title, planYears: parsed.profile.planYears },
  );
  // A meeting told in a photo caption has its date in another paragraph: a meeting without a date
  // of its own takes the document's date (of the event it reports).
  const date = parsed.profile.date;
  if (date) {
    const [year, month, day] = date.split('-').map(Number);
    for (const f of facts)
      if (f.fact.kind === 'meeting' && !f.fact.date)
        f.fact = {
          ...f.fact,
          date: { year, month, ...(day ? { day } : {}), text: date.split('-').reverse().join('/') },
        };
  }
  return { parsed, facts, parseMs, factsMs: performance.now() - started };
}
