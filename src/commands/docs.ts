import type { App } from '../app';
import { describeProfile } from '../profile/describe';

export const DOCS_HELP = `chithi docs [--index THƯ_MỤC] [--json]
  Liệt kê tài liệu đã nạp và điều đọc được về mỗi tài liệu: loại, số hiệu, ngày, đơn vị, địa bàn,
  năm tổng kết và năm kế hoạch. Câu hỏi nêu đơn vị, địa bàn, năm nào thì được trả lời từ tài liệu đó.
  --json  mỗi dòng một tài liệu dạng JSON (id, file, title, passages, profile)`;

/** `chithi docs`: every document with its profile, as lines for people or JSON lines. */
export function runDocs(app: App, opts: { json: boolean }, out: (s: string) => void): number {
  const docs = app.documents();
  if (docs.length === 0) {
    out(`Chỉ mục ${app.config.indexDir} chưa có tài liệu nào; hãy chạy "npx chithi ingest".`);
    return 0;
  }
  docs.forEach((d, i) => {
    if (opts.json) {
      out(
        JSON.stringify({
          id: d.id,
          file: d.file,
          title: d.title,
          passages: d.passages,
          format: d.format,
          ocr: d.ocr,
          profile: d.profile,
        }),
      );
      return;
    }
    const about = describeProfile(d.profile);
    out(`${i + 1}. ${d.title}`);
    if (about) out(`   ${about}`);
    out(`   ${d.passages} đoạn · ${d.file}${d.ocr ? ' · bản quét OCR' : ''}`);
  });
  return 0;
}
