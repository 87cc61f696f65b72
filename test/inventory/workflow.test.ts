import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuotedPassage } from '../../src/answers/passage-lookup.js';
import { loadAssessmentRules } from '../../src/inventory/assessment.js';
import { fingerprintsOf } from '../../src/inventory/merge.js';
import { fieldsOf, MAX_DRAFT_VALUE_CHARS, STEPS, type DeclarationDraft } from '../../src/inventory/schema.js';
import type { InventoryService } from '../../src/inventory/service.js';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import type { Actor, DeclarationRecord, InventoryRepository } from '../../src/inventory/types.js';
import { createInventoryService, isUntouchedDraft, MAX_COLLABORATORS, MAX_REVIEW_COMMENT_CHARS } from '../../src/inventory/workflow.js';
import { quietDraft } from './declarations.js';

const DECLARANT: Actor = { id: 'aad-declarant', name: 'Éloïse Côté-Lévesque' };
const COLLABORATOR: Actor = { id: 'aad-collaborator', name: 'Jean-François Bélanger' };
const ADMIN: Actor = { id: 'aad-admin', name: 'Gouvernance fictive' };
const STRANGER: Actor = { id: 'aad-stranger', name: 'Personne d’un autre service' };

/** A quote from a fictional charter, whatever the rule asks for. */
const FICTIONAL_QUOTE: QuotedPassage = {
  text: 'Tout organisme fictif obtient un avis écrit avant de déployer un système.',
  docId: 'charte-fictive',
  title: 'Charte fictive',
  versionLabel: 'v1',
  sectionPath: ['Principe 4 — Sécurité', 'Illustration'],
  pages: { from: 4, to: 4 },
  url: null,
};

