import type { Database } from 'better-sqlite3';
import type { Fact, FactColumns, FactKind, StoredFact } from '../facts/types';
import type { FactSource } from '../facts/format';
import { cachedStatement } from './db';

/**
 * Stores a document's facts, made into the table's columns (factColumns) where they were extracted,
 * in one transaction.
 */
export function insertFactRows(
  db: Database,
  documentId: number,
  rows: ReadonlyArray<FactColumns & { passageId: number }>,
): void {
  const stmt = cachedStatement(
    db,
    'INSERT INTO facts (document_id, passage_id, kind, year, data) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const r of rows) stmt.run(documentId, r.passageId, r.kind, r.year, r.data);
  })();
}

/** Removes a document's facts (before re-ingesting it, or when it is removed). Returns the count. */
export function deleteFactsForDocument(db: Database, documentId: number): number {
  return cachedStatement(db, 'DELETE FROM facts WHERE document_id = ?').run(documentId).changes;
}

export interface FactFilter {
  kind?: FactKind;
  year?: number;
  documentId?: number;
}

interface FactRow {
  id: number;
  document_id: number;
  passage_id: number;
  data: string;
}

/** Facts in document and passage order, optionally of one kind, year or document. */
export function listFacts(db: Database, filter: FactFilter = {}): StoredFact[] {
  const where: string[] = [];
  const args: Array<string | number> = [];
  if (filter.kind !== undefined) {
    where.push('kind = ?');
    args.push(filter.kind);
  }
  if (filter.year !== undefined) {
    where.push('year = ?');
    args.push(filter.year);
  }
  if (filter.documentId !== undefined) {
    where.push('document_id = ?');
    args.push(filter.documentId);
  }
  const sql = `SELECT id, document_id, passage_id, data FROM facts${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY document_id, passage_id, id`;
  return (db.prepare(sql).all(...args) as FactRow[]).map((r) => ({
    id: r.id,
    documentId: r.document_id,
    passageId: r.passage_id,
    fact: JSON.parse(r.data) as Fact,
  }));
}

/**
 * Title, file and paragraph of the passages facts come from, for showing sources. Uses the
 * passages' `paragraph` column when the table has one, else ordinal + 1.
 */
export function factSources(db: Database, passageIds: number[]): Map<number, FactSource> {
  const out = new Map<number, FactSource>();
  const ids = [...new Set(passageIds)];
  if (ids.length === 0) return out;
  const cols = (db.prepare('PRAGMA table_info(passages)').all() as Array<{ name: string }>).map(
    (c) => c.name,
  );
  const paragraph = cols.includes('paragraph') ? 'p.paragraph' : 'p.ordinal + 1';
  const stmt = db.prepare(
    `SELECT p.id AS id, d.title AS title, d.file AS file, ${paragraph} AS paragraph
     FROM passages p JOIN documents d ON d.id = p.document_id WHERE p.id = ?`,
  );
  for (const id of ids) {
    const row = stmt.get(id) as
      { id: number; title: string | null; file: string | null; paragraph: number } | undefined;
    if (row) out.set(row.id, { title: row.title ?? '', file: row.file ?? '', paragraph: row.paragraph });
  }
  return out;
}
