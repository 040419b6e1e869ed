import { expandAbbreviations } from './abbreviations';
import { foldDiacritics, hasDiacritics } from './normalize';
import { Token, tokenize } from './tokenize';

/**
 * Index terms live in four namespaces so each keeps its own document frequency:
 * exact syllables "e:tiêu", exact bigrams "E:chỉ tiêu", folded syllables "f:tieu", folded bigrams
 * "F:chi tieu". Bigrams never cross punctuation.
 */
export const EXACT = 'e:';
export const EXACT_BIGRAM = 'E:';
export const FOLDED = 'f:';
export const FOLDED_BIGRAM = 'F:';

/** Term frequencies of a text, as index terms. */
export function textTerms(
  text: string,
  into: Map<string, number> = new Map(),
  weight = 1,
): Map<string, number> {
  const tokens = tokenize(text);
  addTokens(tokens, into, weight);
  return into;
}

function bump(map: Map<string, number>, key: string, w: number): void {
  map.set(key, (map.get(key) ?? 0) + w);
}

function addTokens(tokens: Token[], into: Map<string, number>, weight: number): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    bump(into, EXACT + t.text, weight);
    bump(into, FOLDED + t.folded, weight);
    const prev = i > 0 ? tokens[i - 1] : undefined;
    if (prev && !t.gapBefore) {
      bump(into, `${EXACT_BIGRAM}${prev.text} ${t.text}`, weight);
      bump(into, `${FOLDED_BIGRAM}${prev.folded} ${t.folded}`, weight);
    }
  }
}

/** Question words and fillers that must not drive ranking. Exact (diacritic) forms. */
const STOP_PHRASES: Token[][] = [
  'cho tôi hỏi',
  'cho em hỏi',
  'cho mình hỏi',
  'cho hỏi',
  'xin hỏi',
  'xin cho biết',
  'hãy cho biết',
  'cho biết',
  'tôi muốn biết',
  'muốn biết',
  'là gì',
  // Who, asked of a list ("khách mời gồm những ai"): the list is what passages write, not its words.
  'gồm những ai',
  'là những ai',
  'gồm ai',
  'những ai',
  'là ai',
  'là bao nhiêu',
  'bao nhiêu',
  // How long and when: "phạt tù từ bao lâu", "bế mạc hôm nào". No document writes them, so kept they
  // only weigh down every passage's coverage ("lâu" is in no law article of vilqa).
  'bao lâu',
  'bao giờ',
  'khi nào',
  'lúc nào',
  'hôm nào',
  'như thế nào',
  'thế nào',
  'ra sao',
  'được không',
  'có phải',
  'phải không',
  'hay không',
  'là những gì',
  'những gì',
  'gì',
  'nào',
  'ai',
  'đâu',
  'ạ',
  'à',
  'ơi',
  'nhé',
  'hả',
  'vậy',
  'thế',
].map((p) => tokenize(p));
/** Tag words that only mark a yes/no question when they end it ("có … không?"). */
const TRAILING_TAGS = ['không', 'chưa'].map((w) => tokenize(w)[0]!);

/**
 * A token typed without diacritics matches a word by its folded form; one with diacritics must match
 * exactly, so "cờ" is never taken for "có". (Token text is lowercase, so text === folded means no
 * diacritics.)
 */
function sameWord(t: Token, word: Token): boolean {
  return t.text === word.text || (t.text === t.folded && t.folded === word.folded);
}

function matchesStop(tokens: Token[], at: number, phrase: Token[]): boolean {
  if (at + phrase.length > tokens.length) return false;
  for (let j = 0; j < phrase.length; j++) {
    const t = tokens[at + j]!;
    if (!sameWord(t, phrase[j]!)) return false;
    if (j > 0 && t.gapBefore) return false;
  }
  return true;
}

