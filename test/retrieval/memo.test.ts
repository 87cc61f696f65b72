import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../src/retrieval/memo.js';

describe('BoundedMemo', () => {
  it('computes a key once, null results included', () => {
    const memo = new BoundedMemo<string, string | null>(10);
    let calls = 0;
    const compute = (k: string) => (calls++, k === 'nuage' ? null : k.toUpperCase());
    expect(memo.get('nuage', compute)).toBeNull();
    expect(memo.get('nuage', compute)).toBeNull();
    expect(memo.get('pluie', compute)).toBe('PLUIE');
    expect(calls).toBe(2);
  });

  it('starts over when full instead of growing', () => {
    const memo = new BoundedMemo<number, number>(2);
    let calls = 0;
    const compute = (k: number) => (calls++, k * 2);
    memo.get(1, compute);
    memo.get(2, compute);
    memo.get(3, compute);
    memo.get(1, compute);
    expect(calls).toBe(4);
  });
});
