import { DocumentProfile } from './profile';
import { mergedInto, provinceByName } from './places';

/** "23/12/2024" from "2024-12-23"; "12/2024" from "2024-12". */
export function displayDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return d ? `${Number(d)}/${Number(m)}/${y}` : `${Number(m)}/${y}`;
}

/**
 * One line saying what a document is, for `/tailieu` and `chithi docs`: "Nghị quyết · số 306-NQ/ĐU
 * · 23/12/2024 · Đảng ủy BĐBP tỉnh Kiên Giang (nay thuộc An Giang) · kết quả năm 2024 · kế hoạch năm 2025".
 */
export function describeProfile(p: DocumentProfile): string {
  const parts: string[] = [];
  if (p.kind) parts.push(p.kind === 'tin' ? 'Tin, bài' : p.kind.charAt(0).toUpperCase() + p.kind.slice(1));
  if (p.number) parts.push(`số ${p.number}`);
  if (p.date) parts.push(displayDate(p.date));
  const province = p.provinces[0];
  const now = province ? provinceByName(province)?.since2025 : undefined;
  const merged = province && now && now !== province && mergedInto(now).some((x) => x.name === province);
  if (p.unit) parts.push(`${p.unit}${merged ? ` (nay thuộc ${now})` : ''}`);
  else if (province) parts.push(`${province}${merged ? ` (nay thuộc ${now})` : ''}`);
  if (p.reviewedYears.length) parts.push(`kết quả năm ${p.reviewedYears.join(', ')}`);
  if (p.periods.length) parts.push(p.periods.join(', '));
  if (p.planYears.length) parts.push(`kế hoạch năm ${p.planYears.join(', ')}`);
  if (p.term) parts.push(`nhiệm kỳ ${p.term}`);
  return parts.join(' · ');
}

/** "số 125-NQ/ĐU, 20/12/2024" or "20/12/2024": how people cite a document besides its title. */
export function documentReference(p: DocumentProfile): string | null {
  const parts = [p.number ? `số ${p.number}` : null, p.date ? displayDate(p.date) : null].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}
