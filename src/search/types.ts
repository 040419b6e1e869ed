/** Where a result comes from, as shown to people and in `ask --json`. */
export interface ResultSource {
  /** The path as ingested. */
  file: string;
  title: string;
  /** The unit the document is about: "BĐBP tỉnh Ninh Thuận". */
  unit?: string | null;
  /** Document number or date as people cite it: "125-NQ/ĐU", "20/12/2024". */
  reference?: string | null;
  section: string | null;
  paragraph: number;
  page?: number | null;
  ocr?: boolean;
}

export interface SearchResult {
  passageId: number;
  documentId: number;
  text: string;
  score: number;
  source: ResultSource;
  /** The sentence of `text` that best answers the question (a substring of text), if any. */
  highlight: string | null;
}

/** A direct answer from extracted facts (filled by the facts layer; null until then). */
export interface DirectAnswer {
  text: string;
  /** Passage the answer came from; it is also results[0]. */
  passageId: number;
  /** A list's (targets, tasks, deadlines): the passages of all its items, `passageId` first. */
  passageIds?: number[];
  kind: string;
  /** Several candidates when the question is ambiguous. */
  candidates?: string[];
  /** Other units whose documents also answer (the answer itself is from one document only). */
  others?: string[];
}

export type SearchMode = 'keyword' | 'hybrid';

/** How the question's scope (place, unit, year) was read and met. */
export interface ScopeInfo {
  /** What the question names, as people read it ("BĐBP tỉnh Quảng Ninh năm 2021"); null when nothing. */
  asked: string | null;
  /** True when no document is about what the question names: the answer is then "not found". */
  missing: boolean;
  /** A sentence for people: "Chưa có tài liệu nào về …", or "Ninh Thuận, nay thuộc Khánh Hòa". */
  message: string | null;
  /** What the documents do hold for that kind of question: "BĐBP tỉnh Ninh Thuận (2024, 2025)". */
  available: string[];
}

export interface AskResult {
  question: string;
  found: boolean;
  mode: SearchMode;
  answer: DirectAnswer | null;
  results: SearchResult[];
  /** The question's scope, when it names a place, unit or year. */
  scope?: ScopeInfo | null;
}

export interface AskOptions {
  /** How many results (default 3). */
  top?: number;
  /** Skip this many results first (paging, default 0). */
  offset?: number;
  /** Answer from this document only ("hỏi trong tài liệu này"); its scope is then not checked. */
  documentId?: number;
}

/** What the bot, CLI and digest use to answer questions. */
export interface Retriever {
  ask(question: string, options?: AskOptions): Promise<AskResult>;
}
