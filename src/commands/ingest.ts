import { App } from '../app';
import { IngestReport } from '../ingest/ingest';
import { createIngestProgress, ProgressStream } from './progress';

/** A short Vietnamese summary of an ingest run, one line per category that is not empty. */
export function formatIngestReport(r: IngestReport): string {
  const lines = [
    `Đã nạp: ${r.added.length} tệp mới, ${r.changed.length} tệp thay đổi, ${r.unchanged.length} tệp không đổi, ` +
      `${r.removed.length} tệp đã xóa, ${r.failed.length} tệp lỗi; ${r.passages} đoạn được ghi.`,
  ];
  for (const n of r.notes) lines.push(`  Ghi chú ${n.file}: ${n.notes.join('; ')}`);
  for (const f of r.failed) lines.push(`  Lỗi: ${f.message}`);
  if (r.skipped.length) lines.push(`  Bỏ qua (không phải tài liệu hỗ trợ): ${r.skipped.join(', ')}`);
  const t = r.stages;
  if (t && r.added.length + r.changed.length > 0) {
    const s = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(1).replace('.', ',')} s`;
    lines.push(
      `  Thời gian: ${t.totalMs !== undefined ? `${s(t.totalMs)} (` : ''}đọc tệp ${s(t.readMs)} · ` +
        `tách đoạn ${s(t.parseMs)} · ghi SQLite ${s(t.writeMs)} · ` +
        `dữ kiện ${s(t.factsMs)} · chỉ mục từ khóa ${s(t.keywordMs)}` +
        (t.vectorsMs !== undefined ? ` · vectơ ${s(t.vectorsMs)}` : '') +
        // In worker threads, parsing and facts overlap with the rest: their figures are work, not waiting.
        (t.workers ? `; tách đoạn và dữ kiện chạy song song trên ${t.workers} luồng` : '') +
        (t.totalMs !== undefined ? ')' : ''),
    );
  }
  return lines.join('\n');
}

export async function runIngest(
  app: App,
  paths: string[],
  prune: boolean,
  err: (s: string) => void,
  progressStream?: ProgressStream,
): Promise<number> {
  const progress = progressStream ? createIngestProgress(progressStream) : undefined;
  let report: IngestReport;
  try {
    report = await app.ingest(paths.length ? paths : undefined, {
      prune,
      ...(progress
        ? { onStart: progress.onStart, onFile: progress.onFile, onVectors: progress.onVectors }
        : {}),
    });
  } finally {
    progress?.finish();
  }
  err(formatIngestReport(report));
  return report.failed.length > 0 &&
    report.added.length + report.changed.length + report.unchanged.length === 0
    ? 1
    : 0;
}
