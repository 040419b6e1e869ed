import entries from './abbreviations.json';
import { tokenize } from './tokenize';

/** One abbreviation and what it stands for, as token sequences in folded form. */
interface CompiledEntry {
  forms: string[][];
  expansions: string[][];
  /** Display forms for explanations. */
  raw: { forms: string[]; expansions: string[] };
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
  return {
    forms: [...forms.values()],
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
export function expandAbbreviations(foldedTokens: string[]): Expansion[] {
  const out: Expansion[] = [];
  for (const e of COMPILED) {
    for (const form of e.forms) {
      if (findSeq(foldedTokens, form) >= 0) {
        out.push({ found: form, add: e.expansions });
        break;
      }
    }
    for (const exp of e.expansions) {
      if (exp.length > 1 && findSeq(foldedTokens, exp) >= 0) {
        out.push({ found: exp, add: e.forms });
        break;
      }
    }
  }
  return out;
}

/** The dictionary as loaded (for help texts and tests). */
export function abbreviationList(): ReadonlyArray<{ forms: string[]; expansions: string[] }> {
  return COMPILED.map((e) => e.raw);
}
