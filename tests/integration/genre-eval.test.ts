import fs from 'node:fs';
import path from 'node:path';
import { FullEvalReport, runEval } from '../../src/commands/eval';
import { developmentSet, evaluateGenreSet, heldoutSet } from '../../src/eval/genre';
import { makeTempDir, REPORT_FIXTURES, SEED_FILE, TempDir } from '../helpers/temp-dir';

/**
 * The genre benchmark end to end on a 3-document corpus (the near-miss report fixtures) laid out as
 * eval/genre/part-a, through openApp with a temp INDEX_DIR, keyword mode.
 */

const DOCS = {
  bt: 'bdbp-binh-thuan-tong-ket-2024.txt',
  py: 'duqs-phu-yen-hoi-nghi-2025.txt',
  kh: 'hdnd-khanh-hoa-ky-hop-2025.txt',
};

const QUESTIONS = [
  {
    id: 'c1',
    q: 'Ai chủ trì hội nghị của Bộ CHQS tỉnh Phú Yên?',
    type: 'chair',
    doc: DOCS.py,
    expect: 'Trần Minh Hoàng',
    chair: 'Trần Minh Hoàng',
  },
  {
    id: 'n1',
    q: 'binh thuan giai quyet bao nhieu luot tau ca',
    type: 'number',
    nodiac: true,
    doc: DOCS.bt,
    expect: '2.300 lượt',
  },
  // The document writes "9–9,5%" with an en dash: this expect is in none of its passages, so the
  // question is scored on the document only (and counted as such).
  {
    id: 't1',
    q: 'tăng trưởng GRDP năm 2026 bao nhiêu?',
    type: 'target',
    doc: DOCS.kh,
    expect: 'GRDP 9-9,5%',
  },
  {
    id: 'a1',
    q: 'lịch thi đấu giải bóng đá ngoại hạng Anh tuần này',
    type: 'absent',
    doc: null,
    expect: null,
  },
];

let tmp: TempDir;

beforeAll(() => {
  tmp = makeTempDir();
  for (const f of Object.values(DOCS))
    tmp.write(`eval/genre/part-a/docs/${f}`, fs.readFileSync(path.join(REPORT_FIXTURES, f)));
  tmp.write('eval/genre/part-a/questions.jsonl', QUESTIONS.map((q) => JSON.stringify(q)).join('\n') + '\n');
});

afterAll(() => tmp.remove());

const quiet = { semantic: false, notice: () => undefined };

describe('genre evaluation through openApp', () => {
  it('scores ranks, direct answers, absent questions and the document-only fallback', async () => {
    const located = developmentSet(tmp.path);
    expect(located.set?.documents.map((f) => path.basename(f))).toEqual([DOCS.bt, DOCS.py, DOCS.kh]);
    const r = await evaluateGenreSet(located.set!, { env: {}, app: quiet });
    expect(r).toMatchObject({ documents: 3, failed: 0, questions: 4, mode: 'keyword', duplicateNames: [] });
    expect(r.overall).toEqual({ label: 'overall', n: 3, hit1: 1, hit3: 1, mrr5: 1, found: 1 });
    expect(r.byType.map((m) => [m.label, m.n, m.hit1])).toEqual([
      ['chair', 1, 1],
      ['target', 1, 1],
      ['number', 1, 1],
    ]);
    expect(r.byDiacritics.map((m) => [m.label, m.n])).toEqual([
      ['diacritics', 2],
      ['no-diacritics', 1],
    ]);
    expect(r.absentRejected).toEqual({ n: 1, of: 1 });
    expect(r.chairsDirect).toEqual({ n: 1, of: 1 });
    expect(r.attendeesDirect).toEqual({ n: 0, of: 0 });
    expect(r.documentOnly).toBe(1);
    expect(r.missingDocument).toBe(0);
  });

  it('--json prints the whole report; a missing held-out set is skipped, not fatal', async () => {
    const lines: string[] = [];
    const code = await runEval({
      only: ['genre', 'heldout'],
      json: true,
      verbose: false,
      root: tmp.path,
      app: quiet,
      out: (s) => lines.push(s),
      notice: () => undefined,
    });
    expect(code).toBe(0);
    const report = JSON.parse(lines.join('\n')) as FullEvalReport;
    expect(report.genre?.questions).toBe(4);
    expect(report.heldout).toBeUndefined();
    expect(report.skipped.heldout).toEqual([
      'eval/genre-heldout/docs: không có tài liệu .txt',
      'eval/genre-heldout/questions.jsonl: không có',
    ]);
    expect(report.vilqa).toBeUndefined();
  });

  it('prints the tables and the counts as text', async () => {
    const lines: string[] = [];
    await runEval({
      only: ['genre'],
      verbose: false,
      root: tmp.path,
      app: quiet,
      out: (s) => lines.push(s),
      notice: () => undefined,
    });
    const text = lines.join('\n');
    expect(text).toContain('genre (bộ phát triển): 3 tài liệu');
    expect(text).toContain('| overall | 3 | 1.000 | 1.000 | 1.000 | 1.000 |');
    expect(text).toContain('absent rejected 1/1');
    expect(text).toContain('chairs answered directly 1/1');
  });
});

describe('held-out set', () => {
  it('is asked against the development documents plus its own, even without development questions', async () => {
    const root = makeTempDir();
    try {
      for (const f of [DOCS.py, DOCS.kh])
        root.write(`eval/genre/part-b/docs/${f}`, fs.readFileSync(path.join(REPORT_FIXTURES, f)));
      root.write(`eval/genre-heldout/docs/${path.basename(SEED_FILE)}`, fs.readFileSync(SEED_FILE));
      root.write(
        'eval/genre-heldout/questions.jsonl',
        [
          { ...QUESTIONS[0], id: 'h1' },
          {
            id: 'h2',
            q: 'ai chu tri hoi nghi bdbp ninh thuan',
            type: 'chair',
            nodiac: true,
            doc: path.basename(SEED_FILE),
            expect: 'Ngô Văn Lãng',
            chair: 'Ngô Văn Lãng',
          },
        ]
          .map((q) => JSON.stringify(q))
          .join('\n'),
      );
      expect(developmentSet(root.path).set).toBeNull();
      const located = heldoutSet(root.path);
      const r = await evaluateGenreSet(located.set!, { env: {}, app: quiet });
      expect(r.documents).toBe(3);
      expect(r.overall).toMatchObject({ n: 2, hit1: 1 });
      expect(r.chairsDirect).toEqual({ n: 2, of: 2 });
      expect(located.notes).toEqual([
        'eval/genre/part-a/docs: không có tài liệu .txt',
        'eval/genre/part-c/docs: không có tài liệu .txt',
        'eval/genre/part-d/docs: không có tài liệu .txt',
      ]);
    } finally {
      root.remove();
    }
  });
});
