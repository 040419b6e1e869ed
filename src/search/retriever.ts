import { createError } from '../errors';
import { Db, getGeneration, getStamp, isAncestor, schemaVersion } from '../store/db';
import { allPassageIds, getPassages, PassageRow } from '../store/documents';
import { analyzeQuery, AnalyzedQuery, demoteSyllables, foldedContent, spanSyllables } from '../text/terms';
import { QuestionScope, scopeSpans } from '../profile/scope';
import { findUnits } from '../profile/units';
import path from 'node:path';
import { Bm25Params, IndexContent, KeywordIndex, KeywordIndexFormatError, KeywordSearch } from './keyword';
import {
  analyzerVersion,
  databaseId,
  KEYWORD_INDEX_FILE,
  KeywordIndexKey,
  loadKeywordIndex,
  saveKeywordIndex,
} from './keyword-file';
import { buildIndex, passageContext, toIndexable } from './indexable';
import { IndexBuild } from './keyword-build';
import { LayeredKeywordIndex } from './keyword-layers';
import { OUTLINE_SEPARATOR } from '../ingest/passages';
import {
  answerShape,
  asksDocumentIdentity,
  asksLegalBasis,
  asksTarget,
  bestSentence,
  coverage,
  plannedOnlyYears,
  reviewedOnlyYears,
  SHAPE_BOOST,
  statesFigure,
  statesLegalBasis,
  otherYearPart,
  passageHeading,
  resultOfOtherYear,
  statesResult,
  yearParts,
  wantsResult,
} from './relevance';
import {
  decideScope,
  mergedNote,
  numberMention,
  planOnlyNote,
  ScopeDecision,
  ScopedDocument,
  YearsOfDocument,
} from './scoping';
import { documentReference } from '../profile/describe';
import { provinceByName } from '../profile/places';
import { listDocumentProfiles } from '../store/documents';
import { chatForms, MAX_QUESTION_CHARS, plainQuestion, questionLength, searchedWords } from './question';
import { absolutePeriods, absoluteYears } from './relative-years';
import { AskOptions, AskResult, DirectAnswer, Retriever, SearchMode, SearchResult } from './types';

/** A question asking which in a series ("lần thứ mấy", "khóa thứ bao nhiêu"), folded. */
const ORDINAL_ASKED = /\bthu (?:may|bao nhieu)\b/;

/** The years a question asks about in `role` (results or plans); a year given no role counts for both. */
function yearsAskedAs(
  scope: Pick<QuestionScope, 'years' | 'yearRoles'>,
  role: 'reviewed' | 'plan',
): number[] {
  return scope.years.filter((y) => (scope.yearRoles[y] ?? role) === role);
}

/** A document whose profile was not read: it may review any year (no note says it does not). */
const UNKNOWN_PROFILE: YearsOfDocument = { reviewedYears: [], planYears: [], periods: [] };

/**
 * Below this coverage of the question by the best passage, the answer is "not found".
 * Calibrated on the vilqa questions and off-topic questions (docs/decisions/003-keyword-ranking.md).
 */
export const DEFAULT_MIN_RELEVANCE = 0.36;

/**
 * Weight of the words that only name the question's scope (unit, place, year) once the documents have
 * been narrowed to it: every allowed passage inherits them, so they no longer tell passages apart.
 * 0.2, not 0: a passage that says them in its own words is still a little closer (decision 010).
 */
export const SCOPE_WORD_WEIGHT = 0.2;

/**
 * The words that only name the question's scope once the documents are narrowed to it: the ranking
 * and the "not found" check both weigh them SCOPE_WORD_WEIGHT. Empty when nothing narrows.
 */
function scopeSyllables(query: AnalyzedQuery, decision: ScopeDecision): Set<string> {
  const cited = decision.cited ?? [];
  if (!decision.pool && cited.length === 0) return new Set();
  const folded = foldedContent(query);
  const spans = decision.pool ? scopeSpans(decision.scope, folded, decision.localities ?? []) : [];
  // A document named by its number ("thông báo kết luận 58-TB/ĐU giao công an xã …", "chỉ thị 09 …"):
  // the number and its kind name the document, which is every passage's own; its header, where the
  // number is written, is not the answer for that. A document of another issuer cited ("thực hiện
  // Nghị quyết 18-NQ/TW, …") names the context, not the answer, as the scope does.
  for (const n of [...(decision.numbers ?? []), ...cited]) {
    const words = foldedContent(analyzeQuery(n));
    if (!words) continue;
    for (const m of folded.matchAll(numberMention(words, 'optional')))
      spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  }
  return spanSyllables(query, spans);
}

/** True when a heading names one of the question's units ("Sở Y tế" only for the same field). */
export function headingNames(
  heading: string,
  scope: Pick<QuestionScope, 'unitTypes' | 'unitField'>,
): boolean {
  return findUnits(heading).some(
    (u) => scope.unitTypes.includes(u.type) && (!scope.unitField || u.field === scope.unitField),
  );
}

