import fs from 'node:fs';
import path from 'node:path';
import {
  BenchRow,
  benchTable,
  botNodeFlags,
  compareDeterministic,
  inconsistentRuns,
  kindsTable,
  median,
  spread,
} from '../../src/eval/bench-table';

const ingest = (seconds: number, rss = 300) => ({
  passages: 10000,
  seconds,
  diskBytes: 17_300_000,
  peakRssMb: rss,
});
const serve = (p95: number, source5 = 580) => ({
  coldStartMs: 63,
  processStartMs: 180 + p95,
  p50Ms: 2.4,
  p95Ms: p95,
  questions: 1000,
  answered: 980,
  source1: 410,
  source5,
  kinds: {
    copy: { questions: 250, source1: 150, source5: 200 },
    'scattered-folded': { questions: 250, source1: 50, source5: source5 - 480 },
  },
  peakRssMb: 170,
});
const row = (runs: Array<[number, number]>): BenchRow => ({
  size: 10000,
  engine: 'chithi, keyword',
  ingest: runs.map(([s]) => ingest(s)),
  serve: runs.map(([, p]) => serve(p)),
  upload: runs.map(([s]) => ({ ...ingest(s / 10), passages: 22 })),
});

describe('bench table: median (min–max) over the runs', () => {
  it.each<[number[], number]>([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('median(%j) = %d', (values, expected) => expect(median(values)).toBe(expected));

  it('shows one value for one run and the spread for several', () => {
    expect(spread([5.24], (v) => v.toFixed(2))).toBe('5.24');
    expect(spread([5.2, 4.9, 6.1], (v) => v.toFixed(1))).toBe('5.2 (4.9–6.1)');
    expect(spread([], String)).toBe('—');
  });

  it('renders a row with passages/s, sizes, shares of questions', () => {
    const table = benchTable([
      row([
        [6.3, 5.2],
        [6.5, 4.9],
        [6.0, 6.1],
      ]),
    ]);
    expect(table.split('\n')).toHaveLength(3);
    // One more document: 630, 650 and 600 ms.
    expect(table).toContain(
      '| 10,000 | chithi, keyword | 1,587 (1,538–1,667) | 630.0 (600.0–650.0) | 16.5 MB |',
    );
    expect(table).toContain('5.20 (4.90–6.10)');
    expect(table).toContain('| 185.2 (184.9–186.1) | 63.0 (63.0–63.0) |');
    expect(table).toContain('| 98.0% | 41.0% | 58.0% |');
    // Results of a bench that did not add a document yet: a dash.
    const older = row([[6.3, 5.2]]);
    delete older.upload;
    expect(benchTable([older])).toContain('| 1,587 | — | 16.5 MB |');
  });

  it('renders sources found per kind of question, a dash for a kind not asked', () => {
    const table = kindsTable([row([[6, 5]])]);
    expect(table.split('\n')[0]).toBe(
      '| passages | engine | questions per kind | copied phrase, diacritics | copied phrase, no diacritics | scattered words, diacritics | scattered words, no diacritics |',
    );
    expect(table).toContain(
      '| 10,000 | chithi, keyword | 250, 0 | 60.0% / 80.0% (200) | — | — | 20.0% / 40.0% (100) |',
    );
    const old = row([[6, 5]]);
    delete old.serve[0]!.kinds;
    expect(kindsTable([old])).toBe('');
  });

  it('shows the quality set when the first run scored one, the timed questions otherwise', () => {
    const r = row([
      [6, 5],
      [6, 5],
    ]);
    r.serve[0]!.qualityKinds = {
      copy: { questions: 1000, source1: 500, source5: 790 },
      'copy-folded': { questions: 1000, source1: 400, source5: 700 },
      scattered: { questions: 1000, source1: 300, source5: 600 },
      'scattered-folded': { questions: 1000, source1: 123, source5: 247 },
    };
    expect(kindsTable([r])).toContain(
      '| 10,000 | chithi, keyword | 1,000 | 50.0% / 79.0% (790) | 40.0% / 70.0% (700) | 30.0% / 60.0% (600) | 12.3% / 24.7% (247) |',
    );
    // Only the first run scores the quality set: the runs still agree on the timed questions.
    expect(inconsistentRuns(r)).toEqual([]);
    const fresh = row([[9, 8]]);
    expect(compareDeterministic(r, fresh)).toEqual([
      "chithi, keyword at 10,000 passages: sources found per kind on the quality set differ from the README's",
    ]);
    fresh.serve[0]!.qualityKinds = structuredClone(r.serve[0]!.qualityKinds);
    expect(compareDeterministic(r, fresh)).toEqual([]);
  });
});

describe('bench checks: what must not vary between runs or machines', () => {
  it('flags runs that disagree on answers', () => {
    const r = row([
      [6, 5],
      [6, 5],
    ]);
    expect(inconsistentRuns(r)).toEqual([]);
    r.serve[1] = serve(5, 579);
    expect(inconsistentRuns(r)).toEqual([
      'chithi, keyword at 10000: source in top 5 differs between runs (580, 579)',
      'chithi, keyword at 10000: sources found per kind differ between runs',
    ]);
    r.serve[1] = { ...serve(5), source1: 411 };
    expect(inconsistentRuns(r)).toEqual([
      'chithi, keyword at 10000: source first differs between runs (410, 411)',
    ]);
  });

  it('compares a fresh run with the committed results, index size within 2%', () => {
    const committed = row([[6, 5]]);
    const same = row([[9, 8]]);
    same.ingest[0]!.diskBytes = 17_500_000;
    expect(compareDeterministic(committed, same)).toEqual([]);
    const other = row([[6, 5]]);
    other.serve[0] = serve(5, 600);
    other.ingest[0]!.diskBytes = 20_000_000;
    expect(compareDeterministic(committed, other)).toEqual([
      'chithi, keyword at 10,000 passages: index on disk 16.5 MB in the README, 19.1 MB now',
      'chithi, keyword at 10,000 passages: source in top 5 580/1000 in the README, 600/1000 now',
      "chithi, keyword at 10,000 passages: sources found per kind of question differ from the README's",
    ]);
  });
});

describe('botNodeFlags: the bot and the bench serve with the same V8 flags', () => {
  it.each([
    ['node bin/chithi.js start', []],
    ['node --max-semi-space-size=4 bin/chithi.js start', ['--max-semi-space-size=4']],
    ['  node --a --b=2   bin/chithi.js start ', ['--a', '--b=2']],
  ])('%s → %j', (script, flags) => {
    expect(botNodeFlags(script)).toEqual(flags);
  });

  it.each(['tsx src/cli.ts start', 'node dist/cli.js start'])('refuses "%s"', (script) => {
    expect(() => botNodeFlags(script)).toThrow(/start script/);
  });

  it("package.json's start script runs the bot with a bounded young generation", () => {
    const root = path.join(__dirname, '..', '..');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: { start: string };
    };
    expect(botNodeFlags(pkg.scripts.start)).toContain('--max-semi-space-size=4');
  });
});
