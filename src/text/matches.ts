/**
 * Every match of a global expression in a text, in order: what `text.matchAll(re)` gives, as an
 * array, without cloning the expression for each call. Ingest runs a few dozen expressions over
 * every sentence of every passage, and the clone `matchAll` makes each time cost three times the
 * search itself (issue 14). The expression's `lastIndex` is 0 before and after; a caller may run the
 * same expression again while it goes through the array.
 */
export function matchesOf(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new TypeError(`matchesOf needs a global expression: ${re}`);
  const out: RegExpExecArray[] = [];
  const unicode = re.unicode || re.flags.includes('v');
  re.lastIndex = 0;
  try {
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      out.push(m);
      // An empty match moves on by one character, as matchAll does (by a code point with "u").
      if (m[0] === '') re.lastIndex = advance(text, re.lastIndex, unicode);
    }
  } finally {
    re.lastIndex = 0;
  }
  return out;
}

function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  if (code < 0xd800 || code > 0xdbff) return index + 1;
  const next = text.charCodeAt(index + 1);
  return next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}

/**
 * Several global expressions run over one text in one pass: `matches(text)[i]` is exactly what
 * `matchesOf(rules[i], text)` gives. The rules are joined as alternatives, each in a group, inside a
 * lookahead: the joined expression matches (empty) at every position where some rule matches, and
 * its first group that took something names the first such rule. That rule's own match there is its
 * sticky copy's; the rules after it are tried at the same position (the lookahead of those rules
 * alone, sticky), and a rule's match that would start inside its previous one is skipped, as its own
 * scan skips it. One scan over the text instead of one per rule: ingest runs several rules over the
 * first 20,000 characters of every document and over every sentence (issue 14).
 *
 * The rules need the same flags, global and not sticky, and no back-reference (its number would
 * change once joined).
 */
export class RuleSet {
  private readonly any: RegExp;
  /** after[i]: the lookahead of rules i… alone, sticky. */
  private readonly after: RegExp[];
  private readonly sticky: RegExp[];
  /** The group of a joined expression that holds rule i, for the expressions of rules from 0 and from j. */
  private readonly groups: number[];
  private readonly unicode: boolean;

  constructor(private readonly rules: readonly RegExp[]) {
    if (rules.length === 0) throw new TypeError('RuleSet needs rules');
    const flags = rules[0]!.flags;
    for (const re of rules) {
      // Sticky rules would make the joined expression sticky: it would stop at the first position.
      if (re.flags !== flags || !re.global || re.sticky)
        throw new TypeError(`RuleSet rules need the same global, not sticky, flags: ${re}`);
      if (/\\[1-9]|\\k</.test(re.source))
        throw new TypeError(`RuleSet rules cannot refer back to a group: ${re}`);
    }
    const stickyFlags = `${flags.replace('g', '')}y`;
    this.sticky = rules.map((re) => new RegExp(re.source, stickyFlags));
    // A rule's group comes after the groups of the rules before it (each has its own and one around it).
    this.groups = [];
    let group = 1;
    for (const re of rules) {
      this.groups.push(group);
      group += new RegExp(`${re.source}|`, flags.replace('g', '')).exec('')!.length;
    }
    const joined = (from: number) =>
      `(?=${rules
        .slice(from)
        .map((re) => `(${re.source})`)
        .join('|')})`;
    this.any = new RegExp(joined(0), flags);
    this.after = rules.map((_, i) => new RegExp(joined(i), stickyFlags));
    this.unicode = this.any.unicode || flags.includes('v');
  }

  matches(text: string): RegExpExecArray[][] {
    const out: RegExpExecArray[][] = this.rules.map(() => []);
    const next = new Array<number>(this.rules.length).fill(0);
    for (const m of matchesOf(this.any, text)) {
      const at = m.index;
      let rule = this.firstRule(m, 0);
      while (rule >= 0) {
        if (at >= next[rule]!) {
          const re = this.sticky[rule]!;
          re.lastIndex = at;
          const own = re.exec(text)!;
          re.lastIndex = 0;
          out[rule]!.push(own);
          // After an empty match a scan moves on by one character (matchesOf).
          next[rule] = own[0] === '' ? advance(text, at, this.unicode) : at + own[0].length;
        }
        rule = this.nextRule(text, at, rule + 1);
      }
    }
    return out;
  }

  /** The first rule from `from` whose group took something in a match of the rules from `from`. */
  private firstRule(m: RegExpExecArray, from: number): number {
    const base = this.groups[from]! - 1;
    for (let rule = from; rule < this.rules.length; rule++)
      if (m[this.groups[rule]! - base] !== undefined) return rule;
    return -1;
  }

  /** The first rule from `from` that matches at `at`, or -1. */
  private nextRule(text: string, at: number, from: number): number {
    if (from >= this.rules.length) return -1;
    const re = this.after[from]!;
    re.lastIndex = at;
    const m = re.exec(text);
    re.lastIndex = 0;
    return m ? this.firstRule(m, from) : -1;
  }
}
