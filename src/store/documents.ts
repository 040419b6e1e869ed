import { PassageDraft } from '../ingest/types';
import { DocumentProfile, emptyProfile } from '../profile/profile';
import { bumpGeneration, cachedStatement, Db } from './db';

/**
 * Version of what ingest derives from a file (passages, title, profile). A document read by an older
 * version is read again at the next ingest even when its bytes did not change. 4: numbered items
 * ending in ":" lead their own items, a short report's header stops at its first sentence, a year after
 * the document's date is planned, a heading of items is not a task. 5: the signing block is one passage.
 * 6: a target's year (the planned year ahead, not a year compared with), so stored facts are redone.
 * 7: deadlines that come back ("trước ngày 20 hằng tháng") are read. 8: mass organizations (Hội Nông
 * dân, Tỉnh đoàn, Hội LHPN …) and district party committees ("Huyện ủy Hải Hậu") are units of their own;
 * official headers read as written; letters, notices and decisions plan their year. 9: a border
 * station named "Cửa …" (Cửa Việt, Cửa Lò) is read as its own place; a letter's addressees ("Kính
 * gửi: - Công an phường; …") are no passages; a guest whose direction a congress took up attends;
 * groups listed among those present no longer end the list. 10: chairs and attendees said in more
 * of the ways news says them (chủ tọa, điều hành, "Chủ trì …:", "về phía … có", "dự họp", "sự tham dự
 * của … trong đó có", "chủ trì bởi"), a list split at a colon, a sentence opened by a speech, facts
 * folded with "i" as "y" (kì/kỳ): every stored document's facts are extracted again. 11: each passage
 * keeps the headings above its section (its outline), which the keyword index reads as context. 12: a
 * person written with an academic or professional title ("PGS. TS. Lê Thị Mai", "BSCKII Hà Văn Đông")
 * chairs or attends. 13: a paragraph of several sentences ending in a colon leads its list by its last
 * sentence only. 14: "Nơi nhận:" and the line after "./." start blocks, so a body's last line that
 * fills its width no longer takes the recipients' list into the body. 15: recipients written on one line
 * ("Nơi nhận: UBND tỉnh …; Thường trực Huyện uỷ; …") are no passage either. 16: a Word or web paragraph
 * typed with its own list marker is a list item; a sentence running on to the next page of a PDF is
 * joined; a capital after a document's subject ("Về …") opens its body without a blank line. 17: a rank
 * and an academic title with a comma between ("Đại tá, TS Nguyễn Văn Hùng") are one person's, who
 * chairs or attends with both. 18: co-chairs named after a group and a colon ("Cùng chủ trì có các
 * đồng chí Phó Bí thư Tỉnh ủy: …; …") chair. 19: a target's values leave out ages ("dưới 1 tuổi"),
 * numbers after a month, a day, a level or an exercise ("tháng 9", "cấp 8", "bài 1"), and a closing
 * bracket after the unit.
 */
export const PARSER_VERSION = 19;

export interface DocumentRow {
  id: number;
  file: string;
  title: string;
  hash: string;
  format: string;
  ocr: boolean;
  notes: string[];
  addedAt: string;
  updatedAt: string;
  passages: number;
  profile: DocumentProfile;
  /** PARSER_VERSION of the ingest that read it. */
  parser: number;
}

export interface PassageRow {
  id: number;
  documentId: number;
  ordinal: number;
  paragraph: number;
  kind: string;
  section: string | null;
  /** The headings above its section, outermost first (PassageDraft.outline). */
  outline: string | null;
  /** For a list item: the sentence introducing its list. */
  lead: string | null;
  page: number | null;
  text: string;
  years: number[];
  file: string;
  title: string;
  ocr: boolean;
  /** The document's profile (shared by all its passages). */
  profile: DocumentProfile;
}

/** Parses a stored profile; an old or damaged one reads as empty (fields missing are filled). */
export function parseProfile(json: string | null | undefined): DocumentProfile {
  try {
    return { ...emptyProfile(), ...(JSON.parse(json ?? '{}') as Partial<DocumentProfile>) };
  } catch {
    return emptyProfile();
  }
}

interface RawDoc {
  id: number;
  file: string;
  title: string;
  hash: string;
  format: string;
  ocr: number;
  notes: string;
  added_at: string;
  updated_at: string;
  passages: number;
  profile: string;
  parser: number;
}

