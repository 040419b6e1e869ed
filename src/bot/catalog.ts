import { displayDate } from '../profile/describe';
import { sameNumber } from '../search/scoping';
import type { DocumentSummary } from './context';

/**
 * What the loaded documents hold, for /start, /help and /moi: counts, units, years, example
 * questions built from the documents themselves, and the newest documents by their own date.
 */

/** "Đảng ủy BĐBP tỉnh Ninh Thuận" → how a question names it ("BĐBP tỉnh Ninh Thuận"). */
export function askedUnit(unit: string): string {
  return unit.replace(/^(?:Đảng ủy|Đảng uỷ|Ban Thường vụ|Thường trực)\s+(?=\S)/u, '').trim();
}

export interface Holdings {
  documents: number;
  /** Units with their number of documents, most first. */
  units: Array<{ unit: string; documents: number }>;
  /** Smallest and largest year the documents cover, or null. */
  years: [number, number] | null;
}

export function holdings(docs: readonly DocumentSummary[]): Holdings {
  const byUnit = new Map<string, number>();
  let min = Infinity;
  let max = -Infinity;
  for (const d of docs) {
    const unit = d.profile?.unit;
    if (unit) byUnit.set(unit, (byUnit.get(unit) ?? 0) + 1);
    for (const y of d.profile?.years ?? []) {
      min = Math.min(min, y);
      max = Math.max(max, y);
    }
  }
  const units = [...byUnit]
    .map(([unit, documents]) => ({ unit, documents }))
    .sort((a, b) => b.documents - a.documents || a.unit.localeCompare(b.unit, 'vi'));
  return { documents: docs.length, units, years: Number.isFinite(min) ? [min, max] : null };
}

/** The newest first: by the document's own date (or, without one, when it was added). */
function byDateDesc(a: DocumentSummary, b: DocumentSummary): number {
  const da = a.profile?.date ?? a.addedAt.slice(0, 10);
  const db = b.profile?.date ?? b.addedAt.slice(0, 10);
  return db.localeCompare(da) || b.id - a.id;
}

/**
 * Up to `n` questions a person could ask of these documents, each about a different document and
 * naming its unit and year: a plan's targets, a review's results, who signed a numbered document.
 */
export function exampleQuestions(docs: readonly DocumentSummary[], n = 3): string[] {
  const out: string[] = [];
  const used = new Set<number>();
  const sorted = [...docs].sort(byDateDesc);
  // A document not used yet first, so the examples show the range of what is held.
  const take = (make: (d: DocumentSummary) => string | null) => {
    for (const fresh of [true, false])
      for (const d of sorted) {
        if (out.length >= n || (fresh && used.has(d.id))) continue;
        const q = make(d);
        if (!q) continue;
        out.push(q);
        used.add(d.id);
        return;
      }
  };
  take((d) => {
    const p = d.profile;
    const year = p?.planYears.at(-1);
    return p?.unit && year ? `chỉ tiêu năm ${year} của ${askedUnit(p.unit)} là gì?` : null;
  });
  take((d) => {
    const p = d.profile;
    const year = p?.reviewedYears.at(-1);
    return p?.unit && year ? `năm ${year} ${askedUnit(p.unit)} đạt kết quả gì?` : null;
  });
  take((d) => {
    const p = d.profile;
    return p?.kind && p.number && p.kind !== 'tin' ? `${p.kind} số ${p.number} do ai ký?` : null;
  });
  return out;
}

/** A filter for /moi: a document number ("218-NQ"), a year ("2025") or a month ("12/2024"). */
export interface RecentFilter {
  number?: string;
  year?: number;
  month?: string;
}

/** Reads /moi's argument; null when it is none of a number, a year or a month. */
export function parseRecentFilter(arg: string): RecentFilter | null {
  const t = arg.normalize('NFC').trim();
  if (!t) return {};
  const month = /^(\d{1,2})\s*[/-]\s*((?:19|20)\d\d)$/.exec(t);
  if (month) {
    const m = Number(month[1]);
    return m >= 1 && m <= 12 ? { month: `${month[2]}-${String(m).padStart(2, '0')}` } : null;
  }
  const year = /^(?:năm\s+)?((?:19|20)\d\d)$/iu.exec(t);
  if (year) return { year: Number(year[1]) };
  const number = /^(?:số\s*:?\s*)?(\d{1,5}(?:\s*[-/]\s*[\p{L}\d.]+)*)$/iu.exec(t);
  if (number) return { number: number[1]!.replace(/\s+/g, '') };
  return null;
}

/** The newest documents matching the filter, at most `n`. */
export function recentDocuments(
  docs: readonly DocumentSummary[],
  filter: RecentFilter,
  n = 5,
): DocumentSummary[] {
  return docs
    .filter((d) => {
      const p = d.profile;
      if (filter.number) {
        if (!sameNumber(p?.number ?? '', filter.number)) return false;
      }
      const date = p?.date ?? null;
      if (filter.year && !(date?.startsWith(String(filter.year)) || p?.years.includes(filter.year)))
        return false;
      if (filter.month && !date?.startsWith(filter.month)) return false;
      return true;
    })
    .sort(byDateDesc)
    .slice(0, n);
}

/** "Nghị quyết số 218-NQ/ĐU, 19/12/2024" or the title, for a one-line list. */
export function documentLine(d: DocumentSummary): string {
  const p = d.profile;
  const parts = [
    p?.kind && p.number ? `${p.kind.charAt(0).toUpperCase()}${p.kind.slice(1)} số ${p.number}` : null,
    p?.date ? displayDate(p.date) : null,
    p?.unit ?? null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : d.title;
}
