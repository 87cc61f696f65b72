import { describe, expect, it } from 'vitest';
import type { AskResult } from '../../../src/answers/types.js';
import { cardBytes, MAX_CARD_BYTES, type Card } from '../../../src/bot/cards/index.js';
import { MAX_PREVIEW_TITLE_CHARS, MAX_QUOTED_PASSAGE_CHARS, searchResults } from '../../../src/bot/render/search-results.js';
import { answeredResult, CHARTER, charterSource, manyDocuments, unendingPassage } from '../../helpers/answers.js';
import { cardText, labelledValues, typedNodes, type Json } from '../../helpers/card-walk.js';

const PAGE = { skip: 0, count: 25 };
const quoteOf = (card: unknown): string =>
  typedNodes(card)
    .filter((n) => n.type === 'TextRun')
    .map((n) => String(n.text))
    .join('');
const items = (result: AskResult, page = PAGE): Json[] => searchResults(result, page).attachments as Json[];

describe('searchResults', () => {
  it('gives one card per quoted passage, in the answer’s order, each quoting its whole passage as written', () => {
    const result = answeredResult();
    const [first, second] = items(result);
    expect(quoteOf(first!.content)).toBe(charterSource(1).passageText);
    expect(quoteOf(second!.content)).toBe(charterSource(2).passageText);
    expect(labelledValues(first!.content).map((r) => [r.label, r.value])).toEqual([
      ['Document', `[${CHARTER.title}](${CHARTER.url})`],
      ['Version', '2031 (14 mars 2031)'],
      ['Section', 'Charte › Principe 1 — Clarté › Illustration'],
      ['Pages', 'p. 12–13'],
      ['Lien officiel', `[${CHARTER.url}](${CHARTER.url})`],
    ]);
    // A document without an official link names it without one, and shows no link row.
    expect(labelledValues(second!.content).map((r) => r.label)).toEqual(['Document', 'Version', 'Section', 'Page']);
    expect(second!.preview.content).toEqual({ title: 'Principe 3 — Sobriété', subtitle: `${CHARTER.title} — version 2031 — p. 12`, text: charterSource(2).passageText });
  });

  it('labels every card and preview of an uncertain outcome in words', () => {
    const result = { ...answeredResult(), kind: 'uncertain' } as AskResult;
    for (const item of items(result)) {
      expect(cardText(item.content)).toMatch(/^\*\*Réponse incertaine\u00a0: c’est le passage le plus proche trouvé/);
      expect(item.preview.content.subtitle).toMatch(/^Réponse incertaine — /);
    }
    const english = { ...answeredResult('en'), kind: 'uncertain' } as AskResult;
    expect(cardText(items(english)[0]!.content)).toMatch(/^\*\*Uncertain answer: this is the closest passage found/);
  });

  it('shows no passage that the answer quotes nothing from, and a not-covered result when none is quoted', () => {
    const result = answeredResult();
    if (result.kind !== 'answered') throw new Error('fixture');
    const onlySecond = { ...result, quotes: result.quotes.filter((q) => q.marker === 2) };
    expect(items(onlySecond).map((i) => quoteOf(i.content))).toEqual([charterSource(2).passageText]);
    const none = items({ ...result, quotes: [] });
    expect(none).toHaveLength(1);
    expect(none[0]!.preview.content.title).toBe('Non couvert par les documents indexés');
  });

  it('pages the passages as Teams asks', () => {
    expect(items(answeredResult(), { skip: 1, count: 25 }).map((i) => quoteOf(i.content))).toEqual([charterSource(2).passageText]);
    expect(items(answeredResult(), { skip: 25, count: 25 })).toEqual([]);
  });

  it('lists at most five covered documents on the not-covered card, counting the others, and names the missing part', () => {
    const [only] = items({ kind: 'not_covered', language: 'fr', covered: manyDocuments(7), missingPart: 'principe 11' });
    const text = cardText(only!.content);
    expect(text).toContain('Aucun document indexé n’a de partie numérotée «\u00a0principe 11\u00a0».');
    expect(text.match(/Directive fictive/g)).toHaveLength(5);
    expect(text).toContain('et 2 autres documents');
  });

  it('cuts an over-long passage at a word with « […] » and keeps the card under Teams’ size limit', () => {
    const long = unendingPassage(MAX_QUOTED_PASSAGE_CHARS + 500);
    const result: AskResult = { kind: 'answered', language: 'fr', quotes: [{ text: long.slice(0, 40), marker: 1 }], sources: [charterSource(1, { passageText: long, title: '*'.repeat(5_000) })] };
    const [only] = items(result);
    const quote = quoteOf(only!.content);
    expect(quote.endsWith(' […]')).toBe(true);
    expect(long.startsWith(quote.slice(0, -' […]'.length))).toBe(true);
    expect(cardBytes(only!.content as Card)).toBeLessThan(MAX_CARD_BYTES);
  });

  it('says at the head of the first preview, on the first page only, that a long search was shortened, never on the inserted card', () => {
    const shortened = { originalChars: 2_600, usedChars: 1_994 };
    const [first, second] = searchResults(answeredResult(), PAGE, shortened).attachments as Json[];
    expect(first!.preview.content.text).toMatch(/^Recherche raccourcie : seuls les 1\s994 premiers caractères sur 2\s600 ont servi\. /);
    expect(first!.preview.content.text.length).toBeLessThanOrEqual(160);
    expect(cardText(first!.content)).not.toContain('raccourcie');
    expect(second!.preview.content.text).toBe(charterSource(2).passageText);
    const [later] = searchResults(answeredResult(), { skip: 1, count: 25 }, shortened).attachments as Json[];
    expect(later!.preview.content.text).toBe(charterSource(2).passageText);
    const [english] = searchResults({ kind: 'not_covered', language: 'en', covered: [] }, PAGE, shortened).attachments as Json[];
    expect(english!.preview.content.text).toMatch(/^Search shortened: only the first 1,994 of 2,600 characters were used\. The indexed/);
  });

  it('asks for the subject in a plain message when the search names nothing (only stop words), French and English', () => {
    expect(searchResults({ kind: 'no_subject', language: 'fr' }, PAGE)).toEqual({ type: 'message', text: expect.stringMatching(/^Cette recherche ne dit pas sur quoi elle porte : tapez son sujet/) });
    expect(searchResults({ kind: 'no_subject', language: 'en' }, PAGE)).toEqual({ type: 'message', text: expect.stringMatching(/^This search does not say what it is about: type its subject/) });
  });

  it('says so in a plain message when nothing is indexed', () => {
    expect(searchResults({ kind: 'empty_index', language: 'en' }, PAGE)).toEqual({ type: 'message', text: expect.stringMatching(/^No document is indexed yet/) });
  });

  describe('counted by numbered headings', () => {
    /** A fictional code numbering `n` articles under headings `heading(m)`, in a document titled `title`. */
    function countedResult(n: number, title: string, heading: (m: number) => string): AskResult {
      const markers = Array.from({ length: n }, (_, i) => i + 1);
      return {
        kind: 'counted',
        language: 'fr',
        noun: 'articles',
        series: [
          {
            docId: CHARTER.docId,
            title,
            versionLabel: CHARTER.versionLabel,
            publishedOn: null,
            url: CHARTER.url,
            count: n,
            headings: markers.map((m) => ({ number: String(m), heading: heading(m), marker: m })),
          },
        ],
        sources: markers.map((m) => charterSource(m, { title, sectionPath: [heading(m)] })),
      };
    }

    it('keeps a statute’s hundreds of long headings under Teams’ card limit, counting those it leaves out', () => {
      const heading = (m: number) => `Article ${m} — ${'Disposition fictive sur la tenue des registres des observatoires lunaires '.repeat(4)}`;
      const [only] = items(countedResult(300, 'Code fictif des observatoires', heading));
      expect(cardBytes(only!.content as Card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      const text = cardText(only!.content);
      expect(text).toContain('Code fictif des observatoires numérote 300 articles\u00a0:');
      const shown = typedNodes(only!.content).filter((n) => n.type === 'TextRun' && /^Article \d+ — /.test(String(n.text))).length;
      expect(shown).toBeGreaterThan(10);
      expect(text).toMatch(new RegExp(`\\(et ${300 - shown}\\sautres titres numérotés, non affichés ici\\)`, 'u'));
    });

    it('keeps the count in the preview title when the document’s title is long', () => {
      const title = 'Code fictif de la protection des renseignements des observatoires lunaires et martiens';
      const [only] = items(countedResult(12, title, (m) => `Article ${m}`));
      const preview = only!.preview.content.title as string;
      expect(preview.length).toBeLessThanOrEqual(MAX_PREVIEW_TITLE_CHARS);
      expect(preview).toMatch(/^Code fictif de la protection.*… numérote 12 articles :$/u);
    });
  });
});
