import type { AskResult, CoveredDocument, Source } from '../../src/answers/types.js';

/** A fictional official document, used by renderer and e2e tests (not a real Québec text). */
export const CHARTER: CoveredDocument = {
  docId: 'charte-fictive',
  title: 'Charte fictive de l’usage responsable des systèmes d’intelligence artificielle',
  versionLabel: '2031',
  publishedOn: '2031-03-14',
  url: 'https://exemple.gouv.qc.ca/charte-fictive.pdf',
  sections: ['Préambule', 'Principe 1 — Loyauté', 'Principe 2 — Clarté', 'Principe 3 — Sobriété'],
};

/** A source of {@link CHARTER} numbered `marker`. */
export function charterSource(marker: number, overrides: Partial<Source> = {}): Source {
  return {
    marker,
    passageId: `charte-fictive@2031#principe-${marker}:${marker}`,
    docId: CHARTER.docId,
    title: CHARTER.title,
    versionLabel: CHARTER.versionLabel,
    publishedOn: CHARTER.publishedOn,
    sectionPath: ['Charte', `Principe ${marker} — Clarté`, 'Illustration'],
    pages: { from: 12, to: 12 + (marker % 2) },
    url: CHARTER.url,
    passageText: `Passage ${marker}. Tout organisme informe clairement la personne qu’elle échange avec un système automatisé.`,
    ...overrides,
  };
}

/** The quote used by {@link answeredResult}. */
export const CLARITY_QUOTE = 'Tout organisme informe clairement la personne qu’elle échange avec un système automatisé.';
export const SOBRIETY_QUOTE = 'Les systèmes retenus sont proportionnés au besoin et sobres en ressources.';

/** An answer with two quotes from two sources. */
export function answeredResult(language: 'fr' | 'en' = 'fr'): AskResult {
  return {
    kind: 'answered',
    language,
    quotes: [
      { text: CLARITY_QUOTE, marker: 1 },
      { text: SOBRIETY_QUOTE, marker: 2 },
    ],
    sources: [charterSource(1), charterSource(2, { sectionPath: ['Charte', 'Principe 3 — Sobriété'], url: null })],
  };
}
