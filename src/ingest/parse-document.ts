import path from 'node:path';
import { normalizeText } from '../text/normalize';
import { buildProfile, documentTitle } from '../profile/profile';
import { blocksToPassages } from './passages';
import { reflow } from './reflow';
import { ExtractedDocument, ParsedDocument } from './types';

/** "bdbp-ninh-thuan-nghi-quyet-2025.txt" → "bdbp ninh thuan nghi quyet 2025". */
export function titleFromFileName(file: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  return base.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim() || base;
}

/**
 * Turns what a format reader extracted into blocks and passages. Pure: no I/O.
 * The title is the document's own (a title block or the reader's metadata), else the file name.
 */
export function parseDocument(file: string, extracted: ExtractedDocument): ParsedDocument {
  const blocks = reflow(extracted.segments);
  const fallback = normalizeText(extracted.title ?? titleFromFileName(file));
  // The profile is read twice: first to find the title (a made-up title needs the unit), then with it.
  const draft = buildProfile(file, blocks, '');
  const chosen = documentTitle(blocks, fallback, draft);
  const title = normalizeText(chosen.title);
  // A title made from the profile says nothing new; reading it again would only echo it.
  const profile = chosen.made ? draft : buildProfile(file, blocks, title);
  return {
    title,
    profile,
    blocks,
    passages: blocksToPassages(blocks),
    ocr: extracted.ocr,
    notes: extracted.notes,
  };
}
