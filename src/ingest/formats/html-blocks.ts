import { HTMLElement, Node, NodeType, parse } from 'node-html-parser';
import { BlockKind, ExtractedSegment } from '../types';

/**
 * Walks HTML (a web page, or the HTML mammoth makes from a .docx) into structured segments in reading
 * order: headings (and the title), list items (with their number or marker, which HTML leaves to the browser), table
 * rows (cells joined by " | ") and paragraphs. Scripts, styles and navigation are dropped.
 */

/** Elements whose content is never document text. */
const SKIPPED = new Set([
  'script',
  'style',
  'nav',
  'noscript',
  'template',
  'svg',
  'iframe',
  'head',
  'button',
]);

/** Elements that end the text before them and start a new block. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'blockquote',
  'pre',
  'address',
  'figure',
  'figcaption',
  'dl',
  'dt',
  'dd',
  'hr',
  'body',
  'html',
  'caption',
  'form',
  'fieldset',
]);

interface WalkState {
  kind: BlockKind;
  /** Marker of the list item being read ("1.", "-"), used once by the first flush. */
  prefix: string;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Walks the children of `root` into segments. */
export function htmlToSegments(root: HTMLElement): ExtractedSegment[] {
  const segments: ExtractedSegment[] = [];
  let buffer = '';
  let state: WalkState = { kind: 'paragraph', prefix: '' };

  const flush = (): void => {
    // Two line breaks in a row (<br><br>) separate paragraphs in hand-written HTML.
    const parts = state.kind === 'paragraph' ? buffer.split(/\n\s*\n/) : [buffer];
    for (const part of parts) {
      const text = collapse(part);
      if (!text) continue;
      segments.push({ text: state.prefix ? `${state.prefix} ${text}` : text, kind: state.kind });
      state.prefix = '';
    }
    buffer = '';
  };

  const visitChildren = (el: Node): void => {
    for (const child of el.childNodes) visit(child);
  };

  const visitList = (list: HTMLElement, ordered: boolean): void => {
    flush();
    let n = Number.parseInt(list.getAttribute('start') ?? '1', 10);
    if (!Number.isFinite(n)) n = 1;
    for (const child of list.childNodes) {
      if (child instanceof HTMLElement && child.tagName.toLowerCase() === 'li') {
        const saved = state;
        state = { kind: 'list-item', prefix: ordered ? `${n}.` : '-' };
        n++;
        visitChildren(child);
        flush();
        state = saved;
      } else {
        visit(child);
      }
    }
  };

  const visitTable = (table: HTMLElement): void => {
    flush();
    const saved = state;
    state = { kind: 'paragraph', prefix: '' };
    for (const row of rowsOf(table)) {
      const cells = row.childNodes
        .filter((c): c is HTMLElement => c instanceof HTMLElement && /^(td|th)$/i.test(c.tagName))
        .map((c) => collapse(c.text))
        .filter(Boolean);
      if (cells.length) segments.push({ text: cells.join(' | '), kind: 'paragraph' });
    }
    state = saved;
  };

  const visit = (node: Node): void => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      buffer += node.text;
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    const tag = node.tagName?.toLowerCase() ?? '';
    if (SKIPPED.has(tag)) return;
    if (tag === 'br') {
      buffer += '\n';
    } else if (/^h[1-6]$/.test(tag)) {
      flush();
      const saved = state;
      // read-docx marks Word's Title style with this class.
      state = { kind: node.classList.contains('doc-title') ? 'title' : 'heading', prefix: '' };
      visitChildren(node);
      flush();
      state = saved;
    } else if (tag === 'ol' || tag === 'ul') {
      visitList(node, tag === 'ol');
    } else if (tag === 'table') {
      visitTable(node);
    } else if (BLOCKS.has(tag) || tag === 'li' || tag === 'tr') {
      flush();
      visitChildren(node);
      flush();
    } else {
      visitChildren(node);
    }
  };

  visitChildren(root);
  flush();
  return segments;
}

/** Rows of a table, not those of tables nested in its cells. */
function rowsOf(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  const walk = (el: HTMLElement): void => {
    for (const child of el.childNodes) {
      if (!(child instanceof HTMLElement)) continue;
      const tag = child.tagName.toLowerCase();
      if (tag === 'tr') rows.push(child);
      else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') walk(child);
    }
  };
  walk(table);
  return rows;
}

/** Parses an HTML string the way both readers need: entities decoded, scripts kept out of text. */
export function parseHtml(html: string): HTMLElement {
  return parse(html, {
    lowerCaseTagName: false,
    comment: false,
    blockTextElements: { script: false, style: false, noscript: false, pre: true },
  });
}
