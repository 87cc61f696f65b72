import type { Language } from '../answers/types.js';
import { fold, surfaceWords, terms, withoutEnglishContractions } from './analyse.js';
import type { SynonymGroup } from './bm25.js';
import { morphy, type Translation } from './dictionary.js';
import type { Lexicon, StemPhrase } from './lexicon.js';
import { TypoCorrector, uniformVocabulary } from './typo.js';


/** Weight of the user's own words. */
export const USER_TERM_WEIGHT = 1;
/** Weight of the dictionary translations of an English word, shared among them (see `translationWeight`). */
export const TRANSLATION_WEIGHT = 0.9;
/** Weight of an acronym's long form. */
export const ACRONYM_WEIGHT = 0.8;
/** Weight of a typo correction. */
export const CORRECTION_WEIGHT = 0.8;
/** Weight of an English word found, as is or one or two letters away, in the French text (cognates such as
 *  `information`, `security` → `sécurité`). */
export const COGNATE_WEIGHT = 0.4;

/**
 * One thing the user asked about: a content word of the question with every index term that stands for it (its
 * stem, correction, translations, acronym long form). Coverage — how many concepts the best passages match — is the
 * abstention signal. `neutral` concepts (an acronym neither the documents nor the dictionary know: the name of a
 * public body, a system; the verb of a French « Que demande… ? », « Que prévoit… ? », the question's frame, whose
 * passage answers in other words; an English do-support question's verb) say who or how one asks, not what is asked:
 * they count neither for coverage nor in ranking (as a search term the frame verb found the same word as a noun:
 * « Que demande… » quoted « votre demande »).
 */
export interface Concept {
  word: string;
  terms: string[];
  neutral: boolean;
  /** Set when the concept is a multiword expression (`premier ministre`): folded surface words joined by spaces. A
   *  passage covers it only if it holds the whole expression, not its words apart. */
  phrase?: string;
  /** Set on an English word of a French question (code-switching, see readsAsEnglish): its terms are its dictionary
   *  translations, among which the index's co-occurrences choose as for an English question (translation-choice.ts). */
  english?: true;
  /** Set on an acronym the documents define: its long form's stems, which a passage matches together, and the
   *  acronym's own stem when the index has it. They stand for one word of the question, so they are scored as one
   *  (synonymGroups). */
  alternatives?: readonly (readonly string[])[];
  /** Set on a word of an English question that is an English word the dictionary cannot translate (a WordNet
   *  lemma, or an inflection of one, that WOLF leaves untranslated: `accountable`): its French is unknown, so that
   *  no passage holds it says nothing of what the documents speak of (see LocalPassageIndex's focus check). A word
   *  WordNet lacks (`poutine`, a name) is not marked: the documents would write it as the question does. */
  untranslated?: true;
}

/** An analysed question: weighted index terms and the concepts they come from. */
export interface AnalysedQuery {
  language: Language;
  terms: Map<string, number>;
  concepts: Concept[];
}

/** Folded acronym → French stems of its long form. */
export type StemPhraseMap = ReadonlyMap<string, StemPhrase>;

/** What query analysis needs from the index: which stems and surface words exist, and the acronyms its documents
 *  define (folded acronym → French stems of the long form; see acronyms.ts). */
export interface IndexVocabulary {
  hasTerm(stem: string): boolean;
  corrector: TypoCorrector;
  acronyms: StemPhraseMap;
  /** The long form, as folded surface words, of an acronym the documents use the words of without defining it
   *  (acronyms.ts `findLongForm`); absent when the index cannot look (a remote index). */
  undefinedAcronym?(acronym: string): readonly string[] | null;
}

/**
 * Acronyms mined from the documents (acronyms.ts), their long forms analysed as French index terms.
 * @param mined folded acronym → long form as written
 */
