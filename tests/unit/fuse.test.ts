import { chooseWeight } from '../../src/search/model-check';
import { reciprocalRankFusion, weightedScoreFusion, type Scored } from '../../src/search/fuse';

const s = (pairs: Array<[number, number]>): Scored[] => pairs.map(([id, score]) => ({ id, score }));

describe('reciprocalRankFusion', () => {
  // Scenario names use the kind of question they stand for: keyword list = BM25, vector = cosine.
  const cases: Array<{
    name: string;
    lists: Scored[][];
    k?: number;
    weights?: number[];
    expected: Array<[number, number]>;
  }> = [
    {
      name: '"chỉ tiêu năm 2025": keyword only keeps its order',
      lists: [
        s([
          [7, 9.1],
          [3, 4.2],
        ]),
      ],
      expected: [
        [7, 1 / 61],
        [3, 1 / 62],
      ],
    },
    {
      name: '"mục tiêu năm tới": both lists agree on passage 1, vector adds passage 4',
      lists: [
        s([
          [1, 8],
          [2, 5],
          [3, 1],
        ]),
        s([
          [3, 0.9],
          [1, 0.8],
          [4, 0.7],
        ]),
      ],
      expected: [
        [1, 1 / 61 + 1 / 62],
        [3, 1 / 63 + 1 / 61],
        [2, 1 / 62],
        [4, 1 / 63],
      ],
    },
    {
      name: 'unsorted input is ranked by its own scores first',
      lists: [
        s([
          [2, 0.1],
          [5, 0.95],
          [9, 0.5],
        ]),
      ],
      expected: [
        [5, 1 / 61],
        [9, 1 / 62],
        [2, 1 / 63],
      ],
    },
    {
      name: 'small k favours the single top hit',
      lists: [
        s([
          [10, 3],
          [11, 2],
          [20, 1],
        ]),
        s([
          [12, 5],
          [13, 4],
          [14, 3],
          [15, 2],
          [20, 1],
        ]),
      ],
      k: 1,
      expected: [
        [10, 1 / 2],
        [12, 1 / 2],
        [20, 1 / 4 + 1 / 6],
        [11, 1 / 3],
        [13, 1 / 3],
        [14, 1 / 4],
        [15, 1 / 5],
      ],
    },
    {
      name: 'large k favours agreement between lists',
      lists: [
        s([
          [10, 3],
          [11, 2],
          [20, 1],
        ]),
        s([
          [12, 5],
          [13, 4],
          [14, 3],
          [15, 2],
          [20, 1],
        ]),
      ],
      expected: [
        [20, 1 / 63 + 1 / 65],
        [10, 1 / 61],
        [12, 1 / 61],
        [11, 1 / 62],
        [13, 1 / 62],
        [14, 1 / 63],
        [15, 1 / 64],
      ],
    },
    {
      name: 'weights scale each list',
      lists: [s([[1, 2]]), s([[2, 0.5]])],
      weights: [1, 3],
      expected: [
        [2, 3 / 61],
        [1, 1 / 61],
      ],
    },
    {
      name: 'a repeated id counts once, at its best rank',
      lists: [
        s([
          [4, 0.9],
          [4, 0.2],
          [6, 0.5],
        ]),
      ],
      expected: [
        [4, 1 / 61],
        [6, 1 / 62],
      ],
    },
    { name: 'no candidates at all', lists: [[], []], expected: [] },
  ];

  it.each(cases)('$name', ({ lists, k, weights, expected }) => {
    const got = reciprocalRankFusion(lists, { ...(k ? { k } : {}), ...(weights ? { weights } : {}) });
    expect(got.map((r) => r.id)).toEqual(expected.map(([id]) => id));
    got.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]![1], 12));
  });

  it.each([
    [{ k: 0 }, /k = 0/],
    [{ k: -5 }, /k = -5/],
    [{ k: Number.NaN }, /k = NaN/],
    [{ weights: [1] }, /1 weights for 2 lists/],
    [{ weights: [1, -1] }, /weight -1/],
  ])('rejects %j', (options, message) => {
    expect(() => reciprocalRankFusion([s([[1, 1]]), s([[2, 1]])], options)).toThrow(message);
  });
});

