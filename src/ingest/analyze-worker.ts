// A worker thread of the analyze pool (src/ingest/analyze-pool.ts). Its role, from workerData:
// - "full": parses documents and extracts their facts, one message in, one message out;
// - "parse": parses documents, answers with the parsed document and sends what the facts are
//   extracted from to its "facts" partner over `port`;
// - "facts": extracts the facts of what comes over `port`, and answers with them.
// Every answer carries the document's id; an error is answered instead, and goes no further.
import { MessagePort, parentPort, workerData } from 'node:worker_threads';
import { isChithiError } from '../errors';
import { analyzeDocument, factsStep, FactsInput, parseStep } from './analyze';
import type { ExtractedDocument } from './types';

type Role = 'full' | 'parse' | 'facts';
const { role, port } = (workerData ?? { role: 'full' }) as { role: Role; port?: MessagePort };

function answer(id: number, work: () => object): void {
  try {
    parentPort!.postMessage({ id, ...work() });
  } catch (err) {
    parentPort!.postMessage({
      id,
      error: {
        message: err instanceof Error ? err.message : String(err),
        code: isChithiError(err) ? err.code : undefined,
      },
    });
  }
}

if (role === 'facts') {
  port!.on('message', (task: { id: number; input: FactsInput }) =>
    answer(task.id, () => ({ facts: factsStep(task.input) })),
  );
} else {
  parentPort?.on('message', (task: { id: number; file: string; extracted: ExtractedDocument }) =>
    answer(task.id, () => {
      if (role === 'full') return { result: analyzeDocument(task.file, task.extracted) };
      const { parsed, factsInput, parseMs } = parseStep(task.file, task.extracted);
      // Sent on once parsing has not failed: a document that fails is answered for by this worker.
      port!.postMessage({ id: task.id, input: factsInput });
      return { parsed: { parsed, parseMs } };
    }),
  );
}
