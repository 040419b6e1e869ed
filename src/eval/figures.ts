import type { EvalReport } from '../commands/eval';
import type { FactsEvaluation } from './facts-pipeline';
import type { GenreSetReport } from './genre';
import type { FormatsReport } from './genre-formats';

/**
 * The README's figure tables, rendered from one `chithi eval --json` run. Each table sits between
 * `<!-- figures:NAME -->` and `<!-- /figures:NAME -->` in README.md; `npm run figures` rewrites them
 * and `npm run check:figures` fails when one no longer matches what the code measures. Timings are
 * left out: they vary from run to run, the rest is deterministic in keyword mode.
 */
export interface FigureReports {
  vilqa?: EvalReport;
  genre?: GenreSetReport;
  heldout?: GenreSetReport;
  formats?: FormatsReport;
  facts?: FactsEvaluation;
}

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function renderVilqa(r: EvalReport): string {
  const byType = new Map(r.metrics.map((m) => [m.type, m]));
  const row = (type: string) => {
    const m = byType.get(type);
    return m
      ? `| **chithi (keyword)** | ${type} | **${f3(m.hit1)}** | ${f3(m.hit3)} | ${f3(m.hit5)} | ${f3(m.mrr5)} |`
      : '';
  };
  const found = (type: string) => pct(byType.get(type)?.found ?? 0);
  return [
    '| engine | type | hit@1 | hit@3 | hit@5 | MRR@5 |',
    '| --- | --- | --- | --- | --- | --- |',
    row('diacritics'),
    row('no-diacritics'),
    '| MiniSearch 7.2 | diacritics | 0.849 | 0.917 | 0.930 | 0.882 |',
    '| MiniSearch 7.2 | no-diacritics | 0.196 | 0.311 | 0.391 | 0.265 |',
    '| MiniSearch 7.2, folded terms | diacritics | 0.830 | 0.900 | 0.919 | 0.866 |',
    '| MiniSearch 7.2, folded terms | no-diacritics | 0.830 | 0.900 | 0.919 | 0.866 |',
    '| Orama 3.1 | diacritics | 0.034 | 0.179 | 0.230 | 0.112 |',
    '| Orama 3.1 | no-diacritics | 0.140 | 0.270 | 0.368 | 0.216 |',
    '',
    `${found('diacritics')} (with diacritics) and ${found('no-diacritics')} (without) of the benchmark questions are ` +
      `answered (not "not found"); ${r.offTopic.rejected} of ${r.offTopic.n} off-topic questions get "not found".`,
  ]
    .filter((l, i) => l !== '' || i > 0)
    .join('\n');
}

function ratio(r: { n: number; of: number }): string {
  return `${r.n}/${r.of}`;
}

export function renderGenre(dev: GenreSetReport, heldout?: GenreSetReport): string {
  const line = (name: string, r: GenreSetReport) =>
    `| ${name} | ${r.overall.n} + ${r.absentRejected.of} | ${f3(r.overall.hit1)} | ${f3(r.overall.hit3)} | ` +
    `${f3(r.overall.mrr5)} | ${ratio(r.chairsDirect)} | ${ratio(r.attendeesDirect)} | ${ratio(r.absentRejected)} | ` +
    `${r.offTopic ? ratio(r.offTopic) : '–'} |`;
  const kinds: Record<string, string> = {
    chair: 'chairs',
    attendee: 'attendees',
    target: 'targets',
    task: 'tasks',
    deadline: 'deadlines',
    number: 'figures',
    fact: 'other facts',
    docnumber: 'document numbers',
  };
  const perKind = dev.byType
    .map((m) => `${kinds[m.label] ?? m.label} ${f3(m.hit1)} / ${f3(m.hit3)}`)
    .join(', ');
  const nodiac = dev.byDiacritics.find((m) => m.label === 'no-diacritics');
  const lines = [
    '| set | questions | hit@1 | hit@3 | MRR@5 | chairs answered directly | attendees answered directly | absent units/years "not found" | off-topic "not found" |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    line('development (rules written here)', dev),
    ...(heldout ? [line('held-out', heldout)] : []),
    '',
    `Per kind of question on the development set (hit@1 / hit@3): ${perKind}` +
      (nodiac ? `; typed without diacritics ${f3(nodiac.hit1)} / ${f3(nodiac.hit3)}.` : '.'),
  ];
  if (heldout) {
    const wrongMisses = 1 - heldout.overall.found;
    lines.push(
      `${pct(wrongMisses)} of the held-out answerable questions get "not found" although their document is there.`,
    );
  }
  return lines.join('\n');
}

const FORMAT_NAMES: Record<string, string> = {
  'txt (UTF-8)': '.txt (UTF-8)',
  docx: '.docx',
  'txt (Windows-1258)': '.txt in Windows-1258',
  'txt (TCVN3)': '.txt in TCVN3',
  'pdf (text layer)': '.pdf with text',
};

export function renderFormats(r: FormatsReport): string {
  return [
    '| format | documents | hit@1 | hit@3 |',
    '| --- | --- | --- | --- |',
    ...r.rows.map((row) => {
      const name =
        FORMAT_NAMES[row.format] ??
        row.format
          .replace(/^pdf \(scanned, OCR\), (\d+) documents$/, '.pdf scanned (OCR), $1 reports')
          .replace(/^txt \(UTF-8\), (\d+) documents$/, '.txt (UTF-8), the same $1 reports');
      return `| ${name} | ${row.documents} | ${f3(row.hit1)} | ${f3(row.hit3)} |`;
    }),
  ].join('\n');
}

export function renderFacts(r: FactsEvaluation): string {
  const row = (name: string, p: FactsEvaluation['chairs']) =>
    `| ${name} | ${f3(p.precision)} (${p.matched}/${p.predicted}) | ${f3(p.recall)} (${p.matched}/${p.expected}) |`;
  return [
    '| fact | precision | recall |',
    '| --- | --- | --- |',
    row('chairs (chủ trì)', r.chairs),
    row('attendees (dự)', r.attendees),
    row('targets (chỉ tiêu)', r.targets),
    row('deadlines (thời hạn)', r.deadlines),
  ].join('\n');
}

/** Every block the reports can fill, by name. */
export function renderFigures(r: FigureReports): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.vilqa) out.vilqa = renderVilqa(r.vilqa);
  if (r.genre) out.genre = renderGenre(r.genre, r.heldout);
  if (r.formats) out.formats = renderFormats(r.formats);
  if (r.facts) out.facts = renderFacts(r.facts);
  return out;
}

const BLOCK = /<!-- figures:([a-z]+) -->\n[\s\S]*?\n<!-- \/figures:\1 -->/g;

/** The README with each named block replaced; blocks without a figure are left as they are. */
export function replaceFigures(readme: string, blocks: Record<string, string>): string {
  return readme.replace(BLOCK, (whole, name: string) => {
    const body = blocks[name];
    return body === undefined ? whole : `<!-- figures:${name} -->\n${body}\n<!-- /figures:${name} -->`;
  });
}

/** Names of the figure blocks a README holds. */
export function figureBlocks(readme: string): string[] {
  return [...readme.matchAll(BLOCK)].map((m) => m[1]!);
}