/**
 * Score factor for a passage under a heading that names the unit a task is asked of. Larger than
 * SHAPE_BOOST: the heading says whose task the item is, while another unit's item may name the unit
 * in its own words ("phối hợp với Bộ CHQS tỉnh …"). 1.5 was set on tests/integration/answer-shape
 * (written for it); the genre sets' figures are the same with 1.3 and 1.5 (decision 010).
 */
const ASSIGNEE_BOOST = 1.5;

/** How many of the first candidates the counted-noun rule looks at. */
const COUNT_RERANK_DEPTH = 30;

/** Direct answers that list several items, each from its own passage. */
const LIST_ANSWERS = new Set(['target', 'task', 'deadline']);

/** A direct answer from facts is kept only when its passage ranks within this many results. */
export const ANSWER_SUPPORT_RANK = 10;

/** Semantic candidates, when a vector layer is available. */
export interface VectorSearcher {
  readonly available: boolean;
  search(question: string, k: number): Promise<Array<{ id: number; similarity: number }>>;
}

/**
 * A direct answer from facts, when the question asks for one (filled by the facts layer). `scope`
 * says which documents the question may be answered from (null: any) and how they rank.
 */
export type FactAnswerer = (
  question: string,
  results: SearchResult[],
  scope: Pick<ScopeDecision, 'pool' | 'tier' | 'byNumber' | 'merged'>,
  /**
   * The documents of the passages ranked in the first ANSWER_SUPPORT_RANK, best-ranked first: where an
   * answer may come from.
   */
  supportDocuments: ReadonlySet<number>,
) => DirectAnswer | null;

export interface RetrieverOptions {
  minRelevance?: number;
  /** The current year where the agency is, for "năm nay", "năm ngoái" (default: the machine's). */
  currentYear?: () => number;
  /** The current month (1–12) where the agency is, for "quý này", "tháng trước" (default: the machine's). */
  currentMonth?: () => number;
  bm25?: Bm25Params;
  vectors?: VectorSearcher;
  answerer?: FactAnswerer;
  /** Fuses keyword and vector candidates into one ranking (ids with scores, best first). */
  fuse?: (
    keyword: Array<{ id: number; score: number }>,
    vector: Array<{ id: number; score: number }>,
  ) => Array<{ id: number; score: number }>;
  /**
   * False when the vectors have no weight in the ranking (a model never checked or found worse than
   * keyword search): then they cannot make a passage "found" either. Default true.
   */
  vectorsCount?: boolean;
  /**
   * Where the keyword index image is kept between runs. Default: keyword-index.bin next to a file
   * database; null (a memory database) rebuilds from SQLite at every open.
   */
  keywordIndexFile?: string | null;
  /** Told when a saved image could not be used or written (rebuilt from SQLite instead). */
  onIndexNotice?: (message: string) => void;
  /** Threads that build the keyword index when it is built from scratch (default 1: this one). */
  indexWorkers?: number;
  /** Fewest passages per thread building the index (default PASSAGES_PER_PART). */
  passagesPerPart?: number;
}

/**
 * Passages per part when the index is built on several threads: starting a worker, reading its part
 * back and joining cost about what indexing a few thousand passages does, so smaller builds stay on
 * one thread (set by that reasoning, not tuned).
 */
export const PASSAGES_PER_PART = 10_000;

// Worker threads are loaded only when a large index is built, not for every question.
/* eslint-disable @typescript-eslint/no-require-imports */
const keywordParts = () => require('./keyword-parts') as typeof import('./keyword-parts');
/* eslint-enable @typescript-eslint/no-require-imports */

export { passageContext };

/**
 * How much the keyword index catches up with before it is rebuilt instead: passages added (or
 * removed) since it was built, at most this many or this fraction of it, whichever is more. Catching
 * up reads only the changed passages; past this much, a rebuild costs little more and leaves a
 * compact index with exact statistics.
 */
export const CATCH_UP = { minPassages: 2000, fraction: 0.25 };

/**
 * Answers questions from the passages in the store: keyword (BM25) candidates, optionally fused with
 * vector candidates, a relevance check for "not found", and the answering sentence of each result.
 */
export class SearchEngine implements Retriever {
  private index: KeywordSearch;
  private generation = -1;
  private stamp = '';
  /**
   * What the last refresh that changed the index did, and how many passages it read from SQLite:
   * 'loaded' the saved image, 'caught-up' with the passages changed since, 'rebuilt' from all of them.
   */
  lastRefresh: {
    how: 'loaded' | 'caught-up' | 'rebuilt' | 'built-while-writing';
    passagesRead: number;
    threads?: number;
  } | null = null;
  private docsCache: { generation: number; docs: ScopedDocument[] } | null = null;
  private docOfCache: { generation: number; docOf: Int32Array } | null = null;
  private readonly minRelevance: number;

  constructor(
    private readonly db: Db,
    private readonly options: RetrieverOptions = {},
  ) {
    this.minRelevance = options.minRelevance ?? DEFAULT_MIN_RELEVANCE;
    this.index = new KeywordIndex(options.bm25);
  }

