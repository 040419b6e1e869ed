import type { DirectAnswer } from '../search/types';
import type {
  DeadlineFact,
  DocumentNumberFact,
  Fact,
  MeetingFact,
  Person,
  StoredFact,
  TargetFact,
  TaskFact,
} from './types';
import type { FactIntent } from './intent';
import { foldText, meetingOrdinals } from './fold';
import { describeFact, eventLabel, formatDate, formatPeople } from './format';

/** A direct answer from facts; assignable to DirectAnswer. */
export interface FactAnswer extends DirectAnswer {
  /** Every matching item in full, when the answer lists several (targets, tasks, deadlines). */
  items?: string[];
}

/** Extra text to match a question's words against: the document title, the passage text. */
export interface FactLookup {
  documentTitle?(documentId: number): string | undefined;
  passageText?(passageId: number): string | undefined;
  /** The unit the document is about ("Đảng ủy BĐBP tỉnh Ninh Thuận"), to name it in answers. */
  documentUnit?(documentId: number): string | null | undefined;
  /** Years the document covers (reviewed, planned, dated): a meeting "tổng kết năm 2024" held in
   * January 2025 still belongs to a question about 2024. */
  documentYears?(documentId: number): number[] | undefined;
  /** The opening of a document, to find what a fact's own passage does not say ("kỳ họp thứ 15"). */
  documentText?(documentId: number): string | undefined;
  /** Rank of the document for this question (higher first), from the question's scope. */
  documentTier?(documentId: number): number;
}

/** How many items the one-line answer shows before "… và N mục khác". */
const MAX_INLINE = 5;
/** Longest item shown in the one-line answer, in characters. */
const MAX_ITEM_CHARS = 160;
/** Share of the question's content words a fact must match to be kept (0-1). */
const MIN_TERM_SHARE = 0.5;

const ABBREVIATIONS: Array<[string, string]> = [
  ['bdbp', 'bo doi bien phong'],
  ['hdnd', 'hoi dong nhan dan'],
  ['ubnd', 'uy ban nhan dan'],
  ['sscd', 'san sang chien dau'],
  ['bchqs', 'bo chi huy quan su'],
  ['chqs', 'chi huy quan su'],
  ['mttq', 'mat tran to quoc'],
  ['btv', 'ban thuong vu'],
  ['bch', 'ban chap hanh'],
  ['grdp', 'tong san pham tren dia ban'],
];

function haystack(item: StoredFact, lookup?: FactLookup): string {
  const parts = [
    JSON.stringify(item.fact),
    lookup?.documentTitle?.(item.documentId) ?? '',
    lookup?.passageText?.(item.passageId) ?? '',
  ];
  let h = ` ${foldText(parts.join(' ')).replace(/[^a-z0-9]+/g, ' ')} `;
  for (const [abbr, full] of ABBREVIATIONS) {
    if (h.includes(` ${abbr} `)) h += `${full} `;
    if (h.includes(` ${full} `)) h += `${abbr} `;
  }
  return h;
}

function termShare(terms: string[], h: string): number {
  if (terms.length === 0) return 1;
  return terms.filter((t) => h.includes(` ${t} `)).length / terms.length;
}

function factYear(f: Fact): number | undefined {
  switch (f.kind) {
    case 'meeting':
      return f.date?.year;
    case 'target':
    case 'task':
      return f.year;
    case 'deadline':
    case 'document-number':
      return f.date?.year;
  }
}

/** Keeps the facts that best match the question's words, year and event; [] when none do. */
function narrow<F extends Fact>(
  intent: FactIntent,
  facts: Array<StoredFact<F>>,
  lookup?: FactLookup,
): Array<StoredFact<F>> {
  const scored = facts
    .map((item) => {
      const h = haystack(item, lookup);
      const y = factYear(item.fact);
      // A target's or task's own year is what it is about: a 2024 result in a report that plans 2025
      // is no 2025 target, whatever year the title names. A meeting's or a deadline's year is its
      // date's, and its words may name the year it is about ("tổng kết năm 2024" held in January 2025).
      const ownYear = (item.fact.kind === 'target' || item.fact.kind === 'task') && y !== undefined;
      const yearOk =
        intent.year === undefined ||
        y === intent.year ||
        (!ownYear && h.includes(` ${intent.year} `)) ||
        (y === undefined && (lookup?.documentYears?.(item.documentId) ?? []).includes(intent.year));
      return { item, yearOk, share: termShare(intent.terms, h) };
    })
    .filter((s) => s.yearOk && s.share >= MIN_TERM_SHARE);
  // Scope first (the unit, place and year the question names), then words.
  const tier = (s: { item: StoredFact<F> }) => lookup?.documentTier?.(s.item.documentId) ?? 0;
  const bestTier = Math.max(0, ...scored.map(tier));
  const inTier = scored.filter((s) => tier(s) === bestTier);
  const best = Math.max(0, ...inTier.map((s) => s.share));
  return inTier.filter((s) => s.share === best).map((s) => s.item);
}

