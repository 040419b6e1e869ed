import { describeInterrupted } from '../../src/digest/delivery';

describe('describeInterrupted', () => {
  it.each<[string, { date: string; threadId: number; claimedAt: string }, string, boolean, string]>([
    [
      'morning send in Hà Nội',
      { date: '2025-12-05', threadId: 0, claimedAt: '2025-12-05T00:30:00.000Z' },
      'Asia/Ho_Chi_Minh',
      false,
      'Bản tin ngày 05/12/2025 bị gián đoạn lúc 07:30 (không gửi lại)',
    ],
    [
      'seconds are dropped, minutes padded',
      { date: '2025-01-09', threadId: 0, claimedAt: '2025-01-09T01:05:59.999Z' },
      'Asia/Ho_Chi_Minh',
      false,
      'Bản tin ngày 09/01/2025 bị gián đoạn lúc 08:05 (không gửi lại)',
    ],
    [
      'a late-evening digest caught up after local midnight names the day of the attempt',
      { date: '2025-12-05', threadId: 0, claimedAt: '2025-12-05T17:10:00.000Z' },
      'Asia/Ho_Chi_Minh',
      false,
      'Bản tin ngày 05/12/2025 bị gián đoạn lúc 00:10 ngày 06/12/2025 (không gửi lại)',
    ],
    [
      'in the chat’s own zone, summer time',
      { date: '2025-07-01', threadId: 0, claimedAt: '2025-07-01T05:30:00.000Z' },
      'Europe/Berlin',
      false,
      'Bản tin ngày 01/07/2025 bị gián đoạn lúc 07:30 (không gửi lại)',
    ],
    [
      'a forum topic, in a chat-wide list',
      { date: '2025-12-05', threadId: 55, claimedAt: '2025-12-05T10:00:00.000Z' },
      'Asia/Ho_Chi_Minh',
      true,
      'Bản tin ngày 05/12/2025 (chủ đề 55) bị gián đoạn lúc 17:00 (không gửi lại)',
    ],
    [
      'no topic named for the chat itself',
      { date: '2025-12-05', threadId: 0, claimedAt: '2025-12-05T10:00:00.000Z' },
      'Asia/Ho_Chi_Minh',
      true,
      'Bản tin ngày 05/12/2025 bị gián đoạn lúc 17:00 (không gửi lại)',
    ],
  ])('%s', (_name, entry, zone, withTopic, expected) => {
    expect(describeInterrupted(entry, zone, { withTopic })).toBe(expected);
  });
});