  /**
   * Brings the keyword index up to date when documents changed since it was loaded. When the
   * documents descend from what the served index (or the saved image) holds, it catches up with the
   * passages added and removed since: only those are read and tokenized, and the image is saved again
   * by merging (an upload to a bot over a large archive costs its own passages, not the archive).
   * Otherwise, or when more changed than CATCH_UP allows, it is rebuilt from SQLite (the source of
   * truth) and saved for the next start. A missing, stale or corrupt image only costs a rebuild.
   */
  refresh(build?: IndexBuild | null): void {
    const gen = getGeneration(this.db);
    const stamp = getStamp(this.db);
    if (gen === this.generation && stamp === this.stamp) return;
    const file = this.keywordIndexFile();
    if (build && this.adopt(build, file)) return;
    if (this.generation >= 0 && isAncestor(this.db, this.generation, this.stamp)) {
      if (this.catchUp(this.index, file)) return;
    }
    if (file) {
      const key = this.indexKey(gen, stamp);
      const loaded = loadKeywordIndex(file, key, this.index.params, (g, s) => isAncestor(this.db, g, s));
      if (loaded.index) {
        if (loaded.key.generation === gen && loaded.key.stamp === stamp) {
          this.serve(loaded.index, gen, stamp);
          this.lastRefresh = { how: 'loaded', passagesRead: 0 };
          return;
        }
        if (this.catchUp(loaded.index, file)) return;
        loaded.index.close();
      } else if (loaded.cause === 'corrupt') this.noticeDamage(file, loaded.reason);
    }
    this.rebuild(file);
  }

  /**
   * Adds the passages `index` lacks and drops those gone, unless more changed than CATCH_UP allows
   * (then `index` is left as it was and false returned). Saves the result as the new image when it
   * can (merged, nothing tokenized again) and serves it.
   */
  private catchUp(index: KeywordSearch, file: string | null): boolean {
    const caught = this.db.transaction(() => {
      const layered = index instanceof LayeredKeywordIndex ? index : new LayeredKeywordIndex(index);
      const live = allPassageIds(this.db);
      const liveSet = new Set(live);
      const added = live.filter((id) => !layered.has(id)).sort((a, b) => a - b);
      const gone: number[] = [];
      layered.forEachId((id) => {
        if (!liveSet.has(id)) gone.push(id);
      });
      const limit = Math.max(CATCH_UP.minPassages, CATCH_UP.fraction * layered.size);
      if (layered.added + added.length > limit || layered.removed + gone.length > limit) return null;
      for (const id of gone) layered.remove(id);
      const rows = getPassages(this.db, added);
      for (const id of added) {
        const p = rows.get(id);
        if (p) layered.add(toIndexable(p));
      }
      this.lastRefresh = { how: 'caught-up', passagesRead: rows.size };
      return { layered, built: getGeneration(this.db), builtStamp: getStamp(this.db) };
    })();
    if (!caught) return false;
    const { layered, built, builtStamp } = caught;
    let serving: KeywordSearch = layered;
    if (file && !this.db.readonly && layered.canMerge() && (layered.added > 0 || layered.removed > 0)) {
      try {
        serving = this.saveAndOpen(file, built, builtStamp, layered) ?? layered;
      } catch (err) {
        if (!(err instanceof KeywordIndexFormatError)) throw err;
        // The saved image was found damaged while merging: rebuilt from SQLite instead.
        this.noticeDamage(file, err.message);
        if (layered !== this.index && !layered.wraps(this.index)) layered.close();
        this.rebuild(file);
        return true;
      }
    }
    // Replaced by its merged image, the layered index goes with its base (unless serve() closes that
    // base as the index served until now).
    if (serving !== layered && layered !== this.index && !layered.wraps(this.index)) layered.close();
    this.serve(serving, built, builtStamp);
    return true;
  }

  /**
   * An index to fill while an empty archive takes its first documents (IndexBuild): a first ingest
   * of an archive then builds its keyword index as it writes, instead of reading every passage back
   * and tokenizing it after (issue 14). Null when the archive has passages already (an upload catches
   * up, a large change rebuilds) or cannot be written; refresh(build) serves it when it holds exactly
   * what the database holds, and otherwise does what it does without one.
   */
  startBuild(options: { thread?: boolean } = {}): IndexBuild | null {
    if (this.db.readonly || this.db.prepare('SELECT 1 FROM passages LIMIT 1').get() !== undefined)
      return null;
    // On a worker only when there is a file to save it to: what a worker builds comes back as content.
    const thread = Boolean(options.thread) && this.keywordIndexFile() !== null;
    return new IndexBuild(this.index.params, getGeneration(this.db), { thread });
  }

