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
    ordinal: marker,
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

/**
 * `count` fictional documents with realistic titles, URLs and fifteen top-level sections. Titles end with a
 * zero-padded number so that no title is a prefix of another.
 */
export function manyDocuments(count: number, overrides: Partial<CoveredDocument> = {}): CoveredDocument[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return {
      docId: `directive-fictive-${n}`,
      title: `Directive fictive sur l’usage des systèmes d’intelligence artificielle dans l’organisme n° ${n}`,
      versionLabel: '2031-01',
      publishedOn: '2031-01-15',
      url: `https://exemple.gouv.qc.ca/directives/directive-fictive-${n}.pdf`,
      sections: Array.from({ length: 15 }, (_, j) => `Chapitre ${j + 1} — Obligations de l’organisme`),
      ...overrides,
    };
  });
}

/** A fictional passage of about `chars` characters made of words, with no sentence end (as a bad extraction gives). */
export function unendingPassage(chars: number): string {
  const words = ['l’organisme', 'documente', 'chaque', 'système', 'd’intelligence', 'artificielle', 'avec', 'rigueur', 'et', 'clarté'];
  let text = '';
  for (let i = 0; text.length < chars; i++) text += `${words[i % words.length]}${i % 97 === 96 ? ', ' : ' '}`;
  // Opens like a sentence (a capital), so renderers do not mark it as starting mid-sentence.
  return `${text.charAt(0).toUpperCase()}${text.slice(1).trimEnd()}`;
}
