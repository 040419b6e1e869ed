import { type Folded, firstYearDigits, foldSection, mainYear, namedYears, yearsIn } from './fold';

/** Where a sentence sits: the section heading above it and the document's year. */
export interface PlaceContext {
  section: string | null;
  /** The document's year (from its title or date), used when nothing closer names one. */
  year?: number;
}

/**
 * The year a sentence is about: one it names ("năm 2025"), else the last one named earlier in its
 * block ("Phương hướng … năm 2025, … Phấn đấu trong năm …"), else the section's, else the document's.
 */
export function yearFor(
  sentence: Folded,
  block: Folded,
  offset: number,
  place: PlaceContext,
): number | undefined {
  const own = mainYear(sentence.fold);
  if (own !== undefined) return own;
  // Every year is written with four digits (see firstYearDigits): text before the block's first ones
  // names none, and is not read.
  const first = firstYearDigits(block.fold);
  if (first >= 0 && first + 4 <= offset) {
    const before = block.fold.slice(0, offset);
    const named = namedYears(before).pop();
    if (named !== undefined) return named;
    const plain = yearsIn(before).pop();
    if (plain !== undefined) return plain;
  }
  if (place.section) {
    const y = mainYear(foldSection(place.section));
    if (y !== undefined) return y;
  }
  return place.year;
}