  /** Serves (and saves) a build that holds the database's passages; false, doing nothing, if not. */
  private adopt(build: IndexBuild, file: string | null): boolean {
    const state = this.db.transaction(() =>
      build.holds(this.db) ? { generation: getGeneration(this.db), stamp: getStamp(this.db) } : null,
    )();
    if (!state) {
      build.close();
      return false;
    }
    const built = build.finish((reason) =>
      this.options.onIndexNotice?.(
        `Không dựng được chỉ mục từ khóa trong lúc ghi tài liệu (${reason}); đang dựng lại từ cơ sở dữ liệu.`,
      ),
    );
    if (!built) return false;
    this.lastRefresh = { how: 'built-while-writing', passagesRead: 0 };
    const image = 'index' in built ? built.index : { params: build.params, content: () => built.content };
    // Served from the file just written, like after a rebuild.
    const saved =
      file && !this.db.readonly ? this.saveAndOpen(file, state.generation, state.stamp, image) : null;
    if (saved) this.serve(saved, state.generation, state.stamp);
    else if ('index' in built) this.serve(built.index, state.generation, state.stamp);
    else return false;
    return true;
  }

  /** Builds the index from SQLite (the source of truth), saves it and serves it from the saved file. */
  private rebuild(file: string | null): void {
    // A large index with an image file is built in parts on several threads (issue 14).
    const workers = this.options.indexWorkers ?? 1;
    if (file && !this.db.readonly && !this.db.memory && workers > 1) {
      const built = keywordParts().buildInParts(
        this.db,
        this.db.name,
        this.index.params,
        workers,
        this.options.passagesPerPart ?? PASSAGES_PER_PART,
        (reason) =>
          this.options.onIndexNotice?.(
            `Không dựng được chỉ mục từ khóa trên nhiều luồng (${reason}); đang dựng trên một luồng, sẽ lâu hơn.`,
          ),
      );
      if (built) {
        this.lastRefresh = { how: 'rebuilt', passagesRead: built.read, threads: built.parts };
        const { content } = built;
        const saved = this.saveAndOpen(file, built.generation, built.stamp, {
          params: this.index.params,
          content: () => content,
        });
        if (saved) {
          this.serve(saved, built.generation, built.stamp);
          return;
        }
      }
    }
    // One read transaction: the passages indexed are exactly those of the generation the image is saved as.
    const { index, read, generation, stamp } = buildIndex(this.db, this.index.params);
    this.lastRefresh = { how: 'rebuilt', passagesRead: read };
    index.pack();
    // Served from the file just written, like after a restart: the built index's memory goes.
    const saved = file && !this.db.readonly ? this.saveAndOpen(file, generation, stamp, index) : null;
    this.serve(saved ?? index, generation, stamp);
  }

  /**
   * Writes `index` as the image of (generation, stamp) and opens the file just written; null, with a
   * notice, when it cannot be written. A base found damaged while its content is read
   * (KeywordIndexFormatError) is the caller's to handle.
   */
  private saveAndOpen(
    file: string,
    generation: number,
    stamp: string,
    index: { params: Bm25Params; content(): IndexContent },
  ): KeywordSearch | null {
    const key = this.indexKey(generation, stamp);
    try {
      saveKeywordIndex(file, key, index);
      return loadKeywordIndex(file, key, index.params).index;
    } catch (err) {
      if (err instanceof KeywordIndexFormatError) throw err;
      const why = err instanceof Error ? err.message : String(err);
      this.options.onIndexNotice?.(`Không ghi được chỉ mục từ khóa ${file}: ${why}`);
      return null;
    }
  }

  private indexKey(generation: number, stamp: string): KeywordIndexKey {
    return {
      database: databaseId(this.db),
      generation,
      stamp,
      analyzer: analyzerVersion(),
      schema: schemaVersion(this.db),
    };
  }

  /** Serves `index`; the one served before is closed (unless `index` is built on it). */
  private serve(index: KeywordSearch, generation: number, stamp: string): void {
    const old = this.index;
    this.index = index;
    this.generation = generation;
    this.stamp = stamp;
    if (old === index || (index instanceof LayeredKeywordIndex && index.wraps(old))) return;
    // A layered index replaced by its merged image closes its base with it.
    old.close();
  }

  private noticeDamage(file: string, reason?: string): void {
    this.options.onIndexNotice?.(`Chỉ mục từ khóa ${file} bị hỏng (${reason}); đang dựng lại.`);
  }

  /**
   * Runs a read of the keyword index; an image found damaged where the read reached it (each part is
   * checked when it is first read) is rebuilt from SQLite with a notice, and the read runs again.
   */
  private read<T>(use: (index: KeywordSearch) => T): T {
    try {
      return use(this.index);
    } catch (err) {
      if (!(err instanceof KeywordIndexFormatError)) throw err;
      const file = this.keywordIndexFile();
      if (file) this.noticeDamage(file, err.message);
      this.rebuild(file);
      return use(this.index);
    }
  }

  /** Closes the keyword index file. */
  close(): void {
    this.index.close();
  }

  private keywordIndexFile(): string | null {
    if (this.options.keywordIndexFile !== undefined) return this.options.keywordIndexFile;
    // better-sqlite3 names a memory database ":memory:" and a temporary one "".
    const name = this.db.name;
    return this.db.memory || !name || name === ':memory:'
      ? null
      : path.join(path.dirname(name), KEYWORD_INDEX_FILE);
  }

