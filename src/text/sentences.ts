/**
 * Vietnamese sentence splitting for passages and highlighting. A sentence ends at . ! ? … (or the
 * document end mark "./.") followed by a space and an uppercase letter, a digit, a quote or a bracket.
 * Abbreviations with dots ("TP. Hồ Chí Minh", "Th.S", "v.v.") and numbers ("2.300", "9,5%") do not
 * end a sentence.
 */

const NO_BREAK_BEFORE =
  /(?:^|[\s(])(?:TP|Tp|tp|TS|ThS|Th\.S|PGS|GS|BS|KS|CN|Q|P|TT|H|X|St|Mr|Mrs|Dr|v\.v|vv|đ\/c|Đ\/c|tr|Tr|Ths|ng|Nxb|NXB)\.$/;

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const re = /(?:\.\/\.|[.!?…]+)["”’)\]]?(?=\s+["“‘([]?[\p{Lu}\d])/gu;
  let start = 0;
  for (const m of text.matchAll(re)) {
    const end = (m.index ?? 0) + m[0].length;
    const candidate = text.slice(start, end);
    if (NO_BREAK_BEFORE.test(candidate)) continue;
    const s = candidate.trim();
    if (s) out.push(s);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}
