import type { DocumentProfile } from '../profile/profile';
import type { PassageRow } from '../store/documents';
import type { IndexablePassage } from './keyword';

/**
 * What a passage inherits from its document, matched with the context weight: title, section, the
 * unit and places the document is about, and the years of the passage.
 */
export function passageContext(
  p: Pick<PassageRow, 'title' | 'section' | 'years'> & { profile?: DocumentProfile; lead?: string | null },
): string {
  const prof = p.profile;
  return [
    p.title,
    p.section ?? '',
    p.lead ?? '',
    prof?.unit ?? '',
    ...(prof?.provinces ?? []).filter((x) => !(prof?.unit ?? '').includes(x)),
    ...(prof?.localities ?? []).map((l) => `${l.level} ${l.name}`),
    ...p.years.map((y) => `năm ${y}`),
  ]
    .filter(Boolean)
    .join(' . ');
}

/** What the keyword index reads of a passage: its text and its context. */
export function toIndexable(p: PassageRow): IndexablePassage {
  return { id: p.id, text: p.text, context: passageContext(p) };
}
