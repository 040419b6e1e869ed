import type { ResultBackend } from '../bot/result-store';
import type { Db } from './db';

/**
 * The results behind the bot's buttons, in SQLite: "Xem thêm", "Trang sau", "Toàn văn" and 👍/👎
 * keep working after a restart until their entry expires.
 */
export function sqliteResultBackend(db: Db): ResultBackend {
  const has = db.prepare(`SELECT 1 FROM button_results WHERE id = ?`).pluck();
  const set = db.prepare(`INSERT OR REPLACE INTO button_results (id, entry, expires_at) VALUES (?, ?, ?)`);
  const get = db.prepare(`SELECT entry, expires_at FROM button_results WHERE id = ?`);
  const remove = db.prepare(`DELETE FROM button_results WHERE id = ?`);
  const expired = db.prepare(`DELETE FROM button_results WHERE expires_at <= ?`);
  const count = db.prepare(`SELECT COUNT(*) FROM button_results`).pluck();
  // Rows are inserted in time order, so the smallest rowids are the oldest entries.
  const oldest = db.prepare(
    `DELETE FROM button_results WHERE rowid IN (SELECT rowid FROM button_results ORDER BY rowid LIMIT ?)`,
  );
  return {
    has: (id) => has.get(id) !== undefined,
    set: (id, json, expiresAt) => void set.run(id, json, expiresAt),
    get(id) {
      const row = get.get(id) as { entry: string; expires_at: number } | undefined;
      return row && { json: row.entry, expiresAt: row.expires_at };
    },
    delete: (id) => void remove.run(id),
    prune(now, maxEntries) {
      expired.run(now);
      const over = (count.get() as number) - maxEntries;
      if (over > 0) oldest.run(over);
    },
    size: () => count.get() as number,
  };
}