/**
 * Question words whose form without diacritics is also a common word of the documents: "dau" is "đâu"
 * but also "đầu" (đầu tư), "ha" is "hả" but also "Hà" (Hà Nội), "the" "thể" (thể thao), "vay" "vay"
 * (vay vốn), "a" "Á", "nhe" "nhẹ". Typed without diacritics they are question words only at the end of
 * the question ("trụ sở ở dau"), where the question words go; elsewhere they are searched.
 */
const FOLDED_CONTENT_WORDS = new Set(['dau', 'ha', 'the', 'vay', 'a', 'nhe']);

const readAsContent = (t: Token, phrase: Token[]) =>
  phrase.length === 1 && t.text === t.folded && FOLDED_CONTENT_WORDS.has(t.folded);

/** Drops question words and fillers; marks a gap where something was dropped. */
export function contentTokens(tokens: Token[]): Token[] {
  // The question words that end the question, whatever they could also be.
  let end = tokens.length;
  for (;;) {
    const last = STOP_PHRASES.find((p) => p.length <= end && matchesStop(tokens, end - p.length, p));
    if (!last) break;
    end -= last.length;
  }
  const keep: Token[] = [];
  let gap = false;
  let i = 0;
  while (i < end) {
    const phrase = STOP_PHRASES.find(
      (p) => i + p.length <= end && matchesStop(tokens, i, p) && !readAsContent(tokens[i]!, p),
    );
    if (phrase) {
      i += phrase.length;
      gap = true;
      continue;
    }
    const t = tokens[i]!;
    keep.push(gap ? { ...t, gapBefore: true } : t);
    gap = false;
    i++;
  }
  while (keep.length > 1) {
    const last = keep[keep.length - 1]!;
    if (TRAILING_TAGS.some((tag) => sameWord(last, tag))) keep.pop();
    else break;
  }
  return keep;
}

export interface QueryWeights {
  /** Weight of an exact syllable (default 1). */
  exact: number;
  /** Weight of a syllable bigram relative to a syllable (default 1). */
  bigram: number;
  /** Weight of folded terms when the question has diacritics (default 0.3); 1 when it has none. */
  foldedWithDiacritics: number;
  /** Weight of terms added by abbreviation expansion (default 0.5). */
  expansion: number;
}

export const DEFAULT_QUERY_WEIGHTS: QueryWeights = {
  exact: 1,
  bigram: 1,
  foldedWithDiacritics: 0.3,
  expansion: 0.5,
};

export interface AnalyzedQuery {
  /** Content tokens (question words removed). */
  tokens: Token[];
  hasDiacritics: boolean;
  /** Index term → query weight. */
  terms: Map<string, number>;
  /**
   * One entry per content syllable: the terms that count as "this syllable matched" (exact and
   * folded), for coverage-based relevance.
   */
  syllables: Array<{ exact: string; folded: string; isNumber: boolean; alternatives?: string[][] }>;
  /** The question asks for a quantity or a target ("bao nhiêu", "chỉ tiêu", "tỷ lệ"): answers hold numbers. */
  wantsNumber: boolean;
  /**
   * What "bao nhiêu" counts, as index terms ("bao nhiêu chó nghiệp vụ" → e:chó, e:nghiệp): a passage
   * that names none of it does not answer how many.
   */
  counted: string[];
  /**
   * What a question asking when or where names as held, as a folded bigram ("tổ chức giải cờ tướng
   * khi nào" → F:giai co): a passage that does not name it does not answer.
   */
  held: string[];
}

const NUMBER_QUESTION =
  /\b(bao nhieu|bao lau|may|chi tieu|muc tieu|ty le|ti le|so luong|phan tram|phan dau)\b|%/;

/** "bao nhiêu", "mấy", "tỷ lệ", "số lượng", "phần trăm" as words: the question asks for a figure. */
const FIGURE_ASKED = /(?<![\p{L}\p{M}])(?:bao nhiêu|mấy|tỷ lệ|tỉ lệ|số lượng|phần trăm)(?![\p{L}\p{M}])/u;
/** The same typed without marks, where "may" is also "máy" (bộ máy, nhà máy, máy bay, máy móc). */
const FIGURE_ASKED_FOLDED =
  /\b(?:bao nhieu|ty le|ti le|so luong|phan tram)\b|(?<!\b(?:bo|nha|xuong) )\bmay\b(?! (?:bay|moc|tinh|xuc|cay|thu|phat|bom|khoan|keo)\b)/;

