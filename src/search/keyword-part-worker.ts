// A worker thread that builds one part of the keyword index (src/search/keyword-parts.ts) from its
// own read-only connection, posts it and raises its flag, so the thread waiting for it wakes.
import Database from 'better-sqlite3';
import { MessagePort, workerData } from 'node:worker_threads';
import type { Bm25Params } from './keyword';
import { buildPart, IdRange, packPart, postPart } from './keyword-parts';

const { dbFile, params, range, port, flags, slot } = workerData as {
  dbFile: string;
  params: Bm25Params;
  range: IdRange;
  port: MessagePort;
  flags: Int32Array;
  slot: number;
};

try {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    postPart(port, packPart(buildPart(db, params, range)));
  } finally {
    db.close();
  }
} catch (err) {
  port.postMessage({ error: err instanceof Error ? err.message : String(err) });
} finally {
  Atomics.store(flags, slot, 1);
  Atomics.notify(flags, slot);
}