function clip(s: string): string {
  return s.length > MAX_ITEM_CHARS ? `${s.slice(0, MAX_ITEM_CHARS - 1).trimEnd()}…` : s;
}

function list(head: string, kind: string, items: StoredFact[], texts: string[]): FactAnswer {
  const unique = [...new Set(texts)];
  const shown = unique.slice(0, MAX_INLINE).map(clip);
  const more = unique.length > MAX_INLINE ? ` … và ${unique.length - MAX_INLINE} mục khác` : '';
  return {
    text:
      unique.length === 1 ? `${head}: ${shown[0]}` : `${head} (${unique.length}): ${shown.join('; ')}${more}`,
    passageId: (items[0] as StoredFact).passageId,
    passageIds: [...new Set(items.map((i) => i.passageId))],
    kind,
    items: unique,
  };
}

/** Meetings that are the same event told twice (a caption and its paragraph) become one. */
function distinctMeetings(
  items: Array<StoredFact<MeetingFact>>,
  people: (m: MeetingFact) => string[],
  options: { joinAttendees?: boolean } = {},
) {
  const out: Array<StoredFact<MeetingFact>> = [];
  for (const item of items) {
    const names = people(item.fact).sort().join('|');
    const sameDay = (o: StoredFact<MeetingFact>) =>
      o.documentId === item.documentId &&
      (!o.fact.date || !item.fact.date || formatDate(o.fact.date) === formatDate(item.fact.date));
    // Attendees are often told in several paragraphs of one report ("Dự hội nghị có …", "Cùng dự
    // có …"): one meeting, its lists joined.
    const same = out.find(
      (o) => sameDay(o) && (options.joinAttendees || people(o.fact).sort().join('|') === names),
    );
    if (!same) {
      out.push({ ...item, fact: { ...item.fact } });
      continue;
    }
    const join = (a: Person[], b: Person[]) => [...a, ...b.filter((p) => !a.some((q) => q.name === p.name))];
    const chairs = join(same.fact.chairs, item.fact.chairs);
    same.fact = {
      ...same.fact,
      eventName: same.fact.eventName ?? item.fact.eventName,
      date: same.fact.date ?? item.fact.date,
      chairs,
      attendees: join(same.fact.attendees, item.fact.attendees).filter(
        (p) => !chairs.some((c) => c.name === p.name),
      ),
      speakers: join(same.fact.speakers ?? [], item.fact.speakers ?? []),
    };
  }
  return out;
}

