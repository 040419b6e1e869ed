/** Where a result comes from, as shown to people and in `ask --json`. */
export interface ResultSource {
  /** The path as ingested. */
  file: string;
  title: string;
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
  kind: string;
  /** Several candidates when the question is ambiguous. */
  candidates?: string[];
}

export type SearchMode = 'keyword' | 'hybrid';

export interface AskResult {
  question: string;
  found: boolean;
  mode: SearchMode;
  answer: DirectAnswer | null;
  results: SearchResult[];
}

export interface AskOptions {
  /** How many results (default 3). */
  top?: number;
  /** Skip this many results first (paging, default 0). */
  offset?: number;
}

/** What the bot, CLI and digest use to answer questions. */
export interface Retriever {
  ask(question: string, options?: AskOptions): Promise<AskResult>;
}
