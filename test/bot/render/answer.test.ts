import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { AskResult, Source } from '../../../src/answers/types.js';
import { MAX_LISTED_HEADINGS } from '../../../src/answers/coverage.js';
import {
  CUT_MARK,
  MAX_CITATION_ABSTRACT_CHARS,
  MAX_CITATION_NAME_CHARS,
  MAX_CITATIONS,
  MAX_MESSAGE_BYTES,
  renderAnswer,
  type CitationMessageEntity,
} from '../../../src/bot/render/answer.js';
import { helpMessage } from '../../../src/bot/render/messages.js';
import { bindPunctuation } from '../../../src/bot/render/text.js';
import {
  answeredResult,
  CHARTER,
  charterSource,
  CLARITY_QUOTE,
  manyDocuments,
  SOBRIETY_QUOTE,
  unendingPassage,
} from '../../helpers/answers.js';

const bytesOf = (activity: ReturnType<typeof renderAnswer>) => Buffer.byteLength(JSON.stringify(activity));

function citationEntity(activity: ReturnType<typeof renderAnswer>): CitationMessageEntity | undefined {
  return activity.entities?.[0] as CitationMessageEntity | undefined;
}

describe('renderAnswer', () => {
  describe('answered', () => {
    it('quotes each sentence verbatim followed by its marker', () => {
      const { text } = renderAnswer(answeredResult());
      expect(text).toContain(`> ${CLARITY_QUOTE} [1]`);
    });

    it('keeps a quote that opens with an article number a quote, not a numbered list that would hide its marker', () => {
      const result: AskResult = {
        kind: 'answered',
        language: 'fr',
        quotes: [{ text: '81. L’Agence fictive des nuages peut enquêter sur toute plainte.', marker: 1 }],
        sources: [charterSource(1)],
      };
      expect(renderAnswer(result).text).toContain('> 81\\. L’Agence fictive des nuages peut enquêter sur toute plainte. [1]');
    });

    it('shows each item of a quoted list on its own line of the quote, never run into the next item', () => {
      const result: AskResult = {
        kind: 'answered',
        language: 'fr',
        quotes: [{ text: 'Relevé des cumulus\nNettoyage des girouettes\nFin de la saison.', marker: 1 }],
        sources: [charterSource(1)],
      };
      expect(renderAnswer(result).text).toContain('> Relevé des cumulus\n>\n> Nettoyage des girouettes\n>\n> Fin de la saison. [1]');
    });

    it('marks a quote that stops on a list item or a clause as continuing, so a list does not read as complete', () => {
      const result: AskResult = {
        kind: 'answered',
        language: 'fr',
        quotes: [
          { text: 'La demande fictive contient : 1° le nom du nuage; 2° son altitude;', marker: 1 },
          { text: 'Le registre fictif est public.', marker: 1 },
        ],
        sources: [charterSource(1)],
      };
      const { text } = renderAnswer(result);
      expect(text).toContain(`> La demande fictive contient : 1° le nom du nuage; 2° son altitude;${CUT_MARK} [1]`);
      expect(text).toContain('> Le registre fictif est public. [1]');
    });

    it('marks a quote that starts in the middle of a list or a sentence as continuing from before', () => {
      const quotes = [
        'b) son altitude, en mètres fictifs;',
        '2° la couleur du nuage fictif.',
        'ou par un autre moyen fictif.',
        'Un nuage bas : il pleut sur le village fictif ; Un nuage haut : il neige.',
      ];
      const { text } = renderAnswer({ kind: 'answered', language: 'fr', quotes: quotes.map((q) => ({ text: q, marker: 1 })), sources: [charterSource(1)] });
      expect(text).toContain(`> […] b) son altitude, en mètres fictifs;${CUT_MARK} [1]`);
      expect(text).toContain('> […] 2° la couleur du nuage fictif. [1]');
      expect(text).toContain('> […] ou par un autre moyen fictif. [1]');
      expect(text).toContain('> […] Un nuage bas : il pleut sur le village fictif ; Un nuage haut : il neige. [1]');
    });

    it('names, after a quote opening with a bare « Non », the heading question it answers, its guillemets held to it', () => {
      const quote = { text: 'Non, aucun parapluie fictif n’est prêté.', marker: 1, answersHeading: 'Peut-on emprunter un parapluie ?' };
      const { text } = renderAnswer({ kind: 'answered', language: 'fr', quotes: [quote], sources: [charterSource(1)] });
      expect(text).toContain('> Non, aucun parapluie fictif n’est prêté. [1] _(réponse à la question «\u00a0Peut-on emprunter un parapluie ?\u00a0»)_');
      const en = renderAnswer({ kind: 'answered', language: 'en', quotes: [quote], sources: [charterSource(1)] });
      expect(en.text).toContain('[1] _(answer to the question “Peut-on emprunter un parapluie ?”)_');
    });

    it('marks a quote the answer says stops before the next items of the list it introduces as continuing', () => {
      const quote = { text: 'Le guichet fictif propose : Prêt de parapluies.', marker: 1, trail: true };
      const { text } = renderAnswer({ kind: 'answered', language: 'fr', quotes: [quote], sources: [charterSource(1)] });
      expect(text).toContain(`> Le guichet fictif propose : Prêt de parapluies.${CUT_MARK} [1]`);
    });

    it('marks a quote the answer says opens mid-list (a numbered item `2.`) as continuing from before, cut to fit or not', () => {
      const quote = { text: '2. Si la panne fictive persiste, appelez le guetteur.', marker: 1, lead: true };
      const { text } = renderAnswer({ kind: 'answered', language: 'fr', quotes: [quote], sources: [charterSource(1)] });
      expect(text).toContain('> […] 2\\. Si la panne fictive persiste, appelez le guetteur. [1]');
      const long = { ...quote, text: `2. Si la panne fictive persiste, ${'appelez le guetteur '.repeat(5_000)}.` };
      const cut = renderAnswer({ kind: 'answered', language: 'fr', quotes: [long], sources: [charterSource(1)] });
      expect(cut.text).toMatch(/^> \[…\] 2\\\. Si la panne fictive persiste, (appelez le guetteur )+appelez( le)?( guetteur)? \[…\] \[1\]$/m);
    });

    it('does not mark a quote that starts a sentence, an article, a list with its introduction or a table row', () => {
      const quotes = [
        'Le registre fictif est public.',
        '12\\. Le nuage fictif est compté.',
        'Le nuage a deux formes : Une ronde ; Une plate.',
        'Mars 2031 ; Ouverture du registre fictif des nuages.',
      ];
      const { text } = renderAnswer({
        kind: 'answered',
        language: 'fr',
        quotes: quotes.map((q) => ({ text: q.replace('\\', ''), marker: 1 })),
        sources: [charterSource(1)],
      });
      for (const q of quotes) expect(text).toContain(`> ${q} [1]`);
      expect(text).not.toContain('[…]');
    });

    it('lists each document version once: title link, version, the sections its quotes share, then each quoted section path and pages', () => {
      const { text } = renderAnswer(answeredResult());
      expect(text).toContain(
        `- [${CHARTER.title}](${CHARTER.url}) — version 2031 du 14 mars 2031, Charte\u00a0: (1) Principe 1 — Clarté › Illustration, p. 12–13 ; (2) Principe 3 — Sobriété, p. 12`,
      );
      expect(text!.split(CHARTER.title)).toHaveLength(2);
    });

    it('lists the quoted pages of one document version in document order, whatever the markers’ order', () => {
      const result: AskResult = {
        kind: 'answered',
        language: 'fr',
        quotes: [
          { text: SOBRIETY_QUOTE, marker: 1 },
          { text: CLARITY_QUOTE, marker: 2 },
        ],
        sources: [
          charterSource(1, { ordinal: 41, sectionPath: ['Arrêté fictif'], pages: { from: 5446, to: 5446 } }),
          charterSource(2, { ordinal: 40, sectionPath: ['Préambule fictif'], pages: { from: 5445, to: 5445 } }),
        ],
      };
      expect(renderAnswer(result).text).toContain(': (2) Préambule fictif, p. 5445 ; (1) Arrêté fictif, p. 5446');
    });

    it('gives each document version its own source line', () => {
      const result: AskResult = {
        kind: 'answered',
        language: 'fr',
        quotes: [
          { text: CLARITY_QUOTE, marker: 1 },
          { text: SOBRIETY_QUOTE, marker: 2 },
          { text: 'Le guide fictif recommande un registre.', marker: 3 },
        ],
        sources: [
          charterSource(1),
          charterSource(2, { versionLabel: '2032', publishedOn: null }),
          charterSource(3, { docId: 'guide-fictif', title: 'Guide fictif', url: null, sectionPath: [], pages: null }),
        ],
      };
      const sourceLines = renderAnswer(result).text!.split('\n').filter((line) => line.startsWith('- '));
      expect(sourceLines).toEqual([
        `- [${CHARTER.title}](${CHARTER.url}) — version 2031 du 14 mars 2031\u00a0: (1) Charte › Principe 1 — Clarté › Illustration, p. 12–13`,
        `- [${CHARTER.title}](${CHARTER.url}) — version 2032\u00a0: (2) Charte › Principe 2 — Clarté › Illustration, p. 12`,
        '- Guide fictif — version 2031 du 14 mars 2031\u00a0: (3)',
      ]);
    });

    it('lets two quotes of the same section and pages share one entry', () => {
      const same = { sectionPath: ['Charte', 'Préambule'], pages: { from: 3, to: 3 } };
      const result: AskResult = {
        kind: 'answered',
        language: 'en',
        quotes: [
          { text: CLARITY_QUOTE, marker: 1 },
          { text: SOBRIETY_QUOTE, marker: 2 },
        ],
        sources: [charterSource(1, same), charterSource(2, same)],
      };
      expect(renderAnswer(result).text).toContain(`version 2031, dated March 14, 2031: (1, 2) Charte › Préambule, p. 3`);
    });

    it('still names each quote’s section and pages in its citation pop-up', () => {
      const [first, second] = citationEntity(renderAnswer(answeredResult()))!.citation;
      expect(first!.appearance.keywords).toEqual(['Illustration', 'version 2031', 'p. 12–13']);
      expect(second!.appearance.keywords).toEqual(['Principe 3 — Sobriété', 'version 2031', 'p. 12']);
      expect(first!.appearance.abstract).toBe(CLARITY_QUOTE);
    });

    it('says the answer was assembled automatically from verbatim quotes', () => {
      expect(renderAnswer(answeredResult()).text).toContain('assemblée automatiquement');
    });

    it('writes English around the French quotes and says the quotes stay in French', () => {
      const { text } = renderAnswer(answeredResult('en'));
      expect(text).toContain('The quotes stay in the original French');
      expect(text).toContain('version 2031, dated March 14, 2031');
      expect(text).toContain(CLARITY_QUOTE);
    });

    it('sends one schema.org Message entity without the AI-generated label', () => {
      const activity = renderAnswer(answeredResult());
      expect(activity.entities).toHaveLength(1);
      const entity = citationEntity(activity)!;
      expect(entity).toMatchObject({ type: 'https://schema.org/Message', '@type': 'Message', '@context': 'https://schema.org', '@id': '' });
      expect(entity).not.toHaveProperty('additionalType');
      expect(entity.citation.map((c) => c.position)).toEqual([1, 2]);
    });

    it('links a citation to the official URL only when one is known', () => {
      const [first, second] = citationEntity(renderAnswer(answeredResult()))!.citation;
      expect(first!.appearance.url).toBe(CHARTER.url);
      expect(second!.appearance).not.toHaveProperty('url');
    });

    it('clips long document names to 80 characters and abstracts to 160', () => {
      const longTitle = `${'Directive gouvernementale fictive sur les systèmes '.repeat(4)}(édition longue)`;
      const longQuote = `${'Chaque organisme documente ses systèmes avec soin et rigueur, '.repeat(5)}sans exception.`;
      const result: AskResult = {
        kind: 'answered',
        language: 'fr',
        quotes: [{ text: longQuote, marker: 1 }],
        sources: [charterSource(1, { title: longTitle })],
      };
      const [claim] = citationEntity(renderAnswer(result))!.citation;
      expect(claim!.appearance.name.length).toBeLessThanOrEqual(MAX_CITATION_NAME_CHARS);
      expect(claim!.appearance.name.endsWith('…')).toBe(true);
      expect(claim!.appearance.abstract.length).toBeLessThanOrEqual(MAX_CITATION_ABSTRACT_CHARS);
      expect(renderAnswer(result).text).toContain(longQuote);
    });

    it('keeps at most three keywords of at most 28 characters', () => {
      const source = charterSource(1, { sectionPath: ['Charte', 'Une section dont le titre est vraiment très long'] });
      const result: AskResult = { kind: 'answered', language: 'fr', quotes: [{ text: CLARITY_QUOTE, marker: 1 }], sources: [source] };
      const keywords = citationEntity(renderAnswer(result))!.citation[0]!.appearance.keywords ?? [];
      expect(keywords.length).toBeLessThanOrEqual(3);
      for (const k of keywords) expect(k.length).toBeLessThanOrEqual(28);
    });

    it('cites no source whose marker the text does not use', () => {
      const result = answeredResult();
      if (result.kind !== 'answered') throw new Error('fixture');
      result.sources.push(charterSource(3));
      const activity = renderAnswer(result);
      expect(citationEntity(activity)!.citation.map((c) => c.position)).toEqual([1, 2]);
      expect(activity.text).not.toContain('(3)');
    });

    it('keeps at most 20 citations and drops quotes whose source is beyond them', () => {
      const sources: Source[] = Array.from({ length: 25 }, (_, i) => charterSource(i + 1));
      const quotes = sources.map((s) => ({ text: `Phrase citée numéro ${s.marker}.`, marker: s.marker }));
      const activity = renderAnswer({ kind: 'answered', language: 'fr', quotes, sources });
      const citations = citationEntity(activity)!.citation;
      expect(citations).toHaveLength(MAX_CITATIONS);
      for (const c of citations) expect(activity.text).toContain(`[${c.position}]`);
      expect(activity.text).not.toContain('numéro 21.');
    });

    it('stays under 80 KB by dropping trailing quotes', () => {
      const sources = [charterSource(1)];
      const quotes = Array.from({ length: 200 }, (_, i) => ({ text: `${'Texte très long de la directive. '.repeat(20)}${i}`, marker: 1 }));
      const activity = renderAnswer({ kind: 'answered', language: 'fr', quotes, sources });
      expect(Buffer.byteLength(JSON.stringify(activity))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(activity.text).toContain('[1]');
    });

    it('cuts a lone quote too long for one message at a word boundary, marks the cut and stays under 80 KB', () => {
      const passage = unendingPassage(245_000);
      const result: AskResult = {
        kind: 'answered',
        language: 'fr',
        quotes: [{ text: passage, marker: 1 }],
        sources: [charterSource(1, { passageText: passage })],
      };
      const activity = renderAnswer(result);
      expect(bytesOf(activity)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      const quoted = /^> (.*) \[…\] \[1\]$/m.exec(activity.text!)?.[1];
      expect(quoted).toBeDefined();
      expect(passage.startsWith(quoted!)).toBe(true);
      expect(passage.charAt(quoted!.length)).toBe(' ');
      // The cut keeps most of the room: a short quote would mean the search for the longest prefix failed.
      expect(quoted!.length).toBeGreaterThan(60_000);
      expect(activity.text).toContain(`${CUT_MARK} [1]`);
      expect(citationEntity(activity)!.citation.map((c) => c.position)).toEqual([1]);
    });

    it('keeps the first quote, cut, when even it alone does not fit beside the others', () => {
      const huge = unendingPassage(120_000);
      const result: AskResult = {
        kind: 'answered',
        language: 'en',
        quotes: [
          { text: huge, marker: 1 },
          { text: CLARITY_QUOTE, marker: 2 },
        ],
        sources: [charterSource(1), charterSource(2)],
      };
      const activity = renderAnswer(result);
      expect(bytesOf(activity)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(activity.text).toContain('[…] [1]');
      expect(activity.text).not.toContain('[2]');
    });

    it('stays under 80 KB when a source has a huge title, section path and URL', () => {
      const passage = unendingPassage(100_000);
      const source = charterSource(1, {
        title: 'Titre '.repeat(20_000),
        sectionPath: Array.from({ length: 2_000 }, (_, i) => `Section ${i}`),
        url: `https://exemple.gouv.qc.ca/${'a'.repeat(50_000)}`,
      });
      const activity = renderAnswer({ kind: 'answered', language: 'fr', quotes: [{ text: passage, marker: 1 }], sources: [source] });
      expect(bytesOf(activity)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(activity.text).toContain('[…] [1]');
    });

    it('escapes markdown in quoted text and shows a note call as a superscript, never as a marker', () => {
      const result: AskResult = {
        kind: 'answered',
        language: 'fr',
        quotes: [{ text: 'Voir la note [7] et le *texte* officiel.', marker: 1 }],
        sources: [charterSource(1)],
      };
      const activity = renderAnswer(result);
      expect(activity.text).toContain('> Voir la note⁷ et le \\*texte\\* officiel. [1]');
      // The client looks for [n] markers in the rendered text, where the markdown escapes are gone.
      const rendered = activity.text!.replace(/\\(.)/g, '$1');
      expect(rendered.match(/\[\d+\]/g)).toEqual(['[1]']);
    });

    it('shows a quote holding entities, strikethrough and tags exactly as the document writes them once rendered', () => {
      const quote = 'Les castors fictifs écrivent &lt;b&gt; et &eacute;t&#233;, rongent ~~du bois~~ <i>tendre</i> en R&D, ~ 10 $.';
      const activity = renderAnswer({ kind: 'answered', language: 'fr', quotes: [{ text: quote, marker: 1 }], sources: [charterSource(1)] });
      // A full CommonMark renderer with HTML on, as the Agents Playground; Teams renders strikethrough and entities too.
      const md = new MarkdownIt({ html: true });
      const line = activity.text!.split('\n').find((l) => l.startsWith('> '))!;
      expect(md.render(line)).toBe(`<blockquote>\n<p>${md.utils.escapeHtml(quote)} [1]</p>\n</blockquote>\n`);
    });

    it('shows a document’s note call « [1] » as a superscript, so the reader cannot take it for our marker [1]', () => {
      const quote = 'Les nuages fictifs servent les usagers [1]. Le registre fictif [12] est public.';
      const activity = renderAnswer({ kind: 'answered', language: 'fr', quotes: [{ text: quote, marker: 1 }], sources: [charterSource(1)] });
      expect(activity.text).toContain('> Les nuages fictifs servent les usagers¹. Le registre fictif¹² est public. [1]');
      expect(citationEntity(activity)!.citation[0]!.appearance.abstract).toBe('Les nuages fictifs servent les usagers¹. Le registre fictif¹² est public.');
    });

    it('keeps two note calls in a row apart, so « [1][2] » does not read as note 12', () => {
      const quote = 'Les nuages fictifs servent les usagers[1][2]. Le registre fictif [3] [4] est public.';
      const activity = renderAnswer({ kind: 'answered', language: 'fr', quotes: [{ text: quote, marker: 1 }], sources: [charterSource(1)] });
      expect(activity.text).toContain('> Les nuages fictifs servent les usagers¹,². Le registre fictif³ ⁴ est public. [1]');
    });

    it('tells the user when the question was truncated', () => {
      const { text } = renderAnswer(answeredResult(), { truncatedQuestion: { originalChars: 20_000, usedChars: 1_998 } });
      expect(text).toMatch(/^Votre message est long \(20\u00a0000 caractères\)\u00a0: seuls les 1\u00a0998 premiers/);
      const en = renderAnswer(answeredResult('en'), { truncatedQuestion: { originalChars: 20_000, usedChars: 1_998 } });
      expect(en.text).toMatch(/^Your message is long \(20,000 characters\): only the first 1,998 were used/);
    });
  });

  describe('uncertain', () => {
    const uncertain = (language: 'fr' | 'en'): AskResult => ({ ...(answeredResult(language) as Extract<AskResult, { kind: 'answered' }>), kind: 'uncertain' });

    it('opens with a plain French label saying these are the closest passages, then quotes and cites them', () => {
      const activity = renderAnswer(uncertain('fr'));
      expect(activity.text).toMatch(
        /^\*\*Réponse incertaine\.\*\* Je n’ai pas trouvé de passage qui réponde exactement à votre question\. Voici les passages les plus proches\u00a0:/,
      );
      expect(activity.text).not.toContain('Voici ce que disent les documents indexés');
      expect(activity.text).toContain(`> ${CLARITY_QUOTE} [1]`);
      expect(activity.text).toContain('reformulez-la avec les termes des documents');
      expect(citationEntity(activity)!.citation.map((c) => c.position)).toEqual([1, 2]);
    });

    it('says it in English for an English question', () => {
      const activity = renderAnswer(uncertain('en'));
      expect(activity.text).toMatch(
        /^\*\*Uncertain answer\.\*\* I found no passage that answers your question exactly\. Here are the closest passages:/,
      );
      expect(activity.text).toContain('The quotes stay in the original French');
      expect(activity.text).toContain('rephrase it with the words of the documents');
      expect(activity.text).toContain(`${CLARITY_QUOTE} [1]`);
      expect(citationEntity(activity)!.citation).toHaveLength(2);
    });

    it('does not label a confident answer', () => {
      expect(renderAnswer(answeredResult()).text).not.toContain('incertaine');
      expect(renderAnswer(answeredResult('en')).text).not.toContain('Uncertain');
    });

    it('keeps the label when a huge quote is cut to fit under 80 KB', () => {
      const passage = unendingPassage(245_000);
      const activity = renderAnswer({
        kind: 'uncertain',
        language: 'fr',
        quotes: [{ text: passage, marker: 1 }],
        sources: [charterSource(1, { passageText: passage })],
      });
      expect(bytesOf(activity)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(activity.text).toMatch(/^\*\*Réponse incertaine\.\*\*/);
      expect(activity.text).toContain(`${CUT_MARK} [1]`);
    });
  });

  describe('not covered', () => {
    it('says plainly that the documents do not cover the question and lists their sections', () => {
      const activity = renderAnswer({ kind: 'not_covered', language: 'fr', covered: [CHARTER] });
      expect(activity.text).toContain('Les documents indexés ne couvrent pas cette question');
      expect(activity.text).toContain(`[${CHARTER.title}](${CHARTER.url})`);
      expect(activity.text).toContain('version 2031 du 14 mars 2031');
      expect(activity.text).toContain('Principe 1 — Loyauté ; Principe 2 — Clarté');
      expect(activity.entities).toBeUndefined();
      expect(activity.text).not.toMatch(/\[\d+\]/);
    });

    it('names the numbered part no document has, after saying the question is not covered', () => {
      const fr = renderAnswer({ kind: 'not_covered', language: 'fr', covered: [CHARTER], missingPart: 'principe 11' }).text!;
      expect(fr).toMatch(/ne couvrent pas cette question[^]*Aucun document indexé n’a de partie numérotée «\u00a0principe 11\u00a0»\.[^]*Voici ce qu’ils couvrent/);
      const en = renderAnswer({ kind: 'not_covered', language: 'en', covered: [CHARTER], missingPart: 'principle 11' }).text!;
      expect(en).toContain('No indexed document has a part numbered “principle 11”.');
      expect(renderAnswer({ kind: 'not_covered', language: 'fr', covered: [CHARTER] }).text).not.toContain('partie numérotée');
    });

    it('says it in English for an English question', () => {
      const { text } = renderAnswer({ kind: 'not_covered', language: 'en', covered: [CHARTER] });
      expect(text).toContain('The indexed documents do not cover this question');
      expect(text).toContain('Here is what they cover');
      expect(text).toContain(`[${CHARTER.title}](${CHARTER.url})`);
      expect(text).toContain('Principe 1 — Loyauté; Principe 2 — Clarté');
      expect(text).not.toContain(' ; ');
    });

    it('lists at most twenty documents, counts the others, and stays under 80 KB with 401 documents', () => {
      const covered = manyDocuments(401);
      for (const language of ['fr', 'en'] as const) {
        const activity = renderAnswer({ kind: 'not_covered', language, covered });
        expect(bytesOf(activity)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
        expect(activity.text).toContain(covered[19]!.title);
        expect(activity.text).not.toContain(covered[20]!.title);
        expect(activity.text).toContain(language === 'fr' ? 'et 381 autres documents' : 'and 381 more documents');
      }
    });

    it('lists fewer documents when twenty would not fit in one message', () => {
      // Names of three-byte characters (`—`), clipped to 200 of them, and 2 000-character links: about 5 KB a document.
      const long = (i: number) => `${'—'.repeat(300)}${i}`;
      const covered = manyDocuments(30, {
        title: long(0),
        versionLabel: long(1),
        sections: Array.from({ length: 15 }, (_, i) => long(i)),
        url: `https://exemple.gouv.qc.ca/${'x'.repeat(2_000)}`,
      }).map((d, i) => ({ ...d, title: `${'—'.repeat(190)} ${i}` }));
      const activity = renderAnswer({ kind: 'not_covered', language: 'fr', covered });
      expect(bytesOf(activity)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      const shown = covered.filter((d) => activity.text!.includes(d.title)).length;
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThan(20);
      expect(activity.text).toContain(`et ${30 - shown} autres documents`);
    });

    it('lists a few headings per document, plainly, and counts the others', () => {
      const many = { ...CHARTER, sections: Array.from({ length: 30 }, (_, i) => `Section ${i + 1}`) };
      const fr = renderAnswer({ kind: 'not_covered', language: 'fr', covered: [many] }).text!;
      expect(fr).toContain(`- [${CHARTER.title}](${CHARTER.url}), version 2031 du 14 mars 2031\u00a0: Section 1 ; Section 2 ; Section 3 ; et 27 autres sections`);
      expect(fr).not.toContain('Section 4');
      expect(fr).not.toContain('**');
      const en = renderAnswer({ kind: 'not_covered', language: 'en', covered: [many] }).text!;
      expect(en).toContain('Section 3; and 27 more sections');
      expect(MAX_LISTED_HEADINGS).toBe(3);
    });

    it('counts one heading left out in the singular', () => {
      expect(renderAnswer({ kind: 'not_covered', language: 'fr', covered: [CHARTER] }).text).toContain('Principe 2 — Clarté ; et 1 autre section');
      expect(renderAnswer({ kind: 'not_covered', language: 'en', covered: [CHARTER] }).text).toContain('Principe 2 — Clarté; and 1 more section');
    });
  });

  describe('counted by numbered headings', () => {
    /** A charter numbering `n` principles, each heading cited as its own section. */
    function countedResult(n: number, language: 'fr' | 'en' = 'fr'): AskResult {
      const markers = Array.from({ length: n }, (_, i) => i + 1);
      return {
        kind: 'counted',
        language,
        noun: language === 'fr' ? 'principes' : 'principles',
        series: [
          {
            docId: CHARTER.docId,
            title: CHARTER.title,
            versionLabel: CHARTER.versionLabel,
            publishedOn: null,
            url: CHARTER.url,
            count: n,
            headings: markers.map((m) => ({ number: String(m), heading: `${m}. Principe fictif numéro ${m}`, marker: m })),
          },
        ],
        sources: markers.map((m) => charterSource(m, { sectionPath: [`${m}. Principe fictif numéro ${m}`] })),
      };
    }

    it('says how many principles the headings number, then quotes each heading, escaped as a block quote, with its marker', () => {
      const text = renderAnswer(countedResult(3)).text as string;
      expect(text).toMatch(/numérote 3 principes\s:/u);
      expect(text).toContain('> 1\\. Principe fictif numéro 1 [1]\n>\n> 2\\. Principe fictif numéro 2 [2]\n>\n> 3\\. Principe fictif numéro 3 [3]');
      expect(citationEntity(renderAnswer(countedResult(3)))?.citation.map((c) => c.appearance.abstract)).toEqual([
        '1. Principe fictif numéro 1',
        '2. Principe fictif numéro 2',
        '3. Principe fictif numéro 3',
      ]);
    });

    it('quotes at most the citations Teams allows, keeps the whole count and counts the headings left out', () => {
      const activity = renderAnswer(countedResult(25));
      const text = activity.text as string;
      expect(text).toMatch(/numérote 25 principes\s:/u);
      expect(text).toContain(`[${MAX_CITATIONS}]`);
      expect(text).not.toContain(`[${MAX_CITATIONS + 1}]`);
      expect(text).toMatch(/et 5.autres titres numérotés, non affichés ici/);
      expect(citationEntity(activity)?.citation.length).toBe(MAX_CITATIONS);
      expect(bytesOf(activity)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      const english = renderAnswer(countedResult(25, 'en')).text as string;
      expect(english).toContain('numbers 25 principles:');
      expect(english).toContain('and 5 more numbered headings, not shown here');
    });
  });

  describe('empty index', () => {
    it('says no document is indexed and that the governance team must ingest them', () => {
      const { text } = renderAnswer({ kind: 'empty_index', language: 'fr' });
      expect(text).toContain("Aucun document n’est encore indexé");
      expect(text).toContain('équipe de gouvernance');
    });
  });
});

describe('French guillemets in replies', () => {
  const LOOSE = /« |\s»/u;

  it('holds « and » to their words with a no-break space, so a closing » never starts a line alone', () => {
    const { text } = renderAnswer({ kind: 'not_covered', language: 'fr', covered: [CHARTER], missingPart: 'Principe 9' });
    expect(text).toContain('Aucun document indexé n’a de partie numérotée «\u00a0Principe 9\u00a0».');
    expect(text).not.toMatch(/« | »/u);
    expect(helpMessage('fr', { declarations: true, admin: false, operator: false, personal: true }, [CHARTER]).text).toMatch(/«\u00a0[^»]+\u00a0»/u);
  });

  it('leaves quoted document text exactly as written, guillemets and spaces included', () => {
    const quote = 'L’organisme désigne la personne « responsable du système » avant son usage.';
    const result: AskResult = { kind: 'answered', language: 'fr', quotes: [{ text: quote, marker: 1 }], sources: [charterSource(1)] };
    const { text } = renderAnswer(result);
    expect(text).toContain(`> ${quote} [1]`);
    expect(text!.split('\n').filter((line) => !line.startsWith('>')).join('\n')).not.toMatch(LOOSE);
  });

  it('leaves a command in a code span as it is to be typed', () => {
    expect(bindPunctuation('Tapez `« sources »` ou « aide ».')).toBe('Tapez `« sources »` ou «\u00a0aide\u00a0».');
  });
});

describe('French colons in replies', () => {
  /** A colon after an ordinary space that follows a word or a closing mark: where a narrow window can start a line on « : ». */
  const LOOSE_COLON = /[\p{L}\p{N}»)\]*_`] +:/u;
  const outsideQuotes = (text: string) => text.split('\n').filter((line) => !line.startsWith('>')).join('\n');

  it('holds « : » to the word before it with a no-break space, after a word, a code span or bold text', () => {
    const quote = { text: 'Le nuage fictif est blanc.', marker: 1 };
    const result: AskResult = { kind: 'answered', language: 'fr', quotes: [quote], sources: [charterSource(1)] };
    const { text } = renderAnswer(result, { declareTip: 'declare', truncatedQuestion: { originalChars: 5_000, usedChars: 1_998 } });
    expect(text).toContain('Voici ce que disent les documents indexés\u00a0:');
    expect(text).toContain('tapez `/déclarer`\u00a0: je vous guide étape par étape.');
    expect(text).toContain('caractères)\u00a0: seuls les');
    expect(text).not.toMatch(LOOSE_COLON);
    const abstention = renderAnswer({ kind: 'not_covered', language: 'fr', covered: [CHARTER] }).text!;
    expect(abstention).toContain('Voici ce qu’ils couvrent\u00a0:');
    expect(abstention).not.toMatch(LOOSE_COLON);
    const help = helpMessage('fr', { declarations: true, admin: true, operator: true, personal: true }, [CHARTER]).text!;
    expect(help).toContain('Par exemple\u00a0: «\u00a0');
    expect(outsideQuotes(help)).not.toMatch(LOOSE_COLON);
  });

  it('leaves quoted document text exactly as written, its spaces before a colon included', () => {
    const quote = 'Le registre fictif contient : la date ; l’heure !';
    const result: AskResult = { kind: 'answered', language: 'fr', quotes: [{ text: quote, marker: 1 }], sources: [charterSource(1)] };
    const { text } = renderAnswer(result);
    expect(text).toContain(`> ${quote} [1]`);
    expect(outsideQuotes(text!)).not.toMatch(LOOSE_COLON);
  });

  it('binds only a space already before a colon, and nothing before ; ! ? nor inside a code span', () => {
    expect(bindPunctuation('**Sources** : voir « Charte » : p. 3')).toBe('**Sources**\u00a0: voir «\u00a0Charte\u00a0»\u00a0: p. 3');
    expect(bindPunctuation('Tapez `aide : sources` : la liste (p. 3) : fin')).toBe('Tapez `aide : sources`\u00a0: la liste (p. 3)\u00a0: fin');
    expect(bindPunctuation('Le nuage ; la pluie ! Le vent ?')).toBe('Le nuage ; la pluie ! Le vent ?');
    expect(bindPunctuation('Error: the field is required. Erreur\u00a0: déjà liée.')).toBe('Error: the field is required. Erreur\u00a0: déjà liée.');
    expect(bindPunctuation('Liste\n: suite')).toBe('Liste\n: suite');
  });
});
