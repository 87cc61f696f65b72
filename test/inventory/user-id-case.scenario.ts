import { describe, expect, it } from 'vitest';
import type { InventoryRepository } from '../../src/inventory/types.js';
import type { OldDraft, OldInventory } from './set-aside.scenario.js';

const ALICE = '0000000a-0000-4000-8000-00000000a11c';
const BOB = '0000000b-0000-4000-8000-0000000000b0';
const CAROL = '0000000c-0000-4000-8000-00000000ca01';
const ALICE_UPPER = ALICE.toUpperCase();
const FROM_WEB = '30000000-0000-4000-8000-000000000001';
const FROM_DESKTOP = '30000000-0000-4000-8000-000000000002';
const BOBS = '30000000-0000-4000-8000-000000000003';
const T = (minute: number) => `2026-03-02T14:${String(minute).padStart(2, '0')}:00.000Z`;

/**
 * Alice's Entra object id reached the bot in upper case from one Teams client and in lower case from another, so
 * she has one open draft under each; Bob's draft lists Carol as collaborator under both cases, and Alice in upper case.
 */
const DRAFTS: OldDraft[] = [
  { id: FROM_WEB, declarantId: ALICE_UPPER, revision: 3, data: { name: 'Tri fictif, saisi sur le web' }, createdAt: T(0), updatedAt: T(10) },
  { id: FROM_DESKTOP, declarantId: ALICE, revision: 2, data: { name: 'Tri fictif, saisi sur le poste' }, createdAt: T(1), updatedAt: T(20) },
  {
    id: BOBS,
    declarantId: BOB.toUpperCase(),
    revision: 2,
    data: { name: 'Agent fictif de Bob' },
    createdAt: T(3),
    updatedAt: T(5),
    collaborators: [CAROL.toUpperCase(), CAROL, ALICE_UPPER],
  },
];

/**
 * Upgrading an inventory that stored user ids in the case each activity carried (migration 4): every id is kept in
 * lower case, the form actors are built in, so each person finds all their declarations; the two drafts of one
 * person this brings together are one draft and one set aside, nothing lost. Run on every engine.
 */
export function describeUserIdCaseUpgrade(engine: string, oldInventory: (drafts: OldDraft[]) => Promise<OldInventory>): void {
  describe(`upgrading a ${engine} inventory whose user ids differ in case`, () => {
    async function upgraded(): Promise<InventoryRepository> {
      return (await oldInventory(DRAFTS)).open();
    }

    it('finds each person’s drafts and declarations under the lower-case id, the older of two open drafts set aside', async () => {
      const repo = await upgraded();
      try {
        expect((await repo.findOpenDraft(ALICE))?.id).toBe(FROM_DESKTOP);
        const older = await repo.get(FROM_WEB);
        expect(older).toMatchObject({ declarant: { id: ALICE }, data: DRAFTS[0]!.data, revision: 3 });
        expect(older?.setAsideAt).toEqual(expect.any(String));
        expect((await repo.listForUser(ALICE)).map((r) => r.id)).toEqual([FROM_DESKTOP, FROM_WEB, BOBS]);
        expect((await repo.findOpenDraft(BOB))?.declarant.id).toBe(BOB);
        expect(await repo.findOpenDraft(ALICE_UPPER)).toBeNull();
      } finally {
        await repo.close();
      }
    });

    it('keeps one collaborator row per person, in lower case', async () => {
      const repo = await upgraded();
      try {
        expect([...(await repo.get(BOBS))!.collaborators].sort()).toEqual([ALICE, CAROL].sort());
        expect((await repo.listForUser(CAROL)).map((r) => r.id)).toEqual([BOBS]);
      } finally {
        await repo.close();
      }
    });

    it('still allows one open draft per person: a new one resumes the kept draft', async () => {
      const repo = await upgraded();
      try {
        expect((await repo.createDraft({ id: ALICE, name: 'Alice' }, {}, T(30))).id).toBe(FROM_DESKTOP);
        expect((await repo.restoreDraft(FROM_WEB, T(31))).setAsideAt).toBeNull();
        expect((await repo.get(FROM_DESKTOP))?.setAsideAt).toBe(T(31));
      } finally {
        await repo.close();
      }
    });
  });
}
