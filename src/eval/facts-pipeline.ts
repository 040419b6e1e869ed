import fs from 'node:fs';
import path from 'node:path';
import { foldText } from '../facts/fold';
import type { DeadlineFact, Fact, MeetingFact, TargetFact } from '../facts/types';
import { listFacts } from '../store/facts';
import { EvalRunOptions, withTempApp } from './genre';

/**
 * The facts evaluation through the product's own path: the labelled documents are ingested by
 * `app.ingest` (reading, reflow, profile, passages, extraction, SQLite) and the facts read back from
 * the store, as the bot's /chutri, /chitieu and direct answers get them. Nothing is handed to the
 * extractor that the product would not have (no year from the labels, no other reflow).
 */
export interface PrecisionRecall {
  precision: number;
  recall: number;
  predicted: number;
  expected: number;
  matched: number;
}

export interface FactsEvaluation {
  documents: number;
  chairs: PrecisionRecall;
  attendees: PrecisionRecall;
  targets: PrecisionRecall;
  deadlines: PrecisionRecall;
}

/** A document's labels (tests/fixtures/facts/*.json, eval/genre/facts-labels/*.json). */
export interface FactLabel {
  title?: string;
  year?: number;
  chairs: string[];
  attendees: string[];
  targets: Array<{ value: string; year?: number }>;
  deadlines?: string[];
}

/** A labelled document: its text file and its label file. */
export interface LabelledDocument {
  file: string;
  label: string;
}

type Counts = Omit<PrecisionRecall, 'precision' | 'recall'>;

/** Names, figures and phrases compared folded, dashes and spaces ignored. */
export const factKey = (s: string): string => foldText(s).replace(/[–—]/g, '-').replace(/\s+/g, '');

/** How many of `predicted` are in `expected` (each expected item matched once). */
export function scoreItems(predicted: string[], expected: string[]): Counts {
  const pool = [...expected];
  let matched = 0;
  for (const p of predicted) {
    const i = pool.indexOf(p);
    if (i >= 0) {
      matched++;
      pool.splice(i, 1);
    }
  }
  return { predicted: predicted.length, expected: expected.length, matched };
}

export function sumCounts(parts: Counts[]): PrecisionRecall {
  const t = parts.reduce(
    (a, b) => ({
      predicted: a.predicted + b.predicted,
      expected: a.expected + b.expected,
      matched: a.matched + b.matched,
    }),
    { predicted: 0, expected: 0, matched: 0 },
  );
  return {
    ...t,
    precision: t.predicted === 0 ? 1 : t.matched / t.predicted,
    recall: t.expected === 0 ? 1 : t.matched / t.expected,
  };
}

/** Compares one document's extracted facts with its labels, per kind. */
export function scoreDocument(
  facts: Fact[],
  label: FactLabel,
): Record<'chairs' | 'attendees' | 'targets' | 'deadlines', Counts> {
  const uniq = (xs: string[]) => [...new Set(xs)];
  const meetings = facts.filter((f): f is MeetingFact => f.kind === 'meeting');
  const chairs = uniq(meetings.flatMap((m) => m.chairs.map((p) => factKey(p.name))));
  const attendees = uniq(meetings.flatMap((m) => m.attendees.map((p) => factKey(p.name)))).filter(
    (a) => !chairs.includes(a),
  );
  const targets = facts.filter((f): f is TargetFact => f.kind === 'target');
  const deadlines = facts.filter((f): f is DeadlineFact => f.kind === 'deadline' && f.due === true);
  return {
    chairs: scoreItems(chairs, uniq(label.chairs.map(factKey))),
    attendees: scoreItems(attendees, uniq(label.attendees.map(factKey))),
    targets: scoreItems(
      targets.flatMap((t) => t.values.map((v) => `${factKey(v)}@${t.year ?? ''}`)),
      label.targets.map((t) => `${factKey(t.value)}@${t.year ?? ''}`),
    ),
    deadlines: scoreItems(
      uniq(deadlines.map((d) => factKey(d.date.text))),
      uniq((label.deadlines ?? []).map(factKey)),
    ),
  };
}

/** Text files of `docsDirs` that have a label of the same base name in `labelsDir` (or beside them). */
export function labelledDocuments(docsDirs: string[], labelsDir?: string): LabelledDocument[] {
  const out: LabelledDocument[] = [];
  for (const dir of docsDirs) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.endsWith('.txt')) continue;
      const label = path.join(labelsDir ?? dir, name.replace(/\.txt$/, '.json'));
      if (fs.existsSync(label)) out.push({ file: path.join(dir, name), label });
    }
  }
  return out;
}

/** Ingests the documents into a temporary index and scores the stored facts against the labels. */
export async function evaluateFactsPipeline(
  documents: LabelledDocument[],
  options: EvalRunOptions = {},
): Promise<FactsEvaluation> {
  return withTempApp(
    { ...options, app: { semantic: false, notice: () => {}, ...options.app } },
    async (app) => {
      await app.ingest(documents.map((d) => d.file));
      const byName = new Map(app.documents().map((d) => [path.basename(d.file), d.id]));
      const parts = {
        chairs: [] as Counts[],
        attendees: [] as Counts[],
        targets: [] as Counts[],
        deadlines: [] as Counts[],
      };
      for (const d of documents) {
        const label = JSON.parse(fs.readFileSync(d.label, 'utf8')) as FactLabel;
        const id = byName.get(path.basename(d.file));
        const facts = id === undefined ? [] : listFacts(app.db, { documentId: id }).map((f) => f.fact);
        const scored = scoreDocument(facts, label);
        for (const k of ['chairs', 'attendees', 'targets', 'deadlines'] as const) parts[k].push(scored[k]);
      }
      return {
        documents: documents.length,
        chairs: sumCounts(parts.chairs),
        attendees: sumCounts(parts.attendees),
        targets: sumCounts(parts.targets),
        deadlines: sumCounts(parts.deadlines),
      };
    },
  );
}
