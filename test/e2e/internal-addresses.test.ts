import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { captureIo } from '../cli/capture.js';
import { userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { CardConnector } from '../helpers/card-connector.js';
import { FileServer } from '../helpers/file-server.js';

/**
 * Document downloads stay outside the server's network by default (no DOWNLOADS_ALLOW_PRIVATE_ADDRESSES): an admin
 * cannot make Balises read the server itself, an intranet or the cloud metadata service through `/publier`,
 * `/source` and `balises sync`; each says why, in the admin's language.
 */

const ADMIN: TeamsUser = { id: '29:admin-interne', name: 'Adèle Gouvernance', aadObjectId: '0000000e-0000-4000-8000-0000000000ae' };
const FICTIONAL = '# Note fictive interne\n\nLes lanternes fictives restent allumées.\n';

describe('downloads to internal addresses, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const files = new FileServer();

  const as = (from: TeamsUser, extra: Partial<ConversationOptions> = {}): ConversationOptions => ({
    serviceUrl: connector.serviceUrl,
    from,
    conversationId: `a:personal-${from.aadObjectId}`,
    ...extra,
  });
  /** Sends a message and returns the texts of the `count` messages it gets back. */
  async function say(text: string, options: ConversationOptions, count = 1): Promise<string[]> {
    const before = connector.messages(options.conversationId).length;
    const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(userMessage(text, options)) });
    expect(res.status).toBe(200);
    await connector.waitFor((c) => c.method === 'POST' && c.conversationId === options.conversationId && c.body.type === 'message', before + count, 15_000);
    return connector.messages(options.conversationId).slice(before).map((m) => String(m.body.text));
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-internal-addresses-'));
    await files.start();
    files.routes.set('/note.md', { headers: { 'content-type': 'text/markdown' }, body: FICTIONAL });
    connector = await new CardConnector().start();
    running = await start({
      BALISES_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId!,
      // The one admin sends more than the default burst of messages (test/e2e/rate-limit covers the limit).
      RATE_LIMIT_BURST: '100',
    });
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    await files.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses /publier of the server itself, a host name for it and the cloud metadata service, saying why, and reads nothing', async () => {
    const loopback = await say(`/publier ${files.url}/note.md`, as(ADMIN), 2);
    expect(loopback[1]).toBe(
      'Je n’ai pas pu obtenir le document\u00a0: l’adresse mène à une adresse de bouclage (le serveur de Balises lui-même) ; Balises ne télécharge rien sur le réseau interne de son serveur, à moins que son administrateur ne l’autorise (`DOWNLOADS_ALLOW_PRIVATE_ADDRESSES`). Rien n’a été modifié.',
    );
    const byName = await say(`/publier ${files.url.replace('127.0.0.1', 'localhost')}/note.md`, as(ADMIN), 2);
    expect(byName[1]).toContain('une adresse de bouclage');
    expect(files.hits.get('/note.md') ?? 0).toBe(0);
    const metadata = await say('/publish http://169.254.169.254/latest/meta-data/', as(ADMIN, { locale: 'en-US' }), 2);
    expect(metadata[1]).toContain(
      'I could not get the document: the address leads to a link-local address (169.254.0.0/16, where the cloud metadata service answers)',
    );
  });

  it('answers the words after /publier in French and after /publish in English, whatever the client locale', async () => {
    const french = await say(`/publier ${files.url}/note.md`, as(ADMIN, { conversationId: 'a:langue-publier', locale: 'en-US' }), 2);
    expect(french[1]).toContain('Je n’ai pas pu obtenir le document');
    const [frenchList] = await say('/source', as(ADMIN, { conversationId: 'a:langue-publier', locale: 'en-US' }));
    expect(frenchList).toContain('**Sources officielles**');
    const english = await say('/publish http://169.254.169.254/latest/meta-data/', as(ADMIN, { conversationId: 'a:langue-publier' }), 2);
    expect(english[1]).toContain('I could not get the document');
    const [englishList] = await say('/source', as(ADMIN, { conversationId: 'a:langue-publier' }));
    expect(englishList).toContain('**Official sources**');
  });

  it('refuses at once an official address that is an internal IP address, changing nothing', async () => {
    // The admin's last words here were `/publish …` (above): a /source, which has no language, is answered in English.
    const [loopback] = await say(`/source note-interne ${files.url}/note.md`, as(ADMIN));
    expect(loopback).toContain('Address refused: the address leads to a loopback address (the Balises server itself)');
    expect(loopback).toContain('Nothing was changed.');
    const french = as(ADMIN, { conversationId: 'a:sources-internes' });
    const [metadata] = await say('/source note-interne http://169.254.169.254/latest/meta-data/', french);
    expect(metadata).toContain('Adresse refusée\u00a0: l’adresse mène à une adresse lien-local');
    expect(metadata).toContain('Rien n’a été modifié.');
    const [list] = await say('/source', as(ADMIN));
    expect(list).not.toContain('note-interne');
  });

  it('has `balises sync` refuse an official address whose host name leads to the server itself, naming why', async () => {
    const local = files.url.replace('127.0.0.1', 'localhost');
    const [reply] = await say(`/source note-interne ${local}/note.md`, as(ADMIN, { conversationId: 'a:sync-interne' }));
    expect(reply).toContain('Adresse officielle du document note-interne enregistrée');
    const { io, out } = captureIo();
    expect(await run(['sync', '--db', path.join(dataDir, 'balises.db')], io)).toBe(1);
    // localhost may resolve to 127.0.0.1 or ::1 first, depending on the machine.
    expect(out.stderr).toContain(`failed            note-interne: ${local}/note.md: refused: localhost (`);
    expect(out.stderr).toContain(
      `) is a loopback address (the server itself); addresses internal to the server's network are not downloaded unless DOWNLOADS_ALLOW_PRIVATE_ADDRESSES is true`,
    );
    expect(files.hits.get('/note.md') ?? 0).toBe(0);
  });
});
