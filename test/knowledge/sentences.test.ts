import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/knowledge/sentences.js';

describe('splitSentences', () => {
  it('splits at a line break after no punctuation (list items joined in a passage), not after « : », « ; » or « , »', () => {
    expect(splitSentences('Aide à la réflexion (remue-méninges)\nTranscription des nuages\nVoici la liste :\nRelevé ;\nBilan.')).toEqual([
      'Aide à la réflexion (remue-méninges)',
      'Transcription des nuages',
      'Voici la liste :\nRelevé ;\nBilan.',
    ]);
  });

  it('splits at a period followed by a capital', () => {
    expect(splitSentences('Les nuages fictifs sont recensés. Le registre est public.')).toEqual([
      'Les nuages fictifs sont recensés.',
      'Le registre est public.',
    ]);
  });

  it('does not split after an article abbreviation', () => {
    expect(splitSentences('Voir art. 12 du règlement fictif. Le comité décide.')).toEqual([
      'Voir art. 12 du règlement fictif.',
      'Le comité décide.',
    ]);
  });

  it('does not split inside a statute’s citation of an article after a comma (« c. 17, a. 99 »), but after the verb « a »', () => {
    expect(splitSentences('(Modification intégrée au c. N-9.1, a. 88.1). 2031, c. 17, a. 99.')).toEqual([
      '(Modification intégrée au c. N-9.1, a. 88.1).',
      '2031, c. 17, a. 99.',
    ]);
    expect(splitSentences('Le registre fictif est tout ce que l’Agence a. 12. Le nuage est compté.')[0]).toBe(
      'Le registre fictif est tout ce que l’Agence a.',
    );
  });

  it('does not split after an abbreviation that follows an elided article', () => {
    expect(splitSentences('En vertu de l’art. 21 de la loi fictive, le ministre agit. Il signe.')).toEqual([
      'En vertu de l’art. 21 de la loi fictive, le ministre agit.',
      'Il signe.',
    ]);
  });

  it('splits after a closing guillemet set after a space', () => {
    expect(splitSentences('Il dit : « Les nuages sont légers. » Ensuite il vote.')).toEqual([
      'Il dit : « Les nuages sont légers. »',
      'Ensuite il vote.',
    ]);
  });

  it('does not split inside initials such as A.M.', () => {
    expect(splitSentences('Selon A.M. 2031-08 du ministre fictif, les nuages sont blancs. Ils restent légers.')).toEqual([
      'Selon A.M. 2031-08 du ministre fictif, les nuages sont blancs.',
      'Ils restent légers.',
    ]);
  });

  it('does not split inside a decimal section number', () => {
    expect(splitSentences('La vérification visée à l’article 22.2 de la loi fictive s’applique. Elle est annuelle.')).toEqual([
      'La vérification visée à l’article 22.2 de la loi fictive s’applique.',
      'Elle est annuelle.',
    ]);
  });

  it('splits at question and exclamation marks', () => {
    expect(splitSentences('Qui recense les nuages? Le comité fictif! Il le fait chaque printemps.')).toEqual([
      'Qui recense les nuages?',
      'Le comité fictif!',
      'Il le fait chaque printemps.',
    ]);
  });

  it('keeps a closing guillemet with the sentence it ends', () => {
    expect(splitSentences('Le comité écrit : « Les nuages sont légers.» Ensuite il vote.')).toEqual([
      'Le comité écrit : « Les nuages sont légers.»',
      'Ensuite il vote.',
    ]);
  });

  it('never starts a sentence with a closing guillemet set after a space', () => {
    const sentences = splitSentences('Le comité écrit : « Les nuages sont légers. » Ensuite il vote.');
    expect(sentences.some((s) => s.startsWith('»'))).toBe(false);
  });

  it('does not split before a lower-case word', () => {
    expect(splitSentences('Les nuages, etc. sont recensés. puis on vote.')).toEqual(['Les nuages, etc. sont recensés. puis on vote.']);
  });

  it('gives back the text when the sentences are joined with single spaces', () => {
    const text = 'Un nuage est déclaré. Est-il léger? Oui! Voir l’art. 3 et l’article 4.1. Fin « du texte. » Suite.';
    expect(splitSentences(text).join(' ')).toBe(text);
  });

  it('keeps an abbreviated month before a number in its sentence, and ends a sentence on the word seven', () => {
    expect(splitSentences('Relevé des cumulus : Septembre-Oct. 2031 ; Lieu : Nuageville.')).toEqual(['Relevé des cumulus : Septembre-Oct. 2031 ; Lieu : Nuageville.']);
    expect(splitSentences('Le bilan paraît le 3 déc. 2031 à Nuageville. Sept. 30 is the English date.')).toEqual([
      'Le bilan paraît le 3 déc. 2031 à Nuageville.',
      'Sept. 30 is the English date.',
    ]);
    expect(splitSentences('Les observateurs étaient sept. Deux sont partis.')).toEqual(['Les observateurs étaient sept.', 'Deux sont partis.']);
  });

  it('returns nothing for empty text', () => {
    expect(splitSentences('')).toEqual([]);
  });

  it('keeps a paragraph of 45 000 abbreviations one sentence, reading each period once', () => {
    // No period here ends a sentence (`art.`, `p.`, `M.` are abbreviations): the sentence so far was once copied and
    // searched at each of them, which took minutes for a paragraph this long.
    const clause = (i: number): string => `Voir l’art. ${i} p. ${i} de M. Nuage`;
    const text = `${Array.from({ length: 15_000 }, (_, i) => clause(i)).join(' ; ')}. Fin du registre fictif.`;
    expect(splitSentences(text)).toEqual([`${Array.from({ length: 15_000 }, (_, i) => clause(i)).join(' ; ')}.`, 'Fin du registre fictif.']);
  });
});
