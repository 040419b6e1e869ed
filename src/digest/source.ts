import { parseProfile } from '../store/documents';
import { documentReference } from '../profile/describe';
import type Database from 'better-sqlite3';
import type { DeadlineFact, Fact, MeetingFact, TargetFact, TaskFact } from '../facts/types';
import { lastSentBefore } from '../store/subscriptions';
import type { DigestDocument, DigestInput, DigestItem } from './compose';
import { addDays } from './time';
import { foldDiacritics } from '../text/normalize';

/** Without an earlier digest, documents added in this many days before the date count as new. */
const FIRST_DIGEST_LOOKBACK_DAYS = 7;

interface FactRow {
  id: number;
  kind: string;
  year: number | null;
  data: string;
  paragraph: number;
  section: string | null;
  title: string;
  file: string;
  profile: string;
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

/**
 * Reads what a chat's digest for `date` (local 'YYYY-MM-DD') is made of: deadlines, dated meetings,
 * targets and tasks from the facts table, and the documents added since the chat's last digest before
 * that date. Works on an index without facts or subscriptions yet (those parts are then empty).
 */
export function loadDigestInput(
  db: Database.Database,
  chatId: number,
  date: string,
  daysAhead: number,
  filter: string | null = null,
): DigestInput {
  const keep = digestFilter(filter);
  const input: DigestInput = {
    date,
    chatId,
    deadlines: [],
    events: [],
    targets: [],
    tasks: [],
    newDocuments: [],
    daysAhead,
  };

  if (hasTable(db, 'facts')) {
    const rows = db
      .prepare(
        `SELECT f.id, f.kind, f.year, f.data, p.paragraph, p.section, d.title, d.file, d.profile
         FROM facts f
         JOIN passages p ON p.id = f.passage_id
         JOIN documents d ON d.id = f.document_id
         WHERE f.kind IN ('deadline', 'meeting', 'target', 'task')
         ORDER BY f.id`,
      )
      .all() as FactRow[];
    for (const row of rows) {
      let fact: Fact;
      try {
        fact = { ...(JSON.parse(row.data) as object), kind: row.kind } as Fact;
      } catch {
        continue; // a damaged row must not take the whole digest down
      }
      const profile = profileOf(row.profile);
      if (!keep(aboutDocument(row.title, profile), row.data)) continue;
      const item = {
        id: row.id,
        source: {
          title: row.title,
          file: row.file,
          paragraph: row.paragraph,
          section: row.section,
          unit: profile.unit,
          reference: documentReference(profile),
          date: profile.date,
        },
        ...(row.year !== null ? { contextYear: row.year } : {}),
      };
      if (fact.kind === 'deadline' && fact.date) {
        input.deadlines.push({ ...item, fact } as DigestItem<DeadlineFact>);
      } else if (fact.kind === 'meeting' && fact.date) {
        input.events?.push({ ...item, fact } as DigestItem<MeetingFact>);
      } else if (fact.kind === 'target' && fact.text) {
        input.targets.push({ ...item, fact } as DigestItem<TargetFact>);
      } else if (fact.kind === 'task' && fact.text) {
        input.tasks.push({ ...item, fact } as DigestItem<TaskFact>);
      }
    }
  }

  const since =
    (hasTable(db, 'digest_log') ? lastSentBefore(db, chatId, date) : null) ??
    `${addDays(date, -FIRST_DIGEST_LOOKBACK_DAYS)}T00:00:00.000Z`;
  input.newDocuments = db
    .prepare(
      `SELECT title, file, profile, added_at AS addedAt FROM documents WHERE added_at > ? ORDER BY added_at, id`,
    )
    .all(since)
    .flatMap((d) => {
      const { profile, ...rest } = d as DigestDocument & { profile: string };
      const p = profileOf(profile);
      return keep(aboutDocument(rest.title, p), '') ? [{ ...rest, unit: p.unit }] : [];
    });
  return input;
}

/** What a filter is matched against for a document: its title, unit and provinces. */
function aboutDocument(title: string, p: ReturnType<typeof profileOf>): string {
  return `${title} ${p.unit ?? ''} ${p.provinces.join(' ')}`;
}

/**
 * What a chat's digest keeps to ("BĐBP Quảng Ninh", "IUU"): an item stays when every word of the
 * filter is in its document's title, unit and provinces, or in the item itself; folded, so "quang
 * ninh" and "Quảng Ninh" are the same. No filter keeps everything.
 */
export function digestFilter(filter: string | null): (about: string, text: string) => boolean {
  const words = filter
    ? foldDiacritics(filter.normalize('NFC'))
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 1)
    : [];
  if (words.length === 0) return () => true;
  return (about, text) => {
    const doc = ` ${foldDiacritics(about.normalize('NFC')).replace(/[^a-z0-9]+/g, ' ')} `;
    const own = ` ${foldDiacritics(text.normalize('NFC')).replace(/[^a-z0-9]+/g, ' ')} `;
    return words.every((w) => doc.includes(` ${w} `) || own.includes(` ${w} `));
  };
}

/** A stored profile (an older database may have none). */
function profileOf(json: string | undefined) {
  return parseProfile(json);
}
