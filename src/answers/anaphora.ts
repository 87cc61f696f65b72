/**
 * Does a sentence depend on the one before it? A quote that starts mid-thought (« Ces mesures… », « Toutefois, … »,
 * « … de tels systèmes ») cannot be read alone, so the quote selection brings the sentence it refers back to.
 *
 * The lists below are general French grammar, not drawn from any document: the anaphoric pronouns, demonstratives
 * and possessives that open a sentence, the discourse connectives (addition, opposition, consequence,
 * reformulation, illustration) that tie a sentence to the previous one, and the expressions that point back
 * wherever they stand (« de tels », « ledit », « ce dernier », « ci-dessus »), as any French grammar describes them
 * under anaphora and textual connectives. English equivalents are listed too, since Balises quotes any ingested
 * document verbatim, whatever its language. Prepositions that often open a sentence without referring back
 * (« En 2024 », « Tel que prévu ») are left out.
 *
 * It errs towards "depends": a needless antecedent costs one sentence of reading, a missing one an unreadable quote.
 */

/** French words and phrases that, opening a sentence, refer back to or continue the previous sentence. */
const FRENCH_OPENERS = [
  // Demonstratives and pronouns standing for something already named.
  'ce', 'cet', 'cette', 'ces', 'cela', 'ceci', 'ça', 'celui-ci', 'celle-ci', 'ceux-ci', 'celles-ci', 'celui-là',
  'celle-là', 'ceux-là', 'celles-là', 'il', 'elle', 'ils', 'elles', 'lui', 'eux',
  // Possessives whose owner was named before (« Sa mise en œuvre… »).
  'son', 'sa', 'ses', 'leur', 'leurs',
  // Connectives: addition, opposition, consequence, reformulation, illustration, conclusion.
  'ainsi', 'aussi', 'également', 'de plus', 'en outre', 'par ailleurs', 'd’ailleurs', 'de surcroît', 'qui plus est',
  'de même', 'toutefois', 'cependant', 'néanmoins', 'pourtant', 'or', 'en revanche', 'au contraire', 'à l’inverse',
  'inversement', 'sinon', 'à défaut', 'donc', 'par conséquent', 'en conséquence', 'dès lors', 'c’est pourquoi',
  'c’est ainsi', 'en effet', 'autrement dit', 'c’est-à-dire', 'en d’autres termes', 'notamment', 'en particulier',
  'plus particulièrement', 'par exemple', 'entre autres', 'enfin', 'quant à', 'en l’occurrence',
  // Connectives built on a demonstrative.
  'à cette fin', 'à cet effet', 'à cet égard', 'à ce titre', 'à ce sujet', 'dans ce cas', 'dans ce contexte',
  'dans ce cadre', 'dans cette optique', 'dans cette perspective', 'en ce sens', 'pour ce faire', 'pour cela',
  'de ce fait', 'en pareil cas', 'le cas échéant',
];

/** English equivalents of {@link FRENCH_OPENERS}. */
const ENGLISH_OPENERS = [
  'this', 'that', 'these', 'those', 'it', 'its', 'they', 'their', 'them', 'he', 'she', 'his', 'her', 'such',
  'however', 'moreover', 'furthermore', 'in addition', 'additionally', 'also', 'likewise', 'similarly',
  'nevertheless', 'nonetheless', 'yet', 'otherwise', 'instead', 'therefore', 'thus', 'hence', 'consequently',
  'accordingly', 'as a result', 'in fact', 'indeed', 'in other words', 'that is', 'in particular',
  'for example', 'for instance', 'finally', 'to this end', 'for this purpose', 'in this case', 'in that case',
  'in such cases', 'where applicable', 'if so',
];

