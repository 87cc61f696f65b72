import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { MemoryStorage, TestAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { documentPreviewCard } from '../../src/bot/cards/document-preview-card.js';
import { MAX_CARD_BYTES, cardBytes } from '../../src/bot/cards/index.js';
import { withdrawConfirmCard } from '../../src/bot/cards/withdraw-card.js';
import { RecentKeys } from '../../src/bot/recent-keys.js';
import type { RouteDeps } from '../../src/bot/routes/deps.js';
import * as documents from '../../src/bot/routes/documents.js';
import { diffVersions } from '../../src/documents/diff.js';
import { flagsAfterPublication, flagsAfterWithdrawal, openFlags } from '../../src/documents/flags.js';
import type { ProposalService } from '../../src/documents/proposals.js';
import type { Proposal } from '../../src/documents/types.js';
import type { InventoryService } from '../../src/inventory/service.js';
import type { Passage } from '../../src/knowledge/types.js';
import { createLogger } from '../../src/server/logger.js';
import { answeredResult } from '../helpers/answers.js';
import { cardText, executeActions, inputs, typedNodes } from '../helpers/card-walk.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { LogCapture } from '../helpers/log-capture.js';

function passage(label: string, sectionId: string, title: string, ordinal: number, text: string): Passage {
  return { id: `doc@${label}#${sectionId}:${ordinal}`, docId: 'doc', versionLabel: label, section: { id: sectionId, path: [title] }, ordinal, pages: null, text };
}

function proposal(overrides: Partial<Proposal> = {}): Proposal {
  return {
    id: '6f1c9a52-6f0e-4c1b-9d4e-6b1b1f7a0c01',
    status: 'pending',
    revision: 0,
    docId: 'directive-fictive',
    recognition: { kind: 'new_version', by: 'title', previousLabel: 'v1', previousTitle: 'Directive *fictive*' },
    title: 'Directive *fictive*',
    versionLabel: '2026-03-04',
    publishedOn: null,
    url: null,
    fileName: 'directive.docx',
    sourceSha256: 'ab'.repeat(32),
    origin: { kind: 'file' },
    proposedBy: { id: 'a1', name: 'Adèle' },
    proposedAt: '2026-03-04T12:00:00.000Z',
    outline: [['Prudence'], ['Entretien']],
    passageCount: 2,
    warnings: [{ kind: 'pages_without_text', pages: [3] }, { kind: 'sections_lost', titles: ['Annexe'] }],
    diff: null,
    rollbackVersionId: null,
    decidedBy: null,
    decidedAt: null,
    ...overrides,
  };
}

describe('document preview card', () => {
  it('labels every input, says what it recognised and warns in words', () => {
    const card = documentPreviewCard(proposal(), 'fr', { adminIds: ['id-1'] });
    expect(inputs(card).map((i) => [i.id, i.label])).toEqual([
      ['versionLabel', 'Libellé de la version (obligatoire)'],
      ['publishedOn', 'Date officielle du document (facultative)'],
    ]);
    expect(inputs(documentPreviewCard(proposal(), 'en', { adminIds: [] })).map((i) => i.label)).toEqual(['Version label (required)', 'Official date of the document (optional)']);
    const text = cardText(card);
    expect(text).toContain('Nouvelle version proposée\u00a0: Directive \\*fictive\\*');
    expect(text).toContain('reconnu par son titre');
    expect(text).toContain('⚠ Pages sans texte (image ou numérisation ?)\u00a0: 3.');
    expect(text).toContain('«\u00a0Annexe\u00a0»');
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'documents.refresh', data: { proposalId: proposal().id, lang: 'fr' } }, userIds: ['8:orgid:id-1'] });
    expect(executeActions(card).map((a) => a.verb)).toEqual(['documents.publish', 'documents.cancel', 'documents.refresh']);
  });

  it('shows in the table of contents the heading of a section that holds only subsections, above them', () => {
    // Found in the Playground: a FAQ whose question headings sit under theme headings showed the questions indented
    // under nothing, the themes (no passage of their own) missing.
    const outline = [['Avant-propos'], ['Nuages', 'Qui les compte ?'], ['Nuages', 'Où vont-ils ?'], ['Pluie', 'Averses', 'Quand ?']];
    const toc = typedNodes(documentPreviewCard(proposal({ outline }), 'fr', { adminIds: [] })).find((n) => n.type === 'TextBlock' && String(n.text).startsWith('Avant-propos'))!;
    expect(String(toc.text).split('\n\n')).toEqual(['Avant-propos', 'Nuages', '\u2003Qui les compte ?', '\u2003Où vont-ils ?', 'Pluie', '\u2003Averses', '\u2003\u2003Quand ?']);
  });

  it('never breaks the hash’s name after its hyphen, as historique and audit write it', () => {
    // Found in the Playground: the fact's label column wrapped « Empreinte SHA- » ⏎ « 256 ».
    for (const [language, label] of [['fr', 'Empreinte SHA\u2060-\u2060256'], ['en', 'SHA\u2060-\u2060256 fingerprint']] as const) {
      const text = cardText(documentPreviewCard(proposal(), language, { adminIds: [] }));
      expect(text.split('\n').filter((line) => line.startsWith(`${label} `))).toHaveLength(1);
      expect(text).not.toContain('SHA-256');
    }
  });

  it('writes the date input’s placeholder in the card’s language, not the client’s', () => {
    // Found in the Playground: a French card's empty date input read "Select a date...", the renderer's own words.
    const placeholder = (language: 'fr' | 'en') => inputs(documentPreviewCard(proposal(), language, { adminIds: [] })).find((i) => i.id === 'publishedOn')?.placeholder;
    expect(placeholder('fr')).toBe('AAAA-MM-JJ');
    expect(placeholder('en')).toBe('YYYY-MM-DD');
  });

  it('lists a decided proposal’s version and date with its other facts, in one column of labels', () => {
    // Found in the Playground: after « Publier », Version and Date officielle were a second fact set, whose values
    // did not line up with those of Document, Fichier, Proposé par… above them.
    const card = documentPreviewCard(proposal({ status: 'published', decidedBy: { id: 'a1', name: 'Adèle' }, decidedAt: '2026-03-04T12:05:00.000Z' }), 'fr', { adminIds: [] });
    const factSets = (card.body as Array<{ type: string; facts?: Array<{ title: string; value: string }> }>).filter((e) => e.type === 'FactSet');
    expect(factSets.map((f) => f.facts!.map((fact) => fact.title))).toEqual([['Reconnu comme', 'Document', 'Fichier', 'Proposé par', 'Empreinte SHA\u2060-\u2060256', 'Passages', 'Version', 'Date officielle']]);
    expect(factSets[0]!.facts!.slice(-2).map((fact) => fact.value)).toEqual(['2026-03-04', 'non précisée']);
  });

  it('writes a read-only official date as the other cards do, « 7 août 2031 », not 2031-08-07', () => {
    // Found in the Playground: « rétablir » showed « Date officielle 2024-08-07 » where the receipt and `historique`
    // write the same date « 7 août 2024 ».
    const dated = proposal({ publishedOn: '2031-08-01', recognition: { kind: 'rollback', previousLabel: null, previousTitle: 'Directive' }, rollbackVersionId: 1 });
    const value = (language: 'fr' | 'en') =>
      (documentPreviewCard(dated, language, { adminIds: [] }).body as Array<{ type: string; facts?: Array<{ title: string; value: string }> }>)
        .filter((e) => e.type === 'FactSet')
        .flatMap((f) => f.facts!)
        .at(-1)!.value;
    expect(value('fr')).toBe('1er août 2031');
    expect(value('en')).toBe('August 1, 2031');
  });

  it('ends each cleaning warning with one period, none after a list cut short or a title that ends with its own', () => {
    const warning = (warnings: Proposal['warnings'], language: 'fr' | 'en') =>
      cardText(documentPreviewCard(proposal({ warnings }), language, { adminIds: [] }))
        .split('\n')
        .filter((line) => line.startsWith('⚠'));
    const many = Array.from({ length: 11 }, (_, i) => `Section ${i + 1}`);
    const pages = Array.from({ length: 21 }, (_, i) => i + 1);
    expect(warning([{ kind: 'sections_lost', titles: many }, { kind: 'pages_without_text', pages }], 'fr')).toEqual([
      `⚠ Titres sans passage (texte retiré ou fusionné)\u00a0: ${many.slice(0, 10).map((t) => `«\u00a0${t}\u00a0»`).join(', ')}…`,
      `⚠ Pages sans texte (image ou numérisation ?)\u00a0: ${pages.slice(0, 20).join(', ')}…`,
    ]);
    expect(warning([{ kind: 'sections_lost', titles: ['Annexe', 'Conclusion.'] }], 'fr')).toEqual(['⚠ Titres sans passage (texte retiré ou fusionné)\u00a0: «\u00a0Annexe\u00a0», «\u00a0Conclusion.\u00a0»']);
    expect(warning([{ kind: 'sections_lost', titles: ['Annexe'] }], 'fr')).toEqual(['⚠ Titres sans passage (texte retiré ou fusionné)\u00a0: «\u00a0Annexe\u00a0».']);
    expect(warning([{ kind: 'sections_lost', titles: many }], 'en')).toEqual([`⚠ Headings without a passage (text removed or merged): ${many.slice(0, 10).map((t) => `"${t}"`).join(', ')}…`]);
    expect(warning([{ kind: 'sections_lost', titles: ['Why?'] }], 'en')).toEqual(['⚠ Headings without a passage (text removed or merged): "Why?"']);
  });

  it('says each refused value’s problem in its input’s label, as the declaration cards do: « ce champ est obligatoire » for an emptied label, the rule only for a value that breaks it', () => {
    const labels = (problem: NonNullable<Parameters<typeof documentPreviewCard>[2]['problem']>, language: 'fr' | 'en' = 'fr', versionLabel = '') => {
      const card = documentPreviewCard(proposal(), language, { adminIds: [], problem, typed: { versionLabel } });
      // Nothing under the inputs: no client-side message of its own; only, above the buttons, a pointer to the field.
      const pointer = language === 'fr' ? '**Erreur\u00a0:** un champ est à corriger (voir «\u00a0Erreur\u00a0» à côté de son nom).' : '**Error:** one field needs correcting (see "Error" beside its name).';
      expect(cardText(card).split('\n').filter((line) => /Erreur|Error|caractères|characters/.test(line))).toEqual([pointer]);
      expect(cardText(card).split('\n').slice(-2)[0]).toBe(pointer);
      for (const input of inputs(card)) expect(input).not.toHaveProperty('errorMessage');
      return inputs(card).map((i) => i.label);
    };
    expect(labels({ field: 'versionLabel', reason: 'label_required' })[0]).toBe('Libellé de la version (obligatoire) — Erreur\u00a0: ce champ est obligatoire.');
    expect(labels({ field: 'versionLabel', reason: 'label_required' }, 'en')[0]).toBe('Version label (required) — Error: this field is required.');
    expect(labels({ field: 'versionLabel', reason: 'label_invalid' }, 'fr', 'v@1')[0]).toMatch(/^Libellé de la version \(obligatoire\) — Erreur\u00a0: le libellé doit compter de 1 à \d+ caractères, sans @, #/);
    expect(labels({ field: 'versionLabel', reason: 'label_taken' }, 'fr', 'v1')[0]).toBe(
      'Libellé de la version (obligatoire) — Erreur\u00a0: ce libellé est déjà celui d’une autre version de ce document ; choisissez-en un autre.',
    );
    expect(labels({ field: 'publishedOn', reason: 'date_invalid' }, 'fr', 'v1')).toEqual([
      'Libellé de la version (obligatoire)',
      'Date officielle du document (facultative) — Erreur\u00a0: la date doit être au format AAAA-MM-JJ.',
    ]);
  });

  it('says which version a published proposal took the place of, not that one as the published version', () => {
    const pending = cardText(documentPreviewCard(proposal(), 'fr', { adminIds: [] }));
    expect(pending).toContain('(version publiée\u00a0: v1)');
    const published = proposal({ status: 'published', versionLabel: 'v2', decidedBy: { id: 'a2', name: 'Bruno' }, decidedAt: '2026-03-05T12:00:00.000Z' });
    expect(cardText(documentPreviewCard(published, 'fr', { adminIds: [] }))).toContain('(à la place de la version v1)');
    expect(cardText(documentPreviewCard(published, 'fr', { adminIds: [] }))).not.toMatch(/version publiée[ \u00a0]: v1/);
    expect(cardText(documentPreviewCard(published, 'en', { adminIds: [] }))).toContain('(in place of version v1)');
  });

  it('holds « Avant » and « Après » to their colon, and shows the document’s changed passage as it writes it', () => {
    const diff = diffVersions(
      [passage('v1', 'b', 'Entretien', 0, 'Les mèches fictives : changées au printemps.')],
      [passage('v2', 'b', 'Entretien', 0, 'Les mèches fictives : changées en automne.')],
    );
    const text = cardText(documentPreviewCard(proposal({ diff }), 'fr', { adminIds: [] }));
    expect(text).toContain('**Avant\u00a0:** Les mèches fictives : changées au printemps.');
    expect(text).toContain('**Après\u00a0:** Les mèches fictives : changées en automne.');
    expect(cardText(documentPreviewCard(proposal({ diff }), 'en', { adminIds: [] }))).toContain('**Before:** Les mèches fictives : changées au printemps.');
  });

  it('marks the text cut after a change with « […] » when the kept context ends a sentence, never « .… »', () => {
    // The 60 characters of context after the change end in « municipalité. Cett »: cut back to the full stop.
    const rest = ' par le service fictif de toute la petite municipalité. Cette phrase fictive suit la première.';
    const diff = diffVersions(
      [passage('v1', 'b', 'Entretien', 0, `Les mèches fictives sont changées au printemps${rest}`)],
      [passage('v2', 'b', 'Entretien', 0, `Les mèches fictives sont changées en automne${rest}`)],
    );
    const text = cardText(documentPreviewCard(proposal({ diff }), 'fr', { adminIds: [] }));
    expect(text).not.toContain('.…');
    expect(text).toContain('**Après\u00a0:** Les mèches fictives sont changées en automne par le service fictif de toute la petite municipalité. \\[…\\]'); // markdown-escaped: Teams shows « […] »
  });

  it('speaks English to an English client', () => {
    expect(cardText(documentPreviewCard(proposal(), 'en', { adminIds: [] }))).toContain('New version proposed');
  });

  it('shows who decided and no buttons once published, and stays under the Teams size limit with a large diff', () => {
    const before = Array.from({ length: 300 }, (_, i) => passage('v1', `s${i}`, `Section ${i} ${'titre '.repeat(20)}`, i, `Texte ${i} ${'ancien '.repeat(80)}`));
    const after = Array.from({ length: 300 }, (_, i) => passage('v2', `s${i + 150}`, `Section ${i + 150} ${'titre '.repeat(20)}`, i, `Texte ${i + 150} ${'nouveau '.repeat(80)}`));
    const diff = diffVersions(before, after);
    const outline = after.map((p) => p.section.path);
    const card = documentPreviewCard(proposal({ status: 'published', diff, outline, decidedBy: { id: 'a2', name: 'Bruno' }, decidedAt: '2026-03-05T15:00:00.000Z' }), 'fr', { adminIds: [] });
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(card.actions).toBeUndefined();
    expect(inputs(card)).toEqual([]);
    expect(cardText(card)).toMatch(/Publié par Bruno le .* \(version 2026-03-04\)/);
  });

  it('titles a decided card with what happened, with who decided and when right under the title, in the proposal’s language', () => {
    const decided = { decidedBy: { id: 'a2', name: 'Bruno' }, decidedAt: '2026-03-05T15:00:00.000Z' };
    const published = documentPreviewCard(proposal({ status: 'published', ...decided }), 'fr', { adminIds: [] });
    const [title, decision] = cardText(published).split('\n');
    expect(title).toBe('Version publiée\u00a0: Directive \\*fictive\\*');
    expect(decision).toMatch(/^\*\*Publié par Bruno le 5 mars 2026 .* \(version 2026-03-04\)\.\*\*$/);
    expect(cardText(published)).not.toContain('proposée');
    expect(cardText(published).match(/Publié par/g)).toHaveLength(1);
    const first = (overrides: Partial<Proposal>, language: 'fr' | 'en') => cardText(documentPreviewCard(proposal({ ...decided, ...overrides }), language, { adminIds: [] })).split('\n').slice(0, 2);
    expect(first({ status: 'published', recognition: { kind: 'new_document' } }, 'fr')[0]).toBe('Document publié\u00a0: Directive \\*fictive\\*');
    expect(first({ status: 'published', recognition: { kind: 'rollback', previousLabel: 'v2', previousTitle: 'Directive' }, rollbackVersionId: 1 }, 'fr')[0]).toBe('Version rétablie\u00a0: Directive \\*fictive\\*');
    // Found in the Playground: the card of a restored version still said « à publier de nouveau » once published.
    const restored = (language: 'fr' | 'en') => cardText(documentPreviewCard(proposal({ status: 'published', ...decided, recognition: { kind: 'rollback', previousLabel: null, previousTitle: 'Directive' }, rollbackVersionId: 1 }), language, { adminIds: [] }));
    expect(restored('fr')).toContain('une version antérieure, publiée de nouveau');
    expect(restored('fr')).not.toContain('à publier');
    expect(restored('en')).toContain('an earlier version, published again');
    expect(cardText(documentPreviewCard(proposal({ recognition: { kind: 'rollback', previousLabel: 'v2', previousTitle: 'Directive' }, rollbackVersionId: 1 }), 'fr', { adminIds: [] }))).toContain(
      'une version antérieure, à publier de nouveau à la place de la version v2',
    );
    expect(first({ status: 'cancelled' }, 'fr')).toEqual(['Proposition annulée\u00a0: Directive \\*fictive\\*', expect.stringMatching(/^\*\*Annulé par Bruno le .*\u00a0: rien n’a été publié\.\*\*$/)]);
    expect(first({ status: 'superseded' }, 'fr')[0]).toBe('Proposition remplacée\u00a0: Directive \\*fictive\\*');
    expect(first({ status: 'published' }, 'en')).toEqual(['Version published: Directive \\*fictive\\*', expect.stringMatching(/^\*\*Published by Bruno on .* \(version 2026-03-04\)\.\*\*$/)]);
  });

  it('does not call a withdrawn document’s restored version new: nothing is published because it was withdrawn', () => {
    // Found in the Playground: « rétablir » after « retirer » showed « tout le document est nouveau ».
    const rollback = proposal({ recognition: { kind: 'rollback', previousLabel: null, previousTitle: 'Directive' }, rollbackVersionId: 1 });
    expect(cardText(documentPreviewCard(rollback, 'fr', { adminIds: [] }))).toContain('Aucune version publiée à comparer\u00a0: le document est retiré.');
    expect(cardText(documentPreviewCard(rollback, 'en', { adminIds: [] }))).toContain('No published version to compare with: the document is withdrawn.');
    for (const language of ['fr', 'en'] as const) expect(cardText(documentPreviewCard(rollback, language, { adminIds: [] }))).not.toMatch(/document est nouveau|document is new/);
    const first = proposal({ recognition: { kind: 'new_document' } });
    expect(cardText(documentPreviewCard(first, 'fr', { adminIds: [] }))).toContain('Aucune version publiée à comparer\u00a0: tout le document est nouveau.');
  });

  it('every verb on the preview and withdrawal cards is served by the documents route, and no other', () => {
    const app = new Application({ adapter: new TestAdapter() as unknown as TeamsAdapter, storage: new MemoryStorage() });
    const verbs: string[] = [];
    const original = app.adaptiveCards.actionExecute.bind(app.adaptiveCards);
    app.adaptiveCards.actionExecute = ((verb: unknown, handler: never) => {
      if (typeof verb === 'string') verbs.push(verb);
      return original(verb as never, handler);
    }) as typeof app.adaptiveCards.actionExecute;
    const deps: RouteDeps = {
      knowledge: new FakeKnowledge(() => answeredResult()),
      welcomed: new RecentKeys(1000, 10),
      logger: createLogger({ logLevel: 'silent' }, new LogCapture()),
      inventory: {
        service: {} as InventoryService,
        conversations: { saveConversation: async () => undefined, getConversation: async () => null },
        governanceAdminIds: [],
        proactive: async () => undefined,
        notifications: { wake() {} },
        documents: { proposals: { attachNotifier: () => undefined } as unknown as ProposalService, download: async () => Promise.reject(new Error('unused')) },
      },
    };
    documents.register(app, deps);
    expect(verbs.sort()).toEqual([...documents.DOCUMENT_ROUTE_VERBS].sort());
    const withdrawal = withdrawConfirmCard({ docId: 'doc', title: 'Titre', label: 'v1', publishedAt: null }, { docId: 'doc', versionId: 1, publishedAt: null, lang: 'fr' }, 'fr');
    const used = [documentPreviewCard(proposal(), 'fr', { adminIds: [] }), withdrawal].flatMap((card) => executeActions(card).map((a) => a.verb));
    expect(new Set(used)).toEqual(new Set(verbs));
  });
});

