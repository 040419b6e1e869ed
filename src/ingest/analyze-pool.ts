import { Worker } from 'node:worker_threads';
import { ChithiError, ErrorCode } from '../errors';
import { AnalyzedDocument, analyzeDocument } from './analyze';
import { workerScript } from '../threads';
import type { ExtractedDocument } from './types';

interface Task {
  id: number;
  file: string;
  extracted: ExtractedDocument;
  resolve: (r: AnalyzedDocument) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
}

/**
 * Parses documents and extracts their facts in worker threads, so that an archive's files are
 * understood on every core while the main thread reads files and writes SQLite (issue 14: parsing
 * and facts were two thirds of ingesting an archive, on one core). Results come back in the order
 * asked for by whoever awaits them; a worker that fails leaves the rest of the work to the caller's
 * thread, never a document unread.
 */
export class AnalyzePool {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 0;
  /** Closed, or broken by a dying worker: what is asked from then on is analyzed in this thread. */
  private closed = false;

  private constructor(script: string, size: number, execArgv: string[]) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { execArgv });
      const slot: Slot = { worker, task: null };
      worker.on(
        'message',
        (msg: { id: number; result?: AnalyzedDocument; error?: { message: string; code?: string } }) => {
          const task = slot.task;
          slot.task = null;
          if (task && task.id === msg.id) {
            if (msg.error)
              task.reject(
                msg.error.code
                  ? new ChithiError(msg.error.code as ErrorCode, msg.error.message)
                  : new Error(msg.error.message),
              );
            else task.resolve(msg.result!);
          }
          this.dispatch();
        },
      );
      worker.on('error', () => this.fail(slot));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(slot);
      });
      // Waiting work keeps the process alive, idle workers do not.
      worker.unref();
      this.slots.push(slot);
    }
  }

  /**
   * A pool of `size` workers, or null when there is nothing to gain (size < 1) or no worker script
   * (a build without it): the caller then analyzes in its own thread. `script` is for tests.
   */
  static create(
    size: number,
    script = size >= 1 ? workerScript(__dirname, 'analyze-worker') : null,
  ): AnalyzePool | null {
    return script && size >= 1 ? new AnalyzePool(script.file, size, script.execArgv) : null;
  }

  get size(): number {
    return this.slots.length;
  }

  analyze(file: string, extracted: ExtractedDocument): Promise<AnalyzedDocument> {
    if (this.closed) return Promise.resolve().then(() => analyzeDocument(file, extracted));
    return new Promise<AnalyzedDocument>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, file, extracted, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ id: task.id, file: task.file, extracted: task.extracted });
    }
    for (const slot of this.slots) if (!slot.task) slot.worker.unref();
  }

  /** A worker died: its task and everything queued are analyzed in this thread, and so is what follows. */
  private fail(slot: Slot): void {
    if (this.closed) return;
    const tasks = [
      ...(slot.task ? [slot.task] : []),
      ...this.queue,
      ...this.slots.flatMap((s) => (s.task ? [s.task] : [])),
    ];
    this.queue = [];
    for (const s of this.slots) s.task = null;
    void this.close();
    for (const task of new Set(tasks)) {
      try {
        task.resolve(analyzeDocument(task.file, task.extracted));
      } catch (err) {
        task.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
