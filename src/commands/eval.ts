import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, OpenAppOptions } from '../app';
import { loadConfig } from '../config';
import { evaluateFactsPipeline, FactsEvaluation, labelledDocuments } from '../eval/facts-pipeline';
import { askOffTopic, developmentSet, evaluateGenreSet, GenreSetReport, heldoutSet } from '../eval/genre';
import type { FormatsReport } from '../eval/genre-formats';
import { formatFormatsTable, formatGenreSummary } from '../eval/genre-score';

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
    const offTopic = await askOffTopic(app, OFF_TOPIC_FILE);
    return {
      metrics,
      questionsPerSecond: asked / seconds,
      passages: app.engine.passageCount,
      mode: app.engine.mode,
      offTopic: { n: offTopic.asked, rejected: offTopic.rejected },
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

/** The parts `chithi eval` runs, in order; `--only` picks some. */
export const EVAL_PARTS = ['vilqa', 'genre', 'heldout', 'formats', 'facts'] as const;
export type EvalPart = (typeof EVAL_PARTS)[number];

/**
 * Reads `--only` values ("genre", "vilqa,facts", repeated or comma-separated) into parts in run order;
 * no value means every part. Throws on an unknown name.
 */
export function parseEvalParts(values: readonly string[] | undefined): EvalPart[] {
  if (!values || values.length === 0) return [...EVAL_PARTS];
  const wanted = new Set<string>();
  for (const v of values)
    for (const name of v.split(',')) {
      const n = name.trim();
      if (!n) continue;
      if (!(EVAL_PARTS as readonly string[]).includes(n))
        throw new Error(`--only: "${n}" không có; chọn trong ${EVAL_PARTS.join(', ')}`);
      wanted.add(n);
    }
  if (wanted.size === 0) throw new Error(`--only cần ít nhất một phần: ${EVAL_PARTS.join(', ')}`);
  return EVAL_PARTS.filter((p) => wanted.has(p));
}

/** Everything one `chithi eval` run measured (`--json` prints it); a part is absent when not run. */
export interface FullEvalReport {
  vilqa?: EvalReport;
  genre?: GenreSetReport;
  heldout?: GenreSetReport;
  formats?: FormatsReport;
  facts?: FactsEvaluation;
  /** Parts skipped for want of data, with what was missing. */
  skipped: Partial<Record<EvalPart, string[]>>;
}

/** The genre set report as markdown lines under a heading line. */
export function formatGenreSetReport(title: string, r: GenreSetReport): string[] {
  return [
    `${title}: ${r.documents} tài liệu, ${r.passages} đoạn, ${r.questions} câu hỏi, chế độ ${r.mode}`,
    ...(r.failed > 0 ? [`${r.failed} tệp không đọc được khi nạp`] : []),
    ...(r.duplicateNames.length > 0
      ? [`tên tệp trùng giữa các thư mục: ${r.duplicateNames.join(', ')}`]
      : []),
    '',
    ...formatGenreSummary(r),
    ...(r.offTopic ? [`off-topic "not found" ${r.offTopic.n}/${r.offTopic.of}`] : []),
    `questions/s: ${(r.questions / Math.max(r.seconds, 1e-9)).toFixed(1)}`,
  ];
}

export function formatFormatsReport(r: FormatsReport): string[] {
  return [
    'genre, định dạng khác: mỗi bản sao của kho phát triển được nạp riêng, hỏi các câu có tài liệu trong bản sao',
    '',
    ...formatFormatsTable(r.rows),
    '',
    `scanned: only ${r.scanned.documents} documents (${r.scanned.pages} pages) are scanned, as OCR takes about 1.7 s per page; the UTF-8 row with the same documents is its reference`,
  ];
}

const GENRE_TITLES: Record<'genre' | 'heldout', string> = {
  genre: 'genre (bộ phát triển)',
  heldout: 'genre (bộ kiểm tra riêng)',
};

export async function runEval(opts: {
  limit?: number;
  verbose: boolean;
  out: (s: string) => void;
  /** Parts to run (default: all). */
  only?: readonly EvalPart[];
  /** Print the whole report as one JSON object instead of tables. */
  json?: boolean;
  /** Progress lines (default: stderr). */
  notice?: (s: string) => void;
  /** Project root the eval/ data is read from (tests point it at a temp dir). */
  root?: string;
  /** openApp options for the genre parts (tests turn the embedding model off). */
  app?: OpenAppOptions;
}): Promise<number> {
  const parts = new Set(opts.only ?? EVAL_PARTS);
  const notice = opts.notice ?? ((s: string) => process.stderr.write(`${s}\n`));
  // The temporary indexes rank as the user's own does: with the weight `model check` stored there.
  if (process.env.EMBEDDING_WEIGHT === undefined && opts.app?.semantic !== false) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { storedWeight } = require('./model-check') as typeof import('./model-check');
    const weight = await storedWeight(loadConfig(process.env)).catch(() => undefined);
    if (weight !== undefined) process.env.EMBEDDING_WEIGHT = String(weight);
  }
  // Each part opens its own app; "no embedding model" is worth saying once, not once per part.
  const said = new Set<string>();
  const noticeOnce = (s: string) => {
    if (said.has(s)) return;
    said.add(s);
    notice(s);
  };
  const report: FullEvalReport = { skipped: {} };
  // Tables are printed as each part finishes (a whole run takes minutes); JSON once at the end.
  let printed = 0;
  const emit = (lines: string[]) => {
    if (opts.json) return;
    opts.out((printed++ > 0 ? '\n' : '') + lines.join('\n'));
  };
  const skip = (part: EvalPart, label: string, notes: string[]) => {
    report.skipped[part] = notes;
    emit([`${label}: bỏ qua, chưa có dữ liệu (${notes.join('; ')})`]);
  };
  if (parts.has('vilqa')) {
    report.vilqa = await evaluateVilqa({ limit: opts.limit });
    emit([formatEvalReport(report.vilqa)]);
  }
  for (const part of ['genre', 'heldout'] as const) {
    if (!parts.has(part)) continue;
    const located = part === 'genre' ? developmentSet(opts.root) : heldoutSet(opts.root);
    if (!located.set) {
      skip(part, GENRE_TITLES[part], located.notes);
      continue;
    }
    notice(`${GENRE_TITLES[part]}: nạp ${located.set.documents.length} tài liệu…`);
    const r = await evaluateGenreSet(located.set, {
      limit: opts.limit,
      app: { notice: noticeOnce, ...opts.app },
    });
    report[part] = r;
    emit([
      ...formatGenreSetReport(GENRE_TITLES[part], r),
      ...(located.notes.length ? [`thiếu: ${located.notes.join('; ')}`] : []),
    ]);
  }
  if (parts.has('formats')) {
    const located = developmentSet(opts.root);
    if (!located.set) skip('formats', 'genre, định dạng khác', located.notes);
    else {
      // docx, pdf-lib and fontkit are development dependencies: loaded only when formats are asked for.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const formats = require('../eval/genre-formats') as typeof import('../eval/genre-formats');
      report.formats = await formats.evaluateFormats(located.set, {
        limit: opts.limit,
        notice,
        app: { notice: noticeOnce, ...opts.app },
      });
      emit(formatFormatsReport(report.formats));
    }
  }
  if (parts.has('facts')) {
    // Facts: precision and recall of what ingest stores, against hand labels: the 8 fixture reports
    // and the genre reports labelled for it, each set ingested as the product does.
    const root = opts.root ?? PROJECT_ROOT;
    const fixtures = labelledDocuments([
      path.join(root, 'tests/fixtures/facts'),
      path.join(root, 'tests/fixtures/facts/heldout'),
    ]);
    const genre = labelledDocuments(
      [path.join(root, 'eval/genre/part-a/docs'), path.join(root, 'eval/genre/part-b/docs')],
      path.join(root, 'eval/genre/facts-labels'),
    );
    const all = [...fixtures, ...genre];
    if (all.length === 0) {
      report.skipped.facts = ['tests/fixtures/facts', 'eval/genre/facts-labels'];
      notice('facts: không có tài liệu gán nhãn; bỏ qua');
    } else {
      report.facts = await evaluateFactsPipeline(all, { app: { semantic: false, notice: noticeOnce } });
      const lines = formatFactsPipeline('tất cả', report.facts);
      if (fixtures.length && genre.length) {
        lines.push(...formatFactsPipeline('tài liệu mẫu', await evaluateFactsPipeline(fixtures)).slice(2));
        lines.push(...formatFactsPipeline('báo cáo genre', await evaluateFactsPipeline(genre)).slice(2));
      }
      emit(lines);
    }
  }
  if (opts.json) opts.out(JSON.stringify(report, null, 2));
  return 0;
}

/** The facts table of `chithi eval`: one row a kind, precision and recall with their counts. */
export function formatFactsPipeline(set: string, e: FactsEvaluation): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const row = (name: string, r: FactsEvaluation['chairs']) =>
    `${set.padEnd(14)} ${name.padEnd(10)} ${pct(r.precision).padStart(9)} ${pct(r.recall).padStart(9)}   ${r.matched}/${r.predicted} đúng, ${r.matched}/${r.expected} tìm thấy`;
  return [
    `Dữ kiện qua đường nạp của sản phẩm (${e.documents} tài liệu gán nhãn tay)`,
    `${'bộ'.padEnd(14)} ${'loại'.padEnd(10)} ${'precision'.padStart(9)} ${'recall'.padStart(9)}`,
    row('chủ trì', e.chairs),
    row('dự', e.attendees),
    row('chỉ tiêu', e.targets),
    row('thời hạn', e.deadlines),
  ];
}
