/**
 * Builds src/text/abbreviations.json from ../shared/reference/abbreviations.tsv and a few common
 * abbreviations it does not list (EXTRA).
 *
 * Curation (from the reference's notes):
 * - Conflicts with generic lists (BTV, CT-TTg, CTĐ, ĐBP) are resolved to the domain meaning: we only
 *   ever take the reference's expansion, never a generic list's.
 * - Document-number suffixes (NQ-CP, CT-TTg, NQ/TW, KL/TW, KH-UBND, NQ-HĐND) are not expanded: in
 *   questions they are parts of document numbers ("62/NQ-HĐND"), and expanding them would flood
 *   the query with "nghị quyết".
 * - English glosses in parentheses are dropped; "A / B" alternatives become separate expansions.
 * Run: node -r tsx/cjs scripts/build-abbreviations.ts
 */
import fs from 'node:fs';
import path from 'node:path';

const SKIP = new Set(['NQ-CP', 'CT-TTg', 'NQ/TW', 'KL/TW', 'KH-UBND', 'NQ-HĐND', 'QH15']);

/**
 * Abbreviations the reference does not list that officers write in reports and type in questions
 * (health, disaster, defence and administration), added by this project; the reference wins when
 * it lists the same form.
 */
const EXTRA: ReadonlyArray<[string, string]> = [
  ['BHYT', 'bảo hiểm y tế'],
  ['BHXH', 'bảo hiểm xã hội'],
  ['CDC', 'Trung tâm Kiểm soát bệnh tật'],
  ['PCTT', 'phòng, chống thiên tai'],
  ['PCCC', 'phòng cháy, chữa cháy'],
  ['KVPT', 'khu vực phòng thủ'],
  ['CBCS', 'cán bộ, chiến sĩ'],
  ['CCHC', 'cải cách hành chính'],
  ['NTM', 'nông thôn mới'],
  ['ATGT', 'an toàn giao thông'],
  // Units of the two-level local government and the mass organizations (eleventh session).
  ['CAX', 'công an xã'],
  ['HND', 'hội nông dân'],
  ['LHPN', 'liên hiệp phụ nữ'],
  ['CCB', 'cựu chiến binh'],
  ['LĐLĐ', 'liên đoàn lao động'],
  ['TNCS', 'thanh niên cộng sản'],
  ['GPMB', 'giải phóng mặt bằng'],
];

export interface AbbreviationEntry {
  forms: string[];
  expansions: string[];
}

function main(): void {
  const src = path.resolve(__dirname, '../../shared/reference/abbreviations.tsv');
  const rows = fs.readFileSync(src, 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
  const listed = new Set(rows.map((r) => r.split('\t')[0]));
  rows.push(
    ...EXTRA.filter(([abbr]) => !listed.has(abbr)).map(([abbr, expansion]) => `${abbr}\t${expansion}`),
  );
  const entries: AbbreviationEntry[] = [];
  for (const row of rows) {
    const [abbr = '', expansion = ''] = row.split('\t');
    if (!abbr || SKIP.has(abbr)) continue;
    const forms = abbr
      .split(/\s*\/\s*/)
      .map((f) => f.replace(/"[^"]*"/g, '').trim())
      .filter((f, i, all) => f && all.indexOf(f) === i);
    // "Mặt trận Tổ quốc (Việt Nam)" → both with and without the optional part.
    const cleaned = expansion.replace(/\s*\([A-Za-z][A-Za-z ,-]*\)/g, '').trim();
    const expansions = new Set<string>();
    for (const alt of cleaned.split(/\s+\/\s+/)) {
      const opt = /^(.*)\(([^)]*)\)(.*)$/.exec(alt);
      if (opt) {
        expansions.add(`${opt[1]}${opt[3]}`.replace(/\s+/g, ' ').trim());
        expansions.add(`${opt[1]}${opt[2]}${opt[3]}`.replace(/\s+/g, ' ').trim());
      } else {
        expansions.add(alt.replace(/\s+/g, ' ').trim());
      }
    }
    // "công tác đảng, công tác chính trị" for "CTĐ, CTCT": pair forms with expansions in order.
    if (forms.length === 1 && forms[0]!.includes(',')) {
      const fs2 = forms[0]!.split(/\s*,\s*/);
      const ex = [...expansions][0]!.split(/\s*,\s*/);
      fs2.forEach((f, i) => entries.push({ forms: [f], expansions: [ex[i] ?? ex[0]!] }));
      continue;
    }
    entries.push({ forms, expansions: [...expansions].filter(Boolean) });
  }
  const out = path.resolve(__dirname, '../src/text/abbreviations.json');
  fs.writeFileSync(out, JSON.stringify(entries, null, 1) + '\n');
  console.log(`${entries.length} abbreviations → ${path.relative(process.cwd(), out)}`);
}

if (require.main === module) main();
