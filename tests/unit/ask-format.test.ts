import { askJson, formatAskText } from '../../src/commands/ask';
import type { AskResult } from '../../src/search/types';

const result = (others?: string[]): AskResult => ({
  question: 'chỉ tiêu 2025 là gì?',
  found: true,
  mode: 'keyword',
  answer: {
    text: 'Chỉ tiêu năm 2025 của Huyện ủy Hải Hậu (2): Thu ngân sách đạt 450 tỷ đồng; tỷ lệ hộ nghèo dưới 0,9%',
    passageId: 1,
    kind: 'target',
    ...(others ? { others } : {}),
  },
  results: [],
});

describe('chithi ask: the other documents a direct answer could have come from', () => {
  it.each<[string[] | undefined, string | null]>([
    [undefined, null],
    [[], null],
    [['Đảng ủy BĐBP tỉnh Ninh Thuận'], 'Tài liệu khác cũng có nội dung này: Đảng ủy BĐBP tỉnh Ninh Thuận.'],
    [
      [
        'Đảng ủy BĐBP tỉnh Ninh Thuận',
        'UBND thành phố Đà Nẵng',
        'Sở Y tế tỉnh Bắc Ninh',
        'Tỉnh ủy Lâm Đồng',
        'ĐUQS Hà Tĩnh',
      ],
      'Tài liệu khác cũng có nội dung này: Đảng ủy BĐBP tỉnh Ninh Thuận; UBND thành phố Đà Nẵng; Sở Y tế tỉnh Bắc Ninh và 2 tài liệu khác.',
    ],
  ])('%j', (others, line) => {
    const text = formatAskText(result(others), false);
    expect(text.startsWith('Trả lời: Chỉ tiêu năm 2025 của Huyện ủy Hải Hậu')).toBe(true);
    if (line) expect(text.split('\n')).toContain(line);
    else expect(text).not.toContain('Tài liệu khác');
    const json = JSON.parse(askJson(result(others))) as { others?: string[] };
    expect(json.others).toEqual(others?.length ? others : undefined);
  });
});
