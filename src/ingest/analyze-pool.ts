import { MessageChannel, Worker } from 'node:worker_threads';
import { ChithiError, ErrorCode } from '../errors';
import { AnalyzedDocument, analyzeDocument, DocumentFacts, WrittenDocument } from './analyze';
import { workerScript } from '../threads';
import type { ExtractedDocument } from './types';

interface Task {
  id: number;
  file: string;
  extracted: ExtractedDocument;
  resolve: (r: AnalyzedDocument) => void;
  reject: (err: Error) => void;
  /** In a pair's lane: the halves of the answer, as they come. */
  parsed?: { parsed: WrittenDocument; parseMs: number };
  facts?: { facts: DocumentFacts; factsMs: number };
}

/**
 * Where a document is analyzed: one worker doing all of it, or a pair, one parsing and passing what
 * facts need to the other, which extracts them. Each worker of a pair compiles and warms up only its
 * half of the analysis code: two workers that each did all of it spent 0.5–0.9 s more CPU on the
 * bench's 100k corpus (issue 14), V8 optimizing the same functions twice.
 */
interface Lane {
  workers: Worker[];
  /** Tasks sent and not answered yet, by id. */
  tasks: Map<number, Task>;
  /** Tasks at once: one for a worker alone; a pair's parser works on the next while facts are read. */
  capacity: number;
}

type Answer = {
  id: number;
  result?: AnalyzedDocument;
  parsed?: Task['parsed'];
  facts?: Task['facts'];
  error?: { message: string; code?: string };
};

/**
 * Parses documents and extracts their facts in worker threads, so that an archive's files are
 * understood on every core while the main thread reads files and writes SQLite (issue 14: parsing
 * and facts were two thirds of ingesting an archive, on one core). Its workers go in pairs (Lane),
 * and an odd one alone. Results come back in the order asked for by whoever awaits them; a worker
 * that fails leaves the rest of the work to the caller's thread, never a document unread.
 */
export class AnalyzePool {
  private lanes: Lane[] = [];
  private queue: Task[] = [];
  private nextId = 0;
  /** Closed, or broken by a dying worker: what is asked from then on is analyzed in this thread. */
  private closed = false;

  private constructor(script: string, size: number, execArgv: string[]) {
    for (let i = 0; i < Math.floor(size / 2); i++) {
      const { port1, port2 } = new MessageChannel();
      this.addLane(
        [
          new Worker(script, { execArgv, workerData: { role: 'parse', port: port1 }, transferList: [port1] }),
          new Worker(script, { execArgv, workerData: { role: 'facts', port: port2 }, transferList: [port2] }),
        ],
        3,
      );
    }
    if (size % 2 === 1) this.addLane([new Worker(script, { execArgv, workerData: { role: 'full' } })], 1);
  }

  private addLane(workers: Worker[], capacity: number): void {
    const lane: Lane = { workers, tasks: new Map(), capacity };
    for (const worker of workers) {
      worker.on('message', (msg: Answer) => this.answered(lane, msg));
      worker.on('error', () => this.fail());
      worker.on('exit', (code) => {
        if (code !== 0) this.fail();
      });
      // Waiting work keeps the process alive, idle workers do not.
      worker.unref();
    }
    this.lanes.push(lane);
  }

  private answered(lane: Lane, msg: Answer): void {
    const task = lane.tasks.get(msg.id);
    if (!task) return;
    if (msg.error) {
      lane.tasks.delete(msg.id);
      task.reject(
        msg.error.code
          ? new ChithiError(msg.error.code as ErrorCode, msg.error.message)
          : new Error(msg.error.message),
      );
    } else if (msg.result) {
      lane.tasks.delete(msg.id);
      task.resolve(msg.result);
    } else {
      if (msg.parsed) task.parsed = msg.parsed;
      if (msg.facts) task.facts = msg.facts;
      if (!task.parsed || !task.facts) return;
      lane.tasks.delete(msg.id);
      task.resolve({
        parsed: task.parsed.parsed,
        facts: task.facts.facts,
        parseMs: task.parsed.parseMs,
        factsMs: task.facts.factsMs,
      });
    }
    this.dispatch();
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
    return this.lanes.reduce((n, lane) => n + lane.workers.length, 0);
  }

  analyze(file: string, extracted: ExtractedDocument): Promise<AnalyzedDocument> {
    if (this.closed) return Promise.resolve().then(() => analyzeDocument(file, extracted));
    return new Promise<AnalyzedDocument>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, file, extracted, resolve, reject });
      this.dispatch();
    });
  }

  /** Gives queued tasks to the least busy lanes with room. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      let lane: Lane | undefined;
      for (const l of this.lanes)
        if (l.tasks.size < l.capacity && (!lane || l.tasks.size < lane.tasks.size)) lane = l;
      if (!lane) break;
      const task = this.queue.shift()!;
      lane.tasks.set(task.id, task);
      lane.workers[0]!.postMessage({ id: task.id, file: task.file, extracted: task.extracted });
    }
    for (const lane of this.lanes)
      for (const worker of lane.workers) {
        if (lane.tasks.size > 0) worker.ref();
        else worker.unref();
      }
  }

  /** A worker died: every task sent or queued is analyzed in this thread, and so is what follows. */
  private fail(): void {
    if (this.closed) return;
    const tasks = [...this.lanes.flatMap((lane) => [...lane.tasks.values()]), ...this.queue];
    this.queue = [];
    for (const lane of this.lanes) lane.tasks.clear();
    void this.close();
    for (const task of tasks) {
      try {
        task.resolve(analyzeDocument(task.file, task.extracted));
      } catch (err) {
        task.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = this.lanes.flatMap((lane) => lane.workers);
    this.lanes = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