export function analysedAcronyms(mined: ReadonlyMap<string, string>, lexicon: Lexicon): Map<string, StemPhrase> {
  const out = new Map<string, StemPhrase>();
  for (const [acronym, longForm] of mined) {
    const stems = terms(longForm, lexicon.fr);
    if (stems.length) out.set(acronym, stems);
  }
  return out;
}

const ELIDED_PREFIX = /^(qu|[ldjmnstc])(?=[a-z]{2,})/;

function addTerm(q: Map<string, number>, term: string, weight: number): void {
  q.set(term, Math.max(q.get(term) ?? 0, weight));
}

/**
 * Words of the question that are spelled in capitals in the original text (acronyms), folded. Lower-case `si` is
 * French "if", `SI` is sécurité de l'information.
 */
function capitalised(question: string): Set<string> {
  return new Set((question.match(/\b\p{Lu}{2,}\b/gu) ?? []).map(fold));
}

/** Vowels and mute h: French elides `le`, `de`, `que`… only before them (`l’énoncé`, `qu’il`, `d’habitude`). */
const ELISION_BEFORE = /^[aeiouyh]/;

/**
 * Repairs a French word: a missing apostrophe after an elided article (`lenonce` → `enonce`) or a typo
 * (`transparance` → `transparence`), against the index vocabulary. Returns the word itself when the index knows it,
 * and when it is a word of general French (lexicon.frenchStems): `demain` is not a typo of an indexed `domain`, and
 * a word the documents never use is the sign of a question they may not cover; a stem is shared by typos too, so a
 * typo in the ending Snowball strips is still repaired (typoInStrippedEnding). An elision is read only before a
 * vowel or h, as French writes it; when a typo correction is also one edit away, the word the documents use more
 * often wins (`comission` is `commission`, not `c’omission`).
 */
function repairFrench(word: string, vocab: IndexVocabulary, lexicon: Lexicon): { word: string; corrected: boolean } {
  if (vocab.corrector.has(word)) return { word, corrected: false };
  const m = ELIDED_PREFIX.exec(word);
  const rest = m ? word.slice(m[0].length) : '';
  const elided = ELISION_BEFORE.test(rest) && vocab.corrector.has(rest) ? rest : null;
  const stem = lexicon.fr.stem(word);
  const fixed = vocab.corrector.correct(word);
  if (lexicon.frenchStems.has(stem) && !(fixed && typoInStrippedEnding(word, stem, fixed, lexicon))) {
    return elided ? { word: elided, corrected: true } : { word, corrected: false };
  }
  const best = elided && fixed ? (vocab.corrector.frequency(fixed) > vocab.corrector.frequency(elided) ? fixed : elided) : (elided ?? fixed);
  return best ? { word: best, corrected: true } : { word, corrected: false };
}

/** Shortest ending Snowball strips (« -ance », « -ement ») for which a typo inside it may still be repaired. */
const MIN_STRIPPED_ENDING = 3;

/**
 * True when `fixed`, the index word one typo away from `word`, keeps `word`'s whole stem and differs only in the
 * ending Snowball stripped, an ending of at least MIN_STRIPPED_ENDING letters, giving another stem: the typo made
 * the ending look like a suffix (`transparance` loses « -ance » and stems to `transpar`, a stem of general French,
 * where `transparence` stems to `transparent`). A word of general French is never read so (`demain` is not `domain`:
 * the stems differ within the word; `publie`, ending « -ie », is not `public`).
 */
function typoInStrippedEnding(word: string, stem: string, fixed: string, lexicon: Lexicon): boolean {
  return word.length - stem.length >= MIN_STRIPPED_ENDING && fixed.startsWith(stem) && lexicon.fr.stem(fixed) !== stem;
}

/**
 * An all-capitals word of the question: the long form the documents give it (`acronym`), or the phrase of the
 * documents whose initials spell it (`acronym` with `phrase`: covered only by the whole phrase), or, when neither
 * the documents nor the dictionary know it, a name (of a public body, a system) that says who asks, not what
 * (`neutral`). Null for a word the index or the dictionary knows as is.
 */
