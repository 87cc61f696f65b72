import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { openDocumentAdminStore } from '../../src/documents/store.js';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import type { Assessment } from '../../src/inventory/types.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import type { TeamsUser } from '../helpers/card-activities.js';
import { CardConnector, cardOf, type ConnectorCall } from '../helpers/card-connector.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { actionData, cardText } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { captureIo } from '../cli/capture.js';

/**
 * A new version published from the command line (`balises ingest`), while the bot runs or while it is stopped, flags
 * the assessments quoting a passage it changed or removed, as a publication from Teams does: `signalements` lists
 * them and the governance team is told. (Before, only a publication from Teams flagged anything, and only when its
 * process lived past the publication's commit.)
 */

const ADMIN: TeamsUser = { id: '29:admin-flags', name: 'Adèle Gouvernance', aadObjectId: '0000000f-0000-4000-8000-0000000000ad' };
const CHANNEL = '19:gouvernance-phares@thread.tacv2';
const DOC = 'directive-phares';
const QUOTED = 'Les gardiens fictifs changent les mèches des lanternes chaque printemps.';

/** The fictional directive: `maintenance` is the text of its « Entretien » section, null to leave the section out. */
function directive(maintenance: string | null): string {
  const entretien = maintenance === null ? '' : `## Entretien\n\n${maintenance}\n\n`;
  return `# Directive fictive sur les phares\n\n## Allumage\n\nLes gardiens fictifs allument la lanterne au coucher du soleil, chaque soir de l’année.\n\n${entretien}## Inspection\n\nUn inspecteur fictif visite chaque phare une fois par année et consigne ses observations.\n`;
}

