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
}

export interface FeedbackService {
  /** Records a vote; a second vote by the same person on the same answer replaces the first. */
  record(vote: FeedbackVote, at: Date): void;
  /** Votes in all: 👍 and 👎. */
  counts(): { up: number; down: number };
  /** The latest 👎, newest first. */
  latestDown(limit: number): FeedbackEntry[];
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
    latestDown(limit) {
      const rows = db
        .prepare(
          `SELECT chat_id, message_id, user_id, vote, question, sources, at FROM feedback
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
      }>;
      return rows.map((r) => ({
        chatId: r.chat_id,
        messageId: r.message_id,
        userId: r.user_id,
        vote: r.vote,
        question: r.question,
        sources: JSON.parse(r.sources) as string[],
        at: r.at,
      }));
    },
  };
}
