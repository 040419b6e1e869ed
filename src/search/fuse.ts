/** One candidate of one ranked list: a passage id and that list's own score (higher is better). */
export interface Scored {
  id: number;
  score: number;
}

export interface RrfOptions {
  /**
   * Rank constant of reciprocal rank fusion: a document at 1-based rank r adds weight / (k + r).
   * Larger k flattens the difference between the top ranks. Must be > 0. Defaults to 60 (the value
   * of Cormack, Clarke & Büttcher 2009, also the default of Elasticsearch and OpenSearch).
   */
  k?: number;
  /** One non-negative weight per list, in list order. Defaults to 1 for every list. */
  weights?: readonly number[];
}

export interface WeightedOptions {
  /** One non-negative weight per list, in list order. Defaults to 1 for every list. */
  weights?: readonly number[];
}

function checkWeights(lists: readonly unknown[], weights: readonly number[] | undefined): number[] {
  if (weights === undefined) return lists.map(() => 1);
  if (weights.length !== lists.length) {
    throw new RangeError(`fusion: ${weights.length} weights for ${lists.length} lists`);
  }
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`fusion: weight ${w} must be a finite number ≥ 0`);
  }
  return [...weights];
}

/** Best first; equal scores keep their input order (Array.prototype.sort is stable). */
function ranked(list: readonly Scored[]): Scored[] {
  return [...list].sort((a, b) => b.score - a.score);
}

/** Highest fused score first; ties by smaller id so results do not depend on Map order. */
function sortFused(scores: Map<number, number>): Scored[] {
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

/**
 * Reciprocal rank fusion: score(id) = Σ over lists of weight / (k + rank), rank 1-based within
 * each list after sorting it by its own score. Only ranks matter, so BM25 scores (unbounded) and
 * cosine similarities (−1..1) combine without calibration. An id repeated within one list counts
 * at its best rank only. Returns every id that appears in any list, best first; scores are in
 * (0, Σ weights / (k + 1)].
 */
export function reciprocalRankFusion(
  lists: readonly (readonly Scored[])[],
  options: RrfOptions = {},
): Scored[] {
  const k = options.k ?? 60;
  if (!(k > 0) || !Number.isFinite(k)) throw new RangeError(`fusion: k = ${k} must be a finite number > 0`);
  const weights = checkWeights(lists, options.weights);
  const fused = new Map<number, number>();
  lists.forEach((list, li) => {
    const seen = new Set<number>();
    ranked(list).forEach((item, i) => {
      if (seen.has(item.id)) return;
      seen.add(item.id);
      fused.set(item.id, (fused.get(item.id) ?? 0) + (weights[li] as number) / (k + i + 1));
    });
  });
  return sortFused(fused);
}

/**
 * Weighted score fusion: each list's scores are min-max normalised to 0..1 within that list (a list
 * whose scores are all equal maps them to 1), then score(id) = Σ weight × normalised score, with 0
 * for lists the id is absent from. Keeps how far ahead a candidate is, which RRF throws away, at
 * the price of depending on the score spread of each list. An id repeated within one list counts
 * with its best score. Returns every id of any list, best first; scores are in [0, Σ weights].
 */
export function weightedScoreFusion(
  lists: readonly (readonly Scored[])[],
  options: WeightedOptions = {},
): Scored[] {
  const weights = checkWeights(lists, options.weights);
  const fused = new Map<number, number>();
  lists.forEach((list, li) => {
    if (list.length === 0) return;
    let min = Infinity;
    let max = -Infinity;
    const best = new Map<number, number>();
    for (const { id, score } of list) {
      if (!Number.isFinite(score)) continue;
      best.set(id, Math.max(best.get(id) ?? -Infinity, score));
      min = Math.min(min, score);
      max = Math.max(max, score);
    }
    const span = max - min;
    for (const [id, score] of best) {
      const norm = span > 0 ? (score - min) / span : 1;
      fused.set(id, (fused.get(id) ?? 0) + (weights[li] as number) * norm);
    }
  });
  return sortFused(fused);
}
