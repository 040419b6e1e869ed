/**
 * Builds src/profile/provinces.json from ../shared/reference/provinces.tsv: the 63 provincial-level
 * units before 1 July 2025, the unit each was merged into (`since2025`) and common variants.
 * Run: node -r tsx/cjs scripts/build-provinces.ts
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ProvinceEntry {
  name: string;
  kind: string;
  since2025: string;
  variants: string[];
}

function main(): void {
  const src = path.resolve(__dirname, '../../shared/reference/provinces.tsv');
  const rows = fs.readFileSync(src, 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
  const out: ProvinceEntry[] = rows.map((row) => {
    const [name = '', kind = '', since2025 = '', variants = ''] = row.split('\t');
    return {
      name: name.normalize('NFC').trim(),
      kind: kind.trim(),
      since2025: (since2025.trim() || name).normalize('NFC'),
      variants: variants
        .split(';')
        .map((v) => v.normalize('NFC').trim())
        .filter(Boolean),
    };
  });
  const dest = path.resolve(__dirname, '../src/profile/provinces.json');
  fs.writeFileSync(dest, `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`${out.length} provinces → ${dest}\n`);
}

main();
