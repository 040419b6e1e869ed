import type { DocumentProfile } from '../profile/profile';
import { Db, getGeneration, getStamp } from '../store/db';
import { iteratePassages, PassageRow } from '../store/documents';
import { Bm25Params, IndexablePassage, KeywordIndex } from './keyword';

/**
 * What a passage inherits from its document, matched with the context weight: title, the headings
 * above its section (outline), section, the
 * unit and places the document is about, and the years of the passage.
 */
export function passageContext(
  p: Pick<PassageRow, 'title' | 'section' | 'years'> & {
    profile?: DocumentProfile;
    lead?: string | null;
    outline?: string | null;
  },
): string {
  const prof = p.profile;
  return [
    p.title,
    p.outline ?? '',
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

/**
 * The keyword index of the passages with an id in (after, upTo], or of all of them, built in one read
 * transaction: it holds exactly the passages of the generation and stamp it returns.
 */
export function buildIndex(
  db: Db,
  params: Bm25Params,
  range?: { after: number; upTo: number },
): { index: KeywordIndex; read: number; generation: number; stamp: string } {
  return db.transaction(() => {
    const index = new KeywordIndex(params);
    let read = 0;
    for (const p of iteratePassages(db, range)) {
      index.add(toIndexable(p));
      read++;
    }
    return { index, read, generation: getGeneration(db), stamp: getStamp(db) };
  })();
}
