import { getPassages } from '../store/documents';
import { getGeneration, type Db } from '../store/db';
import { factSources, listFacts } from '../store/facts';
import { foldDiacritics } from '../text/normalize';
import type { FactSource } from './format';
import {
  factYear,
  type MeetingFact,
  type Person,
  type StoredFact,
  type TargetFact,
  type TaskFact,
} from './types';

/** The fact kinds people list with /chutri, /chitieu and /nhiemvu. */
export type ListedFactKind = 'meeting' | 'target' | 'task';

type FactOfKind<K extends ListedFactKind> = K extends 'meeting'
  ? MeetingFact
  : K extends 'target'
    ? TargetFact
    : TaskFact;

/** One listed fact with where it comes from. */
export interface FactItem<
  F extends MeetingFact | TargetFact | TaskFact = MeetingFact | TargetFact | TaskFact,
> {
  stored: StoredFact<F>;
  /** The year the fact is about (its own, else its date's), or null when the text gives none. */
  year: number | null;
  /** Undefined only if the passage disappeared between two reads (never within one generation). */
  source: FactSource | undefined;
}

export interface FactListFilter {
  /** Only facts about this year (targets and tasks: their year; meetings: their date's year). */
  year?: number;
  /**
   * Words as typed, with or without diacritics, in any Unicode form (NFD included): every word must
   * appear in the fact, its people, its document title or the passage it comes from.
   */
  words?: string;
}

/** What the bot's /chutri, /chitieu, /nhiemvu need; built once in the composition root. */
export interface FactsService {
  /** Facts of one kind, most recent year first (facts without a year last), else in document order. */
  list<K extends ListedFactKind>(kind: K, filter?: FactListFilter): FactItem<FactOfKind<K>>[];
}

/**
 * Words that only restate the command ("/chutri ai chủ trì hội nghị …", "người chủ trì là ai"):
 * dropped from the filter so they do not exclude every meeting. Folded forms; "chủ trì" only as a
 * pair, since "trì" alone is also in names ("Quảng Trị").
 */
const FILLER_WORDS = new Set(['ai', 'la', 'gi', 'nao', 'nguoi', 'nhung', 'cac']);
const FILLER_PAIRS: ReadonlyArray<readonly [string, string]> = [['chu', 'tri']];

/** Folded words (letters and digits) of a text: "Đảng ủy BĐBP" → ["dang", "uy", "bdbp"]. */
export function foldedWords(text: string): string[] {
  return foldDiacritics(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The words of a filter as typed, folded, without filler words and duplicates. */
export function filterWords(text: string): string[] {
  const words = foldedWords(text);
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (FILLER_PAIRS.some(([a, b]) => word === a && words[i + 1] === b)) {
      i++;
      continue;
    }
    if (!FILLER_WORDS.has(word)) kept.push(word);
  }
  return [...new Set(kept)];
}

function personText(p: Person): string {
  return [p.rank ?? '', p.name, ...p.roles].join(' ');
}

/** Everything a person might remember about a fact, as one string to fold. */
function describeForSearch(fact: MeetingFact | TargetFact | TaskFact): string {
  switch (fact.kind) {
    case 'meeting':
      return [
        fact.eventType,
        fact.eventName ?? '',
        fact.date?.text ?? '',
        ...fact.chairs.map(personText),
        ...fact.attendees.map(personText),
      ].join(' ');
    case 'target':
      return [fact.text, ...fact.values].join(' ');
    case 'task':
      return [fact.text, fact.section ?? ''].join(' ');
  }
}

interface Indexed {
  item: FactItem;
  kind: ListedFactKind;
  words: Set<string>;
}

const LISTED = new Set<string>(['meeting', 'target', 'task']);

/**
 * Lists facts over one database. Facts, their sources and their searchable words are read once per
 * documents generation (facts change only with documents), not on every command.
 */
export function createFactsService(db: Db): FactsService {
  let cache: { generation: number; indexed: Indexed[] } | undefined;

  const load = (): Indexed[] => {
    const generation = getGeneration(db);
    if (cache?.generation === generation) return cache.indexed;
    const facts = listFacts(db).filter((f): f is StoredFact<MeetingFact | TargetFact | TaskFact> =>
      LISTED.has(f.fact.kind),
    );
    const passageIds = facts.map((f) => f.passageId);
    const sources = factSources(db, passageIds);
    const passages = getPassages(db, [...new Set(passageIds)]);
    const indexed = facts.map((stored) => {
      const source = sources.get(stored.passageId);
      const year = factYear(stored.fact);
      const haystack = [
        describeForSearch(stored.fact),
        year === null ? '' : String(year),
        source?.title ?? '',
        passages.get(stored.passageId)?.text ?? '',
      ].join(' ');
      return {
        item: { stored, year, source },
        kind: stored.fact.kind,
        words: new Set(foldedWords(haystack)),
      };
    });
    // Most recent year first, no year last (years are positive); the sort is stable, so document
    // order holds within a year.
    indexed.sort((a, b) => (b.item.year ?? 0) - (a.item.year ?? 0));
    cache = { generation, indexed };
    return indexed;
  };

  return {
    list<K extends ListedFactKind>(kind: K, filter: FactListFilter = {}) {
      const words = filter.words ? filterWords(filter.words) : [];
      return load()
        .filter(
          (x) =>
            x.kind === kind &&
            (filter.year === undefined || x.item.year === filter.year) &&
            words.every((w) => x.words.has(w)),
        )
        .map((x) => x.item as FactItem<FactOfKind<K>>);
    },
  };
}
