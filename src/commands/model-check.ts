import fs from 'node:fs';
import type { Config } from '../config';
import { createError } from '../errors';
import { developmentSet, evaluateGenreSet } from '../eval/genre';
import { loadEmbedder } from '../search/embedder';
import { embeddingModelKey } from '../search/embedding-cache';
import {
  CHECK_WEIGHTS,
  chooseWeight,
  type ModelCheck,
  type SetScore,
  type WeightScore,
  readModelCheck,
  writeModelCheck,
} from '../search/model-check';
import { DB_FILE, openDatabase } from '../store/db';
import path from 'node:path';
import { evaluateVilqa, VILQA_DIR } from './eval';

/** One evaluation set a check runs: its name and how to score it (keyword only when `semantic` is false). */
export interface CheckSet {
  name: string;
  score(env: NodeJS.ProcessEnv, semantic: boolean): Promise<SetScore>;
}

/** The project's sets: the genre development set and vilqa, when their data is there. */
export function projectCheckSets(root?: string): CheckSet[] {
  const sets: CheckSet[] = [];
  const genre = developmentSet(root).set;
  if (genre)
    sets.push({
      name: 'genre',
      async score(env, semantic) {
        const r = await evaluateGenreSet(genre, { env, app: { semantic, notice: () => {} } });
        return { name: 'genre', hit1: r.overall.hit1, hit3: r.overall.hit3 };
      },
    });
  if (fs.existsSync(VILQA_DIR))
    sets.push({
      name: 'vilqa',
      async score(env, semantic) {
        // Keyword only: the model stays loaded, with no weight in the ranking.
        const r = await evaluateVilqa({ env: semantic ? env : { ...env, EMBEDDING_WEIGHT: '0' } });
        const n = r.metrics.reduce((s, m) => s + m.n, 0) || 1;
        const mean = (k: 'hit1' | 'hit3') => r.metrics.reduce((s, m) => s + m[k] * m.n, 0) / n;
        return { name: 'vilqa', hit1: mean('hit1'), hit3: mean('hit3') };
      },
    });
  return sets;
}

const pct = (x: number) => x.toFixed(3);

/**
 * `chithi model check`: the configured model against keyword search on the project's sets, at each
 * of CHECK_WEIGHTS; prints them side by side, chooses the weight (chooseWeight) and stores it in the
 * index, where `npm start` and `ask` read it. Exit 0 when the check ran (whatever it found).
 */
export async function modelCheck(
  config: Config,
  deps: { out: (line: string) => void; sets?: CheckSet[]; env?: NodeJS.ProcessEnv },
): Promise<number> {
  const { embedder, reason } = await loadEmbedder(config.embedding);
  if (!embedder) throw createError('MODEL_UNAVAILABLE', reason ?? '');
  const key = embeddingModelKey(embedder);
  const sets = deps.sets ?? projectCheckSets();
  if (sets.length === 0)
    throw createError('CONFIG_INVALID', '- không có bộ đánh giá nào (eval/genre, vilqa)');
  const env = { ...(deps.env ?? process.env) };
  delete env.EMBEDDING_WEIGHT;
  deps.out(
    `Kiểm tra mô hình ${embedder.modelId} (${embedder.dtype}, ${embedder.dims} chiều) trên: ${sets.map((s) => s.name).join(', ')}`,
  );
  const keyword: SetScore[] = [];
  for (const set of sets) keyword.push(await set.score(env, false));
  const hybrid: WeightScore[] = [];
  for (const weight of CHECK_WEIGHTS) {
    const scored: SetScore[] = [];
    for (const set of sets) scored.push(await set.score({ ...env, EMBEDDING_WEIGHT: String(weight) }, true));
    hybrid.push({ weight, sets: scored });
  }
  const weight = chooseWeight(keyword, hybrid);
  deps.out('');
  deps.out(`| cách xếp hạng | ${sets.map((s) => `${s.name} hit@1 | ${s.name} hit@3`).join(' | ')} |`);
  deps.out(`|---|${sets.map(() => '---|---').join('|')}|`);
  const row = (label: string, scores: SetScore[]) =>
    deps.out(`| ${label} | ${scores.map((s) => `${pct(s.hit1)} | ${pct(s.hit3)}`).join(' | ')} |`);
  row('từ khóa', keyword);
  for (const h of hybrid) row(`kết hợp, trọng số ${h.weight}`, h.sets);
  deps.out('');
  deps.out(
    weight > 0
      ? `Chọn trọng số ${weight}: tìm kiếm kết hợp không kém từ khóa trên bộ nào và tốt hơn về trung bình hit@3.`
      : 'Mô hình không giúp được: kết quả sẽ xếp theo từ khóa (tìm kiếm kết hợp vẫn bật nhưng vectơ không có trọng số).',
  );
  const check: ModelCheck = { modelKey: key, weight, keyword, hybrid, at: new Date().toISOString() };
  const db = openDatabase(config.indexDir);
  try {
    writeModelCheck(db, check);
  } finally {
    db.close();
  }
  deps.out(`Đã ghi kết quả vào chỉ mục ${config.indexDir}.`);
  return 0;
}

/**
 * The weight `model check` stored in the index of `config` for the configured model, or undefined
 * (no index, no check, another model). The evaluation's temporary indexes use it, so `chithi eval`
 * ranks as `chithi ask` does.
 */
export async function storedWeight(config: Config): Promise<number | undefined> {
  if (!fs.existsSync(path.join(config.indexDir, DB_FILE))) return undefined;
  const db = openDatabase(config.indexDir, { readonly: true });
  let check: ModelCheck | null;
  try {
    check = readModelCheck(db);
  } finally {
    db.close();
  }
  if (!check) return undefined;
  const { embedder } = await loadEmbedder(config.embedding);
  return embedder && embeddingModelKey(embedder) === check.modelKey ? check.weight : undefined;
}
