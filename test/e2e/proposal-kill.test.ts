import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import type { ConnectorCall } from '../helpers/card-connector.js';
import { cardText } from '../helpers/card-walk.js';
import { FileServer } from '../helpers/file-server.js';
import { restartableServer } from '../helpers/restartable-server.js';
import { killServerProcess, type ServerProcess } from '../helpers/server-process.js';

/**
 * The real server process is killed with SIGKILL after it stored a document proposal and while it posts the
 * proposer's preview card (the connector holds the post); restarted on the same data folder, it posts that card in
 * the proposer's personal chat, once, saying why it comes late; a later restart does not post it again.
 */

const ADMIN: TeamsUser = { id: '29:admin-fiche', name: 'Admin Fiche', aadObjectId: '0000000c-0000-4000-8000-0000000000a1' };
const CHAT = `a:personal-${ADMIN.aadObjectId}`;
const CHARTE = readFileSync(path.resolve(import.meta.dirname, '../fixtures/charte-fictive-ia.md'));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('kill -9 between storing a document proposal and posting its card', () => {
  const app = restartableServer({
    prefix: 'balises-proposal-kill-',
    env: { GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId!, DOWNLOADS_ALLOW_PRIVATE_ADDRESSES: 'true' },
  });
  const { connector } = app;
  let files: FileServer;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    files = await new FileServer().start();
  });
  afterAll(async () => {
    await files?.stop();
  });

  const options: ConversationOptions = { serviceUrl: '', from: ADMIN, conversationId: CHAT };
  const post = (text: string) =>
    fetch(`${server!.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(userMessage(text, { ...options, serviceUrl: connector.serviceUrl })),
    });
  const previewCards = (): ConnectorCall[] => connector.messages(CHAT).filter((c) => c.body.attachments?.length > 0);
  const storedProposals = (): number => {
    const db = new Database(path.join(app.dataDir, 'balises.db'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM document_proposals').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('posts the card the dead process owed the proposer once it is restarted, once, and says why it is late', async () => {
    server = await app.start();
    let release = () => {};
    // The file is served, then the proposer's chat slows down: « Je lis… » went out, the card will be in flight.
    files.routes.set('/charte.md', (_req, res) => {
      release = connector.hold(CHAT);
      res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
      res.end(CHARTE);
    });
    const turn = post(`/publier ${files.url}/charte.md`).catch(() => null);
    await connector.waitFor((c) => c.conversationId === CHAT && String(c.body.text ?? '').startsWith('Je lis'), 1, 15_000);
    const deadline = Date.now() + 15_000;
    while (storedProposals() === 0 && Date.now() < deadline) await sleep(50);
    expect(storedProposals()).toBe(1);
    await sleep(300);
    await killServerProcess(server, 'SIGKILL');
    await turn;
    await sleep(300);
    release();
    await sleep(100);
    expect(previewCards()).toHaveLength(0);

    const restarted = Date.now();
    server = await app.start();
    await connector.waitFor((c) => c.conversationId === CHAT && c.body.attachments?.length > 0, 1, 15_000);
    expect(Date.now() - restarted).toBeLessThan(15_000);
    await sleep(1_500);
    expect(previewCards()).toHaveLength(1);
    const [late] = previewCards();
    expect(late!.body.text).toBe(
      'Le service a été interrompu avant de vous montrer la fiche du document que vous avez soumis ; la voici. Rien n’est publié sans votre décision.',
    );
    const text = cardText(late!.body.attachments[0].content);
    expect(text).toContain('Charte fictive');
    expect(text).toContain('Publier');

    // Delivered is recorded: another restart does not post it again.
    await killServerProcess(server, 'SIGTERM');
    server = await app.start();
    await sleep(2_500);
    expect(previewCards()).toHaveLength(1);
    await killServerProcess(server, 'SIGTERM');
  }, 120_000);

  it('a card the turn replied with is not posted again after a restart', async () => {
    server = await app.start();
    files.routes.set('/autre.md', { headers: { 'content-type': 'text/markdown; charset=utf-8' }, body: '# Note fictive de test\n\nCe texte fictif sert aux tests de Balises.\n\n## Portée\n\nCette note fictive ne vaut rien hors des tests.\n' });
    const before = previewCards().length;
    expect((await post(`/publier ${files.url}/autre.md`)).status).toBe(200);
    expect(previewCards()).toHaveLength(before + 1);
    expect(previewCards().at(-1)!.body.text).toBeUndefined();
    await killServerProcess(server, 'SIGKILL');
    server = await app.start();
    await sleep(2_500);
    expect(previewCards()).toHaveLength(before + 1);
    await killServerProcess(server, 'SIGTERM');
  }, 120_000);
});
