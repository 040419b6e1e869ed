import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../store/db';
import { DB_FILE } from '../store/db';

export const BACKUP_HELP = `chithi backup THƯ_MỤC [--index THƯ_MỤC_CHỈ_MỤC]
  Sao lưu cơ sở dữ liệu của chỉ mục (tài liệu, đoạn, dữ kiện, đăng ký nhắc việc) thành một tệp
  THƯ_MỤC/chithi-NGÀY-GIỜ.db, an toàn ngay cả khi bot đang chạy (SQLite backup API).
  Véc-tơ và chỉ mục từ khóa không cần sao lưu: chúng được dựng lại từ cơ sở dữ liệu khi cần.

chithi restore TỆP_SAO_LƯU [--index THƯ_MỤC_CHỈ_MỤC]
  Khôi phục một bản sao lưu vào chỉ mục. Hãy dừng bot trước. Bản hiện tại được giữ lại thành
  chithi.db.truoc-khoi-phuc; chỉ mục từ khóa và véc-tơ tự dựng lại theo bản đã khôi phục.`;

/** "chithi-2026-12-02-1030.db" */
function backupName(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `chithi-${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}.db`;
}

/**
 * Copies the open database to DIR with SQLite's online backup (consistent while the bot writes).
 * Returns the backup file.
 */
export async function backupDatabase(db: Db, dir: string, now = new Date()): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, backupName(now));
  await db.backup(target);
  return target;
}

/**
 * Puts a backup in place of INDEX_DIR/chithi.db (the current one is kept as chithi.db.truoc-khoi-phuc).
 * The backup is checked first: a file that is not a chithi database is refused and nothing changes.
 * The keyword image and the vectors need nothing: they are keyed by the database's stamp and
 * reconciled with it at the next open.
 */
export function restoreDatabase(backup: string, indexDir: string): string {
  let check: Database.Database | undefined;
  try {
    check = new Database(backup, { readonly: true, fileMustExist: true });
    const ok = check.pragma('quick_check', { simple: true });
    if (ok !== 'ok') throw new Error(String(ok));
    check.prepare(`SELECT COUNT(*) FROM documents`).get();
  } catch (err) {
    throw new Error(
      `Tệp ${backup} không phải bản sao lưu chithi dùng được (${err instanceof Error ? err.message : String(err)}).`,
    );
  } finally {
    check?.close();
  }
  fs.mkdirSync(indexDir, { recursive: true });
  const live = path.join(indexDir, DB_FILE);
  if (fs.existsSync(live)) {
    // Fold the write-ahead log into the file first, so the copy kept aside is whole.
    try {
      const current = new Database(live);
      current.pragma('wal_checkpoint(TRUNCATE)');
      current.close();
    } catch {
      // A damaged current database is exactly what a restore replaces: keep its file as it is.
    }
    fs.copyFileSync(live, `${live}.truoc-khoi-phuc`);
  }
  for (const side of ['-wal', '-shm']) fs.rmSync(`${live}${side}`, { force: true });
  const tmp = `${live}.khoi-phuc-tam`;
  fs.copyFileSync(backup, tmp);
  fs.renameSync(tmp, live);
  return live;
}
