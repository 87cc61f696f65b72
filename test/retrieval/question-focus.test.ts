import { beforeAll, describe, expect, it } from 'vitest';
import { loadLexicon, type Lexicon } from '../../src/retrieval/lexicon.js';
import { questionFocus } from '../../src/retrieval/question-focus.js';

describe('questionFocus', () => {
  let lexicon: Lexicon;
  beforeAll(() => {
    lexicon = loadLexicon();
  });
  const focus = (question: string, language: 'fr' | 'en') => [...questionFocus(question, language, lexicon)].sort();

  it('reads the head of the noun phrase after « c’est quoi » and « quelle est », and the heads of its complements', () => {
    expect(focus('C’est quoi la politique de stationnement des employés?', 'fr')).toEqual(['employes', 'politique', 'stationnement']);
    expect(focus('Quelle est la couleur d’un nuage d’orage?', 'fr')).toEqual(['couleur', 'nuage', 'orage']);
  });

  it('leaves out the adjectives and participles after a French head', () => {
    expect(focus('Quelles sont les étapes du relevé énumérées dans la charte?', 'fr')).toEqual(['etapes', 'releve']);
  });

  it('reads the English noun phrase after `what is` with its modifiers, and a name the dictionary lacks', () => {
    expect(focus('What is the best poutine recipe?', 'en')).toEqual(['best', 'poutine', 'recipe']);
    expect(focus("What's the colour of Zorblax clouds?", 'en')).toEqual(['clouds', 'colour', 'zorblax']);
  });

  it('ends an English phrase at a verb form (`meant`, a participle the dictionary lacks)', () => {
    expect(focus('What is this charter meant to do?', 'en')).toEqual(['charter']);
    expect(focus('What is the cloud survey supposed to achieve?', 'en')).toEqual(['cloud', 'survey']);
  });

  it('reads the focus after the future and conditional of the copula', () => {
    expect(focus('Quelle sera la couleur des nuages demain?', 'fr')).toEqual(['couleur', 'nuages']);
    expect(focus('Quels seraient les frais du registre?', 'fr')).toEqual(['frais', 'registre']);
    expect(focus('What will be the colour of the clouds?', 'en')).toEqual(['clouds', 'colour']);
  });

  it('reads an English subject between a modal and `be` only when `be` follows it', () => {
    expect(focus('What will the cloud colour be tomorrow?', 'en')).toEqual(['cloud', 'colour']);
    expect(focus('What should the survey committee decide?', 'en')).toEqual([]);
    expect(focus('What can I do to be ready?', 'en')).toEqual([]);
  });

  it('finds no focus in a question without a copular wh-frame', () => {
    expect(focus('Comment protéger le registre des nuages?', 'fr')).toEqual([]);
    expect(focus('Qu’est-ce que le principe demande aux employés?', 'fr')).toEqual([]);
    expect(focus('Y a-t-il une option pour ça?', 'fr')).toEqual([]);
    expect(focus('Is there a list of approved tools?', 'en')).toEqual([]);
  });
});
