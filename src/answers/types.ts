import type { PageRange } from '../knowledge/types.js';

/** Languages Balises answers in. Quotes stay in the language of the documents (French). */
export type Language = 'fr' | 'en';

/** Where a quote comes from: enough to cite it (document, version, section, pages, link). */
export interface Source {
  /** 1-based marker number used in the answer text as `[n]`. */
  marker: number;
  passageId: string;
  /** 0-based position of the quoted passage in its document version (reading order): orders a source line. */
  ordinal: number;
  docId: string;
  title: string;
  versionLabel: string;
  publishedOn: string | null;
  sectionPath: string[];
  pages: PageRange | null;
  url: string | null;
  /** The whole passage text, verbatim. */
  passageText: string;
}

/**
 * An excerpt quoted verbatim from a passage, with the marker of its source: one sentence, or a sentence with the
 * sentences before it that it depends on (see answers/anaphora.ts). Always a substring of the passage text.
 */
export interface QuotedSentence {
  text: string;
  marker: number;
  /**
   * The quote opens in the middle of a list or of a thought in a way only its passage shows (see opensMidList and
   * opensAfterItsAntecedent in quotes.ts): renderers put « […] » before it, as before a quote that continuesBefore.
   * Absent when not.
   */
  lead?: boolean;
  /**
   * The quote introduces a list and stops before its passage's next item (see stopsMidList in quotes.ts): renderers
   * put « […] » after it, as after a quote that continuesAfter. Absent when not.
   */
  trail?: boolean;
  /**
   * The question its section's heading asks (an FAQ's « Est-il possible de générer des images ? »), when the quote
   * opens with the bare yes or no that answers it (« Non, la génération… »; see answeredHeading in ask.ts): read
   * alone, that yes or no seems to answer the user's own question, so renderers name the heading it answers. Absent
   * when not.
   */
  answersHeading?: string;
}

/** One numbered heading of a counted series, verbatim, and the marker of its source (Source.marker). */
export interface CountedHeading {
  /** The heading's number as written (`4`, `3.2`). */
  number: string;
  /** The heading as the document writes it (« 4. Principe de la sécurité »): a quote, never reworded. */
  heading: string;
  marker: number;
}

/**
 * A document version's parts of the kind a count question asks about, as its numbered headings show them: `count`
 * is the number of parts those headings number, each number once (`headings.length`, or more when a heading names
 * several parts: « Articles 47 à 49 » is three), not a number any text states, and says nothing of parts the
 * numbering skips (1, 2, 4 are three).
 */
export interface CountedSeries {
  docId: string;
  title: string;
  versionLabel: string;
  publishedOn: string | null;
  url: string | null;
  count: number;
  /** In number order, then reading order. */
  headings: CountedHeading[];
}

/** A document the index covers, listed when Balises abstains and by the `sources` command. */
export interface CoveredDocument {
  docId: string;
  title: string;
  versionLabel: string;
  publishedOn: string | null;
  url: string | null;
  /** Top-level section titles, in reading order. */
  sections: string[];
}

/**
 * Result of asking a question. A closed union: `answered` carries only verbatim quotes and their sources;
 * `uncertain` carries the same, but they are the closest passages found, which may not answer the question exactly
 * (the user must be told so); `not_covered` means the indexed documents do not answer the question (abstention) and
 * carries what they do cover, and the numbered part the question names that no document has, when that is why
 * (`missingPart`, as the question writes it: « principe 11 »); `empty_index` means nothing is indexed yet;
 * `no_subject` means the question names nothing to search for (« C’est quoi? », "What is it?": only stop words), so
 * nothing was searched and the person is asked what they are asking about. `counted` answers a count question
 * (« Combien de principes… ») that no passage answers in words by the documents' numbered headings
 * (retrieval/numbered-series.ts): per document version, how many parts its headings number (`series`) and those
 * headings verbatim, each cited by its marker in `sources` (the section it heads, with the first passage under it);
 * `noun` is the counted noun as the question writes it (« principes »). Extractive like `answered`.
 */
export type AskResult =
  | { kind: 'answered'; language: Language; quotes: QuotedSentence[]; sources: Source[] }
  | { kind: 'uncertain'; language: Language; quotes: QuotedSentence[]; sources: Source[] }
  | { kind: 'counted'; language: Language; noun: string; series: CountedSeries[]; sources: Source[] }
  | { kind: 'not_covered'; language: Language; covered: CoveredDocument[]; missingPart?: string }
  | { kind: 'empty_index'; language: Language }
  | { kind: 'no_subject'; language: Language };
