import type { Db } from '../store/db';

/**
 * Whether the configured embedding model earns a say in the ranking (issue 15). `chithi model check`
 * measures keyword-only against hybrid at a few vector weights on the project's evaluation sets and
 * stores the result in the index; the app then fuses with the weight measured for that model (0, i.e.
 * keyword ranking, when the model was never checked or did worse).
 */
export interface SetScore {
  name: string;
  hit1: number;
  hit3: number;
}

export interface WeightScore {
  weight: number;
  sets: SetScore[];
}

export interface ModelCheck {
  /** embeddingModelKey of the model checked. */
  modelKey: string;
  /** The vector weight chosen; 0: keyword ranking. */
  weight: number;
  keyword: SetScore[];
  hybrid: WeightScore[];
  /** ISO instant of the check. */
  at: string;
}

/** The vector weights a check tries. */
export const CHECK_WEIGHTS = [0.25, 0.5, 1] as const;
/** Largest loss in hit@1 or hit@3 on any set a weight may cost against keyword-only. */
export const MAX_LOSS = 0.005;

/**
 * The weight to use: among those that lose no more than MAX_LOSS (hit@1 and hit@3) on any set, the
 * one with the best mean hit@3 (then hit@1) that beats keyword-only on that mean; 0 when none does.
 */
export function chooseWeight(keyword: readonly SetScore[], hybrid: readonly WeightScore[]): number {
  const mean = (sets: readonly SetScore[], k: 'hit1' | 'hit3') =>
    sets.reduce((s, x) => s + x[k], 0) / Math.max(1, sets.length);
  const base3 = mean(keyword, 'hit3');
  const base1 = mean(keyword, 'hit1');
  let best = { weight: 0, hit3: base3, hit1: base1 };
  for (const h of hybrid) {
    const safe = h.sets.every((s) => {
      const k = keyword.find((x) => x.name === s.name);
      return !k || (s.hit3 >= k.hit3 - MAX_LOSS && s.hit1 >= k.hit1 - MAX_LOSS);
    });
    if (!safe) continue;
    const hit3 = mean(h.sets, 'hit3');
    const hit1 = mean(h.sets, 'hit1');
    if (hit3 > best.hit3 + 1e-9 || (Math.abs(hit3 - best.hit3) < 1e-9 && hit1 > best.hit1 + 1e-9))
      best = { weight: h.weight, hit3, hit1 };
  }
  return best.weight;
}

const KEY = 'model_check';

export function readModelCheck(db: Db): ModelCheck | null {
  const raw = db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(KEY) as string | undefined;
  if (!raw) return null;
  try {
    return JSON.parse(raw) as ModelCheck;
  } catch {
    return null;
  }
}

export function writeModelCheck(db: Db, check: ModelCheck): void {
  db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`).run(KEY, JSON.stringify(check));
}
