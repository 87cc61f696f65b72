import { describe, expect, it } from 'vitest';
import { dependsOnPreviousSentence } from '../../src/answers/anaphora.js';

describe('dependsOnPreviousSentence', () => {
  it.each([
    'Ce registre est fermé chaque hiver.',
    'Cette information est donnée dès le premier échange.',
    'Ces relevés restent confidentiels.',
    'Cela vaut pour chaque saison.',
    'Ceci s’applique aux anémomètres.',
    'Celui-ci est tenu par l’Agence.',
    'Il est tenu par l’Agence fictive.',
    'Il est tenu de consigner chaque relevé.',
    'Elles sont publiées en ligne.',
    'Sa mise à jour est annuelle.',
    'Ainsi, chaque relevé est daté.',
    'Toutefois, les relevés de grêle restent confidentiels.',
    'Cependant, le registre est ouvert.',
    'En outre, le bulletin est traduit.',
    'De plus, il est traduit en anglais.',
    'Par ailleurs, l’Agence publie un bilan.',
    'À cette fin, l’Agence nomme un responsable.',
    'Dans ce cas, le relevé est refait.',
    'En effet, la grêle abîme les capteurs.',
    'Par exemple, un anémomètre connecté.',
  ])('is true for a sentence opening with an anaphor or a connective: %s', (sentence) => {
    expect(dependsOnPreviousSentence(sentence)).toBe(true);
  });

  it.each([
    'Les usagers sont informés de la portée de tels appareils.',
    'Un tableau associant de telles exigences aux actions suffit.',
    'L’organisme consulte ce dernier avant la saison.',
    'Les mesures ci-avant mentionnées sont annuelles.',
  ])('is true for a sentence pointing back mid-sentence: %s', (sentence) => {
    expect(dependsOnPreviousSentence(sentence)).toBe(true);
  });

  it.each([
    'Un organisme fictif peut aussi consigner la grêle.',
    'Un organisme fictif peut aussi démontrer que son anémomètre est étalonné.',
    'L’Agence publie également un bilan annuel.',
    'Contrairement aux stations privées, il est relié au réseau de l’Agence.',
    'The Agency may also publish a yearly report.',
  ])('is true for an additive adverb or a pronoun subject after an introduction: %s', (sentence) => {
    expect(dependsOnPreviousSentence(sentence)).toBe(true);
  });

  it.each([
    'Les relevés ne seront donc pas publiés.',
    'Un relevé peut toutefois être corrigé par l’observateur.',
    'Le registre reste en revanche ouvert aux écoles.',
    'The records will therefore stay private.',
    'Il s’agit ici d’adopter la même prudence que pour la grêle.',
    'Il faut toutefois dater chaque relevé.',
  ])('is true for a connective after the subject or verb, or « Il s’agit ici »: %s', (sentence) => {
    expect(dependsOnPreviousSentence(sentence)).toBe(true);
  });

  it.each(['This register is public.', 'However, hail records stay confidential.', 'Such a record is kept for a year.'])(
    'is true for the English equivalents: %s',
    (sentence) => {
      expect(dependsOnPreviousSentence(sentence)).toBe(true);
    },
  );

  it.each([
    'L’Agence tient un registre des nuages.',
    'Il faut consigner chaque relevé.',
    'Il existe des méthodes pour mesurer le vent.',
    'Il est nécessaire de dater chaque relevé.',
    'Il est très important d’archiver les relevés.',
    'Il y a trois anémomètres sur le toit.',
    'It is important to date each record.',
    'Illustration d’un relevé de grêle.',
    'Cessation des relevés en hiver.',
    'En 2031, l’Agence ouvre le registre.',
    'Les relevés sont tels que décrits à l’annexe.',
    'Un anémomètre est aussi fiable qu’un baromètre.',
    'En hiver, il faut relever les capteurs chaque jour.',
    'Pour chaque relevé, l’Agence note l’heure, le lieu et la température, et les observateurs signent aussi le registre.',
    'Il s’agit d’un registre des nuages tenu par l’Agence.',
    'Le registre des nuages de l’Agence est tenu chaque jour, donc aussi le dimanche.',
    'Les règles s’appliquent aux anémomètres de l’Agence, ce qui inclut chacune des phases de vie de tels anémomètres.',
  ])('is false for a sentence that stands alone: %s', (sentence) => {
    expect(dependsOnPreviousSentence(sentence)).toBe(false);
  });

  it('ignores case, apostrophe style and a leading bullet or quotation mark', () => {
    expect(dependsOnPreviousSentence('• « CES relevés restent confidentiels. »')).toBe(true);
    expect(dependsOnPreviousSentence("C'est pourquoi le registre est public.")).toBe(true);
  });
});
