import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { DECLARATION_FIELDS, type GivenUpNotification } from '../../../src/inventory/index.js';
import {
  DECLARATION_VERBS,
  MAX_CARD_BYTES,
  MAX_LISTED_DECLARATIONS,
  MAX_LIST_BUTTON_TITLE_CHARS,
  REVIEW_VERBS,
  STATE_FILTER_WORDS,
  cardBytes,
  decisionNoticeCard,
  listCard,
  receiptCard,
  reviewCard,
  safeClip,
  safeLines,
  safeText,
  shownName,
  staleCard,
  viewCard,
} from '../../../src/bot/cards/index.js';
import { clip } from '../../../src/bot/render/text.js';
import { cardText, executeActions, inputs, labelledValues, typedNodes } from '../../helpers/card-walk.js';
import { decisionEvent, sampleRecord, submittedRecord, validDraft } from '../../helpers/declarations.js';
import { hostileDraft } from './all-cards.js';

/** A list button's title as it names the sample declaration (validDraft's name), in French and in English. */
/** A list button's title naming the sample declaration, its name cut so that the title fits the card. */
const fr = (title: string) => `${title} «\u00a0${clip(String(validDraft().name), MAX_LIST_BUTTON_TITLE_CHARS - title.length - 5)}\u00a0»`;
const en = (title: string) => `${title} "${clip(String(validDraft().name), MAX_LIST_BUTTON_TITLE_CHARS - title.length - 3)}"`;

const ADMIN = '00000000-0000-0000-0000-0000000000ad';
const HOSTILE = '**Gras** [clic](https://mal.example) <b>x</b> {{DATE(2017-02-14T06:08:39Z, SHORT)}}\n- puce\n# titre';

/** The fictional submission's assessment with a dozen obligations, each with a long label and a long hostile quote:
 *  what no card can show whole beside the longest answers. */
function dozenLongQuotes(): NonNullable<ReturnType<typeof submittedRecord>['assessment']> {
  const assessment = submittedRecord().assessment!;
  const [first] = assessment.obligations;
  const obligations = Array.from({ length: 12 }, (_, i) => ({
    ...first!,
    ruleId: `regle-${i}`,
    label: { fr: `Obligation fictive ${i} ${'é'.repeat(150)}`, en: `Fictional obligation ${i} ${'e'.repeat(150)}` },
    quote: { ...first!.quote!, docId: `doc-${i}`, title: `Document fictif ${i} ${'"'.repeat(150)}`, text: `Passage fictif ${'\u0001"*_ mot '.repeat(300)}` },
  }));
  return { ...assessment, obligations };
}

describe('safeText', () => {
  it('escapes markdown, line-start markers and card functions so typed text shows as written', () => {
    const text = safeText(HOSTILE);
    expect(text).not.toMatch(/(^|[^\\])\*\*/);
    expect(text).toContain('\\[clic\\](https://mal.example)');
    expect(text).not.toContain('{{');
    expect(text).toContain('\n\\- puce');
    expect(text).toContain('\n\\# titre');
  });

  it('escapes only what the card markdown interprets, never a letter or a digit (no « \\7. Principe »)', () => {
    expect(safeText('7. Principe de la transparence')).toBe('7\\. Principe de la transparence');
    expect(safeText('Loi 25, art. 3.1 : moins de < 5 % en R&D, « guillemets » ; l’été !')).toBe('Loi 25, art. 3.1 : moins de < 5 % en R&D, « guillemets » ; l’été !');
    expect(safeText('C:\\dossier\\7 et \\*')).toBe('C:\\dossier\\7 et \\\\\\*');
    expect(safeText('2) deuxième')).toBe('2\\) deuxième');
    expect(safeText('snake_case *gras*')).toBe('snake\\_case \\*gras\\*');
  });

  it('escapes HTML tags, code, entities and strikethrough that CommonMark renderers (Agents Playground) would interpret', () => {
    expect(safeText('Projet <b>pilote</b> <img src=x> <https://exemple.invalid>')).toBe(
      'Projet \\<b>pilote\\</b> \\<img src=x> \\<https://exemple.invalid>',
    );
    expect(safeText('Outil `ChatGPT` et ```bloc```')).toBe('Outil \\`ChatGPT\\` et \\`\\`\\`bloc\\`\\`\\`');
    expect(safeText('&eacute;t&#233; ~~barré~~ ~ environ')).toBe('\\&eacute;t\\&#233; \\~\\~barré\\~\\~ ~ environ');
    expect(safeText('\\<b> et \\- tiret')).toBe('\\\\\\<b> et \\\\- tiret');
  });

  it.each([
    'Projet <b>pilote</b> de l’équipe « Données » : 3 < 5 & R&D',
    'Outil `ChatGPT`, ```bloc``` et ~~barré~~ ; coût ~ 10 $',
    '&eacute;t&#233; <!-- note --> <https://exemple.invalid> <span class="x">',
    'C:\\dossier\\7, \\*étoile\\*, \\<b>, snake_case *gras* [lien](https://exemple.invalid)',
  ])('shows %j literally in a full CommonMark renderer with HTML on (as the Agents Playground)', (typed) => {
    const md = new MarkdownIt({ html: true });
    expect(md.render(safeText(typed))).toBe(`<p>${md.utils.escapeHtml(typed)}</p>\n`);
  });
});

