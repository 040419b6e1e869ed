import { describeFact, describeMeeting } from '../../src/facts/format';
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

describe('describeFact: what kind of statement a date comes from, and who is asked', () => {
  const date = { day: 10, month: 12, year: 2025, text: 'trước ngày 10/12/2025' };
  it.each<[Parameters<typeof describeFact>[0], string]>([
    [
      {
        kind: 'deadline',
        text: 'Rà soát đường mòn',
        date,
        due: true,
        statement: 'deadline',
        assignee: 'Phòng Tham mưu',
      },
      'trước ngày 10/12/2025: Rà soát đường mòn — giao: Phòng Tham mưu',
    ],
    [
      { kind: 'deadline', text: 'Đã hoàn thành kiểm tra', date, due: true, statement: 'result' },
      'trước ngày 10/12/2025: Đã hoàn thành kiểm tra [kết quả đã đạt]',
    ],
    [
      {
        kind: 'deadline',
        text: 'HĐND tỉnh họp',
        date: { ...date, text: 'Chiều 9/12/2025' },
        statement: 'event',
      },
      'Chiều 9/12/2025: HĐND tỉnh họp [sự kiện đã diễn ra]',
    ],
    [
      {
        kind: 'deadline',
        text: 'Trong quý III, tuần tra',
        date: { quarter: 3, year: 2025, text: 'quý III/2025' },
      },
      'quý III/2025: Trong quý III, tuần tra [mốc thời gian]',
    ],
    [
      { kind: 'task', text: 'Sở Tài chính bố trí kinh phí', year: 2025, assignee: 'Sở Tài chính' },
      '[2025] Sở Tài chính bố trí kinh phí',
    ],
  ])('%#', (fact, line) => expect(describeFact(fact)).toBe(line));
});
