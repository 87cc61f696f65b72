import { createHash } from 'node:crypto';
import type { GeneratedAnswer } from '../answers/generative.js';
import type { AskResult } from '../answers/types.js';
import { maskPersonalInformation } from './mask.js';
import type { AnswerTrace, FeedbackRepository, MessageRef, PassageTally, Reaction, StoredRating } from './types.js';

/** Longest question kept (masked) with a rating, in characters; the ask route already cuts questions at 2 000. */
export const MAX_KEPT_QUESTION_CHARS = 2_000;
/** Longest feedback comment kept (masked), in characters: a few sentences; Teams' dialog does not bound it. */
export const MAX_KEPT_COMMENT_CHARS = 1_000;
/** Longer than any identifier maskPersonalInformation masks (an e-mail address is at most 254 characters). */
const LONGEST_IDENTIFIER_CHARS = 256;

/**
 * The first `max` characters of `text` once masked. Masked before the cut: cut first, an address or a number across
 * the limit lost the end that makes it recognisable (`jean.tremblay@exem`, `046 454 2`) and was kept in clear.
 * Masking reads only what may reach the kept part, so a long paste costs no more than `max`.
 */
function maskedPrefix(text: string, max: number): string {
  return maskPersonalInformation(text.slice(0, max + LONGEST_IDENTIFIER_CHARS)).slice(0, max);
}

/** How often the server purges expired feedback, in ms (besides once at start). */
export const PURGE_INTERVAL_MS = 24 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/** How feedback is kept: from FEEDBACK_KEEP_QUESTIONS and FEEDBACK_RETENTION_DAYS (see src/config.ts). */
export interface FeedbackPolicy {
  /** Keep the question, and the comment typed with a rating, masked of personal information. */
  keepQuestions: boolean;
  /** Answer traces and ratings older than this many days are deleted. */
  retentionDays: number;
}

/** The ratings and the passages most often disliked, for the governance team (`balises feedback`). */
export interface FeedbackReport {
  ratings: StoredRating[];
  /** Every passage rated at least once with a dislike, most dislikes first, then fewest likes. */
  dislikedPassages: PassageTally[];
}

/** The feedback use cases. Transport-free: the bot passes message ids and reactions, never Teams types. */
export interface FeedbackService {
  /** Remembers what a sent answer carried (and its masked question when the policy keeps questions). */
  rememberAnswer(ref: MessageRef, trace: AnswerTrace, question: string): Promise<void>;
  /**
   * Stores one person's rating of a message, once: a second rating of the same message by the same person (a
   * redelivered invoke, a double click) changes nothing. `raterId` is hashed before it is stored; `comment` (typed in
   * the feedback dialog) is kept masked and cut to MAX_KEPT_COMMENT_CHARS when the policy keeps questions, else dropped.
   * A rating that does not say which message it rates (`messageId` null: Teams always says, the M365 Agents
   * Playground 0.2.28 does not) is taken for the conversation's latest remembered answer.
   * @returns `recorded`; `duplicate` when this person had already rated this message; `unknown_message` when no
   *   message is named and none is remembered in the conversation (nothing stored)
   */
  rate(
    ref: { conversationId: string; messageId: string | null },
    raterId: string,
    reaction: Reaction,
    comment?: string | null,
  ): Promise<'recorded' | 'duplicate' | 'unknown_message'>;
  /** Deletes what is older than the retention period; returns how many rows went. */
  purgeExpired(): Promise<number>;
  report(): Promise<FeedbackReport>;
}

/**
 * What an answer carried, from the ask use case's result: outcome, language, sources in marker order (any outcome
 * that carries sources, so a later outcome with quotes is traced as well). A generated answer (`generated`, see
 * answers/generative.ts) is traced with its outcome suffixed `_generated` (`answered_generated`,
 * `uncertain_generated`) and the passages it cited, so that a 👎 on a model's wording is told from one on a quote.
 */
export function traceOf(result: AskResult, generated?: Pick<GeneratedAnswer, 'sources'>): AnswerTrace {
  const sources = generated?.sources ?? ('sources' in result ? result.sources : []);
  const passages = [...sources]
    .sort((a, b) => a.marker - b.marker)
    .map((s) => ({ passageId: s.passageId, docId: s.docId, versionLabel: s.versionLabel }));
  return { outcome: generated ? `${result.kind}_generated` : result.kind, language: result.language, passages };
}

/**
 * The feedback service over a repository.
 * @param now the clock (tests pass a fixed one)
 */
export function createFeedbackService(repository: FeedbackRepository, policy: FeedbackPolicy, now: () => Date = () => new Date()): FeedbackService {
  return {
    async rememberAnswer(ref, trace, question) {
      const kept = policy.keepQuestions ? maskedPrefix(question, MAX_KEPT_QUESTION_CHARS) : null;
      await repository.saveAnswer(ref, trace, kept, now().toISOString());
    },
    async rate({ conversationId, messageId: named }, raterId, reaction, comment = null) {
      const messageId = named ?? (await repository.latestAnswerId(conversationId));
      if (messageId === null) return 'unknown_message';
      const ref = { conversationId, messageId };
      const answer = await repository.getAnswer(ref);
      const recorded = await repository.insertRating({
        ...ref,
        userKey: createHash('sha256').update(raterId).digest('hex'),
        reaction,
        ratedAt: now().toISOString(),
        outcome: answer?.trace.outcome ?? 'unknown',
        language: answer?.trace.language ?? null,
        passages: answer?.trace.passages ?? [],
        question: answer?.question ?? null,
        comment: policy.keepQuestions && comment?.trim() ? maskedPrefix(comment.trim(), MAX_KEPT_COMMENT_CHARS) : null,
      });
      return recorded ? 'recorded' : 'duplicate';
    },
    purgeExpired() {
      return repository.purgeBefore(new Date(now().getTime() - policy.retentionDays * DAY_MS).toISOString());
    },
    async report() {
      const ratings = await repository.ratings();
      return { ratings, dislikedPassages: tallyDisliked(ratings) };
    },
  };
}

function tallyDisliked(ratings: StoredRating[]): PassageTally[] {
  const tallies = new Map<string, PassageTally>();
  for (const rating of ratings) {
    for (const p of rating.passages) {
      const key = `${p.passageId}\u0000${p.versionLabel}`;
      const tally = tallies.get(key) ?? { ...p, dislikes: 0, likes: 0 };
      if (rating.reaction === 'dislike') tally.dislikes++;
      else tally.likes++;
      tallies.set(key, tally);
    }
  }
  return [...tallies.values()]
    .filter((t) => t.dislikes > 0)
    .sort((a, b) => b.dislikes - a.dislikes || a.likes - b.likes || a.passageId.localeCompare(b.passageId));
}
