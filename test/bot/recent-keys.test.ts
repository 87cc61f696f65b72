import { describe, expect, it } from 'vitest';
import { RecentKeys } from '../../src/bot/recent-keys.js';

describe('RecentKeys', () => {
  it('reports a key seen within the window and forgets it after', () => {
    let now = 0;
    const keys = new RecentKeys(1_000, 10, () => now);
    expect(keys.seen('a')).toBe(false);
    expect(keys.seen('a')).toBe(true);
    now = 1_000;
    expect(keys.seen('a')).toBe(false);
  });

  it('forgets the oldest keys beyond its capacity', () => {
    const keys = new RecentKeys(60_000, 2);
    keys.seen('a');
    keys.seen('b');
    keys.seen('c');
    expect(keys.seen('a')).toBe(false);
    expect(keys.seen('c')).toBe(true);
  });
});
