import path from 'node:path';
import { z } from 'zod';
import { collapseWhitespace, foldDiacritics } from '../text/normalize';

/**
 * Scoring of the genre benchmark (eval/genre*): agency reports and directives with typed questions.
 * Everything here takes values and returns values; src/eval/genre.ts runs the questions.
 */

export const QUESTION_TYPES = [
  'chair',
  'attendee',
  'target',
  'task',
  'deadline',
  'number',
  'fact',
  'docnumber',
  'absent',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
/** Types with an answer in the corpus, in report order. */
export const ANSWERABLE_TYPES = QUESTION_TYPES.filter((t) => t !== 'absent');

const questionSchema = z
  .object({
    id: z.string().min(1),
    q: z.string().min(1),
    type: z.enum(QUESTION_TYPES),
    nodiac: z.boolean().optional(),
    doc: z.string().min(1).nullable(),
    expect: z.string().min(1).nullable(),
    chair: z.string().min(1).optional(),
    attendee: z.string().min(1).optional(),
  })
  .refine((q) => (q.type === 'absent') === (q.doc === null), {
    message: '"doc" is null exactly for type "absent"',
  });

export interface GenreQuestion {
  id: string;
  q: string;
  type: QuestionType;
  /** Typed without diacritics. */
  nodiac: boolean;
  /** File name of the document holding the answer; null for absent questions. */
  doc: string | null;
  /** A short substring of the right passage; null when any passage of `doc` counts. */
  expect: string | null;
  chair?: string;
  attendee?: string;
}

/** Parses a questions.jsonl file; a malformed line fails with its file and line number. */
export function parseGenreQuestions(text: string, source: string): GenreQuestion[] {
  const out: GenreQuestion[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new Error(`${source}:${i + 1}: not JSON`, { cause: err });
    }
    const parsed = questionSchema.safeParse(raw);
    if (!parsed.success) {
      const why = parsed.error.issues.map((x) => `${x.path.join('.') || 'line'}: ${x.message}`).join('; ');
      throw new Error(`${source}:${i + 1}: ${why}`);
    }
    const { nodiac, chair, attendee, ...rest } = parsed.data;
    out.push({
      ...rest,
      nodiac: nodiac ?? false,
      ...(chair ? { chair } : {}),
      ...(attendee ? { attendee } : {}),
    });
  });
  return out;
}

/**
 * Folds text for answer matching: NFC, lower case, no diacritics (đ → d), whitespace collapsed. Tone
 * placement ("hoà"/"hòa") no longer matters once tones are gone.
 */
export function foldForMatch(text: string): string {
  return collapseWhitespace(foldDiacritics(text.normalize('NFC')));
}

/** True when `expect` occurs in `text`, both folded. */
export function containsFolded(text: string, expect: string): boolean {
  return foldForMatch(text).includes(foldForMatch(expect));
}

/**
 * The key a document is matched by: its base name, or without the extension when a corpus was
 * converted to another format ("bao-cao.txt" and "bao-cao.docx" are the same document).
 */
export function documentKey(file: string, ignoreExtension = false): string {
  const base = path.basename(file);
  return ignoreExtension ? base.slice(0, base.length - path.extname(base).length) : base;
}

/** How a question is scored: on the passage (document and expected text) or on the document only. */
export type MatchScope = 'passage' | 'document';

export interface RankedPassage {
  /** Source file as ingested. */
  file: string;
  text: string;
}

/** 1-based rank of the first right result among `ranked`, or 0 when none is right. */
export function rankOfAnswer(
  q: Pick<GenreQuestion, 'doc' | 'expect'>,
  ranked: readonly RankedPassage[],
  options: { scope: MatchScope; ignoreExtension?: boolean },
): number {
  if (q.doc === null) return 0;
  const doc = documentKey(q.doc, options.ignoreExtension);
  const expect = options.scope === 'passage' && q.expect !== null ? foldForMatch(q.expect) : null;
  const i = ranked.findIndex(
    (r) =>
      documentKey(r.file, options.ignoreExtension) === doc &&
      (expect === null || foldForMatch(r.text).includes(expect)),
  );
  return i + 1;
}

/**
 * How a question can be scored given the passages of the index: 'passage' when its expected text is
 * in one of its document's passages, 'document' when it is not (the passage split cut it, or OCR
 * changed it) or there is no expected text, 'missing' when the document is not in the index at all.
 */
export function matchScope(
  q: Pick<GenreQuestion, 'doc' | 'expect'>,
  foldedPassagesByDocument: ReadonlyMap<string, readonly string[]>,
  ignoreExtension = false,
): MatchScope | 'missing' {
  if (q.doc === null) return 'missing';
  const passages = foldedPassagesByDocument.get(documentKey(q.doc, ignoreExtension));
  if (!passages) return 'missing';
  if (q.expect === null) return 'document';
  const expect = foldForMatch(q.expect);
  return passages.some((p) => p.includes(expect)) ? 'passage' : 'document';
}

/** True when a direct answer names the expected person (folded: "Ngo Van Lang" matches "Ngô Văn Lãng"). */
export function answerNames(answerText: string | null | undefined, name: string): boolean {
  return answerText != null && containsFolded(answerText, name);
}

/** What happened to one question, as the report needs it. */
export interface QuestionOutcome {
  id: string;
  type: QuestionType;
  nodiac: boolean;
  /** The engine answered (not "not found"). */
  found: boolean;
  /** 1-based rank of the right passage in the top 5 (0: not there); unused for absent questions. */
  rank: number;
  scope: MatchScope | 'missing';
  /** For chair and attendee questions with a name: the direct answer named that person. */
  direct?: boolean;
}

