import type { Language } from '../answers/types.js';
import { fold, phraseWords } from './analyse.js';
import type { Lexicon } from './lexicon.js';

/** The third-person forms of « être » in the indicative and conditional (present, imperfect, simple past, future,
 *  conditional), folded: a question asks what a thing is, was, will be or would be (Grevisse, *Le Bon Usage*, the
 *  conjugation of « être »). */
const ETRE = ['est', 'sont', 'etait', 'etaient', 'fut', 'furent', 'sera', 'seront', 'serait', 'seraient'];

/** The English modal auxiliaries (Quirk et al., *A Comprehensive Grammar of the English Language*, §3.40): `what will
 *  be …`, and with the subject between them, `what will … be` (see INVERTED). */
const MODALS = ['will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must'];

/**
 * The frames of a wh-question whose verb is the copula (« c’est quoi … », « quelle est … », « quelle sera … »,
 * `what is …`, `what will be …`), as folded surface words (see `surfaceWords`: elisions are gone, so « c’est quoi »
 * reads `est quoi`): the noun phrase after them names the thing asked about. Yes/no questions (« y a-t-il… », `is
 * there…`) have no focus in the question taxonomies this follows (see questionFocus). Nor has « qu’est-ce que … »:
 * the noun phrase after it is mostly the subject of another verb (« qu’est-ce que le principe demande »), not what is
 * asked.
 */
const FRAMES: Readonly<Record<Language, readonly (readonly (readonly string[])[])[]>> = {
  fr: [
    [['est'], ['quoi']],
    [['quel', 'quelle', 'quels', 'quelles'], ETRE],
  ],
  en: [
    [['what', 'who', 'which'], ['is', 'are', 'was', 'were']],
    [['what', 'who', 'which'], MODALS, ['be']],
  ],
};

/** The frames after which English puts the subject before the copula (`what will the penalty be`): the noun phrase
 *  read after them is the focus only when `be` follows it (`what will the committee decide` has none). */
const INVERTED: Readonly<Record<Language, readonly (readonly (readonly string[])[])[]>> = {
  fr: [],
  en: [[['what', 'who', 'which'], MODALS]],
};

/** The words that join a noun to its complement (« politique de télétravail », `list of tools`). */
const LINKERS: Readonly<Record<Language, ReadonlySet<string>>> = {
  fr: new Set(['de', 'du', 'des']),
  en: new Set(['of']),
};

/** English participle endings (WordNet morphy's verb detachments `-ed`, `-ing`): a word the dictionary does not
 *  have that ends so is read as a verb form (`approved`, `supposed`), not as a name or a noun. */
const PARTICIPLE = /(?:ed|ing)$/;

/** The number of words of the first of `frames` that starts at `words[i]`, or 0 when none does. */
function frameAt(words: readonly string[], i: number, frames: readonly (readonly (readonly string[])[])[]): number {
  for (const frame of frames) {
    if (frame.every((alternatives, j) => alternatives.includes(words[i + j] ?? ''))) return frame.length;
  }
  return 0;
}

/**
 * The focus of a question: the noun phrase after a copular wh-frame (« c’est quoi la politique de télétravail »,
 * « quels sont les niveaux de l’évaluation », « quelle sera la pénalité », `what is the penalty`, `what will be the
 * penalty`, `what is the best poutine recipe`), or English's subject between a modal and `be` (`what will the
 * penalty be`), as folded
 * surface words. The focus is the part of a question that names what its answer is about (Moldovan et al., "The
 * structure and performance of an open-domain question answering system", ACL 2000, §3; Ferret et al., "Finding an
 * answer based on the recognition of the question focus", TREC 2001): a passage that does not speak of it cannot
 * answer, however many of the question's other words it holds.
 *
 * The phrase is read by position, without a tagger. After the frame, determiners and other stop words are skipped;
 * the phrase then runs to the next stop word or punctuation, and on through a linker (`de`, `du`, `des`, `of`) and
 * the determiners after it to the complement. French puts the head of a noun phrase first and its adjectives and
 * participles after it (« les phases du cycle énumérées »): only the first word of each run is kept, the head of the
 * phrase or of its complement. English puts its modifiers first: a run keeps the words the dictionary has as nouns or
 * adjectives, and words it lacks unless they end as participles do (`approved`, `supposed`: WordNet morphy's verb
 * endings), a word written with a capital or a digit (a name: `Claude`, `GPT-4o`) being kept whatever its ending; a
 * word the dictionary has only as a verb or adverb (`meant`) ends the phrase.
 * @param question the question text (as `questionText` gives it)
 * @param language the language the question is analysed in
 * @returns folded surface words of every focus of the question; empty when no copular wh-frame opens a noun phrase
 */
export function questionFocus(question: string, language: Language, lexicon: Lexicon): Set<string> {
  // « d’un » would lose its « de » with the elision, and the complement would end the phrase; `what's` would lose
  // its verb with the possessive.
  const text = language === 'fr' ? question.replace(/\bd['’‘ʼ](?=\p{L})/giu, 'de ') : question.replace(/\b(what|who|which)['’‘ʼ]s\b/giu, '$1 is');
  const named = new Set((question.match(/[\p{L}\p{N}]*[\p{Lu}\p{N}][\p{L}\p{N}]*/gu) ?? []).map(fold));
  const dictionary = lexicon.dictionary;
  const reader: PhraseReader = {
    stop: lexicon[language].stopWords,
    linkers: LINKERS[language],
    headFirst: language === 'fr',
    nominal: (w) => language === 'fr' || dictionary.isNominal(w) || (!dictionary.has(w) && (named.has(w) || !PARTICIPLE.test(w))),
  };
  const focus = new Set<string>();
  for (const words of phraseWords(text)) {
    for (let i = 0; i < words.length; i++) {
      const frame = frameAt(words, i, FRAMES[language]);
      if (frame > 0) {
        i = readNounPhrase(words, i + frame, reader, focus) - 1;
        continue;
      }
      const inverted = frameAt(words, i, INVERTED[language]);
      if (inverted === 0) continue;
      const subject = new Set<string>();
      const end = readNounPhrase(words, i + inverted, reader, subject);
      if (words[end] !== 'be') continue;
      for (const word of subject) focus.add(word);
      i = end;
    }
  }
  return focus;
}

/** How noun phrases are read in one language (see questionFocus). */
interface PhraseReader {
  stop: ReadonlySet<string>;
  linkers: ReadonlySet<string>;
  /** True when only the first word of a run is the head (French); else every nominal word of it is kept. */
  headFirst: boolean;
  /** True when a content word may stand in a noun phrase. */
  nominal(word: string): boolean;
}

/**
 * Adds to `into` the words of the noun phrase that starts after the stop words at `words[from]` (see
 * questionFocus) and returns the position after it.
 */
function readNounPhrase(words: readonly string[], from: number, reader: PhraseReader, into: Set<string>): number {
  const content = (at: number) => at < words.length && !reader.stop.has(words[at]!);
  const skipDeterminers = (at: number) => {
    while (at < words.length && reader.stop.has(words[at]!) && !reader.linkers.has(words[at]!)) at++;
    return at;
  };
  let j = skipDeterminers(from);
  while (content(j) && reader.nominal(words[j]!)) {
    if (reader.headFirst) into.add(words[j]!);
    while (content(j) && reader.nominal(words[j]!)) {
      if (!reader.headFirst) into.add(words[j]!);
      j++;
    }
    if (!reader.linkers.has(words[j] ?? '')) break;
    j = skipDeterminers(j + 1);
  }
  return j;
}
