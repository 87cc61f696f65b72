import { z } from 'zod';

/** Teams' two reactions on a bot message (👍 `like`, 👎 `dislike`). */
export const REACTIONS = ['like', 'dislike'] as const;
export type Reaction = (typeof REACTIONS)[number];

/**
 * A bot message, as the connector names it: the conversation and the id the connector gave the sent activity
 * (what Teams puts in the feedback invoke's `replyToId`). Ids are unique only within a conversation.
 */
export interface MessageRef {
  conversationId: string;
  messageId: string;
}

/** A passage an answer quoted or listed, with the document version it belongs to. */
export const AnswerPassage = z.object({
  passageId: z.string(),
  docId: z.string(),
  versionLabel: z.string(),
});
export type AnswerPassage = z.infer<typeof AnswerPassage>;

/**
 * What a sent answer carried, remembered per message so that a later rating says what it rates: the outcome
 * (`answered`, `uncertain`, `not_covered`, `empty_index`, or any later kind of the ask use case), the language of the answer
 * and its sources in marker order.
 */
export interface AnswerTrace {
  outcome: string;
  language: string;
  passages: AnswerPassage[];
}

/** A stored rating: one per (message, user), with what the rated answer carried when it was sent. */
export interface StoredRating {
  conversationId: string;
  messageId: string;
  /** SHA-256 of the rater's id: ratings count once per person without storing who they are. */
  userKey: string;
  reaction: Reaction;
  /** ISO 8601, UTC. */
  ratedAt: string;
  /** `unknown` when the bot has no trace of the message (sent before this version, or by another instance). */
  outcome: string;
  language: string | null;
  passages: AnswerPassage[];
  /** The question, masked of personal information; null unless FEEDBACK_KEEP_QUESTIONS is on. */
  question: string | null;
  /**
   * What the rater typed in Teams' feedback dialog (« What went wrong? »), masked of personal information like the
   * question; null when they typed nothing or FEEDBACK_KEEP_QUESTIONS is off (what a person types is kept under the
   * same rule as what they asked).
   */
  comment: string | null;
}

/** A passage and how often answers quoting it were rated, most disliked first. */
export interface PassageTally {
  passageId: string;
  docId: string;
  versionLabel: string;
  dislikes: number;
  likes: number;
}

/**
 * Where answer traces and ratings are kept. Implemented over the knowledge base's SQLite file
 * (./sqlite-repository.ts); the same contract could be met by PostgreSQL.
 */
export interface FeedbackRepository {
  /** Stores (or replaces, on redelivery) the trace of a sent answer. */
  saveAnswer(ref: MessageRef, trace: AnswerTrace, question: string | null, sentAt: string): Promise<void>;
  /** The id of the latest answer remembered in a conversation, or null when none is. */
  latestAnswerId(conversationId: string): Promise<string | null>;
  /** The trace and question of a sent answer, or null when none is stored. */
  getAnswer(ref: MessageRef): Promise<{ trace: AnswerTrace; question: string | null } | null>;
  /** Inserts the rating; false when this person already rated this message (the first rating stays). */
  insertRating(rating: StoredRating): Promise<boolean>;
  /** Every rating, most recent first. */
  ratings(): Promise<StoredRating[]>;
  /** Deletes answer traces and ratings older than `before` (ISO 8601); returns how many rows went. */
  purgeBefore(before: string): Promise<number>;
  close(): Promise<void>;
}