describe('diff and flags', () => {
  const v1 = [passage('v1', 'a', 'Prudence', 0, 'Les lanternes sont allumées avec prudence.'), passage('v1', 'b', 'Entretien', 1, 'Les mèches sont changées au printemps.')];
  const v2 = [passage('v2', 'a', 'Prudence', 0, 'Les lanternes sont allumées avec prudence.'), passage('v2', 'c', 'Registre', 1, 'Chaque allumage est inscrit.')];

  it('lists sections added, removed and unchanged', () => {
    expect(diffVersions(v1, v2)).toMatchObject({ added: [['Registre']], removed: [['Entretien']], changed: [], unchangedCount: 1 });
  });

  it('gives a changed passage a short before/after around the change', () => {
    const long = 'Préambule très long sur les phares fictifs et leur histoire maritime, '.repeat(4);
    const diff = diffVersions([passage('v1', 'b', 'Entretien', 0, `${long}Les mèches sont changées au printemps.`)], [passage('v2', 'b', 'Entretien', 0, `${long}Les mèches sont changées en automne.`)]);
    expect(diff.changed).toEqual([['Entretien']]);
    const [change] = diff.passageChanges;
    expect(change!.before).toMatch(/^….*au printemps\.$/);
    expect(change!.after).toMatch(/^….*en automne\.$/);
    expect(change!.before.length).toBeLessThan(120);
  });

  it('keeps open only the flags not handled whose declaration still quotes the flagged version of the section, or is unknown', () => {
    const flag = (declarationId: string, extra: object = {}) => ({
      declarationId, publicId: null, docId: 'doc', quotedVersion: 'v1', sectionPath: ['Entretien'], newVersion: 'v2', change: 'changed' as const, flaggedAt: '2026-03-05T00:00:00.000Z', ...extra,
    });
    const quote = (versionLabel: string, section: string) => ({ docId: 'doc', versionLabel, sectionPath: [section], text: 'x' });
    const flags = [flag('same'), flag('resubmitted'), flag('other-section'), flag('no-quote'), flag('unknown'), flag('handled', { handled: { by: { id: 'a', name: 'A' }, at: '2026-03-06T00:00:00.000Z' } })];
    const declarations = [
      { id: 'same', publicId: null, quotes: [quote('v1', 'Entretien')] },
      { id: 'resubmitted', publicId: null, quotes: [quote('v2', 'Entretien')] },
      { id: 'other-section', publicId: null, quotes: [quote('v1', 'Prudence')] },
      { id: 'no-quote', publicId: null, quotes: [] },
      { id: 'handled', publicId: null, quotes: [quote('v1', 'Entretien')] },
    ];
    expect(openFlags(flags, declarations, () => true).map((f) => f.declarationId)).toEqual(['same', 'unknown']);
  });

  it('keeps a withdrawal’s flag open only while its document stays withdrawn', () => {
    const withdrawn = { declarationId: 'd1', publicId: null, docId: 'doc', quotedVersion: 'v1', sectionPath: ['Entretien'], newVersion: 'v2', change: 'withdrawn' as const, flaggedAt: '2026-03-05T00:00:00.000Z' };
    const declarations = [{ id: 'd1', publicId: null, quotes: [{ docId: 'doc', versionLabel: 'v1', sectionPath: ['Entretien'], text: 'x' }] }];
    expect(openFlags([withdrawn], declarations, () => false)).toEqual([withdrawn]);
    expect(openFlags([withdrawn], declarations, (docId) => docId === 'doc')).toEqual([]);
  });

  it('flags every quote of a withdrawn document, whatever version it was quoted from, and no other', () => {
    const declarations = [
      { id: 'd1', publicId: 'IA-2026-0001', quotes: [{ docId: 'doc', versionLabel: 'v1', sectionPath: ['Entretien'], text: 'a' }, { docId: 'autre', versionLabel: 'v1', sectionPath: ['Prudence'], text: 'b' }] },
      { id: 'd2', publicId: 'IA-2026-0002', quotes: [{ docId: 'doc', versionLabel: 'v2', sectionPath: ['Prudence'], text: 'c' }] },
      { id: 'd3', publicId: null, quotes: [] },
    ];
    expect(flagsAfterWithdrawal(declarations, 'doc', 'v2', '2026-03-05T00:00:00.000Z')).toEqual([
      { declarationId: 'd1', publicId: 'IA-2026-0001', docId: 'doc', quotedVersion: 'v1', sectionPath: ['Entretien'], newVersion: 'v2', change: 'withdrawn', flaggedAt: '2026-03-05T00:00:00.000Z' },
      { declarationId: 'd2', publicId: 'IA-2026-0002', docId: 'doc', quotedVersion: 'v2', sectionPath: ['Prudence'], newVersion: 'v2', change: 'withdrawn', flaggedAt: '2026-03-05T00:00:00.000Z' },
    ]);
  });

  it('does not flag a quote whose words are all still there, only laid out on other lines (a list re-ingested)', () => {
    const relaid = [passage('v2', 'a', 'Prudence', 0, 'Les lanternes fictives :\nAllumage du soir\nExtinction à l’aube.')];
    const declarations = [
      { id: 'd1', publicId: 'IA-2026-0001', quotes: [{ docId: 'doc', versionLabel: 'v1', sectionPath: ['Prudence'], text: 'Allumage du soir Extinction à l’aube.' }] },
    ];
    expect(flagsAfterPublication(declarations, 'doc', relaid, 'v2', '2026-03-05T00:00:00.000Z')).toEqual([]);
  });

  it('flags an assessment quoting a removed or changed passage, not one whose quote is still there', () => {
    const declarations = [
      { id: 'd1', publicId: 'IA-2026-0001', quotes: [{ docId: 'doc', versionLabel: 'v1', sectionPath: ['Entretien'], text: 'Les mèches sont changées au printemps.' }] },
      { id: 'd2', publicId: 'IA-2026-0002', quotes: [{ docId: 'doc', versionLabel: 'v1', sectionPath: ['Prudence'], text: 'allumées avec prudence' }] },
      { id: 'd3', publicId: null, quotes: [{ docId: 'autre', versionLabel: 'v1', sectionPath: ['Entretien'], text: 'absent' }] },
    ];
    expect(flagsAfterPublication(declarations, 'doc', v2, 'v2', '2026-03-05T00:00:00.000Z')).toEqual([
      { declarationId: 'd1', publicId: 'IA-2026-0001', docId: 'doc', quotedVersion: 'v1', sectionPath: ['Entretien'], newVersion: 'v2', change: 'removed', flaggedAt: '2026-03-05T00:00:00.000Z' },
    ]);
  });
});