  get passageCount(): number {
    return this.index.size;
  }

  get mode(): SearchMode {
    return this.options.vectors?.available ? 'hybrid' : 'keyword';
  }

  idf = (term: string): number => this.read((index) => index.idf(term));

  /** The current year where the agency is (relative years in questions are read against it). */
  private currentYear(): number {
    return this.options.currentYear?.() ?? new Date().getFullYear();
  }

  /** Today's year and month where the agency is (relative quarters and months are read against it). */
  private today = (): { year: number; month: number } => ({
    year: this.currentYear(),
    month: this.options.currentMonth?.() ?? new Date().getMonth() + 1,
  });

  /** The question as it is scoped and searched: chat forms written out, relative periods and years dated. */
  private dated(typed: string): string {
    return absoluteYears(absolutePeriods(chatForms(typed), this.today), this.currentYear());
  }

  async ask(question: string, options: AskOptions = {}): Promise<AskResult> {
    if (questionLength(question.trim()) > MAX_QUESTION_CHARS)
      throw createError('QUESTION_TOO_LONG', MAX_QUESTION_CHARS);
    // Markup pasted with a question is not its words.
    const typed = plainQuestion(question.trim());
    if (!typed) throw createError('QUESTION_EMPTY');
    // Chat forms written out; "năm nay", "quý trước": the years and periods they mean, so the question
    // is scoped like one naming them.
    const q = this.dated(typed);
    this.refresh();
    const top = Math.max(1, options.top ?? 3);
    const offset = Math.max(0, options.offset ?? 0);
    const query = analyzeQuery(searchedWords(q));
    const want = Math.max(50, offset + top);
    const scoped = decideScope(q, this.scopedDocuments());
    // Asked inside one document: that document only, whatever the question's words name.
    const decision: ScopeDecision =
      options.documentId === undefined
        ? scoped
        : { ...scoped, info: null, pool: new Set([options.documentId]), tier: new Map(), boost: new Map() };
    const first = await this.answerWithin(question, q, query, decision, { top, offset, want });
    if (first.found || options.documentId !== undefined) return first;
    // Narrowed to the kind of document the question names, and none answers: the unit's other
    // documents of the year may ("kế hoạch kỷ niệm … phải xong trước ngày nào" told in a report).
    // Then, when the documents that fit the scope best do not answer, those that fit it less (an
    // assignee's task in another unit's resolution: "UBND tỉnh … phải ban hành … trước ngày nào" in
    // the HĐND's) may: their passages ranked after the best tier's never reached the first three.
    // A question that names the kind of document it asks about ("trong chỉ thị IUU 2025 của UBND
    // tỉnh") is not answered from another kind in a lower tier.
    const lower = decision.scope.kind ? null : lowerTiers(decision);
    for (const next of [decision.wider, lower]) {
      if (!next) continue;
      const again = await this.answerWithin(question, q, query, next, { top, offset, want });
      if (again.found) return again;
    }
    return first;
  }