const toDoc = (r: RawDoc): DocumentRow => ({
  id: r.id,
  file: r.file,
  title: r.title,
  hash: r.hash,
  format: r.format,
  ocr: r.ocr === 1,
  notes: JSON.parse(r.notes) as string[],
  addedAt: r.added_at,
  updatedAt: r.updated_at,
  passages: r.passages,
  profile: parseProfile(r.profile),
  parser: r.parser,
});

const DOC_SELECT = `SELECT d.*, (SELECT COUNT(*) FROM passages p WHERE p.document_id = d.id) AS passages FROM documents d`;

export function listDocuments(db: Db): DocumentRow[] {
  return (db.prepare(`${DOC_SELECT} ORDER BY d.added_at, d.id`).all() as RawDoc[]).map(toDoc);
}

/** How many documents the index holds (a count, not every row read). */
export function countDocuments(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
}

/**
 * Every document's id, title and profile, in the order of listDocuments: what scoping a question
 * needs, without counting each document's passages (a scan of the passages' index: most of
 * listDocuments's time at 100k passages, on every new process's first question).
 */
export function listDocumentProfiles(db: Db): Array<Pick<DocumentRow, 'id' | 'title' | 'profile'>> {
  const rows = db.prepare('SELECT id, title, profile FROM documents ORDER BY added_at, id').all() as Array<
    Pick<RawDoc, 'id' | 'title' | 'profile'>
  >;
  return rows.map((r) => ({ id: r.id, title: r.title, profile: parseProfile(r.profile) }));
}

export function getDocumentByFile(db: Db, file: string): DocumentRow | undefined {
  const r = cachedStatement(db, `${DOC_SELECT} WHERE d.file = ?`).get(file) as RawDoc | undefined;
  return r && toDoc(r);
}

export function getDocument(db: Db, id: number): DocumentRow | undefined {
  const r = db.prepare(`${DOC_SELECT} WHERE d.id = ?`).get(id) as RawDoc | undefined;
  return r && toDoc(r);
}

export interface DocumentInput {
  file: string;
  title: string;
  hash: string;
  format: string;
  ocr: boolean;
  notes: string[];
  passages: PassageDraft[];
  profile?: DocumentProfile;
}

/**
 * Inserts or replaces a document and its passages. The caller wraps this in a transaction together
 * with anything derived (facts), so a crash never leaves half a file.
 * Returns the document id and the new passage ids in ordinal order.
 */
