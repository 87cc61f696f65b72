import { describe, expect, it } from 'vitest';
import { PreparedExports } from '../../src/bot/routes/inventory-export.js';

/** The files made for inventory export consent cards, kept for their acceptance: given once, to their asker, for a time, within a budget. */
describe('PreparedExports', () => {
  const bytes = (n: number) => Buffer.alloc(n, 0x61);

  it('gives a file once, to the person it was made for, until it expires', () => {
    let now = 0;
    const kept = new PreparedExports(1_000, 100, () => now);
    const id = kept.keep('admin-a', bytes(10), 2)!;
    expect(kept.take(id, 'admin-b')).toBeNull();
    expect(kept.take(id, 'admin-a')).toMatchObject({ declarations: 2 });
    expect(kept.take(id, 'admin-a')).toBeNull();
    const late = kept.keep('admin-a', bytes(10), 2)!;
    now = 1_000;
    expect(kept.take(late, 'admin-a')).toBeNull();
    expect(kept.take(undefined, 'admin-a')).toBeNull();
  });

  it('drops the oldest files past its budget in bytes, and keeps none larger than the whole budget', () => {
    const kept = new PreparedExports(60_000, 100);
    const first = kept.keep('a', bytes(60), 1)!;
    const second = kept.keep('a', bytes(30), 1)!;
    const third = kept.keep('a', bytes(40), 1)!;
    expect(kept.take(first, 'a')).toBeNull();
    expect(kept.take(second, 'a')).not.toBeNull();
    expect(kept.take(third, 'a')).not.toBeNull();
    expect(kept.keep('a', bytes(101), 1)).toBeUndefined();
  });
});
