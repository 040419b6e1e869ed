/**
 * Precision and recall of fact extraction on hand-labelled fixture documents
 * (tests/fixtures/facts/*.txt with a *.json label file each).
 *
 * Run: node -r tsx/cjs scripts/eval-facts.ts
 *
 * Until the ingest pipeline is wired here, the script reflows documents itself, simply: blocks are
 * separated by blank lines, hard-wrapped lines are joined, a bracketed photo caption becomes its own
 * block, a short line without final punctuation is a heading, and lines opening with "-", "+", "a)"
 * or "1." are list items.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BlockKind } from '../src/ingest/types';
import { type FactBlock, extractFacts } from '../src/facts/extract-facts';
import { factKey, FactsEvaluation, PrecisionRecall, scoreItems, sumCounts } from '../src/eval/facts-pipeline';
import type { Fact, MeetingFact, TargetFact, DeadlineFact } from '../src/facts/types';

export const FIXTURE_DIR = path.join(__dirname, '..', 'tests', 'fixtures', 'facts');
/** Documents written after the rules were tuned on FIXTURE_DIR and labelled before the first run. */
export const HELDOUT_DIR = path.join(FIXTURE_DIR, 'heldout');

const LIST_LINE = /^\s*(?:[-+•]\s|[a-dđ]\)\s|\d{1,2}[.)]\s)/u;

/** Splits a plain-text document into reflowed blocks (see the file comment). */
export function simpleBlocks(raw: string): FactBlock[] {
  const blocks: FactBlock[] = [];
  let section: string | null = null;
  const push = (text: string, kind: BlockKind) => {
    const t = text.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (!t) return;
    if (kind === 'heading') section = t;
    blocks.push({ ordinal: blocks.length, text: t, kind, section: kind === 'heading' ? null : section });
  };
  for (const para of raw.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = para.split('\n').filter((l) => l.trim());
    if (lines.length === 0) continue;
    if (
      lines.length === 1 &&
      (lines[0] as string).trim().length < 100 &&
      !/[.;:)]$/.test((lines[0] as string).trim())
    ) {
      push(lines[0] as string, 'heading');
      continue;
    }
    let current = '';
    let kind: BlockKind = 'paragraph';
    const flush = () => {
      push(current, kind);
      current = '';
      kind = 'paragraph';
    };
    for (const line of lines) {
      const t = line.trim();
      if (LIST_LINE.test(t)) {
        flush();
        kind = 'list-item';
      } else if (t.startsWith('(') && current && !current.trim().startsWith('(')) {
        flush();
      }
      current += (current ? ' ' : '') + t;
      if (current.startsWith('(') && t.endsWith(')')) {
        kind = 'caption';
        flush();
      }
    }
    flush();
  }
  return blocks;
}

interface Label {
  title: string;
  year?: number;
  chairs: string[];
  attendees: string[];
  targets: Array<{ value: string; year?: number }>;
  /** Time limits only ("trước ngày …", "hoàn thành trong quý IV"), as written with their limit word. */
  deadlines?: string[];
}

export type { FactsEvaluation, PrecisionRecall } from '../src/eval/facts-pipeline';

const key = factKey;
const score = scoreItems;
const sum = sumCounts;

/** Runs extraction over every fixture and compares with its labels. */
export function evaluateFacts(dirs: string[] = [FIXTURE_DIR, HELDOUT_DIR]): FactsEvaluation {
  const files = dirs.flatMap((dir) =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.txt'))
          .sort()
          .map((f) => path.join(dir, f))
      : [],
  );
  const parts = { chairs: [], attendees: [], targets: [], deadlines: [] } as Record<
    'chairs' | 'attendees' | 'targets' | 'deadlines',
    Array<Omit<PrecisionRecall, 'precision' | 'recall'>>
  >;
  for (const file of files) {
    const label = JSON.parse(fs.readFileSync(file.replace(/\.txt$/, '.json'), 'utf8')) as Label;
    const facts: Fact[] = extractFacts(simpleBlocks(fs.readFileSync(file, 'utf8')), {
      title: label.title,
      ...(label.year ? { year: label.year } : {}),
    }).map((x) => x.fact);
    const meetings = facts.filter((f): f is MeetingFact => f.kind === 'meeting');
    const uniq = (xs: string[]) => [...new Set(xs)];
    parts.chairs.push(
      score(uniq(meetings.flatMap((m) => m.chairs.map((p) => key(p.name)))), uniq(label.chairs.map(key))),
    );
    parts.attendees.push(
      score(
        uniq(meetings.flatMap((m) => m.attendees.map((p) => key(p.name)))),
        uniq(label.attendees.map(key)),
      ),
    );
    const targets = facts.filter((f): f is TargetFact => f.kind === 'target');
    parts.targets.push(
      score(
        targets.flatMap((t) => t.values.map((v) => `${key(v)}@${t.year ?? ''}`)),
        label.targets.map((t) => `${key(t.value)}@${t.year ?? ''}`),
      ),
    );
    const deadlines = facts.filter((f): f is DeadlineFact => f.kind === 'deadline' && f.due === true);
    parts.deadlines.push(
      score(
        deadlines.map((d) => key(d.date.text)),
        (label.deadlines ?? []).map(key),
      ),
    );
  }
  return {
    documents: files.length,
    chairs: sum(parts.chairs),
    attendees: sum(parts.attendees),
    targets: sum(parts.targets),
    deadlines: sum(parts.deadlines),
  };
}

/** The evaluation as table lines (Vietnamese labels, as `npm run eval` prints them). */
export function formatFactsEvaluation(e: FactsEvaluation, label = 'tài liệu mẫu có gán nhãn tay'): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const row = (name: string, r: PrecisionRecall) =>
    `${name.padEnd(14)} ${pct(r.precision).padStart(9)} ${pct(r.recall).padStart(9)}   ${r.matched}/${r.predicted} đúng, ${r.matched}/${r.expected} tìm thấy`;
  return [
    `Dữ kiện (${e.documents} ${label})`,
    `${'loại'.padEnd(14)} ${'precision'.padStart(9)} ${'recall'.padStart(9)}`,
    row('chủ trì', e.chairs),
    row('dự', e.attendees),
    row('chỉ tiêu', e.targets),
    row('thời hạn', e.deadlines),
  ];
}

if (require.main === module) {
  const sets: Array<[string, string[]]> = [
    ['tài liệu dùng để viết luật', [FIXTURE_DIR]],
    ['tài liệu kiểm tra riêng, viết sau', [HELDOUT_DIR]],
    ['tất cả tài liệu mẫu', [FIXTURE_DIR, HELDOUT_DIR]],
  ];
  sets.forEach(([label, dirs], i) => {
    if (i > 0) console.log('');
    for (const line of formatFactsEvaluation(evaluateFacts(dirs), label)) console.log(line);
  });
}
