import { ConversationMemory, followUpCore, mergeFollowUp } from '../../src/bot/follow-up';

describe('followUpCore: what a follow-up changes', () => {
  it.each<[string, string | null]>([
    ['còn Ninh Thuận thì sao?', 'Ninh Thuận'],
    ['con ninh thuan thi sao', 'ninh thuan'],
    ['Còn năm 2024 thì sao?'.normalize('NFD'), 'năm 2024'],
    ['thế còn ai dự?', 'ai dự'],
    ['BĐBP Bình Thuận thì sao', 'BĐBP Bình Thuận'],
    ['ai chủ trì hội nghị?', null],
    ['chỉ tiêu năm 2025 của BĐBP tỉnh Bình Thuận là gì', null],
    ['thì sao', null],
  ])('%s → %s', (message, core) => expect(followUpCore(message)).toBe(core));
});

describe('mergeFollowUp: the follow-up read with the previous question', () => {
  it.each<[string, string, string | null]>([
    [
      'ai chủ trì hội nghị tổng kết năm 2024 của BĐBP Ninh Thuận',
      'còn Bình Thuận thì sao?',
      'ai chủ trì hội nghị tổng kết năm 2024 của BĐBP Bình Thuận',
    ],
    [
      'chỉ tiêu năm 2025 của BĐBP tỉnh Quảng Ninh',
      'còn năm 2024 thì sao?',
      'chỉ tiêu năm của BĐBP tỉnh Quảng Ninh năm 2024',
    ],
    [
      'ai chủ trì hội nghị tổng kết năm 2024 của BĐBP Ninh Thuận',
      'thế còn ai dự?',
      'ai dự hội nghị tổng kết năm 2024 của BĐBP Ninh Thuận',
    ],
    [
      'chỉ tiêu năm 2025 của BĐBP Kiên Giang',
      'còn Bộ CHQS thì sao',
      'chỉ tiêu năm 2025 của Kiên Giang Bộ CHQS',
    ],
    ['chỉ tiêu năm 2025 của BĐBP Kiên Giang', 'tổng kết năm 2024 đạt gì', null],
  ])('%s + %s', (previous, message, merged) => expect(mergeFollowUp(previous, message)).toBe(merged));
});

describe('ConversationMemory', () => {
  it('remembers questions by answer message and by chat, for 30 minutes', () => {
    let now = new Date('2025-12-05T01:00:00Z');
    const memory = new ConversationMemory(() => now);
    memory.remember(-100, [501, 502], 'chỉ tiêu 2025 của BĐBP Ninh Thuận');
    expect(memory.answeredBy(-100, 502)).toBe('chỉ tiêu 2025 của BĐBP Ninh Thuận');
    expect(memory.answeredBy(-100, 503)).toBeUndefined();
    expect(memory.answeredBy(-200, 502)).toBeUndefined();
    expect(memory.lastIn(-100)).toBe('chỉ tiêu 2025 của BĐBP Ninh Thuận');
    now = new Date('2025-12-05T01:31:00Z');
    expect(memory.answeredBy(-100, 502)).toBeUndefined();
    expect(memory.lastIn(-100)).toBeUndefined();
  });
});
