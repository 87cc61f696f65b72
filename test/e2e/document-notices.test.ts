import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import { userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { CardConnector, cardOf } from '../helpers/card-connector.js';
import { cardText } from '../helpers/card-walk.js';
import { policyDocx } from '../helpers/policy-docx.js';

const PROPOSER: TeamsUser = { id: '29:admin-notices', name: 'Adèle Gouvernance', aadObjectId: '0000000e-0000-4000-8000-00000000a0ad' };
const OTHER_ADMIN: TeamsUser = { id: '29:admin-notices-2', name: 'Bruno Gouvernance', aadObjectId: '0000000e-0000-4000-8000-00000000a0ae' };
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const FILE_TYPE = 'application/vnd.microsoft.teams.file.download.info';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The copies of a new proposal's preview card that go to the other governance admins (and the channel) are posts the
 * connector may hold for seconds (throttling, retries): the admin who sent the file must get their own card without
 * waiting for them.
 */
describe('a proposed document’s notices to the other admins, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  let files: Server;
  let filesUrl = '';
  const served = new Map<string, Buffer>();
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });
  const cardsIn = (conversationId: string) => (c: { conversationId: string; body: Record<string, any> }) =>
    c.conversationId === conversationId && c.body.attachments?.[0]?.contentType === CARD_TYPE;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-notices-'));
    files = createServer((req, res) => {
      const bytes = served.get((req.url ?? '').slice(1));
      res.writeHead(bytes ? 200 : 404, bytes ? { 'content-type': DOCX_TYPE, 'content-length': bytes.length } : {});
      res.end(bytes);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    connector = await new CardConnector().start();
    running = await start({
      BALISES_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      GOVERNANCE_ADMIN_IDS: `${PROPOSER.aadObjectId},${OTHER_ADMIN.aadObjectId}`,
      DOWNLOADS_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    await new Promise<void>((resolve) => files?.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the proposer the preview card while the other admin’s copy is still held by the connector, then delivers that copy', async () => {
    // The other admin has talked to Balises: their personal chat is where the copy goes.
    const hello = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(userMessage('aide', as(OTHER_ADMIN))) });
    expect(hello.status).toBe(200);
    const release = connector.hold(as(OTHER_ADMIN).conversationId);
    try {
      const key = randomUUID();
      served.set(key, await policyDocx('printemps', false));
      const sent = fetch(`${running.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...userMessage('', as(PROPOSER)),
          attachments: [{ contentType: FILE_TYPE, name: 'directive-lanternes.docx', content: { downloadUrl: `${filesUrl}/${key}`, uniqueId: key, fileType: 'docx' } }],
        }),
      });
      const [preview] = await connector.waitFor(cardsIn(as(PROPOSER).conversationId), 1, 10_000);
      expect(cardText(cardOf(preview!))).toContain('Nouveau document proposé\u00a0: Directive fictive sur les lanternes du phare');
      expect((await sent).status).toBe(200);
    } finally {
      release();
    }
    const [copy] = await connector.waitFor(cardsIn(as(OTHER_ADMIN).conversationId));
    expect(cardText(cardOf(copy!))).toContain('Nouveau document proposé\u00a0: Directive fictive sur les lanternes du phare');
  });
});