describe('flags raised by a publication from the command line', () => {
  let dataDir: string;
  let db: string;
  let connector: CardConnector;
  let running: RunningBalises | null = null;
  let publicId: string;
  let declarationId: string;
  const conversation = cardConversation(
    () => running!.url.replace(/\/api\/messages$/, ''),
    () => connector,
  );
  const admin = () => ({ serviceUrl: connector.serviceUrl, from: ADMIN, conversationId: `a:personal-${ADMIN.aadObjectId}` });

  /** The text of what the bot answers an admin's `signalements` (the notices the check may post first aside). */
  const isList = (c: ConnectorCall) => c.conversationId === admin().conversationId && /^(Évaluations à revoir|Aucune évaluation signalée)/.test(String(c.body.text ?? ''));
  async function listFlags(): Promise<string> {
    const before = connector.calls.filter(isList).length;
    await conversation.message('signalements', admin());
    return String((await connector.waitFor(isList, before + 1)).at(-1)!.body.text);
  }
  const inChannel = () => ({ ...admin(), conversationId: `${CHANNEL};messageid=7`, conversationType: 'channel' as const, replyToId: 'msg-7' });
  const withdrawalNotices = (conversationId: string, version: string) =>
    connector.messages(conversationId).filter((c) => String(c.body.text ?? '').startsWith(`Document retiré\u00a0: ${DOC} (version ${version})`));
  const withdrawnNote = (version: string) =>
    `À revoir — document retiré\u00a0: l’évaluation préliminaire cite «\u00a0Entretien\u00a0» (${DOC}), document qui n’est plus publié depuis le retrait de sa version ${version}.`;
  const notices = (version: string) =>
    connector.messages(admin().conversationId).filter((c) => String(c.body.text ?? '').startsWith(`Publication du document ${DOC} (version ${version})`));

  async function ingest(version: string, maintenance: string | null): Promise<void> {
    const file = path.join(dataDir, `${DOC}.md`);
    writeFileSync(file, directive(maintenance));
    expect(await run(['ingest', file, '--doc', DOC, '--version', version, '--by', 'Diane Console', '--db', db], captureIo().io)).toBe(0);
  }

  const startBot = async () => {
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-publication-flags-'));
    db = path.join(dataDir, 'balises.db');
    connector = await new CardConnector().start();
    await ingest('v1', QUOTED);
    // A submitted declaration whose assessment quotes the « Entretien » passage of v1, as the receipt showed it.
    const store = openDocumentAdminStore(db);
    const sectionPath = (() => {
      try {
        const v1 = store.knowledge.versions(DOC).find((v) => v.label === 'v1')!;
        return store.knowledge.versionPassages(v1.id).find((p) => p.text.includes(QUOTED))!.section.path;
      } finally {
        store.close();
      }
    })();
    const assessment: Assessment = {
      rulesVersion: 'test-1',
      level: 1,
      score: 1,
      assessedAt: '2026-03-01T12:00:00.000Z',
      obligations: [
        {
          ruleId: 'entretien',
          label: { fr: 'Entretenir les lanternes', en: 'Maintain the lanterns' },
          quote: { text: QUOTED, docId: DOC, title: 'Directive fictive sur les phares', versionLabel: 'v1', sectionPath, pages: null, url: null },
        },
      ],
    };
    const inventory = openSqliteInventoryRepository(db);
    try {
      const declarant = { id: '0000000f-0000-4000-8000-0000000000cc', name: 'Denise Déclarante' };
      const draft = await inventory.createDraft(declarant, validDraft(), '2026-03-01T12:00:00.000Z');
      const submitted = await inventory.submit(draft.id, draft.revision, { assessment, actor: declarant, key: randomUUID(), now: '2026-03-01T12:00:00.000Z' });
      publicId = submitted.publicId!;
      declarationId = submitted.id;
    } finally {
      await inventory.close();
    }
    await startBot();
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists a declaration whose quoted passage a command-line ingest changed while the bot runs, and tells the admins', async () => {
    expect(await listFlags()).toContain('Aucune évaluation signalée');

    await ingest('v2', 'Les gardiens fictifs changent les mèches des lanternes chaque automne.');
    expect(await listFlags()).toContain(`${publicId} — ${DOC} › Entretien (citée de la version v1)\u00a0: passage modifié`);
    // The admins (no governance channel is registered) get the publication's notice, as for a publication from Teams.
    expect(notices('v2')).toHaveLength(1);
    expect(notices('v2')[0]!.body.text).toContain(`- ${publicId} — Entretien (citée de la version v1)\u00a0: passage modifié`);
  });

  it('lists a declaration whose quoted passage was removed by an ingest made while the bot was stopped, once it restarts', async () => {
    await running!.stop();
    running = null;
    await ingest('v3', null);
    await startBot();
    const listed = await listFlags();
    expect(listed).toContain(`${publicId} — ${DOC} › Entretien (citée de la version v1)\u00a0: passage retiré`);
    // The earlier publication's flag is not raised twice, and v2's notice is not sent again; v3's is sent once.
    expect(listed.split('(citée de la version v1)\u00a0: passage modifié')).toHaveLength(2);
    expect(notices('v2')).toHaveLength(1);
    // Posted by the check at start or by the one `signalements` ran, whichever came first: once.
    await connector.waitFor((c) => notices('v3').includes(c));
    expect(notices('v3')).toHaveLength(1);
  });

  it('says on the declaration’s review card, opened from the inventory, that its assessment quotes a changed or removed passage', async () => {
    const open = () => conversation.press('review.open', { declarationId, lang: 'fr', inventory: { filter: null, lang: 'fr' } }, admin());
    const text = cardText(await open());
    expect(text).toContain(
      `À revoir\u00a0: l’évaluation préliminaire cite «\u00a0Entretien\u00a0» (${DOC}), que la version v2 a modifié. Une fois l’évaluation revue, «\u00a0signalement traité ${publicId}\u00a0» retire ce signalement.`,
    );
    expect(text).toContain(`À revoir\u00a0: l’évaluation préliminaire cite «\u00a0Entretien\u00a0» (${DOC}), que la version v3 a retiré.`);
    const english = cardText(await conversation.press('review.open', { declarationId, lang: 'en', inventory: { filter: null, lang: 'en' } }, admin()));
    expect(english).toContain(`To review: the preliminary assessment quotes "Entretien" (${DOC}), which version v2 changed.`);
    await conversation.message(`signalement traité ${publicId}`, admin());
    expect(cardText(await open())).not.toContain('À revoir');
  });

  it('tells the admins when a document an assessment quotes is withdrawn in Teams, lists the flag and says it on the review card', async () => {
    // The document is withdrawn once the confirmation card's « Retirer le document » is pressed.
    const confirmation = (await conversation.message(`retirer ${DOC}`, admin())).attachments[0].content;
    await conversation.press('documents.withdraw', actionData(confirmation, 'documents.withdraw'), admin());
    await connector.waitFor((c) => withdrawalNotices(admin().conversationId, 'v3').includes(c));
    const [notice] = withdrawalNotices(admin().conversationId, 'v3');
    expect(notice!.body.text).toContain(`- ${publicId} — Entretien (citée de la version v1)\u00a0: document retiré`);
    expect(await listFlags()).toContain(`${publicId} — ${DOC} › Entretien (citée de la version v1)\u00a0: document retiré`);
    const card = cardText(await conversation.press('review.open', { declarationId, lang: 'fr', inventory: { filter: null, lang: 'fr' } }, admin()));
    expect(card).toContain(withdrawnNote('v3'));
    const english = cardText(await conversation.press('review.open', { declarationId, lang: 'en', inventory: { filter: null, lang: 'en' } }, admin()));
    expect(english).toContain(`To review — document withdrawn: the preliminary assessment quotes "Entretien" (${DOC}), a document no longer published since its version v3 was withdrawn.`);
  });

  it('says « À revoir » on the review card posted in the governance channel, as on the card opened from the inventory', async () => {
    // Registering the channel posts the declarations awaiting a decision, this one included.
    await conversation.message('gouvernance enregistrer', inChannel());
    const [posted] = await connector.waitFor((c) => c.conversationId === CHANNEL && JSON.stringify(c.body).includes(publicId), 1, 10_000);
    expect(cardText(cardOf(posted!))).toContain(withdrawnNote('v3'));
  });

  it('drops the flag once the document is restored; withdrawn again from the command line while the bot is stopped, flags it at restart and tells the channel', async () => {
    await ingest('v1', QUOTED);
    expect(await listFlags()).toContain('Aucune évaluation signalée');

    await running!.stop();
    running = null;
    expect(await run(['withdraw', DOC, '--by', 'Diane Console', '--db', db], captureIo().io)).toBe(0);
    await startBot();
    expect(await listFlags()).toContain(`${publicId} — ${DOC} › Entretien (citée de la version v1)\u00a0: document retiré`);
    await connector.waitFor((c) => withdrawalNotices(CHANNEL, 'v1').includes(c));
    const [notice] = withdrawalNotices(CHANNEL, 'v1');
    expect(notice!.body.text).toContain(`n’est plus publié, et les évaluations de ces déclarations le citent`);
    expect(notice!.body.text).toContain(`- ${publicId} — Entretien (citée de la version v1)\u00a0: document retiré`);
  });
});
