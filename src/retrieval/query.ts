import type { Language } from '../answers/types.js';
import { fold, surfaceWords } from './analyse.js';
import type { Lexicon, StemPhrase } from './lexicon.js';
import type { TypoCorrector } from './typo.js';

/** Weight of the user's own words. */
export const USER_TERM_WEIGHT = 1;
/** Weight of a glossary translation of an English word: it is the user's word, in the documents' language. */
export const TRANSLATION_WEIGHT = 0.9;
/** Weight of an acronym's expansion. */
export const ACRONYM_WEIGHT = 0.8;
/** Weight of a typo correction. */
export const CORRECTION_WEIGHT = 0.8;
/** Weight of a thesaurus synonym. */
export const SYNONYM_WEIGHT = 0.5;
/** Weight of an untranslated English word found, as is or one or two letters away, in the French text (cognates
 *  such as `information`, `security` → `sécurité`). */
export const COGNATE_WEIGHT = 0.4;

/**
 * One thing the user asked about: a content word of the question with every index term that stands for it (its
 * stem, correction, translations, synonyms). Coverage — how many concepts the best passages match — is the
 * abstention signal. `neutral` concepts (names of public bodies) say who asks, not what.
 */
export interface Concept {
  word: string;
  terms: string[];
  neutral: boolean;
}

/** An analysed question: weighted index terms and the concepts they come from. */
export interface AnalysedQuery {
  language: Language;
  terms: Map<string, number>;
  concepts: Concept[];
}

/** What query analysis needs from the index: which stems and surface words exist. */
export interface IndexVocabulary {
  hasTerm(stem: string): boolean;
  corrector: TypoCorrector;
}

const ELIDED_PREFIX = /^(qu|[ldjmnstc])(?=[a-z]{2,})/;

function addTerm(q: Map<string, number>, term: string, weight: number): void {
  q.set(term, Math.max(q.get(term) ?? 0, weight));
}

/** Positions where `phrase` occurs in `stems`, as [start, end). */
function findPhrase(stems: readonly string[], phrase: StemPhrase): [number, number][] {
  const found: [number, number][] = [];
  for (let i = 0; i + phrase.length <= stems.length; i++) {
    if (phrase.every((p, j) => stems[i + j] === p)) found.push([i, i + phrase.length]);
  }
  return found;
}

/** A content word of the question, with its position among content words. */
interface Token {
  surface: string;
  stem: string;
  acronym: boolean;
}

/**
 * Words of the question that are spelled in capitals in the original text (acronyms), folded. Lower-case `si` is
 * French "if", `SI` is sécurité de l'information.
 */
function capitalised(question: string): Set<string> {
  return new Set((question.match(/\b\p{Lu}{2,}\b/gu) ?? []).map(fold));
}

/**
 * Repairs a French word: a missing apostrophe after an elided article (`lenonce` → `enonce`) or a typo
 * (`securiter` → `securite`), against the index vocabulary. Returns the word itself when it is known.
 */
function repairFrench(word: string, vocab: IndexVocabulary): { word: string; corrected: boolean } {
  if (vocab.corrector.has(word)) return { word, corrected: false };
  const m = ELIDED_PREFIX.exec(word);
  if (m) {
    const rest = word.slice(m[0].length);
    if (vocab.corrector.has(rest)) return { word: rest, corrected: true };
  }
  const fixed = vocab.corrector.correct(word);
  return fixed ? { word: fixed, corrected: true } : { word, corrected: false };
}

/**
 * Analyses a French question: acronyms expanded, missing elision apostrophes and typos repaired against the
 * index vocabulary, stop words removed, stems weighted 1, thesaurus synonyms added at SYNONYM_WEIGHT.
 */
function analyseFrench(question: string, lexicon: Lexicon, vocab: IndexVocabulary): AnalysedQuery {
  const caps = capitalised(question);
  const q = new Map<string, number>();
  const concepts: Concept[] = [];
  const tokens: Token[] = [];
  for (const raw of surfaceWords(question)) {
    const acronym = caps.has(raw) ? lexicon.acronyms.get(raw) : undefined;
    if (acronym) {
      const terms = [...acronym.fr];
      const own = lexicon.fr.stem(raw);
      if (vocab.hasTerm(own)) terms.push(own);
      terms.forEach((t) => addTerm(q, t, t === own ? USER_TERM_WEIGHT : ACRONYM_WEIGHT));
      concepts.push({ word: raw, terms, neutral: acronym.organisme });
      tokens.push({ surface: raw, stem: own, acronym: true });
      continue;
    }
    if (lexicon.fr.stopWords.has(raw)) continue;
    const { word, corrected } = repairFrench(raw, vocab);
    if (lexicon.fr.stopWords.has(word)) continue;
    const stem = lexicon.fr.stem(word);
    addTerm(q, stem, corrected ? CORRECTION_WEIGHT : USER_TERM_WEIGHT);
    concepts.push({ word: raw, terms: [stem], neutral: false });
    tokens.push({ surface: word, stem, acronym: false });
  }
  expandSynonyms(tokens.map((t) => t.stem), concepts, q, lexicon);
  return { language: 'fr', terms: q, concepts };
}

