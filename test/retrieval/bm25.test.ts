import { describe, expect, it } from 'vitest';
import { BM25_K1, Bm25Index, type Bm25Document } from '../../src/retrieval/bm25.js';

const doc = (text: string, heading = ''): Bm25Document => ({
  text: text.split(' ').filter(Boolean),
  heading: heading.split(' ').filter(Boolean),
});
const query = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('Bm25Index', () => {
  it('ranks a document whose heading contains the term above one that has it in the body only', () => {
    const index = new Bm25Index([doc('vent pluie', ''), doc('nuage pluie', ''), doc('vent pluie', 'nuage')]);
    expect(index.search(query({ nuage: 1 }), 10).map((h) => h.doc)).toEqual([2, 1]);
  });

  it('ranks documents with more occurrences of a term higher', () => {
    const index = new Bm25Index([doc('nuage vent vent vent'), doc('nuage nuage nuage vent'), doc('pluie grele')]);
    expect(index.search(query({ nuage: 1 }), 10).map((h) => h.doc)).toEqual([1, 0]);
  });

  it('lets a higher-weighted query term count more', () => {
    const index = new Bm25Index([doc('nuage vent'), doc('pluie vent'), doc('soleil grele')]);
    expect(index.search(query({ nuage: 1, pluie: 0.5 }), 10).map((h) => h.doc)).toEqual([0, 1]);
    expect(index.search(query({ nuage: 0.5, pluie: 1 }), 10).map((h) => h.doc)).toEqual([1, 0]);
  });

  it('ignores query terms of weight zero', () => {
    const index = new Bm25Index([doc('nuage'), doc('pluie')]);
    expect(index.search(query({ nuage: 0, pluie: 1 }), 10).map((h) => h.doc)).toEqual([1]);
  });

  it('gives a rare term a higher idf than a common one, and every idf is positive', () => {
    const index = new Bm25Index([doc('nuage pluie'), doc('nuage vent'), doc('nuage grele')]);
    expect(index.idf('pluie')).toBeGreaterThan(index.idf('nuage'));
    expect(index.idf('nuage')).toBeGreaterThan(0);
    expect(index.idf('inconnu')).toBeGreaterThan(index.idf('pluie'));
  });

  it('counts the documents that contain a term', () => {
    const index = new Bm25Index([doc('nuage pluie'), doc('nuage', 'nuage'), doc('vent')]);
    expect(index.df('nuage')).toBe(2);
    expect(index.df('inconnu')).toBe(0);
  });

  it('lists the documents holding a term, in index order', () => {
    const index = new Bm25Index([doc('nuage pluie'), doc('vent'), doc('nuage', 'nuage')]);
    expect([...index.docsWith('nuage')]).toEqual([0, 2]);
    expect([...index.docsWith('inconnu')]).toEqual([]);
  });

  it('never scores a term in a document above its saturated weight × idf', () => {
    const index = new Bm25Index([doc('nuage nuage nuage nuage', 'nuage'), doc('vent'), doc('pluie')]);
    const [hit] = index.search(query({ nuage: 1 }), 1);
    expect(hit!.score).toBeLessThanOrEqual(index.idf('nuage') * (BM25_K1 + 1));
    expect(index.idfOf(index.df('nuage'))).toBe(index.idf('nuage'));
  });

  it('returns nothing for an empty query', () => {
    expect(new Bm25Index([doc('nuage')]).search(new Map(), 10)).toEqual([]);
  });

  it('returns nothing when no document contains a query term', () => {
    expect(new Bm25Index([doc('nuage')]).search(query({ parapluie: 1 }), 10)).toEqual([]);
  });

  it('returns at most limit hits, best first, with the terms each matched', () => {
    const index = new Bm25Index([doc('nuage'), doc('nuage pluie'), doc('pluie'), doc('vent')]);
    const hits = index.search(query({ nuage: 1, pluie: 1 }), 2);
    expect(hits).toHaveLength(2);
    expect(hits[0]!.doc).toBe(1);
    expect(hits[0]!.matched.sort()).toEqual(['nuage', 'pluie']);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
  });

  it('breaks a tie by document order whatever order the query lists its terms in', () => {
    // Equal in exact arithmetic; summed in the two orders, 0.3 + 0.6 + 0.1 and 0.1 + 0.6 + 0.3 differ in the last bit.
    const index = new Bm25Index([doc('nuage vent pluie'), doc('soleil grele orage'), doc('brume')]);
    const hits = index.search(query({ nuage: 0.3, vent: 0.6, pluie: 0.1, orage: 0.1, grele: 0.6, soleil: 0.3 }), 3);
    expect(hits.map((h) => h.doc)).toEqual([0, 1]);
    expect(hits[0]!.score).toBe(hits[1]!.score);
  });

  it('gives the same scores when searched twice', () => {
    const index = new Bm25Index([doc('nuage pluie'), doc('nuage')]);
    const q = query({ nuage: 1, pluie: 1 });
    expect(index.search(q, 10)).toEqual(index.search(q, 10));
  });

  it('works on an empty index', () => {
    const index = new Bm25Index([]);
    expect(index.size).toBe(0);
    expect(index.search(query({ nuage: 1 }), 10)).toEqual([]);
  });

  describe('synonym groups', () => {
    // « zq » is an acronym whose long form is « zone quarantaine »; « grele » is another word of the question.
    const docs = [doc('zone quarantaine zq zone quarantaine'), doc('zq grele'), doc('zone vent'), doc('pluie grele'), doc('pluie vent')];
    const asked = query({ zone: 0.8, quarantaine: 0.8, zq: 1, grele: 1 });
    const acronym = [['zone', 'quarantaine'], ['zq']];

    it('scores an acronym and its long form as one term: a document holding both things asked outranks one holding the acronym three ways', () => {
      const index = new Bm25Index(docs);
      expect(index.search(asked, 1)[0]!.doc).toBe(0);
      expect(index.search(asked, 1, [acronym])[0]!.doc).toBe(1);
    });

    it('matches a long form of several words only where every word occurs, and still lists each query term a hit holds', () => {
      const index = new Bm25Index(docs);
      const hits = index.search(query({ zone: 0.8, quarantaine: 0.8, zq: 1 }), 10, [acronym]);
      expect(hits.map((h) => h.doc).sort()).toEqual([0, 1]);
      expect(hits.find((h) => h.doc === 0)!.matched.sort()).toEqual(['quarantaine', 'zone', 'zq']);
    });

    it('weighs the group as its heaviest alternative, its document frequency that of the documents holding any alternative', () => {
      const index = new Bm25Index(docs);
      const { weight, docs: holding } = index.synonymFrequencies(acronym, asked);
      expect(weight).toBe(1);
      expect([...holding].sort()).toEqual([0, 1]);
      const [hit] = index.search(query({ zq: 1 }), 1, [acronym]);
      expect(hit!.score).toBeLessThanOrEqual(index.idfOf(2) * (BM25_K1 + 1));
    });
  });
});