describe('receiptCard', () => {
  const card = receiptCard(submittedRecord(), 'fr');
  const text = cardText(card);

  it('says the declaration was sent only when told a governance channel is registered', () => {
    expect(text).toContain('Votre déclaration est transmise à l’équipe de gouvernance.');
    for (const language of ['fr', 'en'] as const) {
      const waiting = cardText(receiptCard(submittedRecord(), language, { intro: 'awaitingChannel' }));
      expect(waiting).not.toMatch(/transmise à l’équipe|has been sent to the governance team/);
      expect(waiting).toContain(
        language === 'fr'
          ? 'Votre déclaration est enregistrée. Elle parviendra à l’équipe de gouvernance dès que son canal Teams sera configuré ; les administrateurs de la gouvernance la voient déjà avec la commande «\u00a0inventaire\u00a0».'
          : 'Your declaration is recorded. It will reach the governance team as soon as its Teams channel is set up; governance admins can already see it with the “inventory” command.',
      );
    }
  });

  it('gives the IA number, the summary and the impact level with its meaning in words', () => {
    expect(text).toContain('Déclaration reçue\u00a0: IA-2031-0001');
    expect(text).toContain('Tri fictif des demandes de permis');
    expect(text).toContain('Automatisation');
    expect(text).toContain('Niveau d’impact\u00a0: 2 sur 4** — impact modéré');
  });

  it('says, after an obligation, that the declaration marks it as already done, for the governance team to check, in words that agree with any label', () => {
    const assessment = submittedRecord().assessment!;
    // « Avis » is masculine: the mark must not be a participle agreeing with the label (« déjà faite »).
    const done = { ...assessment, obligations: assessment.obligations.map((o) => ({ ...o, label: { fr: 'Avis écrit fictif de la sécurité', en: 'Fictional written security advice' }, declaredDone: true })) };
    expect(cardText(receiptCard(submittedRecord({ assessment: done }), 'fr'))).toContain(
      '**Avis écrit fictif de la sécurité** — selon la déclaration, c’est déjà fait (à vérifier par l’équipe de gouvernance)',
    );
    expect(cardText(receiptCard(submittedRecord({ assessment: done }), 'en'))).toContain(
      '**Fictional written security advice** — the declaration says this is already done (for the governance team to check)',
    );
    expect(cardText(reviewCard(submittedRecord({ assessment: done }), 'fr', { adminIds: [ADMIN] }))).toContain(
      '**Avis écrit fictif de la sécurité** — selon la déclaration, c’est déjà fait (à vérifier par l’équipe de gouvernance)',
    );
    expect(text).not.toContain('déjà fait');
  });

  it('keeps that an obligation was declared done but no longer asks to check it once the team has decided, on the receipt and the review card, in French and in English', () => {
    const assessment = submittedRecord().assessment!;
    const done = { ...assessment, obligations: assessment.obligations.map((o) => ({ ...o, declaredDone: true })) };
    for (const state of ['approved', 'rejected', 'changes_requested'] as const) {
      const record = submittedRecord({ state, assessment: done });
      const events = [decisionEvent(record, state, null)];
      for (const shown of [viewCard(record, events, 'fr'), reviewCard(record, 'fr', { adminIds: [ADMIN], events })]) {
        const fr = cardText(shown);
        expect(fr).toMatch(/^\*\*Réaliser une EFVP\*\* — selon la déclaration, c’est déjà fait$/m);
        expect(fr).not.toContain('à vérifier');
      }
      for (const shown of [viewCard(record, events, 'en'), reviewCard(record, 'en', { adminIds: [ADMIN], events })]) {
        const en = cardText(shown);
        expect(en).toMatch(/\*\* — the declaration says this is already done$/m);
        expect(en).not.toContain('to check');
      }
    }
  });

  it('marks a quoted passage that stops on a list item as continuing', () => {
    const assessment = submittedRecord().assessment!;
    const [first] = assessment.obligations;
    const listItem = { ...assessment, obligations: [{ ...first!, quote: { ...first!.quote!, text: 'Tout organisme fictif veille à ceci : 1° la clarté des nuages ;' } }] };
    expect(cardText(receiptCard(submittedRecord({ assessment: listItem }), 'fr'))).toContain('1° la clarté des nuages ; […]\u00a0»');
  });

  it('marks a quoted passage that starts in the middle of a list as continuing from before', () => {
    const assessment = submittedRecord().assessment!;
    const [first] = assessment.obligations;
    const listItem = { ...assessment, obligations: [{ ...first!, quote: { ...first!.quote!, text: 'b) la clarté des nuages fictifs.' } }] };
    expect(cardText(receiptCard(submittedRecord({ assessment: listItem }), 'fr'))).toContain('«\u00a0[…] b) la clarté des nuages fictifs.\u00a0»');
  });

  it('shows a note call of the quoted passage as a superscript', () => {
    const assessment = submittedRecord().assessment!;
    const [first] = assessment.obligations;
    const noted = { ...assessment, obligations: [{ ...first!, quote: { ...first!.quote!, text: 'Tout organisme fictif tient un registre [3].' } }] };
    expect(cardText(receiptCard(submittedRecord({ assessment: noted }), 'fr'))).toContain('«\u00a0Tout organisme fictif tient un registre³.\u00a0»');
  });

  it('quotes each obligation’s passage verbatim in a quote block, with document, version, section and pages', () => {
    expect(text).toContain('**Réaliser une EFVP**');
    const quote = (card.body as any[]).find((e) => e.type === 'Container' && e.style === 'emphasis');
    expect(quote.items[0].text).toBe('«\u00a0Tout organisme réalise une évaluation des facteurs relatifs à la vie privée avant de déployer un système fictif.\u00a0»');
    expect(text).toContain('Citations tirées de\u00a0: [Charte fictive de l’IA](https://exemple.gouv.qc.ca/charte-fictive-ia), version 2031');
    expect(text).toContain('Source\u00a0: Charte fictive › Principe 1 — Vie privée, p. 3–4');
  });

  it('names each quoted document once, not on every source line', () => {
    expect(text.split('Charte fictive de l’IA').length - 1).toBe(1);
    const record = submittedRecord();
    const [first, second] = record.assessment!.obligations;
    second!.quote = { ...first!.quote!, docId: 'guide-fictif', title: 'Guide fictif', versionLabel: '2032', url: null };
    const two = cardText(receiptCard(record, 'fr'));
    expect(two).toContain('- document 1\u00a0: [Charte fictive de l’IA](https://exemple.gouv.qc.ca/charte-fictive-ia), version 2031');
    expect(two).toContain('- document 2\u00a0: Guide fictif, version 2032');
    expect(two).toContain('p. 3–4, document 2');
  });

  it('lists the quoted documents of an English receipt with English punctuation', () => {
    const record = submittedRecord();
    const [first, second] = record.assessment!.obligations;
    second!.quote = { ...first!.quote!, docId: 'guide-fictif', title: 'Guide fictif', versionLabel: '2032', url: null };
    const two = cardText(receiptCard(record, 'en'));
    expect(two).toContain('Quotes, in the original French of the documents, taken from:\n- document 1: [Charte fictive de l’IA](https://exemple.gouv.qc.ca/charte-fictive-ia), version 2031\n- document 2: Guide fictif, version 2032');
    expect(two).not.toMatch(/[ \u00a0]: /);
  });

  it('says the assessment is preliminary, and that a passage not found in the indexed documents is to be read in the official text', () => {
    expect(text).toContain('Évaluation préliminaire\nÉtablie automatiquement à partir des réponses ; à confirmer par l’équipe de gouvernance.');
    expect(text.split('à confirmer')).toHaveLength(2);
    expect(text).toContain('ne se trouve pas dans les documents indexés (document pas encore indexé, ou passage retiré depuis)\u00a0: consultez le texte officiel');
  });

  it('marks a long quote as cut rather than rewording it', () => {
    const record = submittedRecord();
    record.assessment!.obligations[0]!.quote!.text = `Début du passage. ${'mot '.repeat(1_000)}fin.`;
    const quote = (receiptCard(record, 'fr').body as any[]).find((e) => e.type === 'Container');
    expect(quote.items[0].text).toMatch(/^«\u00a0Début du passage\. (mot )+mot \[…\]\u00a0»$/);
  });

  it('shows typed text escaped', () => {
    const hostile = receiptCard(submittedRecord({ data: { ...validDraft(), name: HOSTILE } }), 'en');
    expect(cardText(hostile)).toContain(safeText(HOSTILE.replace(/\s+/g, ' ')));
    expect(cardText(hostile)).not.toMatch(/[^\\]\]\(https:\/\/mal/);
  });
});

describe('typed text of several lines', () => {
  // Found in the Agents Playground: a reviewer's comment typed on two lines showed as one (« …détails. Ligne deux… »).
  const twoLines = 'Ligne un du commentaire fictif.\nLigne deux : **gras** fictif.';
  const paragraphs = (card: unknown) => new MarkdownIt({ html: true }).render(cardText(card)).match(/<p>/g)?.length ?? 0;

  it('shows a review comment line by line on the review card, the receipt and the decision notice', () => {
    const record = submittedRecord({ state: 'changes_requested' });
    const decision = decisionEvent(record, 'changes_requested', twoLines);
    for (const card of [reviewCard(record, 'fr', { adminIds: [ADMIN], events: [decision] }), receiptCard(record, 'fr', { decision }), decisionNoticeCard(record, decision, 'fr')]) {
      expect(cardText(card)).toContain('Ligne un du commentaire fictif.\n\nLigne deux\u00a0: \\*\\*gras\\*\\* fictif.');
    }
  });

  it('shows a multiline field line by line, and clips it within its length', () => {
    const record = submittedRecord({ data: { ...validDraft(), humanOversight: 'Un agent fictif valide.\n\n\nUne revue fictive mensuelle.' } });
    const text = cardText(reviewCard(record, 'fr', { adminIds: [ADMIN] }));
    expect(text).toContain('Un agent fictif valide.\n\nUne revue fictive mensuelle.');
    expect(paragraphs(reviewCard(record, 'fr', { adminIds: [ADMIN] }))).toBeGreaterThan(paragraphs(reviewCard(submittedRecord(), 'fr', { adminIds: [ADMIN] })));
    expect(safeLines('a'.repeat(10) + '\n' + 'b '.repeat(20), 20)).toMatch(/^a{10}\n\nb( b)*…$/);
    expect(safeLines('a'.repeat(10) + '\n' + 'b '.repeat(20), 20).length).toBeLessThanOrEqual(20);
    expect(safeLines('Une seule ligne *fictive*', 200)).toBe(safeClip('Une seule ligne *fictive*', 200));
  });
});

