import { describe, expect, it } from 'vitest';
import { groupByDocumentVersion } from '../../src/answers/source-groups.js';
import { charterSource } from '../helpers/answers.js';

describe('groupByDocumentVersion', () => {
  it('names a document version once with every location it quotes', () => {
    const groups = groupByDocumentVersion([
      charterSource(2, { sectionPath: ['Charte', 'Principe 3 — Sobriété'], pages: { from: 14, to: 14 } }),
      charterSource(1, { sectionPath: ['Charte', 'Principe 1 — Clarté'], pages: { from: 12, to: 13 } }),
    ]);
    expect(groups).toEqual([
      {
        docId: 'charte-fictive',
        title: 'Charte fictive de l’usage responsable des systèmes d’intelligence artificielle',
        versionLabel: '2031',
        publishedOn: '2031-03-14',
        url: 'https://exemple.gouv.qc.ca/charte-fictive.pdf',
        sharedPath: ['Charte'],
        locations: [
          { markers: [1], sectionPath: ['Charte', 'Principe 1 — Clarté'], pages: { from: 12, to: 13 } },
          { markers: [2], sectionPath: ['Charte', 'Principe 3 — Sobriété'], pages: { from: 14, to: 14 } },
        ],
      },
    ]);
  });

  it('orders the locations of a document version as the document runs, not by marker', () => {
    const [group] = groupByDocumentVersion([
      charterSource(1, { ordinal: 9, sectionPath: ['Charte', 'Principe 3 — Sobriété'], pages: { from: 14, to: 14 } }),
      charterSource(2, { ordinal: 2, sectionPath: ['Charte', 'Principe 1 — Clarté'], pages: { from: 12, to: 12 } }),
      charterSource(3, { ordinal: 10, sectionPath: ['Charte', 'Principe 1 — Clarté'], pages: { from: 15, to: 15 } }),
    ]);
    expect(group!.locations.map((l) => l.markers)).toEqual([[2, 3], [1]]);
  });

  it('lets quotes from the same section and pages share one location', () => {
    const same = { sectionPath: ['Charte', 'Préambule'], pages: { from: 3, to: 3 } };
    const [group] = groupByDocumentVersion([charterSource(1, same), charterSource(2, same)]);
    expect(group!.locations).toEqual([{ markers: [1, 2], ...same }]);
  });

  it('names a section once when two passages of it on different pages are quoted, with the pages they span', () => {
    const article = ['Section II — Nuages fictifs', 'Article 12'];
    const [group] = groupByDocumentVersion([
      charterSource(1, { sectionPath: article, pages: { from: 8, to: 8 } }),
      charterSource(2, { sectionPath: ['Section II — Nuages fictifs', 'Article 13'], pages: { from: 9, to: 9 } }),
      charterSource(3, { sectionPath: article, pages: { from: 8, to: 9 } }),
    ]);
    expect(group!.locations).toEqual([
      { markers: [1, 3], sectionPath: article, pages: { from: 8, to: 9 } },
      { markers: [2], sectionPath: ['Section II — Nuages fictifs', 'Article 13'], pages: { from: 9, to: 9 } },
    ]);
  });

  it('keeps the known pages of a section when another of its passages has none', () => {
    const section = ['Charte', 'Préambule'];
    const [group] = groupByDocumentVersion([charterSource(1, { sectionPath: section, pages: null }), charterSource(2, { sectionPath: section, pages: { from: 3, to: 3 } })]);
    expect(group!.locations).toEqual([{ markers: [1, 2], sectionPath: section, pages: { from: 3, to: 3 } }]);
  });

  it('shares the sections all locations lie in, the whole path of one that encloses the others', () => {
    const [siblings] = groupByDocumentVersion([
      charterSource(1, { sectionPath: ['Section II — Nuages fictifs', '§ 1. — Relevés', 'Article 12'] }),
      charterSource(2, { sectionPath: ['Section II — Nuages fictifs', '§ 1. — Relevés', 'Article 14'] }),
    ]);
    expect(siblings!.sharedPath).toEqual(['Section II — Nuages fictifs', '§ 1. — Relevés']);
    const [rule] = groupByDocumentVersion([
      charterSource(1, { sectionPath: ['Principe 1 — Clarté'] }),
      charterSource(2, { sectionPath: ['Principe 1 — Clarté', 'Illustration'] }),
    ]);
    expect(rule!.sharedPath).toEqual(['Principe 1 — Clarté']);
  });

  it('shares no section with one location, or when locations share none', () => {
    expect(groupByDocumentVersion([charterSource(1)])[0]!.sharedPath).toEqual([]);
    const [apart] = groupByDocumentVersion([charterSource(1, { sectionPath: ['Préambule'] }), charterSource(2, { sectionPath: ['Annexe'] })]);
    expect(apart!.sharedPath).toEqual([]);
  });

  it('keeps two versions of a document, and two documents, apart', () => {
    const groups = groupByDocumentVersion([
      charterSource(1),
      charterSource(2, { versionLabel: '2032' }),
      charterSource(3, { docId: 'guide-fictif', title: 'Guide fictif' }),
    ]);
    expect(groups.map((g) => [g.docId, g.versionLabel, g.locations.map((l) => l.markers)])).toEqual([
      ['charte-fictive', '2031', [[1]]],
      ['charte-fictive', '2032', [[2]]],
      ['guide-fictif', '2031', [[3]]],
    ]);
  });

  it('takes the link of the first source that has one', () => {
    const [group] = groupByDocumentVersion([charterSource(1, { url: null }), charterSource(2)]);
    expect(group!.url).toBe('https://exemple.gouv.qc.ca/charte-fictive.pdf');
  });
});
