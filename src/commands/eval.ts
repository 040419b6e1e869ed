import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp } from '../app';
import { loadConfig } from '../config';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const VILQA_DIR = path.resolve(PROJECT_ROOT, '../shared/eval/vilqa');
export const OFF_TOPIC_FILE = path.join(PROJECT_ROOT, 'tests/fixtures/off-topic-questions.txt');

interface EvalQuestion {
  id: string;
  q: string;
  doc: string;
  type: string;
}

export interface TypeMetrics {
  type: string;
  n: number;
  hit1: number;
  hit3: number;
  hit5: number;
  mrr5: number;
  /** Share of questions answered as found (not "not found"). */
  found: number;
}

export interface EvalReport {
  metrics: TypeMetrics[];
  questionsPerSecond: number;
  passages: number;
  mode: string;
  offTopic: { n: number; rejected: number };
}

/** Runs the vilqa benchmark through the same code path as `chithi ingest` + `chithi ask`. */
export async function evaluateVilqa(
  options: { limit?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<EvalReport> {
  if (!fs.existsSync(VILQA_DIR)) throw new Error(`Không thấy bộ đánh giá ở ${VILQA_DIR}`);
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chithi-eval-'));
  const config = loadConfig({ ...(options.env ?? process.env), INDEX_DIR: indexDir });
  const app = await openApp(config);
  try {
    await app.ingest([path.join(VILQA_DIR, 'docs')]);
    const questions = fs
      .readFileSync(path.join(VILQA_DIR, 'questions.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as EvalQuestion);
    const byType = new Map<string, EvalQuestion[]>();
    for (const q of questions) byType.set(q.type, [...(byType.get(q.type) ?? []), q]);
    const metrics: TypeMetrics[] = [];
    let asked = 0;
    const started = process.hrtime.bigint();
    for (const [type, all] of byType) {
      const qs = options.limit ? all.slice(0, options.limit) : all;
      const m: TypeMetrics = { type, n: qs.length, hit1: 0, hit3: 0, hit5: 0, mrr5: 0, found: 0 };
      for (const q of qs) {
        const res = await app.engine.ask(q.q, { top: 5 });
        asked++;
        if (res.found) m.found++;
        // Ranking is scored on the ranked list even when the answer is "not found" (reported apart).
        const results = res.found ? res.results : await app.engine.rank(q.q, 5);
        const files = results.map((r) => r.source.file);
        const rank = files.findIndex((f) => path.basename(f) === q.doc) + 1;
        if (rank === 1) m.hit1++;
        if (rank >= 1 && rank <= 3) m.hit3++;
        if (rank >= 1 && rank <= 5) {
          m.hit5++;
          m.mrr5 += 1 / rank;
        }
      }
      for (const k of ['hit1', 'hit3', 'hit5', 'mrr5', 'found'] as const) m[k] = m[k] / Math.max(1, m.n);
      metrics.push(m);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const offTopicQs = fs.existsSync(OFF_TOPIC_FILE)
      ? fs
          .readFileSync(OFF_TOPIC_FILE, 'utf8')
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l && !l.startsWith('#'))
      : [];
    let rejected = 0;
    for (const q of offTopicQs) if (!(await app.engine.ask(q)).found) rejected++;
    return {
      metrics,
      questionsPerSecond: asked / seconds,
      passages: app.engine.passageCount,
      mode: app.engine.mode,
      offTopic: { n: offTopicQs.length, rejected },
    };
  } finally {
    await app.close();
    fs.rmSync(indexDir, { recursive: true, force: true });
  }
}

const f3 = (x: number) => x.toFixed(3);

export function formatEvalReport(r: EvalReport): string {
  const lines = [
    `vilqa: ${r.passages} đoạn, chế độ ${r.mode}`,
    '',
    '| type | n | hit@1 | hit@3 | hit@5 | MRR@5 | found |',
    '|---|---|---|---|---|---|---|',
    ...r.metrics.map(
      (m) =>
        `| ${m.type} | ${m.n} | ${f3(m.hit1)} | ${f3(m.hit3)} | ${f3(m.hit5)} | ${f3(m.mrr5)} | ${f3(m.found)} |`,
    ),
    '',
    `questions/s: ${r.questionsPerSecond.toFixed(1)}`,
    `off-topic questions answered "not found": ${r.offTopic.rejected}/${r.offTopic.n}`,
  ];
  return lines.join('\n');
}

export async function runEval(opts: {
  limit?: number;
  verbose: boolean;
  out: (s: string) => void;
}): Promise<number> {
  const report = await evaluateVilqa({ limit: opts.limit });
  opts.out(formatEvalReport(report));
  // Facts: precision and recall of extraction on hand-labelled fixture documents.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const facts = require('../../scripts/eval-facts') as typeof import('../../scripts/eval-facts');
  opts.out('');
  opts.out(facts.formatFactsEvaluation(facts.evaluateFacts()).join('\n'));
  return 0;
}
