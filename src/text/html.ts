/**
 * Escapes text for Telegram's HTML parse mode (and any HTML): &, <, > and " — everything a person or
 * a document wrote goes through here before it is put between our own tags.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