/**
 * True when a question asks for a figure: how many, how much, what rate. Words typed with their marks
 * are read as written ("máy" is no "mấy"), words typed without as they fold ("bao nhieu vu").
 */
export function asksForFigure(question: string): boolean {
  const text = question.normalize('NFC').toLowerCase();
  if (FIGURE_ASKED.test(text)) return true;
  const plain = text
    .split(/\s+/)
    .map((w) => (hasDiacritics(w) ? '_' : w))
    .join(' ');
  return FIGURE_ASKED_FOLDED.test(plain);
}

/** Turns a question into weighted index terms. */
export function analyzeQuery(question: string, w: QueryWeights = DEFAULT_QUERY_WEIGHTS): AnalyzedQuery {
  const all = tokenize(question);
  let tokens = contentTokens(all);
  // A question made only of question words ("là gì?") still searches its words.
  if (tokens.length === 0) tokens = all;
  const diacritics = tokens.some((t) => hasDiacritics(t.text));
  const folded = diacritics ? w.foldedWithDiacritics : 1;
  const terms = new Map<string, number>();
  const add = (k: string, v: number) => terms.set(k, Math.max(terms.get(k) ?? 0, v));
  tokens.forEach((t, i) => {
    // Exact terms only when the question carries diacritics: typed without them, "chu" may be "chủ" as
    // well as "chu", and a passage spelling the syllable without a mark must not win for it (issue 14:
    // scattered words typed without diacritics ranked passages with "chu đáo" over "chủ trì").
    if (diacritics) add(EXACT + t.text, w.exact);
    add(FOLDED + t.folded, folded);
    const prev = i > 0 ? tokens[i - 1] : undefined;
    if (prev && !t.gapBefore) {
      if (diacritics) add(`${EXACT_BIGRAM}${prev.text} ${t.text}`, w.exact * w.bigram);
      add(`${FOLDED_BIGRAM}${prev.folded} ${t.folded}`, folded * w.bigram);
    }
  });
  const syllables: AnalyzedQuery['syllables'] = tokens.map((t) => ({
    exact: EXACT + t.text,
    folded: FOLDED + t.folded,
    isNumber: t.isNumber,
  }));
  // "quý 4" is "quý IV" in the reports, and the other way round.
  syllables.forEach((s, i) => {
    if (i === 0 || tokens[i - 1]!.folded !== 'quy' || tokens[i]!.gapBefore) return;
    const other = QUARTER_NUMERALS.get(tokens[i]!.folded);
    if (!other) return;
    s.alternatives = [[FOLDED + other]];
    add(FOLDED + other, w.expansion);
    add(`${FOLDED_BIGRAM}quy ${other}`, w.expansion * w.bigram);
  });
  for (const exp of expandAbbreviations(
    tokens.map((t) => t.folded),
    tokens,
  )) {
    // "SSCĐ" is also covered by a passage that writes "sẵn sàng chiến đấu" (for the "not found" check).
    const alternatives = exp.add.map((phrase) => phrase.map((s) => FOLDED + s));
    for (const s of syllables)
      if (exp.found.includes(s.folded.slice(FOLDED.length))) s.alternatives = alternatives;
    for (const phrase of exp.add) {
      phrase.forEach((s, i) => {
        add(FOLDED + s, w.expansion);
        if (i > 0) add(`${FOLDED_BIGRAM}${phrase[i - 1]} ${s}`, w.expansion * w.bigram);
      });
    }
  }
  return {
    tokens,
    hasDiacritics: diacritics,
    terms,
    syllables,
    wantsNumber: NUMBER_QUESTION.test(all.map((t) => t.folded).join(' ')),
    counted: countedWords(question, all, diacritics),
    held: heldWords(all, diacritics),
  };
}