function readAcronym(
  raw: string,
  stem: string,
  vocab: IndexVocabulary,
  known: boolean,
  lexicon: Lexicon,
): { acronym: StemPhrase; phrase?: string } | { neutral: true } | null {
  const longForm = vocab.acronyms.get(raw);
  if (longForm) return { acronym: longForm };
  if (known || vocab.hasTerm(stem)) return null;
  const found = vocab.undefinedAcronym?.(raw);
  if (found) {
    const stems = found.filter((w) => !lexicon.fr.stopWords.has(w)).map((w) => lexicon.fr.stem(w));
    return { acronym: stems, phrase: found.join(' ') };
  }
  return { neutral: true };
}

/**
 * Analyses a French question: acronyms the documents define expanded to their long form, unknown acronyms neutral,
 * the verb right after an opening interrogative « Que » neutral (see Concept), English words translated
 * (code-switching, see readsAsEnglish), missing elision apostrophes and typos repaired against the index vocabulary,
 * stop words removed, stems weighted 1.
 */
function analyseFrench(question: string, lexicon: Lexicon, vocab: IndexVocabulary): AnalysedQuery {
  const caps = capitalised(question);
  const names = properNames(question);
  const q = new Map<string, number>();
  const concepts: Concept[] = [];
  const words = surfaceWords(question);
  for (let i = 0; i < words.length; i++) {
    const phrase = phraseAt(words, i, lexicon);
    if (phrase) {
      const stems = phrase.filter((w) => !lexicon.fr.stopWords.has(w)).map((w) => lexicon.fr.stem(w));
      // A phrase of stop words (`est-ce que`, `à la fois`) asks nothing: as a concept no passage could cover it.
      if (stems.length === 0) {
        i += phrase.length - 1;
        continue;
      }
      stems.forEach((t) => addTerm(q, t, USER_TERM_WEIGHT));
      concepts.push({ word: phrase.join(' '), terms: stems, neutral: false, phrase: phrase.join(' ') });
      i += phrase.length - 1;
      continue;
    }
    const raw = words[i]!;
    if (caps.has(raw)) {
      const own = lexicon.fr.stem(raw);
      const read = readAcronym(raw, own, vocab, false, lexicon);
      if (read && 'acronym' in read) {
        const terms = [...read.acronym];
        terms.forEach((t) => addTerm(q, t, ACRONYM_WEIGHT));
        const alternatives: (readonly string[])[] = [read.acronym];
        if (vocab.hasTerm(own)) {
          terms.push(own);
          alternatives.push([own]);
          addTerm(q, own, USER_TERM_WEIGHT);
        }
        concepts.push({ word: raw, terms, neutral: false, ...(read.phrase ? { phrase: read.phrase } : { alternatives }) });
        continue;
      }
      if (read) {
        concepts.push({ word: raw, terms: [], neutral: true });
        continue;
      }
    }
    if (lexicon.fr.stopWords.has(raw)) continue;
    if (readsAsEnglish(raw, names, vocab, lexicon)) {
      const { length, translations } = lexicon.dictionary.lookupOrDerived(words, i);
      const concept = englishConcept(words.slice(i, i + length), translations, q, lexicon, vocab);
      concepts.push(concept);
      i += length - 1;
      continue;
    }
    const { word, corrected } = repairFrench(raw, vocab, lexicon);
    if (lexicon.fr.stopWords.has(word)) continue;
    const stem = lexicon.fr.stem(word);
    const frame = i === 1 && words[0] === 'que' && words.length > 2;
    if (!frame) addTerm(q, stem, corrected ? CORRECTION_WEIGHT : USER_TERM_WEIGHT);
    concepts.push({ word: raw, terms: [stem], neutral: frame });
  }
  return { language: 'fr', terms: q, concepts };
}

/** Fewest letters of an English word read in a French question: WordNet's two-letter headwords are symbols and
 *  abbreviations (`ti` titanium, `rh` rhesus, `ia` Iowa), where a French question's two letters are its own
 *  abbreviations typed in lower case. */
