/**
 * A bounded set of keys remembered for a while, used to make turns idempotent: Teams redelivers an activity it
 * thinks unanswered after about 15 s, and sends both `installationUpdate` and `conversationUpdate` on install.
 * In memory, so per process: with several instances a redelivery reaching another instance is answered again,
 * which is harmless for read-only answers.
 */
export class RecentKeys {
  private readonly seenAt = new Map<string, number>();

  /**
   * @param ttlMs how long a key is remembered, in milliseconds
   * @param maxKeys oldest keys are forgotten beyond this count, so memory stays bounded
   * @param now clock, in milliseconds (injectable for tests)
   */
  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records `key` and returns true if it was already recorded within the TTL. */
  seen(key: string): boolean {
    const t = this.now();
    const previous = this.seenAt.get(key);
    if (previous !== undefined && t - previous < this.ttlMs) return true;
    this.seenAt.delete(key);
    this.seenAt.set(key, t);
    while (this.seenAt.size > this.maxKeys) {
      const oldest = this.seenAt.keys().next();
      if (oldest.done) break;
      this.seenAt.delete(oldest.value);
    }
    return false;
  }
}
