/**
 * @jest-environment ./tests/helpers/onnx-environment.ts
 *
 * A weak embedding model must never make answers worse (issue 15): `chithi model check` measures two
 * generated models against keyword search through the real pipeline (ingest → vectors → ask), stores
 * the weight it chose, and the app ranks with it; a model never checked ranks by keywords alone.
 */
import path from 'node:path';
import { openApp } from '../../src/app';
import { modelCheck, type CheckSet } from '../../src/commands/model-check';
import { loadConfig } from '../../src/config';
import { developmentSet, evaluateGenreSet } from '../../src/eval/genre';
import { readModelCheck } from '../../src/search/model-check';
import { openDatabase } from '../../src/store/db';
import { createTinyModel } from '../helpers/tiny-model';
import { makeTempDir, PROJECT_ROOT, type TempDir } from '../helpers/temp-dir';

const genre = developmentSet(PROJECT_ROOT).set!;
/** The genre development set only (vilqa would take minutes per model). */
const sets: CheckSet[] = [
  {
    name: 'genre',
    async score(env, semantic) {
      const r = await evaluateGenreSet(genre, { env, app: { semantic, notice: () => {} } });
      return { name: 'genre', hit1: r.overall.hit1, hit3: r.overall.hit3 };
    },
  },
];

let tmp: TempDir;
beforeAll(() => (tmp = makeTempDir('chithi-model-check-')));
afterAll(() => tmp.remove());

test.each([
  // Related words share a direction: "mục tiêu" near "chỉ tiêu", "bắt giữ" near "triệt phá" …
  [
    'informative',
    {
      meanings: [
        ['chỉ', 'mục'],
        ['bắt', 'triệt'],
        ['hội', 'kỳ'],
      ],
    },
  ],
  // Most Vietnamese syllables unknown: vectors close to one another, nearly random ranking.
  ['random', { vocab: ['query', 'passage', ':', '.', ',', 'the', 'of'] }],
] as const)(
  '%s model: the check keeps hit@3, stores its weight, and the app ranks with it',
  async (name, options) => {
    const model = await createTinyModel(path.join(tmp.path, name), options);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      INDEX_DIR: path.join(tmp.path, `${name}-index`),
      EMBEDDING_MODEL_DIR: model.dir,
      EMBEDDING_DTYPE: 'fp32',
    };
    delete env.EMBEDDING_WEIGHT;
    const config = loadConfig(env);
    const lines: string[] = [];
    expect(await modelCheck(config, { out: (l) => lines.push(l), sets, env })).toBe(0);
    expect(lines.join('\n')).toContain('| từ khóa |');

    const db = openDatabase(config.indexDir, { readonly: true });
    const check = readModelCheck(db)!;
    db.close();
    const keyword = check.keyword[0]!;
    const chosen = check.hybrid.find((h) => h.weight === check.weight)?.sets[0] ?? keyword;
    // Whatever the model, what is used never loses more than 0.01 hit@3 on the set it was checked on.
    expect(chosen.hit3).toBeGreaterThanOrEqual(keyword.hit3 - 0.01);
    expect(chosen.hit1).toBeGreaterThanOrEqual(keyword.hit1 - 0.01);
    if (name === 'random') {
      // The random model does lose at some weight, so the check must have said no.
      expect(check.hybrid.some((h) => h.sets[0]!.hit1 < keyword.hit1 - 0.01)).toBe(true);
      expect(check.weight).toBe(0);
    }

    // The app over that index says so once and ranks with the stored weight; still "hybrid".
    const notices: string[] = [];
    const app = await openApp(config, { notice: (m) => notices.push(m) });
    try {
      await app.ingest([path.join(PROJECT_ROOT, 'data')]);
      const res = await app.engine.ask('chỉ tiêu năm 2025 là gì?', { top: 3 });
      expect(res.mode).toBe('hybrid');
      if (check.weight === 0) expect(notices.join('\n')).toContain('kém hơn tìm theo từ khóa');
    } finally {
      await app.close();
    }
  },
  120_000,
);

test('a model never checked ranks by keywords alone, and says so', async () => {
  const model = await createTinyModel(path.join(tmp.path, 'unchecked'));
  const env = {
    INDEX_DIR: path.join(tmp.path, 'unchecked-index'),
    EMBEDDING_MODEL_DIR: model.dir,
    EMBEDDING_DTYPE: 'fp32',
  };
  const notices: string[] = [];
  const hybrid = await openApp(loadConfig(env), { notice: (m) => notices.push(m) });
  const keyword = await openApp(loadConfig({ ...env, INDEX_DIR: path.join(tmp.path, 'keyword-index') }), {
    semantic: false,
    notice: () => {},
  });
  try {
    for (const app of [hybrid, keyword]) await app.ingest(genre.documents.slice(0, 12));
    expect(notices.join('\n')).toContain('chưa được kiểm tra');
    for (const q of [
      'chỉ tiêu năm 2025 của BĐBP Quảng Ninh',
      'ai chủ trì hội nghị tổng kết năm 2024',
      'muc tieu ket nap dang vien',
    ]) {
      const [a, b] = await Promise.all([hybrid.engine.ask(q, { top: 5 }), keyword.engine.ask(q, { top: 5 })]);
      expect(a.mode).toBe('hybrid');
      expect(a.results.map((r) => r.text)).toEqual(b.results.map((r) => r.text));
      expect(a.found).toBe(b.found);
    }
  } finally {
    await hybrid.close();
    await keyword.close();
  }
}, 60_000);