describe('reviewCard', () => {
  it('offers take for review, approve, request changes and reject with a labelled comment, and refreshes for the governance admins', () => {
    const card = reviewCard(submittedRecord(), 'fr', { adminIds: [ADMIN] });
    expect(executeActions(card.actions).map((a) => a.verb)).toEqual([REVIEW_VERBS.take, REVIEW_VERBS.approve, REVIEW_VERBS.requestChanges, REVIEW_VERBS.reject]);
    expect(inputs(card)).toEqual([expect.objectContaining({ type: 'Input.Text', id: 'comment', label: expect.stringContaining('Commentaire') })]);
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', verb: REVIEW_VERBS.refresh, data: { declarationId: submittedRecord().id, lang: 'fr' } },
      userIds: [`8:orgid:${ADMIN}`],
    });
    for (const action of card.actions!) expect(action.data).toMatchObject({ declarationId: submittedRecord().id, revision: 5 });
  });

  it('shows the reviewer the answers on data, hosting, decisions and oversight, in the reader’s language', () => {
    const fr = cardText(reviewCard(submittedRecord(), 'fr', { adminIds: [ADMIN] }));
    for (const expected of ['Nature et données', 'Il s’agit d’IA générative', 'Non', 'Infonuagique au Canada (hors Québec)', 'Renseignements personnels', 'Effets et supervision', 'Un agent valide chaque classement avant le traitement.', 'Évaluation des facteurs relatifs à la vie privée (EFVP) réalisée']) {
      expect(fr).toContain(expected);
    }
    const en = cardText(reviewCard(submittedRecord(), 'en', { adminIds: [ADMIN] }));
    expect(en).toContain('Cloud in Canada (outside Québec)');
    expect(en).toContain('Privacy impact assessment (EFVP) done');
  });

  it('gives the ministerial portfolio, the expected benefits and the contact person with their e-mail, each labelled in words', () => {
    const card = reviewCard(submittedRecord(), 'fr', { adminIds: [ADMIN] });
    const facts = Object.fromEntries(labelledValues(card).map(({ label, value }) => [label, value]));
    expect(facts).toMatchObject({
      'Portefeuille ministériel': 'Transports et Mobilité durable',
      'Personne-ressource': 'Personne Fictive',
      'Courriel de la personne-ressource': 'personne.fictive@exemple.gouv.qc.ca',
    });
    expect(cardText(card)).toContain('**Bénéfices attendus**\nRéduire les délais de traitement des demandes.');
    const en = cardText(reviewCard(submittedRecord(), 'en', { adminIds: [ADMIN] }));
    for (const expected of ['Ministerial portfolio Transport and Sustainable Mobility', '**Expected benefits**', 'Contact person Personne Fictive', 'Contact e-mail personne.fictive@exemple.gouv.qc.ca']) {
      expect(en).toContain(expected);
    }
  });

  it('gives every label–value section the same label width: summary, nature and effects, pending or decided, in French and in English', () => {
    const decided = submittedRecord({ state: 'approved' });
    for (const language of ['fr', 'en'] as const) {
      for (const card of [
        reviewCard(submittedRecord(), language, { adminIds: [ADMIN] }),
        reviewCard(decided, language, { adminIds: [ADMIN], events: [decisionEvent(decided, 'approved', null)] }),
      ]) {
        expect(typedNodes(card).filter((n) => n.type === 'FactSet')).toEqual([]);
        const rows = labelledValues(card);
        // The summary and both steps' answers: the portfolio, a nature answer and an effects answer among them.
        const labels = rows.map((r) => r.label);
        for (const field of ['portefeuille', 'hosting', 'humanOversight'] as const) expect(labels).toContain(DECLARATION_FIELDS[field].label[language]);
        expect(new Set(rows.map((r) => JSON.stringify(r.widths)))).toEqual(new Set([JSON.stringify([2, 3])]));
      }
    }
  });

  it('quotes each obligation’s passage with its citation, as the declarant’s receipt does, in French and in English', () => {
    for (const language of ['fr', 'en'] as const) {
      const card = reviewCard(submittedRecord(), language, { adminIds: [ADMIN] });
      const quote = (card.body as any[]).find((e) => e.type === 'Container' && e.style === 'emphasis' && /^«\u00a0/.test(e.items[0]?.text ?? ''));
      expect(quote?.items[0].text).toBe('«\u00a0Tout organisme réalise une évaluation des facteurs relatifs à la vie privée avant de déployer un système fictif.\u00a0»');
      const text = cardText(card);
      expect(text).toContain(`${language === 'fr' ? 'Citations tirées de\u00a0:' : 'Quotes, in the original French of the documents, taken from:'} [Charte fictive de l’IA](https://exemple.gouv.qc.ca/charte-fictive-ia), version 2031`);
      expect(text).toContain(`${language === 'fr' ? 'Source\u00a0:' : 'Source:'} Charte fictive › Principe 1 — Vie privée, p. 3–4`);
    }
  });

  it('keeps the card within the size limit beside a dozen long quotes and the longest answers, the quotes shortened first, then left out saying where they are', () => {
    const assessment = dozenLongQuotes();
    for (const language of ['fr', 'en'] as const) {
      const card = reviewCard(submittedRecord({ data: hostileDraft(), assessment }), language, { adminIds: [ADMIN] });
      expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      const text = cardText(card);
      expect(text).toContain(language === 'fr' ? '**Obligation fictive 11 é' : '**Fictional obligation 11 e');
      expect(text).not.toContain('Passage fictif');
      expect(text).toContain(
        language === 'fr'
          ? 'Les passages qui fondent ces obligations ne tiennent pas sur cette carte avec les réponses\u00a0: le reçu envoyé à la personne déclarante les cite.'
          : 'The passages behind these obligations do not fit on this card with the answers: the receipt sent to the declarant quotes them.',
      );
      // With ordinary answers, the same dozen quotes are shortened, not left out.
      const shortened = cardText(reviewCard(submittedRecord({ assessment }), language, { adminIds: [ADMIN] }));
      expect(shortened.split('«\u00a0Passage fictif')).toHaveLength(13);
      expect(shortened).toContain('[…]\u00a0»');
    }
  });

  it('lists at most 60 users to refresh', () => {
    const ids = Array.from({ length: 75 }, (_, i) => `admin-${i}`);
    expect(reviewCard(submittedRecord(), 'fr', { adminIds: ids }).refresh!.userIds).toHaveLength(60);
  });

  it('shows who decided and when, the comment, and no more buttons once decided', () => {
    const record = submittedRecord({ state: 'changes_requested' });
    const card = reviewCard(record, 'fr', { adminIds: [ADMIN], events: [decisionEvent(record, 'changes_requested', 'Précisez **les données**')] });
    const text = cardText(card);
    expect(text).toContain('Décision\u00a0: changements demandés, par Admin Fictive, le 15 mars 2031');
    expect(text).toContain('Précisez \\*\\*les données\\*\\*');
    expect(card.actions).toBeUndefined();
    expect(inputs(card)).toEqual([]);
  });

  it('says once decided that the declaration was reviewed and where its assessment stands, in French and in English', () => {
    const cases = [
      { state: 'approved', fr: ['Déclaration examinée\u00a0: IA-2031-0001 (approuvée)', 'Évaluation examinée par l’équipe de gouvernance'], en: ['Declaration reviewed: IA-2031-0001 (approved)', 'Assessment reviewed by the governance team'] },
      { state: 'rejected', fr: ['Déclaration examinée\u00a0: IA-2031-0001 (refusée)', 'Évaluation examinée par l’équipe de gouvernance'], en: ['Declaration reviewed: IA-2031-0001 (rejected)', 'Assessment reviewed by the governance team'] },
      {
        state: 'changes_requested',
        fr: ['Déclaration examinée\u00a0: IA-2031-0001 (changements demandés)', 'Évaluation préliminaire\nÉtablie automatiquement à partir des réponses soumises ; elle sera refaite quand la déclaration modifiée sera soumise de nouveau.'],
        en: ['Declaration reviewed: IA-2031-0001 (changes requested)', 'Preliminary assessment\nComputed automatically from the submitted answers; it will be redone when the amended declaration is submitted again.'],
      },
    ] as const;
    for (const { state, ...expected } of cases) {
      const record = submittedRecord({ state });
      for (const language of ['fr', 'en'] as const) {
        const text = cardText(reviewCard(record, language, { adminIds: [ADMIN], events: [decisionEvent(record, state, 'Motif fictif')] }));
        for (const line of expected[language]) expect(text).toContain(line);
        for (const outdated of ['à examiner', 'to review', 'à confirmer', 'to be confirmed']) expect(text).not.toContain(outdated);
      }
    }
  });

  it('says a declaration was resubmitted after a request for changes, and shows who asked, when, why and which fields changed, in French and in English', () => {
    const record = submittedRecord({ state: 'submitted', changedSinceReview: ['dataDescription', 'humanOversight'] });
    const declarant = { id: 'declarant', name: 'Personne Fictive' };
    const events = [
      { declarationId: record.id, at: '2031-03-14T15:00:00.000Z', actor: declarant, from: 'draft' as const, to: 'submitted' as const, comment: null },
      { ...decisionEvent(record, 'in_review'), comment: null },
      { ...decisionEvent(record, 'changes_requested', 'Précisez **les données**'), from: 'in_review' as const },
      { declarationId: record.id, at: '2031-03-16T09:00:00.000Z', actor: declarant, from: 'changes_requested' as const, to: 'submitted' as const, comment: null },
    ];
    const fr = cardText(reviewCard(record, 'fr', { adminIds: [ADMIN], events }));
    expect(fr).toContain('Déclaration soumise de nouveau, à examiner\u00a0: IA-2031-0001');
    expect(fr).toContain('**Demande de changements précédente**\nChangements demandés par Admin Fictive, le 15 mars 2031 à 9\u00a0h\u00a045 (heure de l’Est).');
    expect(fr).toContain('**Commentaire\u00a0:** Précisez \\*\\*les données\\*\\*\nChamps modifiés depuis cette demande\u00a0: Données d’entrée ou d’entraînement ; Supervision humaine en place.');
    const en = cardText(reviewCard(record, 'en', { adminIds: [ADMIN], events }));
    expect(en).toContain('Declaration resubmitted, to review: IA-2031-0001');
    expect(en).toContain('**Earlier request for changes**\nChanges requested by Admin Fictive on');
    expect(en).toContain('**Comment:** Précisez');
    expect(en).toContain('Fields changed since this request: Input or training data; Human oversight in place.');
    const unchanged = cardText(reviewCard({ ...record, changedSinceReview: [] }, 'fr', { adminIds: [ADMIN], events }));
    expect(unchanged).toContain('Aucun champ modifié depuis cette demande.');
    // Resubmitted before the changed fields were recorded: the request is shown, nothing is said of the fields.
    const unknown = cardText(reviewCard({ ...record, changedSinceReview: null }, 'fr', { adminIds: [ADMIN], events }));
    expect(unknown).toContain('Demande de changements précédente');
    expect(unknown).not.toMatch(/Aucun champ|Champs modifiés/);
    // A first submission says nothing of a request; neither does the card once decided again.
    expect(cardText(reviewCard(record, 'fr', { adminIds: [ADMIN], events: events.slice(0, 1) }))).toContain('Déclaration à examiner\u00a0: IA-2031-0001');
    const approved = submittedRecord({ state: 'approved' });
    const decided = cardText(reviewCard(approved, 'fr', { adminIds: [ADMIN], events: [...events, { ...decisionEvent(approved, 'approved'), at: '2031-03-17T09:00:00.000Z' }] }));
    expect(decided).toContain('Déclaration examinée\u00a0: IA-2031-0001 (approuvée)');
    expect(decided).not.toContain('Demande de changements précédente');
  });

  it('says in words when a comment is missing, in the comment input’s label (what a screen reader reads with the input)', () => {
    const card = reviewCard(submittedRecord(), 'en', { adminIds: [], commentError: true });
    expect(inputs(card).find((i) => i.id === 'comment')?.label).toBe(
      'Comment (required to request changes or reject) — Error: a comment is required to request changes or reject.',
    );
    expect(cardText(card)).not.toContain('a comment is required');
  });
});

