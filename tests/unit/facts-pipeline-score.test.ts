import { factKey, scoreDocument, scoreItems, sumCounts } from '../../src/eval/facts-pipeline';
import type { Fact } from '../../src/facts/types';

describe('factKey: labels and facts compared as people read them', () => {
  it.each<[string, string]>([
    ['Nguyễn Hữu Phong', 'nguyen huu phong'.normalize('NFD')],
    ['Thanh Hoá', 'Thanh Hóa'],
    ['9–9,5%', '9-9,5%'],
    ['300 đảng viên', '300  ĐẢNG VIÊN'],
    ['trước ngày 15/01/2025', 'Trước ngày 15/01/2025'],
  ])('%s = %s', (a, b) => expect(factKey(a)).toBe(factKey(b)));
  it('keeps different figures apart', () => expect(factKey('2.300')).not.toBe(factKey('2.400')));
});

describe('scoreItems', () => {
  it.each<[string[], string[], [number, number, number]]>([
    [
      ['a', 'b'],
      ['a', 'c'],
      [2, 2, 1],
    ],
    [['a', 'a'], ['a'], [2, 1, 1]],
    [[], ['a'], [0, 1, 0]],
  ])('%j against %j', (predicted, expected, [p, e, m]) =>
    expect(scoreItems(predicted, expected)).toEqual({ predicted: p, expected: e, matched: m }),
  );
  it('sums to precision and recall (1 when nothing was predicted or expected)', () => {
    expect(
      sumCounts([
        { predicted: 2, expected: 2, matched: 1 },
        { predicted: 2, expected: 1, matched: 1 },
      ]),
    ).toEqual({ predicted: 4, expected: 3, matched: 2, precision: 0.5, recall: 2 / 3 });
    expect(sumCounts([])).toMatchObject({ precision: 1, recall: 1 });
  });
});

describe('scoreDocument', () => {
  const facts: Fact[] = [
    {
      kind: 'meeting',
      eventType: 'hội nghị',
      chairs: [{ name: 'Phạm Đức Thịnh', roles: [] }],
      attendees: [
        { name: 'Trần Minh Đức', roles: [] },
        { name: 'Phạm Đức Thịnh', roles: [] },
      ],
    },
    { kind: 'target', text: 'Phấn đấu 100% tổ chức đảng', values: ['100%'], year: 2025 },
    { kind: 'target', text: 'Bắt giữ 45 vụ', values: ['45 vụ'], year: 2024 },
    {
      kind: 'deadline',
      text: 'báo cáo trước ngày 15/01/2025',
      date: { year: 2025, month: 1, day: 15, text: 'trước ngày 15/01/2025' },
      due: true,
    },
    {
      kind: 'deadline',
      text: 'ngày 14/12/2024',
      date: { year: 2024, month: 12, day: 14, text: 'ngày 14/12/2024' },
    },
  ];
  it('counts a chair once, never as an attendee, targets by value and year, only due deadlines', () => {
    expect(
      scoreDocument(facts, {
        chairs: ['Phạm Đức Thịnh'],
        attendees: ['Trần Minh Đức', 'Đặng Văn Tuyến'],
        targets: [{ value: '100%', year: 2025 }],
        deadlines: ['trước ngày 15/01/2025'],
      }),
    ).toEqual({
      chairs: { predicted: 1, expected: 1, matched: 1 },
      attendees: { predicted: 1, expected: 2, matched: 1 },
      targets: { predicted: 2, expected: 1, matched: 1 },
      deadlines: { predicted: 1, expected: 1, matched: 1 },
    });
  });
});