describe('createInventoryService over the SQLite repository', () => {
  let dir: string;
  let repository: InventoryRepository;
  let service: InventoryService;
  let clock: Date;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'balises-workflow-'));
    repository = openSqliteInventoryRepository(path.join(dir, 'balises.db'));
    clock = new Date('2031-04-01T12:00:00.000Z');
    service = createInventoryService({
      repository,
      rules: loadAssessmentRules(),
      lookup: async () => FICTIONAL_QUOTE,
      governanceAdminIds: [ADMIN.id],
      now: () => {
        clock = new Date(clock.getTime() + 1000);
        return clock;
      },
    });
  });
  afterEach(async () => {
    await repository.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Saves every step of `data` as the actor would, card by card; returns the last record. */
  async function fill(actor: Actor, record: DeclarationRecord, data: DeclarationDraft = quietDraft()): Promise<DeclarationRecord> {
    let current = record;
    for (const step of STEPS) {
      const values = Object.fromEntries(fieldsOf(step).map((f) => [f, data[f]])) as DeclarationDraft;
      const result = await service.saveStep(actor, current.id, current.revision, step, values);
      if (result.kind !== 'saved') throw new Error(`saveStep ${step}: ${result.kind}`);
      current = result.record;
    }
    return current;
  }

  async function submitted(key = 'key-1') {
    const draft = await fill(DECLARANT, await service.startOrResume(DECLARANT, {}));
    const result = await service.submit(DECLARANT, draft.id, draft.revision, key);
    if (result.kind !== 'submitted') throw new Error(result.kind);
    return result.record;
  }

  describe('startOrResume', () => {
    it('starts a draft with the defaults, then resumes it', async () => {
      const first = await service.startOrResume(DECLARANT, { organismePublic: 'Agence fictive', contactName: DECLARANT.name, contactEmail: 'e@x.invalid' });
      expect(first.state).toBe('draft');
      expect(first.data).toEqual({ organismePublic: 'Agence fictive', contactName: DECLARANT.name, contactEmail: 'e@x.invalid' });
      const again = await service.startOrResume(DECLARANT, { organismePublic: 'Autre' });
      expect(again.id).toBe(first.id);
    });

    it('asks a defaults function only when it makes a new draft', async () => {
      let asked = 0;
      const defaults = async () => {
        asked++;
        return { contactEmail: 'personne.fictive@exemple.gouv.qc.ca' };
      };
      const first = await service.startOrResume(DECLARANT, defaults);
      expect(first.data).toEqual({ contactEmail: 'personne.fictive@exemple.gouv.qc.ca' });
      expect((await service.startOrResume(DECLARANT, defaults)).id).toBe(first.id);
      expect(asked).toBe(1);
    });

    it('starts a draft whatever the length of the defaults, each cut to the draft limit', async () => {
      const name = 'Nom fictif '.repeat(1000);
      const record = await service.startOrResume(DECLARANT, { contactName: name, organismePublic: 'Agence fictive' });
      expect(record.data).toEqual({ contactName: name.slice(0, MAX_DRAFT_VALUE_CHARS).trim(), organismePublic: 'Agence fictive' });
    });

    it('starts a new draft on request, setting the edited one aside with its values; a never-edited one is kept', async () => {
      const first = await service.startOrResume(DECLARANT, {});
      const untouched = await service.startNew(DECLARANT, { organismePublic: 'Agence fictive' });
      expect(untouched).toEqual({ record: first, setAside: null });
      const edited = await service.saveStep(DECLARANT, first.id, first.revision, 'identification', { name: 'Premier essai fictif' });
      if (edited.kind !== 'saved') throw new Error(edited.kind);
      const { record, setAside } = await service.startNew(DECLARANT, { organismePublic: 'Agence fictive' });
      expect(record.id).not.toBe(first.id);
      expect(record.data).toEqual({ organismePublic: 'Agence fictive' });
      expect(setAside?.data.name).toBe('Premier essai fictif');
      expect((await repository.get(first.id))?.setAsideAt).not.toBeNull();
      expect((await service.startOrResume(DECLARANT, {})).id).toBe(record.id);
    });

    it('lets the declarant alone delete their current draft; a declaration sent back for changes is never deleted', async () => {
      const draft = await service.startOrResume(DECLARANT, {});
      await repository.addCollaborator(draft.id, COLLABORATOR.id, clock.toISOString(), DECLARANT);
      for (const actor of [COLLABORATOR, ADMIN, STRANGER]) expect((await service.deleteDraft(actor, draft.id)).kind).toBe('forbidden');
      expect(await service.deleteDraft(DECLARANT, draft.id)).toEqual({ kind: 'deleted' });
      expect(await repository.get(draft.id)).toBeNull();
      // Gone: its declarant is told when it was deleted; anyone else only that it cannot be found.
      expect(await service.deleteDraft(DECLARANT, draft.id)).toEqual({ kind: 'not_found', deletedAt: clock.toISOString() });
      expect(await service.get(DECLARANT, draft.id)).toEqual({ kind: 'not_found', deletedAt: clock.toISOString() });
      for (const actor of [COLLABORATOR, ADMIN, STRANGER]) expect(await service.get(actor, draft.id)).toEqual({ kind: 'not_found' });

      const record = await submitted();
      const sent = await service.review(ADMIN, record.id, record.revision, 'request_changes', 'Préciser la supervision.');
      if (sent.kind !== 'reviewed') throw new Error(sent.kind);
      expect(await service.deleteDraft(DECLARANT, record.id)).toMatchObject({ kind: 'wrong_state', current: { id: record.id, state: 'changes_requested' } });
      expect((await repository.get(record.id))?.state).toBe('changes_requested');
    });

    it('resumes a declaration sent back for changes', async () => {
      const record = await submitted();
      await service.review(ADMIN, record.id, record.revision, 'request_changes', 'Préciser la supervision.');
      expect((await service.startOrResume(DECLARANT, {})).id).toBe(record.id);
    });
  });

  describe('isUntouchedDraft', () => {
    it('holds for a new draft with only its defaults, until something is typed; never for one set aside or submitted', async () => {
      const fresh = await service.startOrResume(DECLARANT, { organismePublic: 'Agence fictive', contactName: DECLARANT.name });
      expect(isUntouchedDraft(fresh)).toBe(true);
      const typed = await service.saveStep(DECLARANT, fresh.id, fresh.revision, 'identification', { name: 'Tri fictif' });
      if (typed.kind !== 'saved') throw new Error(typed.kind);
      expect(isUntouchedDraft(typed.record)).toBe(false);
      const { record: next, setAside } = await service.startNew(DECLARANT, {});
      expect(isUntouchedDraft(next)).toBe(true);
      expect(setAside && isUntouchedDraft(setAside)).toBe(false);
      expect(isUntouchedDraft(await submitted('key-untouched'))).toBe(false);
    });
  });

  describe('isUntouchedDraft, once typed then erased', () => {
    it('holds again when every field typed is back to empty, its defaults kept; not while one still holds something', async () => {
      const fresh = await service.startOrResume(DECLARANT, { organismePublic: 'Agence fictive', contactName: DECLARANT.name });
      const typed = await service.saveStep(DECLARANT, fresh.id, fresh.revision, 'identification', { name: 'Tri fictif', benefits: 'Moins d’attente fictive' });
      if (typed.kind !== 'saved') throw new Error(typed.kind);
      const half = await service.saveStep(DECLARANT, fresh.id, typed.record.revision, 'identification', { name: '  ', benefits: 'Moins d’attente fictive' });
      if (half.kind !== 'saved') throw new Error(half.kind);
      expect(isUntouchedDraft(half.record)).toBe(false);
      const erased = await service.saveStep(DECLARANT, fresh.id, half.record.revision, 'identification', { name: '', benefits: '' });
      if (erased.kind !== 'saved') throw new Error(erased.kind);
      expect(erased.record.revision).toBeGreaterThan(1);
      expect(isUntouchedDraft(erased.record)).toBe(true);
    });

    it('is kept by « Nouvelle déclaration », not set aside as an empty draft', async () => {
      const fresh = await service.startOrResume(DECLARANT, { organismePublic: 'Agence fictive' });
      const typed = await service.saveStep(DECLARANT, fresh.id, fresh.revision, 'identification', { name: 'Tri fictif' });
      if (typed.kind !== 'saved') throw new Error(typed.kind);
      const erased = await service.saveStep(DECLARANT, fresh.id, typed.record.revision, 'identification', { name: '' });
      if (erased.kind !== 'saved') throw new Error(erased.kind);
      const { record, setAside } = await service.startNew(DECLARANT, { organismePublic: 'Agence fictive' });
      expect(setAside).toBeNull();
      expect(record.id).toBe(fresh.id);
      expect((await repository.get(fresh.id))?.setAsideAt).toBeNull();
    });
  });

  describe('saveStep', () => {
    it('keeps invalid values as typed and returns that step’s problems only', async () => {
      const draft = await service.startOrResume(DECLARANT, {});
      const result = await service.saveStep(DECLARANT, draft.id, draft.revision, 'identification', { name: 'IA', contactEmail: 'pas un courriel' });
      expect(result.kind).toBe('saved');
      if (result.kind !== 'saved') return;
      expect(result.record.data).toMatchObject({ name: 'IA', contactEmail: 'pas un courriel' });
      expect(result.errors.name).toBeDefined();
      expect(result.errors.contactEmail).toBeDefined();
      expect(Object.keys(result.errors).every((f) => fieldsOf('identification').includes(f as never))).toBe(true);
      expect(result.record.revision).toBe(draft.revision + 1);
    });

    it('takes only the step’s fields and keeps the other steps’ values', async () => {
      const draft = await service.startOrResume(DECLARANT, { organismePublic: 'Agence fictive' });
      const result = await service.saveStep(DECLARANT, draft.id, draft.revision, 'nature', { generative: true, name: 'Nom glissé dans une autre étape' });
      if (result.kind !== 'saved') throw new Error(result.kind);
      expect(result.record.data).toEqual({ organismePublic: 'Agence fictive', generative: true });
    });

    it('answers the same press again (a double click) as the first: saved, the same revision, nothing written', async () => {
      const draft = await service.startOrResume(DECLARANT, {});
      const first = await service.saveStep(DECLARANT, draft.id, draft.revision, 'identification', { name: 'Première fenêtre' });
      const again = await service.saveStep(DECLARANT, draft.id, draft.revision, 'identification', { name: 'Première fenêtre' }, fingerprintsOf('identification', draft.data));
      expect(first).toMatchObject({ kind: 'saved', record: { revision: draft.revision + 1 } });
      expect(again).toEqual(first);
      expect((await repository.get(draft.id))?.revision).toBe(draft.revision + 1);
    });

    it('answers stale with the current version when an out-of-date card shows values changed elsewhere since', async () => {
      const draft = await service.startOrResume(DECLARANT, {});
      await service.saveStep(DECLARANT, draft.id, draft.revision, 'identification', { name: 'Première fenêtre' });
      const result = await service.saveStep(DECLARANT, draft.id, draft.revision, 'identification', { name: '' }, fingerprintsOf('identification', draft.data));
      expect(result.kind).toBe('stale');
      if (result.kind === 'stale') expect(result.current.data.name).toBe('Première fenêtre');
    });

    it('saves an out-of-date card’s changes into the current draft when the fields it changed did not change meanwhile', async () => {
      const draft = await service.startOrResume(DECLARANT, {});
      const shown = fingerprintsOf('identification', draft.data);
      await service.saveStep(DECLARANT, draft.id, draft.revision, 'identification', { benefits: 'Bénéfices de la première fenêtre.' });
      const result = await service.saveStep(DECLARANT, draft.id, draft.revision, 'identification', { name: 'Seconde fenêtre', benefits: '' }, shown);
      expect(result).toMatchObject({ kind: 'merged', conflicts: {}, record: { revision: draft.revision + 2 } });
      expect((await repository.get(draft.id))?.data).toMatchObject({ name: 'Seconde fenêtre', benefits: 'Bénéfices de la première fenêtre.' });
    });

    it('returns as conflicts, unsaved, an out-of-date card’s values in fields also changed meanwhile', async () => {
      const draft = await service.startOrResume(DECLARANT, {});
      const shown = fingerprintsOf('identification', draft.data);
      await service.saveStep(DECLARANT, draft.id, draft.revision, 'identification', { name: 'Première fenêtre' });
      const result = await service.saveStep(DECLARANT, draft.id, draft.revision, 'identification', { name: 'Seconde fenêtre' }, shown);
      expect(result).toMatchObject({ kind: 'merged', conflicts: { name: 'Seconde fenêtre' }, record: { revision: draft.revision + 1 } });
      expect((await repository.get(draft.id))?.data.name).toBe('Première fenêtre');
    });

    it('refuses a stranger and a governance admin (admins review, they do not edit)', async () => {
      const draft = await service.startOrResume(DECLARANT, {});
      for (const actor of [STRANGER, ADMIN]) {
        expect(await service.saveStep(actor, draft.id, draft.revision, 'identification', { name: 'Forgé' })).toEqual({ kind: 'forbidden' });
      }
      expect((await repository.get(draft.id))?.data.name).toBeUndefined();
    });

    it('lets a collaborator the declarant added edit', async () => {
      const draft = await service.startOrResume(DECLARANT, {});
      const shared = await repository.addCollaborator(draft.id, COLLABORATOR.id, '2031-04-01T12:00:00.000Z', DECLARANT);
      const result = await service.saveStep(COLLABORATOR, draft.id, shared.revision, 'identification', { name: 'Édité par un collègue' });
      expect(result.kind).toBe('saved');
    });

    it('answers not_found for an unknown id, and wrong_state once submitted', async () => {
      expect(await service.saveStep(DECLARANT, 'no-such-id', 1, 'identification', {})).toEqual({ kind: 'not_found' });
      const record = await submitted();
      expect((await service.saveStep(DECLARANT, record.id, record.revision, 'identification', { name: 'Trop tard' })).kind).toBe('wrong_state');
    });
  });

  describe('submit', () => {
    it('assigns IA-AAAA-NNNN, stores the assessment with its quotes and a submitted event', async () => {
      const draft = await fill(DECLARANT, await service.startOrResume(DECLARANT, {}));
      const result = await service.submit(DECLARANT, draft.id, draft.revision, 'key-1');
      expect(result.kind).toBe('submitted');
      if (result.kind !== 'submitted') return;
      expect(result.duplicate).toBe(false);
      expect(result.record.publicId).toBe('IA-2031-0001');
      expect(result.record.state).toBe('submitted');
      expect(result.record.assessment?.obligations).toEqual([
        { ruleId: 'avis-securite', label: expect.any(Object), quote: FICTIONAL_QUOTE, declaredDone: true },
      ]);
      expect(result.declaration.name).toBe(quietDraft().name);
      const events = await repository.events(draft.id);
      expect(events.map((e) => [e.from, e.to])).toEqual([[null, 'draft'], ['draft', 'submitted']]);
    });

    it('makes one record from the same key twice, the second answering duplicate', async () => {
      const draft = await fill(DECLARANT, await service.startOrResume(DECLARANT, {}));
      const first = await service.submit(DECLARANT, draft.id, draft.revision, 'key-1');
      const second = await service.submit(DECLARANT, draft.id, draft.revision, 'key-1');
      expect(second).toMatchObject({ kind: 'submitted', duplicate: true });
      if (first.kind !== 'submitted' || second.kind !== 'submitted') return;
      expect(second.record.publicId).toBe(first.record.publicId);
      expect(await repository.list()).toHaveLength(1);
      expect((await repository.events(draft.id)).filter((e) => e.to === 'submitted')).toHaveLength(1);
    });

    it('makes one record from a double click (two submits at once)', async () => {
      const draft = await fill(DECLARANT, await service.startOrResume(DECLARANT, {}));
      const results = await Promise.all([
        service.submit(DECLARANT, draft.id, draft.revision, 'key-1'),
        service.submit(DECLARANT, draft.id, draft.revision, 'key-1'),
      ]);
      expect(results.map((r) => r.kind)).toEqual(['submitted', 'submitted']);
      expect(results.map((r) => (r.kind === 'submitted' ? r.duplicate : null)).sort()).toEqual([false, true]);
      expect((await repository.events(draft.id)).filter((e) => e.to === 'submitted')).toHaveLength(1);
    });

    it('keeps an invalid draft a draft, with everything typed, and says what is wrong', async () => {
      const draft = await fill(DECLARANT, await service.startOrResume(DECLARANT, {}), { ...quietDraft(), benefits: 'court', personalInformation: 'personnel', affectedGroups: [] });
      const result = await service.submit(DECLARANT, draft.id, draft.revision, 'key-1');
      expect(result.kind).toBe('invalid');
      if (result.kind !== 'invalid') return;
      expect(Object.keys(result.errors).sort()).toEqual(['affectedGroups', 'benefits']);
      const stored = await repository.get(draft.id);
      expect(stored?.state).toBe('draft');
      expect(stored?.publicId).toBeNull();
      expect(stored?.data.benefits).toBe('court');
    });

    it('answers stale when the draft changed since the card was shown', async () => {
      const draft = await fill(DECLARANT, await service.startOrResume(DECLARANT, {}));
      expect((await service.submit(DECLARANT, draft.id, draft.revision - 1, 'key-1')).kind).toBe('stale');
      expect((await repository.get(draft.id))?.state).toBe('draft');
    });

    it('refuses a stranger, and a governance admin submitting someone else’s declaration', async () => {
      const draft = await fill(DECLARANT, await service.startOrResume(DECLARANT, {}));
      expect(await service.submit(STRANGER, draft.id, draft.revision, 'key-1')).toEqual({ kind: 'forbidden' });
      expect(await service.submit(ADMIN, draft.id, draft.revision, 'key-1')).toEqual({ kind: 'forbidden' });
      expect((await repository.get(draft.id))?.state).toBe('draft');
    });

    it('refuses a key replayed from another declaration', async () => {
      await submitted('key-1');
      const other = await fill(COLLABORATOR, await service.startOrResume(COLLABORATOR, {}));
      expect(await service.submit(COLLABORATOR, other.id, other.revision, 'key-1')).toEqual({ kind: 'forbidden' });
    });

    it('answers stale, resubmitting nothing, when the first submission’s key comes back after governance asked for changes', async () => {
      const record = await submitted('key-1');
      const sent = await service.review(ADMIN, record.id, record.revision, 'request_changes', 'Décrire la supervision humaine.');
      if (sent.kind !== 'reviewed') throw new Error(sent.kind);
      // The old step-3 card: its values are already saved, so the route submits at the current revision with the old key.
      const again = await service.submit(DECLARANT, record.id, sent.record.revision, 'key-1');
      expect(again).toMatchObject({ kind: 'stale', current: { state: 'changes_requested', revision: sent.record.revision } });
      expect((await service.submit(DECLARANT, record.id, record.revision - 1, 'key-1')).kind).toBe('stale');
      expect((await repository.get(record.id))?.state).toBe('changes_requested');
      expect((await repository.events(record.id)).map((e) => e.to)).toEqual(['draft', 'submitted', 'in_review', 'changes_requested']);
    });

    it('answers stale to the first submission’s key once the declaration is decided', async () => {
      const record = await submitted('key-1');
      const approved = await service.review(ADMIN, record.id, record.revision, 'approve', null);
      if (approved.kind !== 'reviewed') throw new Error(approved.kind);
      expect(await service.submit(DECLARANT, record.id, record.revision - 1, 'key-1')).toMatchObject({ kind: 'stale', current: { state: 'approved' } });
    });

    it('lets the declarant resubmit after changes were requested, keeping the IA id', async () => {
      const record = await submitted('key-1');
      const sent = await service.review(ADMIN, record.id, record.revision, 'request_changes', 'Décrire la supervision humaine.');
      if (sent.kind !== 'reviewed') throw new Error(sent.kind);
      const edited = await service.saveStep(DECLARANT, record.id, sent.record.revision, 'effects', {
        humanOversight: 'Une météorologue valide chaque lot, et un second contrôle a lieu chaque mois.',
      });
      if (edited.kind !== 'saved') throw new Error(edited.kind);
      const again = await service.submit(DECLARANT, record.id, edited.record.revision, 'key-2');
      expect(again).toMatchObject({ kind: 'submitted', duplicate: false, record: { publicId: record.publicId, state: 'submitted' } });
      const events = await repository.events(record.id);
      expect(events.map((e) => e.to)).toEqual(['draft', 'submitted', 'in_review', 'changes_requested', 'submitted']);
    });
  });

  describe('review', () => {
    it('records in_review then the decision, with who and the comment', async () => {
      const record = await submitted();
      const result = await service.review(ADMIN, record.id, record.revision, 'approve', '  Conforme.  ');
      expect(result).toMatchObject({ kind: 'reviewed', record: { state: 'approved' } });
      const events = (await repository.events(record.id)).slice(-2);
      expect(events.map((e) => [e.from, e.to, e.actor.id, e.comment])).toEqual([
        ['submitted', 'in_review', ADMIN.id, null],
        ['in_review', 'approved', ADMIN.id, 'Conforme.'],
      ]);
    });

    it('is for governance admins only, the declarant included', async () => {
      const record = await submitted();
      for (const actor of [DECLARANT, STRANGER]) {
        expect(await service.review(actor, record.id, record.revision, 'approve', null)).toEqual({ kind: 'forbidden' });
      }
    });

    it.each(['request_changes', 'reject'] as const)('needs a comment to %s', async (decision) => {
      const record = await submitted();
      expect(await service.review(ADMIN, record.id, record.revision, decision, null)).toEqual({ kind: 'comment_required' });
      expect(await service.review(ADMIN, record.id, record.revision, decision, '   ')).toEqual({ kind: 'comment_required' });
      expect(await service.review(ADMIN, record.id, record.revision, decision, '\u200B\u200F\u2060')).toEqual({ kind: 'comment_required' });
      expect((await repository.get(record.id))?.state).toBe('submitted');
    });

    it(`cuts a comment at ${MAX_REVIEW_COMMENT_CHARS} characters`, async () => {
      const record = await submitted();
      const result = await service.review(ADMIN, record.id, record.revision, 'reject', 'é'.repeat(MAX_REVIEW_COMMENT_CHARS + 50));
      expect(result.kind).toBe('reviewed');
      expect((await repository.events(record.id)).at(-1)?.comment).toHaveLength(MAX_REVIEW_COMMENT_CHARS);
    });

    it('answers wrong_state on a decided declaration and stale on an old card', async () => {
      const record = await submitted();
      expect((await service.review(ADMIN, record.id, record.revision - 1, 'approve', null)).kind).toBe('stale');
      const approved = await service.review(ADMIN, record.id, record.revision, 'approve', null);
      if (approved.kind !== 'reviewed') throw new Error(approved.kind);
      expect((await service.review(ADMIN, record.id, approved.record.revision, 'reject', 'Trop tard.')).kind).toBe('wrong_state');
      // Without the comment a refusal needs, too: the decision taken is the news, not the missing comment.
      expect((await service.review(ADMIN, record.id, record.revision, 'reject', null)).kind).toBe('wrong_state');
    });

    it('answers stale, not comment_required, to a refusal without comment pressed on an old card', async () => {
      const record = await submitted();
      expect((await service.review(ADMIN, record.id, record.revision - 1, 'reject', null)).kind).toBe('stale');
    });

    it('answers wrong_state on a draft', async () => {
      const draft = await service.startOrResume(DECLARANT, {});
      expect((await service.review(ADMIN, draft.id, draft.revision, 'approve', null)).kind).toBe('wrong_state');
    });
  });

  describe('issue #7', () => {
    it('refuses a choice outside its list when saving a draft reopened for changes, keeping the field’s value', async () => {
      const record = await submitted();
      const sent = await service.review(ADMIN, record.id, record.revision, 'request_changes', 'À préciser.');
      if (sent.kind !== 'reviewed') throw new Error(sent.kind);
      const forged = { name: 'Nom révisé', category: '=HYPERLINK("http://x.invalid")', portefeuille: '+1+1', status: '@SUM(A1)' } as DeclarationDraft;
      const result = await service.saveStep(DECLARANT, record.id, sent.record.revision, 'identification', { ...quietDraft(), ...forged });
      if (result.kind !== 'saved') throw new Error(result.kind);
      expect(result.errors).toMatchObject({ category: expect.any(String), portefeuille: expect.any(String), status: expect.any(String) });
      expect(result.record.data).toMatchObject({ name: 'Nom révisé', category: quietDraft().category, portefeuille: quietDraft().portefeuille, status: quietDraft().status });
    });

    it('never lets the declarant or a collaborator review, even when they are governance admins', async () => {
      const adminDeclarant = createInventoryService({
        repository,
        rules: loadAssessmentRules(),
        lookup: async () => FICTIONAL_QUOTE,
        governanceAdminIds: [ADMIN.id, DECLARANT.id, COLLABORATOR.id],
      });
      const record = await submitted();
      const withColleague = await repository.addCollaborator(record.id, COLLABORATOR.id, '2031-04-01T13:00:00.000Z', DECLARANT);
      expect(await adminDeclarant.review(DECLARANT, record.id, withColleague.revision, 'approve', null)).toEqual({ kind: 'own_declaration' });
      expect(await adminDeclarant.review(COLLABORATOR, record.id, withColleague.revision, 'approve', null)).toEqual({ kind: 'own_declaration' });
      expect((await repository.get(record.id))?.state).toBe('submitted');
      expect(await adminDeclarant.review(ADMIN, record.id, withColleague.revision, 'approve', null)).toMatchObject({ kind: 'reviewed' });
    });

    it('recognises the declarant and a collaborator whose ids arrive in another case, and refuses their review', async () => {
      const upper = (actor: Actor): Actor => ({ ...actor, id: actor.id.toUpperCase() });
      const adminDeclarant = createInventoryService({
        repository,
        rules: loadAssessmentRules(),
        lookup: async () => FICTIONAL_QUOTE,
        governanceAdminIds: [ADMIN.id, DECLARANT.id, COLLABORATOR.id],
      });
      const record = await submitted();
      const withColleague = await repository.addCollaborator(record.id, COLLABORATOR.id, '2031-04-01T13:00:00.000Z', DECLARANT);
      expect(adminDeclarant.isAuthor(upper(DECLARANT), withColleague)).toBe(true);
      expect(await adminDeclarant.review(upper(DECLARANT), record.id, withColleague.revision, 'approve', null)).toEqual({ kind: 'own_declaration' });
      expect(await adminDeclarant.review(upper(COLLABORATOR), record.id, withColleague.revision, 'reject', 'Non.')).toEqual({ kind: 'own_declaration' });
      expect((await repository.get(record.id))?.state).toBe('submitted');
    });

    it('numbers a submission made at 23:30 on 31 December in Quebec in that year', async () => {
      clock = new Date('2032-01-01T04:29:58.000Z');
      const record = await submitted();
      expect(record.publicId).toBe('IA-2031-0001');
      expect(new Intl.DateTimeFormat('fr-CA', { timeZone: 'America/Toronto', dateStyle: 'long' }).format(new Date(record.submittedAt!))).toBe('31 décembre 2031');
    });

    it('records a decision as one save: a single revision step, no intermediate in-review record', async () => {
      const record = await submitted();
      const result = await service.review(ADMIN, record.id, record.revision, 'approve', null);
      expect(result).toMatchObject({ kind: 'reviewed', record: { state: 'approved', revision: record.revision + 1 } });
    });

    it('answers the admin who lost a race for the decision with the current version', async () => {
      const record = await submitted();
      const [a, b] = await Promise.all([
        service.review(ADMIN, record.id, record.revision, 'approve', null),
        service.review(ADMIN, record.id, record.revision, 'reject', 'Non.'),
      ]);
      const kinds = [a.kind, b.kind].sort();
      expect(kinds[0]).toBe('reviewed');
      expect(['stale', 'wrong_state']).toContain(kinds[1]);
      const lost = (a.kind === 'reviewed' ? b : a) as { current: DeclarationRecord };
      expect(lost.current.state).toBe((await repository.get(record.id))?.state);
      expect((await repository.events(record.id)).filter((e) => e.to === 'in_review')).toHaveLength(1);
    });

    it('strips control characters from a review comment', async () => {
      const record = await submitted();
      await service.review(ADMIN, record.id, record.revision, 'request_changes', ' Voir\u0000 la\u001b section \u202Ecinq ');
      expect((await repository.events(record.id)).at(-1)?.comment).toBe('Voir la section cinq');
    });

    it('makes a review card that never went out due again when the same submission comes back', async () => {
      const record = await submitted('key-dup');
      const [item] = await repository.claimNotifications('w', '2031-04-02T00:00:00.000Z', 60_000, 10);
      await repository.recordNotificationAttempt(item!.id, { outcome: 'failed', detail: 'RestError 500', at: '2031-04-01T12:00:05.000Z', nextAttemptAt: '2099-01-01T00:00:00.000Z' });
      const again = await service.submit(DECLARANT, record.id, record.revision - 1, 'key-dup');
      expect(again).toMatchObject({ kind: 'submitted', duplicate: true });
      expect((await repository.claimNotifications('w', '2031-04-02T00:00:00.000Z', 60_000, 10)).map((n) => n.id)).toEqual([item!.id]);
    });
  });

  describe('share and unshare', () => {
    it('lets the declarant alone add colleagues, who then see, edit and submit the declaration', async () => {
      const draft = await service.startOrResume(DECLARANT, {});
      for (const actor of [COLLABORATOR, ADMIN, STRANGER]) expect(await service.share(actor, draft.id, [actor.id])).toEqual({ kind: 'forbidden' });
      expect(await service.get(COLLABORATOR, draft.id)).toEqual({ kind: 'forbidden' });
      // The id as Teams' people picker may give it (capitals), twice, beside the declarant's own.
      const result = await service.share(DECLARANT, draft.id, [COLLABORATOR.id.toUpperCase(), COLLABORATOR.id, DECLARANT.id]);
      expect(result).toMatchObject({ kind: 'shared', added: [COLLABORATOR.id], already: [], record: { collaborators: [COLLABORATOR.id], revision: draft.revision } });
      expect((await service.listMine(COLLABORATOR)).map((r) => r.id)).toEqual([draft.id]);
      const filled = await fill(COLLABORATOR, draft);
      expect((await service.submit(COLLABORATOR, draft.id, filled.revision, 'by-colleague')).kind).toBe('submitted');
      // A collaborator adds nobody else: the declarant decides who sees the declaration.
      expect(await service.share(COLLABORATOR, draft.id, [STRANGER.id])).toEqual({ kind: 'forbidden' });
      expect(await service.share(DECLARANT, draft.id, [COLLABORATOR.id])).toMatchObject({ kind: 'shared', added: [], already: [COLLABORATOR.id] });
      expect(await service.share(DECLARANT, draft.id, [DECLARANT.id.toUpperCase()])).toEqual({ kind: 'self' });
      expect(await service.share(DECLARANT, 'no-such-id', [COLLABORATOR.id])).toEqual({ kind: 'not_found' });
    });

    it('keeps a review card shown before the share able to record its decision', async () => {
      const record = await submitted();
      await service.share(DECLARANT, record.id, [STRANGER.id]);
      expect(await service.review(ADMIN, record.id, record.revision, 'approve', null)).toMatchObject({ kind: 'reviewed', record: { state: 'approved' } });
    });

    it('refuses to go past MAX_COLLABORATORS, adding none of the people named', async () => {
      const draft = await service.startOrResume(DECLARANT, {});
      const team = Array.from({ length: MAX_COLLABORATORS }, (_, i) => `aad-colleague-${i}`);
      expect(await service.share(DECLARANT, draft.id, team)).toMatchObject({ kind: 'shared', added: team });
      const over = await service.share(DECLARANT, draft.id, [COLLABORATOR.id, team[0]!]);
      expect(over).toMatchObject({ kind: 'too_many', max: MAX_COLLABORATORS });
      expect((await repository.get(draft.id))?.collaborators).toEqual(team);
    });

    it('lets the declarant alone take a collaborator off: they no longer see the declaration', async () => {
      const record = await submitted();
      await service.share(DECLARANT, record.id, [COLLABORATOR.id, STRANGER.id]);
      for (const actor of [COLLABORATOR, ADMIN]) expect(await service.unshare(actor, record.id, STRANGER.id)).toEqual({ kind: 'forbidden' });
      expect(await service.unshare(DECLARANT, record.id, COLLABORATOR.id.toUpperCase())).toMatchObject({ kind: 'unshared', removed: true, record: { collaborators: [STRANGER.id] } });
      expect(await service.unshare(DECLARANT, record.id, COLLABORATOR.id)).toMatchObject({ kind: 'unshared', removed: false });
      expect(await service.get(COLLABORATOR, record.id)).toEqual({ kind: 'forbidden' });
      expect(await service.listMine(COLLABORATOR)).toEqual([]);
    });
  });

  describe('get and lists', () => {
    it('shows a declaration with its events to the declarant, a collaborator and an admin, not to a stranger', async () => {
      const record = await submitted();
      await repository.addCollaborator(record.id, COLLABORATOR.id, '2031-04-02T00:00:00.000Z', DECLARANT);
      for (const actor of [DECLARANT, COLLABORATOR, ADMIN]) {
        const seen = await service.get(actor, record.id);
        expect(seen.kind, actor.id).toBe('found');
        if (seen.kind === 'found') expect(seen.events.map((e) => e.to)).toEqual(['draft', 'submitted']);
      }
      expect(await service.get(STRANGER, record.id)).toEqual({ kind: 'forbidden' });
      expect(await service.get(DECLARANT, 'no-such-id')).toEqual({ kind: 'not_found' });
    });

    it('lists my declarations, collaborations included', async () => {
      const record = await submitted();
      await repository.addCollaborator(record.id, COLLABORATOR.id, '2031-04-02T00:00:00.000Z', DECLARANT);
      expect((await service.listMine(COLLABORATOR)).map((r) => r.id)).toEqual([record.id]);
      expect(await service.listMine(STRANGER)).toEqual([]);
    });

    it('lists the whole inventory for admins only, filtered by state', async () => {
      const record = await submitted();
      expect(await service.listAll(DECLARANT)).toEqual({ kind: 'forbidden' });
      expect(await service.listAll(ADMIN, ['submitted'])).toHaveLength(1);
      expect(await service.listAll(ADMIN, ['approved'])).toHaveLength(0);
      expect(service.isGovernanceAdmin(ADMIN)).toBe(true);
      expect(service.isGovernanceAdmin(DECLARANT)).toBe(false);
      expect(record.publicId).toMatch(/^IA-2031-\d{4}$/);
    });
  });
});
