import mammoth from 'mammoth';
import { createError } from '../../errors';
import { ExtractedDocument } from '../types';
import { htmlToSegments, parseHtml } from './html-blocks';

/**
 * Word's "Title" and "Subtitle" styles are not in mammoth's default style map; without these lines
 * they would come out as plain paragraphs.
 */
const STYLE_MAP = ["p[style-name='Title'] => h1.doc-title:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/**
 * Reads a .docx with mammoth (Word → semantic HTML) and walks the HTML: headings, list items (numbered
 * "1.", "2." or marked "-", since mammoth drops Word's numbering text), table rows and paragraphs. The
 * title is the paragraph in Word's Title style, else the first heading.
 *
 * @throws ChithiError FILE_BROKEN when the file is not a readable Word document.
 */
export async function readDocx(file: string, bytes: Buffer): Promise<ExtractedDocument> {
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: bytes }, { styleMap: STYLE_MAP }));
  } catch (err) {
    throw Object.assign(
      createError(
        'FILE_BROKEN',
        file,
        'tệp Word (.docx) bị hỏng hoặc không đầy đủ; hãy mở bằng Word và lưu lại.',
      ),
      { cause: err },
    );
  }
  const root = parseHtml(`<body>${html}</body>`);
  const segments = htmlToSegments(root);
  const titleText = root.querySelector('h1.doc-title')?.text.replace(/\s+/g, ' ').trim();
  const title = titleText || segments.find((s) => s.kind === 'heading')?.text;
  return { segments, ocr: false, notes: [], ...(title ? { title } : {}) };
}