describe('a review card opened from an inventory list', () => {
  const fromInventory = { filter: 'submitted' as const, lang: 'fr' as const };

  it('ends with « Retour à l’inventaire », to the same list, sending nothing typed; decided too; not on the channel’s card', () => {
    const pending = reviewCard(submittedRecord(), 'fr', { adminIds: [], fromInventory });
    expect(pending.actions!.map((a) => a.title)).toEqual(['Prendre en charge', 'Approuver', 'Demander des changements', 'Refuser', 'Retour à l’inventaire']);
    expect(pending.actions!.at(-1)).toEqual({
      type: 'Action.Execute',
      title: 'Retour à l’inventaire',
      verb: REVIEW_VERBS.inventory,
      data: { filter: 'submitted', lang: 'fr' },
      associatedInputs: 'none',
    });
    const decided = submittedRecord({ state: 'approved' });
    const card = reviewCard(decided, 'en', { adminIds: [], events: [decisionEvent(decided, 'approved', null)], fromInventory: { filter: null, lang: 'en' } });
    expect(card.actions!.map((a) => a.title)).toEqual(['Back to the inventory']);
    expect(reviewCard(submittedRecord(), 'fr', { adminIds: [] }).actions!.map((a) => a.verb)).not.toContain(REVIEW_VERBS.inventory);
  });

  it('says where it came from in its decision buttons and refresh, so a decision or a refresh keeps the way back', () => {
    const card = reviewCard(submittedRecord(), 'fr', { adminIds: [], fromInventory });
    for (const action of card.actions!.slice(0, 3)) expect(action.data).toMatchObject({ inventory: fromInventory });
    expect(card.refresh!.action.data).toMatchObject({ inventory: fromInventory });
  });

  it('is opened by « Examiner » carrying the list’s filter and language', () => {
    const card = listCard([submittedRecord()], { kind: 'inventory', filter: 'soumise', state: 'submitted' }, 'fr');
    expect(executeActions(card)[0]!.data).toEqual({ declarationId: submittedRecord().id, lang: 'fr', inventory: { filter: 'submitted', lang: 'fr' } });
  });
});