  /** The answer from the documents `decision` allows: the passages, "not found", a direct answer. */
  private async answerWithin(
    question: string,
    q: string,
    query: AnalyzedQuery,
    decision: ScopeDecision,
    { top, offset, want }: { top: number; offset: number; want: number },
  ): Promise<AskResult> {
    const mode = this.mode;
    if (decision.info?.missing)
      return { question, found: false, mode, answer: null, results: [], scope: decision.info };
    const scopeWords = scopeSyllables(query, decision);
    const ranking = demoteSyllables(query, scopeWords, SCOPE_WORD_WEIGHT);
    const { ranked, vectorTop } = await this.candidates(q, ranking, want, decision);
    const { results, rows } = this.resultsFor(ranking, ranked.slice(0, Math.max(offset + top, 3)));
    // "Not found" asks whether any of the first three passages covers the question well enough; a
    // passage that only the model ranks first needs at least half that support in words, because
    // cosine similarities are not comparable across models and cannot be calibrated here alone.
    // A document in scope through a merger ("BĐBP Khánh Hòa" asked, Ninh Thuận's report held) meets
    // the question's place words through it, as another document meets them in its title.
    // Words that only name the scope weigh as little here as in the ranking.
    const weighed = scopeWords.size > 0 ? { syllables: scopeWords, weight: SCOPE_WORD_WEIGHT } : null;
    // A question asking for a figure ("bao nhiêu", "mấy", "tỷ lệ") is not answered by a passage that
    // states none, however many of its words it shares ("lương của chỉ huy trưởng là bao nhiêu").
    const figure = decision.scope.asksFigure;
    const relevances = results.slice(0, 3).map((r) => {
      const p = rows.get(r.passageId);
      if (!p || (figure && !statesFigure(p.text))) return 0;
      const now = decision.merged?.get(r.documentId)?.now ?? '';
      // A document about a province meets the province's short forms too ("BR-VT", "TP.HCM").
      const forms = decision.scope.provinces
        .filter((name) => p.profile.provinces.includes(name))
        .flatMap((name) => provinceByName(name)?.variants ?? [])
        .join(' . ');
      return coverage(query, `${p.text} . ${passageContext(p)} . ${now} . ${forms}`, this.idf, weighed);
    });
    const best = Math.max(0, ...relevances);
    const semanticSupport =
      this.options.vectorsCount !== false &&
      vectorTop !== null &&
      results[0]?.passageId === vectorTop &&
      (relevances[0] ?? 0) >= this.minRelevance / 2;
    // A document named by its number is relevant by being named: its best passages answer.
    const found =
      results.length > 0 && (best >= this.minRelevance || semanticSupport || decision.byNumber === true);
    const proposed =
      found && offset === 0 && this.options.answerer
        ? this.options.answerer(q, results, decision, this.documentsOf(ranked.slice(0, ANSWER_SUPPORT_RANK)))
        : null;
    // A fact answers only when its passage is itself among the best matches for the question: a
    // question phrased like a task ("phải làm gì") about something the facts do not cover keeps
    // its passages instead of a direct answer about something else.
    // Who signed is read from the signing block of the first result's own document: that document
    // is its support.
    // A list (the targets of a plan, listed under their sub-headings) is supported by any of its items.
    const answer =
      proposed &&
      (proposed.kind === 'signer' ||
        ranked
          .slice(0, ANSWER_SUPPORT_RANK)
          .some((h) => h.id === proposed.passageId || proposed.passageIds?.includes(h.id)))
        ? proposed
        : null;
    if (answer) {
      // The passage a direct answer came from is the first result, when the answer is one fact (who
      // chaired, a document's number). A list (targets, tasks, deadlines) keeps the ranking: the
      // passage that best matches the question's own words stays first, the list's source second.
      const single = !LIST_ANSWERS.has(answer.kind);
      const at = results.findIndex((r) => r.passageId === answer.passageId);
      if (at > 0 && single) results.unshift(...results.splice(at, 1));
      else if (at < 0) {
        const extra = this.resultsFor(ranking, [{ id: answer.passageId, score: results[0]?.score ?? 0 }]);
        results.splice(single ? 0 : Math.min(1, results.length), 0, ...extra.results);
      }
    }
    const page = found ? results.slice(offset, offset + top) : [];
    const note =
      offset === 0
        ? [
            // A document number the question names that none of ours has: the answer is not from it.
            decision.cited?.length
              ? `Không có văn bản nào số ${decision.cited.join(', ')} trong các tài liệu đã nạp.`
              : null,
            mergedNote(
              decision.merged,
              page.map((r) => r.documentId),
            ),
            // What was done in a year asked, answered only from plans for it: said, not implied.
            // Not for a term ("nhiệm kỳ 2025–2030") or an ordinal ("đại hội lần thứ mấy"): no year's work.
            wantsResult(q, decision.scope.sense) &&
            !decision.scope.term &&
            !ORDINAL_ASKED.test(decision.scope.folded) &&
            [...yearParts(q)].every((part) => part === 'year')
              ? planOnlyNote(
                  yearsAskedAs(decision.scope, 'reviewed'),
                  decision.info?.asked ?? null,
                  page.map((r) => rows.get(r.passageId)?.profile ?? UNKNOWN_PROFILE),
                )
              : null,
          ]
            .filter(Boolean)
            .join(' ') || null
        : null;
    const scope = note
      ? { ...(decision.info ?? { asked: null, missing: false, available: [] }), message: note }
      : decision.info;
    return { question, found, mode, answer, results: page, scope };
  }

  /** The ranked results for a question, ignoring the "not found" decision (for evaluation). */
  async rank(typed: string, k: number): Promise<SearchResult[]> {
    this.refresh();
    const question = this.dated(plainQuestion(typed.trim()));
    const query = analyzeQuery(searchedWords(question));
    const decision = decideScope(question, this.scopedDocuments());
    const ranking = demoteSyllables(query, scopeSyllables(query, decision), SCOPE_WORD_WEIGHT);
    const { ranked } = await this.candidates(question, ranking, Math.max(50, k), decision);
    return this.resultsFor(ranking, ranked.slice(0, k)).results;
  }

