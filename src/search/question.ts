/** Longest question accepted, in characters, by the bot and the retriever alike. */
export const MAX_QUESTION_CHARS = 1000;

/** A question's length as people count it: characters of its NFC form (an NFD "ế" is one). */
export function questionLength(question: string): number {
  return [...question.normalize('NFC')].length;
}
