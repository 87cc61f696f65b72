import { afterEach, describe, expect, it } from 'vitest';
import {
  DeclarationNotFoundError,
  SubmissionKeyConflictError,
  WrongStateError,
} from '../../src/inventory/repository-errors.js';
import { EXPORT_SLICE_DECLARATIONS, exportInventory, exportInventoryBytes } from '../../src/inventory/export.js';
import { SCHEMA_VERSION, type DeclarationDraft } from '../../src/inventory/schema.js';
import {
  StaleRevisionError,
  type Actor,
  type Assessment,
  type DeclarationRecord,
  type InventoryRepository,
} from '../../src/inventory/types.js';

/**
 * A fresh, empty inventory store for one test. `open()` may be called again after closing the previous repository:
 * it reopens the same store (a bot restart).
 */
export interface RepositoryStore {
  open(): Promise<InventoryRepository>;
}

const ALICE: Actor = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Alice Tremblay' };
const BOB: Actor = { id: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Bob Gagnon' };
const CAROLE: Actor = { id: 'cccccccc-0000-4000-8000-000000000003', name: 'Carole Roy' };
const GOVERNANCE: Actor = { id: 'dddddddd-0000-4000-8000-000000000004', name: 'Équipe de gouvernance' };

/** The n-th fictional declarant. */
function person(n: number): Actor {
  return { id: `eeeeeeee-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Personne fictive ${n}` };
}

const T0 = '2026-03-02T14:00:00.000Z';
const T1 = '2026-03-02T14:05:00.000Z';
const T2 = '2026-03-02T14:10:00.000Z';
const T3 = '2026-03-02T14:15:00.000Z';
const T4 = '2026-03-02T14:20:00.000Z';

const DRAFT: DeclarationDraft = {
  name: 'Tri des courriels entrants',
  purpose: 'Classer les courriels des citoyens pour les acheminer à la bonne direction.',
  generative: false,
  affectedGroups: ['citoyens'],
};

function assessment(at: string): Assessment {
  return {
    rulesVersion: '2026-01',
    level: 2,
    score: 3,
    obligations: [
      {
        ruleId: 'efvp',
        label: { fr: 'Évaluation des facteurs relatifs à la vie privée', en: 'Privacy impact assessment' },
        quote: {
          text: 'Une EFVP est réalisée pour tout projet…',
          docId: 'enonce',
          title: 'Énoncé de principes',
          versionLabel: '2024',
          sectionPath: ['Énoncé', 'Principe 1 — Respect de la personne', 'Illustration'],
          pages: { from: 3, to: 3 },
          url: null,
        },
      },
      { ruleId: 'securite', label: { fr: 'Avis de sécurité', en: 'Security advice' }, quote: null },
    ],
    assessedAt: at,
  };
}

/**
 * The specification of an InventoryRepository, run against every implementation (SQLite, PostgreSQL).
 * @param newStore makes a fresh empty store for each test
 */
export function describeInventoryRepository(engine: string, newStore: () => Promise<RepositoryStore>): void {
  describe(`InventoryRepository on ${engine}`, () => {
    const opened: InventoryRepository[] = [];

    async function fresh(): Promise<{ repo: InventoryRepository; store: RepositoryStore }> {
      const store = await newStore();
      const repo = await store.open();
      opened.push(repo);
      return { repo, store };
    }

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((repo) => repo.close()));
    });

    /** A draft submitted with `key`, at `now`. */
    async function submitted(repo: InventoryRepository, declarant: Actor, now: string, key: string): Promise<DeclarationRecord> {
      const draft = await repo.createDraft(declarant, DRAFT, now);
      return repo.submit(draft.id, draft.revision, { assessment: assessment(now), actor: declarant, key, now });
    }

    describe('drafts', () => {
      it('creates a draft at revision 1 with its creation event', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        expect(draft).toEqual({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          publicId: null,
          schemaVersion: SCHEMA_VERSION,
          data: DRAFT,
          submittedData: null,
          state: 'draft',
          declarant: ALICE,
          collaborators: [],
          revision: 1,
          assessment: null,
          createdAt: T0,
          updatedAt: T0,
          submittedAt: null,
          setAsideAt: null,
          language: null,
          changedSinceReview: null,
        });
        expect(await repo.get(draft.id)).toEqual(draft);
        expect(await repo.events(draft.id)).toEqual([{ declarationId: draft.id, at: T0, actor: ALICE, from: null, to: 'draft', comment: null }]);
      });

      it('keeps values as typed, even invalid ones, and drops keys the schema does not know', async () => {
        const { repo } = await fresh();
        const typed = { name: 'x', contactEmail: 'pas un courriel', measures: [], unknownField: 'ignored' } as DeclarationDraft;
        const draft = await repo.createDraft(ALICE, typed, T0);
        expect(draft.data).toEqual({ name: 'x', contactEmail: 'pas un courriel', measures: [] });
      });

      it('stores dates as UTC ISO strings whatever offset the caller wrote', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, '2026-03-02T09:00:00-05:00');
        expect(draft.createdAt).toBe('2026-03-02T14:00:00.000Z');
      });

      it('answers null for an unknown id, a malformed id and an unknown public id', async () => {
        const { repo } = await fresh();
        expect(await repo.get('00000000-0000-4000-8000-000000000000')).toBeNull();
        expect(await repo.get("x' OR '1'='1")).toBeNull();
        expect(await repo.getByPublicId('IA-2026-0001')).toBeNull();
        expect(await repo.events('not-a-uuid')).toEqual([]);
      });

      it('saves data: replaces it, revision + 1, updatedAt moves, createdAt stays', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        const saved = await repo.saveData(draft.id, 1, { ...DRAFT, name: 'Tri des courriels (v2)' }, T1);
        expect(saved).toMatchObject({ revision: 2, createdAt: T0, updatedAt: T1, state: 'draft' });
        expect(saved.data.name).toBe('Tri des courriels (v2)');
        expect(await repo.get(draft.id)).toEqual(saved);
        expect(await repo.events(draft.id)).toHaveLength(1);
      });

      it('saves data that changes nothing as shown without a new revision or update time (« Suivant » with nothing entered)', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        const saved = await repo.saveData(draft.id, 1, { ...DRAFT, purpose: '', measures: [] }, T1, { unchanged: true });
        expect(saved).toMatchObject({ revision: 1, updatedAt: T0 });
        expect(saved.data.measures).toEqual([]);
        await expect(repo.saveData(draft.id, 2, DRAFT, T2, { unchanged: true })).rejects.toBeInstanceOf(StaleRevisionError);
      });

      it('refuses an edit made from a stale revision and keeps the newer data', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        await repo.saveData(draft.id, 1, { ...DRAFT, name: 'Première fenêtre' }, T1);
        const stale = repo.saveData(draft.id, 1, { ...DRAFT, name: 'Seconde fenêtre' }, T2);
        await expect(stale).rejects.toBeInstanceOf(StaleRevisionError);
        await expect(stale).rejects.toMatchObject({ declarationId: draft.id, expected: 1, actual: 2 });
        expect((await repo.get(draft.id))?.data.name).toBe('Première fenêtre');
      });

      it('lets exactly one of two concurrent edits from the same revision win', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        const results = await Promise.allSettled([
          repo.saveData(draft.id, 1, { ...DRAFT, name: 'Alice écrit' }, T1),
          repo.saveData(draft.id, 1, { ...DRAFT, name: 'Bob écrit' }, T1),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]?.reason).toBeInstanceOf(StaleRevisionError);
        expect((await repo.get(draft.id))?.revision).toBe(2);
      });

      it('refuses to save data once submitted, with the current record', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'key-1');
        const attempt = repo.saveData(record.id, record.revision, DRAFT, T1);
        await expect(attempt).rejects.toBeInstanceOf(WrongStateError);
        await expect(attempt).rejects.toMatchObject({ operation: 'saveData', current: { id: record.id, state: 'submitted' } });
      });

      it('throws DeclarationNotFoundError when saving an unknown declaration', async () => {
        const { repo } = await fresh();
        await expect(repo.saveData('00000000-0000-4000-8000-000000000000', 1, DRAFT, T0)).rejects.toBeInstanceOf(DeclarationNotFoundError);
        await expect(repo.saveData('not-a-uuid', 1, DRAFT, T0)).rejects.toBeInstanceOf(DeclarationNotFoundError);
      });

      it('finds the declarant\'s most recently updated open draft, never a submitted one or another person\'s', async () => {
        const { repo } = await fresh();
        expect(await repo.findOpenDraft(ALICE.id)).toBeNull();
        const first = await submitted(repo, ALICE, T0, 'k-first');
        const older = await repo.decide(first.id, first.revision, 'changes_requested', GOVERNANCE, 'À préciser.', T0);
        const newer = await repo.createDraft(ALICE, DRAFT, T1);
        await repo.createDraft(BOB, DRAFT, T2);
        expect((await repo.findOpenDraft(ALICE.id))?.id).toBe(newer.id);
        const edited = await repo.saveData(older.id, older.revision, DRAFT, T2);
        expect((await repo.findOpenDraft(ALICE.id))?.id).toBe(older.id);
        await repo.submit(older.id, edited.revision, { assessment: assessment(T3), actor: ALICE, key: 'k-older', now: T3 });
        await repo.submit(newer.id, 1, { assessment: assessment(T3), actor: ALICE, key: 'k-newer', now: T3 });
        expect(await repo.findOpenDraft(ALICE.id)).toBeNull();
      });
    });

    describe('submit', () => {
      it('stores the assessment, moves to submitted with an event and assigns IA-2026-0001', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        const record = await repo.submit(draft.id, 1, { assessment: assessment(T1), actor: ALICE, key: 'key-1', now: T1 });
        expect(record).toMatchObject({
          publicId: 'IA-2026-0001',
          state: 'submitted',
          revision: 2,
          assessment: assessment(T1),
          submittedAt: T1,
          updatedAt: T1,
          createdAt: T0,
        });
        expect(await repo.getByPublicId('IA-2026-0001')).toEqual(record);
        expect((await repo.events(draft.id)).at(-1)).toEqual({
          declarationId: draft.id,
          at: T1,
          actor: ALICE,
          from: 'draft',
          to: 'submitted',
          comment: null,
        });
      });

      it('numbers declarations in order within a year and starts again at 0001 each year', async () => {
        const { repo } = await fresh();
        expect((await submitted(repo, ALICE, '2026-01-05T10:00:00.000Z', 'a')).publicId).toBe('IA-2026-0001');
        expect((await submitted(repo, BOB, '2026-06-05T10:00:00.000Z', 'b')).publicId).toBe('IA-2026-0002');
        expect((await submitted(repo, ALICE, '2027-01-02T10:00:00.000Z', 'c')).publicId).toBe('IA-2027-0001');
        expect((await submitted(repo, ALICE, '2026-12-31T10:00:00.000Z', 'd')).publicId).toBe('IA-2026-0003');
      });

      it('takes the year as written in `now` (a local New Year\'s Eve evening stays in its year)', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, '2026-12-31T21:00:00-05:00', 'eve');
        expect(record.publicId).toBe('IA-2026-0001');
        expect(record.submittedAt).toBe('2027-01-01T02:00:00.000Z');
      });

      it('gives distinct, gap-free numbers to concurrent submissions of different declarations', async () => {
        const { repo } = await fresh();
        const drafts = await Promise.all([ALICE, BOB, CAROLE, GOVERNANCE, person(5)].map((who, i) => repo.createDraft(who, DRAFT, `2026-03-02T14:0${i}:00.000Z`)));
        const records = await Promise.all(
          drafts.map((d, i) => repo.submit(d.id, 1, { assessment: assessment(T1), actor: d.declarant, key: `k${i}`, now: T1 })),
        );
        expect(records.map((r) => r.publicId).sort()).toEqual(['IA-2026-0001', 'IA-2026-0002', 'IA-2026-0003', 'IA-2026-0004', 'IA-2026-0005']);
      });

      it('returns the stored record unchanged when the same key comes again, even from the old revision', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        const first = await repo.submit(draft.id, 1, { assessment: assessment(T1), actor: ALICE, key: 'invoke-42', now: T1 });
        const again = await repo.submit(draft.id, 1, { assessment: assessment(T2), actor: ALICE, key: 'invoke-42', now: T2 });
        expect(again).toEqual(first);
        expect((await repo.events(draft.id)).filter((e) => e.to === 'submitted')).toHaveLength(1);
        expect((await submitted(repo, BOB, T3, 'other')).publicId).toBe('IA-2026-0002');
      });

      it('makes one submission of two concurrent calls with the same key (a double click)', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        const submission = { assessment: assessment(T1), actor: ALICE, key: 'double-click', now: T1 };
        const [a, b] = await Promise.all([repo.submit(draft.id, 1, submission), repo.submit(draft.id, 1, submission)]);
        expect(a).toEqual(b);
        expect(a).toMatchObject({ publicId: 'IA-2026-0001', revision: 2, state: 'submitted' });
        expect((await repo.events(draft.id)).filter((e) => e.to === 'submitted')).toHaveLength(1);
        expect(await repo.list()).toHaveLength(1);
        expect((await submitted(repo, BOB, T2, 'next')).publicId).toBe('IA-2026-0002');
      });

      it('records the language of the submission as the declaration’s, and keeps it when a later one gives none', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        expect(draft.language).toBeNull();
        const sent = await repo.submit(draft.id, 1, { assessment: assessment(T1), actor: ALICE, key: 'en', now: T1, language: 'en' });
        expect(sent.language).toBe('en');
        const back = await repo.decide(draft.id, sent.revision, 'changes_requested', GOVERNANCE, 'Préciser.', T2);
        const again = await repo.submit(draft.id, back.revision, { assessment: assessment(T3), actor: ALICE, key: 'none', now: T3 });
        expect(again.language).toBe('en');
        expect((await repo.get(draft.id))?.language).toBe('en');
      });

      it('refuses a key already used to submit another declaration', async () => {
        const { repo } = await fresh();
        await submitted(repo, ALICE, T0, 'shared-key');
        const other = await repo.createDraft(BOB, DRAFT, T1);
        await expect(
          repo.submit(other.id, 1, { assessment: assessment(T2), actor: BOB, key: 'shared-key', now: T2 }),
        ).rejects.toBeInstanceOf(SubmissionKeyConflictError);
        expect((await repo.get(other.id))?.state).toBe('draft');
      });

      it('refuses a stale submit without using a number', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        await repo.saveData(draft.id, 1, DRAFT, T1);
        await expect(
          repo.submit(draft.id, 1, { assessment: assessment(T2), actor: ALICE, key: 'stale', now: T2 }),
        ).rejects.toMatchObject({ name: 'StaleRevisionError', expected: 1, actual: 2 });
        expect((await repo.submit(draft.id, 2, { assessment: assessment(T2), actor: ALICE, key: 'fresh', now: T2 })).publicId).toBe('IA-2026-0001');
      });

      it('refuses to submit again with a new key once submitted', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'first');
        await expect(
          repo.submit(record.id, record.revision, { assessment: assessment(T1), actor: ALICE, key: 'second', now: T1 }),
        ).rejects.toMatchObject({ name: 'WrongStateError', operation: 'submit', current: { state: 'submitted' } });
      });

      it('keeps the public id when a declaration sent back for changes is resubmitted', async () => {
        const { repo } = await fresh();
        const first = await submitted(repo, ALICE, T0, 'first');
        await submitted(repo, BOB, T0, 'bob');
        const back = await repo.transition(first.id, first.revision, 'changes_requested', GOVERNANCE, 'Précisez les données.', T1);
        expect(await repo.findOpenDraft(ALICE.id)).toEqual(back);
        const edited = await repo.saveData(back.id, back.revision, { ...DRAFT, dataDescription: 'Courriels reçus depuis 2024.' }, T2);
        const again = await repo.submit(edited.id, edited.revision, { assessment: assessment(T3), actor: ALICE, key: 'resubmit', now: T3 });
        expect(again).toMatchObject({ publicId: 'IA-2026-0001', state: 'submitted', submittedAt: T3, revision: 5 });
        expect(again.data.dataDescription).toBe('Courriels reçus depuis 2024.');
        expect((await repo.events(first.id)).map((e) => [e.from, e.to])).toEqual([
          [null, 'draft'],
          ['draft', 'submitted'],
          ['submitted', 'changes_requested'],
          ['changes_requested', 'submitted'],
        ]);
      });

      it('records which fields a resubmission changed since the version sent back, names only; none for a first submission', async () => {
        const { repo } = await fresh();
        const first = await submitted(repo, ALICE, T0, 'first');
        expect(first.changedSinceReview).toBeNull();
        const back = await repo.transition(first.id, first.revision, 'changes_requested', GOVERNANCE, 'Précisez les données.', T1);
        // The name only gains spaces around it: not a change.
        const data = { ...first.data, dataDescription: 'Courriels reçus depuis 2024.', name: ` ${String(first.data.name)} `, generative: true };
        const edited = await repo.saveData(back.id, back.revision, data, T2);
        const again = await repo.submit(edited.id, edited.revision, { assessment: assessment(T3), actor: ALICE, key: 'resubmit', now: T3 });
        expect(again.changedSinceReview).toEqual(['generative', 'dataDescription']);
        expect((await repo.get(first.id))!.changedSinceReview).toEqual(['generative', 'dataDescription']);
        const other = await submitted(repo, BOB, T0, 'bob');
        const back2 = await repo.transition(other.id, other.revision, 'changes_requested', GOVERNANCE, 'Rien à changer ?', T1);
        expect((await repo.submit(back2.id, back2.revision, { assessment: assessment(T3), actor: BOB, key: 'as-is', now: T3 })).changedSinceReview).toEqual([]);
      });
    });

    describe('transitions and events', () => {
      it('records who moved the declaration, when, from where to where, and why', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        const inReview = await repo.transition(record.id, record.revision, 'in_review', GOVERNANCE, null, T1);
        expect(inReview).toMatchObject({ state: 'in_review', revision: 3, updatedAt: T1 });
        const approved = await repo.transition(record.id, 3, 'approved', GOVERNANCE, 'Conforme.', T2);
        expect(approved).toMatchObject({ state: 'approved', revision: 4, updatedAt: T2, submittedAt: T0 });
        expect(await repo.events(record.id)).toEqual([
          { declarationId: record.id, at: T0, actor: ALICE, from: null, to: 'draft', comment: null },
          { declarationId: record.id, at: T0, actor: ALICE, from: 'draft', to: 'submitted', comment: null },
          { declarationId: record.id, at: T1, actor: GOVERNANCE, from: 'submitted', to: 'in_review', comment: null },
          { declarationId: record.id, at: T2, actor: GOVERNANCE, from: 'in_review', to: 'approved', comment: 'Conforme.' },
        ]);
      });

      it('lets governance decide straight from submitted', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        expect((await repo.transition(record.id, record.revision, 'rejected', GOVERNANCE, 'Hors champ.', T1)).state).toBe('rejected');
      });

      it('refuses transitions the workflow does not allow, with the current record', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        await expect(repo.transition(draft.id, 1, 'approved', GOVERNANCE, null, T1)).rejects.toMatchObject({
          name: 'WrongStateError',
          operation: 'transition',
          to: 'approved',
          current: { state: 'draft' },
        });
        await expect(repo.transition(draft.id, 1, 'submitted', ALICE, null, T1)).rejects.toBeInstanceOf(WrongStateError);
        const record = await submitted(repo, BOB, T0, 'k');
        const approved = await repo.transition(record.id, record.revision, 'approved', GOVERNANCE, null, T1);
        await expect(repo.transition(record.id, approved.revision, 'rejected', GOVERNANCE, 'Non.', T2)).rejects.toBeInstanceOf(WrongStateError);
        expect(await repo.events(record.id)).toHaveLength(3);
      });

      it('refuses a stale decision (two reviewers on the same card)', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        const decisions = await Promise.allSettled([
          repo.transition(record.id, record.revision, 'approved', GOVERNANCE, null, T1),
          repo.transition(record.id, record.revision, 'rejected', CAROLE, 'Non.', T1),
        ]);
        expect(decisions.filter((d) => d.status === 'fulfilled')).toHaveLength(1);
        const lost = decisions.find((d): d is PromiseRejectedResult => d.status === 'rejected');
        expect(lost?.reason).toBeInstanceOf(StaleRevisionError);
        expect(await repo.events(record.id)).toHaveLength(3);
      });
    });

    describe('collaborators and lists', () => {
      it('adds a collaborator once and removes them, leaving the revision and update time as they were', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        const added = await repo.addCollaborator(draft.id, BOB.id, T1, ALICE);
        // Sharing is not an edit: a step or review card shown before it still records its press.
        expect(added).toMatchObject({ collaborators: [BOB.id], revision: 1, updatedAt: T0 });
        expect(await repo.addCollaborator(draft.id, BOB.id, T2, ALICE)).toEqual(added);
        expect(await repo.addCollaborator(draft.id, ALICE.id, T2, ALICE)).toEqual(added);
        const two = await repo.addCollaborator(draft.id, CAROLE.id, T2, ALICE);
        expect(two.collaborators).toEqual([BOB.id, CAROLE.id]);
        const one = await repo.removeCollaborator(draft.id, BOB.id, T3, ALICE);
        expect(one).toMatchObject({ collaborators: [CAROLE.id], revision: 1, updatedAt: T0 });
        expect(await repo.removeCollaborator(draft.id, BOB.id, T3, ALICE)).toEqual(one);
        expect(await repo.listForUser(BOB.id)).toEqual([]);
        await expect(repo.addCollaborator('00000000-0000-4000-8000-000000000000', BOB.id, T3, ALICE)).rejects.toBeInstanceOf(DeclarationNotFoundError);
        await expect(repo.removeCollaborator('00000000-0000-4000-8000-000000000000', BOB.id, T3, ALICE)).rejects.toBeInstanceOf(DeclarationNotFoundError);
      });

      it('records who gave or took away each colleague’s access, and when, once per change, across a restart', async () => {
        const { repo, store } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        await repo.addCollaborator(draft.id, BOB.id, T1, ALICE);
        await repo.addCollaborator(draft.id, BOB.id, T2, ALICE);
        await repo.addCollaborator(draft.id, ALICE.id, T2, ALICE);
        await repo.removeCollaborator(draft.id, BOB.id, T3, ALICE);
        await repo.removeCollaborator(draft.id, BOB.id, T4, ALICE);
        await repo.close();
        const reopened = await store.open();
        opened.push(reopened);
        expect(await reopened.accessEvents(draft.id)).toEqual([
          { declarationId: draft.id, at: T1, actor: ALICE, change: 'added', userId: BOB.id },
          { declarationId: draft.id, at: T3, actor: ALICE, change: 'removed', userId: BOB.id },
        ]);
        expect(await reopened.events(draft.id)).toHaveLength(1);
        expect(await reopened.accessEvents('00000000-0000-4000-8000-000000000000')).toEqual([]);
      });

      it('lists what a person declared or collaborates on, most recent first', async () => {
        const { repo } = await fresh();
        const mine = await repo.createDraft(ALICE, DRAFT, T0);
        const bobs = await repo.createDraft(BOB, DRAFT, T1);
        await repo.createDraft(CAROLE, DRAFT, T2);
        await repo.addCollaborator(bobs.id, ALICE.id, T3, ALICE);
        expect((await repo.listForUser(ALICE.id)).map((r) => r.id)).toEqual([bobs.id, mine.id]);
        expect((await repo.listForUser(BOB.id)).map((r) => r.id)).toEqual([bobs.id]);
        expect(await repo.listForUser('nobody')).toEqual([]);
      });

      it('lists the inventory without drafts never submitted, optionally by state', async () => {
        const { repo } = await fresh();
        await repo.createDraft(ALICE, DRAFT, T0);
        const a = await submitted(repo, ALICE, T1, 'a');
        const b = await submitted(repo, BOB, T2, 'b');
        const back = await repo.transition(a.id, a.revision, 'changes_requested', GOVERNANCE, 'Précisez.', T3);
        await repo.transition(b.id, b.revision, 'approved', GOVERNANCE, null, T4);
        expect((await repo.list()).map((r) => r.publicId)).toEqual(['IA-2026-0002', 'IA-2026-0001']);
        expect((await repo.list({ states: ['changes_requested'] })).map((r) => r.id)).toEqual([back.id]);
        expect((await repo.list({ states: ['approved', 'changes_requested'] })).map((r) => r.publicId)).toEqual(['IA-2026-0002', 'IA-2026-0001']);
        expect(await repo.list({ states: ['draft'] })).toEqual([]);
        expect(await repo.list({ states: [] })).toEqual([]);
      });
    });

    describe('conversations', () => {
      it('stores a conversation reference and replaces it on the next save', async () => {
        const { repo } = await fresh();
        expect(await repo.getConversation('governance-channel')).toBeNull();
        const reference = { conversation: { id: '19:abc@thread.tacv2' }, serviceUrl: 'https://smba.example/', bot: { id: 'b' } };
        await repo.saveConversation('governance-channel', reference);
        expect(await repo.getConversation('governance-channel')).toEqual(reference);
        await repo.saveConversation('governance-channel', { ...reference, conversation: { id: '19:new@thread.tacv2' } });
        expect(await repo.getConversation('governance-channel')).toMatchObject({ conversation: { id: '19:new@thread.tacv2' } });
        await repo.saveConversation(`user:${ALICE.id}`, { user: 'alice' });
        expect(await repo.getConversation(`user:${ALICE.id}`)).toEqual({ user: 'alice' });
      });
    });

    describe('one draft per declarant (issue #7)', () => {
      it('gives four concurrent createDraft calls of one declarant the same single draft', async () => {
        const { repo } = await fresh();
        const drafts = await Promise.all([T0, T1, T2, T3].map((at) => repo.createDraft(ALICE, DRAFT, at)));
        expect(new Set(drafts.map((d) => d.id)).size).toBe(1);
        expect((await repo.listForUser(ALICE.id)).filter((r) => r.state === 'draft')).toHaveLength(1);
      });

      it('lets a declarant with a declaration sent back for changes start a new draft', async () => {
        const { repo } = await fresh();
        const first = await submitted(repo, ALICE, T0, 'k1');
        await repo.decide(first.id, first.revision, 'changes_requested', GOVERNANCE, 'À préciser.', T1);
        const draft = await repo.createDraft(ALICE, DRAFT, T2);
        expect(draft.id).not.toBe(first.id);
      });

      it('sets an edited draft aside, data kept, to start a new one when asked', async () => {
        const { repo } = await fresh();
        const old = await repo.createDraft(ALICE, DRAFT, T0);
        await repo.saveData(old.id, 1, { ...DRAFT, name: 'Premier essai fictif' }, T1);
        const fresh2 = await repo.createDraft(ALICE, {}, T2, { setAsideEdited: true });
        expect(fresh2.id).not.toBe(old.id);
        expect(fresh2).toMatchObject({ state: 'draft', setAsideAt: null, revision: 1, data: {} });
        expect(await repo.get(old.id)).toMatchObject({ setAsideAt: T2, revision: 3, data: { name: 'Premier essai fictif' } });
        expect((await repo.findOpenDraft(ALICE.id))?.id).toBe(fresh2.id);
      });

      it('deletes the current draft with its events, so the next createDraft starts afresh; never a submitted declaration', async () => {
        const { repo } = await fresh();
        const sent = await submitted(repo, ALICE, T0, 'k-sent');
        const reopened = await repo.decide(sent.id, sent.revision, 'changes_requested', GOVERNANCE, 'À préciser.', T1);
        const draft = await repo.createDraft(ALICE, DRAFT, T2);
        expect(await repo.deleteDraft(sent.id, T3)).toBe(false);
        expect(await repo.deleteDraft(draft.id, T3)).toBe(true);
        expect(await repo.get(draft.id)).toBeNull();
        expect(await repo.events(draft.id)).toEqual([]);
        expect(await repo.deleteDraft(draft.id, T3)).toBe(false);
        expect((await repo.listForUser(ALICE.id)).map((r) => r.id)).toEqual([reopened.id]);
        expect((await repo.createDraft(ALICE, {}, T3)).id).not.toBe(draft.id);
      });

      it('deletes a draft at the revision expected only, keeping one changed since', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        const edited = await repo.saveData(draft.id, draft.revision, { ...DRAFT, name: 'Nom revu ailleurs' }, T1);
        expect(await repo.deleteDraft(draft.id, T2, draft.revision)).toBe(false);
        expect(await repo.get(draft.id)).toMatchObject({ data: { name: 'Nom revu ailleurs' } });
        expect(await repo.deletedDraft(draft.id)).toBeNull();
        expect(await repo.deleteDraft(draft.id, T2, edited.revision)).toBe(true);
        expect(await repo.get(draft.id)).toBeNull();
      });

      it('keeps a tombstone of a deleted draft (whose, when; nothing typed), and none of a declaration never deleted', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        const sent = await submitted(repo, BOB, T0, 'k-tomb');
        expect(await repo.deleteDraft(draft.id, T2)).toBe(true);
        expect(await repo.deleteDraft(sent.id, T2)).toBe(false);
        expect(await repo.deletedDraft(draft.id)).toEqual({ id: draft.id, declarantId: ALICE.id, deletedAt: T2 });
        expect(await repo.deletedDraft(sent.id)).toBeNull();
        expect(await repo.deletedDraft('00000000-0000-4000-8000-000000000000')).toBeNull();
        expect(await repo.deletedDraft('pas-un-uuid')).toBeNull();
      });

      it('returns a never-edited draft instead of setting it aside, so concurrent calls make one new draft', async () => {
        const { repo } = await fresh();
        const old = await repo.createDraft(ALICE, DRAFT, T0);
        await repo.saveData(old.id, 1, DRAFT, T1);
        const drafts = await Promise.all([T2, T3].map((at) => repo.createDraft(ALICE, {}, at, { setAsideEdited: true })));
        expect(drafts[0]!.id).toBe(drafts[1]!.id);
        expect((await repo.listForUser(ALICE.id)).map((r) => [r.id === old.id, r.setAsideAt !== null])).toEqual(
          expect.arrayContaining([
            [true, true],
            [false, false],
          ]),
        );
        expect(await repo.listForUser(ALICE.id)).toHaveLength(2);
      });
    });

    describe('stored values (issue #7)', () => {
      it('never stores a choice that is not one of its codes, in a draft or one reopened for changes', async () => {
        const { repo } = await fresh();
        const forged = { ...DRAFT, category: '=HYPERLINK("http://x.invalid")', portefeuille: '+1+1', status: '@SUM(A1)', measures: ['efvp', '-2+3'] };
        const draft = await repo.createDraft(ALICE, forged, T0);
        expect(draft.data).toEqual({ ...DRAFT, measures: ['efvp'] });
        const record = await repo.submit(draft.id, draft.revision, { assessment: assessment(T1), actor: ALICE, key: 'k', now: T1 });
        const reopened = await repo.decide(record.id, record.revision, 'changes_requested', GOVERNANCE, 'À préciser.', T2);
        const saved = await repo.saveData(reopened.id, reopened.revision, { ...forged, category: 'automatisation' } as DeclarationDraft, T3);
        expect(saved.data).toEqual({ ...DRAFT, category: 'automatisation', measures: ['efvp'] });
      });

      it('strips NUL, escape, DEL, C1 and bidirectional overrides from stored text', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, { name: 'A\u0000B\u001b[1mC\u007f\u0085\u202Etxt.exe\u2066\u2069', purpose: 'ligne 1\r\nligne 2\tfin' }, T0);
        expect(draft.data).toEqual({ name: 'AB[1mCtxt.exe', purpose: 'ligne 1\nligne 2\tfin' });
      });

      it('keeps the submitted version apart from edits made after changes were requested', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        expect(record.submittedData).toEqual(DRAFT);
        const reopened = await repo.decide(record.id, record.revision, 'changes_requested', GOVERNANCE, 'À préciser.', T1);
        const edited = await repo.saveData(reopened.id, reopened.revision, { ...DRAFT, name: 'Modification non soumise' }, T2);
        expect(edited.data.name).toBe('Modification non soumise');
        expect(edited.submittedData).toEqual(DRAFT);
        const csv = await exportInventory(repo, { format: 'csv', now: T3 });
        expect(csv).toContain(DRAFT.name);
        expect(csv).not.toContain('Modification non soumise');
        const json = JSON.parse(await exportInventory(repo, { format: 'json', now: T3 }));
        expect(json.declarations[0].data).toEqual(DRAFT);
        const again = await repo.submit(edited.id, edited.revision, { assessment: assessment(T3), actor: ALICE, key: 'k2', now: T3 });
        expect(again.submittedData?.name).toBe('Modification non soumise');
      });

      it('makes the export Teams hands over, a slice at a time or in its own way, in the bytes of the one made at once', async () => {
        const { repo } = await fresh();
        const texts = ['=SOMME(A1)', '+1 819 555-0100', '-moins', '@cellule', 'Guillemets "doubles", ’apostrophes’ ; virgules', 'Ligne 1\nLigne 2'];
        for (let i = 0; i <= EXPORT_SLICE_DECLARATIONS; i++) {
          const draft = await repo.createDraft({ id: `declarant-${i}`, name: `Éloïse ${i}` }, { ...DRAFT, name: `${texts[i % texts.length]} ${i}` }, T0);
          const record = await repo.submit(draft.id, draft.revision, { assessment: assessment(T1), actor: ALICE, key: `slice-${i}`, now: T1 });
          if (i % 7 === 0) await repo.decide(record.id, record.revision, 'approved', GOVERNANCE, 'Approuvée : « oui »,\n"merci"', T2);
        }
        for (const options of [{ format: 'csv' as const, now: T3 }, { format: 'json' as const, now: T3 }, { format: 'json' as const, states: ['approved' as const], now: T3 }]) {
          const atOnce = Buffer.from(await exportInventory(repo, options), 'utf8');
          const sliced = await exportInventoryBytes(repo, options);
          expect(sliced.bytes.equals(atOnce)).toBe(true);
          if (repo.exportFile) expect((await repo.exportFile(options)).bytes.equals(atOnce)).toBe(true);
        }
      });

      it('exports each declaration in the state its events end in, even when a review is decided while it reads', async () => {
        const { repo } = await fresh();
        const first = await submitted(repo, ALICE, T0, 'first');
        await submitted(repo, BOB, T0, 'second');
        let decided = false;
        // The reviewer decides after the export has listed the declarations and before it reads their events.
        const racing = {
          list: repo.list.bind(repo),
          accessEvents: repo.accessEvents.bind(repo),
          events: async (id: string) => {
            if (!decided) {
              decided = true;
              await repo.transition(first.id, first.revision, 'in_review', GOVERNANCE, null, T1);
            }
            return repo.events(id);
          },
        };
        const json = JSON.parse(await exportInventory(racing, { format: 'json', now: T2 }));
        for (const d of json.declarations) expect(d.state, d.publicId).toBe(d.events.at(-1).to);
        expect(json.declarations.find((d: { id: string }) => d.id === first.id).state).toBe('in_review');
      });
    });

    describe('numbering (issue #7)', () => {
      it('numbers a submission at 23:30 on 31 December in Quebec in that year, not the UTC year', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, '2026-12-31T20:00:00.000Z');
        const record = await repo.submit(draft.id, 1, { assessment: assessment(T0), actor: ALICE, key: 'nye', now: '2027-01-01T04:30:00.000Z' });
        expect(record.publicId).toBe('IA-2026-0001');
        expect(record.submittedAt).toBe('2027-01-01T04:30:00.000Z');
      });

      it('gives 50 concurrent declarants 50 declarations numbered without gaps', async () => {
        const { repo } = await fresh();
        const people = Array.from({ length: 50 }, (_, i) => person(i + 1));
        const records = await Promise.all(people.map((who, i) => submitted(repo, who, T0, `k-${i}`)));
        const numbers = records.map((r) => r.publicId).sort();
        expect(numbers).toEqual(people.map((_, i) => `IA-2026-${String(i + 1).padStart(4, '0')}`));
        expect(await repo.list()).toHaveLength(50);
      });
    });

    describe('decisions (issue #7)', () => {
      it('records in_review and the decision in one save, and queues the declarant\'s notice', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        const decided = await repo.decide(record.id, record.revision, 'approved', GOVERNANCE, 'Conforme.', T1);
        expect(decided).toMatchObject({ state: 'approved', revision: record.revision + 1 });
        expect((await repo.events(record.id)).map((e) => [e.from, e.to, e.comment])).toEqual([
          [null, 'draft', null],
          ['draft', 'submitted', null],
          ['submitted', 'in_review', null],
          ['in_review', 'approved', 'Conforme.'],
        ]);
        expect((await repo.notifications(record.id)).map((n) => [n.kind, n.eventSeq])).toEqual([
          ['review_card', null],
          ['decision_notice', 4],
        ]);
      });

      it('lets one of two concurrent decisions win; the other is stale and changes nothing', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        const results = await Promise.allSettled([
          repo.decide(record.id, record.revision, 'approved', GOVERNANCE, null, T1),
          repo.decide(record.id, record.revision, 'rejected', BOB, 'Non.', T1),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(failed.reason).toBeInstanceOf(StaleRevisionError);
        expect((await repo.events(record.id)).filter((e) => e.to === 'in_review')).toHaveLength(1);
        expect((await repo.notifications(record.id)).filter((n) => n.kind === 'decision_notice')).toHaveLength(1);
      });

      it('takes a submitted declaration for review: in_review rests, with its event and the declarant\'s notice', async () => {
        const { repo, store } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        const taken = await repo.takeForReview(record.id, record.revision, GOVERNANCE, T1);
        expect(taken).toMatchObject({ state: 'in_review', revision: record.revision + 1, updatedAt: T1, submittedAt: T0 });
        expect((await repo.events(record.id)).at(-1)).toEqual({ declarationId: record.id, at: T1, actor: GOVERNANCE, from: 'submitted', to: 'in_review', comment: null });
        expect((await repo.notifications(record.id)).map((n) => [n.kind, n.eventSeq])).toEqual([
          ['review_card', null],
          ['decision_notice', 3],
        ]);
        // It stays in review across a restart, and the inventory lists it among those in review.
        await repo.close();
        const reopened = await store.open();
        opened.push(reopened);
        expect((await reopened.get(record.id))?.state).toBe('in_review');
        expect((await reopened.list({ states: ['in_review'] })).map((r) => r.id)).toEqual([record.id]);
        const csv = await exportInventory(reopened, { format: 'csv', states: ['in_review'], now: T2 });
        expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
        expect(csv).toContain('En examen');
        const json = JSON.parse(await exportInventory(reopened, { format: 'json', now: T2 }));
        expect(json.declarations[0]).toMatchObject({ state: 'in_review' });
        expect(json.declarations[0].events.at(-1)).toMatchObject({ from: 'submitted', to: 'in_review', actor: GOVERNANCE, at: T1 });
      });

      it('decides from in_review after its real event, with no second in_review event', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        const taken = await repo.takeForReview(record.id, record.revision, GOVERNANCE, T1);
        await repo.decide(record.id, taken.revision, 'approved', CAROLE, 'Conforme.', T2);
        expect((await repo.events(record.id)).map((e) => [e.from, e.to, e.actor.name, e.at])).toEqual([
          [null, 'draft', ALICE.name, T0],
          ['draft', 'submitted', ALICE.name, T0],
          ['submitted', 'in_review', GOVERNANCE.name, T1],
          ['in_review', 'approved', CAROLE.name, T2],
        ]);
        expect((await repo.notifications(record.id)).map((n) => [n.kind, n.eventSeq])).toEqual([
          ['review_card', null],
          ['decision_notice', 3],
          ['decision_notice', 4],
        ]);
      });

      it('lets one of two reviewers taking it at once win; the other is stale and writes nothing', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        const results = await Promise.allSettled([
          repo.takeForReview(record.id, record.revision, GOVERNANCE, T1),
          repo.takeForReview(record.id, record.revision, CAROLE, T1),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(StaleRevisionError);
        expect((await repo.events(record.id)).filter((e) => e.to === 'in_review')).toHaveLength(1);
        expect((await repo.notifications(record.id)).filter((n) => n.kind === 'decision_notice')).toHaveLength(1);
        expect((await repo.get(record.id))?.revision).toBe(record.revision + 1);
      });

      it('refuses to take a declaration already in review, decided or never submitted, with the current record', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        const taken = await repo.takeForReview(record.id, record.revision, GOVERNANCE, T1);
        await expect(repo.takeForReview(record.id, taken.revision, CAROLE, T2)).rejects.toMatchObject({ name: 'WrongStateError', current: { state: 'in_review' } });
        const decided = await repo.decide(record.id, taken.revision, 'rejected', GOVERNANCE, 'Hors champ.', T2);
        await expect(repo.takeForReview(record.id, decided.revision, CAROLE, T3)).rejects.toMatchObject({ name: 'WrongStateError', current: { state: 'rejected' } });
        const draft = await repo.createDraft(BOB, DRAFT, T0);
        await expect(repo.takeForReview(draft.id, draft.revision, GOVERNANCE, T1)).rejects.toBeInstanceOf(WrongStateError);
        expect(await repo.events(record.id)).toHaveLength(4);
        expect((await repo.notifications(record.id)).filter((n) => n.kind === 'decision_notice')).toHaveLength(2);
      });

      it('hands a declaration in review back to submitted with an event; a decision then records its in_review again', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        const taken = await repo.takeForReview(record.id, record.revision, GOVERNANCE, T1);
        const released = await repo.transition(record.id, taken.revision, 'submitted', GOVERNANCE, null, T2);
        expect(released).toMatchObject({ state: 'submitted', revision: taken.revision + 1, submittedAt: T0 });
        await repo.decide(record.id, released.revision, 'approved', CAROLE, null, T3);
        expect((await repo.events(record.id)).slice(2).map((e) => [e.from, e.to, e.actor.name])).toEqual([
          ['submitted', 'in_review', GOVERNANCE.name],
          ['in_review', 'submitted', GOVERNANCE.name],
          ['submitted', 'in_review', CAROLE.name],
          ['in_review', 'approved', CAROLE.name],
        ]);
      });

      it('refuses a decision outside review', async () => {
        const { repo } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        await expect(repo.decide(draft.id, 1, 'approved', GOVERNANCE, null, T1)).rejects.toBeInstanceOf(WrongStateError);
      });
    });

    describe('notification outbox (issue #7)', () => {
      it('queues one review card with the submission, none for the same key again', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        await repo.submit(record.id, 1, { assessment: assessment(T1), actor: ALICE, key: 'k', now: T1 });
        expect(await repo.notifications(record.id)).toEqual([
          { id: expect.any(String), declarationId: record.id, kind: 'review_card', recipientId: null, eventSeq: null, attempts: 0, createdAt: T0, deliveredAt: null, attemptLog: [] },
        ]);
      });

      it('leases claimed notifications to one worker until delivered or the lease runs out', async () => {
        const { repo } = await fresh();
        const a = await submitted(repo, ALICE, T0, 'ka');
        const b = await submitted(repo, BOB, T0, 'kb');
        const claimed = await repo.claimNotifications('worker-1', T1, 60_000, 10);
        expect(claimed.map((n) => n.declarationId)).toEqual([a.id, b.id]);
        expect(await repo.claimNotifications('worker-2', T1, 60_000, 10)).toEqual([]);
        await repo.recordNotificationAttempt(claimed[0]!.id, { outcome: 'delivered', detail: null, at: T1, nextAttemptAt: null });
        // worker-1 died holding b: once its lease ran out, another worker takes it.
        const later = '2026-03-02T14:06:00.000Z';
        expect((await repo.claimNotifications('worker-2', later, 60_000, 10)).map((n) => n.declarationId)).toEqual([b.id]);
        const [delivered] = await repo.notifications(a.id);
        expect(delivered).toMatchObject({ deliveredAt: T1, attempts: 1, attemptLog: [{ attempt: 1, at: T1, outcome: 'delivered', detail: null }] });
      });

      it('lists the owners of running leases, and ends the leases of those named so that another worker claims at once', async () => {
        const { repo } = await fresh();
        const a = await submitted(repo, ALICE, T0, 'ka');
        const b = await submitted(repo, BOB, T0, 'kb');
        await repo.claimNotifications('dead-worker', T1, 60_000, 1);
        await repo.claimNotifications('live-worker', T1, 60_000, 1);
        expect((await repo.notificationLeaseOwners(T1)).sort()).toEqual(['dead-worker', 'live-worker']);
        // Leases that ran out are no one's any more.
        expect(await repo.notificationLeaseOwners('2026-03-02T14:06:00.000Z')).toEqual([]);
        expect(await repo.releaseNotificationLeases(['dead-worker'])).toBe(1);
        expect(await repo.releaseNotificationLeases([])).toBe(0);
        expect(await repo.notificationLeaseOwners(T1)).toEqual(['live-worker']);
        expect((await repo.claimNotifications('restarted', T1, 60_000, 10)).map((n) => n.declarationId)).toEqual([a.id]);
        void b;
      });

      it('records each failed attempt and retries when due; expedite makes it due now', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        const [item] = await repo.claimNotifications('w', T0, 60_000, 10);
        await repo.recordNotificationAttempt(item!.id, { outcome: 'failed', detail: 'RestError 500', at: T1, nextAttemptAt: T3 });
        expect(await repo.claimNotifications('w', T2, 60_000, 10)).toEqual([]);
        expect(await repo.expediteNotifications({ declarationId: record.id }, T2)).toBe(1);
        const [again] = await repo.claimNotifications('w', T2, 60_000, 10);
        expect(again).toMatchObject({ id: item!.id, attempts: 1 });
        await repo.recordNotificationAttempt(again!.id, { outcome: 'waiting', detail: 'no governance channel registered', at: T2, nextAttemptAt: T4 });
        expect((await repo.notifications(record.id))[0]!.attemptLog.map((a) => [a.attempt, a.outcome, a.detail])).toEqual([
          [1, 'failed', 'RestError 500'],
          [2, 'waiting', 'no governance channel registered'],
        ]);
      });

      it('holds the next decision notice of a declaration until the one before it is delivered, so they arrive in order', async () => {
        const { repo } = await fresh();
        const sent = await submitted(repo, ALICE, T0, 'k1');
        const reopened = await repo.decide(sent.id, sent.revision, 'changes_requested', GOVERNANCE, 'À préciser.', T0);
        const [card, changes] = await repo.claimNotifications('w', T0, 60_000, 10);
        expect([card?.kind, changes?.kind]).toEqual(['review_card', 'decision_notice']);
        await repo.recordNotificationAttempt(card!.id, { outcome: 'delivered', detail: null, at: T0, nextAttemptAt: null });
        // The « changes requested » notice fails and waits for T3; meanwhile the declarant resubmits and is approved.
        await repo.recordNotificationAttempt(changes!.id, { outcome: 'failed', detail: 'RestError 503', at: T0, nextAttemptAt: T3 });
        const again = await repo.submit(reopened.id, reopened.revision, { assessment: assessment(T1), actor: ALICE, key: 'k2', now: T1 });
        await repo.decide(again.id, again.revision, 'approved', GOVERNANCE, null, T2);
        // The new review card goes out; the approval waits behind the notice queued before it.
        expect((await repo.claimNotifications('w', T2, 60_000, 10)).map((n) => n.kind)).toEqual(['review_card']);
        const [first] = await repo.claimNotifications('w', T3, 60_000, 10);
        expect(first).toMatchObject({ id: changes!.id, kind: 'decision_notice' });
        await repo.recordNotificationAttempt(first!.id, { outcome: 'delivered', detail: null, at: T3, nextAttemptAt: null });
        const [second] = await repo.claimNotifications('w', T3, 60_000, 10);
        expect(second).toMatchObject({ kind: 'decision_notice', eventSeq: expect.any(Number) });
        expect(Number(second!.id)).toBeGreaterThan(Number(changes!.id));
      });

      it('keeps consecutive attempts with the same outcome and detail as one row, counting them, so the log stays short', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        const id = (await repo.claimNotifications('w', T0, 60_000, 10))[0]!.id;
        const attempts: Array<[string, 'failed' | 'waiting' | 'delivered', string | null]> = [
          [T0, 'waiting', 'no governance channel registered'],
          [T1, 'waiting', 'no governance channel registered'],
          [T2, 'failed', 'RestError 403'],
          [T3, 'failed', 'RestError 403'],
          [T4, 'failed', 'RestError 403'],
          ['2026-03-02T14:25:00.000Z', 'failed', 'RestError 503'],
          ['2026-03-02T14:30:00.000Z', 'delivered', null],
        ];
        for (const [at, outcome, detail] of attempts) {
          expect(await repo.recordNotificationAttempt(id, { outcome, detail, at, nextAttemptAt: outcome === 'delivered' ? null : at })).toBe(outcome);
        }
        const [notification] = await repo.notifications(record.id);
        expect(notification!.attempts).toBe(7);
        expect(notification!.attemptLog.map((a) => [a.attempt, a.outcome, a.detail, a.repeats, a.at, a.lastAt])).toEqual([
          [1, 'waiting', 'no governance channel registered', 2, T0, T1],
          [3, 'failed', 'RestError 403', 3, T2, T4],
          [6, 'failed', 'RestError 503', 1, '2026-03-02T14:25:00.000Z', '2026-03-02T14:25:00.000Z'],
          [7, 'delivered', null, 1, '2026-03-02T14:30:00.000Z', '2026-03-02T14:30:00.000Z'],
        ]);
      });

      it('gives up a notification refused with the same status since the time asked, and lets the next one of its kind go', async () => {
        const { repo } = await fresh();
        const sent = await submitted(repo, ALICE, T0, 'k1');
        const reopened = await repo.decide(sent.id, sent.revision, 'changes_requested', GOVERNANCE, 'À préciser.', T0);
        const again = await repo.submit(reopened.id, reopened.revision, { assessment: assessment(T0), actor: ALICE, key: 'k2', now: T0 });
        await repo.decide(again.id, again.revision, 'approved', GOVERNANCE, null, T0);
        const [changes] = (await repo.claimNotifications('w', T0, 60_000, 10)).filter((n) => n.kind === 'decision_notice');
        const failed = (at: string, since: string | null) =>
          repo.recordNotificationAttempt(changes!.id, { outcome: 'failed', detail: 'RestError 403', at, nextAttemptAt: at, giveUpIfFailingSince: since });
        expect(await failed(T1, T0)).toBe('failed');
        // Refused since T1: not yet given up when asked about a time before it, given up once T1 is far enough back.
        expect(await failed(T2, T0)).toBe('failed');
        expect(await failed(T3, T1)).toBe('given_up');
        const notice = (await repo.notifications(sent.id)).find((n) => n.id === changes!.id);
        expect(notice).toMatchObject({ id: changes!.id, deliveredAt: T3, attempts: 3 });
        expect(notice!.attemptLog.map((a) => [a.attempt, a.outcome, a.detail, a.repeats])).toEqual([
          [1, 'failed', 'RestError 403', 2],
          [3, 'given_up', 'RestError 403', 1],
        ]);
        // Never claimed again; the approval queued after it is no longer held back.
        const next = (await repo.claimNotifications('w', T4, 60_000, 10)).filter((n) => n.kind === 'decision_notice');
        expect(next.map((n) => n.id)).not.toContain(changes!.id);
        expect(next).toHaveLength(1);
        // What `inventaire` tells the governance team, until a later notice of that kind reaches the declarant.
        expect(await repo.givenUpNotifications()).toEqual([{ declarationId: sent.id, kind: 'decision_notice', recipientId: null, at: T3, detail: 'RestError 403' }]);
        await repo.recordNotificationAttempt(next[0]!.id, { outcome: 'delivered', detail: null, at: T4, nextAttemptAt: null });
        expect(await repo.givenUpNotifications()).toEqual([]);
      });

      it('lists an « en examen » notice and a collaborator’s copy given up as such, each made up for only by a later one to the same person', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        await repo.addCollaborator(record.id, BOB.id, T0, ALICE);
        await repo.addCollaborator(record.id, CAROLE.id, T0, ALICE);
        for (const item of await repo.claimNotifications('w', T0, 60_000, 10)) {
          await repo.recordNotificationAttempt(item.id, { outcome: 'delivered', detail: null, at: T0, nextAttemptAt: null });
        }
        const taken = await repo.takeForReview(record.id, record.revision, GOVERNANCE, T1);
        const giveUp = async (id: string) => {
          await repo.recordNotificationAttempt(id, { outcome: 'failed', detail: 'RestError 403', at: T1, nextAttemptAt: T1 });
          await repo.recordNotificationAttempt(id, { outcome: 'failed', detail: 'RestError 403', at: T3, nextAttemptAt: T3, giveUpIfFailingSince: T2 });
        };
        const steps = await repo.claimNotifications('w', T1, 60_000, 10);
        for (const item of steps) {
          if (item.recipientId === CAROLE.id) await repo.recordNotificationAttempt(item.id, { outcome: 'delivered', detail: null, at: T1, nextAttemptAt: null });
          else await giveUp(item.id);
        }
        expect(await repo.givenUpNotifications()).toEqual([
          { declarationId: record.id, kind: 'decision_notice', step: 'in_review', recipientId: null, at: T3, detail: 'RestError 403' },
          { declarationId: record.id, kind: 'decision_copy', step: 'in_review', recipientId: BOB.id, at: T3, detail: 'RestError 403' },
        ]);
        // The decision reaches the declarant and Carole, not Bob: only Bob's copy still needs telling, now of the decision.
        await repo.decide(record.id, taken.revision, 'approved', GOVERNANCE, null, T3);
        for (const item of await repo.claimNotifications('w', T4, 60_000, 10)) {
          if (item.recipientId === BOB.id) await giveUp(item.id);
          else await repo.recordNotificationAttempt(item.id, { outcome: 'delivered', detail: null, at: T4, nextAttemptAt: null });
        }
        expect(await repo.givenUpNotifications()).toEqual([
          { declarationId: record.id, kind: 'decision_copy', step: 'in_review', recipientId: BOB.id, at: T3, detail: 'RestError 403' },
          { declarationId: record.id, kind: 'decision_copy', recipientId: BOB.id, at: T3, detail: 'RestError 403' },
        ]);
      });

      it('never gives up a notification whose latest run has another status, nor a waiting one', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        const id = (await repo.claimNotifications('w', T0, 60_000, 10))[0]!.id;
        await repo.recordNotificationAttempt(id, { outcome: 'failed', detail: 'RestError 503', at: T0, nextAttemptAt: T1 });
        expect(await repo.recordNotificationAttempt(id, { outcome: 'failed', detail: 'RestError 404', at: T2, nextAttemptAt: T3, giveUpIfFailingSince: T2 })).toBe('failed');
        await repo.recordNotificationAttempt(id, { outcome: 'waiting', detail: 'no governance channel registered', at: T3, nextAttemptAt: T4 });
        expect(await repo.recordNotificationAttempt(id, { outcome: 'waiting', detail: 'no governance channel registered', at: T4, nextAttemptAt: T4 })).toBe('waiting');
        expect((await repo.notifications(record.id))[0]!.deliveredAt).toBeNull();
      });

      it('requeues a review card for every declaration awaiting a decision, once', async () => {
        const { repo } = await fresh();
        const a = await submitted(repo, ALICE, T0, 'ka');
        const b = await submitted(repo, BOB, T0, 'kb');
        await repo.decide(b.id, b.revision, 'approved', GOVERNANCE, null, T0);
        const [item] = await repo.claimNotifications('w', T0, 60_000, 1);
        await repo.recordNotificationAttempt(item!.id, { outcome: 'delivered', detail: null, at: T0, nextAttemptAt: null });
        // a's card again (it was delivered to another channel), and b's, which never went out (the worker drops it).
        expect(await repo.requeueReviewCards(T1)).toBe(2);
        expect(await repo.requeueReviewCards(T1)).toBe(2);
        expect((await repo.notifications(a.id)).map((n) => [n.kind, n.deliveredAt === null])).toEqual([
          ['review_card', false],
          ['review_card', true],
        ]);
      });

      it('queues the notice of a colleague added with the access, once, and keeps it across a restart', async () => {
        const { repo, store } = await fresh();
        const draft = await repo.createDraft(ALICE, DRAFT, T0);
        await repo.addCollaborator(draft.id, BOB.id, T1, ALICE);
        await repo.addCollaborator(draft.id, BOB.id, T2, ALICE);
        await repo.addCollaborator(draft.id, ALICE.id, T2, ALICE);
        await repo.close();
        const reopened = await store.open();
        opened.push(reopened);
        const claimed = await reopened.claimNotifications('w', T2, 60_000, 10);
        expect(claimed).toEqual([{ id: expect.any(String), declarationId: draft.id, kind: 'shared_notice', recipientId: BOB.id, eventSeq: null, attempts: 0, createdAt: T1 }]);
      });

      it('queues a copy of a decision for each collaborator, each held back only by that person’s earlier copies', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        // In the order they were added, whatever their ids.
        await repo.addCollaborator(record.id, CAROLE.id, T0, ALICE);
        await repo.addCollaborator(record.id, BOB.id, '2026-03-02T14:01:00.000Z', ALICE);
        const queued = await repo.claimNotifications('w', T1, 60_000, 10);
        for (const item of queued) await repo.recordNotificationAttempt(item.id, { outcome: 'delivered', detail: null, at: T1, nextAttemptAt: null });
        const changes = await repo.decide(record.id, record.revision, 'changes_requested', GOVERNANCE, 'Préciser.', T1);
        const first = await repo.claimNotifications('w', T1, 60_000, 10);
        expect(first.map((n) => [n.kind, n.recipientId])).toEqual([
          ['decision_notice', null],
          ['decision_copy', CAROLE.id],
          ['decision_copy', BOB.id],
        ]);
        expect(new Set(first.map((n) => n.eventSeq)).size).toBe(1);
        // Carole's copy is refused and waits for its retry; the others are delivered.
        for (const item of first) {
          const refused = item.recipientId === CAROLE.id;
          await repo.recordNotificationAttempt(item.id, refused
            ? { outcome: 'failed', detail: 'RestError 503', at: T1, nextAttemptAt: T3 }
            : { outcome: 'delivered', detail: null, at: T1, nextAttemptAt: null });
        }
        const resubmitted = await repo.submit(changes.id, changes.revision, { assessment: assessment(T2), actor: ALICE, key: 'k2', now: T2 });
        await repo.decide(resubmitted.id, resubmitted.revision, 'approved', GOVERNANCE, null, T2);
        const second = await repo.claimNotifications('w', T2, 60_000, 10);
        expect(second.map((n) => [n.kind, n.recipientId])).toEqual([
          ['review_card', null],
          ['decision_notice', null],
          ['decision_copy', BOB.id],
        ]);
        expect(await repo.givenUpNotifications()).toEqual([]);
      });

      it('queues a copy of the « en examen » step for each collaborator when a reviewer takes the declaration', async () => {
        const { repo } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'k');
        await repo.addCollaborator(record.id, BOB.id, T0, ALICE);
        for (const item of await repo.claimNotifications('w', T1, 60_000, 10)) {
          await repo.recordNotificationAttempt(item.id, { outcome: 'delivered', detail: null, at: T1, nextAttemptAt: null });
        }
        await repo.takeForReview(record.id, record.revision, GOVERNANCE, T1);
        const queued = await repo.claimNotifications('w', T1, 60_000, 10);
        expect(queued.map((n) => [n.kind, n.recipientId])).toEqual([
          ['decision_notice', null],
          ['decision_copy', BOB.id],
        ]);
        expect(new Set(queued.map((n) => n.eventSeq)).size).toBe(1);
      });
    });

    describe('restart', () => {
      it('finds everything again after closing and reopening the store, and numbering goes on', async () => {
        const { repo, store } = await fresh();
        const record = await submitted(repo, ALICE, T0, 'before-restart');
        await repo.addCollaborator(record.id, BOB.id, T1, ALICE);
        const draft = await repo.createDraft(CAROLE, { name: 'Brouillon en cours' }, T1);
        await repo.saveConversation('governance-channel', { conversation: { id: 'c' } });
        const before = { record: await repo.get(record.id), events: await repo.events(record.id), draft: await repo.get(draft.id) };
        await repo.close();

        const reopened = await store.open();
        opened.push(reopened);
        expect(await reopened.get(record.id)).toEqual(before.record);
        expect(await reopened.events(record.id)).toEqual(before.events);
        expect(await reopened.findOpenDraft(CAROLE.id)).toEqual(before.draft);
        expect(await reopened.getConversation('governance-channel')).toEqual({ conversation: { id: 'c' } });
        expect(await reopened.submit(record.id, 1, { assessment: assessment(T0), actor: ALICE, key: 'before-restart', now: T0 })).toEqual(before.record);
        expect((await submitted(reopened, BOB, T2, 'after-restart')).publicId).toBe('IA-2026-0002');
      });

      it('closes more than once without error', async () => {
        const { repo } = await fresh();
        await repo.close();
        await expect(repo.close()).resolves.toBeUndefined();
      });
    });
  });
}
