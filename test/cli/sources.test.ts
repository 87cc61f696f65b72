import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { openSourcesState } from '../../src/documents/sources-state.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import type { DocumentVersionInfo, Passage, Section } from '../../src/knowledge/types.js';
import { captureIo } from './capture.js';

describe('balises sources', () => {
  let dir: string;
  let db: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-cli-sources-'));
    db = path.join(dir, 'balises.db');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says how to add documents when none is indexed, and that sync has nothing to load while no source is verified', async () => {
    openKnowledgeStore(db).close();
    const { io, out } = captureIo();
    expect(await run(['sources', '--db', db], io)).toBe(0);
    expect(out.stdout).toContain('No documents are indexed yet. Add some with: balises ingest PATH...');
    // data/sources.json ships with no verified address: sync would only answer « not followed » for each source.
    expect(out.stdout).toContain('(balises sync has nothing to load yet: no official source of data/sources.json has a verified address)');
    expect(out.stdout).not.toContain('with: balises sync');
  });

  it('points to balises sync when an admin gave an official source its address', async () => {
    openKnowledgeStore(db).close();
    const state = openSourcesState(db);
    state.setUrl({ docId: 'charte', url: 'https://exemple.invalid/charte.md', setBy: 'admin', setAt: '2031-05-01T12:00:00.000Z' });
    state.close();
    const { io, out } = captureIo();
    expect(await run(['sources', '--db', db], io)).toBe(0);
    expect(out.stdout).toContain('or load the verified official sources of data/sources.json with: balises sync');
    expect(out.stdout).not.toContain('nothing to load');
  });

  it('prints each document with its version and its section tree with page ranges', async () => {
    const store = openKnowledgeStore(db);
    const info: DocumentVersionInfo = {
      docId: 'charte',
      title: 'Charte fictive',
      versionLabel: 'v2',
      publishedOn: '2024-06-01',
      url: 'https://exemple.invalid/charte',
      sourceSha256: 'abc',
      ingestedAt: '2024-06-02T09:00:00.000Z',
      ingestedBy: 'equipe',
    };
    const sections: Section[] = [
      { id: 'intro', path: ['Introduction'] },
      { id: 'art-1', path: ['Articles', 'Article 1 — Arrosage'] },
      { id: 'art-2', path: ['Articles', 'Article 2 — Lumière'] },
    ];
    const passages: Passage[] = sections.map((section, ordinal) => ({
      id: `charte@v2#${section.id}:${ordinal}`,
      docId: 'charte',
      versionLabel: 'v2',
      section,
      ordinal,
      pages: { from: 3 + ordinal, to: 3 + ordinal },
      text: `Texte fictif ${ordinal}.`,
    }));
    store.publishVersion(info, sections, passages);
    store.close();

    const { io, out } = captureIo();
    expect(await run(['sources', '--db', db], io)).toBe(0);
    expect(out.stdout).toBe(
      [
        'Charte fictive [charte]',
        '  version v2 · published 2024-06-01 · ingested 2024-06-02 by equipe · 3 passages',
        '  https://exemple.invalid/charte',
        '    Introduction (p. 3)',
        '    Articles (p. 4–5)',
        '      Article 1 — Arrosage (p. 4)',
        '      Article 2 — Lumière (p. 5)',
        '',
      ].join('\n'),
    );
  });

  it('gives the Quebec day of an evening ingest, the day its default version label has', async () => {
    const store = openKnowledgeStore(db);
    const section: Section = { id: 'intro', path: ['Introduction'] };
    // 21 h 30 on 2 June 2024 in Quebec (EDT) is already 3 June in UTC.
    const info: DocumentVersionInfo = { docId: 'note', title: 'Note fictive', versionLabel: '2024-06-02', publishedOn: null, url: null, sourceSha256: 'def', ingestedAt: '2024-06-03T01:30:00.000Z', ingestedBy: 'cli' };
    store.publishVersion(info, [section], [{ id: 'note@2024-06-02#intro:0', docId: 'note', versionLabel: '2024-06-02', section, ordinal: 0, pages: null, text: 'Texte fictif.' }]);
    store.close();
    const { io, out } = captureIo();
    expect(await run(['sources', '--db', db], io)).toBe(0);
    expect(out.stdout).toContain('  version 2024-06-02 · ingested 2024-06-02 by cli · 1 passage\n');
  });

  it('lists a document ingested through the CLI', async () => {
    const file = path.join(dir, 'guide.txt');
    await writeFile(file, 'Guide fictif\n\nUne tasse de thé fictive se boit tiède.\n');
    await run(['ingest', file, '--db', db], captureIo().io);
    const { io, out } = captureIo();
    expect(await run(['sources', '--db', db], io)).toBe(0);
    expect(out.stdout).toMatch(/\[guide\]/);
  });

  it('rejects extra arguments, exit 2', async () => {
    const { io, out } = captureIo();
    expect(await run(['sources', 'extra', '--db', db], io)).toBe(2);
    expect(out.stderr).toContain('sources takes no arguments');
  });
});
