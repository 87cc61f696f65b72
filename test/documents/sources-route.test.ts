import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { openDocumentAdminStore } from '../../src/documents/store.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { captureIo } from '../cli/capture.js';
import { userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { CardConnector } from '../helpers/card-connector.js';
import { FileServer } from '../helpers/file-server.js';

const ADMIN: TeamsUser = { id: '29:admin-src', name: 'Adèle Gouvernance', aadObjectId: '0000000e-0000-4000-8000-0000000000ad' };
/** A second admin whose Teams speaks English (each person has their own rate limit). */
const ADMIN_EN: TeamsUser = { id: '29:admin-src-en', name: 'Alex Governance', aadObjectId: '0000000e-0000-4000-8000-0000000000ae' };
/** A third admin, for the usage replies (each person has their own rate limit). */
const ADMIN_TYPO: TeamsUser = { id: '29:admin-src-typo', name: 'Dominique Gouvernance', aadObjectId: '0000000e-0000-4000-8000-0000000000af' };
const OTHER: TeamsUser = { id: '29:autre-src', name: 'Camille Employée', aadObjectId: '0000000e-0000-4000-8000-0000000000bb' };
const ENONCE_FICTIF = `# Énoncé fictif de principes

## Principe 1 — Lanternes

Les lanternes fictives des organismes fictifs restent allumées pendant les tempêtes de neige.
`;

/** The official site is a file server on 127.0.0.1: the server and `balises sync` allow internal addresses here. */
const LOCAL_SITE = { DOWNLOADS_ALLOW_PRIVATE_ADDRESSES: 'true' };

describe('/source DOC URL, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const files = new FileServer();

  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });
  async function say(text: string, from: TeamsUser, locale?: string): Promise<string> {
    const options = { ...as(from), ...(locale ? { locale } : {}) };
    const before = connector.messages(options.conversationId).length;
    const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(userMessage(text, options)) });
    expect(res.status).toBe(200);
    await connector.waitFor((c) => c.method === 'POST' && c.conversationId === options.conversationId && c.body.type === 'message', before + 1, 15_000);
    return String(connector.messages(options.conversationId).slice(before)[0]?.body.text);
  }
  const auditOf = (docId: string) => {
    const store = openDocumentAdminStore(path.join(dataDir, 'balises.db'));
    try {
      return store.auditEvents({ docId }).map((e) => [e.action, e.actor, e.detail]);
    } finally {
      store.close();
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-source-route-'));
    await files.start();
    files.routes.set('/enonce.md', { headers: { 'content-type': 'text/markdown' }, body: ENONCE_FICTIF });
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', GOVERNANCE_ADMIN_IDS: `${ADMIN.aadObjectId},${ADMIN_EN.aadObjectId},${ADMIN_TYPO.aadObjectId}`, ...LOCAL_SITE });
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    await files.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses someone outside the governance team, politely, audited, and changes nothing', async () => {
    const reply = await say(`/source enonce-principes-ia ${files.url}/enonce.md`, OTHER);
    expect(reply).toContain('seuls les membres de l’équipe de gouvernance peuvent changer l’adresse officielle');
    expect(reply).toContain('Rien n’a été modifié.');
    const store = openDocumentAdminStore(path.join(dataDir, 'balises.db'));
    try {
      expect(store.auditEvents().map((e) => [e.action, e.actor, e.detail])).toEqual([['refused', { id: OTHER.aadObjectId, name: OTHER.name }, 'source']]);
    } finally {
      store.close();
    }
  });

  it('lists the shipped sources as not followed until an address is given, with or without an id', async () => {
    for (const command of ['/source enonce-principes-ia', '/source']) {
      const reply = await say(command, ADMIN);
      expect(reply).toContain('enonce-principes-ia — aucune adresse vérifiée\u00a0: non suivie');
      expect(reply).toContain('`/source IDENTIFIANT https://…`');
      // The title claims nothing the lines deny (« Sources officielles suivies » over « non suivie » lines).
      expect(reply).toContain('**Sources officielles**');
      expect(reply).not.toContain('suivies');
    }
  });

  it('refuses an address that is not http(s), changing nothing', async () => {
    expect(await say('/source enonce-principes-ia ftp://exemple.invalid/enonce.pdf', ADMIN)).toContain('n’est pas une adresse http ou https complète');
    expect(auditOf('enonce-principes-ia')).toEqual([]);
  });

  it('answers an address with a space, or two addresses, with the /source usage and how to write a space (%20), changing nothing', async () => {
    for (const command of ['/source enonce-principes-ia https://exemple.invalid/énoncé de principes.pdf', '/source enonce-principes-ia https://exemple.invalid/a.pdf https://exemple.invalid/b.pdf']) {
      const reply = await say(command, ADMIN_TYPO);
      expect(reply).toBe('Pour donner l’adresse officielle d’un document\u00a0: `/source IDENTIFIANT https://…` (par exemple `/source enonce-principes-ia https://…`). Une seule adresse, sans espace, après l’identifiant (une espace dans l’adresse d’un fichier s’écrit %20). Rien n’a été modifié.');
    }
    expect(await say('/source enonce-principes-ia https://exemple.invalid/a b.pdf', ADMIN_EN, 'en-US')).toBe(
      'To give a document’s official address: `/source ID https://…` (for example `/source enonce-principes-ia https://…`). One address, with no space in it, after the id (a space in a file’s address is written %20). Nothing was changed.',
    );
    expect(auditOf('enonce-principes-ia')).toEqual([]);
  });

  it('refuses an address longer than 2 048 characters, which citations could not link, without echoing it', async () => {
    const long = `https://exemple.invalid/${'a'.repeat(2100)}.pdf`;
    const reply = await say(`/source enonce-principes-ia ${long}`, ADMIN);
    expect(reply.replace(/\s/gu, ' ')).toMatch(/^Adresse refusée : elle compte 2 128 caractères, et une adresse officielle en compte au plus 2 048, car au-delà les citations ne peuvent pas en faire un lien\. .* Rien n’a été modifié\.$/u);
    const english = await say(`/source enonce-principes-ia ${long}`, ADMIN_EN, 'en-US');
    expect(english).toMatch(/^Address refused: it has 2,128 characters, and an official address has at most 2,048/);
    expect(auditOf('enonce-principes-ia')).toEqual([]);
  });

  it('refuses an address holding a user name or password: nothing stored, the password never shown', async () => {
    const reply = await say('/source enonce-principes-ia https://user:secret@exemple.invalid/a.pdf', ADMIN);
    expect(reply).toBe(
      'Adresse refusée\u00a0: une adresse qui contient un identifiant ou un mot de passe n’est pas acceptée, car elle deviendrait le lien de citation que voient tous les utilisateurs. Donnez l’adresse publique du document (par exemple https://exemple.invalid/a.pdf). Rien n’a été modifié.',
    );
    const english = await say('/source enonce-principes-ia https://user@exemple.invalid/a.pdf', ADMIN_EN, 'en-US');
    expect(english).toContain('Address refused: an address holding a user name or password is not accepted');
    expect(english).toContain('(for example https://exemple.invalid/a.pdf)');
    expect(auditOf('enonce-principes-ia')).toEqual([]);
    const listed = await say('/source', ADMIN_EN, 'en-US');
    expect(listed).toContain('enonce-principes-ia — no verified address: not followed');
    expect(listed).not.toContain('secret');
  });

  it('records an admin’s address, audited; the next sync follows it and, on an empty base, the bot can answer', async () => {
    const reply = await say(`/source enonce-fictif ${files.url}/enonce.md`, ADMIN);
    expect(reply).toContain(`Adresse officielle du document enonce-fictif enregistrée\u00a0: ${files.url}/enonce.md`);
    // A new id may be a typo: the reply says it is new and names the sources it could have meant.
    expect(reply).toContain('enonce-fictif est une nouvelle source');
    expect(reply).toContain('enonce-principes-ia');
    expect(auditOf('enonce-fictif')).toEqual([['source_set', { id: ADMIN.aadObjectId, name: ADMIN.name }, `${files.url}/enonce.md`]]);
    expect(await say(`/source enonce-fictif ${files.url}/enonce.md`, ADMIN)).not.toContain('nouvelle source');

    const { io, out } = captureIo({ BALISES_DATA_DIR: '/nonexistent/balises-test', USER: 'tester', ...LOCAL_SITE });
    const code = await run(['sync', '--db', path.join(dataDir, 'balises.db')], io);
    expect(out.stderr).toBe('');
    expect(code).toBe(0);
    expect(out.stdout).toMatch(/^published +enonce-fictif: first version/m);
    expect(out.stdout).toMatch(/^not followed +guide-bonnes-pratiques-ia-generative/m);

    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await say('Les lanternes fictives restent-elles allumées pendant les tempêtes de neige?', ADMIN)).toContain('tempêtes de neige');

    // A new official address of an indexed document becomes the link of its citations.
    const moved = `${files.url}/enonce.md?edition=2`;
    expect(await say(`/source enonce-fictif ${moved}`, ADMIN)).toContain('Les citations du document indexé enonce-fictif renvoient désormais à cette adresse.');
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await say('Les lanternes fictives restent-elles allumées pendant les tempêtes de neige?', ADMIN)).toContain(`](${moved})`);
  });

  it('a source whose address serves another format than expected is refused by the next sync, naming it', async () => {
    await say(`/source enonce-principes-ia ${files.url}/enonce.md`, ADMIN);
    const { io, out } = captureIo({ BALISES_DATA_DIR: '/nonexistent/balises-test', USER: 'tester', ...LOCAL_SITE });
    expect(await run(['sync', '--db', path.join(dataDir, 'balises.db')], io)).toBe(1);
    expect(out.stderr).toBe(`failed            enonce-principes-ia: ${files.url}/enonce.md: expected pdf, got markdown\n`);
  });
});