/** A quarter's number as digits and as the Roman numeral reports write ("quý IV/2024"), both ways. */
const QUARTER_NUMERALS = new Map([
  ['1', 'i'],
  ['2', 'ii'],
  ['3', 'iii'],
  ['4', 'iv'],
  ['i', '1'],
  ['ii', '2'],
  ['iii', '3'],
  ['iv', '4'],
]);

/**
 * Words after "bao nhiêu" that end what is counted ("bao nhiêu vụ trong năm 2024"), as written; typed
 * without diacritics they are compared folded ("chó" is counted, "cho" is not).
 */
const COUNT_END_WORDS =
  'năm tháng quý trong tại ở của là được đã so với và thì khi từ đến trước sau này đó trên dưới mỗi như ' +
  'thế nào ai gì không chưa à nhé vậy hả theo vào ra cho về để nhờ bằng gồm tính kể hiện ạ nhỉ đấy chứ nha rồi nữa';
const COUNT_END = new Set(COUNT_END_WORDS.split(' '));
const COUNT_END_FOLDED = new Set(COUNT_END_WORDS.split(' ').map((w) => foldDiacritics(w)));
const BAO_NHIEU = /bao\s+nhi[eê]u/iu;
/**
 * What is counted without its own word in the answer: "bao nhiêu phần trăm" (9,5%), "bao nhiêu tiền"
 * (1.250 tỷ đồng), "bao nhiêu người" (21.460 đồng chí, 68 lượt, 45 đối tượng).
 */
const COUNT_MEASURES = new Set(['phan', 'tram', 'tien', 'nguoi', 'luot', 'lan']);

/**
 * Up to three words of what "bao nhiêu" counts ("bao nhiêu đại biểu nữ" → đại, biểu, nữ), as index
 * terms, exact when the question has diacritics. The first is the thing counted; the others qualify it
 * (see `coverage`).
 */
function countedWords(question: string, all: Token[], diacritics: boolean): string[] {
  const at = all.findIndex((t, i) => t.folded === 'bao' && all[i + 1]?.folded === 'nhieu');
  // "bao nhiêu %" counts a share.
  const typed = question.normalize('NFC');
  const m = BAO_NHIEU.exec(typed);
  if (at < 0 || (m && /^\s*%/u.test(typed.slice(m.index + m[0].length)))) return [];
  const out: string[] = [];
  for (const t of all.slice(at + 2)) {
    // Folded, only in a question typed without diacritics: "điểm thi" counts exams, "thì" ends.
    const ends = COUNT_END.has(t.text) || (!diacritics && COUNT_END_FOLDED.has(t.folded));
    if (t.isNumber || !/\p{L}/u.test(t.text) || ends || t.gapBefore) break;
    if (COUNT_MEASURES.has(t.folded)) return [];
    // A word typed without marks in a question that has some ("Công an Cà Mau bắt bao nhiêu vu") is
    // compared folded, as the whole question would be.
    out.push(diacritics && t.text !== t.folded ? EXACT + t.text : FOLDED + t.folded);
    if (out.length === 3) break;
  }
  return out;
}

/** A question asking when or where, folded: "khi nào", "ngày nào", "ở đâu", "bao giờ" … */
const WHEN_WHERE =
  /\b(?:khi nao|ngay nao|hom nao|thang nao|nam nao|luc nao|bao gio|thoi gian nao|o dau|tai dau|dia diem nao|noi nao)\b/;
/**
 * Words that end what was held, after "tổ chức": the question's own words, a time, a place, a count;
 * as written, and folded for a question typed without diacritics (as COUNT_END).
 */
