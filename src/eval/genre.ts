import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, openApp, OpenAppOptions } from '../app';
import { loadConfig } from '../config';
import { listDocuments, passagesOfDocument } from '../store/documents';
import {
  answerNames,
  documentKey,
  foldForMatch,
  GenreQuestion,
  GenreSummary,
  limitPerType,
  matchScope,
  parseGenreQuestions,
  QuestionOutcome,
  rankOfAnswer,
  summarize,
} from './genre-score';

/**
 * The genre benchmark: agency reports and directives (eval/genre: development, eval/genre-heldout:
 * held out) asked through the same code path as `chithi ingest` + `chithi ask`.
 */

const PROJECT_ROOT = path.resolve(__dirname, '../..');
/** The sample report shipped in data/, part of the development corpus. */
export const SAMPLE_DOCUMENT = 'data/bdbp-ninh-thuan-nghi-quyet-2025.txt';
const DEVELOPMENT_PARTS = [
  'eval/genre/part-a',
  'eval/genre/part-b',
  'eval/genre/part-c',
  'eval/genre/part-d',
];
/** Development questions about the parts' reports, phrased apart from them (no reports of their own). */
const DEVELOPMENT_QUESTION_PARTS = ['eval/genre/part-e', 'eval/genre/part-f', 'eval/genre/part-g'];
const HELDOUT_DIR = 'eval/genre-heldout';

/** A question set and the corpus it is asked against. */
export interface GenreSet {
  /** Document files, each ingested (their base names are what questions name). */
  documents: string[];
  /** questions.jsonl files. */
  questionFiles: string[];
  /**
   * Questions naming a unit or place the documents are about but asking what they do not say
   * ("số điện thoại của đồn biên phòng Hòn Gai"), one per line: each should get "not found".
   */
  offTopicFile?: string;
}

/** The off-topic questions of a set's folder, when it has them. */
function offTopicFile(dir: string): { offTopicFile?: string } {
  const file = path.join(dir, 'off-topic.txt');
  return fs.existsSync(file) ? { offTopicFile: file } : {};
}

/** Lines of an off-topic file (none when it is missing): blank lines and "#" comments skipped. */
export function readOffTopic(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Asks each off-topic question of `file`: how many were asked and how many got "not found". */
export async function askOffTopic(app: App, file: string): Promise<{ asked: number; rejected: number }> {
  const questions = readOffTopic(file);
  let rejected = 0;
  for (const q of questions) if (!(await app.engine.ask(q)).found) rejected++;
  return { asked: questions.length, rejected };
}

/** A set, or why it is skipped (no data yet); `notes` say which parts were missing. */
export interface LocatedSet {
  set: GenreSet | null;
  notes: string[];
}

function textFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.txt'))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * The development documents (eval/genre/part-{a,b,c,d}/docs/*.txt and the sample report), their
 * questions and part E's (about parts A and B), and what is missing.
 */
function developmentCorpus(root: string): { documents: string[]; questionFiles: string[]; notes: string[] } {
  const notes: string[] = [];
  const documents: string[] = [];
  const questionFiles: string[] = [];
  for (const part of DEVELOPMENT_PARTS) {
    const docs = textFiles(path.join(root, part, 'docs'));
    const questions = path.join(root, part, 'questions.jsonl');
    if (docs.length === 0) notes.push(`${part}/docs: không có tài liệu .txt`);
    if (!fs.existsSync(questions)) notes.push(`${part}/questions.jsonl: không có`);
    else questionFiles.push(questions);
    documents.push(...docs);
  }
  for (const part of DEVELOPMENT_QUESTION_PARTS) {
    const questions = path.join(root, part, 'questions.jsonl');
    if (fs.existsSync(questions)) questionFiles.push(questions);
  }
  const sample = path.join(root, SAMPLE_DOCUMENT);
  if (fs.existsSync(sample)) documents.push(sample);
  return { documents, questionFiles, notes };
}

/** The development set: eval/genre/part-{a,b} (docs/*.txt, questions.jsonl) plus the sample report. */
export function developmentSet(root = PROJECT_ROOT): LocatedSet {
  const { documents, questionFiles, notes } = developmentCorpus(root);
  const usable = questionFiles.length > 0 && documents.length > 0;
  return {
    set: usable ? { documents, questionFiles, ...offTopicFile(path.join(root, 'eval/genre')) } : null,
    notes,
  };
}

/** The held-out set: its questions asked against the development documents plus its own. */
export function heldoutSet(root = PROJECT_ROOT): LocatedSet {
  const docs = textFiles(path.join(root, HELDOUT_DIR, 'docs'));
  const questions = path.join(root, HELDOUT_DIR, 'questions.jsonl');
  const notes: string[] = [];
  if (docs.length === 0) notes.push(`${HELDOUT_DIR}/docs: không có tài liệu .txt`);
  if (!fs.existsSync(questions)) notes.push(`${HELDOUT_DIR}/questions.jsonl: không có`);
  if (docs.length === 0 || !fs.existsSync(questions)) return { set: null, notes };
  const dev = developmentCorpus(root);
  notes.push(...dev.notes.filter((n) => n.includes('/docs:')));
  return {
    set: {
      documents: [...dev.documents, ...docs],
      questionFiles: [questions],
      ...offTopicFile(path.join(root, HELDOUT_DIR)),
    },
    notes,
  };
}

export function readQuestions(files: readonly string[]): GenreQuestion[] {
  return files.flatMap((f) => parseGenreQuestions(fs.readFileSync(f, 'utf8'), f));
}

/** Document base names present in more than one place (their questions would be ambiguous). */
export function duplicateNames(files: readonly string[], ignoreExtension = false): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const f of files) {
    const k = documentKey(f, ignoreExtension);
    if (seen.has(k)) dup.add(k);
    seen.add(k);
  }
  return [...dup];
}

