import { describe, expect, it } from 'vitest';
import { historyNoteSpans } from '../../src/knowledge/history-notes.js';

/** The notes of `text`, as text. */
const notesOf = (text: string) => historyNoteSpans(text).map((s) => text.slice(s.start, s.end));

describe('historyNoteSpans', () => {
  it('finds the amendment history after an article, with every citation it lists', () => {
    const text = '4. Le registre des nuages est public. 2031, c. 4, a. 7; 2033, c. 12, a. 2.';
    expect(notesOf(text)).toEqual(['2031, c. 4, a. 7; 2033, c. 12, a. 2.']);
  });

  it('takes in the debris an extraction left, and a note that lost its first citation', () => {
    const text = 'Le registre est public. 4; 2 2033, c. 12, a. 1021 . Les parapluies sont prêtés.';
    expect(notesOf(text)).toEqual(['4; 2 2033, c. 12, a. 1021 .']);
  });

  it('leaves out the number of the next article, and the stray digit after it', () => {
    const text = 'Le registre est public. 2031, c. 4, a. 7. 5. 2 Les parapluies sont prêtés.';
    expect(notesOf(text)).toEqual(['2031, c. 4, a. 7.']);
  });

  it('leaves out the number of a next article that was replaced', () => {
    const text = 'Le registre est public. 2031, c. 4, a. 7. 5. (Remplacé).';
    expect(notesOf(text)).toEqual(['2031, c. 4, a. 7.']);
  });

  it('keeps a number that ends the sentence before the note with that sentence', () => {
    const text = 'Le registre suit l’article 3.1. 2031, c. 4, a. 7. Les parapluies sont prêtés.';
    expect(notesOf(text)).toEqual(['2031, c. 4, a. 7.']);
  });

  it('finds a note citing an article where an extraction put it inside a sentence', () => {
    const text = 'Le registre des nuages est tenu par un 2031, c. 4, a. 7; 2033, c. 12, a. 2. préposé fictif.';
    expect(notesOf(text)).toEqual(['2031, c. 4, a. 7; 2033, c. 12, a. 2.']);
  });

  it('finds none in a sentence that cites an act in brackets or in words', () => {
    expect(notesOf('Le registre (2031, c. 4, a. 7) est public. Il suit le chapitre 4 des lois de 2031.')).toEqual([]);
  });

  it('finds none in a text without citation', () => {
    expect(notesOf('12. Le registre est public. 13. Les parapluies sont prêtés, 3 fois par an.')).toEqual([]);
  });
});
