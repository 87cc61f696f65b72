import { readsAsHeading } from '../knowledge/sections.js';
import type { PassageRecord } from '../knowledge/types.js';
import { surfaceWords, terms, type Analyser } from '../retrieval/analyse.js';
import type { CountedParts } from '../retrieval/numbered-series.js';
import type { PassageIndex } from '../retrieval/types.js';
import { detectLanguage } from './language.js';
import { opensAfterItsAntecedent, opensMidList, selectQuotes, stopsBeforeNextItem, stopsMidList } from './quotes.js';
import type { AskResult, CountedSeries, CoveredDocument, Language, QuotedSentence, Source } from './types.js';

/** A quote's opening yes or no (« Oui, … », « Non. », "Yes, …"), which answers a question asked before it. */
const BARE_YES_OR_NO = /^(?:oui|non|yes|no)\s*[,.;:!]/iu;

/**
 * The heading a quote's opening yes or no answers: the last heading of its section when that heading is a question
 * (ends with `?`) and the quote opens with a bare « Oui » / « Non » (BARE_YES_OR_NO), as an FAQ answers its questions.
 * @returns the heading, as written; undefined otherwise
 */
function answeredHeading(quote: string, sectionPath: readonly string[]): string | undefined {
  const heading = sectionPath.at(-1)?.trim();
  return heading !== undefined && /\?$/u.test(heading) && BARE_YES_OR_NO.test(quote.trimStart()) ? heading : undefined;
}

/**
 * The source a quote of passage `p` cites, under marker `marker`, located by `sectionPath` (its section's headings,
 * or the part of them down to a heading quoted). Debris headings of a dirty extraction (`.`, `O n section vi n`)
 * locate nothing for a reader and are left out.
 */
function sourceOf(p: PassageRecord, marker: number, sectionPath: readonly string[]): Source {
  return {
    marker,
    passageId: p.id,
    ordinal: p.ordinal,
    docId: p.docId,
    title: p.title,
    versionLabel: p.versionLabel,
    publishedOn: p.publishedOn,
    sectionPath: sectionPath.filter(readsAsHeading),
    pages: p.pages,
    url: p.url,
    passageText: p.text,
  };
}

/** Passages retrieved per question before quote selection. */
export const ANSWER_DEPTH = 5;

/**
 * What answering needs: the index, the analyser of the documents' language, the list of documents, and the analysers
 * of both question languages (their stop words tell a question that names nothing: see namesNoSubject).
 */
export interface AskDeps {
  index: PassageIndex;
  analyser: Analyser;
  documents(): CoveredDocument[];
  questionAnalysers: Readonly<Record<Language, Analyser>>;
}

/**
 * True when no word of `question` is left once the stop words of French, or those of English, are removed
 * (« C’est quoi? », « Qu’est-ce que c’est? », « Pourquoi? », "What is it?", "Why is that?"): it names nothing to
 * search for, and the passages a search returned for it were unrelated. Either language: a question whose language
 * could not be told (« Quoi? », read as English by a person's last message) is all stop words in its own; a question
 * with a subject keeps it in both (« C’est quoi l’EFVP? » keeps `efvp`, "What is transparency?" `transparency`).
 * True as well when it asks only whether something it does not name is allowed (« C’est permis? », see
 * asksOnlyIfAllowed).
 */
function namesNoSubject(question: string, analysers: AskDeps['questionAnalysers']): boolean {
  return terms(question, analysers.fr).length === 0 || terms(question, analysers.en).length === 0 || asksOnlyIfAllowed(question, analysers);
}

