import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDocumentAdminStore } from '../../src/documents/store.js';
import { ingestPaths } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { CardConnector } from '../helpers/card-connector.js';
import { cardText, type Json } from '../helpers/card-walk.js';
import { FileServer } from '../helpers/file-server.js';

const ADMIN: TeamsUser = { id: '29:admin-copies', name: 'Adèle Gouvernance', aadObjectId: '0000000f-0000-4000-8000-0000000000c1' };
const FILE_TYPE = 'application/vnd.microsoft.teams.file.download.info';
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const CHARTE = path.resolve(import.meta.dirname, '../fixtures/charte-fictive-ia.md');

describe('an admin submitting, from Teams, a copy of a published document or an older site’s address, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const files = new FileServer();
  const as = (): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from: ADMIN, conversationId: 'a:personal-admin-copies' });

  async function post(activity: Record<string, unknown>, count: number): Promise<Json[]> {
    const before = connector.messages(as().conversationId).length;
    const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    await connector.waitFor((c) => c.method === 'POST' && c.conversationId === as().conversationId && c.body.type === 'message', before + count, 15_000);
    return connector.messages(as().conversationId).slice(before).map((c) => c.body);
  }
  const pending = () => {
    const store = openDocumentAdminStore(path.join(dataDir, 'balises.db'));
    try {
      return store.pending().map((p) => p.docId);
    } finally {
      store.close();
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-doc-copies-'));
    // As the README's quick start ingests the Énoncé: an id and a title of the team's choosing, not the file's.
    const store = openKnowledgeStore(path.join(dataDir, 'balises.db'));
    try {
      const report = await ingestPaths({ store }, [CHARTE], { ingestedBy: 'e2e-test', docId: 'charte', title: 'Charte officielle des organismes fictifs', versionLabel: '2031' });
      expect(report).toMatchObject({ outcomes: [{ kind: 'ingested' }] });
    } finally {
      store.close();
    }
    await files.start();
    files.routes.set('/copie-charte.md', { headers: { 'content-type': 'application/octet-stream' }, body: readFileSync(CHARTE) });
    // An older site's address: its « è » percent-encoded in Latin-1, not UTF-8.
    files.routes.set('/r%E8gle.html', {
      headers: { 'content-type': 'text/html; charset=windows-1252' },
      body: '<html><head><title>Règle fictive des phares</title></head><body><h1>Règle fictive des phares</h1><p>Les phares fictifs restent allumés toute la nuit.</p></body></html>',
    });
    const lanternes = '# Lanternes fictives\n\n## Allumage\n\nLes lanternes fictives du quai s’allument au crépuscule.\n';
    for (const name of ['/lanternes.md', '/lanternes-1.md']) files.routes.set(name, { headers: { 'content-type': 'text/markdown' }, body: lanternes });
    connector = await new CardConnector().start();
    running = await start({
      BALISES_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId!,
      // The file server (standing in for Teams' file downloads and an official site) is on 127.0.0.1.
      DOWNLOADS_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    await files.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a renamed copy of a published document is named as that document’s published version, not proposed as a new document', async () => {
    const name = 'copie-charte.md';
    const [, reply] = await post({ ...userMessage('', as()), attachments: [{ contentType: FILE_TYPE, name, content: { downloadUrl: `${files.url}/${encodeURIComponent(name)}`, uniqueId: 'copie' } }] }, 2);
    // Published as « copie-charte », every passage of the charter would have been quoted twice in every answer.
    expect(reply!.text).toBe('Ce fichier est déjà la version publiée du document charte (version 2031)\u00a0: rien à publier.');
    expect(pending()).toEqual([]);
  });

  it('a renamed copy of a file awaiting a decision gets that proposal’s card, not a second proposal under another id', async () => {
    const file = (name: string) => ({ contentType: FILE_TYPE, name, content: { downloadUrl: `${files.url}/${name}`, uniqueId: name } });
    const [, first] = await post({ ...userMessage('', as()), attachments: [file('lanternes.md')] }, 2);
    expect(cardText(first!.attachments[0].content)).toContain('Nouveau document proposé\u00a0: Lanternes fictives');
    // Sent again later, as « lanternes (1).md » from a downloads folder: both published, every passage twice.
    const [, already, card] = await post({ ...userMessage('', as()), attachments: [file('lanternes-1.md')] }, 3);
    expect(already!.text).toBe('Ce fichier est déjà proposé et attend une décision\u00a0: voici sa fiche.');
    expect(cardText(card!.attachments[0].content)).toContain('Nouveau document proposé\u00a0: Lanternes fictives');
    expect(pending()).toEqual(['lanternes']);
  });

  it('an address whose path is percent-encoded in Latin-1 is read and proposed, not answered with the apology', async () => {
    const [reading, preview] = await post(userMessage(`/publier ${files.url}/r%E8gle.html`, as()), 2);
    expect(reading!.text).toContain('rien ne sera publié sans votre confirmation');
    expect(preview!.attachments?.[0]?.contentType).toBe(CARD_TYPE);
    expect(cardText(preview!.attachments[0].content)).toContain('Nouveau document proposé\u00a0: Règle fictive des phares');
    expect(pending()).toEqual(['lanternes', 'regle-fictive-des-phares']);
  });
});
