import type { BlockKind } from '../ingest/types';
import type { Fact } from './types';
import { foldSection, foldText, mainYear } from './fold';
import { extractMeeting } from './extract-meetings';
import { extractTargets } from './extract-targets';
import { extractTasks } from './extract-tasks';
import { extractDeadlines } from './extract-deadlines';
import { extractDocumentNumbers } from './extract-document-numbers';
import { findAssignee, reportsDone, statementKind } from './statement';

export interface FactBlock {
  /** Ordinal of the passage the block became; facts point back to it. */
  ordinal: number;
  text: string;
  kind: BlockKind;
  section: string | null;
}

export interface FactContext {
  title: string;
  /** The document's year; when absent it is read from the title ("… năm 2025"). */
  year?: number;
  /**
   * The years the document plans (its profile's): a target in a forward-looking place that names no
   * year is for the first of them from the document's year on.
   */
  planYears?: readonly number[];
}

/**
 * Extracts meetings (chairs, attendees, date), targets, tasks, deadlines and document numbers from
 * reflowed blocks. Pure: no I/O, same output for the same input. Text may be NFD or use the old tone
 * placement; rules match on a folded copy and facts keep the display form (NFC) of the input.
 */
export function extractFacts(blocks: FactBlock[], ctx: FactContext): Array<{ ordinal: number; fact: Fact }> {
  const year = ctx.year ?? mainYear(foldText(ctx.title));
  // The first planned year from the document's year on (a loop: no read past an empty list's end).
  let planYear: number | undefined;
  for (const y of ctx.planYears ?? [])
    if ((year === undefined || y >= year) && (planYear === undefined || y < planYear)) planYear = y;
  const out: Array<{ ordinal: number; fact: Fact }> = [];
  const seenNumbers = new Set<string>();
  // Objects of one shape whatever is known (absent: undefined), so the extractors that read them
  // stay optimized (issue 14: objects built with and without "year" sent them back to slower code).
  const meetingContext = { title: ctx.title, year };
  for (const b of blocks) {
    const place = { section: b.section, year, planYear, listItem: b.kind === 'list-item' };
    const push = (fact: Fact) => out.push({ ordinal: b.ordinal, fact });
    for (const d of extractDocumentNumbers(b.text, year)) {
      const key = foldText(d.number);
      if (seenNumbers.has(key)) continue;
      seenNumbers.add(key);
      push(d);
    }
    if (b.kind === 'title' || b.kind === 'date' || b.kind === 'signature') continue;
    const meeting = extractMeeting(b.text, meetingContext);
    if (meeting) push(meeting);
    if (b.kind === 'caption' || b.kind === 'heading') continue;
    // Under a "chỉ tiêu" heading every figure is a target; elsewhere a figure nothing aims at
    // ("bắt giữ 45 vụ", "dài 192 km") reports what was done.
    const targetPlace = /\b(?:chi tieu|muc tieu|phan dau)\b/.test(foldSection(b.section ?? ''));
    // The block's targets: a task that restates one is not a task of its own.
    const targets: string[] = [];
    for (const t of extractTargets(b.text, place))
      if (targetPlace || !reportsDone(t.text)) {
        push(t);
        targets.push(t.text);
      }
    for (const t of extractTasks(b.text, place)) {
      if (targets.some((x) => t.text.includes(x))) continue;
      const assignee = findAssignee(t.text, b.section);
      push(assignee ? { ...t, assignee } : t);
    }
    for (const d of extractDeadlines(b.text, place)) {
      const assignee = findAssignee(d.text, b.section);
      push({ ...d, statement: statementKind(d.text), ...(assignee ? { assignee } : {}) });
    }
  }
  return out;
}
