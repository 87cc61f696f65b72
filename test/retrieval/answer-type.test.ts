import { describe, expect, it } from 'vitest';
import { answerType, statesAnswer } from '../../src/retrieval/answer-type.js';

describe('answerType', () => {
  it('reads questions that ask for an amount of money', () => {
    expect(answerType('Combien coûte un parapluie fictif à l’Agence?')).toEqual({ kind: 'money' });
    expect(answerType('How much does a cloud permit cost?')).toEqual({ kind: 'money' });
  });

  it('reads questions that ask for a duration', () => {
    expect(answerType('Pendant combien d’années garde-t-on le registre des nuages?')).toEqual({ kind: 'duration' });
    expect(answerType('On a combien de jours pour répondre?')).toEqual({ kind: 'duration' });
    expect(answerType('How long is the cloud registry kept?')).toEqual({ kind: 'duration' });
  });

  it('reads questions that ask how many of something, with the counted noun', () => {
    expect(answerType('Combien de parapluies peut-on emprunter?')).toEqual({ kind: 'count', noun: 'parapluies' });
    expect(answerType('How many umbrellas can I borrow?')).toEqual({ kind: 'count', noun: 'umbrellas' });
    expect(answerType('Combien y a-t-il de parapluies?')).toEqual({ kind: 'count', noun: 'parapluies' });
    expect(answerType('Combien y a-t-il d’agences?')).toEqual({ kind: 'count', noun: 'agences' });
    expect(answerType('Combien le guide fictif compte-t-il de parapluies?')).toEqual({ kind: 'count', noun: 'parapluies' });
    expect(answerType('Quel est le nombre de parapluies?')).toEqual({ kind: 'count', noun: 'parapluies' });
  });

  it('reads questions that ask who holds a position', () => {
    expect(answerType('Qui est le chef fictif de l’Agence des nuages?')).toEqual({ kind: 'person' });
    expect(answerType('Who is the head of the cloud agency?')).toEqual({ kind: 'person' });
    expect(answerType('Qui est responsable du registre?')).toBeNull();
    expect(answerType('Qui est le responsable du registre des nuages?')).toBeNull();
    expect(answerType('Qui sont les responsables du registre?')).toBeNull();
  });

  it('leaves other questions alone, “quand” as a conjunction included', () => {
    expect(answerType('Qui tient le registre des nuages?')).toBeNull();
    expect(answerType('Comment montrer qu’on a réfléchi quand on a choisi un parapluie?')).toBeNull();
  });
});

describe('statesAnswer', () => {
  it('finds an amount, a duration, or a number next to the counted noun', () => {
    expect(statesAnswer({ kind: 'money' }, 'Le permis coûte 25 $ par saison.')).toBe(true);
    expect(statesAnswer({ kind: 'duration' }, 'Le registre est conservé dix ans.')).toBe(true);
    expect(statesAnswer({ kind: 'count', noun: 'parapluies' }, 'Chaque agent peut emprunter 3 parapluies fictifs.')).toBe(true);
    expect(statesAnswer({ kind: 'person' }, 'L’Agence est dirigée par Céleste Nuageux depuis 2031.')).toBe(true);
    expect(statesAnswer({ kind: 'person' }, 'Le registre est tenu par Mme Cumulus.')).toBe(true);
  });

  it('takes a time limit stated without a number for a duration, as rules often state one', () => {
    expect(statesAnswer({ kind: 'duration' }, 'L’Agence avise, avec diligence, la personne dont le parapluie fictif est perdu.')).toBe(true);
    expect(statesAnswer({ kind: 'duration' }, 'Le registre est corrigé sans délai.')).toBe(true);
    expect(statesAnswer({ kind: 'duration' }, 'The agency answers within a reasonable time.')).toBe(true);
  });

  it('does not take any number for an answer', () => {
    expect(statesAnswer({ kind: 'money' }, 'Article 12. Le permis est délivré par l’Agence.')).toBe(false);
    expect(statesAnswer({ kind: 'duration' }, 'Voir la section 4 du registre.')).toBe(false);
    expect(statesAnswer({ kind: 'count', noun: 'parapluies' }, 'En 2031, l’Agence prête des parapluies.')).toBe(false);
    expect(statesAnswer({ kind: 'person' }, 'Le ministre désigné par le gouvernement est responsable du registre.')).toBe(false);
  });
});
