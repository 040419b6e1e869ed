import type { StatementKind } from './statement';
import type { Fact, FactKind, MeetingFact, PartialDate, Person, StoredFact } from './types';

/** Where a fact comes from, as shown next to it. */
export interface FactSource {
  title: string;
  file: string;
  /** 1-based paragraph number in the document. */
  paragraph: number;
}

/** "3/12/2024", "quý IV/2025", or the phrase as written when it has no day or quarter. */
export function formatDate(d: PartialDate): string {
  // A date that comes back reads as written ("trước ngày 20 hằng tháng").
  if (d.every) return d.text;
  if (d.day && d.month) return `${d.day}/${d.month}${d.year ? `/${d.year}` : ''}`;
  if (d.quarter) return `quý ${['I', 'II', 'III', 'IV'][d.quarter - 1]}${d.year ? `/${d.year}` : ''}`;
  if (
    d.month &&
    /thang/.test(
      d.text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase(),
    )
  )
    return `tháng ${d.month}${d.year ? `/${d.year}` : ''}`;
  return d.text;
}

/** "Đồng chí Ngô Văn Lãng, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh"; "Đại tá Trần Văn Hùng, Chỉ huy trưởng …". */
export function formatPerson(p: Person, first = true): string {
  const lead = p.rank ?? (p.honorific === 'ông' ? 'ông' : p.honorific === 'bà' ? 'bà' : 'đồng chí');
  const head = `${first ? lead.charAt(0).toUpperCase() + lead.slice(1) : lead} ${p.name}`;
  return [head, ...p.roles].join(', ');
}

export function formatPeople(people: Person[]): string {
  return people.map((p, i) => formatPerson(p, i === 0)).join('; ');
}

/** The event as it reads after a verb: its name as written, else its type ("hội nghị"). */
export function eventLabel(m: MeetingFact): string {
  return m.eventName ?? m.eventType;
}

/**
 * "Hội nghị …" → "hội nghị …" inside a sentence. A first word written in capitals ("HỘI NGHỊ", "BĐBP")
 * stays as written: lowering only its first letter would give "hỘI".
 */
function lowerFirst(s: string): string {
  const firstWord = /^[\p{L}\p{M}]+/u.exec(s)?.[0] ?? '';
  if (firstWord.length > 1 && firstWord === firstWord.toUpperCase()) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** One line per meeting: who chaired it, else who attended it. */
export function describeMeeting(m: MeetingFact): string {
  const when = m.date ? ` (${formatDate(m.date)})` : '';
  if (m.chairs.length > 0) {
    const verb = m.chairs.length > 1 ? 'đồng chủ trì' : 'chủ trì';
    return `${formatPeople(m.chairs)} ${verb} ${lowerFirst(eventLabel(m))}${when}`;
  }
  return `Dự ${lowerFirst(eventLabel(m))}${when} có ${lowerFirst(formatPeople(m.attendees))}`;
}

/** A one-line, plain-text description of any fact. */
export function describeFact(fact: Fact): string {
  switch (fact.kind) {
    case 'meeting':
      return describeMeeting(fact);
    case 'target':
      return `${fact.year ? `[${fact.year}] ` : ''}${fact.text}`;
    case 'task':
      return `${fact.year ? `[${fact.year}] ` : ''}${fact.text}${assigned(fact.text, fact.assignee)}`;
    case 'deadline': {
      // What kind of statement carries the date: a result or a meeting held is no time limit.
      const kind =
        fact.statement && fact.statement !== 'deadline' && fact.statement !== 'task'
          ? ` [${STATEMENT_LABELS[fact.statement]}]`
          : fact.due
            ? ''
            : ' [mốc thời gian]';
      return `${fact.date.text}${fact.date.year && !fact.date.text.includes(String(fact.date.year)) ? ` (${fact.date.year})` : ''}: ${fact.text}${assigned(fact.text, fact.assignee)}${kind}`;
    }
    case 'document-number': {
      const parts = [`${fact.docType ?? 'Văn bản'} số ${fact.number}`];
      if (fact.date) parts.push(`ngày ${formatDate(fact.date)}`);
      if (fact.issuer) parts.push(`của ${fact.issuer}`);
      return parts.join(' ');
    }
  }
}

/** " — giao: Phòng Tham mưu", unless the text opens with who. */
function assigned(text: string, who: string | undefined): string {
  return who && !text.startsWith(who) ? ` — giao: ${who}` : '';
}

const STATEMENT_LABELS: Record<StatementKind, string> = {
  result: 'kết quả đã đạt',
  target: 'chỉ tiêu',
  task: 'nhiệm vụ',
  deadline: 'thời hạn',
  event: 'sự kiện đã diễn ra',
  heading: 'tiêu đề',
  other: 'mốc thời gian',
};

const HEADINGS: Record<FactKind, string> = {
  meeting: 'Hội nghị, sự kiện và người chủ trì',
  target: 'Chỉ tiêu',
  task: 'Nhiệm vụ, phương hướng',
  deadline: 'Thời hạn và mốc thời gian',
  'document-number': 'Số hiệu văn bản',
};

/** Vietnamese heading of a fact kind, for lists and the `facts` command. */
export function factKindHeading(kind: FactKind): string {
  return HEADINGS[kind];
}

/** "Nguồn: Nghị quyết … (tệp bdbp.txt), đoạn 3". */
export function formatSource(s: FactSource): string {
  return `Nguồn: ${s.title} (${s.file}), đoạn ${s.paragraph}`;
}

/**
 * Numbered plain-text lines for the bot's /chutri, /chitieu, /nhiemvu lists and the `facts` command:
 * a heading, then one line per fact followed by its source. No HTML: the bot escapes.
 */
export function formatFactList(
  kind: FactKind,
  items: StoredFact[],
  sources: Map<number, FactSource>,
): string[] {
  const own = items.filter((i) => i.fact.kind === kind);
  if (own.length === 0) return [`${factKindHeading(kind)}: chưa có dữ kiện nào.`];
  const lines = [`${factKindHeading(kind)} (${own.length}):`];
  own.forEach((item, i) => {
    lines.push(`${i + 1}. ${describeFact(item.fact)}`);
    const src = sources.get(item.passageId);
    if (src) lines.push(`   ${formatSource(src)}`);
  });
  return lines;
}

/**
 * The other documents that hold such facts, under a direct answer (other units' targets for "chỉ tiêu
 * 2025"), in plain text: the first three by name, then how many more. Null when there are none.
 */
export function otherDocumentsLine(others: readonly string[] | undefined): string | null {
  if (!others || others.length === 0) return null;
  const more = others.length > 3 ? ` và ${others.length - 3} tài liệu khác` : '';
  return `Tài liệu khác cũng có nội dung này: ${others.slice(0, 3).join('; ')}${more}`;
}
