import type { DocumentNumberFact } from './types';
import { folded, foldText } from './fold';
import { findDates } from './dates';
import { matchesOf } from '../text/matches';

/** "62/NQ-HĐND", "03/CT-TTg", "25/NQ-CP", "45-NQ/TW", "12/2024/NĐ-CP", "1234/QĐ-UBND". */
const NUMBER_RE =
  /(?<![\p{L}\d/-])(\d{1,5}(?:\/(?:19|20)\d\d)?[/-]([A-ZĐ]{1,5}[a-z]{0,2})(?:[-/][A-ZĐ][A-Za-zĐđ0-9]{0,9})+)(?![\p{L}\d])/gu;

const DOC_TYPES: Record<string, string> = {
  NQ: 'Nghị quyết',
  CT: 'Chỉ thị',
  QĐ: 'Quyết định',
  KH: 'Kế hoạch',
  NĐ: 'Nghị định',
  TT: 'Thông tư',
  KL: 'Kết luận',
  CV: 'Công văn',
  TB: 'Thông báo',
  BC: 'Báo cáo',
  HD: 'Hướng dẫn',
  QC: 'Quy chế',
  QH: 'Luật',
  CĐ: 'Công điện',
};

const ISSUERS: Record<string, string> = {
  HĐND: 'Hội đồng nhân dân',
  UBND: 'Ủy ban nhân dân',
  CP: 'Chính phủ',
  TTg: 'Thủ tướng Chính phủ',
  TW: 'Ban Chấp hành Trung ương',
  BQP: 'Bộ Quốc phòng',
  BCA: 'Bộ Công an',
  BTL: 'Bộ Tư lệnh',
  QH: 'Quốc hội',
};

const TYPE_WORDS =
  /(nghi quyet|chi thi|quyet dinh|ke hoach|nghi dinh|thong tu|ket luan|cong van|thong bao|bao cao|huong dan|quy che|luat|cong dien)(?: so)?\s*$/;

/**
 * Document numbers of a block, with the document type, issuer and date when they are written next
 * to the number ("Nghị quyết số 62/NQ-HĐND ngày 10/12/2024 của HĐND tỉnh Ninh Thuận").
 */
export function extractDocumentNumbers(text: string, year?: number): DocumentNumberFact[] {
  const out: DocumentNumberFact[] = [];
  // Every number (NUMBER_RE) has a digit just before "/" or "-": most blocks have none.
  if (!/\d[/-]/.test(text)) return out;
  const f = folded(text);
  for (const m of matchesOf(NUMBER_RE, f.text)) {
    const num = m[1] as string;
    const code = (m[2] as string).toUpperCase() === 'TTG' ? 'TTg' : (m[2] as string);
    const parts = num.split(/[-/]/).filter((p) => /\p{L}/u.test(p));
    const typeCode = parts[0] ?? code;
    const issuerCode = parts[parts.length - 1] ?? '';
    const before = f.fold.slice(Math.max(0, m.index - 30), m.index);
    const typeWord = TYPE_WORDS.exec(before);
    const typeStart = typeWord ? m.index - (before.length - typeWord.index) : -1;
    const docType = typeWord
      ? capitalizeFirst(f.text.slice(typeStart, typeStart + (typeWord[1] as string).length))
      : DOC_TYPES[typeCode];
    const end = m.index + num.length;
    const after = { text: f.text.slice(end, end + 160), fold: f.fold.slice(end, end + 160) };
    const dateM = /^\s*,?\s*ngay /.test(after.fold) ? findDates(after, year)[0] : undefined;
    const date = dateM && dateM.start < 12 ? dateM.date : undefined;
    const issuerFrom = dateM && dateM.start < 12 ? dateM.end : 0;
    const issuerM =
      /^\s*,?\s*cua ([^,.;()]{3,80}?)(?=\s(?:ve|quy dinh|huong dan|phe duyet|ban hanh|thong qua)\b|[,.;()]|$)/.exec(
        after.fold.slice(issuerFrom),
      );
    const issuer = issuerM
      ? after.text
          .slice(
            issuerFrom + issuerM.index + issuerM[0].length - (issuerM[1] as string).length,
            issuerFrom + issuerM.index + issuerM[0].length,
          )
          .trim()
      : ISSUERS[issuerCode];
    const fact: DocumentNumberFact = {
      kind: 'document-number',
      number: num,
      ...(docType ? { docType } : {}),
      ...(issuer ? { issuer } : {}),
      ...(date ? { date } : {}),
    };
    const same = out.find((o) => foldText(o.number) === foldText(num));
    if (same) Object.assign(same, { ...fact, ...same });
    else out.push(fact);
  }
  return out;
}

function capitalizeFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
