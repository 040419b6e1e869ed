import { extractFacts, FactBlock } from '../facts/extract-facts';
import { type FactColumns, factColumns } from '../facts/types';
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
  facts: DocumentFacts;
  /** Time spent, in milliseconds: parsing (passages, profile) and extracting facts. */
  parseMs: number;
  factsMs: number;
}

/**
 * A document's facts by passage ordinal, each as the facts table stores it: made into JSON where they
 * are extracted (a worker thread), so the thread that writes them neither receives the objects nor
 * serializes them (issue 14).
 */
export type DocumentFacts = Array<{ ordinal: number } & FactColumns>;

/** What extracting a parsed document's facts needs of it (factsOf). */
export interface FactsInput {
  blocks: FactBlock[];
  title: string;
  planYears: readonly number[];
  /** The document's date (its profile's), which a meeting without a date of its own takes. */
  date: string | null;
}

/**
 * The first step of analyzeDocument: passages and profile, and what its facts are extracted from.
 * The two steps are apart so that two worker threads can share the work, one parsing and one
 * extracting facts (src/ingest/analyze-pool.ts).
 */
export function parseStep(
  file: string,
  extracted: ExtractedDocument,
): { parsed: WrittenDocument; factsInput: FactsInput; parseMs: number } {
  const started = performance.now();
  const { title, profile, passages, ocr, notes } = parseDocument(file, extracted);
  const parsed: WrittenDocument = { title, profile, passages, ocr, notes };
  const factsInput: FactsInput = {
    blocks: passages.map((p) => ({
      ordinal: p.ordinal,
      text: p.text,
      kind: p.kind,
      section: p.lead ?? p.section,
    })),
    title,
    planYears: profile.planYears,
    date: profile.date,
  };
  return { parsed, factsInput, parseMs: performance.now() - started };
}

/** The second step of analyzeDocument: the facts of a parsed document's passages. */
export function factsStep(input: FactsInput): { facts: DocumentFacts; factsMs: number } {
  const started = performance.now();
  const facts = extractFacts(input.blocks, { title: input.title, planYears: input.planYears });
  // A meeting told in a photo caption has its date in another paragraph: a meeting without a date
  // of its own takes the document's date (of the event it reports).
  const date = input.date;
  if (date) {
    const [year, month, day] = date.split('-').map(Number);
    for (const f of facts)
      if (f.fact.kind === 'meeting' && !f.fact.date)
        f.fact = {
          ...f.fact,
          date: { year, month, ...(day ? { day } : {}), text: date.split('-').reverse().join('/') },
        };
  }
  return {
    facts: facts.map((f) => ({ ordinal: f.ordinal, ...factColumns(f.fact) })),
    factsMs: performance.now() - started,
  };
}

/**
 * Parses a document and extracts its facts. Pure work on the text (no database, no files), so it
 * runs in worker threads as well as in the caller's (src/ingest/analyze-pool.ts).
 */
export function analyzeDocument(file: string, extracted: ExtractedDocument): AnalyzedDocument {
  const { parsed, factsInput, parseMs } = parseStep(file, extracted);
  const { facts, factsMs } = factsStep(factsInput);
  return { parsed, facts, parseMs, factsMs };
}
