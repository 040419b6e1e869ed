import type { Database } from 'better-sqlite3';
import type { FactKind } from '../facts/types';
import { factKindHeading, formatFactList } from '../facts/format';
import { factSources, listFacts } from '../store/facts';

const KINDS: FactKind[] = ['meeting', 'target', 'task', 'deadline', 'document-number'];

export const FACTS_USAGE = [
  'Cách dùng: npx chithi facts [--index THƯ_MỤC] [--json] [--kind LOẠI] [--year NĂM]',
  '',
  'In mọi dữ kiện đã trích từ tài liệu (người chủ trì, người dự, chỉ tiêu, nhiệm vụ, thời hạn, số hiệu văn bản) để rà soát.',
  '  --index THƯ_MỤC  thư mục chỉ mục (mặc định theo cấu hình INDEX_DIR)',
  '  --json           mỗi dòng một dữ kiện dạng JSON',
  `  --kind LOẠI      chỉ in một loại: ${KINDS.join(', ')}`,
  '  --year NĂM       chỉ in dữ kiện của một năm',
  '  --help           in hướng dẫn này',
];

interface FactsArgs {
  json: boolean;
  kind?: FactKind;
  year?: number;
}

function parseArgs(argv: string[]): FactsArgs | 'help' | string {
  const args: FactsArgs = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--help' || a === '-h') return 'help';
    if (a === '--json') args.json = true;
    else if (a === '--index') {
      // The index directory is opened by the caller; here it only has to be present.
      if (argv[i + 1] === undefined) return 'Thiếu đường dẫn sau --index.';
      i++;
    } else if (a === '--kind') {
      const k = argv[++i];
      if (!k || !KINDS.includes(k as FactKind))
        return `Loại dữ kiện không hợp lệ: ${k ?? '(trống)'}. Chọn một trong: ${KINDS.join(', ')}.`;
      args.kind = k as FactKind;
    } else if (a === '--year') {
      const y = Number(argv[++i]);
      if (!Number.isInteger(y) || y < 1900 || y > 2100) return `Năm không hợp lệ: ${argv[i] ?? '(trống)'}.`;
      args.year = y;
    } else return `Không hiểu tham số: ${a}`;
  }
  return args;
}

/**
 * `npx chithi facts`: prints every extracted fact with its source, grouped by kind, or one JSON
 * object per line with --json. Returns the exit code: 0, or 2 on a usage error.
 */
export async function factsCommand(
  argv: string[],
  deps: { db: Database; out: (line: string) => void },
): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed === 'help') {
    FACTS_USAGE.forEach((l) => deps.out(l));
    return 0;
  }
  if (typeof parsed === 'string') {
    deps.out(parsed);
    deps.out(FACTS_USAGE[0] as string);
    return 2;
  }
  const facts = listFacts(deps.db, {
    ...(parsed.kind ? { kind: parsed.kind } : {}),
    ...(parsed.year !== undefined ? { year: parsed.year } : {}),
  });
  const sources = factSources(
    deps.db,
    facts.map((f) => f.passageId),
  );
  if (parsed.json) {
    for (const f of facts)
      deps.out(JSON.stringify({ ...f, kind: f.fact.kind, source: sources.get(f.passageId) ?? null }));
    return 0;
  }
  if (facts.length === 0) {
    deps.out('Chưa có dữ kiện nào. Hãy nạp tài liệu bằng "npx chithi ingest" trước.');
    return 0;
  }
  const kinds = parsed.kind ? [parsed.kind] : KINDS.filter((k) => facts.some((f) => f.fact.kind === k));
  kinds.forEach((kind, i) => {
    if (i > 0) deps.out('');
    formatFactList(kind, facts, sources).forEach((l) => deps.out(l));
  });
  deps.out('');
  deps.out(
    `Tổng cộng ${facts.length} dữ kiện (${kinds.map((k) => `${factKindHeading(k).toLowerCase()}: ${facts.filter((f) => f.fact.kind === k).length}`).join('; ')}).`,
  );
  return 0;
}
