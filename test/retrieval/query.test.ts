import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surfaceWords, terms } from '../../src/retrieval/analyse.js';
import { loadLexicon, type Lexicon } from '../../src/retrieval/lexicon.js';
import {
  ACRONYM_WEIGHT,
  analyseQuery,
  CORRECTION_WEIGHT,
  synonymGroups,
  translationWeight,
  TRANSLATION_WEIGHT,
  USER_TERM_WEIGHT,
  type IndexVocabulary,
} from '../../src/retrieval/query.js';
import { TypoCorrector } from '../../src/retrieval/typo.js';

/** A fictional lexicon about an imaginary cloud agency. */
const FILES: Record<string, string> = {
  'en-fr-wordnet.tsv': '# fictif\ncloud\tn\tnuage\nrequire\tv\texiger\ncloud seeding\tn\tensemencement\nregister\tn\tregistre|liste\nregistry\tn\tregistre\nshell\tn\tcoquille\nill\ta\tmalade\ncloud fee\tn\ttaxe sur les nuages|frais de nuage\n',
  'phrases-fr-wolf.txt': '# fictif\nchef des nuages\nà la fois\n',
  'lemmas-fr-hunspell.tsv': '# fictif\nnuageaient\tnuager\n',
  'stems-fr-hunspell.txt': '# fictif\npubl\ntranspar\n',
  'untranslated-en-wordnet.txt': '# fictif\naccountable\n',
  'stop-en-snowball.txt': '# liste fictive\nthe\ndoes\n',
};

/** The text of a fictional index: its stems and surface words are what the query may be repaired against. */
const INDEX_TEXT =
  'L’énoncé fictif de l’Agence québécoise des nuages exige la sécurité de l’information du registre des nuages. ' +
  'Chaque parapluie est inscrit au registre. L’ensemencement des nuages est interdit. Information du public.';

