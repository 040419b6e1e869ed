import type { StatementKind } from './statement';
/** Facts extracted from documents at ingest. Each is linked to the passage it came from. */

export type FactKind = 'meeting' | 'target' | 'task' | 'deadline' | 'document-number';

/** A date that may be partial ("Sáng 3/12" → day and month only; "quý IV/2025" → quarter). */
export interface PartialDate {
  year?: number;
  month?: number;
  day?: number;
  /** 1-4 when the text names a quarter. */
  quarter?: number;
  /**
   * A date that comes back: "ngày 20 hằng tháng" (every month, `day`), "ngày 20 tháng cuối quý"
   * (every quarter's last month, `day`), "ngày 15/12 hằng năm" (every year, `day` and `month`). `year`
   * is then the year the text is about: the one in which it applies.
   */
  every?: 'month' | 'quarter' | 'year';
  /** The phrase as written, e.g. "trước ngày 15/12/2025", "dịp Tết Nguyên đán". */
  text: string;
}

export interface Person {
  /** Honorific as a canonical lower-case word when written: "đồng chí" (also for "đ/c"), "ông", "bà". */
  honorific?: string;
  /** Name with diacritics and capitalization kept, without rank or honorific: "Ngô Văn Lãng". */
  name: string;
  /**
   * Military or police rank, or an academic or professional title, as written before the name:
   * "Đại tá", "PGS.TS", "BSCKII" (answers read "PGS.TS Nguyễn Văn Hùng, Giám đốc Sở Y tế").
   */
  rank?: string;
  /** Roles as written: ["Bí thư Đảng ủy", "Chính ủy BĐBP tỉnh"]. */
  roles: string[];
}

export interface MeetingFact {
  kind: 'meeting';
  /** hội nghị, kỳ họp, đại hội, lễ, hội thảo … */
  eventType: string;
  /** The event's name as written when there is one ("Hội nghị Ban Chấp hành Đảng bộ …"). */
  eventName?: string;
  date?: PartialDate;
  chairs: Person[];
  attendees: Person[];
  /** Who spoke: "phát biểu (chỉ đạo)", "trình bày báo cáo" (not chairing for that). */
  speakers?: Person[];
}

export interface TargetFact {
  kind: 'target';
  /** The statement, trimmed to the target itself. */
  text: string;
  /** Numbers as written: ["100%"], ["9–9,5%"]. */
  values: string[];
  year?: number;
}

export interface TaskFact {
  kind: 'task';
  text: string;
  year?: number;
  /** Who it is given to, when the text says ("Phòng Tham mưu", "Sở Tài chính"). */
  assignee?: string;
  /** The heading the task was listed under, when there is one ("Nhiệm vụ trọng tâm"). */
  section?: string;
}

export interface DeadlineFact {
  kind: 'deadline';
  /** The sentence or clause that carries the date. */
  text: string;
  date: PartialDate;
  /** True when the text sets a time limit ("trước ngày …", "chậm nhất …", "hoàn thành trong quý IV"). */
  due?: boolean;
  /** What kind of statement carries the date (a deadline, a task; or a result, an event: not reminders). */
  statement?: StatementKind;
  /** Who must meet it, when the text says. */
  assignee?: string;
}

export interface DocumentNumberFact {
  kind: 'document-number';
  /** "62/NQ-HĐND" */
  number: string;
  /** "Nghị quyết", "Chỉ thị" … when known. */
  docType?: string;
  issuer?: string;
  date?: PartialDate;
}

export type Fact = MeetingFact | TargetFact | TaskFact | DeadlineFact | DocumentNumberFact;

/** A fact as stored: with its id, its passage and its document. */
export interface StoredFact<F extends Fact = Fact> {
  id: number;
  documentId: number;
  passageId: number;
  fact: F;
}

/** The year a fact is about, for filtering: its own year, else its date's. */
export function factYear(fact: Fact): number | null {
  switch (fact.kind) {
    case 'target':
    case 'task':
      return fact.year ?? null;
    case 'meeting':
    case 'document-number':
      return fact.date?.year ?? null;
    case 'deadline':
      return fact.date.year ?? null;
  }
}

/** A fact as the facts table stores it: its kind and year to filter by, the fact itself as JSON. */
export interface FactColumns {
  kind: FactKind;
  year: number | null;
  data: string;
}

export function factColumns(fact: Fact): FactColumns {
  return { kind: fact.kind, year: factYear(fact), data: JSON.stringify(fact) };
}