const HELD_END_WORDS = `${COUNT_END_WORDS} ngày hôm lúc bao nào đâu giờ lần nơi`;
const HELD_END = new Set(HELD_END_WORDS.split(' '));
const HELD_END_FOLDED = new Set(HELD_END_WORDS.split(' ').map((w) => foldDiacritics(w)));
/** Words that open no name of an event ("tổ chức các hoạt động", "tổ chức một buổi"). */
const HELD_DETERMINERS = new Set(['cac', 'nhung', 'mot', 'moi', 'nhieu']);

/**
 * What a question asking when or where names as held ("Đảng ủy xã tổ chức giải cờ tướng khi nào" →
 * "giai co"): the first two words after "tổ chức", as a folded bigram; empty when the question asks
 * neither, or what follows is one word ("tổ chức họp khi nào") or none. A passage about another
 * event of the unit, dated and placed, does not say when this one was held.
 */
function heldWords(all: Token[], diacritics: boolean): string[] {
  if (!WHEN_WHERE.test(all.map((t) => t.folded).join(' '))) return [];
  const at = all.findIndex(
    (t, i) => t.folded === 'to' && all[i + 1]?.folded === 'chuc' && !all[i + 1]!.gapBefore,
  );
  if (at < 0) return [];
  const words: Token[] = [];
  for (const t of all.slice(at + 2, at + 4)) {
    const ends = HELD_END.has(t.text) || (!diacritics && HELD_END_FOLDED.has(t.folded));
    if (t.isNumber || !/\p{L}/u.test(t.text) || t.gapBefore || ends) break;
    words.push(t);
  }
  if (words.length < 2 || HELD_DETERMINERS.has(words[0]!.folded)) return [];
  return [`${FOLDED_BIGRAM}${words[0]!.folded} ${words[1]!.folded}`];
}

/**
 * The folded syllables of a query that occur only inside `spans` ([start, end) offsets in
 * `foldedContent(query)`): the words that only name the question's scope.
 */
export function spanSyllables(
  query: AnalyzedQuery,
  spans: ReadonlyArray<readonly [number, number]>,
): Set<string> {
  if (spans.length === 0) return new Set();
  const inSpan = new Set<string>();
  const outside = new Set<string>();
  let at = 0;
  for (const t of query.tokens) {
    const start = at;
    const end = at + t.folded.length;
    at = end + 1;
    (spans.some(([s, e]) => start >= s && end <= e) ? inSpan : outside).add(t.folded);
  }
  return new Set([...inSpan].filter((s) => !outside.has(s)));
}

/**
 * The query with some syllables weighing `factor` times less: those that only name what the
 * question is about (its unit, place, year) once the documents have been narrowed to it, so that
 * within them the words of the question itself decide. `spans` are [start, end) offsets in the
 * folded content tokens joined by single spaces (`foldedContent(query)`). A syllable that also appears
 * outside the spans keeps its weight; a bigram is demoted when both its syllables are.
 */
export function demoteSpans(
  query: AnalyzedQuery,
  spans: ReadonlyArray<readonly [number, number]>,
  factor: number,
): AnalyzedQuery {
  return demoteSyllables(query, spanSyllables(query, spans), factor);
}

/** The query with the syllables `demoted` (folded words, as `spanSyllables` gives) weighing `factor` times less. */
export function demoteSyllables(
  query: AnalyzedQuery,
  demoted: ReadonlySet<string>,
  factor: number,
): AnalyzedQuery {
  if (demoted.size === 0) return query;
  const foldOf = (exact: string) => foldDiacritics(exact);
  const terms = new Map<string, number>();
  for (const [term, weight] of query.terms) {
    const ns = term.slice(0, 2);
    const words = term.slice(2).split(' ');
    const folded = ns === EXACT || ns === EXACT_BIGRAM ? words.map(foldOf) : words;
    terms.set(term, folded.every((w) => demoted.has(w)) ? weight * factor : weight);
  }
  return { ...query, terms };
}

/** The folded content tokens joined by single spaces: what `demoteSpans` offsets refer to. */
export function foldedContent(query: AnalyzedQuery): string {
  return query.tokens.map((t) => t.folded).join(' ');
}