function meetingAnswer(intent: FactIntent, facts: StoredFact[], lookup?: FactLookup): FactAnswer | null {
  const chair = intent.kind === 'chair';
  const speaker = intent.kind === 'speaker';
  const who = (m: MeetingFact): Person[] => (chair ? m.chairs : speaker ? (m.speakers ?? []) : m.attendees);
  const people = (m: MeetingFact) => who(m).map((p) => p.name);
  let meetings = facts.filter(
    (f): f is StoredFact<MeetingFact> => f.fact.kind === 'meeting' && people(f.fact).length > 0,
  );
  if (intent.event) {
    const ev = foldText(intent.event);
    const sameType = meetings.filter((m) =>
      foldText(`${m.fact.eventType} ${m.fact.eventName ?? ''}`).includes(ev),
    );
    if (sameType.length > 0) meetings = sameType;
  }
  // A document's opening says which meeting it reports ("kỳ họp thứ 15", "hội nghị tổng kết") when the
  // fact's own passage does not (the chair is often in a caption): read and folded once per document.
  const openings = new Map<number, string>();
  const opening = (documentId: number): string => {
    let fold = openings.get(documentId);
    if (fold === undefined) {
      fold = foldText(lookup?.documentText?.(documentId) ?? '');
      openings.set(documentId, fold);
    }
    return fold;
  };
  if (intent.ordinal !== undefined) {
    // "kỳ họp thứ 23": only that meeting; none rather than another one.
    const nth = intent.ordinal;
    meetings = meetings.filter(
      (m) =>
        meetingOrdinals(haystack(m, lookup)).includes(nth) ||
        meetingOrdinals(opening(m.documentId)).includes(nth),
    );
  }
  if (intent.review) {
    // "hội nghị tổng kết" is not answered by a "sơ kết" (a half-year's, a quarter's) nor the other
    // way round: a meeting whose passage, title or opening names only the other kind is another one.
    const asked = intent.review;
    const other = asked === 'tong ket' ? 'so ket' : 'tong ket';
    meetings = meetings.filter((m) => {
      const h = `${haystack(m, lookup)}${opening(m.documentId).replace(/[^a-z0-9]+/g, ' ')} `;
      return h.includes(` ${asked} `) || !h.includes(` ${other} `);
    });
  }
  // Join a report's paragraphs about one meeting first, so words and dates of one count for all.
  const joined = distinctMeetings(meetings, people, { joinAttendees: !chair });
  const found = distinctMeetings(narrow(intent, joined, lookup), people, { joinAttendees: !chair });
  const first = found[0];
  if (!first) return null;
  if (found.length > 1) {
    return {
      text: `Có ${found.length} cuộc họp, sự kiện phù hợp; xin nói rõ hơn (tên hội nghị, đơn vị hoặc thời gian):`,
      passageId: first.passageId,
      kind: intent.kind,
      candidates: found.map((m) => {
        const when = m.fact.date ? ` (${formatDate(m.fact.date)})` : '';
        const unit = lookup?.documentUnit?.(m.documentId);
        return `${eventLabel(m.fact)}${unit && !mentions(eventLabel(m.fact), unit) ? ` của ${unit}` : ''}${when}: ${formatPeople(who(m.fact))}`;
      }),
    };
  }
  const m = first.fact;
  const when = m.date ? ` (${formatDate(m.date)})` : '';
  const unit = lookup?.documentUnit?.(first.documentId);
  const ofUnit = unit && !mentions(eventLabel(m), unit) ? ` của ${unit}` : '';
  const event = eventLabel(m).charAt(0).toLowerCase() + eventLabel(m).slice(1);
  const text = chair
    ? `${formatPeople(m.chairs)} ${m.chairs.length > 1 ? 'đồng chủ trì' : 'chủ trì'} ${event}${ofUnit}${when}`
    : speaker
      ? `Phát biểu, trình bày tại ${event}${ofUnit}${when}: ${formatPeople(m.speakers ?? []).replace(/^Đồng chí/, 'đồng chí')}`
      : `Dự ${event}${ofUnit}${when} có ${formatPeople(m.attendees).replace(/^Đồng chí/, 'đồng chí')}`;
  return { text, passageId: first.passageId, kind: intent.kind };
}

/** True when `text` already names the unit (its place or the unit words), folded. */
function mentions(text: string, unit: string): boolean {
  const t = foldText(text);
  const u = foldText(unit).replace(/^(?:dang uy|bo chi huy) /, '');
  return t.includes(u);
}

/**
 * Items of one document only: the first listed (best tier, best words) decides, so one answer never
 * merges two units' targets under one source. The other documents are named after it.
 */
function oneDocument<F extends Fact>(
  found: Array<StoredFact<F>>,
  lookup?: FactLookup,
): { items: Array<StoredFact<F>>; others: string[] } {
  const first = found[0];
  if (!first) return { items: [], others: [] };
  const others = [...new Set(found.filter((f) => f.documentId !== first.documentId).map((f) => f.documentId))]
    .map((id) => lookup?.documentUnit?.(id) ?? lookup?.documentTitle?.(id) ?? '')
    .filter(Boolean);
  return { items: found.filter((f) => f.documentId === first.documentId), others: [...new Set(others)] };
}