export function upsertDocument(db: Db, doc: DocumentInput, now: Date): { id: number; passageIds: number[] } {
  const existing = cachedStatement(db, `SELECT id, added_at FROM documents WHERE file = ?`).get(doc.file) as
    { id: number; added_at: string } | undefined;
  const ts = now.toISOString();
  const profileJson = JSON.stringify(doc.profile ?? emptyProfile());
  if (existing) cachedStatement(db, `DELETE FROM passages WHERE document_id = ?`).run(existing.id);
  // One statement for a new and a changed file: a changed one keeps its id and the date it was added.
  cachedStatement(
    db,
    `INSERT INTO documents(file, title, hash, format, ocr, notes, added_at, updated_at, profile, parser)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(file) DO UPDATE SET title = excluded.title, hash = excluded.hash, format = excluded.format,
       ocr = excluded.ocr, notes = excluded.notes, updated_at = excluded.updated_at,
       profile = excluded.profile, parser = excluded.parser`,
  ).run(
    doc.file,
    doc.title,
    doc.hash,
    doc.format,
    doc.ocr ? 1 : 0,
    JSON.stringify(doc.notes),
    ts,
    ts,
    profileJson,
    PARSER_VERSION,
  );
  const id =
    existing?.id ??
    (cachedStatement(db, `SELECT id, added_at FROM documents WHERE file = ?`).get(doc.file) as { id: number })
      .id;
  const insert = cachedStatement(
    db,
    `INSERT INTO passages(document_id, ordinal, paragraph, kind, section, outline, lead, page, text, years)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const passageIds = doc.passages.map((p) =>
    Number(
      insert.run(
        id,
        p.ordinal,
        p.paragraph,
        p.kind,
        p.section,
        p.outline ?? null,
        p.lead ?? null,
        p.page,
        p.text,
        JSON.stringify(p.years),
      ).lastInsertRowid,
    ),
  );
  bumpGeneration(db);
  return { id, passageIds };
}

export function deleteDocument(db: Db, id: number): void {
  db.prepare(`DELETE FROM passages WHERE document_id = ?`).run(id);
  db.prepare(`DELETE FROM documents WHERE id = ?`).run(id);
  bumpGeneration(db);
}

interface RawPassage {
  id: number;
  document_id: number;
  ordinal: number;
  paragraph: number;
  kind: string;
  section: string | null;
  outline: string | null;
  lead: string | null;
  page: number | null;
  text: string;
  years: string;
  file: string;
  title: string;
  ocr: number;
  profile: string;
}

/** Passages of one document share one parsed profile (the last few documents' are kept). */
const profileCache = new Map<string, DocumentProfile>();
function cachedProfile(json: string): DocumentProfile {
  let p = profileCache.get(json);
  if (!p) {
    if (profileCache.size > 64) profileCache.clear();
    p = parseProfile(json);
    profileCache.set(json, p);
  }
  return p;
}

/** What a passage row takes from its document. */
type DocumentFields = Pick<PassageRow, 'file' | 'title' | 'ocr' | 'profile'>;
/** A passage's own columns. */
type PassageColumns = Omit<RawPassage, 'file' | 'title' | 'ocr' | 'profile'>;

const documentFields = (r: Pick<RawPassage, 'file' | 'title' | 'ocr' | 'profile'>): DocumentFields => ({
  file: r.file,
  title: r.title,
  ocr: r.ocr === 1,
  profile: cachedProfile(r.profile),
});

const passageOf = (r: PassageColumns, doc: DocumentFields): PassageRow => ({
  id: r.id,
  documentId: r.document_id,
  ordinal: r.ordinal,
  paragraph: r.paragraph,
  kind: r.kind,
  section: r.section,
  outline: r.outline ?? null,
  lead: r.lead ?? null,
  page: r.page,
  text: r.text,
  years: JSON.parse(r.years) as number[],
  ...doc,
});

const toPassage = (r: RawPassage): PassageRow => passageOf(r, documentFields(r));

const PASSAGE_SELECT = `SELECT p.*, d.file, d.title, d.ocr, d.profile FROM passages p JOIN documents d ON d.id = p.document_id`;

export function getPassages(db: Db, ids: number[]): Map<number, PassageRow> {
  const out = new Map<number, PassageRow>();
  const stmt = db.prepare(`${PASSAGE_SELECT} WHERE p.id = ?`);
  for (const id of ids) {
    const r = stmt.get(id) as RawPassage | undefined;
    if (r) out.set(id, toPassage(r));
  }
  return out;
}

/** Ids of every passage (cheap: no text is read). */
export function allPassageIds(db: Db): number[] {
  return db.prepare(`SELECT id FROM passages`).pluck().all() as number[];
}

/**
 * Every passage in id order (streamed: memory stays flat on large indexes); with `range`, those with
 * an id in (after, upTo].
 */
export function* iteratePassages(db: Db, range?: { after: number; upTo: number }): Generator<PassageRow> {
  // The passages alone, and each document's columns once: joined, every row copied its document's
  // profile out of SQLite and looked it up by its whole text (issue 14: reading 100k passages back
  // took 0.77 s that way, 0.55 s this way).
  const rows = range
    ? db
        .prepare(`SELECT * FROM passages WHERE id > ? AND id <= ? ORDER BY id`)
        .iterate(range.after, range.upTo)
    : db.prepare(`SELECT * FROM passages ORDER BY id`).iterate();
  const documentOf = db.prepare(`SELECT file, title, ocr, profile FROM documents WHERE id = ?`);
  let doc: { id: number; fields: DocumentFields } | undefined;
  for (const r of rows as IterableIterator<PassageColumns>) {
    if (doc?.id !== r.document_id) {
      const d = documentOf.get(r.document_id) as
        Pick<RawPassage, 'file' | 'title' | 'ocr' | 'profile'> | undefined;
      // A passage without its document is not one (the join left it out).
      if (!d) continue;
      doc = { id: r.document_id, fields: documentFields(d) };
    }
    yield passageOf(r, doc.fields);
  }
}

export function passagesOfDocument(db: Db, documentId: number): PassageRow[] {
  return (
    db.prepare(`${PASSAGE_SELECT} WHERE p.document_id = ? ORDER BY p.ordinal`).all(documentId) as RawPassage[]
  ).map(toPassage);
}

/** All passages of the same paragraph as the given one (the "whole paragraph" view). */
export function paragraphOf(db: Db, passageId: number): PassageRow[] {
  const p = db.prepare(`SELECT document_id, paragraph FROM passages WHERE id = ?`).get(passageId) as
    { document_id: number; paragraph: number } | undefined;
  if (!p) return [];
  return (
    db
      .prepare(`${PASSAGE_SELECT} WHERE p.document_id = ? AND p.paragraph = ? ORDER BY p.ordinal`)
      .all(p.document_id, p.paragraph) as RawPassage[]
  ).map(toPassage);
}
