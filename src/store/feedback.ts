import type { Db } from './db';

/** One vote on an answer: who, where, 👍 (1) or 👎 (-1), about which question and sources. */
export interface FeedbackVote {
  chatId: number;
  messageId: number;
  userId: number;
  vote: 1 | -1;
  question: string;
  /** The source lines of the passages the answer showed. */
  sources: string[];
}

export interface FeedbackEntry extends FeedbackVote {
  at: string;
  /** The voter's one-line reason for a 👎, when they gave one. */
  reason?: string;
}

/** Which vote: the answer (chat and message) and the person. */
export type VoteKey = Pick<FeedbackVote, 'chatId' | 'messageId' | 'userId'>;

/** Longest reason kept, in characters. */
export const MAX_REASON_CHARS = 500;

export interface FeedbackService {
  /** Records a vote; a second vote by the same person on the same answer replaces the first. */
  record(vote: FeedbackVote, at: Date): void;
  /** Votes in all: 👍 and 👎. */
  counts(): { up: number; down: number };
  /** The latest 👎, newest first. */
  latestDown(limit: number): FeedbackEntry[];
  /** Remembers the message that asked the voter for a reason. */
  setPrompt(vote: VoteKey, prompt: { chatId: number; messageId: number }): void;
  /**
   * Keeps `reason` (one line, trimmed, at most MAX_REASON_CHARS) as the reason of the 👎 whose prompt
   * is `prompt`, when `userId` cast it; false when no such vote is waiting for a reason.
   */
  addReason(userId: number, prompt: { chatId: number; messageId: number }, reason: string): boolean;
}

export function createFeedbackService(db: Db): FeedbackService {
  const insert = db.prepare(
    `INSERT INTO feedback (chat_id, message_id, user_id, vote, question, sources, at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (chat_id, message_id, user_id) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
  );
  return {
    record(v, at) {
      insert.run(
        v.chatId,
        v.messageId,
        v.userId,
        v.vote,
        v.question,
        JSON.stringify(v.sources),
        at.toISOString(),
      );
    },
    counts() {
      const row = db
        .prepare(`SELECT COALESCE(SUM(vote = 1), 0) AS up, COALESCE(SUM(vote = -1), 0) AS down FROM feedback`)
        .get() as { up: number; down: number };
      return { up: row.up, down: row.down };
    },
    setPrompt(vote, prompt) {
      db.prepare(
        `UPDATE feedback SET prompt_chat_id = ?, prompt_message_id = ?
         WHERE chat_id = ? AND message_id = ? AND user_id = ?`,
      ).run(prompt.chatId, prompt.messageId, vote.chatId, vote.messageId, vote.userId);
    },
    addReason(userId, prompt, reason) {
      const line = reason.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, MAX_REASON_CHARS);
      if (!line) return false;
      const result = db
        .prepare(
          `UPDATE feedback SET reason = ?
           WHERE prompt_chat_id = ? AND prompt_message_id = ? AND user_id = ? AND vote = -1`,
        )
        .run(line, prompt.chatId, prompt.messageId, userId);
      return result.changes > 0;
    },
    latestDown(limit) {
      const rows = db
        .prepare(
          `SELECT chat_id, message_id, user_id, vote, question, sources, at, reason FROM feedback
           WHERE vote = -1 ORDER BY at DESC LIMIT ?`,
        )
        .all(limit) as Array<{
        chat_id: number;
        message_id: number;
        user_id: number;
        vote: -1;
        question: string;
        sources: string;
        at: string;
        reason: string | null;
      }>;
      return rows.map((r) => ({
        chatId: r.chat_id,
        messageId: r.message_id,
        userId: r.user_id,
        vote: r.vote,
        question: r.question,
        sources: JSON.parse(r.sources) as string[],
        at: r.at,
        ...(r.reason ? { reason: r.reason } : {}),
      }));
    },
  };
}
