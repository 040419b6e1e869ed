import { formatVietnameseDate, toLocal } from './time';

/** What describing an interrupted digest needs from its digest_log entry. */
export interface InterruptedDigest {
  /** Local date of the digest, 'YYYY-MM-DD'. */
  date: string;
  /** Forum topic, 0 outside topics. */
  threadId: number;
  /** ISO instant at which the send was claimed (the interrupted attempt started). */
  claimedAt: string;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * One plain-text line telling that a day's digest was interrupted and will not be sent again, with
 * the local time the send began in `timeZone`: "Bản tin ngày 05/12/2025 bị gián đoạn lúc 07:30
 * (không gửi lại)". The date of that moment is added when it is not the digest's own date (a digest
 * caught up after midnight); the topic when `withTopic` is set (a chat-wide list).
 */
export function describeInterrupted(
  entry: InterruptedDigest,
  timeZone: string,
  options: { withTopic?: boolean } = {},
): string {
  const at = toLocal(new Date(entry.claimedAt), timeZone);
  const time = `${pad2(at.hour)}:${pad2(at.minute)}`;
  const when = at.date === entry.date ? time : `${time} ngày ${formatVietnameseDate(at.date)}`;
  const topic = options.withTopic && entry.threadId ? ` (chủ đề ${entry.threadId})` : '';
  return `Bản tin ngày ${formatVietnameseDate(entry.date)}${topic} bị gián đoạn lúc ${when} (không gửi lại)`;
}
