import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { documentPreviewCard } from '../../src/bot/cards/document-preview-card.js';
import { createProposalService, type ProposalService } from '../../src/documents/proposals.js';
import { ingestPaths } from '../../src/knowledge/index.js';
import { cardText, executeActions } from '../helpers/card-walk.js';
import { openDocumentAdminStore, type DocumentAdminStore } from '../../src/documents/store.js';
import type { Proposal } from '../../src/documents/types.js';

const ADMIN = { id: 'a1', name: 'Adèle Admin' };

/** A fictional policy in Markdown; `rule2` changes the second rule's wording. */
function policy(rule2: string, extra = ''): Buffer {
  return Buffer.from(
    [
      '# Politique fictive des lanternes',
      '',
      '## Règle 1 — Prudence',
      '',
      'Les lanternes fictives sont allumées avec prudence par le personnel désigné du service des phares.',
      '',
      '## Règle 2 — Entretien',
      '',
      rule2,
      '',
      extra,
    ].join('\n'),
  );
}

const V1 = policy('Les mèches des lanternes fictives sont changées chaque printemps par une équipe formée.');
const V2 = policy(
  'Les mèches des lanternes fictives sont changées chaque automne par une équipe formée.',
  '## Règle 3 — Registre\n\nChaque allumage des lanternes fictives est inscrit au registre du phare.',
);

