import { stripUnsafeChars } from './safe-text';

/**
 * Escapes text for Telegram's HTML parse mode (and any HTML): &, <, > and " — everything a person or
 * a document wrote goes through here before it is put between our own tags. Control and bidi
 * override characters are dropped here too (stripUnsafeChars), so no echoed question, file name or
 * caption can reorder or hide the bot's own text.
 */
export function escapeHtml(text: string): string {
  return stripUnsafeChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
