import fs from 'node:fs';
import path from 'node:path';
import { AnalyzedDocument, analyzeDocument } from '../../src/ingest/analyze';
import { AnalyzePool } from '../../src/ingest/analyze-pool';
import { ExtractedDocument } from '../../src/ingest/types';
import { REPORT_FIXTURES, SEED_FILE } from '../helpers/temp-dir';

const doc = (file: string): ExtractedDocument => ({
  segments: [{ text: fs.readFileSync(file, 'utf8') }],
  ocr: false,
  notes: [],
});
const FILES = [SEED_FILE, ...fs.readdirSync(REPORT_FIXTURES).map((f) => path.join(REPORT_FIXTURES, f))];
/** What matters of an analysis (the timings differ run to run). */
const essence = (a: { parsed: unknown; facts: unknown }) => ({ parsed: a.parsed, facts: a.facts });

describe('AnalyzePool', () => {
  it('analyzes in worker threads exactly as in this one, whatever order the answers come back in', async () => {
    const pool = AnalyzePool.create(2)!;
    expect(pool.size).toBe(2);
    try {
      const results = await Promise.all(FILES.map((f) => pool.analyze(path.basename(f), doc(f))));
      results.forEach((r, i) => {
        const file = FILES[i]!;
        expect(essence(r)).toEqual(essence(analyzeDocument(path.basename(file), doc(file))));
      });
      expect(results.some((r) => r.facts.length > 0)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it.each([1, 3])(
    'a pool of %i workers (a worker alone, a pair and one alone) analyzes as this thread does',
    async (size) => {
      const pool = AnalyzePool.create(size)!;
      expect(pool.size).toBe(size);
      try {
        const results = await Promise.all(FILES.map((f) => pool.analyze(path.basename(f), doc(f))));
        results.forEach((r, i) => {
          const file = FILES[i]!;
          expect(essence(r)).toEqual(essence(analyzeDocument(path.basename(file), doc(file))));
          expect(r.parseMs).toBeGreaterThan(0);
          expect(r.factsMs).toBeGreaterThanOrEqual(0);
        });
      } finally {
        await pool.close();
      }
    },
  );

  it('a document that fails to parse is refused with its error, and the others are analyzed', async () => {
    const pool = AnalyzePool.create(2)!;
    // Not text: what a broken reader could hand over.
    const broken = { segments: [{ text: 42 }], ocr: false, notes: [] } as unknown as ExtractedDocument;
    expect(() => analyzeDocument('hỏng.txt', broken)).toThrow();
    try {
      const results = await Promise.allSettled([
        pool.analyze('seed.txt', doc(SEED_FILE)),
        pool.analyze('hỏng.txt', broken),
        pool.analyze('seed-again.txt', doc(SEED_FILE)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const again = results[2] as PromiseFulfilledResult<AnalyzedDocument>;
      expect(essence(again.value)).toEqual(essence(analyzeDocument('seed-again.txt', doc(SEED_FILE))));
    } finally {
      await pool.close();
    }
  });

  it('when its workers die, the documents are analyzed in this thread and none is lost', async () => {
    const pool = AnalyzePool.create(2, {
      file: path.join(__dirname, '../helpers/crashing-worker.js'),
      execArgv: [],
    })!;
    try {
      const results = await Promise.all(FILES.map((f) => pool.analyze(path.basename(f), doc(f))));
      results.forEach((r, i) => {
        const file = FILES[i]!;
        expect(essence(r)).toEqual(essence(analyzeDocument(path.basename(file), doc(file))));
      });
      // Later work too.
      const later = await pool.analyze('seed.txt', doc(SEED_FILE));
      expect(essence(later)).toEqual(essence(analyzeDocument('seed.txt', doc(SEED_FILE))));
    } finally {
      await pool.close();
    }
  });

  it('is not made for nothing', () => {
    expect(AnalyzePool.create(0)).toBeNull();
  });
});