describe('proposal service', () => {
  let dir: string;
  let store: DocumentAdminStore;
  let service: ProposalService;
  const announced: Proposal[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-proposals-'));
    store = openDocumentAdminStore(path.join(dir, 'balises.db'));
    announced.length = 0;
    service = createProposalService({
      store,
      notifier: { proposed: async (p) => void announced.push(p), flagged: async () => undefined },
      now: () => new Date('2026-03-04T12:00:00Z'),
    });
  });
  afterEach(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function proposeAndPublish(bytes: Buffer, label: string): Promise<Proposal> {
    const result = await service.propose({ bytes, fileName: 'lanternes.md', origin: { kind: 'file' }, proposedBy: ADMIN, versionLabel: label });
    if (result.kind !== 'proposed') throw new Error(`not proposed: ${result.kind}`);
    const decided = await service.publish(result.proposal.id, result.proposal.revision, ADMIN, {});
    if (decided.kind !== 'decided') throw new Error(`not published: ${decided.kind}`);
    return decided.proposal;
  }

  it('proposes a new document without publishing it, and announces it', async () => {
    const result = await service.propose({ bytes: V1, fileName: 'lanternes.md', origin: { kind: 'file' }, proposedBy: ADMIN });
    expect(result.kind).toBe('proposed');
    if (result.kind !== 'proposed') return;
    expect(result.proposal).toMatchObject({ docId: 'lanternes', recognition: { kind: 'new_document' }, versionLabel: '2026-03-04', status: 'pending', diff: null });
    expect(result.proposal.outline.map((p) => p.at(-1))).toEqual(['Règle 1 — Prudence', 'Règle 2 — Entretien']);
    expect(store.knowledge.documents()).toEqual([]);
    expect(announced.map((p) => p.id)).toEqual([result.proposal.id]);
    expect(service.audit().map((e) => e.action)).toEqual(['proposed']);
  });

  it('names a document sent with a very long file name by a shortened id', async () => {
    const fileName = `${'Lanternes fictives du service des phares '.repeat(4)}.md`;
    const result = await service.propose({ bytes: V1, fileName, origin: { kind: 'file' }, proposedBy: ADMIN });
    expect(result).toMatchObject({ kind: 'proposed', proposal: { docId: expect.stringMatching(/^lanternes-fictives-du-service-des-phares-[a-z0-9-]*[0-9a-f]{8}$/) } });
    if (result.kind === 'proposed') expect(result.proposal.docId.length).toBeLessThanOrEqual(80);
  });

  it('names a document downloaded from an address by its long title shortened at a whole word, not an elided « d’ »', async () => {
    const bytes = Buffer.from('# Charte fictive de l’usage responsable des systèmes d’intelligence artificielle\n\n## Règle\n\nLes lanternes fictives sont allumées avec prudence.\n');
    const result = await service.propose({ bytes, fileName: 'charte.md', origin: { kind: 'url', url: 'https://exemple.invalid/charte.md' }, proposedBy: ADMIN });
    expect(result).toMatchObject({ kind: 'proposed', proposal: { docId: 'charte-fictive-de-l-usage-responsable-des-systemes' } });
  });

  it('shows a sent file by its own name: no folders, no control or direction-override characters, at most 120 characters', async () => {
    const names = ['../../lanternes.md', '..\\..\\Lanternes\u0007 fictives\u202e.md', `${'l'.repeat(3000)}.md`];
    const shown: string[] = [];
    for (const [n, fileName] of names.entries()) {
      const result = await service.propose({ bytes: policy(`Règle fictive numéro ${n}.`), fileName, origin: { kind: 'file' }, proposedBy: ADMIN });
      if (result.kind !== 'proposed') throw new Error(result.kind);
      shown.push(result.proposal.fileName);
    }
    expect(shown.slice(0, 2)).toEqual(['lanternes.md', 'Lanternes fictives.md']);
    expect(shown[2]).toMatch(/^l+\.md$/);
    expect(shown[2]!.length).toBe(120);
  });

  it('refuses a document id longer than 80 characters, writing nothing', async () => {
    const result = await service.propose({ bytes: V1, fileName: 'lanternes.md', origin: { kind: 'file' }, proposedBy: ADMIN, docId: 'l'.repeat(5000) });
    expect(result).toMatchObject({ kind: 'failed', reason: 'a document id is at most 80 characters (this one has 5000)', problem: { code: 'invalid_doc_id' } });
    expect(service.audit()).toEqual([]);
  });

  it('recognises a new version by title, diffs it, publishes it atomically and keeps the old one', async () => {
    await proposeAndPublish(V1, 'v1');
    const result = await service.propose({ bytes: V2, fileName: 'autre-nom.md', origin: { kind: 'file' }, proposedBy: ADMIN, versionLabel: 'v2' });
    if (result.kind !== 'proposed') throw new Error(result.kind);
    const { proposal } = result;
    expect(proposal.recognition).toEqual({ kind: 'new_version', by: 'title', previousLabel: 'v1', previousTitle: 'Politique fictive des lanternes' });
    expect(proposal.diff?.added.map((p) => p.at(-1))).toEqual(['Règle 3 — Registre']);
    expect(proposal.diff?.changed.map((p) => p.at(-1))).toEqual(['Règle 2 — Entretien']);
    expect(proposal.diff?.passageChanges[0]).toMatchObject({ before: expect.stringContaining('printemps'), after: expect.stringContaining('automne') });
    expect(store.knowledge.documents()[0]?.versionLabel).toBe('v1');

    const decided = await service.publish(proposal.id, proposal.revision, ADMIN, { versionLabel: 'Édition 2026', publishedOn: '2026-03-01' });
    expect(decided.kind).toBe('decided');
    expect(store.knowledge.documents()[0]).toMatchObject({ versionLabel: 'Édition 2026', publishedOn: '2026-03-01' });
    expect(service.history('lanternes').map((h) => [h.version.label, h.version.published, h.publishedBy])).toEqual([
      ['Édition 2026', true, ADMIN],
      ['v1', false, ADMIN],
    ]);
    const again = await service.publish(proposal.id, proposal.revision, ADMIN, {});
    expect(again).toMatchObject({ kind: 'stale', proposal: { status: 'published', decidedBy: ADMIN } });
  });

  it('refuses to publish a proposal made against a version the command line has since replaced, and says to propose again', async () => {
    await proposeAndPublish(V1, 'v1');
    const result = await service.propose({ bytes: V2, fileName: 'lanternes.md', origin: { kind: 'file' }, proposedBy: ADMIN, versionLabel: 'v2' });
    if (result.kind !== 'proposed') throw new Error(result.kind);
    // Meanwhile, `balises ingest` publishes another version of the same document.
    const file = path.join(dir, 'lanternes.md');
    await writeFile(file, policy('Les mèches des lanternes fictives sont changées chaque hiver par une équipe formée.'));
    const ingested = await ingestPaths({ store: store.knowledge }, [file], { docId: 'lanternes', versionLabel: 'v3', ingestedBy: 'Diane Console' });
    expect(ingested).toMatchObject({ kind: 'completed', outcomes: [{ kind: 'ingested', versionLabel: 'v3' }] });

    const decided = await service.publish(result.proposal.id, result.proposal.revision, ADMIN, {});
    expect(decided.kind).toBe('outdated');
    if (decided.kind !== 'outdated') return;
    expect(store.knowledge.versions('lanternes').find((v) => v.published)?.label).toBe('v3');
    const french = cardText(documentPreviewCard(decided.proposal, 'fr', { adminIds: [] }));
    expect(french).toContain('Proposition périmée, non publiée');
    expect(french).toContain('La version v3 de ce document a été publiée après cette proposition, faite par rapport à la version v1');
    expect(french).toContain('Rien n’a été publié');
    expect(french).toContain('soumettez-le de nouveau');
    // Nothing below the notice contradicts it: no « version publiée : v1 », no changes against v1.
    expect(french).not.toContain('Reconnu comme');
    expect(french).not.toContain('Changements par rapport à la version publiée');
    expect(executeActions(documentPreviewCard(decided.proposal, 'fr', { adminIds: [] })).map((a) => a.verb)).toEqual(['documents.refresh']);
    const english = cardText(documentPreviewCard(decided.proposal, 'en', { adminIds: [] }));
    expect(english).toContain('Version v3 of this document was published after this proposal was made against version v1');
    expect(english).toContain('To publish this file, submit it again');
    // The same card pressed again publishes nothing either.
    expect((await service.publish(result.proposal.id, result.proposal.revision, ADMIN, {})).kind).toBe('stale');
    expect(service.audit({ docId: 'lanternes', limit: 1 })[0]).toMatchObject({ action: 'cancelled', detail: expect.stringContaining('version v3 was published') });
  });

  it('says unchanged for the published bytes, and proposes a rollback to an earlier version', async () => {
    await proposeAndPublish(V1, 'v1');
    await proposeAndPublish(V2, 'v2');
    expect(await service.propose({ bytes: V2, fileName: 'lanternes.md', origin: { kind: 'file' }, proposedBy: ADMIN })).toEqual({ kind: 'unchanged', docId: 'lanternes', versionLabel: 'v2' });
    const rollback = await service.proposeRollback('lanternes', 'v1', ADMIN);
    if (rollback.kind !== 'proposed') throw new Error(rollback.kind);
    expect(rollback.proposal.recognition).toEqual({ kind: 'rollback', previousLabel: 'v2', previousTitle: 'Politique fictive des lanternes' });
    expect(rollback.proposal.diff?.removed.map((p) => p.at(-1))).toEqual(['Règle 3 — Registre']);
    await service.publish(rollback.proposal.id, 0, ADMIN, {});
    expect(store.knowledge.documents()[0]?.versionLabel).toBe('v1');
    expect(store.knowledge.versions('lanternes')).toHaveLength(2);
    expect(await service.proposeRollback('lanternes', 'v9', ADMIN)).toMatchObject({ kind: 'failed', reason: expect.stringContaining('v1') });
  });

  it('refuses a label already taken without publishing, and a cancelled proposal publishes nothing', async () => {
    await proposeAndPublish(V1, 'v1');
    const result = await service.propose({ bytes: V2, fileName: 'lanternes.md', origin: { kind: 'file' }, proposedBy: ADMIN });
    if (result.kind !== 'proposed') throw new Error(result.kind);
    expect(await service.publish(result.proposal.id, 0, ADMIN, { versionLabel: 'v1' })).toMatchObject({ kind: 'invalid', field: 'versionLabel', reason: 'label_taken' });
    expect(store.knowledge.versions('lanternes')).toHaveLength(1);
    expect(service.get(result.proposal.id)?.status).toBe('pending');
    expect(await service.cancel(result.proposal.id, 0, ADMIN)).toMatchObject({ kind: 'decided', proposal: { status: 'cancelled' } });
    expect(store.knowledge.documents()[0]?.versionLabel).toBe('v1');
    expect(service.audit().map((e) => e.action)).toEqual(['cancelled', 'proposed', 'published', 'proposed']);
  });

  it.each([
    ['a NUL and a bell', 'v2\u0000\u0007'],
    ['a carriage return', 'v2\rpubliée'],
    ['a tab', 'v2\tfinal'],
    ['a right-to-left override', 'v2\u202Eexe.fdp'],
  ])('refuses a label typed on the card with %s, and publishes nothing', async (_name, label) => {
    const result = await service.propose({ bytes: V1, fileName: 'lanternes.md', origin: { kind: 'file' }, proposedBy: ADMIN });
    if (result.kind !== 'proposed') throw new Error(result.kind);
    expect(await service.publish(result.proposal.id, 0, ADMIN, { versionLabel: label })).toMatchObject({ kind: 'invalid', field: 'versionLabel', reason: 'label_invalid' });
    expect(store.knowledge.versions('lanternes')).toEqual([]);
    expect(service.get(result.proposal.id)?.status).toBe('pending');
  });

  it.each([['an empty', ''], ['a blank', '  \u00a0 ']])('refuses %s label typed on the card rather than publishing the proposed one, and publishes nothing', async (_name, label) => {
    const result = await service.propose({ bytes: V1, fileName: 'lanternes.md', origin: { kind: 'file' }, proposedBy: ADMIN });
    if (result.kind !== 'proposed') throw new Error(result.kind);
    expect(await service.publish(result.proposal.id, 0, ADMIN, { versionLabel: label })).toMatchObject({ kind: 'invalid', field: 'versionLabel', reason: 'label_required' });
    expect(store.knowledge.versions('lanternes')).toEqual([]);
    expect(service.get(result.proposal.id)?.status).toBe('pending');
  });

  it.each(['2026-02-31', '2026-04-31', '2025-02-29'])('refuses the official date %s, which does not exist, and publishes nothing', async (date) => {
    const result = await service.propose({ bytes: V1, fileName: 'lanternes.md', origin: { kind: 'file' }, proposedBy: ADMIN });
    if (result.kind !== 'proposed') throw new Error(result.kind);
    expect(await service.publish(result.proposal.id, 0, ADMIN, { publishedOn: date })).toMatchObject({ kind: 'invalid', field: 'publishedOn', reason: 'date_invalid' });
    expect(store.knowledge.versions('lanternes')).toEqual([]);
  });

  it('after a publication, flags the assessments quoting a changed passage and tells the governance team', async () => {
    await proposeAndPublish(V1, 'v1');
    const told: unknown[] = [];
    const publications: string[] = [];
    const flagging = createProposalService({
      store,
      notifier: {
        proposed: async () => undefined,
        flagged: async (flags, language) => {
          told.push(...flags);
          publications.push(`${flags[0]!.newVersion} ${language}`);
        },
      },
      declarations: async () => [
        { id: 'd1', publicId: 'IA-2026-0001', quotes: [{ docId: 'lanternes', versionLabel: 'v1', sectionPath: ['Politique fictive des lanternes', 'Règle 2 — Entretien'], text: 'changées chaque printemps' }] },
        { id: 'd2', publicId: 'IA-2026-0002', quotes: [{ docId: 'lanternes', versionLabel: 'v1', sectionPath: ['Politique fictive des lanternes', 'Règle 1 — Prudence'], text: 'allumées avec prudence' }] },
      ],
    });
    const result = await flagging.propose({ bytes: V2, fileName: 'lanternes.md', origin: { kind: 'file' }, proposedBy: ADMIN, versionLabel: 'v2' });
    if (result.kind !== 'proposed') throw new Error(result.kind);
    const decided = await flagging.publish(result.proposal.id, 0, ADMIN, {});
    expect(decided).toMatchObject({ kind: 'decided', flags: [{ declarationId: 'd1', publicId: 'IA-2026-0001', quotedVersion: 'v1', newVersion: 'v2' }] });
    expect(told).toHaveLength(1);
    expect(publications).toEqual(['v2 fr']);
    expect(flagging.flags().map((f) => f.declarationId)).toEqual(['d1']);
  });

  it('reads only the flagged declarations to judge the open flags, and none while no flag is open', async () => {
    await proposeAndPublish(V1, 'v1');
    const entretien = ['Politique fictive des lanternes', 'Règle 2 — Entretien'];
    const inventory = [
      { id: 'd1', publicId: 'IA-2026-0001', quotes: [{ docId: 'lanternes', versionLabel: 'v1', sectionPath: entretien, text: 'changées chaque printemps' }] },
      { id: 'd2', publicId: 'IA-2026-0002', quotes: [] },
    ];
    const reads: Array<readonly string[] | undefined> = [];
    const flagging = createProposalService({
      store,
      declarations: async (ids) => {
        reads.push(ids);
        return ids ? inventory.filter((d) => ids.includes(d.id)) : inventory;
      },
    });
    // The first call checks the publication of v1 (every declaration read once, as after any publication); then
    // every review card asks for the open flags: with none open, the inventory is not read at all.
    expect(await flagging.openFlags()).toEqual([]);
    reads.length = 0;
    expect(await flagging.openFlags()).toEqual([]);
    expect(reads).toEqual([]);
    const result = await flagging.propose({ bytes: V2, fileName: 'lanternes.md', origin: { kind: 'file' }, proposedBy: ADMIN, versionLabel: 'v2' });
    if (result.kind !== 'proposed') throw new Error(result.kind);
    await flagging.publish(result.proposal.id, 0, ADMIN, {});
    reads.length = 0;
    expect((await flagging.openFlags()).map((f) => f.publicId)).toEqual(['IA-2026-0001']);
    expect(reads).toEqual([['d1']]);
    // A review card asks for its own declaration's: another one's card reads nothing.
    reads.length = 0;
    expect(await flagging.openFlags('d2')).toEqual([]);
    expect((await flagging.openFlags('d1')).map((f) => f.publicId)).toEqual(['IA-2026-0001']);
    expect(reads).toEqual([['d1']]);
  });

  it('leaves a publication made without the declarations (the command line’s service) for the bot’s check, which flags it once', async () => {
    await proposeAndPublish(V1, 'v1');
    await proposeAndPublish(V2, 'v2');
    const told: string[] = [];
    const bot = createProposalService({
      store,
      notifier: { proposed: async () => undefined, flagged: async (flags) => void told.push(...flags.map((f) => `${f.publicId} ${f.quotedVersion}→${f.newVersion}`)) },
      declarations: async () => [
        { id: 'd1', publicId: 'IA-2026-0001', quotes: [{ docId: 'lanternes', versionLabel: 'v1', sectionPath: ['Politique fictive des lanternes', 'Règle 2 — Entretien'], text: 'changées chaque printemps' }] },
      ],
    });
    expect((await bot.flagPublications()).map((f) => f.publicId)).toEqual(['IA-2026-0001']);
    expect(await bot.flagPublications()).toEqual([]);
    expect(told).toEqual(['IA-2026-0001 v1→v2']);
  });

  it('stops listing a flag once the resubmitted declaration quotes the new version, and lets an admin mark one handled, audited', async () => {
    await proposeAndPublish(V1, 'v1');
    const entretien = ['Politique fictive des lanternes', 'Règle 2 — Entretien'];
    const prudence = ['Politique fictive des lanternes', 'Règle 1 — Prudence'];
    let d1Quotes = [{ docId: 'lanternes', versionLabel: 'v1', sectionPath: entretien, text: 'changées chaque printemps' }];
    const flagging = createProposalService({
      store,
      declarations: async () => [
        { id: 'd1', publicId: 'IA-2026-0001', quotes: d1Quotes },
        { id: 'd2', publicId: 'IA-2026-0002', quotes: [{ docId: 'lanternes', versionLabel: 'v1', sectionPath: entretien, text: 'équipe formée' }, { docId: 'lanternes', versionLabel: 'v1', sectionPath: prudence, text: 'absent de v2' }] },
      ],
      now: () => new Date('2026-03-05T12:00:00Z'),
    });
    const result = await flagging.propose({ bytes: V2, fileName: 'lanternes.md', origin: { kind: 'file' }, proposedBy: ADMIN, versionLabel: 'v2' });
    if (result.kind !== 'proposed') throw new Error(result.kind);
    await flagging.publish(result.proposal.id, 0, ADMIN, {});
    expect((await flagging.openFlags()).map((f) => [f.publicId, f.sectionPath.at(-1)])).toEqual([['IA-2026-0001', 'Règle 2 — Entretien'], ['IA-2026-0002', 'Règle 1 — Prudence']]);

    // IA-2026-0001 is resubmitted: its new assessment quotes the same section from v2; the flag no longer applies.
    d1Quotes = [{ docId: 'lanternes', versionLabel: 'v2', sectionPath: entretien, text: 'changées chaque automne' }];
    expect((await flagging.openFlags()).map((f) => f.publicId)).toEqual(['IA-2026-0002']);
    expect(await flagging.markFlagsHandled('IA-2026-0001', ADMIN)).toEqual({ kind: 'no_open_flag' });

    const marked = await flagging.markFlagsHandled('ia-2026-0002', ADMIN);
    expect(marked).toMatchObject({ kind: 'handled', flags: [{ publicId: 'IA-2026-0002', handled: { by: ADMIN, at: '2026-03-05T12:00:00.000Z' } }] });
    expect(await flagging.openFlags()).toEqual([]);
    expect(await flagging.markFlagsHandled('IA-2026-0002', ADMIN)).toEqual({ kind: 'no_open_flag' });
    const [event] = flagging.audit({ limit: 1 });
    expect(event).toMatchObject({ action: 'flag_handled', actor: ADMIN, docId: 'lanternes', versionLabel: 'v2', detail: 'IA-2026-0002 (Politique fictive des lanternes › Règle 1 — Prudence, v1)' });
    // Every flag stays stored, for the record.
    expect(flagging.flags()).toHaveLength(2);
  });

  it('flags the assessments quoting a document withdrawn from the command line once the bot checks, after a restart, until a version is published again', async () => {
    const entretien = ['Politique fictive des lanternes', 'Règle 2 — Entretien'];
    const declarations = async () => [
      { id: 'd1', publicId: 'IA-2026-0001', quotes: [{ docId: 'lanternes', versionLabel: 'v1', sectionPath: entretien, text: 'changées chaque printemps' }] },
      { id: 'd2', publicId: 'IA-2026-0002', quotes: [{ docId: 'autre', versionLabel: 'v1', sectionPath: ['Autre'], text: 'autre' }] },
    ];
    const told: string[] = [];
    const bot = () =>
      createProposalService({
        store,
        declarations,
        notifier: { proposed: async () => undefined, flagged: async (flags) => void told.push(...flags.map((f) => `${f.publicId} ${f.change} ${f.newVersion}`)) },
      });
    await proposeAndPublish(V1, 'v1');
    await proposeAndPublish(V2, 'v2');
    expect((await bot().flagPublications()).map((f) => f.change)).toEqual(['removed']);

    // `balises withdraw` (a service without the declarations): nothing judged yet, and the bot is restarted.
    expect(service.withdraw('lanternes', ADMIN).kind).toBe('withdrawn');
    store.close();
    store = openDocumentAdminStore(path.join(dir, 'balises.db'));
    const restarted = bot();
    expect((await restarted.flagPublications()).map((f) => [f.publicId, f.change, f.quotedVersion, f.newVersion])).toEqual([['IA-2026-0001', 'withdrawn', 'v1', 'v2']]);
    expect(told).toEqual(['IA-2026-0001 removed v2', 'IA-2026-0001 withdrawn v2']);
    // Beside v2's flag on the same quote, not in its place.
    expect((await restarted.openFlags()).map((f) => f.change).sort()).toEqual(['removed', 'withdrawn']);
    expect(await restarted.flagPublications()).toEqual([]);

    // Restored: the withdrawal no longer holds; v1, which the assessment quotes, raises nothing.
    const rollback = await restarted.proposeRollback('lanternes', 'v1', ADMIN);
    if (rollback.kind !== 'proposed') throw new Error(rollback.kind);
    expect(await restarted.publish(rollback.proposal.id, 0, ADMIN, {})).toMatchObject({ kind: 'decided', flags: [] });
    expect((await restarted.openFlags()).map((f) => f.change)).toEqual(['removed']);
    expect(restarted.flags()).toHaveLength(2);
  });

  it('flags a withdrawal made in Teams without waiting for the periodic check', async () => {
    await proposeAndPublish(V1, 'v1');
    const told: string[] = [];
    const flagging = createProposalService({
      store,
      declarations: async () => [{ id: 'd1', publicId: 'IA-2026-0001', quotes: [{ docId: 'lanternes', versionLabel: 'v1', sectionPath: ['Politique fictive des lanternes'], text: 'x' }] }],
      notifier: { proposed: async () => undefined, flagged: async (flags) => void told.push(...flags.map((f) => `${f.publicId} ${f.change}`)) },
    });
    expect(flagging.withdraw('lanternes', ADMIN).kind).toBe('withdrawn');
    await expect.poll(() => told).toEqual(['IA-2026-0001 withdrawn']);
    expect(store.flags().map((f) => f.change)).toEqual(['withdrawn']);
  });

  it('keeps a pending proposal across a restart', async () => {
    const result = await service.propose({ bytes: V1, fileName: 'lanternes.md', origin: { kind: 'url', url: 'https://exemple.invalid/lanternes.md' }, proposedBy: 'system' });
    if (result.kind !== 'proposed') throw new Error(result.kind);
    store.close();
    store = openDocumentAdminStore(path.join(dir, 'balises.db'));
    const reopened = createProposalService({ store });
    expect(reopened.pending().map((p) => [p.id, p.url, p.proposedBy])).toEqual([[result.proposal.id, 'https://exemple.invalid/lanternes.md', 'system']]);
  });

  it('says why a file cannot be read, and publishes nothing', async () => {
    const result = await service.propose({ bytes: Buffer.from('x'), fileName: 'notes.xlsx', origin: { kind: 'file' }, proposedBy: ADMIN });
    expect(result).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/xlsx|type|supported/i) });
    expect(store.pending()).toEqual([]);
  });
});
