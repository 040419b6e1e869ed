import path from 'node:path';
import { createFeedbackService, MAX_REASON_CHARS } from '../../src/store/feedback';
import { openDatabase } from '../../src/store/db';
import { makeTempDir } from '../helpers/temp-dir';

describe('feedback store (real SQLite)', () => {
  it('keeps one vote per person and answer, counts them, lists the latest 👎 first', () => {
    const tmp = makeTempDir();
    const db = openDatabase(path.join(tmp.path, 'index'));
    try {
      const feedback = createFeedbackService(db);
      const vote = (userId: number, v: 1 | -1, question: string, at: string) =>
        feedback.record(
          { chatId: -100, messageId: 7, userId, vote: v, question, sources: ['Nghị quyết 2025 · đoạn 3'] },
          new Date(at),
        );
      vote(1, 1, 'chỉ tiêu 2025 là gì?', '2025-12-05T01:00:00Z');
      vote(2, -1, 'chỉ tiêu 2025 là gì?', '2025-12-05T01:01:00Z');
      // A second tap by the same person changes the vote.
      vote(1, -1, 'chỉ tiêu 2025 là gì?', '2025-12-05T01:02:00Z');
      feedback.record(
        { chatId: -100, messageId: 9, userId: 3, vote: -1, question: 'ai chủ trì?', sources: [] },
        new Date('2025-12-05T02:00:00Z'),
      );
      expect(feedback.counts()).toEqual({ up: 0, down: 3 });
      const latest = feedback.latestDown(2);
      expect(latest.map((e) => [e.userId, e.question])).toEqual([
        [3, 'ai chủ trì?'],
        [1, 'chỉ tiêu 2025 là gì?'],
      ]);
      expect(latest[1]!.sources).toEqual(['Nghị quyết 2025 · đoạn 3']);
    } finally {
      db.close();
      tmp.remove();
    }
  });

  it('keeps a one-line reason with the 👎 whose prompt it answers, and only that voter’s', () => {
    const tmp = makeTempDir();
    const db = openDatabase(path.join(tmp.path, 'index'));
    try {
      const feedback = createFeedbackService(db);
      const key = { chatId: -100, messageId: 7, userId: 5 };
      feedback.record(
        { ...key, vote: -1, question: 'chỉ tiêu 2025 là gì?', sources: [] },
        new Date('2025-12-05T01:00:00Z'),
      );
      const prompt = { chatId: 5, messageId: 42 };
      // No prompt recorded yet: nothing waits for a reason.
      expect(feedback.addReason(5, prompt, 'sai tỉnh')).toBe(false);
      feedback.setPrompt(key, prompt);
      // Someone else replying, another message, or a blank line: not a reason.
      expect(feedback.addReason(6, prompt, 'sai tỉnh')).toBe(false);
      expect(feedback.addReason(5, { chatId: 5, messageId: 43 }, 'sai tỉnh')).toBe(false);
      expect(feedback.addReason(5, prompt, '  \n ')).toBe(false);
      const long = 'Trả lời nhầm sang Bình Thuận.\n'.normalize('NFD') + 'x'.repeat(800);
      expect(feedback.addReason(5, prompt, long)).toBe(true);
      const [entry] = feedback.latestDown(1);
      expect(entry!.reason!.length).toBe(MAX_REASON_CHARS);
      expect(entry!.reason).toMatch(/^Trả lời nhầm sang Bình Thuận\. x/u);
    } finally {
      db.close();
      tmp.remove();
    }
  });
});