function yearListAnswer(
  intent: FactIntent,
  facts: StoredFact[],
  kind: 'target' | 'task',
  lookup?: FactLookup,
): FactAnswer | null {
  const own = facts.filter((f): f is StoredFact<TargetFact | TaskFact> => f.fact.kind === kind);
  let found = narrow(intent, own, lookup);
  if (found.length === 0) return null;
  let year = intent.year;
  if (year === undefined) {
    // Without a year, the latest year's list answers "chỉ tiêu là gì".
    const years = found.map((f) => f.fact.year).filter((y): y is number => y !== undefined);
    if (years.length > 0) {
      year = Math.max(...years);
      found = found.filter((f) => f.fact.year === year);
    }
  }
  const noun = kind === 'target' ? 'Chỉ tiêu' : 'Nhiệm vụ';
  const { items, others } = oneDocument(found, lookup);
  // The year said is the items' own: items that name none (found through their document's years)
  // are not said to be the asked year's.
  if (year !== undefined && items.some((f) => f.fact.year !== year)) year = undefined;
  const unit = items[0] ? lookup?.documentUnit?.(items[0].documentId) : null;
  const answer = list(
    `${year ? `${noun} năm ${year}` : noun}${unit ? ` của ${unit}` : ''}`,
    intent.kind,
    items,
    items.map((f) => f.fact.text),
  );
  if (others.length > 0) answer.others = others;
  return answer;
}

function deadlineAnswer(intent: FactIntent, facts: StoredFact[], lookup?: FactLookup): FactAnswer | null {
  const own = facts.filter((f): f is StoredFact<DeadlineFact> => f.fact.kind === 'deadline');
  const due = own.filter((f) => f.fact.due);
  const { items: found, others } = oneDocument(narrow(intent, due.length > 0 ? due : own, lookup), lookup);
  if (found.length === 0) return null;
  const answer = list(
    'Thời hạn',
    intent.kind,
    found,
    found.map((f) => describeFact(f.fact)),
  );
  if (others.length > 0) answer.others = others;
  return answer;
}

function documentNumberAnswer(
  intent: FactIntent,
  facts: StoredFact[],
  lookup?: FactLookup,
): FactAnswer | null {
  const own = facts.filter((f): f is StoredFact<DocumentNumberFact> => f.fact.kind === 'document-number');
  const found = narrow(intent, own, lookup);
  if (found.length === 0) return null;
  return list(
    'Số hiệu văn bản',
    intent.kind,
    found,
    found.map((f) => describeFact(f.fact)),
  );
}

/**
 * A direct, one-line answer from stored facts, or null when the facts do not answer the question
 * (the retriever then answers with passages as usual). Several matching meetings give candidates
 * instead of a guess; targets and tasks give the year's list in one line (and in full in `items`).
 */
export function answerFromFacts(
  intent: FactIntent,
  facts: StoredFact[],
  lookup?: FactLookup,
): FactAnswer | null {
  switch (intent.kind) {
    case 'chair':
    case 'attendee':
    case 'speaker':
      return meetingAnswer(intent, facts, lookup);
    case 'target':
      return yearListAnswer(intent, facts, 'target', lookup);
    case 'task':
      return yearListAnswer(intent, facts, 'task', lookup);
    case 'deadline':
      return deadlineAnswer(intent, facts, lookup);
    case 'document-number':
      return documentNumberAnswer(intent, facts, lookup);
    case 'signer':
      // Who signed is read from the document's signing block (see signerAnswer), not from facts.
      return null;
  }
}

/**
 * Who signed a document, from its signing block ("T/M ĐẢNG ỦY, BÍ THƯ, Đại tá Lê Văn Đồng"): "Người
 * ký: Đại tá Lê Văn Đồng (T/M ĐẢNG ỦY, BÍ THƯ)"; the citation says which document.
 */
export function signerAnswer(signature: { passageId: number; text: string }): FactAnswer | null {
  const parts = signature.text
    .split(/,\s+/)
    .map((x) => x.trim())
    .filter(Boolean);
  const name = parts.pop();
  if (!name || parts.length === 0) return null;
  return { text: `Người ký: ${name} (${parts.join(', ')})`, passageId: signature.passageId, kind: 'signer' };
}
