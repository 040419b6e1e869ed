import { MessageChannel, MessagePort, Worker } from 'node:worker_threads';
import type { PassageDraft } from '../ingest/types';
import { type DocumentProfile, emptyProfile } from '../profile/profile';
import { Db, getGeneration } from '../store/db';
import { parseProfile } from '../store/documents';
import { workerScript } from '../threads';
import { passageContext } from './indexable';
import { Bm25Params, IndexablePassage, IndexContent, KeywordIndex } from './keyword';
import { receivePart } from './keyword-parts';

/**
 * A keyword index built while an empty archive takes its first documents (SearchEngine.startBuild):
 * each document's passages go in as its transaction commits, as a rebuild would read them back from
 * SQLite, so a first ingest does not read every passage back and tokenize it again once written
 * (issue 14). With `thread`, a worker thread builds it, so the thread that reads and writes the files
 * is not held up; without, this thread does (a few documents: starting a worker costs more).
 */
export class IndexBuild {
  private index: KeywordIndex | null = null;
  private worker: { worker: Worker; port: MessagePort; flags: Int32Array } | null = null;
  /** Why the build cannot be used (its worker failed); it is then left to a rebuild. */
  private broken: string | undefined;
  /** The passage ids added: how many, their sum and their largest, to check against the database. */
  private count = 0;
  private sum = 0;
  private last = 0;
  /** False once an id came that was not after every id before it: a rebuild adds in id order. */
  private ordered = true;
  /** Documents added: each is one change of the archive (one generation). */
  private documents = 0;

  /** `generation`: the archive's when the build starts. */
  constructor(
    readonly params: Bm25Params,
    private readonly generation: number,
    options: { thread?: boolean } = {},
  ) {
    const script = options.thread ? workerScript(__dirname, 'keyword-build-worker') : null;
    if (!script) {
      this.index = new KeywordIndex(params);
      return;
    }
    const { port1, port2 } = new MessageChannel();
    const flags = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(script.file, {
      execArgv: script.execArgv,
      workerData: { params, port: port2, flags },
      transferList: [port2],
    });
    worker.on('error', (err) => (this.broken ??= err.message));
    worker.on('exit', (code) => {
      if (code !== 0) this.broken ??= `luồng dừng với mã ${code}`;
    });
    // An abandoned build does not keep the process alive.
    worker.unref();
    this.worker = { worker, port: port1, flags };
  }

  /** A document just written: its title, profile and passages with the ids they were given. */
  addDocument(
    doc: { title: string; profile?: DocumentProfile; passages: PassageDraft[] },
    passageIds: number[],
  ): void {
    // The profile as it is read back: stored as JSON, read with parseProfile's defaults.
    const profile = parseProfile(JSON.stringify(doc.profile ?? emptyProfile()));
    this.documents++;
    const passages: IndexablePassage[] = doc.passages.map((p, i) => {
      const id = passageIds[i]!;
      if (id <= this.last) this.ordered = false;
      this.last = Math.max(this.last, id);
      this.count++;
      this.sum += id;
      return {
        id,
        text: p.text,
        context: passageContext({
          title: doc.title,
          section: p.section,
          outline: p.outline ?? null,
          lead: p.lead ?? null,
          years: p.years,
          profile,
        }),
      };
    });
    if (this.worker) this.worker.worker.postMessage({ passages });
    else for (const p of passages) this.index!.add(p);
  }

  /**
   * True when `db` holds exactly the passages added, and they came in id order: then the index is
   * the one a rebuild would make. Any other change of the archive meanwhile (another process writing
   * it) makes it false: the generation counts every change.
   */
  holds(db: Db): boolean {
    if (this.broken !== undefined || !this.ordered) return false;
    if (getGeneration(db) !== this.generation + this.documents) return false;
    const row = db
      .prepare(
        `SELECT count(*) AS n, coalesce(sum(id), 0) AS total, coalesce(max(id), 0) AS last FROM passages`,
      )
      .get() as { n: number; total: number; last: number };
    return row.n === this.count && row.total === this.sum && row.last === this.last;
  }

  /**
   * The index built, packed: an index to serve, or (built on a worker) its content to save. Null when
   * the worker failed; `onFailure` is told why, in Vietnamese.
   */
  finish(
    onFailure: (reason: string) => void = () => {},
  ): { index: KeywordIndex } | { content: IndexContent } | null {
    if (this.index) {
      this.index.pack();
      return { index: this.index };
    }
    if (!this.worker) return null;
    const { worker, port, flags } = this.worker;
    try {
      if (this.broken !== undefined) {
        onFailure(this.broken);
        return null;
      }
      worker.postMessage({ finish: true });
      const received = receivePart(flags, 0, port);
      if ('part' in received) return { content: received.part.content };
      onFailure(received.error);
      return null;
    } finally {
      this.close();
    }
  }

  /** Stops the worker (after finish, or when the build is abandoned). */
  close(): void {
    if (!this.worker) return;
    this.worker.port.close();
    void this.worker.worker.terminate();
    this.worker = null;
    this.broken ??= 'đã dừng';
  }
}