/** A pronoun standing for something the question does not name: « c’est », « est-ce », « ça », « cela », "it", "this". */
const PRONOUN_SUBJECT = /(?:^|[^\p{L}])(?:c['’ʼ]|(?:ce|ça|ca|cela|ceci|it|this|that)(?!\p{L}))/iu;
/**
 * What a rule can say of a thing (folded): allowed, forbidden, required, legal, safe, true, in French and English.
 * Words with no thing of their own: « C’est permis? » says nothing of what is.
 */
const RULING_WORDS = new Set([
  'permis', 'permise', 'permises', 'autorise', 'autorisee', 'autorises', 'autorisees', 'interdit', 'interdite', 'interdits',
  'interdites', 'obligatoire', 'obligatoires', 'requis', 'requise', 'requises', 'exige', 'exigee', 'exiges', 'exigees',
  'defendu', 'defendue', 'legal', 'legale', 'illegal', 'illegale', 'acceptable', 'accepte', 'acceptee', 'tolere', 'toleree',
  'conforme', 'correct', 'correcte', 'securitaire', 'vrai', 'faux', 'ok', 'okay',
  'allowed', 'permitted', 'forbidden', 'prohibited', 'banned', 'mandatory', 'required', 'compulsory', 'obligatory',
  'authorized', 'authorised', 'safe', 'true', 'fine',
]);

/**
 * True when the question asks whether something it does not name is allowed, required or safe: a pronoun for its
 * subject and no word but stop words (of French and English) and RULING_WORDS (« C’est permis? », « Est-ce
 * obligatoire? », "Is it allowed?"). Searched, such a question was answered with whatever passage says « permis »
 * or « obligatoire » (an article of a statute on another matter); « Est-ce obligatoire pour les stagiaires? » names
 * its subject and is searched.
 */
function asksOnlyIfAllowed(question: string, analysers: AskDeps['questionAnalysers']): boolean {
  if (!PRONOUN_SUBJECT.test(question)) return false;
  const words = surfaceWords(question).filter((w) => !analysers.fr.stopWords.has(w) && !analysers.en.stopWords.has(w));
  return words.length > 0 && words.every((w) => RULING_WORDS.has(w));
}

/**
 * Answers a question with verbatim quotes of the indexed passages, or abstains. Extractive: no text is generated,
 * so every statement is a quote with its source. Retrieval decides the outcome (see retrieval/abstention.ts).
 * @returns `empty_index` when nothing is indexed; `no_subject`, with no search, when the question names nothing to
 *   search for (see namesNoSubject); `not_covered` (with what the index does cover) when retrieval
 *   abstains or finds nothing; else `answered`, or `uncertain` when retrieval says its best passages may not answer
 *   exactly: both with quotes numbered by source marker (1-based, in order of relevance); `counted` when a count
 *   question is answered by the documents' numbered headings (see countedAnswer), whatever passages were found
 */
export async function ask(deps: AskDeps, question: string, language: Language = detectLanguage(question)): Promise<AskResult> {
  if (deps.index.size === 0) return { kind: 'empty_index', language };
  if (namesNoSubject(question, deps.questionAnalysers)) return { kind: 'no_subject', language };
  const result = await deps.index.search(question, { k: ANSWER_DEPTH, language });
  if (result.outcome === 'not_covered' || result.passages.length === 0) {
    const missingPart = result.signals.missingPart;
    return { kind: 'not_covered', language, covered: deps.documents(), ...(missingPart !== undefined ? { missingPart } : {}) };
  }
  if (result.counted) return countedAnswer(result.counted, language);
  const quotes: QuotedSentence[] = [];
  const sources: Source[] = [];
  for (const { passage, excerpts } of selectQuotes(result.passages, result.queryTerms, deps.analyser)) {
    const p = passage.passage;
    const marker = sources.length + 1;
    sources.push(sourceOf(p, marker, p.section.path));
    for (const text of excerpts) {
      const question = answeredHeading(text, p.section.path);
      quotes.push({
        text,
        marker,
        ...(opensMidList(text, p.section.id) || opensAfterItsAntecedent(text, p.text, p.ordinal, p.section.path, p.title) ? { lead: true } : {}),
        ...(stopsMidList(text, p.text) || stopsBeforeNextItem(text, p.text, p.section.id) ? { trail: true } : {}),
        ...(question !== undefined ? { answersHeading: question } : {}),
      });
    }
  }
  return { kind: result.outcome, language, quotes, sources };
}

/**
 * The answer to a count question that the documents' numbered headings give (retrieval/numbered-series.ts): for each
 * document version, its headings so numbered, verbatim and in number order, each cited as the section it heads
 * (section path down to that heading, the pages and text of the first passage under it). The count is the number of
 * parts the headings found number, each number once (a heading over several, « Articles 47 à 49 », counts each);
 * nothing else is said.
 */
function countedAnswer(counted: CountedParts, language: Language): AskResult {
  const sources: Source[] = [];
  const series: CountedSeries[] = counted.series.map(({ parts }) => {
    const first = parts[0]!.passage;
    return {
      docId: first.docId,
      title: first.title,
      versionLabel: first.versionLabel,
      publishedOn: first.publishedOn,
      url: first.url,
      count: new Set(parts.flatMap((p) => p.numbers)).size,
      headings: parts.map(({ number, heading, depth, passage: p }) => {
        const marker = sources.length + 1;
        sources.push(sourceOf(p, marker, p.section.path.slice(0, depth + 1)));
        return { number, heading, marker };
      }),
    };
  });
  return { kind: 'counted', language, noun: counted.noun, series, sources };
}
