import fs from 'node:fs';
import path from 'node:path';
import { ingestPaths } from '../../src/ingest/ingest';
import { SearchEngine } from '../../src/search/retriever';
import { Db, openDatabase } from '../../src/store/db';
import { makeTempDir, TempDir } from '../helpers/temp-dir';

// Two reports written for this test: a plan that assigns tasks under numbered unit headings (one
// unit's heading named in another unit's items), and a year-end review that states last year's
// results and next year's targets in the same words.
const PLAN = `ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH
Số: 215/KH-UBND
Hà Tĩnh, ngày 12 tháng 01 năm 2026

KẾ HOẠCH
Phòng, chống dịch bệnh gia súc, gia cầm năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Chủ động phòng ngừa, phát hiện sớm và khống chế kịp thời dịch bệnh, không để lây lan diện rộng.

II. NHIỆM VỤ CỤ THỂ
1. Sở Nông nghiệp và Môi trường:
- Chủ trì tổ chức tiêm phòng vắc xin lở mồm long móng đạt 80% tổng đàn trở lên.
- Phối hợp với Bộ Chỉ huy Quân sự tỉnh kiểm tra các chốt kiểm dịch động vật trên các tuyến giao thông.
2. Bộ Chỉ huy Quân sự tỉnh:
- Huy động dân quân hỗ trợ tiêu hủy gia súc bị bệnh khi có yêu cầu.
- Sẵn sàng phương tiện vận chuyển vật tư, hóa chất đến vùng dịch.
3. Công an tỉnh:
- Xử lý nghiêm hành vi vận chuyển gia súc không rõ nguồn gốc.
`.normalize('NFD');

const REVIEW = `BỘ CHỈ HUY QUÂN SỰ TỈNH HÀ TĨNH
Số: 88/BC-BCH
Hà Tĩnh, ngày 20 tháng 12 năm 2025

BÁO CÁO
Tổng kết công tác quốc phòng, quân sự địa phương năm 2025

Năm 2025, công tác tuyển quân của tỉnh bảo đảm đúng luật, giao đủ 2.300 công dân nhập ngũ, đạt 100% chỉ tiêu trên giao; huấn luyện dân quân đạt 9,5 điểm bình quân.

Năm 2026, Bộ CHQS tỉnh tiếp tục làm tốt công tác tuyển quân, phấn đấu giao nhận quân đạt 100% chỉ tiêu trên giao, bảo đảm chất lượng.

Năm 2026, Bộ CHQS tỉnh tiếp tục đổi mới nội dung, phương pháp huấn luyện; phấn đấu huấn luyện dân quân đạt 9,5 điểm trở lên, 100% đạt yêu cầu, bảo đảm an toàn tuyệt đối.
`;

let tmp: TempDir;
let db: Db;
let engine: SearchEngine;

beforeAll(async () => {
  tmp = makeTempDir();
  const docs = path.join(tmp.path, 'docs');
  fs.mkdirSync(docs);
  fs.writeFileSync(path.join(docs, 'ke-hoach-dich-benh-2026.txt'), PLAN);
  fs.writeFileSync(path.join(docs, 'bao-cao-tong-ket-2025.txt'), REVIEW);
  db = openDatabase(path.join(tmp.path, 'index'));
  const report = await ingestPaths(db, [docs]);
  expect(report.failed).toEqual([]);
  engine = new SearchEngine(db);
});

afterAll(() => {
  db.close();
  tmp.remove();
});

describe('a task asked of a unit is answered from the items under its heading', () => {
  it.each([
    'Bộ CHQS tỉnh Hà Tĩnh được giao nhiệm vụ gì trong kế hoạch phòng chống dịch bệnh',
    'bchqs ha tinh duoc giao nhiem vu gi trong ke hoach phong chong dich benh',
    'BỘ CHỈ HUY QUÂN SỰ TỈNH có nhiệm vụ gì trong kế hoạch của UBND tỉnh Hà Tĩnh',
  ])('%s', async (q) => {
    const res = await engine.ask(q, { top: 3 });
    expect(res.found).toBe(true);
    // Not the Sở's item that names the Bộ CHQS in its own words.
    expect(res.results[0]!.text).not.toContain('Phối hợp với Bộ Chỉ huy Quân sự');
    expect(['Huy động dân quân', 'Sẵn sàng phương tiện'].some((t) => res.results[0]!.text.includes(t))).toBe(
      true,
    );
  });
});

describe("a target is answered by the plan year's sentence, not the reviewed year's result", () => {
  it.each(['chỉ tiêu tuyển quân của Bộ CHQS tỉnh Hà Tĩnh', 'chi tieu tuyen quan bchqs ha tinh'])(
    '%s',
    async (q) => {
      const res = await engine.ask(q, { top: 3 });
      expect(res.found).toBe(true);
      expect(res.results[0]!.text).toContain('phấn đấu giao nhận quân');
    },
  );
});

describe("a figure of what was done is answered by the result, not next year's target", () => {
  it.each(['huấn luyện dân quân Hà Tĩnh đạt bao nhiêu', 'huan luyen dan quan bchqs ha tinh dat bao nhieu'])(
    '%s',
    async (q) => {
      const res = await engine.ask(q, { top: 3 });
      expect(res.found).toBe(true);
      expect(res.results[0]!.text).toContain('9,5 điểm bình quân');
    },
  );
});
