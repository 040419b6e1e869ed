/**
 * Calendar arithmetic for digests in a chat's own IANA time zone, with Intl only (no extra dependency).
 * Local dates are 'YYYY-MM-DD' strings and local times 'HH:MM' (24-hour) throughout.
 */

export interface LocalDateTime {
  /** 'YYYY-MM-DD' */
  date: string;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone ("Asia/Ho_Chi_Minh", "Europe/Berlin", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function zonedFields(instant: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The wall-clock date and time of `instant` in `timeZone`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const f = zonedFields(instant, timeZone);
  return {
    date: `${f.year}-${pad2(f.month ?? 1)}-${pad2(f.day ?? 1)}`,
    hour: f.hour ?? 0,
    minute: f.minute ?? 0,
  };
}

/** The local calendar date ('YYYY-MM-DD') of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return toLocal(instant, timeZone).date;
}

/** A day: no time zone is further than this from UTC (they span −12 h to +14 h). */
const FURTHEST_OFFSET_MS = 24 * 3600 * 1000;

/**
 * The local year of `instant` in `timeZone`. More than a day from a new year in UTC it is the UTC
 * year in every time zone, so the calendar (whose first use costs a one-question `chithi ask` about
 * 30 ms) is consulted only around the turn of the year.
 */
export function localYear(instant: Date, timeZone: string): number {
  const t = instant.getTime();
  const year = instant.getUTCFullYear();
  if (t - Date.UTC(year, 0, 1) > FURTHEST_OFFSET_MS && Date.UTC(year + 1, 0, 1) - t > FURTHEST_OFFSET_MS)
    return year;
  return Number(localDate(instant, timeZone).slice(0, 4));
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (Asia/Ho_Chi_Minh: +7 h). */
function offsetMs(instant: Date, timeZone: string): number {
  const f = zonedFields(instant, timeZone);
  const asUtc = Date.UTC(
    f.year ?? 1970,
    (f.month ?? 1) - 1,
    f.day ?? 1,
    f.hour ?? 0,
    f.minute ?? 0,
    f.second ?? 0,
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`. Around a DST change a skipped
 * wall time resolves to one hour later and a repeated one to its second occurrence; digest times are
 * in working hours, far from the 02:00–03:00 changes.
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes: the offset at the first guess may differ from the offset at the answer around DST.
  const first = wall - offsetMs(new Date(wall), timeZone);
  const second = wall - offsetMs(new Date(first), timeZone);
  if (first === second) return new Date(first);
  return new Date(Math.max(first, second));
}

/** Days since 1970-01-01 for a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy', the way Vietnamese documents write dates. */
export function formatVietnameseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * Parses a digest time typed the way Vietnamese people write it, 24-hour: "7:30", "07:30", "7h30",
 * "7h", "7 giờ 30", "7 giờ", "19h", "7g30", "7.30", with "sáng" / "chiều" / "tối" ("5 giờ chiều" is
 * 17:00). Returns 'HH:MM' or null ("25:00", "7:5", "12:60" are rejected).
 */
export function parseDigestTime(value: string): string | null {
  const t = value.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  const m =
    /^(\d{1,2})\s*(?::|\.|h|g|giờ|gio)\s*(\d{2})?\s*(?:phút|phut|p)?(?:\s*(sáng|sang|trưa|trua|chiều|chieu|tối|toi))?$/u.exec(
      t,
    );
  if (!m) return null;
  // "7:" or "7." alone is not a time; "7h", "7 giờ" are.
  if (!m[2] && /[:.]/.test(t)) return null;
  let hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  const part = m[3];
  if (
    part &&
    /^(?:chi|to)/.test(part.normalize('NFD').replace(/[\u0300-\u036f]/g, '')) &&
    hour >= 1 &&
    hour < 12
  )
    hour += 12;
  if (part && /^tr/.test(part) && hour < 6) hour += 12;
  if (hour > 23 || minute > 59) return null;
  return `${pad2(hour)}:${pad2(minute)}`;
}

/** How a time zone is named to people: "giờ Việt Nam" for Asia/Ho_Chi_Minh, else "giờ <zone>". */
export function timezoneLabel(timezone: string): string {
  return timezone === 'Asia/Ho_Chi_Minh' || timezone === 'Asia/Saigon' ? 'giờ Việt Nam' : `giờ ${timezone}`;
}
