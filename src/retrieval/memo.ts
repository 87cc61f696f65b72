/**
 * Results of a pure computation remembered by key, for structures that never change once built (an index, a
 * vocabulary). Bounded: when `capacity` keys are held the memo is emptied rather than grown for ever, so a stream of
 * distinct inputs (made-up words, pasted text) cannot exhaust memory.
 */
export class BoundedMemo<K, V> {
  private readonly values = new Map<K, V>();

  /** @param capacity most keys held at once (≥ 1) */
  constructor(private readonly capacity: number) {}

  /** The remembered value of `key`, computing and remembering it the first time. */
  get(key: K, compute: (key: K) => V): V {
    if (this.values.has(key)) return this.values.get(key) as V;
    if (this.values.size >= this.capacity) this.values.clear();
    const value = compute(key);
    this.values.set(key, value);
    return value;
  }
}
