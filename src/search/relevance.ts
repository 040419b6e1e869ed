import { AnalyzedQuery, EXACT, EXACT_BIGRAM, FOLDED, FOLDED_BIGRAM, textTerms } from '../text/terms';
import { splitSentences } from '../text/sentences';

/** Weight of a syllable matched only without diacritics, when the question has them. */
const FOLDED_ONLY_CREDIT = 0.6;

export type IdfFn = (term: string) => number;

/**
 * How much of the question a text covers, from 0 to 1: the IDF-weighted share of the question's
 * syllables found in the text, averaged with the share of its syllable bigrams. Unlike a BM25 score it
 * is comparable across questions, so one threshold can decide "not found".
 */
export function coverage(query: AnalyzedQuery, text: string, idf: IdfFn): number {
  const terms = textTerms(text);
  const seen = new Set<string>();
  let total = 0;
  let got = 0;
  for (const s of query.syllables) {
    if (seen.has(s.folded)) continue;
    seen.add(s.folded);
    const w = idf(s.folded);
    total += w;
    if (query.hasDiacritics && terms.has(s.exact)) got += w;
    else if (terms.has(s.folded)) got += query.hasDiacritics ? w * FOLDED_ONLY_CREDIT : w;
    else if (s.alternatives?.some((alt) => alt.every((t) => terms.has(t)))) got += w * FOLDED_ONLY_CREDIT;
  }
  const unigram = total > 0 ? got / total : 0;
  let biTotal = 0;
  let biGot = 0;
  const toks = query.tokens;
  for (let i = 1; i < toks.length; i++) {
    if (toks[i]!.gapBefore) continue;
    const folded = `${FOLDED_BIGRAM}${toks[i - 1]!.folded} ${toks[i]!.folded}`;
    const exact = `${EXACT_BIGRAM}${toks[i - 1]!.text} ${toks[i]!.text}`;
    biTotal++;
    if (query.hasDiacritics ? terms.has(exact) || terms.has(folded) : terms.has(folded)) biGot++;
  }
  if (biTotal === 0) return unigram;
  return 0.5 * unigram + 0.5 * (biGot / biTotal);
}

/**
 * The sentence of a passage that best answers the question: most IDF weight of question syllables,
 * bigrams counting double, a sentence with a number preferred when the question asks for one. Returns null when no sentence shares a content word with the question.
 */
export function bestSentence(query: AnalyzedQuery, text: string, idf: IdfFn): string | null {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return null;
  let best: string | null = null;
  let bestScore = 0;
  for (const s of sentences) {
    const terms = textTerms(s);
    let score = 0;
    for (const [term, weight] of query.terms) {
      if (!terms.has(term)) continue;
      const bigram = term.startsWith(EXACT_BIGRAM) || term.startsWith(FOLDED_BIGRAM);
      const base = bigram
        ? idf(FOLDED + term.slice(2).split(' ')[1])
        : idf(term.startsWith(EXACT) ? FOLDED + term.slice(2) : term);
      score += weight * base * (bigram ? 2 : 1);
    }
    // A question about a quantity or a target is answered by a sentence that states a number.
    if (query.wantsNumber && /\d/.test(s)) score *= 1.5;
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}
