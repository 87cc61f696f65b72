import { describe, expect, it } from 'vitest';
import type { AskResult } from '../../src/answers/types.js';
import { renderAnswerText } from '../../src/cli/render-answer.js';
import { answeredResult, CHARTER, charterSource, CLARITY_QUOTE, SOBRIETY_QUOTE } from '../helpers/answers.js';

const uncertain = (language: 'fr' | 'en'): AskResult => ({
  ...(answeredResult(language) as Extract<AskResult, { kind: 'answered' }>),
  kind: 'uncertain',
});

describe('renderAnswerText', () => {
  it('prints each item of a quoted list on its own line, indented under the quote', () => {
    const result: AskResult = {
      kind: 'answered',
      language: 'fr',
      quotes: [{ text: 'Relevé des cumulus\nNettoyage des girouettes\nFin de la saison.', marker: 1 }],
      sources: [charterSource(1)],
    };
    expect(renderAnswerText(result)).toContain('  « Relevé des cumulus\n    Nettoyage des girouettes\n    Fin de la saison. » [1]');
  });

  it('names a document version once, the sections its quotes share once, then each quoted section and pages after its marker', () => {
    const text = renderAnswerText(answeredResult());
    expect(text).toContain(
      `  ${CHARTER.title}, version 2031 (2031-03-14), Charte : [1] Principe 1 — Clarté › Illustration, p. 12–13 ; [2] Principe 3 — Sobriété, p. 12\n      ${CHARTER.url}`,
    );
    expect(text.split(CHARTER.title)).toHaveLength(2);
  });

  it('lists the quoted pages of one document version in document order, whatever the markers’ order', () => {
    const text = renderAnswerText({
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
    });
    expect(text).toContain(': [2] Préambule fictif, p. 5445 ; [1] Arrêté fictif, p. 5446');
  });

  it('gives quotes of the same section and pages one entry', () => {
    const same = { sectionPath: ['Charte', 'Préambule'], pages: { from: 3, to: 3 } };
    const text = renderAnswerText({
      kind: 'answered',
      language: 'fr',
      quotes: [
        { text: CLARITY_QUOTE, marker: 1 },
        { text: SOBRIETY_QUOTE, marker: 2 },
      ],
      sources: [charterSource(1, same), charterSource(2, same)],
    });
    expect(text).toContain(': [1][2] Charte › Préambule, p. 3\n');
  });

  it('names a section once when it is quoted with a subsection of its own', () => {
    const text = renderAnswerText({
      kind: 'answered',
      language: 'en',
      quotes: [
        { text: CLARITY_QUOTE, marker: 1 },
        { text: SOBRIETY_QUOTE, marker: 2 },
      ],
      sources: [
        charterSource(1, { sectionPath: ['Principe 1 — Clarté'], pages: { from: 4, to: 4 } }),
        charterSource(2, { sectionPath: ['Principe 1 — Clarté', 'Illustration'], pages: { from: 4, to: 4 } }),
      ],
    });
    expect(text).toContain(', Principe 1 — Clarté: [1] p. 4; [2] Illustration, p. 4\n');
  });

  it('labels an uncertain answer in words, in French, and still quotes and cites', () => {
    const text = renderAnswerText(uncertain('fr'));
    expect(text).toMatch(
      /^RÉPONSE INCERTAINE : je n’ai pas trouvé de passage qui réponde exactement à votre question\.\nVoici les passages les plus proches :\n/,
    );
    expect(text).toContain(`« ${CLARITY_QUOTE} » [1]`);
    expect(text).toContain('Sources :');
    expect(text).toContain('reformulez-la avec les termes des documents');
  });

  it('marks a quote that stops on a list item as continuing', () => {
    const result: AskResult = {
      kind: 'answered',
      language: 'fr',
      quotes: [{ text: 'La demande fictive contient : 1° le nom du nuage;', marker: 1 }],
      sources: [charterSource(1)],
    };
    expect(renderAnswerText(result)).toContain('« La demande fictive contient : 1° le nom du nuage; […] » [1]');
  });

  it('marks a quote that stops before the next items of the list it introduces as continuing', () => {
    const result: AskResult = {
      kind: 'answered',
      language: 'fr',
      quotes: [{ text: 'Le guichet fictif propose : Prêt de parapluies.', marker: 1, trail: true }],
      sources: [charterSource(1)],
    };
    expect(renderAnswerText(result)).toContain('« Le guichet fictif propose : Prêt de parapluies. […] » [1]');
  });

  it('names, after a quote opening with a bare « Non », the heading question it answers', () => {
    const quote = { text: 'Non, aucun parapluie fictif n’est prêté.', marker: 1, answersHeading: 'Peut-on emprunter un parapluie ?' };
    const fr = renderAnswerText({ kind: 'answered', language: 'fr', quotes: [quote], sources: [charterSource(1)] });
    expect(fr).toContain('« Non, aucun parapluie fictif n’est prêté. » [1] (réponse à la question « Peut-on emprunter un parapluie ? »)');
    const en = renderAnswerText({ kind: 'answered', language: 'en', quotes: [quote], sources: [charterSource(1)] });
    expect(en).toContain('« Non, aucun parapluie fictif n’est prêté. » [1] (answer to the question “Peut-on emprunter un parapluie ?”)');
  });

  it('marks a quote that starts in the middle of a list as continuing from before', () => {
    const result: AskResult = {
      kind: 'answered',
      language: 'fr',
      quotes: [
        { text: '2° son altitude, en mètres fictifs.', marker: 1 },
        { text: 'Le registre fictif est public.', marker: 1 },
        { text: '3. Si le nuage fictif persiste, appelez le guetteur.', marker: 1, lead: true },
      ],
      sources: [charterSource(1)],
    };
    const text = renderAnswerText(result);
    expect(text).toContain('« […] 2° son altitude, en mètres fictifs. » [1]');
    expect(text).toContain('« […] 3. Si le nuage fictif persiste, appelez le guetteur. » [1]');
    expect(text).toContain('« Le registre fictif est public. » [1]');
  });

  it('shows a document’s note call as a superscript, so that only our markers read [n]', () => {
    const result: AskResult = {
      kind: 'answered',
      language: 'fr',
      quotes: [{ text: 'Les nuages fictifs servent les usagers [1]. [1] Selon le registre fictif.', marker: 2 }],
      sources: [charterSource(2)],
    };
    const text = renderAnswerText(result);
    expect(text).toContain('« Les nuages fictifs servent les usagers¹. ¹ Selon le registre fictif. » [2]');
    expect(text).not.toContain('[1]');
  });

  it('labels an uncertain answer in English', () => {
    const text = renderAnswerText(uncertain('en'));
    expect(text).toMatch(/^UNCERTAIN ANSWER: I found no passage that answers your question exactly\.\nHere are the closest passages/);
    expect(text).toContain(`« ${CLARITY_QUOTE} » [1]`);
  });

  it('lists the covered documents and their sections when not covered, in French and English', () => {
    const fr = renderAnswerText({ kind: 'not_covered', language: 'fr', covered: [CHARTER] });
    expect(fr).toContain('Les documents indexés ne couvrent pas cette question.');
    expect(fr).toContain(`  - ${CHARTER.title} (version 2031) : Préambule ; Principe 1 — Loyauté`);
    const en = renderAnswerText({ kind: 'not_covered', language: 'en', covered: [CHARTER] });
    expect(en).toContain('The indexed documents do not cover this question.');
    expect(en).toContain(`  - ${CHARTER.title} (version 2031): Préambule; Principe 1 — Loyauté`);
  });

  it('names the numbered part no document has when that is why the question is not covered', () => {
    const fr = renderAnswerText({ kind: 'not_covered', language: 'fr', covered: [CHARTER], missingPart: 'principe 11' });
    expect(fr).toContain('Les documents indexés ne couvrent pas cette question.\nAucun document indexé n’a de partie numérotée « principe 11 ».\nIls couvrent :');
    const en = renderAnswerText({ kind: 'not_covered', language: 'en', covered: [CHARTER], missingPart: 'article 90' });
    expect(en).toContain('No indexed document has a part numbered “article 90”.');
  });

  it('lists a few headings per document when not covered, and counts the others', () => {
    const fr = renderAnswerText({ kind: 'not_covered', language: 'fr', covered: [CHARTER] });
    expect(fr).toContain(`  - ${CHARTER.title} (version 2031) : Préambule ; Principe 1 — Loyauté ; Principe 2 — Clarté ; et 1 autre section\n`);
    expect(fr).not.toContain('Principe 3');
    const en = renderAnswerText({ kind: 'not_covered', language: 'en', covered: [{ ...CHARTER, sections: [...CHARTER.sections, 'Annexe'] }] });
    expect(en).toContain('Principe 2 — Clarté; and 2 more sections\n');
  });
});