  /**
   * Keyword (and vector) candidates from the documents the question's scope allows, ordered by
   * scope tier first and fused score second: a document about the unit, place and year the question
   * names ranks above one that is not, however many other words match.
   */
  private async candidates(
    q: string,
    query: AnalyzedQuery,
    want: number,
    decision: ScopeDecision,
  ): Promise<{ ranked: Array<{ id: number; score: number }>; vectorTop: number | null }> {
    const pool = decision.pool;
    const docOf = pool || decision.tier.size > 0 ? this.passageDocuments() : null;
    const allowed = pool && docOf ? (id: number) => pool.has(docOf[id] ?? -1) : null;
    const allow = allowed ?? undefined;
    const keywordHits = this.read((index) => index.search(query, want, allow));
    let ranked = keywordHits;
    let vectorTop: number | null = null;
    if (this.mode === 'hybrid' && this.options.vectors && this.options.fuse) {
      const vec = (await this.options.vectors.search(q, allowed ? want * 4 : want)).filter(
        (v) => !allowed || allowed(v.id),
      );
      vectorTop = vec[0]?.id ?? null;
      ranked = this.options.fuse(
        keywordHits,
        vec.map((v) => ({ id: v.id, score: v.similarity })),
      );
    }
    // A question that counts something ("bắt bao nhiêu vụ") is answered by a passage stating a number
    // of it, a target by one that aims at a figure, a deadline by "trước ngày …"; a task asked of a
    // unit ("BĐBP được giao gì trong chỉ thị …") by the items under the heading that names it ("2. Bộ
    // Chỉ huy Bộ đội Biên phòng tỉnh:"). Such passages among the first candidates move up a little.
    const shape = answerShape(q);
    // A figure of what was done ("năm 2024 bắt bao nhiêu vụ") is stated by a result, not by next year's
    // target in the same words ("phấn đấu số vụ bắt giữ tăng 5%").
    const result = wantsResult(q, decision.scope.sense);
    const assignee =
      decision.scope.assigneeTypes.length > 0
        ? { unitTypes: decision.scope.assigneeTypes, unitField: decision.scope.unitField }
        : null;
    const identity = asksDocumentIdentity(q);
    const basisAsked = asksLegalBasis(q);
    if ((shape || result || assignee || !identity || !basisAsked) && ranked.length > 1) {
      const head = ranked.slice(0, COUNT_RERANK_DEPTH);
      const rows = getPassages(
        this.db,
        head.map((h) => h.id),
      );
      // A figure or a target of the year the question names: a sentence about another year (or,
      // naming none, in a document that reviews or plans another year) is not its answer.
      const plannedAsked = yearsAskedAs(decision.scope, 'plan');
      // The part of the year a figure or a target is asked for, when the question names a year or a
      // part of one (a deadline's "sơ kết 6 tháng trước ngày 15/6" names an event, not what is counted).
      const questionParts = yearParts(q);
      const partsAsked =
        (decision.scope.asksFigure || asksTarget(q)) &&
        (decision.scope.years.length > 0 || questionParts.size > 0)
          ? questionParts
          : null;
      const reviewedAsked = yearsAskedAs(decision.scope, 'reviewed');
      const factor = (id: number) => {
        const p = rows.get(id);
        if (!p) return 1;
        let f = 1;
        const reviewedOnly = reviewedOnlyYears(p.profile);
        const heading = passageHeading([
          p.lead,
          p.section,
          ...(p.outline ?? '').split(OUTLINE_SEPARATOR).reverse(),
        ]);
        const fits =
          (!shape ||
            shape(p.text, reviewedOnly, { asked: plannedAsked, unnamed: p.profile.planYears }, heading)) &&
          (!result ||
            statesResult(p.text, {
              planOnly: plannedOnlyYears(p.profile),
              reviewedOnly,
              asked: { asked: reviewedAsked, unnamed: p.profile.reviewedYears },
              heading,
            }));
        if ((shape || result) && fits) f *= SHAPE_BOOST;
        // A list of targets for another year than the one whose results are asked ("năm 2024 kết nạp
        // bao nhiêu" and "2. Các chỉ tiêu chủ yếu" under "II. PHƯƠNG HƯỚNG … NĂM 2025") moves down as
        // much as a result moves up.
        if (result && !fits && heading.target && reviewedAsked.length > 0) {
          const about = heading.years.length > 0 ? heading.years : p.profile.planYears;
          if (about.length > 0 && !about.some((y) => reviewedAsked.includes(y))) f /= SHAPE_BOOST;
        }
        // A document's header (issuer, "Số: …", place and date, kind and subject) holds its identity,
        // never a figure, a target, a deadline or a task: it matches such a question by the unit and
        // subject words it shares with every passage of the document, and moves down unless it fits;
        // so it does for any question that asks what a document says rather than which it is.
        if ((shape || result ? !fits : !identity) && isHeaderPassage(p)) f /= SHAPE_BOOST;
        // So does the legal basis a document opens with ("Căn cứ Quy chế thi …; Công văn số 1028/BGDĐT
        // ngày 05/3/2025 …"): it names other documents and their dates, never what this one says.
        if (!basisAsked && statesLegalBasis(p.text)) f /= SHAPE_BOOST;
        // A figure or target of another part of the year than the one asked (the whole year when the
        // question names none): "đến hết quý II … kết nạp 130 đảng viên" for "năm 2025 kết nạp bao nhiêu".
        if (partsAsked && otherYearPart(partsAsked, yearParts(p.text))) f /= SHAPE_BOOST;
        if (assignee && headingNames(`${p.lead ?? ''} ${p.section ?? ''}`, assignee)) f *= ASSIGNEE_BOOST;
        // What was done in a year the document does not review ("năm 2024 bắt bao nhiêu vụ" against
        // the review of 2023 that plans 2024): its results are another year's ("bắt giữ 58 vụ" in
        // 2023), unless the passage names the year asked; it moves down as much as a result moves up.
        if (result && resultOfOtherYear(p.text, p.profile, reviewedAsked, heading)) f /= SHAPE_BOOST;
        return f;
      };
      const boosted = head
        .map((h) => ({ id: h.id, score: h.score * factor(h.id) }))
        .sort((a, b) => b.score - a.score);
      ranked = [...boosted, ...ranked.slice(COUNT_RERANK_DEPTH)];
    }
    if (docOf && decision.tier.size > 0 && ranked.length > 1) {
      const tierOf = (id: number) => decision.tier.get(docOf[id] ?? -1) ?? 0;
      const boostOf = (id: number) => decision.boost.get(docOf[id] ?? -1) ?? 1;
      ranked = ranked
        .map((h, i) => ({ h: { id: h.id, score: h.score * boostOf(h.id) }, i, t: tierOf(h.id) }))
        .sort((a, b) => b.t - a.t || b.h.score - a.h.score || a.i - b.i)
        .map((x) => x.h);
    }
    return { ranked, vectorTop };
  }

