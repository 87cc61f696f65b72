import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOfficialSourcesAdmin } from '../../src/documents/sources-admin.js';
import { openSourcesState } from '../../src/documents/sources-state.js';
import { openDocumentAdminStore } from '../../src/documents/store.js';
import { followedSources, loadOfficialSources, SourcesFileError, type OfficialSource } from '../../src/documents/sources.js';

describe('official sources', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-sources-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function load(content: unknown): Promise<OfficialSource[]> {
    const file = path.join(dir, 'sources.json');
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
    return loadOfficialSources(file);
  }

  it('ships the Énoncé, the indication d’application and the guide, none with an unverified address followed', () => {
    const sources = loadOfficialSources();
    expect(sources.map((s) => s.id)).toEqual(['enonce-principes-ia', 'indication-application-ia-generative', 'guide-bonnes-pratiques-ia-generative']);
    for (const s of sources) if (!s.verified) expect(s.url).toBeNull();
    expect(followedSources(sources, []).filter((s) => s.url !== null).map((s) => s.id)).toEqual(sources.filter((s) => s.verified).map((s) => s.id));
  });

  it('refuses a verified entry without an address, naming the field', async () => {
    const entry = { id: 'charte-fictive', title: 'Charte fictive', url: null, formats: ['pdf'], verified: true };
    await expect(load({ sources: [entry] })).rejects.toThrow(/sources\.0\.url: a verified source needs its url/);
  });

  it('refuses an id listed twice, an unknown format and a non-http address', async () => {
    const entry = { id: 'charte-fictive', title: 'Charte fictive', url: 'https://exemple.invalid/charte.pdf', formats: ['pdf'], verified: true };
    await expect(load({ sources: [entry, entry] })).rejects.toThrow(/id charte-fictive is listed twice/);
    await expect(load({ sources: [{ ...entry, formats: ['odt'] }] })).rejects.toThrow(/sources\.0\.formats\.0/);
    await expect(load({ sources: [{ ...entry, url: 'ftp://exemple.invalid/c.pdf' }] })).rejects.toThrow(/http or https/);
    await expect(load('{ pas du json')).rejects.toBeInstanceOf(SourcesFileError);
  });

  it('refuses an address holding a user name or password, without repeating it', async () => {
    const entry = { id: 'charte-fictive', title: 'Charte fictive', url: 'https://agent:S3cret@exemple.invalid/charte.pdf', formats: ['pdf'], verified: true };
    const error = await load({ sources: [entry] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourcesFileError);
    expect(String((error as Error).message)).toMatch(/sources\.0\.url: an address holding a user name or password is not accepted/);
    expect(String((error as Error).message)).not.toContain('S3cret');
    await expect(load({ sources: [{ ...entry, url: 'https://agent@exemple.invalid/charte.pdf' }] })).rejects.toThrow(/user name or password/);
  });

  it('follows an address set by an admin over the file’s, and an admin-added source', async () => {
    const sources = await load({
      sources: [{ id: 'charte-fictive', title: 'Charte fictive', url: null, formats: ['pdf'], verified: false }],
    });
    const overrides = [
      { docId: 'charte-fictive', url: 'https://exemple.invalid/charte.pdf', setBy: 'Admin Fictive', setAt: '2026-12-02T08:00:00.000Z' },
      { docId: 'note-fictive', url: 'https://exemple.invalid/note.html', setBy: 'Admin Fictive', setAt: '2026-12-02T08:00:00.000Z' },
    ];
    expect(followedSources(sources, [])).toEqual([{ id: 'charte-fictive', title: 'Charte fictive', formats: ['pdf'], url: null, origin: null }]);
    expect(followedSources(sources, overrides).map((s) => [s.id, s.url, s.origin])).toEqual([
      ['charte-fictive', 'https://exemple.invalid/charte.pdf', 'admin'],
      ['note-fictive', 'https://exemple.invalid/note.html', 'admin'],
    ]);
  });

  it('keeps admin-set addresses and the last seen download in the database across reopenings', () => {
    const file = path.join(dir, 'balises.db');
    const state = openSourcesState(file);
    state.setUrl({ docId: 'charte-fictive', url: 'https://exemple.invalid/v1.pdf', setBy: 'A', setAt: '2026-12-01T00:00:00.000Z' });
    state.setUrl({ docId: 'charte-fictive', url: 'https://exemple.invalid/v2.pdf', setBy: 'B', setAt: '2026-12-02T00:00:00.000Z' });
    state.markSeen('charte-fictive', { sha256: 'a'.repeat(64), outcome: 'proposed', seenAt: '2026-12-02T00:00:00.000Z' });
    state.close();
    const reopened = openSourcesState(file);
    expect(reopened.urls()).toEqual([{ docId: 'charte-fictive', url: 'https://exemple.invalid/v2.pdf', setBy: 'B', setAt: '2026-12-02T00:00:00.000Z' }]);
    expect(reopened.seen('charte-fictive')).toEqual({ sha256: 'a'.repeat(64), outcome: 'proposed', seenAt: '2026-12-02T00:00:00.000Z' });
    expect(reopened.seen('autre')).toBeNull();
    reopened.close();
  });

  it('records an admin’s address with an audit event, and refuses a bad id or address without changing anything', async () => {
    const sourcesFile = path.join(dir, 'sources.json');
    await writeFile(sourcesFile, JSON.stringify({ sources: [{ id: 'charte-fictive', title: 'Charte fictive', url: null, formats: ['pdf'], verified: false }] }));
    const databaseFile = path.join(dir, 'balises.db');
    const store = openDocumentAdminStore(databaseFile);
    const admin = openOfficialSourcesAdmin({ databaseFile, audit: store, sourcesFile, now: () => new Date('2026-12-02T08:00:00Z') });
    const actor = { id: '00000000-0000-0000-0000-00000000000a', name: 'Admin Fictive' };
    try {
      expect(admin.setUrl('Charte Fictive', 'https://exemple.invalid/c.pdf', actor)).toEqual({ kind: 'invalid_id', docId: 'Charte Fictive' });
      expect(admin.setUrl('charte-fictive', 'exemple.invalid/c.pdf', actor)).toEqual({ kind: 'invalid_url', url: 'exemple.invalid/c.pdf' });
      expect(admin.list()[0]?.url).toBeNull();
      expect(admin.setUrl('charte-fictive', 'https://exemple.invalid/c.pdf', actor)).toMatchObject({
        kind: 'set',
        previous: null,
        source: { id: 'charte-fictive', url: 'https://exemple.invalid/c.pdf', origin: 'admin' },
      });
    } finally {
      admin.close();
    }
    expect(store.auditEvents({ docId: 'charte-fictive' }).map((e) => [e.action, e.actor, e.detail])).toEqual([['source_set', actor, 'https://exemple.invalid/c.pdf']]);
    store.close();
  });
});