export interface RankMetrics {
  label: string;
  n: number;
  hit1: number;
  hit3: number;
  mrr5: number;
  /** Share answered as found (not "not found"). */
  found: number;
}

/** hit@1, hit@3, MRR@5 and the found share of answerable outcomes (absent ones are ignored). */
export function rankMetrics(label: string, outcomes: readonly QuestionOutcome[]): RankMetrics {
  const qs = outcomes.filter((o) => o.type !== 'absent');
  const n = qs.length;
  const share = (count: number) => (n === 0 ? 0 : count / n);
  return {
    label,
    n,
    hit1: share(qs.filter((o) => o.rank === 1).length),
    hit3: share(qs.filter((o) => o.rank >= 1 && o.rank <= 3).length),
    mrr5: share(qs.reduce((sum, o) => sum + (o.rank >= 1 && o.rank <= 5 ? 1 / o.rank : 0), 0)),
    found: share(qs.filter((o) => o.found).length),
  };
}

export interface Ratio {
  n: number;
  of: number;
}

export interface GenreSummary {
  byType: RankMetrics[];
  byDiacritics: RankMetrics[];
  overall: RankMetrics;
  /** Absent questions answered "not found". */
  absentRejected: Ratio;
  chairsDirect: Ratio;
  attendeesDirect: Ratio;
  /** Questions scored on the document only (expected text in none of its passages, or none given). */
  documentOnly: number;
  /** Questions whose document is not in the index (scored as misses). */
  missingDocument: number;
}

/** Aggregates outcomes per type, per diacritics and overall. Types without questions are left out. */
export function summarize(outcomes: readonly QuestionOutcome[]): GenreSummary {
  const answerable = outcomes.filter((o) => o.type !== 'absent');
  const absent = outcomes.filter((o) => o.type === 'absent');
  const direct = (type: QuestionType): Ratio => {
    const qs = outcomes.filter((o) => o.type === type && o.direct !== undefined);
    return { n: qs.filter((o) => o.direct).length, of: qs.length };
  };
  return {
    byType: ANSWERABLE_TYPES.filter((t) => answerable.some((o) => o.type === t)).map((t) =>
      rankMetrics(
        t,
        answerable.filter((o) => o.type === t),
      ),
    ),
    byDiacritics: [
      rankMetrics(
        'diacritics',
        answerable.filter((o) => !o.nodiac),
      ),
      rankMetrics(
        'no-diacritics',
        answerable.filter((o) => o.nodiac),
      ),
    ].filter((m) => m.n > 0),
    overall: rankMetrics('overall', answerable),
    absentRejected: { n: absent.filter((o) => !o.found).length, of: absent.length },
    chairsDirect: direct('chair'),
    attendeesDirect: direct('attendee'),
    documentOnly: answerable.filter((o) => o.scope === 'document').length,
    missingDocument: answerable.filter((o) => o.scope === 'missing').length,
  };
}

/** The first `limit` questions of each type (all when no limit), in file order. */
export function limitPerType<T extends { type: string }>(questions: readonly T[], limit?: number): T[] {
  if (!limit) return [...questions];
  const seen = new Map<string, number>();
  return questions.filter((q) => {
    const k = (seen.get(q.type) ?? 0) + 1;
    seen.set(q.type, k);
    return k <= limit;
  });
}

const f3 = (x: number) => x.toFixed(3);
const ratio = (r: Ratio) => `${r.n}/${r.of}`;

/** A markdown table of rank metrics, the first column named `first`. */
export function formatMetricsTable(first: string, rows: readonly RankMetrics[]): string[] {
  return [
    `| ${first} | n | hit@1 | hit@3 | MRR@5 | found |`,
    '|---|---|---|---|---|---|',
    ...rows.map(
      (m) => `| ${m.label} | ${m.n} | ${f3(m.hit1)} | ${f3(m.hit3)} | ${f3(m.mrr5)} | ${f3(m.found)} |`,
    ),
  ];
}

/** The summary as markdown lines: per type, per diacritics, overall, then the counts. */
export function formatGenreSummary(s: GenreSummary): string[] {
  return [
    ...formatMetricsTable('type', [...s.byType, ...s.byDiacritics, s.overall]),
    '',
    `absent rejected ${ratio(s.absentRejected)}`,
    `chairs answered directly ${ratio(s.chairsDirect)}`,
    `attendees answered directly ${ratio(s.attendeesDirect)}`,
    `scored on the document only (expected text in none of its passages, or none given): ${s.documentOnly}`,
    ...(s.missingDocument > 0 ? [`questions whose document is not in the index: ${s.missingDocument}`] : []),
  ];
}

export interface FormatRow {
  /** What was ingested, e.g. "docx" or "pdf (scanned)". */
  format: string;
  documents: number;
  /** Files the ingest could not read. */
  failed: number;
  passages: number;
  n: number;
  hit1: number;
  hit3: number;
  /** Questions scored on the document only (see {@link GenreSummary.documentOnly}). */
  documentOnly: number;
  /** Seconds to ingest the copy (converting it is not counted). */
  ingestSeconds: number;
}

/** The formats comparison as a markdown table. */
export function formatFormatsTable(rows: readonly FormatRow[]): string[] {
  return [
    '| format | documents | failed | passages | n | hit@1 | hit@3 | document only | ingest s |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.format} | ${r.documents} | ${r.failed} | ${r.passages} | ${r.n} | ${f3(r.hit1)} | ${f3(r.hit3)} | ${r.documentOnly} | ${r.ingestSeconds.toFixed(1)} |`,
    ),
  ];
}
