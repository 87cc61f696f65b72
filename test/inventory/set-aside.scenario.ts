import { describe, expect, it } from 'vitest';
import { WrongStateError } from '../../src/inventory/repository-errors.js';
import type { DeclarationDraft } from '../../src/inventory/schema.js';
import type { InventoryRepository } from '../../src/inventory/types.js';

/** A draft as the first inventory schema stored it (migration 1 only), before drafts were one per declarant. */
export interface OldDraft {
  id: string;
  declarantId: string;
  revision: number;
  data: DeclarationDraft;
  createdAt: string;
  updatedAt: string;
  /** User ids of collaborators, stored as given (added when the draft was created). */
  collaborators?: string[];
}

/** An inventory at migration 1 holding `drafts`, and how to open it with the current code (which migrates it). */
export interface OldInventory {
  open(): Promise<InventoryRepository>;
}

const ALICE = '0000000a-0000-4000-8000-00000000a11c';
const BOB = '0000000b-0000-4000-8000-0000000000b0';
const OLDER = '10000000-0000-4000-8000-000000000001';
const NEWER = '10000000-0000-4000-8000-000000000002';
const UNTOUCHED = '10000000-0000-4000-8000-000000000003';
const BOBS = '10000000-0000-4000-8000-000000000004';
const T = (minute: number) => `2026-03-02T14:${String(minute).padStart(2, '0')}:00.000Z`;

/** Two edited drafts of Alice (left by the old concurrent `/déclarer`), one never edited, and Bob's only draft. */
const DRAFTS: OldDraft[] = [
  { id: OLDER, declarantId: ALICE, revision: 4, data: { name: 'Tri fictif du courrier, première version' }, createdAt: T(0), updatedAt: T(10) },
  { id: NEWER, declarantId: ALICE, revision: 2, data: { name: 'Tri fictif du courrier, seconde version' }, createdAt: T(1), updatedAt: T(20) },
  { id: UNTOUCHED, declarantId: ALICE, revision: 1, data: {}, createdAt: T(2), updatedAt: T(2) },
  { id: BOBS, declarantId: BOB, revision: 3, data: { name: 'Agent conversationnel fictif' }, createdAt: T(3), updatedAt: T(5) },
];

/**
 * Upgrading an inventory whose declarant has two edited drafts (issue noted at stop 11): the one-draft index is
 * built; the most recently updated draft stays the draft, the other is set aside with its data, and its declarant
 * can restore it (swapping) or delete it. Run on every engine with `oldInventory(DRAFTS)`.
 */
export function describeSetAsideUpgrade(engine: string, oldInventory: (drafts: OldDraft[]) => Promise<OldInventory>): void {
  describe(`upgrading a ${engine} inventory with two edited drafts of one declarant`, () => {
    async function upgraded(): Promise<InventoryRepository> {
      return (await oldInventory(DRAFTS)).open();
    }

    it('starts, keeps the most recently updated draft as the draft and sets the other aside with its data', async () => {
      const repo = await upgraded();
      try {
        expect((await repo.findOpenDraft(ALICE))?.id).toBe(NEWER);
        const older = await repo.get(OLDER);
        expect(older).toMatchObject({ state: 'draft', revision: 4, data: DRAFTS[0]!.data, updatedAt: T(10) });
        expect(older?.setAsideAt).toEqual(expect.any(String));
        expect((await repo.get(NEWER))?.setAsideAt).toBeNull();
        expect(await repo.get(UNTOUCHED)).toBeNull();
        expect((await repo.get(BOBS))?.setAsideAt).toBeNull();
        expect((await repo.listForUser(ALICE)).map((r) => r.id)).toEqual([NEWER, OLDER]);
        // Still one draft per declarant: /déclarer resumes the kept one.
        expect((await repo.createDraft({ id: ALICE, name: 'Alice' }, {}, T(30))).id).toBe(NEWER);
        await expect(repo.saveData(OLDER, 4, { name: 'Modifié' }, T(31))).rejects.toBeInstanceOf(WrongStateError);
        await expect(repo.submit(OLDER, 4, { assessment: { rulesVersion: 't', level: 1, score: 0, obligations: [], assessedAt: T(31) }, actor: { id: ALICE, name: 'Alice' }, key: 'k', now: T(31) })).rejects.toBeInstanceOf(WrongStateError);
      } finally {
        await repo.close();
      }
    });

    it('saves into a draft set aside only when asked to, and it stays set aside', async () => {
      const repo = await upgraded();
      try {
        const saved = await repo.saveData(OLDER, 4, { name: 'Tapé sur un autre appareil' }, T(31), { setAside: true });
        expect(saved).toMatchObject({ id: OLDER, revision: 5, data: { name: 'Tapé sur un autre appareil' } });
        expect(saved.setAsideAt).toEqual(expect.any(String));
        expect((await repo.findOpenDraft(ALICE))?.id).toBe(NEWER);
        const current = (await repo.get(NEWER))!;
        await expect(repo.saveData(NEWER, current.revision, { name: 'Modifié' }, T(32), { setAside: true })).rejects.toBeInstanceOf(WrongStateError);
      } finally {
        await repo.close();
      }
    });

    it('restores a draft set aside as the draft, setting the current one aside in its place, nothing lost', async () => {
      const repo = await upgraded();
      try {
        const restored = await repo.restoreDraft(OLDER, T(40));
        expect(restored).toMatchObject({ id: OLDER, setAsideAt: null, revision: 5, data: DRAFTS[0]!.data });
        const other = await repo.get(NEWER);
        expect(other).toMatchObject({ setAsideAt: T(40), revision: 3, data: DRAFTS[1]!.data });
        expect((await repo.findOpenDraft(ALICE))?.id).toBe(OLDER);
        expect(await repo.restoreDraft(OLDER, T(41))).toEqual(restored);
        expect((await repo.saveData(OLDER, 5, { name: 'Reprise' }, T(42))).data).toEqual({ name: 'Reprise' });
      } finally {
        await repo.close();
      }
    });

    it('sets a current draft never edited aside too when a draft set aside is restored: its card may hold what is being typed', async () => {
      const repo = await upgraded();
      try {
        await repo.restoreDraft(OLDER, T(40));
        const blank = await repo.createDraft({ id: ALICE, name: 'Alice' }, { contactName: 'Alice' }, T(41), { setAsideEdited: true });
        expect((await repo.get(OLDER))?.setAsideAt).toBe(T(41));
        expect(await repo.restoreDraft(NEWER, T(42))).toMatchObject({ id: NEWER, setAsideAt: null });
        expect(await repo.get(blank.id)).toMatchObject({ setAsideAt: T(42), data: { contactName: 'Alice' } });
        expect(await repo.get(OLDER)).toMatchObject({ setAsideAt: T(41), data: DRAFTS[0]!.data });
        expect((await repo.findOpenDraft(ALICE))?.id).toBe(NEWER);
      } finally {
        await repo.close();
      }
    });

    it('deletes a draft set aside, and that draft only', async () => {
      const repo = await upgraded();
      try {
        expect(await repo.deleteDraft(OLDER, '2026-03-03T10:00:00.000Z')).toBe(true);
        expect(await repo.get(OLDER)).toBeNull();
        expect(await repo.deleteDraft(OLDER, '2026-03-03T10:00:00.000Z')).toBe(false);
        expect((await repo.listForUser(ALICE)).map((r) => r.id)).toEqual([NEWER]);
        expect((await repo.get(BOBS))?.data).toEqual(DRAFTS[3]!.data);
      } finally {
        await repo.close();
      }
    });
  });
}