export interface EvalRunOptions {
  /** Environment the configuration is read from (INDEX_DIR is replaced by a temp dir). */
  env?: NodeJS.ProcessEnv;
  /** Passed to openApp: where model notices go, whether to load the embedding model. */
  app?: OpenAppOptions;
}

/** Opens the app on a fresh temp index, runs `fn`, then closes it and deletes the index. */
export async function withTempApp<T>(options: EvalRunOptions, fn: (app: App) => Promise<T>): Promise<T> {
  const env = options.env ?? process.env;
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-genre-'));
  try {
    // The model cache stays where `chithi model download` put it (it defaults to INDEX_DIR/models), so
    // the benchmark runs in hybrid mode whenever `chithi ask` would.
    const cacheDir = env.EMBEDDING_CACHE_DIR ?? path.join(env.INDEX_DIR ?? 'embeddings', 'models');
    const config = loadConfig({ ...env, INDEX_DIR: indexDir, EMBEDDING_CACHE_DIR: path.resolve(cacheDir) });
    const app = await openApp(config, options.app);
    try {
      return await fn(app);
    } finally {
      await app.close();
    }
  } finally {
    fs.rmSync(indexDir, { recursive: true, force: true });
  }
}

/** Folded passage texts of every indexed document, by document key. */
export function foldedPassages(app: App, ignoreExtension = false): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of listDocuments(app.db)) {
    const key = documentKey(d.file, ignoreExtension);
    out.set(key, [
      ...(out.get(key) ?? []),
      ...passagesOfDocument(app.db, d.id).map((p) => foldForMatch(p.text)),
    ]);
  }
  return out;
}

/**
 * Asks every question through `app.engine` and scores it. The ranked list is ask()'s top 5 when the
 * answer is found, otherwise the engine's rank() top 5 (as the vilqa benchmark does), so ranking and
 * the "not found" decision are measured apart.
 */
export async function askQuestions(
  app: App,
  questions: readonly GenreQuestion[],
  options: { ignoreExtension?: boolean } = {},
): Promise<QuestionOutcome[]> {
  const passages = foldedPassages(app, options.ignoreExtension);
  const outcomes: QuestionOutcome[] = [];
  for (const q of questions) {
    const res = await app.engine.ask(q.q, { top: 5 });
    const base = { id: q.id, type: q.type, nodiac: q.nodiac, found: res.found };
    if (q.type === 'absent') {
      outcomes.push({ ...base, rank: 0, scope: 'missing' });
      continue;
    }
    const ranked = res.found ? res.results : await app.engine.rank(q.q, 5);
    const scope = matchScope(q, passages, options.ignoreExtension);
    const rank =
      scope === 'missing'
        ? 0
        : rankOfAnswer(
            q,
            ranked.slice(0, 5).map((r) => ({ file: r.source.file, text: r.text })),
            { scope, ignoreExtension: options.ignoreExtension },
          );
    const person = q.type === 'chair' ? q.chair : q.type === 'attendee' ? q.attendee : undefined;
    outcomes.push({
      ...base,
      rank,
      scope,
      ...(person ? { direct: answerNames(res.answer?.text, person) } : {}),
    });
  }
  return outcomes;
}

export interface GenreSetReport extends GenreSummary {
  documents: number;
  /** Files the ingest could not read. */
  failed: number;
  passages: number;
  mode: string;
  questions: number;
  /** Seconds to ask every question. */
  seconds: number;
  /** Base names found in more than one corpus folder. */
  duplicateNames: string[];
  /** Off-topic questions that got "not found" (`n`) of those asked (`of`), when the set has them. */
  offTopic?: { n: number; of: number };
}

/** Ingests the set's documents into a temp index, asks its questions, and summarizes. */
export async function evaluateGenreSet(
  set: GenreSet,
  options: EvalRunOptions & { limit?: number } = {},
): Promise<GenreSetReport> {
  const questions = limitPerType(readQuestions(set.questionFiles), options.limit);
  return withTempApp(options, async (app) => {
    const ingest = await app.ingest(set.documents);
    const started = process.hrtime.bigint();
    const outcomes = await askQuestions(app, questions);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const offTopic = set.offTopicFile ? await askOffTopic(app, set.offTopicFile) : null;
    return {
      ...summarize(outcomes),
      documents: app.documentCount(),
      failed: ingest.failed.length,
      passages: app.engine.passageCount,
      mode: app.engine.mode,
      questions: questions.length,
      seconds,
      duplicateNames: duplicateNames(set.documents),
      ...(offTopic ? { offTopic: { n: offTopic.rejected, of: offTopic.asked } } : {}),
    };
  });
}
