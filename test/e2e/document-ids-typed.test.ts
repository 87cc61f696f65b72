import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { CardConnector } from '../helpers/card-connector.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { actionData, cardText, type Json } from '../helpers/card-walk.js';
import { captureIo } from '../cli/capture.js';

/**
 * A governance admin types a document's id as French is written, or as a word processor or a web page gives it
 * back: `ÉNONCÉ-FICTIF`, `énoncé-fictif`, with a non-breaking hyphen (U+2011). Ids are lower-case slugs without
 * accents (DOC_ID_PATTERN), so each of these names one document only. Before, `audit ÉNONCÉ-FICTIF` was answered as
 * a question about the document, and `retirer`, `rétablir` and `historique` said that no document had that id.
 */

const FIXTURE = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), 'test/fixtures/charte-fictive-ia.md');
const ADMIN: TeamsUser = { id: '29:admin-ids', name: 'Adèle Identifiants', aadObjectId: '0000000d-0000-4000-8000-0000000000f1' };
const TITLE = 'Règles imaginaires du phare';

describe('document ids typed in capitals, with accents or a typographic hyphen, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const as = (): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from: ADMIN, conversationId: `a:personal-${ADMIN.aadObjectId}` });
  const conversation = cardConversation(() => running.url, () => connector);
  const send = (text: string): Promise<Json> => conversation.message(text, as());
  const say = async (text: string): Promise<string> => String((await send(text)).text ?? '');

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-ids-typed-'));
    const { io, out } = captureIo({ BALISES_DATA_DIR: dataDir });
    expect(await run(['ingest', FIXTURE, '--doc', 'enonce-fictif', '--title', TITLE, '--version', 'v1'], io), out.stderr).toBe(0);
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId!, RATE_LIMIT_BURST: '100' });
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the audit trail and the versions of the document, rather than answer a question or say the id is unknown', async () => {
    const audit = await say('audit ÉNONCÉ-FICTIF');
    expect(audit).toContain('Journal de l’administration des documents');
    expect(audit).toContain('publié — la ligne de commande — enonce-fictif — version v1');
    expect(await say('historique énoncé\u2011fictif')).toContain(`Versions du document «\u00a0${TITLE}\u00a0» (identifiant\u00a0: enonce-fictif)`);
  });

  it('reads the id between quotes or followed by a full stop, as a sentence or a copied reply has it', async () => {
    expect(await say('audit enonce-fictif.')).toContain('publié — la ligne de commande — enonce-fictif — version v1');
    expect(await say('historique « enonce-fictif »')).toContain(`Versions du document «\u00a0${TITLE}\u00a0» (identifiant\u00a0: enonce-fictif)`);
    expect(await say('rétablir "enonce-fictif" v1')).toBe('La version v1 est déjà la version publiée du document enonce-fictif.');
  });

  it('withdraws the document, and proposes its version again through the same preview as with the id typed as stored', async () => {
    // The confirmation card names the document the id was read as; its « Retirer le document » withdraws it.
    const confirmation = (await send('retirer ÉNONCÉ-FICTIF')).attachments[0].content;
    expect(cardText(confirmation)).toContain(`Document ${TITLE}\nIdentifiant enonce-fictif\nVersion publiée v1`);
    const withdrawn = await conversation.press('documents.withdraw', actionData(confirmation, 'documents.withdraw'), as());
    expect(cardText(withdrawn)).toContain(`Document retiré\u00a0: «\u00a0${TITLE}\u00a0» (identifiant\u00a0: enonce-fictif, version v1) n’est plus publié`);
    expect(await say('retirer Enonce-Fictif')).toBe('Le document enonce-fictif est déjà retiré\u00a0: aucune de ses versions n’est publiée. Rien n’a été modifié.');
    const preview = await send('rétablir Énoncé\u2011Fictif v1');
    expect(cardText(preview.attachments[0].content).split('\n')[0]).toBe(`Rétablissement proposé\u00a0: ${TITLE}`);
  });
});