/** Adds the thesaurus synonyms of every phrase found in `stems` (concept i ↔ stems[i]). */
function expandSynonyms(stems: string[], concepts: Concept[], q: Map<string, number>, lexicon: Lexicon): void {
  for (const group of lexicon.thesaurus) {
    for (const phrase of group) {
      for (const [from, to] of findPhrase(stems, phrase)) {
        const synonyms = group.filter((p) => p !== phrase).flat();
        for (const t of synonyms) addTerm(q, t, SYNONYM_WEIGHT);
        for (let i = from; i < to; i++) concepts[i]!.terms.push(...synonyms);
      }
    }
  }
}

/**
 * Analyses an English question: typos repaired against the glossary's English words, glossary phrases (longest
 * first) translated to French index terms, acronyms expanded, other words looked up as French cognates in the
 * index vocabulary (exact, or within the typo distance). Each English
 * content word is a concept, so coverage stays comparable with French questions.
 */
function analyseEnglish(question: string, lexicon: Lexicon, vocab: IndexVocabulary): AnalysedQuery {
  const caps = capitalised(question);
  const q = new Map<string, number>();
  const words: { raw: string; stem: string }[] = [];
  for (const raw of surfaceWords(question)) {
    if (lexicon.en.stopWords.has(raw) && !caps.has(raw)) continue;
    let word = raw;
    if (!lexicon.englishVocabulary.has(raw) && !caps.has(raw) && raw.length >= 5) {
      word = closestEnglish(raw, lexicon) ?? raw;
    }
    words.push({ raw: word, stem: lexicon.en.stem(word) });
  }
  const stems = words.map((w) => w.stem);
  const concepts: Concept[] = words.map((w) => ({ word: w.raw, terms: [], neutral: false }));
  const covered = new Array<boolean>(words.length).fill(false);
  const phrases = lexicon.glossary
    .flatMap((c) => c.en.map((p) => ({ phrase: p, fr: c.frTerms })))
    .sort((a, b) => b.phrase.length - a.phrase.length);
  for (const { phrase, fr } of phrases) {
    for (const [from, to] of findPhrase(stems, phrase)) {
      if (covered.slice(from, to).every(Boolean)) continue;
      for (const t of fr) addTerm(q, t, TRANSLATION_WEIGHT);
      for (let i = from; i < to; i++) {
        covered[i] = true;
        concepts[i]!.terms.push(...fr);
      }
    }
  }
  words.forEach((w, i) => {
    const acronym = caps.has(w.raw) ? lexicon.acronyms.get(w.raw) : undefined;
    if (acronym) {
      acronym.fr.forEach((t) => addTerm(q, t, ACRONYM_WEIGHT));
      concepts[i]!.terms.push(...acronym.fr);
      concepts[i]!.neutral = acronym.organisme;
      return;
    }
    if (covered[i]) return;
    // A cognate: the word itself in the French text (`information`), or one or two letters away
    // (`security` → `securite`, `transparency` → `transparence`). A near cognate helps ranking but does not count
    // as covering the concept: English words that look French by accident would otherwise defeat abstention.
    const exact = vocab.corrector.has(w.raw);
    const french = exact ? w.raw : vocab.corrector.correct(w.raw);
    const asFrench = french === null ? null : lexicon.fr.stem(french);
    if (asFrench !== null && vocab.hasTerm(asFrench)) {
      addTerm(q, asFrench, COGNATE_WEIGHT);
      if (exact) concepts[i]!.terms.push(asFrench);
    }
  });
  return { language: 'en', terms: q, concepts };
}

function closestEnglish(word: string, lexicon: Lexicon): string | null {
  let best: string | null = null;
  let bestDistance = word.length >= 8 ? 2 : 1;
  for (const candidate of lexicon.englishVocabulary) {
    if (Math.abs(candidate.length - word.length) > bestDistance) continue;
    const d = quickDistance(word, candidate, bestDistance);
    if (d <= bestDistance && (best === null || d < bestDistance)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance with an early exit once it exceeds `max`. */
function quickDistance(a: string, b: string, max: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Turns a question into weighted index terms and concepts, in the question's language.
 * Never throws; an empty or stop-word-only question gives an empty query.
 */
export function analyseQuery(question: string, language: Language, lexicon: Lexicon, vocab: IndexVocabulary): AnalysedQuery {
  return language === 'en' ? analyseEnglish(question, lexicon, vocab) : analyseFrench(question, lexicon, vocab);
}
