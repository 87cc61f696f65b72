import { describe, expect, it } from 'vitest';
import type { GeneratedAnswer, QuotedResult } from '../../../src/answers/generative.js';
import {
  CUT_MARK,
  MAX_CITATION_ABSTRACT_CHARS,
  MAX_CITATION_CARD_CHARS,
  MAX_CITATION_KEYWORD_CHARS,
  MAX_CITATION_NAME_CHARS,
  MAX_MESSAGE_BYTES,
  renderGeneratedAnswer,
  type CitationMessageEntity,
} from '../../../src/bot/render/answer.js';
import { answeredResult, charterSource, unendingPassage } from '../../helpers/answers.js';

const result = answeredResult() as QuotedResult;
const entityOf = (activity: ReturnType<typeof renderGeneratedAnswer>) => activity!.entities![0] as CitationMessageEntity;

describe('renderGeneratedAnswer', () => {
  it('keeps the Teams limits on every citation of a long-named source', () => {
    const long = charterSource(1, { title: 'Directive fictive '.repeat(10), sectionPath: ['Chapitre fictif '.repeat(5)] });
    const generated: GeneratedAnswer = { sentences: [{ text: 'Une phrase.', markers: [1] }], sources: [long], droppedSentences: 0 };
    const [claim] = entityOf(renderGeneratedAnswer(result, generated)).citation;
    expect(claim!.appearance.name.length).toBeLessThanOrEqual(MAX_CITATION_NAME_CHARS);
    expect(claim!.appearance.abstract.length).toBeLessThanOrEqual(MAX_CITATION_ABSTRACT_CHARS);
    for (const keyword of claim!.appearance.keywords ?? []) expect(keyword.length).toBeLessThanOrEqual(MAX_CITATION_KEYWORD_CHARS);
  });

  it('cuts a huge passage in its pop-up to a verbatim prefix, and the message still fits', () => {
    const huge = unendingPassage(60_000);
    const sources = [1, 2, 3, 4, 5].map((n) => charterSource(n, { passageText: huge }));
    const generated: GeneratedAnswer = { sentences: [{ text: 'Une phrase.', markers: [1, 2, 3, 4, 5] }], sources, droppedSentences: 0 };
    const activity = renderGeneratedAnswer(result, generated);
    expect(activity).not.toBeNull();
    expect(Buffer.byteLength(JSON.stringify(activity))).toBeLessThan(MAX_MESSAGE_BYTES);
    const shown: string = JSON.parse(entityOf(activity).citation[0]!.appearance.text!).body[0].inlines[0].text;
    expect(shown.endsWith(CUT_MARK)).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(MAX_CITATION_CARD_CHARS + CUT_MARK.length);
    expect(huge.startsWith(shown.slice(0, -CUT_MARK.length))).toBe(true);
  });

  it('shows a marker of the document’s own note call as text, never as a citation', () => {
    const generated: GeneratedAnswer = { sentences: [{ text: 'Selon la note [3] du texte, il faut informer.', markers: [1] }], sources: [charterSource(1)], droppedSentences: 0 };
    const activity = renderGeneratedAnswer(result, generated)!;
    expect(activity.text).toContain('\\[\u20603\\]');
    expect(entityOf(activity).citation.map((c) => c.position)).toEqual([1]);
  });
});
