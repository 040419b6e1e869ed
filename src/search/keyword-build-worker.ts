// A worker thread that builds the keyword index while an archive's documents are written (IndexBuild,
// src/search/keyword-build.ts): passages arrive in id order, one message per document; "finish" packs the
// index, posts it on the port and raises the flag the writing thread waits on.
import { MessagePort, parentPort, workerData } from 'node:worker_threads';
import { Bm25Params, IndexablePassage, KeywordIndex } from './keyword';
import { packPart, postPart } from './keyword-parts';

const { params, port, flags } = workerData as { params: Bm25Params; port: MessagePort; flags: Int32Array };
const index = new KeywordIndex(params);
let added = 0;
let failure: string | undefined;

parentPort?.on('message', (msg: { passages?: IndexablePassage[]; finish?: true }) => {
  if (msg.passages) {
    if (failure) return;
    try {
      for (const p of msg.passages) index.add(p);
      added += msg.passages.length;
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    return;
  }
  try {
    if (failure) throw new Error(failure);
    postPart(port, packPart({ content: index.content(), read: added, generation: 0, stamp: '' }));
  } catch (err) {
    port.postMessage({ error: err instanceof Error ? err.message : String(err) });
  } finally {
    Atomics.store(flags, 0, 1);
    Atomics.notify(flags, 0);
  }
});