/** Expressions that refer back wherever they stand in the sentence (« la portée de tels systèmes »). */
const ANYWHERE = [
  'de tels', 'de telles', 'un tel', 'une telle', 'de pareils', 'de pareilles', 'ledit', 'ladite', 'lesdits',
  'lesdites', 'dudit', 'de ladite', 'desdits', 'desdites', 'auxdits', 'auxdites', 'ce dernier', 'cette dernière',
  'ces derniers', 'ces dernières', 'ci-dessus', 'ci-avant', 'précité', 'précitée', 'précités', 'précitées',
  'susmentionné', 'susmentionnée', 'susmentionnés', 'susmentionnées', 'such a', 'such an', 'the latter',
  'the former', 'aforementioned', 'above-mentioned',
];

/** Additive adverbs that, after the verb, add to something said before (« Un organisme peut aussi… », « It may also… »). */
const ADDITIVE = ['aussi', 'également', 'non plus', 'also', 'as well'];
/** Words of a sentence's opening in which an additive adverb refers back: later, it more often joins two phrases. */
const ADDITIVE_OPENING_WORDS = 6;
/**
 * Connectives of consequence, opposition and confirmation that, set after the subject or the verb (« Les données ne
 * seront donc pas… », « Un renseignement peut toutefois être… », "The data will therefore…"), tie the sentence to the
 * one before as surely as at its opening. Looked for in the same opening words as the additive adverbs.
 */
const INSERTED_CONNECTIVES = [
  'donc', 'toutefois', 'cependant', 'néanmoins', 'pourtant', 'par conséquent', 'en conséquence', 'en revanche',
  'en effet', 'par ailleurs', 'en outre', 'therefore', 'however', 'nevertheless', 'nonetheless', 'thus',
  'consequently', 'hence',
];
/** Personal pronouns that, as the subject after an introductory phrase (« Contrairement à X, il est… »), stand for
 *  something named before. */
const SUBJECT_PRONOUNS = ['il', 'elle', 'ils', 'elles', 'it', 'they', 'he', 'she'];

/** Adjectives and participles of the impersonal « Il est … de / que » (« Il est nécessaire de… »). */
const IMPERSONAL_FRENCH_ADJECTIVES = [
  'nécessaire', 'important', 'essentiel', 'indispensable', 'primordial', 'fondamental', 'crucial', 'utile',
  'possible', 'impossible', 'souhaitable', 'préférable', 'opportun', 'recommandé', 'conseillé', 'requis',
  'obligatoire', 'interdit', 'permis', 'prévu', 'entendu', 'difficile', 'facile', 'probable', 'clair', 'évident',
  'vrai', 'normal', 'rare', 'fréquent', 'courant',
];
/** The same for « It is … to / that ». */
const IMPERSONAL_ENGLISH_ADJECTIVES = [
  'necessary', 'important', 'essential', 'crucial', 'useful', 'possible', 'impossible', 'advisable', 'preferable',
  'recommended', 'required', 'mandatory', 'forbidden', 'expected', 'difficult', 'easy', 'likely', 'unlikely',
  'clear', 'true', 'common', 'worth',
];

/**
 * Sentences opening with an impersonal « il » / « it » (« Il faut… », « Il est nécessaire de… », « It is important
 * to… »): the pronoun stands for nothing, so they do not depend on the previous sentence. « Il est tenu de… » is
 * left out: there « il » is someone named before.
 */
const IMPERSONAL = new RegExp(
  [
    '^il (?:faut|existe|y a|convient|importe|s’agit|suffit|se peut|appartient|incombe|semble que|arrive que|reste à)(?![\\p{L}])',
    `^il est (?:(?:très|plus|moins|aussi|donc|également|toutefois|parfois) )?(?:${IMPERSONAL_FRENCH_ADJECTIVES.join('|')}) (?:d’|qu’|(?:de|que)(?![\\p{L}]))`,
    `^it (?:is|was|may be|can be|would be) (?:(?:very|more|less|also|therefore|often) )?(?:${IMPERSONAL_ENGLISH_ADJECTIVES.join('|')}) (?:to|that|noting)(?![\\p{L}])`,
    '^it should be noted(?![\\p{L}])',
  ].join('|'),
  'u',
);