describe('weightedScoreFusion', () => {
  const cases: Array<{
    name: string;
    lists: Scored[][];
    weights?: number[];
    expected: Array<[number, number]>;
  }> = [
    {
      name: 'one BM25 list is min-max normalised to 0..1',
      lists: [
        s([
          [1, 12],
          [2, 6],
          [3, 0],
        ]),
      ],
      expected: [
        [1, 1],
        [2, 0.5],
        [3, 0],
      ],
    },
    {
      name: 'keyword and vector lists, equal weights: tie broken by id',
      lists: [
        s([
          [1, 10],
          [2, 5],
        ]),
        s([
          [2, 0.9],
          [3, 0.5],
          [1, 0.1],
        ]),
      ],
      expected: [
        [1, 1],
        [2, 1],
        [3, 0.5],
      ],
    },
    {
      name: 'vector weighted twice: the paraphrase-only passage rises',
      lists: [
        s([
          [1, 10],
          [2, 5],
        ]),
        s([
          [2, 0.9],
          [3, 0.5],
          [1, 0.1],
        ]),
      ],
      weights: [1, 2],
      expected: [
        [2, 2],
        [1, 1],
        [3, 1],
      ],
    },
    {
      name: 'a list whose scores are all equal gives each 1',
      lists: [
        s([
          [8, 0.3],
          [9, 0.3],
        ]),
      ],
      expected: [
        [8, 1],
        [9, 1],
      ],
    },
    {
      name: 'non-finite scores are ignored, repeated ids keep their best score',
      lists: [
        s([
          [1, Number.NaN],
          [2, 4],
          [2, 8],
          [3, 0],
        ]),
      ],
      expected: [
        [2, 1],
        [3, 0],
      ],
    },
    { name: 'empty lists', lists: [[]], expected: [] },
  ];

  it.each(cases)('$name', ({ lists, weights, expected }) => {
    const got = weightedScoreFusion(lists, weights ? { weights } : {});
    expect(got.map((r) => r.id)).toEqual(expected.map(([id]) => id));
    got.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]![1], 12));
  });

  it('rejects a weight per list mismatch', () => {
    expect(() => weightedScoreFusion([[], []], { weights: [1, 2, 3] })).toThrow(RangeError);
  });
});

describe('chooseWeight: a model earns a say only where it does not lose', () => {
  const kw = [
    { name: 'genre', hit1: 0.9, hit3: 0.97 },
    { name: 'vilqa', hit1: 0.91, hit3: 0.96 },
  ];
  const at = (weight: number, g: [number, number], v: [number, number]) => ({
    weight,
    sets: [
      { name: 'genre', hit1: g[0], hit3: g[1] },
      { name: 'vilqa', hit1: v[0], hit3: v[1] },
    ],
  });
  it.each<[string, ReturnType<typeof at>[], number]>([
    ['worse everywhere', [at(0.25, [0.88, 0.96], [0.9, 0.95]), at(0.5, [0.85, 0.95], [0.89, 0.95])], 0],
    ['better on one set, worse on the other', [at(0.5, [0.92, 0.99], [0.88, 0.94])], 0],
    ['equal: keyword stays', [at(0.5, [0.9, 0.97], [0.91, 0.96])], 0],
    [
      'better: the best mean hit@3',
      [at(0.25, [0.9, 0.975], [0.91, 0.96]), at(0.5, [0.91, 0.98], [0.915, 0.97])],
      0.5,
    ],
    ['a loss within 0.005 is no loss', [at(1, [0.897, 0.968], [0.93, 0.99])], 1],
    ['same hit@3, better hit@1', [at(0.25, [0.92, 0.97], [0.92, 0.96])], 0.25],
  ])('%s', (_name, hybrid, weight) => expect(chooseWeight(kw, hybrid)).toBe(weight));
});