describe('listCard', () => {
  const records = [
    submittedRecord({ state: 'approved', data: { ...validDraft(), name: HOSTILE } }),
    sampleRecord({ id: '22222222-2222-4222-8222-222222222222', state: 'draft' }),
  ];

  it('tells the governance team, under the declaration, of a notification given up and what to do, in French and English', () => {
    const waiting = submittedRecord();
    const decided = submittedRecord({ id: '33333333-3333-4333-8333-333333333333', publicId: 'IA-2031-0002', state: 'approved' });
    const givenUp = new Map([
      [waiting.id, [{ declarationId: waiting.id, kind: 'review_card' as const, recipientId: null, at: '2031-03-21T15:00:00.000Z', detail: 'RestError 403' }]],
      [
        decided.id,
        [
          { declarationId: decided.id, kind: 'review_card' as const, recipientId: null, at: '2031-03-21T15:00:00.000Z', detail: 'RestError 403' },
          { declarationId: decided.id, kind: 'decision_notice' as const, recipientId: null, at: '2031-03-28T15:00:00.000Z', detail: 'RestError 404' },
        ],
      ],
    ]);
    const shown = (language: 'fr' | 'en') => cardText(listCard([waiting, decided], { kind: 'inventory', filter: null, givenUp }, language)).replace(/[\u202f\u00a0]/g, ' ');
    const fr = shown('fr');
    expect(fr).toContain('Carte d’examen non publiée : le bot n’a plus accès au canal de gouvernance (abandon le 21 mars 2031');
    expect(fr).toContain('« gouvernance enregistrer » la publie.');
    expect(fr).toContain('Avis de décision non remis : la conversation personnelle du déclarant avec le bot n’existe plus (abandon le 28 mars 2031');
    expect(fr).toContain('Informez-le directement.');
    // The card of a declaration decided since is moot: only the one still awaiting a decision says it.
    expect(fr.match(/Carte d’examen non publiée/g)).toHaveLength(1);
    const en = shown('en');
    expect(en).toContain('Review card not posted: the bot no longer has access to the governance channel (given up on March 21, 2031');
    expect(en).toContain('Decision notice not delivered: the declarant\'s personal chat with the bot is gone (given up on March 28, 2031');
    expect(cardText(listCard([waiting, decided], { kind: 'inventory', filter: null }, 'fr'))).not.toContain('non remis');
  });

  it('says which notice was given up and whom it was for: the « en examen » one, a copy, a sharing, leaving or take-back notice, not « Avis de décision »', () => {
    const record = submittedRecord({ state: 'in_review' });
    const at = '2031-03-28T15:00:00.000Z';
    const NAMED = 'aaaaaaaa-0000-4000-8000-00000000000a';
    const UNNAMED = 'bbbbbbbb-0000-4000-8000-00000000000b';
    const notice = (kind: GivenUpNotification['kind'], step?: 'in_review', recipientId: string | null = null): GivenUpNotification => ({
      declarationId: record.id,
      kind,
      ...(step ? { step } : {}),
      recipientId,
      at,
      detail: 'RestError 403',
    });
    const recipientNames = new Map([[NAMED, 'Camille Fictive']]);
    const shown = (notices: GivenUpNotification[], language: 'fr' | 'en') =>
      cardText(listCard([record], { kind: 'inventory', filter: null, givenUp: new Map([[record.id, notices]]), recipientNames }, language)).replace(/[\u202f\u00a0]/g, ' ');
    const inReview = shown([notice('decision_notice', 'in_review')], 'fr');
    expect(inReview).toContain('Avis de prise en charge (« en examen ») non remis : la conversation personnelle du déclarant avec le bot n’existe plus (abandon le 28 mars 2031');
    expect(inReview).not.toContain('Avis de décision');
    expect(shown([notice('decision_notice', 'in_review')], 'en')).toContain('"In review" notice not delivered: the declarant\'s personal chat with the bot is gone');
    const others = shown(
      [notice('decision_copy', undefined, NAMED), notice('decision_copy', 'in_review', UNNAMED), notice('shared_notice', undefined, NAMED), notice('left_notice'), notice('taken_back_notice', undefined, UNNAMED)],
      'fr',
    );
    expect(others).toContain('Copie de l’avis de décision non remise à Camille Fictive, qui suit la déclaration : sa conversation personnelle avec le bot n’existe plus');
    expect(others).toContain(`Copie de l’avis de prise en charge (« en examen ») non remise à ${UNNAMED}, qui suit la déclaration`);
    expect(others).toContain('Avis de partage non remis à Camille Fictive, à qui la déclaration a été partagée');
    expect(others).toContain('Dites à cette personne qu’elle a accès à la déclaration.');
    expect(others).toContain('Avis de départ d’un collaborateur non remis : la conversation personnelle du déclarant');
    expect(others).toContain(`Avis de reprise en brouillon non remis à ${UNNAMED} : sa conversation personnelle avec le bot n’existe plus`);
    expect(others).not.toContain('Avis de décision non remis');
    const english = shown([notice('decision_copy', undefined, NAMED), notice('taken_back_notice', undefined, UNNAMED)], 'en');
    expect(english).toContain('Copy of the decision notice not delivered to Camille Fictive, who follows the declaration: their personal chat with the bot is gone');
    expect(english).toContain(`Back-to-draft notice not delivered to ${UNNAMED}: their personal chat with the bot is gone`);
    expect(shown([notice('withdrawn_notice')], 'en')).toContain('Back-to-draft notice not posted: the bot no longer has access to the governance channel');
  });

  it('names the state the inventory is filtered on in words that agree with their noun, for every state, in French and English', () => {
    const heading = (language: 'fr' | 'en', state: keyof (typeof STATE_FILTER_WORDS)['fr']) =>
      cardText(listCard([], { kind: 'inventory', filter: STATE_FILTER_WORDS[language][state], state }, language)).split('\n')[0];
    expect(heading('fr', 'draft')).toBe('Inventaire — brouillons (0)');
    expect(heading('fr', 'submitted')).toBe('Inventaire — déclarations soumises (0)');
    expect(heading('fr', 'in_review')).toBe('Inventaire — déclarations en examen (0)');
    expect(heading('fr', 'approved')).toBe('Inventaire — déclarations approuvées (0)');
    expect(heading('fr', 'changes_requested')).toBe('Inventaire — déclarations avec changements demandés (0)');
    expect(heading('fr', 'rejected')).toBe('Inventaire — déclarations refusées (0)');
    expect(heading('en', 'draft')).toBe('Inventory — drafts (0)');
    expect(heading('en', 'submitted')).toBe('Inventory — submitted declarations (0)');
    expect(heading('en', 'in_review')).toBe('Inventory — declarations in review (0)');
    expect(heading('en', 'approved')).toBe('Inventory — approved declarations (0)');
    expect(heading('en', 'changes_requested')).toBe('Inventory — declarations with changes requested (0)');
    expect(heading('en', 'rejected')).toBe('Inventory — rejected declarations (0)');
  });

  it('says in the person’s list who asked for changes, when and why, in French and in English, and only there', () => {
    const sentBack = submittedRecord({ state: 'changes_requested' });
    const requests = new Map([[sentBack.id, decisionEvent(sentBack, 'changes_requested', 'Préciser **la source** fictive.')]]);
    const shown = (language: 'fr' | 'en', kind: 'mine' | 'inventory') =>
      cardText(listCard([sentBack], kind === 'mine' ? { kind } : { kind, filter: null }, language, requests));
    expect(shown('fr', 'mine')).toContain(
      'Changements demandés par Admin Fictive, le 15 mars 2031 à 9\u00a0h\u00a045 (heure de l’Est). **Commentaire\u00a0:** Préciser \\*\\*la source\\*\\* fictive.',
    );
    expect(shown('en', 'mine')).toContain('Changes requested by Admin Fictive on March 15, 2031 at 9:45\u00a0a.m. ET. **Comment:** Préciser');
    expect(shown('fr', 'inventory')).not.toContain('Changements demandés par');
  });

  it('gives each declaration’s name, IA number and state in words', () => {
    const text = cardText(listCard(records, { kind: 'mine' }, 'fr'));
    expect(text).toContain('Mes déclarations (2)');
    expect(text).toContain('IA-2031-0001 · Approuvée');
    expect(text).toContain('sans numéro · Brouillon');
    expect(text).not.toMatch(/[^\\]\]\(https:\/\/mal/);
  });

  it('offers to resume only the person’s editable declarations, without typed text in the button’s data', () => {
    const actions = executeActions(listCard(records, { kind: 'mine' }, 'fr'));
    expect(actions.filter((a) => a.verb === DECLARATION_VERBS.reopen)).toEqual([
      expect.objectContaining({ title: fr('Reprendre'), data: { declarationId: records[1]!.id, lang: 'fr' } }),
    ]);
    expect(executeActions(listCard(records, { kind: 'inventory', filter: null }, 'fr')).filter((a) => a.verb === DECLARATION_VERBS.reopen)).toEqual([]);
  });

  it('names the declaration in the title of each list button, its accessible name: plain text, a long name clipped, the whole name in the tooltip', () => {
    const long = sampleRecord({ data: { ...validDraft(), name: 'Tri *fictif* des demandes de permis de pêche sportive et commerciale' } });
    const unnamed = submittedRecord({ id: '55555555-5555-4555-8555-555555555555', data: { ...validDraft(), name: '' } });
    const titles = (language: 'fr' | 'en', kind: 'mine' | 'inventory' = 'mine') =>
      executeActions(listCard([long, unnamed], kind === 'mine' ? { kind } : { kind, filter: null }, language))
        .filter((a) => a.verb !== DECLARATION_VERBS.startNew)
        .map((a) => a.title);
    expect(titles('fr')).toEqual(['Reprendre «\u00a0Tri *fictif* des…\u00a0»', 'Supprimer «\u00a0Tri *fictif* des…\u00a0»', 'Voir «\u00a0(sans nom)\u00a0»']);
    expect(titles('en')[0]).toBe('Resume "Tri *fictif* des…"');
    expect(titles('fr', 'inventory')).toEqual(['Examiner «\u00a0(sans nom)\u00a0»']);
    expect(titles('en', 'inventory')).toEqual(['Review "(untitled)"']);
    expect(executeActions(listCard([long], { kind: 'mine' }, 'fr'))[0]!.tooltip).toBe('Reprendre\u00a0: Tri *fictif* des demandes de permis de pêche sportive et commerciale');
  });

  it('keeps every list button title within the card, closing quote included: « Supprimer « … » », not « Supprimer ce brouillon « … » »', () => {
    // QA: a 26-character name after « Supprimer ce brouillon » ran past the card's edge and its » was cut.
    const name = 'Tri fictif des courriels B';
    const current = sampleRecord({ data: { ...validDraft(), name } });
    const setAside = sampleRecord({ id: '33333333-3333-4333-8333-333333333333', setAsideAt: '2031-03-15T09:00:00.000Z', data: { ...validDraft(), name } });
    const sentBack = submittedRecord({ id: '44444444-4444-4444-8444-444444444444', state: 'changes_requested', data: { ...validDraft(), name } });
    for (const language of ['fr', 'en'] as const) {
      const buttons = executeActions(listCard([current, setAside, sentBack], { kind: 'mine' }, language)).filter((a) => a.verb !== DECLARATION_VERBS.startNew);
      expect(buttons).toHaveLength(6);
      for (const button of buttons) {
        expect(String(button.title).length).toBeLessThanOrEqual(MAX_LIST_BUTTON_TITLE_CHARS);
        expect(String(button.title)).toMatch(language === 'fr' ? / «\u00a0.+\u00a0»$/ : / ".+"$/);
        expect(String(button.tooltip)).toContain(name);
      }
    }
    expect(executeActions(listCard([setAside], { kind: 'mine' }, 'fr')).map((a) => [a.title, a.tooltip])).toEqual([
      ['Reprendre «\u00a0Tri fictif des…\u00a0»', `Reprendre ce brouillon\u00a0: ${name}`],
      ['Supprimer «\u00a0Tri fictif des…\u00a0»', `Supprimer ce brouillon\u00a0: ${name}`],
    ]);
    expect(executeActions(listCard([sentBack], { kind: 'mine' }, 'fr')).map((a) => a.title)).toContain('Voir «\u00a0Tri fictif des…\u00a0»');
    expect(executeActions(listCard([setAside], { kind: 'mine' }, 'en')).map((a) => a.title)).toEqual(['Resume "Tri fictif des…"', 'Delete "Tri fictif des…"']);
  });

  it('never ends a clipped name in a list button on an opening quote: « Examiner « Tri des courriels… », not « …courriels «… »', () => {
    // QA: the name « Tri des courriels « citoyens » — projet pilote… » showed as « Voir « Tri des courriels «… » ».
    const quoted = submittedRecord({ data: { ...validDraft(), name: 'Tri des courriels « citoyens » — projet pilote d’acheminement' } });
    expect(executeActions(listCard([quoted], { kind: 'inventory', filter: null }, 'fr')).map((a) => a.title)).toEqual(['Examiner «\u00a0Tri des courriels…\u00a0»']);
    expect(executeActions(listCard([quoted], { kind: 'mine' }, 'en')).map((a) => a.title)).toEqual(['View "Tri des courriels…"']);
  });

  it('names the declaration each « Reprendre », « Supprimer », « Voir » and « Examiner » button acts on, in its tooltip', () => {
    const second = submittedRecord({ id: '55555555-5555-4555-8555-555555555555', state: 'changes_requested' });
    const tooltips = (language: 'fr' | 'en', kind: 'mine' | 'inventory' = 'mine') =>
      executeActions(listCard([records[1]!, second], kind === 'mine' ? { kind } : { kind, filter: null }, language)).map((a) => a.tooltip);
    const draftName = shownName(records[1]!, 'fr');
    const secondName = shownName(second, 'fr');
    expect(tooltips('fr')).toEqual([`Reprendre\u00a0: ${draftName}`, `Supprimer ce brouillon\u00a0: ${draftName}`, `Reprendre\u00a0: ${secondName}`, `Voir\u00a0: ${secondName}`, undefined]);
    expect(tooltips('en')[0]).toBe(`Resume: ${shownName(records[1]!, 'en')}`);
    expect(tooltips('en')[3]).toBe(`View: ${shownName(second, 'en')}`);
    // Sent back for changes, it is decided: « Voir » in the inventory.
    expect(tooltips('fr', 'inventory')).toEqual([`Voir\u00a0: ${secondName}`]);
    expect(tooltips('en', 'inventory')).toEqual([`View: ${shownName(second, 'en')}`]);
    const pending = submittedRecord({ id: '55555555-5555-4555-8555-555555555556', data: { ...validDraft(), name: 'Tri fictif en attente' } });
    expect(executeActions(listCard([pending], { kind: 'inventory', filter: null }, 'fr')).map((a) => a.tooltip)).toEqual(['Examiner\u00a0: Tri fictif en attente']);
    expect(executeActions(listCard([pending], { kind: 'inventory', filter: null }, 'en')).map((a) => a.tooltip)).toEqual(['Review: Tri fictif en attente']);
    // The reader's own declaration: nobody decides on their own, so « Voir ».
    expect(executeActions(listCard([pending], { kind: 'inventory', filter: null, own: new Set([pending.id]) }, 'fr')).map((a) => a.tooltip)).toEqual(['Voir\u00a0: Tri fictif en attente']);
  });

  it('offers « Nouvelle déclaration » when the person has a draft, saying in words that it sets the draft aside', () => {
    const card = listCard(records, { kind: 'mine' }, 'fr');
    expect(card.actions).toEqual([expect.objectContaining({ verb: DECLARATION_VERBS.startNew, title: 'Nouvelle déclaration', data: { lang: 'fr' } })]);
    expect(cardText(card)).toContain('«\u00a0Nouvelle déclaration\u00a0» met votre brouillon en cours de côté, avec tout ce que vous y avez saisi');
    const withoutDraft = listCard([records[0]!], { kind: 'mine' }, 'en');
    expect(withoutDraft.actions).toBeUndefined();
    expect(cardText(withoutDraft)).not.toContain('New declaration');
  });

  it('says a draft is set aside and offers to resume it or delete it', () => {
    const setAside = sampleRecord({ id: '33333333-3333-4333-8333-333333333333', setAsideAt: '2031-03-15T09:00:00.000Z' });
    const card = listCard([records[1]!, setAside], { kind: 'mine' }, 'fr');
    expect(cardText(card)).toContain('sans numéro · Brouillon mis de côté');
    expect(executeActions(card)).toEqual([
      expect.objectContaining({ verb: DECLARATION_VERBS.reopen, title: fr('Reprendre'), data: { declarationId: records[1]!.id, lang: 'fr' } }),
      expect.objectContaining({ verb: DECLARATION_VERBS.deleteSetAside, title: fr('Supprimer'), data: { declarationId: records[1]!.id, lang: 'fr' } }),
      expect.objectContaining({ verb: DECLARATION_VERBS.reopen, title: fr('Reprendre'), data: { declarationId: setAside.id, lang: 'fr' } }),
      expect.objectContaining({ verb: DECLARATION_VERBS.deleteSetAside, title: fr('Supprimer'), data: { declarationId: setAside.id, lang: 'fr' } }),
      expect.objectContaining({ verb: DECLARATION_VERBS.startNew, title: 'Nouvelle déclaration' }),
    ]);
    expect(cardText(listCard([setAside], { kind: 'mine' }, 'en'))).toContain('Draft set aside');
  });

  it('offers to delete every draft never submitted, the current one included, never a declaration sent back for changes', () => {
    const sentBack = submittedRecord({ id: '44444444-4444-4444-8444-444444444444', state: 'changes_requested' });
    const titlesOf = (id: string, language: 'fr' | 'en') =>
      executeActions(listCard([records[1]!, sentBack], { kind: 'mine' }, language))
        .filter((a) => a.data.declarationId === id)
        .map((a) => a.title);
    expect(titlesOf(records[1]!.id, 'fr')).toEqual([fr('Reprendre'), fr('Supprimer')]);
    expect(titlesOf(records[1]!.id, 'en')).toEqual([en('Resume'), en('Delete')]);
    expect(titlesOf(sentBack.id, 'fr')).toEqual([fr('Reprendre'), fr('Voir')]);
  });

  it('offers « Voir » on every declaration of the person’s that has an IA number, whatever its state, and on no other, in French and in English', () => {
    const states = ['submitted', 'in_review', 'approved', 'changes_requested', 'rejected'] as const;
    const submitted = states.map((state, i) => submittedRecord({ id: `6666666${i}-6666-4666-8666-666666666666`, publicId: `IA-2031-000${i + 1}`, state }));
    const draft = sampleRecord({ id: '77777777-7777-4777-8777-777777777777' });
    const setAside = sampleRecord({ id: '88888888-8888-4888-8888-888888888888', setAsideAt: '2031-03-15T09:00:00.000Z' });
    for (const [language, title] of [['fr', 'Voir'], ['en', 'View']] as const) {
      const views = executeActions(listCard([...submitted, draft, setAside], { kind: 'mine' }, language)).filter((a) => a.verb === DECLARATION_VERBS.view);
      expect(views).toEqual(
        submitted.map((r) => ({ type: 'Action.Execute', title: (language === 'fr' ? fr : en)(title), verb: DECLARATION_VERBS.view, data: { declarationId: r.id, lang: language }, associatedInputs: 'none', tooltip: `${title}${language === 'fr' ? '\u00a0: ' : ': '}${shownName(r, language)}` })),
      );
    }
    expect(executeActions(listCard(submitted, { kind: 'inventory', filter: null }, 'fr')).filter((a) => a.verb === DECLARATION_VERBS.view)).toEqual([]);
  });

  it('offers « Examiner » on every declaration of the inventory awaiting a decision, « Voir » on every one decided, never a button on a draft, in French and in English', () => {
    const pending = submittedRecord({ id: '99999999-9999-4999-8999-999999999999', publicId: 'IA-2031-0002' });
    const inReview = submittedRecord({ id: '99999999-9999-4999-8999-999999999998', publicId: 'IA-2031-0003', state: 'in_review' });
    const decided = (['approved', 'rejected', 'changes_requested'] as const).map((state, i) =>
      submittedRecord({ id: `5555555${i}-5555-4555-8555-555555555555`, publicId: `IA-2031-001${i}`, state }),
    );
    const draft = sampleRecord({ id: '77777777-7777-4777-8777-777777777777' });
    for (const [language, examine, view] of [['fr', 'Examiner', 'Voir'], ['en', 'Review', 'View']] as const) {
      const card = listCard([decided[0]!, draft, pending, inReview, ...decided.slice(1)], { kind: 'inventory', filter: null }, language);
      expect(card.actions).toBeUndefined();
      const named = language === 'fr' ? fr : en;
      const open = (r: (typeof decided)[number], title: string) =>
        expect.objectContaining({ title: named(title), verb: REVIEW_VERBS.open, data: { declarationId: r.id, lang: language, inventory: { filter: null, lang: language } }, associatedInputs: 'none' });
      expect(executeActions(card)).toEqual([open(decided[0]!, view), open(pending, examine), open(inReview, examine), open(decided[1]!, view), open(decided[2]!, view)]);
    }
    expect(executeActions(listCard([decided[0]!], { kind: 'mine' }, 'fr')).filter((a) => a.verb === REVIEW_VERBS.open)).toEqual([]);
  });

  it('stays within the card size limit with its buttons, showing fewer declarations and counting the others', () => {
    const many = Array.from({ length: MAX_LISTED_DECLARATIONS }, (_, i) =>
      submittedRecord({ id: `id-${i}`, publicId: `IA-2031-${String(i).padStart(4, '0')}`, data: { ...validDraft(), name: '\u0001"*'.repeat(50) } }),
    );
    for (const list of [{ kind: 'mine' }, { kind: 'inventory', filter: null }] as const) {
      const card = listCard(many, list, 'fr');
      expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      const buttons = executeActions(card);
      expect(buttons.length).toBeGreaterThan(0);
      expect(buttons.length).toBeLessThan(MAX_LISTED_DECLARATIONS);
      expect(cardText(card)).toContain(`et ${MAX_LISTED_DECLARATIONS - buttons.length} autres déclarations`);
    }
  });

  it('counts what it does not show', () => {
    const many = Array.from({ length: 45 }, (_, i) => sampleRecord({ id: `id-${i}` }));
    expect(cardText(listCard(many, { kind: 'inventory', filter: 'brouillons' }, 'fr'))).toContain('et 5 autres déclarations');
  });

  it('counts one declaration it does not show in the singular, in French and in English', () => {
    const many = Array.from({ length: 41 }, (_, i) => sampleRecord({ id: `id-${i}` }));
    expect(cardText(listCard(many, { kind: 'inventory', filter: 'brouillons' }, 'fr'))).toContain('et 1 autre déclaration');
    expect(cardText(listCard(many, { kind: 'inventory', filter: 'drafts' }, 'en'))).toContain('and 1 more declaration');
    expect(cardText(listCard(many, { kind: 'inventory', filter: 'brouillons' }, 'fr'))).not.toContain('(s)');
  });

  it('says an empty inventory is empty, and names the state only when one was asked', () => {
    expect(cardText(listCard([], { kind: 'inventory', filter: null }, 'fr'))).toContain('L’inventaire ne compte encore aucune déclaration.');
    expect(cardText(listCard([], { kind: 'inventory', filter: 'brouillons' }, 'fr'))).toContain('Aucune déclaration dans cet état.');
    expect(cardText(listCard([], { kind: 'inventory', filter: null }, 'en'))).toContain('The inventory holds no declaration yet.');
  });

  it('offers the whole inventory from a filtered inventory that is empty, in the list’s language, rather than ending there', () => {
    const fr = executeActions(listCard([], { kind: 'inventory', filter: 'en attente', state: 'awaiting_decision' }, 'fr'));
    expect(fr.map((a) => [a.title, a.verb, a.data])).toEqual([['Voir tout l’inventaire', 'review.inventory', { filter: null, lang: 'fr' }]]);
    const en = executeActions(listCard([], { kind: 'inventory', filter: 'awaiting a decision', state: 'awaiting_decision' }, 'en'));
    expect(en.map((a) => a.title)).toEqual(['See the whole inventory']);
    // The whole inventory, empty, has nothing else to lead to.
    expect(executeActions(listCard([], { kind: 'inventory', filter: null }, 'fr'))).toEqual([]);
  });
});

