import entries from './abbreviations.json';
import { tokenize } from './tokenize';

/** One abbreviation and what it stands for, as token sequences in folded form. */
interface CompiledEntry {
  forms: string[][];
  /**
   * Forms that are also an ordinary syllable ("TƯ" folds to "tu", as "từ", "tư", "tự" do), by folded
   * form, with their exact lowercase spelling: they count only where written in capitals.
   */
  wordLike: Map<string, string>;
  expansions: string[][];
  /** Display forms for explanations. */
  raw: { forms: string[]; expansions: string[] };
}

// A Vietnamese syllable without its diacritics: initial consonant, vowel nucleus, final consonant.
const SYLLABLE =
  /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?(?:oai|oay|oao|oeo|uay|uoi|uou|uya|uye|uyu|ieu|yeu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ya|ye|a|e|i|o|u|y)(?:ng|nh|ch|[cmnpt])?$/;

/** Whether a folded token could be an ordinary Vietnamese syllable ("tu", "ca"; not "bdbp", "iuu"). */
export function isSyllable(folded: string): boolean {
  return SYLLABLE.test(folded);
}

const foldedSeq = (s: string): string[] => tokenize(s).map((t) => t.folded);

const COMPILED: CompiledEntry[] = (entries as Array<{ forms: string[]; expansions: string[] }>).map((e) => {
  const forms = new Map<string, string[]>();
  for (const f of e.forms) {
    const seq = foldedSeq(f);
    forms.set(seq.join(' '), seq);
    // "KT-XH" is also written "KTXH": accept the joined form too.
    if (seq.length > 1) forms.set(seq.join(''), [seq.join('')]);
  }
  const wordLike = new Map<string, string>();
  for (const f of e.forms) {
    const tokens = tokenize(f);
    if (tokens.length === 1 && isSyllable(tokens[0]!.folded))
      wordLike.set(tokens[0]!.folded, tokens[0]!.text);
  }
  return {
    forms: [...forms.values()],
    wordLike,
    expansions: e.expansions.map(foldedSeq).filter((s) => s.length > 0),
    raw: e,
  };
});

function findSeq(haystack: string[], needle: string[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

export interface Expansion {
  /** What was found in the text, as folded tokens. */
  found: string[];
  /** What to add, as folded token sequences (each a phrase). */
  add: string[][];
}

/**
 * Finds abbreviations and their expansions in a token sequence (folded) and returns what to add, both
 * ways: "BĐBP" adds "bo doi bien phong", and "Bộ đội Biên phòng" adds "bdbp". Matching is on folded
 * tokens so questions typed without diacritics expand too.
 */
export function expandAbbreviations(foldedTokens: string[], written?: WrittenToken[]): Expansion[] {
  const out: Expansion[] = [];
  for (const e of COMPILED) {
    for (const form of e.forms) {
      const at = findSeq(foldedTokens, form);
      if (
        at >= 0 &&
        (form.length > 1 || !e.wordLike.has(form[0]!) || abbreviated(e, form[0]!, written?.[at]))
      ) {
        out.push({ found: form, add: e.expansions });
        break;
      }
    }
    for (const exp of e.expansions) {
      if (exp.length > 1 && findSeq(foldedTokens, exp) >= 0) {
        // "trung ương" does not add "tu": every "từ" of the archive would match it.
        const add = e.forms.filter((f) => f.length > 1 || !e.wordLike.has(f[0]!));
        if (add.length > 0) out.push({ found: exp, add });
        break;
      }
    }
  }
  return out;
}

/** How a token was written, where a form is also an ordinary syllable (see CompiledEntry.wordLike). */
export interface WrittenToken {
  /** Lowercase, with its diacritics as written. */
  text: string;
  capitals: boolean;
}

/**
 * Whether a token that folds to a word-like form stands for the abbreviation: written in capitals,
 * and either without diacritics ("TU") or spelled as the form ("TƯ"), so "TỪ NĂM 2020" is not
 * "Trung ương". Without the written tokens, never.
 */
function abbreviated(e: CompiledEntry, folded: string, token: WrittenToken | undefined): boolean {
  if (!token?.capitals) return false;
  return token.text === folded || token.text === e.wordLike.get(folded);
}

/** The dictionary as loaded (for help texts and tests). */
export function abbreviationList(): ReadonlyArray<{ forms: string[]; expansions: string[] }> {
  return COMPILED.map((e) => e.raw);
}
