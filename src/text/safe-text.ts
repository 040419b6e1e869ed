/**
 * Characters that must never be echoed back to a person: C0 controls other than tab and newline,
 * DEL and C1 controls, and the bidirectional marks, embeddings, overrides and isolates (U+061C,
 * U+200E/U+200F, U+202A–U+202E, U+2066–U+2069). An override copied from a question into the bot's
 * answer would reverse the rest of the line ("…cod.exe" shown as "…exe.doc") or hide text.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * The text without control and bidi formatting characters; carriage returns become newlines.
 * Everything else (Vietnamese letters in NFC or NFD, emoji with their joiners) is kept as is.
 */
export function stripUnsafeChars(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE, '');
}