describe('viewCard', () => {
  it('shows a declaration awaiting a decision as its receipt: number, state, preliminary assessment and its stored quotes, in French and in English', () => {
    const record = submittedRecord({ state: 'in_review' });
    const fr = viewCard(record, [], 'fr');
    const text = cardText(fr);
    expect(text).toContain('Déclaration reçue\u00a0: IA-2031-0001');
    expect(text).toContain('Elle attend la décision de l’équipe de gouvernance.');
    expect(text).toContain('État de la déclaration En examen');
    expect(text).toContain('Évaluation préliminaire\nÉtablie automatiquement à partir des réponses ; à confirmer par l’équipe de gouvernance.');
    const quote = (fr.body as any[]).find((e) => e.type === 'Container' && e.style === 'emphasis');
    expect(quote.items[0].text).toBe('«\u00a0Tout organisme réalise une évaluation des facteurs relatifs à la vie privée avant de déployer un système fictif.\u00a0»');
    expect(text).toContain('Source\u00a0: Charte fictive › Principe 1 — Vie privée, p. 3–4');
    expect(text).not.toMatch(/Décision[ \u00a0]:/);
    const en = cardText(viewCard(record, [], 'en'));
    expect(en).toContain('Declaration received: IA-2031-0001');
    expect(en).toContain('It awaits the governance team’s decision.');
    expect(en).toContain('Declaration state In review');
    expect(en).toContain('Preliminary assessment');
  });

  it('shows the declarant their answers as the governance team reads them: same labels, same values, same order, in French and in English', () => {
    for (const state of ['submitted', 'approved'] as const) {
      const record = submittedRecord({ state });
      const events = state === 'approved' ? [decisionEvent(record, state, null)] : [];
      for (const language of ['fr', 'en'] as const) {
        const view = viewCard(record, events, language);
        const review = reviewCard(record, language, { adminIds: [ADMIN], events });
        const declaredBy = language === 'fr' ? 'Déclarée par' : 'Declared by';
        const pairs = (c: unknown) => labelledValues(c).map(({ label, value }) => [label, value]);
        // Everything the reviewer reads but who declared it (the person reading, or their collaborator).
        expect(pairs(view)).toEqual(pairs(review).filter(([label]) => label !== declaredBy));
        const text = cardText(view);
        for (const expected of language === 'fr'
          ? ['**Ce qu’elle fait et pourquoi**\nClasser les demandes de permis fictives', '**Bénéfices attendus**\nRéduire les délais', '**Nature et données**', '**Effets et supervision**']
          : ['**What it does and why**', '**Expected benefits**', '**Nature and data**', '**Effects and oversight**']) {
          expect(text).toContain(expected);
        }
      }
    }
    const facts = Object.fromEntries(labelledValues(viewCard(submittedRecord(), [], 'fr')).map(({ label, value }) => [label, value]));
    expect(facts).toMatchObject({
      [DECLARATION_FIELDS.hosting.label.fr]: 'Infonuagique au Canada (hors Québec)',
      [DECLARATION_FIELDS.dataDescription.label.fr]: 'Formulaires de demande fictifs des trois dernières années.',
      [DECLARATION_FIELDS.humanOversight.label.fr]: 'Un agent valide chaque classement avant le traitement.',
      [DECLARATION_FIELDS.measures.label.fr]: 'Évaluation des facteurs relatifs à la vie privée (EFVP) réalisée',
    });
  });

  it('keeps the answers within the card size limit beside a dozen long quotes, the quotes giving way first, saying so', () => {
    const assessment = dozenLongQuotes();
    for (const language of ['fr', 'en'] as const) {
      const view = viewCard(submittedRecord({ data: hostileDraft(), assessment }), [], language);
      expect(cardBytes(view)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      const labels = labelledValues(view).map((r) => r.label);
      for (const field of ['hosting', 'dataDescription', 'humanOversight', 'measures'] as const) expect(labels).toContain(DECLARATION_FIELDS[field].label[language]);
      const text = cardText(view);
      expect(text).toContain(language === 'fr' ? '**Obligation fictive 11 é' : '**Fictional obligation 11 e');
      expect(text).not.toContain('Passage fictif');
      expect(text).toContain(
        language === 'fr'
          ? 'Les passages qui fondent ces obligations ne tiennent pas sur cette carte avec vos réponses\u00a0: le reçu de la soumission les cite.'
          : 'The passages behind these obligations do not fit on this card with your answers: the receipt of the submission quotes them.',
      );
    }
  });

  it('shows who decided, when and their comment once decided, with the assessment as reviewed', () => {
    for (const state of ['approved', 'rejected'] as const) {
      const record = submittedRecord({ state });
      const events = [decisionEvent(record, state, 'Motif **fictif**')];
      const fr = cardText(viewCard(record, events, 'fr'));
      expect(fr).toContain('Déclaration examinée\u00a0: IA-2031-0001');
      expect(fr).toContain('L’équipe de gouvernance a rendu sa décision sur cette déclaration.');
      expect(fr).toContain(`**Décision\u00a0: ${state === 'approved' ? 'approuvée' : 'refusée'}, par Admin Fictive, le 15 mars 2031 à 9\u00a0h\u00a045 (heure de l’Est).**`);
      expect(fr).toContain('**Commentaire\u00a0:** Motif \\*\\*fictif\\*\\*');
      expect(fr).toContain('Évaluation examinée par l’équipe de gouvernance');
      expect(fr).not.toMatch(/à confirmer|attend la décision|transmise/);
      const en = cardText(viewCard(record, events, 'en'));
      expect(en).toContain(`**Decision: ${state}, by Admin Fictive, on March 15, 2031 at 9:45\u00a0a.m. ET.**`);
      expect(en).toContain('The governance team has decided on this declaration.');
      expect(executeActions(viewCard(record, events, 'fr')).map((a) => a.verb)).toEqual([DECLARATION_VERBS.listMine]);
    }
  });

  it('offers to edit a declaration sent back for changes, saying so, and always to go back to the person’s list', () => {
    const record = submittedRecord({ state: 'changes_requested' });
    const events = [decisionEvent(record, 'changes_requested', 'Précisez la supervision.')];
    const fr = viewCard(record, events, 'fr');
    expect(cardText(fr)).toContain('Déclaration à modifier\u00a0: IA-2031-0001');
    expect(cardText(viewCard(record, events, 'en'))).toContain('Declaration to edit: IA-2031-0001');
    expect(cardText(fr)).toContain('L’équipe de gouvernance demande des changements\u00a0: «\u00a0Modifier la déclaration\u00a0» la rouvre');
    expect(cardText(fr)).toContain('**Commentaire\u00a0:** Précisez la supervision.');
    expect(executeActions(fr)).toEqual([
      expect.objectContaining({ title: 'Modifier la déclaration', verb: DECLARATION_VERBS.reopen, data: { declarationId: record.id, lang: 'fr' }, associatedInputs: 'none' }),
      expect.objectContaining({ title: 'Voir mes déclarations', verb: DECLARATION_VERBS.listMine, data: { lang: 'fr' } }),
    ]);
    expect(executeActions(viewCard(record, events, 'en')).map((a) => a.title)).toEqual(['Edit the declaration', 'Show my declarations']);
    // A submitted declaration no reviewer took yet can be taken back to draft; one in review or decided cannot.
    expect(executeActions(viewCard(submittedRecord(), [], 'en')).map((a) => a.title)).toEqual(['Take back to draft', 'Show my declarations']);
    expect(executeActions(viewCard(submittedRecord({ state: 'in_review' }), [], 'en')).map((a) => a.title)).toEqual(['Show my declarations']);
    expect(inputs(fr)).toEqual([]);
  });
});

describe('times on cards', () => {
  // A no-break space before « a.m. » (formatDate); the reader sees a space.
  const shown = (card: unknown) => cardText(card).replace(/\u00a0(?=[ap]\.m\.)/g, ' ');
  // 2031-03-15T13:45Z is 9:45 in Quebec (daylight saving time), 2031-01-15T14:05Z is 9:05 (standard time).
  it('say they are Eastern time, in words, in French and in English, winter and summer alike', () => {
    const record = submittedRecord({ state: 'changes_requested' });
    const summer = { ...decisionEvent(record, 'changes_requested', 'Précisez'), at: '2031-03-15T13:45:00.000Z' };
    const winter = { ...summer, at: '2031-01-15T14:05:00.000Z' };
    expect(shown(reviewCard(record, 'fr', { adminIds: [ADMIN], events: [summer] }))).toContain(
      'Décision\u00a0: changements demandés, par Admin Fictive, le 15 mars 2031 à 9\u00a0h\u00a045 (heure de l’Est).',
    );
    expect(shown(reviewCard(record, 'en', { adminIds: [ADMIN], events: [summer] }))).toContain(
      'Decision: changes requested, by Admin Fictive, on March 15, 2031 at 9:45 a.m. ET.',
    );
    expect(shown(decisionNoticeCard(record, winter, 'fr'))).toContain('15 janvier 2031 à 9\u00a0h\u00a005 (heure de l’Est)');
    expect(shown(decisionNoticeCard(record, winter, 'en'))).toContain('January 15, 2031 at 9:05 a.m. ET');
  });

  it('write a morning hour without a leading zero in French, as the OQLF does and as English does', () => {
    const record = submittedRecord({ updatedAt: '2031-03-15T12:05:00.000Z' });
    const fr = shown(listCard([record], { kind: 'mine' }, 'fr'));
    expect(fr).toContain('mise à jour le 15 mars 2031 à 8\u00a0h\u00a005 (heure de l’Est)');
    expect(fr).not.toMatch(/\b0\d\u00a0h/u);
    const midnight = submittedRecord({ updatedAt: '2031-03-15T04:05:00.000Z' });
    expect(shown(listCard([midnight], { kind: 'mine' }, 'fr'))).toContain('à 0\u00a0h\u00a005 (heure de l’Est)');
  });

  it('name the zone on the list and the status of a submitted declaration too', () => {
    const record = submittedRecord({ updatedAt: '2031-03-15T17:30:00.000Z' });
    expect(shown(listCard([record], { kind: 'mine' }, 'fr'))).toContain('mise à jour le 15 mars 2031 à 13\u00a0h\u00a030 (heure de l’Est)');
    expect(shown(listCard([record], { kind: 'mine' }, 'en'))).toContain('updated on March 15, 2031 at 1:30 p.m. ET');
    expect(shown(receiptCard(record, 'fr'))).toContain('Soumise le 14 mars 2031 à 11\u00a0h\u00a000 (heure de l’Est)');
  });
});

describe('staleCard and decisionNoticeCard', () => {
  it('shows the current values and revision of an editable declaration with the notice', () => {
    const current = sampleRecord({ revision: 9, data: { ...validDraft(), name: 'Nom changé ailleurs' } });
    const card = staleCard(current, 'identification', 'fr');
    expect(cardText(card)).toContain('Cette déclaration a changé');
    expect(inputs(card).find((i) => i.id === 'name')!.value).toBe('Nom changé ailleurs');
    expect(executeActions(card)[0]!.data.revision).toBe(9);
  });

  it('shows a submitted declaration’s receipt, without inputs', () => {
    const card = staleCard(submittedRecord(), 'effects', 'en');
    expect(cardText(card)).toContain('This declaration changed');
    expect(cardText(card)).toContain('IA-2031-0001');
    expect(inputs(card)).toEqual([]);
  });

  it('offers « Voir mes déclarations » beside the receipt of a declaration submitted from an out-of-date card, as the ordinary receipt does, in French and in English', () => {
    for (const [language, title] of [['fr', 'Voir mes déclarations'], ['en', 'Show my declarations']] as const) {
      for (const record of [submittedRecord(), submittedRecord({ state: 'approved' })]) {
        const card = staleCard(record, 'effects', language);
        expect(executeActions(card), record.state).toEqual([expect.objectContaining({ title, verb: DECLARATION_VERBS.listMine, data: { lang: language } })]);
      }
    }
  });

  it('offers to reopen the declaration when changes are requested, and only then', () => {
    const changes = submittedRecord({ state: 'changes_requested' });
    const card = decisionNoticeCard(changes, decisionEvent(changes, 'changes_requested', 'Ajoutez l’EFVP'), 'fr');
    expect(cardText(card)).toContain('changements demandés, par Admin Fictive');
    expect(cardText(card)).toContain('Ajoutez l’EFVP');
    expect(executeActions(card)).toEqual([expect.objectContaining({ verb: DECLARATION_VERBS.reopen, data: { declarationId: changes.id, lang: 'fr' } })]);
    const approved = submittedRecord({ state: 'approved' });
    expect(executeActions(decisionNoticeCard(approved, decisionEvent(approved, 'approved'), 'fr')).map((a) => a.verb)).not.toContain(DECLARATION_VERBS.reopen);
  });

  it('leads an approved or refused declarant to the declaration as it stands, rather than ending on the decision', () => {
    // Found in the Playground: the approval notice was a heading and a date, no button, while the obligations the
    // assessment quotes were one card away.
    for (const [state, language, title] of [['approved', 'fr', 'Voir la déclaration'], ['rejected', 'en', 'View the declaration']] as const) {
      const record = submittedRecord({ state });
      const actions = executeActions(decisionNoticeCard(record, decisionEvent(record, state, state === 'rejected' ? 'Hors mandat.' : undefined), language));
      expect(actions).toEqual([expect.objectContaining({ title, verb: DECLARATION_VERBS.view, data: { declarationId: record.id, lang: language } })]);
    }
  });
});
