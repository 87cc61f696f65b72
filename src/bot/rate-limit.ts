import type { AppConfig } from '../config.js';

/**
 * How many messages one person may send: a token bucket of `burst` messages refilled at `perMinute` messages a
 * minute (RATE_LIMIT_BURST and RATE_LIMIT_PER_MINUTE, see src/config.ts).
 */
export type RateLimitPolicy = AppConfig['rateLimit'];

/**
 * What to do with one message: `allowed` (answer it), `notify` (over the limit: send the one polite notice of this
 * streak) or `silent` (over the limit, notice already sent: drop it without a word).
 */
export type RateDecision = 'allowed' | 'notify' | 'silent';

/**
 * How many times more card presses (`Action.Execute`) than messages a person may make, burst and refill alike: a
 * press costs a person far less than a question (one click, often several on one card: a three-step declaration is
 * four or five presses, a review two), so the default allows a burst of 30 and one press every second after it,
 * which no one clicking reaches, while a script replaying presses is still held.
 */
export const CARD_ACTION_FACTOR = 3;

/** The card-press bucket of a message policy: both of its numbers times CARD_ACTION_FACTOR. */
export function cardActionPolicy(policy: RateLimitPolicy): RateLimitPolicy {
  return { burst: policy.burst * CARD_ACTION_FACTOR, perMinute: policy.perMinute * CARD_ACTION_FACTOR };
}

/** People followed at most; beyond, the least recently seen are forgotten (their bucket starts full again). */
const MAX_TRACKED_USERS = 10_000;

/**
 * Per-person token buckets, in this process's memory: with several instances each applies the limit on its own,
 * which bounds a flood per instance (the goal) without a database write per message.
 */
export class UserRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number; noticed: boolean }>();

  /** @param now clock in ms (tests pass a fake one) */
  constructor(
    private readonly policy: RateLimitPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one message from `userKey`'s bucket; see {@link RateDecision}. The notice is sent again only after a message was allowed. */
  take(userKey: string): RateDecision {
    const t = this.now();
    const bucket = this.buckets.get(userKey) ?? { tokens: this.policy.burst, at: t, noticed: false };
    this.buckets.delete(userKey);
    this.buckets.set(userKey, bucket);
    if (this.buckets.size > MAX_TRACKED_USERS) this.buckets.delete(this.buckets.keys().next().value as string);
    bucket.tokens = Math.min(this.policy.burst, bucket.tokens + ((t - bucket.at) * this.policy.perMinute) / 60_000);
    bucket.at = t;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.noticed = false;
      return 'allowed';
    }
    if (bucket.noticed) return 'silent';
    bucket.noticed = true;
    return 'notify';
  }
}
