import { describeMeeting } from '../../src/facts/format';
import type { MeetingFact } from '../../src/facts/types';

const chair = { name: 'Ngô Văn Lãng', roles: ['Bí thư Đảng ủy', 'Chính ủy BĐBP tỉnh'] };

function meeting(eventName: string | undefined, eventType = 'hội nghị'): MeetingFact {
  return { kind: 'meeting', eventType, ...(eventName ? { eventName } : {}), chairs: [chair], attendees: [] };
}

describe('describeMeeting: the event inside the sentence', () => {
  test.each([
    ['no name: the event type', undefined, 'chủ trì hội nghị'],
    [
      'sentence case: first letter lowered',
      'Hội nghị Ban Chấp hành Đảng bộ',
      'chủ trì hội nghị Ban Chấp hành Đảng bộ',
    ],
    [
      'all capitals: kept as written',
      'HỘI NGHỊ ĐẢNG ỦY QUÂN SỰ TỈNH',
      'chủ trì HỘI NGHỊ ĐẢNG ỦY QUÂN SỰ TỈNH',
    ],
    ['an abbreviation first: kept', 'BĐBP tỉnh tổng kết năm 2024', 'chủ trì BĐBP tỉnh tổng kết năm 2024'],
    [
      'NFD sentence case',
      'Hội nghị sơ kết'.normalize('NFD'),
      'chủ trì ' + 'hội nghị sơ kết'.normalize('NFD'),
    ],
  ])('%s', (_name, eventName, expected) => {
    const line = describeMeeting(meeting(eventName));
    expect(line).toContain(expected);
    expect(line.startsWith('Đồng chí Ngô Văn Lãng') || line.startsWith('Ngô Văn Lãng')).toBe(true);
  });
});