const MIN_ENGLISH_WORD_LENGTH = 3;

/**
 * Words of the question written with an initial capital anywhere but at its start (`Teams`, `Copilot`, `Ottawa`),
 * folded: names, which the dictionary must not translate (`Teams` is no « équipes »).
 */
function properNames(question: string): Set<string> {
  const first = /^[^\p{L}]*\p{L}+/u.exec(question)?.[0].length ?? 0;
  return new Set((question.slice(first).match(/(?<!\p{L})\p{Lu}\p{Ll}+/gu) ?? []).map(fold));
}

/**
 * True when a word of a French question is an English word typed among French ones, as Canadian French speakers do
 * (« la policy sur la privacy »: most English words of the Ottawa–Hull French corpus are lone nouns, Poplack, Sankoff
 * and Miller, "The social correlates and linguistic processes of lexical borrowing and assimilation", Linguistics 26,
 * 1988): a word neither the index (as written, or its stem) nor general French (lexicon.frenchStems) knows, and an
 * English headword of the dictionary, not an English stop word, of at least MIN_ENGLISH_WORD_LENGTH letters, and no
 * name (properNames).
 *
 * A word general French knows stays French even when English spells it alike (`service`, `public`, `date`, `stage`):
 * its French sense is what a French question means; anglicisms French has adopted (`cloud`, `email`) stay too, as
 * the French dictionary has them. This is read before typo repair: an English word is often one or two letters from
 * a French word of the index (`policy` → « police »), and the corrector, which only measures spelling, would turn it
 * into that word; a typo of a French word seldom spells an English headword, and when it does the word is mostly
 * the English cognate, whose translation is the French word meant (`responsible` → « responsable »).
 */
function readsAsEnglish(word: string, names: ReadonlySet<string>, vocab: IndexVocabulary, lexicon: Lexicon): boolean {
  if (word.length < MIN_ENGLISH_WORD_LENGTH || names.has(word) || lexicon.en.stopWords.has(word)) return false;
  if (vocab.corrector.has(word)) return false;
  const stem = lexicon.fr.stem(word);
  if (vocab.hasTerm(stem) || lexicon.frenchStems.has(stem)) return false;
  return lexicon.dictionary.lookupOrDerived([word], 0).length > 0;
}

/**
 * The concept of an English headword (one word or several) and its index terms added to `q`, as analyseEnglish
 * makes them: the translations the index holds whole, weighted together (translationWeight, scaled down to
 * CORRECTION_WEIGHT), and the word as a cognate within typo distance of an index word, for ranking only
 * (COGNATE_WEIGHT). A cognate that is also one of the translations (`governance` → « gouvernance ») is the
 * translation meant, spelling and meaning agreeing: it keeps the weight the typo corrector gave it before English
 * words were read (CORRECTION_WEIGHT), so the other translations do not dilute it. The user's own word is kept as a
 * term too, at USER_TERM_WEIGHT: a remote index or a later document may hold it as written.
 * @param headword folded words of the headword, as the dictionary matched them
 * @param translations the dictionary's French translations of the headword
 * @param q the question's terms, added to (a term keeps its highest weight)
 * @returns the headword's concept, marked `english`
 */
function englishConcept(
  headword: readonly string[],
  translations: readonly Translation[],
  q: Map<string, number>,
  lexicon: Lexicon,
  vocab: IndexVocabulary,
): Concept {
  const whole = translations.filter((t) => t.stems.every((s) => vocab.hasTerm(s)));
  const known = [...new Set(whole.flatMap((t) => t.stems))];
  // In an English question translations compete with translations; here they compete with the user's own French
  // words, and a stand-in for a word the user typed weighs less than the words typed, as a typo correction does.
  for (const t of known) addTerm(q, t, (CORRECTION_WEIGHT / TRANSLATION_WEIGHT) * translationWeight(known.length));
  const own = headword.filter((w) => !lexicon.fr.stopWords.has(w)).map((w) => lexicon.fr.stem(w));
  for (const t of own) addTerm(q, t, USER_TERM_WEIGHT);
  if (headword.length === 1) {
    const cognate = vocab.corrector.correct(headword[0]!);
    const asFrench = cognate === null ? null : lexicon.fr.stem(cognate);
    if (asFrench !== null && vocab.hasTerm(asFrench)) addTerm(q, asFrench, known.includes(asFrench) ? CORRECTION_WEIGHT : COGNATE_WEIGHT);
  }
  return { word: headword.join(' '), terms: [...known, ...own], neutral: false, english: true };
}

