import { describe, expect, it } from 'vitest';
import { PASSAGES_PER_DOCUMENT, seededRandom, syntheticPassages } from '../../src/bench/synthetic-corpus.js';

describe('syntheticPassages', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(syntheticPassages(30, 7)).toEqual(syntheticPassages(30, 7));
    expect(syntheticPassages(30, 7).map((p) => p.text)).not.toEqual(syntheticPassages(30, 8).map((p) => p.text));
    expect(seededRandom(3)()).toBe(seededRandom(3)());
  });

  it('makes unique ids in the real format, grouped in documents', () => {
    const passages = syntheticPassages(2 * PASSAGES_PER_DOCUMENT + 1);
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
    for (const p of passages) expect(p.id).toBe(`${p.docId}@${p.versionLabel}#${p.section.id}:${p.ordinal}`);
    expect(new Set(passages.map((p) => p.docId)).size).toBe(3);
  });

  it('writes French sentences ending with a full stop', () => {
    for (const p of syntheticPassages(20)) expect(p.text).toMatch(/^[A-ZÉL].*\.$/);
  });
});
