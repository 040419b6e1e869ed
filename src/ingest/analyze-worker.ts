// A worker thread of the analyze pool (src/ingest/analyze-pool.ts): parses documents and extracts
// their facts, one message in, one message out.
import { parentPort } from 'node:worker_threads';
import { isChithiError } from '../errors';
import { analyzeDocument } from './analyze';
import type { ExtractedDocument } from './types';

parentPort?.on('message', (task: { id: number; file: string; extracted: ExtractedDocument }) => {
  try {
    parentPort!.postMessage({ id: task.id, result: analyzeDocument(task.file, task.extracted) });
  } catch (err) {
    parentPort!.postMessage({
      id: task.id,
      error: {
        message: err instanceof Error ? err.message : String(err),
        code: isChithiError(err) ? err.code : undefined,
      },
    });
  }
});
