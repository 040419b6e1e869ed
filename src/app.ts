import { Config } from './config';
import { ingestPaths, IngestOptions, IngestReport, removeDocument } from './ingest/ingest';
import { Db, openDatabase } from './store/db';
import { DocumentRow, getDocument, listDocuments, paragraphOf, PassageRow } from './store/documents';
import { SearchEngine } from './search/retriever';

/** The services every front end (CLI, bot, local chat, digest) is built from. */
export interface App {
  config: Config;
  db: Db;
  engine: SearchEngine;
  /** Ingests files or folders (default: DATA_DIR) and refreshes the search index. */
  ingest(paths?: string[], options?: Pick<IngestOptions, 'prune' | 'onFile'>): Promise<IngestReport>;
  documents(): DocumentRow[];
  removeDocument(id: number): Promise<DocumentRow | undefined>;
  paragraph(passageId: number): PassageRow[];
  close(): Promise<void>;
}

export interface OpenAppOptions {
  /** Log a line for people (the CLI prints to stderr; the bot logs). */
  notice?: (message: string) => void;
}

/** Composition root shared by every command: config → store → search. */
export async function openApp(config: Config, _options: OpenAppOptions = {}): Promise<App> {
  const db = openDatabase(config.indexDir);
  const engine = new SearchEngine(db);
  let closed = false;
  const app: App = {
    config,
    db,
    engine,
    async ingest(paths = [config.dataDir], options = {}) {
      const report = await ingestPaths(db, paths, options);
      engine.refresh();
      return report;
    },
    documents: () => listDocuments(db),
    async removeDocument(id) {
      const doc = getDocument(db, id);
      if (doc) await removeDocument(db, doc);
      engine.refresh();
      return doc;
    },
    paragraph: (passageId) => paragraphOf(db, passageId),
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
  return app;
}
