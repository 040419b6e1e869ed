import { parseScope } from '../profile/scope';
import { findUnits } from '../profile/units';
import { provinceByName } from '../profile/places';
import { foldDiacritics } from '../text/normalize';

/**
 * Follow-ups typed after an answer ("còn Ninh Thuận thì sao?", "năm 2024 thì sao?", "thế còn ai dự?"):
 * read with the previous question, changing only what the follow-up names. A place or unit named
 * replaces the previous one, a year the previous year; other words (a new question about the same
 * meeting or document) keep the previous scope.
 */

const OPENER = /^(?:(?:the|vay|con|the con|vay con|con nhu|the thi|vay thi)\s+)+/;
const CLOSER = /\s+(?:thi sao|thi the nao|the nao|ra sao|nhu the nao|thi|nua)$/;
/** What the previous question asked, dropped when the follow-up asks something else about its scope. */
const QUESTION_WORDS = [
  'ai chu tri',
  'chu tri',
  'ai tham du',
  'tham du',
  'ai du',
  'la gi',
  'bao nhieu',
  'nhu the nao',
  'the nao',
  'ra sao',
  'nhung gi',
  'ai',
  'gi',
  'may',
];

/** A follow-up is short; a long message is a question of its own. */
const MAX_WORDS = 9;

/** Folds for matching while keeping one character per character of the NFC text. */
function foldAligned(text: string): string {
  return [...text]
    .map((c) => (foldDiacritics(c) || ' ').charAt(0))
    .join('')
    .toLowerCase();
}

/** The part of a follow-up that says what changes ("Ninh Thuận", "năm 2024", "ai dự"), or null. */
export function followUpCore(message: string): string | null {
  const text = message
    .normalize('NFC')
    .replace(/[?!.…]+\s*$/u, '')
    .trim();
  const f = foldAligned(text);
  if (text.split(/\s+/).length > MAX_WORDS) return null;
  const opener = OPENER.exec(f);
  const closer = CLOSER.exec(f);
  if (!opener && !closer) return null;
  const core = text.slice(opener ? opener[0].length : 0, closer ? closer.index : text.length).trim();
  return core.length > 0 ? core : null;
}

/** Blanks the ranges of `text` whose aligned fold matches one of `phrases` (folded), as whole words. */
function blank(text: string, folded: string, phrases: string[]): string {
  let out = text;
  for (const phrase of phrases) {
    if (!phrase) continue;
    const re = new RegExp(`(?<![a-z0-9])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9])`, 'g');
    for (const m of folded.matchAll(re)) {
      const at = m.index ?? 0;
      out = out.slice(0, at) + ' '.repeat(m[0].length) + out.slice(at + m[0].length);
    }
  }
  return out;
}

/**
 * The question a follow-up asks, given the previous question; null when the message is not a
 * follow-up (it is then asked as it is).
 */
export function mergeFollowUp(previous: string, message: string): string | null {
  const core = followUpCore(message);
  if (!core) return null;
  const prev = previous.normalize('NFC');
  const asked = parseScope(core);
  const before = parseScope(prev);
  let kept = prev;
  let folded = foldAligned(prev);
  const names = (p: string) => [p, ...(provinceByName(p)?.variants ?? [])].map((x) => foldAligned(x));
  const namesPlace = asked.provinces.length > 0 || asked.localities.length > 0;
  const namesUnit = asked.unitTypes.length > 0;
  if (namesPlace) {
    kept = blank(kept, folded, before.provinces.flatMap(names));
    kept = blank(kept, folded, before.localities);
    // "tỉnh", "huyện" left in front of a removed name go too.
    kept = kept.replace(/\b(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã)(?=\s*$|\s{2,})/giu, ' ');
    folded = foldAligned(kept);
  }
  if (namesUnit) {
    const units = findUnits(kept, { question: true });
    for (const u of [...units].reverse())
      kept = kept.slice(0, u.index) + ' '.repeat(u.length) + kept.slice(u.index + u.length);
    folded = foldAligned(kept);
  }
  if (asked.years.length > 0) kept = blank(kept, folded, before.years.map(String));
  const rest = kept.replace(/\s+/g, ' ').trim();
  // Something new to ask about the same scope ("ai dự?"): the new words, with the old scope's words.
  if (!namesPlace && !namesUnit && asked.years.length === 0) {
    const scope = blank(prev, foldAligned(prev), QUESTION_WORDS);
    return `${core} ${scope}`.replace(/\s+/g, ' ').trim();
  }
  return `${rest} ${core}`.replace(/\s+/g, ' ').trim();
}

/**
 * The questions the bot answered lately, by the message that carried the answer and by chat, so a
 * reply to an answer (or, in a private chat, the next message) can be read as a follow-up. In memory:
 * a follow-up comes minutes after its question, and after a restart a reply is simply a question.
 */
export class ConversationMemory {
  private readonly byMessage = new Map<string, { question: string; at: number }>();
  private readonly byChat = new Map<number, { question: string; at: number }>();

  constructor(
    private readonly clock: () => Date,
    private readonly ttlMs = 30 * 60 * 1000,
    private readonly maxEntries = 5000,
  ) {}

  remember(chatId: number, messageIds: number[], question: string): void {
    const at = this.clock().getTime();
    for (const id of messageIds) this.byMessage.set(`${chatId}:${id}`, { question, at });
    this.byChat.delete(chatId);
    this.byChat.set(chatId, { question, at });
    for (const map of [this.byMessage, this.byChat] as Map<unknown, unknown>[])
      while (map.size > this.maxEntries) map.delete(map.keys().next().value);
  }

  /** The question answered by this bot message, if recent. */
  answeredBy(chatId: number, messageId: number): string | undefined {
    return this.fresh(this.byMessage.get(`${chatId}:${messageId}`));
  }

  /** The last question answered in this chat, if recent. */
  lastIn(chatId: number): string | undefined {
    return this.fresh(this.byChat.get(chatId));
  }

  private fresh(entry: { question: string; at: number } | undefined): string | undefined {
    return entry && this.clock().getTime() - entry.at <= this.ttlMs ? entry.question : undefined;
  }
}
