import type { DocumentProfile } from '../profile/profile';

/** Kinds of text block recognized in a document, in reading order. */
/** `signature`: the signing block at the end of an official document ("T/M ĐẢNG ỦY / BÍ THƯ / Đại tá …"). */
export type BlockKind = 'title' | 'date' | 'heading' | 'paragraph' | 'list-item' | 'caption' | 'signature';

/**
 * What a format reader (txt, md, docx, pdf, html, OCR) hands to the pipeline.
 * Each segment is reflowed on its own unless its kind is already known (docx paragraphs).
 */
export interface ExtractedDocument {
  segments: ExtractedSegment[];
  /** True when the text came from OCR; citations say so. */
  ocr: boolean;
  /** Human-readable notes for the ingest report, e.g. "chuyển từ mã TCVN3". */
  notes: string[];
  /** A title found in the file's metadata or structure, if any. */
  title?: string;
}

export interface ExtractedSegment {
  /** Raw text, possibly hard-wrapped. */
  text: string;
  /** 1-based page number for paged formats (PDF). */
  page?: number;
  /** Set when the format knows the structure (docx headings, list items); the text is then one block. */
  kind?: BlockKind;
}

/** A reflowed block: one logical paragraph of the document. Text is NFC, original tone placement. */
export interface Block {
  kind: BlockKind;
  text: string;
  page?: number;
}

/** The unit of search: a paragraph or a piece of a long paragraph. */
export interface PassageDraft {
  /** 0-based position in the document. */
  ordinal: number;
  /** 1-based paragraph number in the document (blocks of kind paragraph/list-item/caption/heading). */
  paragraph: number;
  kind: BlockKind;
  section: string | null;
  /**
   * The headings above the section, outermost first, joined by " › " ("II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM
   * 2025" over section "2. Các chỉ tiêu chủ yếu"); for a heading, those above it. Null when none.
   */
  outline?: string | null;
  /** For a list item: the sentence that introduces its list (without its ":"), else null. */
  lead: string | null;
  page: number | null;
  /** Original text for display (NFC, whitespace collapsed). */
  text: string;
  /** Years mentioned (1900-2100). */
  years: number[];
}

export interface ParsedDocument {
  title: string;
  /** What the document is about (kind, number, date, unit, places, periods). */
  profile: DocumentProfile;
  passages: PassageDraft[];
  blocks: Block[];
  ocr: boolean;
  notes: string[];
}