function alternation(phrases: readonly string[]): string {
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

/**
 * « Il s’agit » followed by a deictic « ici » or « là » (« Il s’agit ici d’adopter la même vigilance… »): impersonal,
 * yet pointing to what the text just said, which the sentence does not name.
 */
const IMPERSONAL_DEICTIC = /^il s’agit (?:ici|là)(?![\p{L}])/u;

const INSERTED_CONNECTIVE = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${alternation(INSERTED_CONNECTIVES)})(?![\\p{L}\\p{N}-])`, 'u');
const ADDITIVE_WORD = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${ADDITIVE.join('|')})(?![\\p{L}\\p{N}-])`, 'u');
/** « aussi ADJ que » compares (« aussi fiable que »): it refers to nothing before. An infinitive there is no
 *  adjective (« peut aussi justifier que » adds). */
const COMPARATIVE = /(?<![\p{L}])aussi (?!\p{L}+(?:er|ir|re) )\p{L}+ qu(?:e|’)/u;
const PRONOUN_AFTER_INTRODUCTION = new RegExp(`^[^,;:.]{1,100}, (?=(?:${SUBJECT_PRONOUNS.join('|')}) )`, 'u');

const OPENER = new RegExp(`^(?:${alternation([...FRENCH_OPENERS, ...ENGLISH_OPENERS])})(?![\\p{L}\\p{N}-])`, 'u');
const INSIDE = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${alternation(ANYWHERE)})(?![\\p{L}\\p{N}-])`, 'gu');

/** A word without its plural ending, to find a noun again in its sentence (`systèmes` → `système`). */
function singular(word: string): string {
  return word.replace(/(?<=\p{L}{3})[sx]$/u, '');
}

/**
 * True when an expression that points back wherever it stands (ANYWHERE) is in `s` with its antecedent elsewhere:
 * one whose noun (« de tels systèmes ») the sentence names before it (« l’utilisation de systèmes d’IA…, ce qui
 * inclut chacune des phases d’un cycle de vie de tels systèmes ») refers within the sentence, not to the one before.
 */
function pointsOutside(s: string): boolean {
  for (const match of s.matchAll(INSIDE)) {
    const noun = /^ (\p{L}+)/u.exec(s.slice(match.index + match[0].length))?.[1];
    const before = new Set(s.slice(0, match.index).split(/[^\p{L}]+/u).map(singular));
    if (noun === undefined || !before.has(singular(noun))) return true;
  }
  return false;
}

/** Lower case, one apostrophe (’), single spaces, and no leading bullet, quote, bracket or list number. */
function normalise(sentence: string): string {
  return sentence
    .toLocaleLowerCase('fr')
    .replace(/'/g, '’')
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}]+/u, '');
}

/**
 * True when `sentence` refers back to the sentence before it: it opens with an anaphoric pronoun, demonstrative,
 * possessive or discourse connective (French or English, see the lists above; an impersonal « il » / « it » does
 * not count, unless « ici » or « là » follows « Il s’agit »), has such a pronoun as its subject after an introductory
 * phrase (« Contrairement à X, il est… »), has an additive adverb (« Un organisme peut aussi… », not the comparative
 * « aussi … que ») or a connective of consequence or opposition (« ne seront donc pas », « peut toutefois ») in its
 * first words, or contains an expression that points back wherever it stands (« de tels », « ledit »…) whose noun
 * the sentence does not name before it (pointsOutside).
 * Case, apostrophe style (’ or ') and leading bullets or quotation marks do not matter. Never throws.
 */
export function dependsOnPreviousSentence(sentence: string): boolean {
  const s = normalise(sentence);
  const opening = s.split(' ').slice(0, ADDITIVE_OPENING_WORDS).join(' ');
  if (INSERTED_CONNECTIVE.test(opening)) return true;
  if (IMPERSONAL.test(s)) return IMPERSONAL_DEICTIC.test(s);
  if (OPENER.test(s) || pointsOutside(s)) return true;
  const introduced = PRONOUN_AFTER_INTRODUCTION.exec(s);
  if (introduced && !IMPERSONAL.test(s.slice(introduced[0].length))) return true;
  return ADDITIVE_WORD.test(opening) && !COMPARATIVE.test(s);
}
