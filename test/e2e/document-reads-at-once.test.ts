import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONCURRENT_READS } from '../../src/knowledge/off-thread.js';
import { ensureBuilt } from '../helpers/build.js';
import { userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { CardConnector } from '../helpers/card-connector.js';
import { FileServer } from '../helpers/file-server.js';
import { killServerProcess, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { buildPdf } from '../knowledge/extract/fixtures.js';

const FILE_TYPE = 'application/vnd.microsoft.teams.file.download.info';
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Files sent at once: twice as many as are read at once. */
const FILES = 2 * MAX_CONCURRENT_READS;
const admin = (n: number): TeamsUser => ({ id: `29:admin-lecture-${n}`, name: `Admin ${n}`, aadObjectId: `0000000f-0000-4000-8000-0000000001${String(n).padStart(2, '0')}` });

/** A fictional PDF long enough to take a worker a few seconds to read: `pages` pages of numbered fictional rules. */
async function longPdf(tag: number, pages: number): Promise<Buffer> {
  const page = (p: number) => [
    { text: `Chapitre ${p + 1} — Règles fictives ${tag}`, y: 780, size: 16 },
    ...Array.from({ length: 40 }, (_, l) => ({ text: `Règle ${p + 1}.${l + 1} : la lanterne fictive ${tag} du quai ${l} reste allumée de ${l} h à ${p % 24} h.`, y: 740 - l * 17 })),
  ];
  return Buffer.from(await buildPdf(Array.from({ length: pages }, (_, p) => page(p))));
}

describe('admins sending several long files at once, to the bot process over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let server: ServerProcess;
  const files = new FileServer();
  const as = (n: number): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from: admin(n), conversationId: `a:personal-lecture-${n}` });

  beforeAll(async () => {
    await ensureBuilt();
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-reads-'));
    await files.start();
    for (let n = 0; n < FILES; n++) files.routes.set(`/regles-${n}.pdf`, { headers: { 'content-type': 'application/pdf' }, body: await longPdf(n, 150) });
    connector = await new CardConnector().start();
    server = await startServerProcess({
      BALISES_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'info',
      GOVERNANCE_ADMIN_IDS: Array.from({ length: FILES }, (_, n) => admin(n).aadObjectId).join(','),
      DOWNLOADS_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
  }, 120_000);
  afterAll(async () => {
    if (server) await killServerProcess(server, 'SIGTERM');
    await connector?.stop();
    await files.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads them a few at a time: the first admins get their card without waiting for every file, and every admin gets theirs', async () => {
    const sent = Date.now();
    // The answer to Teams' request comes once the turn ends: each file's card is timed from the connector instead.
    const turns = Array.from({ length: FILES }, (_, n) =>
      fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...userMessage('', as(n)), attachments: [{ contentType: FILE_TYPE, name: `regles-${n}.pdf`, content: { downloadUrl: `${files.url}/regles-${n}.pdf` } }] }),
      }),
    );
    const arrivals = await Promise.all(
      Array.from({ length: FILES }, async (_, n) => {
        // Every admin also gets the other admins' cards: this one is the card of their own file.
        await connector.waitFor((c) => c.conversationId === as(n).conversationId && c.body.attachments?.[0]?.contentType === CARD_TYPE && JSON.stringify(c.body).includes(`regles-${n}.pdf`), 1, 240_000);
        return Date.now() - sent;
      }),
    );
    expect((await Promise.all(turns)).map((res) => res.status)).toEqual(Array.from({ length: FILES }, () => 200));
    arrivals.sort((a, b) => a - b);
    // All read at once, every worker shared the two cores (and its memory: up to 1 GB each) and every card came at
    // about the same late time; read in turns, the first cards come when their own files are read.
    expect(arrivals[0]! / arrivals.at(-1)!).toBeLessThan(0.7);
  }, 300_000);
});