let dir: string;
let lexicon: Lexicon;
let vocab: IndexVocabulary;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'balises-query-'));
  for (const [name, content] of Object.entries(FILES)) writeFileSync(path.join(dir, name), content);
  lexicon = loadLexicon(dir);
  const stems = new Set(terms(INDEX_TEXT, lexicon.fr));
  const counts = new Map<string, number>();
  for (const w of surfaceWords(INDEX_TEXT)) counts.set(w, (counts.get(w) ?? 0) + 1);
  vocab = {
    hasTerm: (t) => stems.has(t),
    corrector: new TypoCorrector(counts),
    acronyms: new Map([['si', terms('sécurité de l’information', lexicon.fr)]]),
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stem = (word: string) => terms(word, lexicon.fr)[0]!;

describe('analyseQuery in French', () => {
  it('expands an acronym the documents define, written in capitals', () => {
    const q = analyseQuery('Le SI du registre', 'fr', lexicon, vocab);
    expect(q.terms.get(stem('sécurité'))).toBe(ACRONYM_WEIGHT);
    expect(q.terms.has(stem('information'))).toBe(true);
  });

  it('gives the acronym and its long form as one synonym group, the long form’s words together, and no group to other words', () => {
    const q = analyseQuery('Le SI du registre', 'fr', lexicon, vocab);
    expect(synonymGroups(q.concepts)).toEqual([[[stem('sécurité'), stem('information')]]]);
    expect(synonymGroups(analyseQuery('Le registre des nuages', 'fr', lexicon, vocab).concepts)).toEqual([]);
  });

  it('reads the verb of « Que … ? » as the question’s frame: neither a subject the passages must cover nor a search term', () => {
    const q = analyseQuery('Que demande le registre des nuages?', 'fr', lexicon, vocab);
    expect(q.concepts.find((c) => c.word === 'demande')).toMatchObject({ terms: [stem('demande')], neutral: true });
    expect(q.terms.has(stem('demande'))).toBe(false);
    expect(q.concepts.filter((c) => !c.neutral).map((c) => c.word)).toEqual(['registre', 'nuages']);
  });

  it('counts the same verb as a subject when the question does not open on « Que »', () => {
    const q = analyseQuery('La demande au registre des nuages', 'fr', lexicon, vocab);
    expect(q.concepts.find((c) => c.word === 'demande')?.neutral).toBe(false);
  });

  it('does not expand the same letters in lower case (French “si”)', () => {
    const q = analyseQuery('si le registre est public', 'fr', lexicon, vocab);
    expect(q.terms.has(stem('sécurité'))).toBe(false);
    expect([...q.terms.keys()]).toEqual(expect.arrayContaining([stem('registre')]));
  });

  it('marks an acronym neither the documents nor the index know (a public body’s name) as a neutral concept', () => {
    const q = analyseQuery('Le registre de l’AQN', 'fr', lexicon, vocab);
    expect(q.concepts.find((c) => c.word === 'aqn')?.neutral).toBe(true);
    expect(q.concepts.find((c) => c.word === 'registre')?.neutral).toBe(false);
  });

  it('restores an elision typed without its apostrophe (lenonce → enonce)', () => {
    const q = analyseQuery('que dit lenonce', 'fr', lexicon, vocab);
    expect(q.terms.has(stem('énoncé'))).toBe(true);
    expect(q.terms.has(stem('lenonce'))).toBe(false);
  });

  it('reads a misspelled word as the word the documents use more, not as an elision (comission → commission)', () => {
    const counts = new Map<string, number>();
    for (const w of surfaceWords('La commission des nuages siège. La commission statue sur toute omission du registre.')) counts.set(w, (counts.get(w) ?? 0) + 1);
    const q = analyseQuery('la comission des nuages', 'fr', lexicon, { ...vocab, corrector: new TypoCorrector(counts) });
    expect(q.terms.get(stem('commission'))).toBe(CORRECTION_WEIGHT);
    expect(q.terms.has(stem('omission'))).toBe(false);
  });

  it('corrects a typo against the index vocabulary, at a lower weight than the user’s own words', () => {
    const q = analyseQuery('parapluie du regsitre', 'fr', lexicon, vocab);
    expect(q.terms.get(stem('registre'))).toBe(CORRECTION_WEIGHT);
    expect(q.terms.get(stem('parapluie'))).toBe(USER_TERM_WEIGHT);
    expect(CORRECTION_WEIGHT).toBeLessThan(USER_TERM_WEIGHT);
  });

  it('never takes a word of general French for a typo of an indexed word', () => {
    const q = analyseQuery('Qui publie le registre?', 'fr', lexicon, vocab);
    expect(q.concepts.map((c) => c.terms)).toEqual([[stem('publie')], [stem('registre')]]);
    expect(q.terms.has(stem('public'))).toBe(false);
  });

  it('repairs a typo in an ending Snowball strips, though the stem left is one of general French (transparance → transparence)', () => {
    // « transparance » loses « -ance » and stems to « transpar », a stem of general French (the lexicon's stems file
    // above); the index's word is « transparence ».
    expect(lexicon.frenchStems.has(stem('transparance'))).toBe(true);
    const counts = new Map<string, number>();
    for (const w of surfaceWords('La transparence des nuages est exigée. Qui publie le registre public?')) counts.set(w, (counts.get(w) ?? 0) + 1);
    const q = analyseQuery('la transparance des nuages', 'fr', lexicon, { ...vocab, corrector: new TypoCorrector(counts) });
    expect(q.terms.get(stem('transparence'))).toBe(CORRECTION_WEIGHT);
    expect(q.terms.has(stem('transparance'))).toBe(false);
    // A word of general French with a short ending stays itself: « publie » is not « public ».
    const publie = analyseQuery('Qui publie le registre?', 'fr', lexicon, { ...vocab, corrector: new TypoCorrector(counts) });
    expect(publie.terms.has(stem('public'))).toBe(false);
  });

  it('reads a multiword expression as one concept that only the whole expression covers', () => {
    const q = analyseQuery('Qui est le chef des nuages?', 'fr', lexicon, vocab);
    expect(q.concepts).toEqual([{ word: 'chef des nuages', terms: [stem('chef'), stem('nuages')], neutral: false, phrase: 'chef des nuages' }]);
  });

  it('removes stop words, question frames included', () => {
    const q = analyseQuery('Bonjour, est-ce que quelqu’un sait quel est le registre', 'fr', lexicon, vocab);
    expect(q.concepts.map((c) => c.word)).toEqual(['bonjour', 'registre']);
  });

  it('asks nothing with a multiword expression made of stop words only', () => {
    const q = analyseQuery('Le registre est-il à la fois public et gratuit?', 'fr', lexicon, vocab);
    expect(q.concepts.map((c) => c.word)).toEqual(['registre', 'public', 'gratuit']);
  });

  it('gives an empty query for an empty or emoji-only question', () => {
    for (const question of ['', '   ', '🙂🌧️']) {
      const q = analyseQuery(question, 'fr', lexicon, vocab);
      expect(q.terms.size).toBe(0);
      expect(q.concepts).toEqual([]);
    }
  });
});

describe('analyseQuery in English', () => {
  it('translates a dictionary headword of several words rather than its words', () => {
    const q = analyseQuery('rules on cloud seeding', 'en', lexicon, vocab);
    expect(q.terms.has(stem('ensemencement'))).toBe(true);
    expect(q.terms.has(stem('nuage'))).toBe(false);
  });

  it('counts a dictionary headword of several words as one concept, as a French multiword expression is', () => {
    const q = analyseQuery('rules on cloud seeding', 'en', lexicon, vocab);
    expect(q.concepts.map((c) => c.word)).toEqual(['rules', 'cloud seeding']);
    expect(q.concepts[1]!.terms).toEqual([stem('ensemencement')]);
  });

  it('lets a translation of several words stand for its concept only when the index holds every word of it', () => {
    // « nuage » is in the index, « taxe » and « frais » are not: a passage about clouds says nothing of a fee.
    const q = analyseQuery('Is there a cloud fee?', 'en', lexicon, vocab);
    expect(q.concepts.map((c) => [c.word, c.terms])).toEqual([['cloud fee', []]]);
    expect(q.terms.has(stem('nuage'))).toBe(false);
  });

  it('translates a single word to the French index terms of the dictionary, sharing the weight among them', () => {
    const q = analyseQuery('Is there a cloud register?', 'en', lexicon, vocab);
    expect(q.terms.get(stem('nuage'))).toBe(TRANSLATION_WEIGHT);
    expect(q.terms.get(stem('registre'))).toBe(translationWeight(1));
    expect(q.terms.has(stem('liste'))).toBe(false);
    expect(q.language).toBe('en');
    expect(translationWeight(4)).toBeCloseTo(TRANSLATION_WEIGHT / 2);
  });

  it('reads the verb of « What does … say? » as the question’s frame, not a subject the passages must cover', () => {
    const q = analyseQuery('What does the cloud register require about umbrellas?', 'en', lexicon, vocab);
    expect(q.concepts.map((c) => [c.word, c.neutral])).toEqual([
      ['cloud', false],
      ['register', false],
      ['require', true],
      ['umbrellas', false],
    ]);
  });

  it('finds no frame verb where there is no do-support, no subject before the verb, a pronoun for subject, or an object and no verb at the end', () => {
    for (const question of ['Which clouds does the register list?', 'Does the cloud register list umbrellas?', 'What do clouds?', 'How do we register cloud umbrellas?', 'What does the register require cloud umbrellas?']) {
      expect(analyseQuery(question, 'en', lexicon, vocab).concepts.every((c) => !c.neutral), question).toBe(true);
    }
  });

  it('leaves out the English stop words of the lexicon’s Snowball list (`does`), not only those of the stopword package', () => {
    const q = analyseQuery('Does the register list clouds?', 'en', lexicon, vocab);
    expect(q.concepts.map((c) => c.word)).toEqual(['register', 'list', 'clouds']);
  });

  it('keeps an untranslatable word as a concept with no terms', () => {
    const q = analyseQuery('What about the weather?', 'en', lexicon, vocab);
    expect(q.concepts).toEqual([{ word: 'weather', terms: [], neutral: false }]);
    expect(q.terms.size).toBe(0);
  });

  it('tries an untranslated English word as a French word when the index has it', () => {
    const q = analyseQuery('public information', 'en', lexicon, vocab);
    expect(q.concepts.find((c) => c.word === 'information')?.terms).toEqual([stem('information')]);
    expect(q.terms.get(stem('information'))).toBeLessThan(USER_TERM_WEIGHT);
  });

  it('corrects a typo against the dictionary’s English words', () => {
    const q = analyseQuery('the registr of clouds', 'en', lexicon, vocab);
    expect(q.concepts.map((c) => c.word)).toContain('register');
    expect(q.terms.has(stem('registre'))).toBe(true);
  });

  it('reads contractions as their full word, not as two words', () => {
    const contracted = analyseQuery("Isn't the cloud register public? We won't and they're sure we'd ask", 'en', lexicon, vocab);
    const written = analyseQuery('Is not the cloud register public? We will not and they are sure we would ask', 'en', lexicon, vocab);
    expect(contracted.concepts).toEqual(written.concepts);
    expect(contracted.concepts.map((c) => c.word)).toEqual(expect.arrayContaining(['cloud', 'register', 'public']));
  });

  it('reads a contraction typed without its apostrophe as the stop word it is, not as another word', () => {
    const typed = analyseQuery('whos sure theyre public, thats the cloud register isnt it', 'en', lexicon, vocab);
    const written = analyseQuery("who's sure they're public, that's the cloud register isn't it", 'en', lexicon, vocab);
    expect(typed.concepts).toEqual(written.concepts);
  });

  it('keeps an English word that reads as a contraction without its apostrophe (« shell », « ill »)', () => {
    const q = analyseQuery('the shell of an ill cloud', 'en', lexicon, vocab);
    expect(q.concepts.map((c) => c.word)).toEqual(['shell', 'ill', 'cloud']);
  });

  it('expands an acronym the documents define in an English question', () => {
    const q = analyseQuery('What does SI require?', 'en', lexicon, vocab);
    expect(q.terms.has(stem('sécurité'))).toBe(true);
    expect(synonymGroups(q.concepts)).toEqual([[[stem('sécurité'), stem('information')]]]);
  });
});

describe('analyseQuery in French, English words (real lexicon)', () => {
  const TEXT = 'La gouvernance des nuages relève du conseil; la gestion et l’administration des carnets, des observateurs.';
  let real: Lexicon;
  let index: IndexVocabulary;
  beforeAll(() => {
    real = loadLexicon();
    const stems = new Set(terms(TEXT, real.fr));
    const counts = new Map<string, number>();
    for (const w of surfaceWords(TEXT)) counts.set(w, (counts.get(w) ?? 0) + 1);
    index = { hasTerm: (t) => stems.has(t), corrector: new TypoCorrector(counts), acronyms: new Map() };
  });

  it('translates an English word and keeps the translation it is also spelled like at the weight of a correction', () => {
    const q = analyseQuery('Qui assure la governance des carnets?', 'fr', real, index);
    const concept = q.concepts.find((c) => c.word === 'governance')!;
    expect(concept.english).toBe(true);
    expect(concept.terms).toEqual(expect.arrayContaining([real.fr.stem('gouvernance'), real.fr.stem('gestion'), real.fr.stem('administration')]));
    expect(q.terms.get(real.fr.stem('gouvernance'))).toBe(CORRECTION_WEIGHT);
    expect(q.terms.get(real.fr.stem('gestion'))).toBeLessThan(CORRECTION_WEIGHT);
  });

  it('leaves French words English spells alike, and names, as they are', () => {
    const q = analyseQuery('Le service public des carnets dans Teams', 'fr', real, index);
    expect(q.concepts.filter((c) => c.english)).toEqual([]);
    expect(q.concepts.map((c) => c.word)).toEqual(['service', 'public', 'carnets', 'teams']);
  });
});
