/** Longest question accepted, in characters, by the bot and the retriever alike. */
export const MAX_QUESTION_CHARS = 1000;

/** A question's length as people count it: characters of its NFC form (an NFD "ế" is one). */
export function questionLength(question: string): number {
  return [...question.normalize('NFC')].length;
}

/** "khách mời" (guests), with or without its marks, as words of their own in an NFC question. */
const GUESTS = /(?<![\p{L}\p{M}])kh(a|á)ch\s+m(?:o|ờ)i(?![\p{L}\p{M}])/giu;
/** A question asking who: "ai", "những ai", "là ai" as a word. */
const ASKS_WHO = /(?<![\p{L}\p{M}])ai(?![\p{L}\p{M}])/iu;

/**
 * The words a question's passages are searched by, where people ask otherwise than reports write:
 * "khách mời của đại hội là ai" asks who attended, which reports write "Dự đại hội có đồng chí …",
 * never "khách mời". In a question asking who, "khách mời" is searched as "dự" ("du" when typed
 * without diacritics). Anything else is returned unchanged.
 */
/** "cần làm gì", "phải làm những gì": asks for tasks, which reports write as "nhiệm vụ". */
const WHAT_TO_DO =
  /(?<![\p{L}\p{M}])(?:cần|phải|can|phai)\s+(l[aà]m)\s+(?:những\s+|nhung\s+)?(?:gì|gi)(?![\p{L}\p{M}])/giu;

export function searchedWords(question: string): string {
  const nfc = question
    .normalize('NFC')
    .replace(WHAT_TO_DO, (_m, l: string) => (l.toLowerCase() === 'làm' ? 'nhiệm vụ gì' : 'nhiem vu gi'));
  if (!ASKS_WHO.test(nfc)) return nfc === question.normalize('NFC') ? question : nfc;
  GUESTS.lastIndex = 0;
  if (!GUESTS.test(nfc)) return nfc === question.normalize('NFC') ? question : nfc;
  return nfc.replace(GUESTS, (_m, a: string) => (a === 'á' || a === 'Á' ? 'dự' : 'du'));
}