/** The longest multiword expression of the lexicon that starts at `i` in the folded `words`, or null. */
function phraseAt(words: readonly string[], i: number, lexicon: Lexicon): readonly string[] | null {
  for (const phrase of lexicon.phrases.get(words[i]!) ?? []) {
    if (i + phrase.length <= words.length && phrase.every((w, j) => words[i + j] === w)) return phrase;
  }
  return null;
}

/**
 * The weight of each of `n` index terms that translate one English word. Dictionary-based cross-language retrieval
 * works best when the translations of a word count together as one query word, not as n (Pirkola, "The effects of
 * query structure and dictionary setups in dictionary-based cross-language information retrieval", SIGIR 1998);
 * dividing by √n keeps a word with many translations from outweighing the rest of the question while each
 * translation still counts.
 */
export function translationWeight(n: number): number {
  return TRANSLATION_WEIGHT / Math.sqrt(Math.max(1, n));
}

/**
 * The English contractions of the lexicon (Lexicon.contractions: `who's`, `isn't`, `they're`…),
 * keyed by the word they make typed without their apostrophe, as chat often is (`whos`, `isnt`, `theyre`), but only
 * where that word is no English word of its own in the dictionary (`shell`, `well`, `ill`, `were` stay words).
 */
const apostropheLess = new WeakMap<Lexicon, ReadonlyMap<string, string>>();

function unmarkedContractions(lexicon: Lexicon): ReadonlyMap<string, string> {
  let found = apostropheLess.get(lexicon);
  if (!found) {
    const words = lexicon.dictionary.words;
    found = new Map(
      lexicon.contractions
        .map((w): [string, string] => [w.replace("'", ''), w])
        .filter(([typed]) => !words.has(typed) && !lexicon.en.stopWords.has(typed)),
    );
    apostropheLess.set(lexicon, found);
  }
  return found;
}

/**
 * `text` with each contraction typed without its apostrophe written with it (see unmarkedContractions), so that it
 * reads as the written contraction does (`isnt` → `is not`, `whos` → `who`): left as a word, the dictionary reads it
 * as something else (`whos` → `WHO`, the World Health Organization).
 */
function withApostrophesRestored(text: string, lexicon: Lexicon): string {
  const contractions = unmarkedContractions(lexicon);
  return text.replace(/\p{L}+/gu, (word) => contractions.get(fold(word)) ?? word);
}

/**
 * Analyses an English question: typos repaired against the dictionary's English words, headwords (longest first)
 * translated to the French index terms of the dictionary (see `translationWeight`), acronyms the documents define
 * expanded, unknown acronyms neutral, and every word also looked up as a French cognate in the index vocabulary
 * (exact, or within the typo distance). Each English content word, or multiword headword, is a concept, so coverage
 * stays comparable with French questions.
 */
