import { ExtractedDocument } from '../types';
import { htmlToSegments, parseHtml } from './html-blocks';

/**
 * Reads an HTML page (already decoded to text): `<title>` becomes the title, headings, list items,
 * table rows and paragraphs become structured segments; scripts, styles and navigation are dropped.
 */
export function readHtml(html: string): ExtractedDocument {
  const root = parseHtml(html);
  const titleText = root.querySelector('title')?.text.replace(/\s+/g, ' ').trim();
  const body = root.querySelector('body') ?? root;
  const segments = htmlToSegments(body);
  const firstHeading = segments.find((s) => s.kind === 'heading')?.text;
  const title = titleText || firstHeading;
  return { segments, ocr: false, notes: [], ...(title ? { title } : {}) };
}