  /** Every document with its profile, read once per generation. */
  scopedDocuments(): ScopedDocument[] {
    const generation = getGeneration(this.db);
    if (this.docsCache?.generation !== generation) {
      this.docsCache = {
        generation,
        docs: listDocumentProfiles(this.db),
      };
    }
    return this.docsCache.docs;
  }

  /** The documents of `hits`, in the order of their best-ranked passage (a few ids: no table scan). */
  private documentsOf(hits: ReadonlyArray<{ id: number }>): Set<number> {
    if (hits.length === 0) return new Set();
    const ids = hits.map((h) => h.id);
    const rows = this.db
      .prepare(`SELECT id, document_id FROM passages WHERE id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids) as Array<{ id: number; document_id: number }>;
    const documentOf = new Map(rows.map((r) => [r.id, r.document_id]));
    const out = new Set<number>();
    for (const id of ids) {
      const documentId = documentOf.get(id);
      if (documentId !== undefined) out.add(documentId);
    }
    return out;
  }

  /**
   * The document of every passage, by passage id (0: none), read once per generation: scoping asks it
   * for every candidate, and a typed array of ids costs 4 bytes a passage instead of a query each.
   */
  private passageDocuments(): Int32Array {
    const generation = getGeneration(this.db);
    if (this.docOfCache?.generation !== generation) {
      const max = (this.db.prepare(`SELECT MAX(id) FROM passages`).pluck().get() as number | null) ?? 0;
      const docOf = new Int32Array(max + 1);
      for (const row of this.db
        .prepare(`SELECT id, document_id FROM passages`)
        .raw()
        .iterate() as IterableIterator<[number, number]>)
        docOf[row[0]] = row[1];
      this.docOfCache = { generation, docOf };
    }
    return this.docOfCache.docOf;
  }

  /** Loads the passages of ranked hits (in order, skipping vanished ones) with their answering sentence. */
  private resultsFor(
    query: AnalyzedQuery,
    hits: ReadonlyArray<{ id: number; score: number }>,
  ): { results: SearchResult[]; rows: Map<number, PassageRow> } {
    const rows = getPassages(
      this.db,
      hits.map((h) => h.id),
    );
    const results = hits.flatMap((h) => {
      const p = rows.get(h.id);
      return p ? [toResult(p, h.score, bestSentence(query, p.text, this.idf))] : [];
    });
    return { results, rows };
  }
}

function toResult(p: PassageRow, score: number, highlight: string | null): SearchResult {
  return {
    passageId: p.id,
    documentId: p.documentId,
    text: p.text,
    score: Math.round(score * 1000) / 1000,
    highlight,
    source: {
      file: p.file,
      title: p.title,
      unit: p.profile.unit,
      reference: documentReference(p.profile),
      section: p.section,
      paragraph: p.paragraph,
      page: p.page,
      ocr: p.ocr,
    },
  };
}

/**
 * The documents of a decision below its best tier, as a decision of their own; null when all are in
 * one tier (or the pool is open).
 */
function lowerTiers(decision: ScopeDecision): ScopeDecision | null {
  if (!decision.pool || decision.info?.missing) return null;
  const tierOf = (id: number) => decision.tier.get(id) ?? 0;
  const best = Math.max(...[...decision.pool].map(tierOf));
  const lower = [...decision.pool].filter((id) => tierOf(id) < best);
  if (lower.length === 0) return null;
  return { ...decision, pool: new Set(lower), wider: undefined };
}

/** The passage a document's header lines make (src/ingest/passages.ts: the first, with "Số: …"). */
function isHeaderPassage(p: Pick<PassageRow, 'kind' | 'ordinal' | 'text'>): boolean {
  return p.ordinal === 0 && p.kind === 'heading' && /(?:^|\.\s)Số\s*:?\s*\d/u.test(p.text);
}