function analyseEnglish(question: string, lexicon: Lexicon, vocab: IndexVocabulary): AnalysedQuery {
  const caps = capitalised(question);
  const q = new Map<string, number>();
  const words: string[] = [];
  const surface = surfaceWords(withoutEnglishContractions(withApostrophesRestored(question, lexicon)));
  const frame = englishFrameVerb(surface, lexicon);
  let frameWord = -1;
  surface.forEach((raw, at) => {
    if (lexicon.en.stopWords.has(raw) && !caps.has(raw)) return;
    if (at === frame) frameWord = words.length;
    const known = lexicon.dictionary.words.has(raw) || lexicon.dictionary.has(raw);
    words.push(!known && !caps.has(raw) && raw.length >= 5 ? (englishCorrector(lexicon).correct(raw) ?? raw) : raw);
  });
  const concepts: Concept[] = words.map((w, i) => ({ word: w, terms: [], neutral: i === frameWord }));
  // A multiword headword (`Quebec City`, `personal information`) is one lexical unit, so one concept, as a French
  // multiword expression is: counting each of its words would let one matched expression cover several concepts.
  const insidePhrase: boolean[] = words.map(() => false);
  for (let i = 0; i < words.length; ) {
    const w = words[i]!;
    if (caps.has(w)) {
      const read = readAcronym(w, lexicon.fr.stem(w), vocab, lexicon.dictionary.has(w), lexicon);
      if (read) {
        if ('acronym' in read) {
          read.acronym.forEach((t) => addTerm(q, t, ACRONYM_WEIGHT));
          concepts[i]!.terms.push(...read.acronym);
          if (read.phrase) concepts[i]!.phrase = read.phrase;
          else concepts[i]!.alternatives = [read.acronym];
        } else concepts[i]!.neutral = true;
        i++;
        continue;
      }
    }
    const { length, translations } = lexicon.dictionary.lookupOrDerived(words, i);
    if (length === 0) {
      if (!caps.has(w) && untranslatable(w, lexicon)) concepts[i]!.untranslated = true;
      i++;
      continue;
    }
    // A translation of several words (`income tax` → « impôt sur le revenu des personnes physiques ») is one
    // expression (Ballesteros and Croft, "Phrasal translation and query expansion techniques for cross-language
    // information retrieval", SIGIR 1997): its words apart say something else (« physique »), and a passage holding
    // one of them would cover a concept the documents never speak of. It stands for the concept only when the index
    // holds every word of it.
    const whole = translations.filter((t) => t.stems.every((s) => vocab.hasTerm(s)));
    const known = [...new Set(whole.flatMap((t) => t.stems))];
    // A headword of several words opening on the verb (`look after`, `carry out`) says what is asked.
    if (i === frameWord && length > 1) concepts[i]!.neutral = false;
    if (!concepts[i]!.neutral) for (const t of known) addTerm(q, t, translationWeight(known.length));
    concepts[i]!.terms.push(...known);
    if (length > 1) {
      concepts[i]!.word = words.slice(i, i + length).join(' ');
      for (let j = i + 1; j < i + length; j++) insidePhrase[j] = true;
    }
    i += length;
  }
  words.forEach((w, i) => {
    if (concepts[i]!.neutral) return;
    // A cognate: the word itself in the French text (`information`), or one or two letters away
    // (`security` → `securite`, `transparency` → `transparence`). A near cognate helps ranking but does not count
    // as covering the concept: English words that look French by accident would otherwise defeat abstention.
    const exact = vocab.corrector.has(w);
    const french = exact ? w : vocab.corrector.correct(w);
    const asFrench = french === null ? null : lexicon.fr.stem(french);
    if (asFrench !== null && vocab.hasTerm(asFrench)) {
      addTerm(q, asFrench, COGNATE_WEIGHT);
      if (exact) concepts[i]!.terms.push(asFrench);
    }
  });
  return { language: 'en', terms: q, concepts: concepts.filter((_, i) => !insidePhrase[i]) };
}

/** True when `word` (folded) or one of its base forms (WordNet's morphy, any part of speech) is an English lemma the
 *  dictionary cannot translate (Lexicon.untranslatedEnglish). */
function untranslatable(word: string, lexicon: Lexicon): boolean {
  return (['n', 'v', 'a'] as const).some((pos) => morphy(word, pos).some((base) => lexicon.untranslatedEnglish.has(base)));
}

/**
 * The synonym groups of a question's concepts (bm25.ts SynonymGroup), each scored as one term: an acronym the
 * documents define, its long form and itself; a multiword expression or the long form of an acronym the documents
 * use without defining it (Concept.phrase), its words together. Scored word by word, the long form of a five-word
 * acronym weighed five words of the question. An English word's translations are no group: they already share one
 * word's weight (translationWeight) and the index's co-occurrences choose among them (translation-choice.ts); scored
 * as one group (Darwish and Oard's probabilistic structured queries, SIGIR 2003) they did worse on the dev sets.
 */
export function synonymGroups(concepts: readonly Concept[]): SynonymGroup[] {
  return concepts.flatMap((c): SynonymGroup[] => {
    if (c.neutral) return [];
    if (c.phrase !== undefined) return c.terms.length > 1 ? [[c.terms]] : [];
    return c.alternatives ? [c.alternatives] : [];
  });
}

/** The question words that open an English question whose verb takes do-support (« What does … say? »). */
const WH_WORDS: ReadonlySet<string> = new Set(['what', 'how', 'which', 'where', 'when', 'why']);
const DO_SUPPORT: ReadonlySet<string> = new Set(['do', 'does', 'did']);
/** English subject pronouns: a question whose subject is the person asking (`How do we protect…`) asks about the verb. */
const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'it']);

/**
 * The position in `surface` (folded surface words, stop words kept) of the verb of an English question built as
 * « wh-word do/does/did subject verb … » (`What does the statement say about…`, `What do the guides recommend?`,
 * `How does principle 7 apply…`), or -1. That verb is the question's frame, as the verb of a French « Que dit… » is
 * (see Concept): what is asked is in its subject and complements. The subject and verb are the first run of words
 * after the auxiliary that are no stop words, the verb its last word (complements start with a preposition or a
 * stop word, or the question ends), which must be a verb of the dictionary in its base form (a run that ends on an
 * object, `require public bodies`, has no frame); a run of one word is a verb with no subject, not a frame. Nor is
 * the verb of a pronoun (`How do we protect personal data?`): what the person does is what is asked.
 */
function englishFrameVerb(surface: readonly string[], lexicon: Lexicon): number {
  if (!WH_WORDS.has(surface[0] ?? '') || !DO_SUPPORT.has(surface[1] ?? '')) return -1;
  let i = 2;
  while (i < surface.length && lexicon.en.stopWords.has(surface[i]!)) {
    if (SUBJECT_PRONOUNS.has(surface[i]!)) return -1;
    i++;
  }
  const start = i;
  while (i < surface.length && !lexicon.en.stopWords.has(surface[i]!)) i++;
  return i - start >= 2 && lexicon.dictionary.isVerb(surface[i - 1]!) ? i - 1 : -1;
}

const englishCorrectors = new WeakMap<Lexicon, TypoCorrector>();

/** The typo corrector over the dictionary's English words, built once per lexicon. */
function englishCorrector(lexicon: Lexicon): TypoCorrector {
  let corrector = englishCorrectors.get(lexicon);
  if (!corrector) {
    corrector = new TypoCorrector(uniformVocabulary(lexicon.dictionary.words), true);
    englishCorrectors.set(lexicon, corrector);
  }
  return corrector;
}

/** Builds the parts of query analysis made on first use (the French phrase table, the English dictionary's index and
 *  typo corrector); idempotent. */
export function prepareQueryAnalysis(lexicon: Lexicon): void {
  // Reading the table is what parses it (see loadLexicon).
  void lexicon.phrases;
  englishCorrector(lexicon);
}

/**
 * Turns a question into weighted index terms and concepts, in the question's language.
 * Never throws; an empty or stop-word-only question gives an empty query.
 */
export function analyseQuery(question: string, language: Language, lexicon: Lexicon, vocab: IndexVocabulary): AnalysedQuery {
  return language === 'en' ? analyseEnglish(question, lexicon, vocab) : analyseFrench(question, lexicon, vocab);
}
