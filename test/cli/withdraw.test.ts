import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKnowledgeService, PUBLICATION_CHECK_INTERVAL_MS } from '../../src/answers/open.js';
import { run } from '../../src/cli/run.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import { captureIo } from './capture.js';

const CHARTER = `# Charte fictive des lampadaires

## Entretien

Les lampadaires fictifs du parc sont nettoyés chaque automne par l’équipe municipale.
`;
const OTHER = `# Guide fictif des bancs publics

## Peinture

Les bancs publics fictifs sont repeints en vert tous les trois ans.
`;

describe('balises withdraw', () => {
  let dir: string;
  let db: string;
  let charter: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-cli-withdraw-'));
    db = path.join(dir, 'balises.db');
    charter = path.join(dir, 'lampadaires.md');
    await writeFile(charter, CHARTER);
    await writeFile(path.join(dir, 'bancs.md'), OTHER);
    expect(await run(['ingest', charter, path.join(dir, 'bancs.md'), '--version', 'v1', '--db', db], captureIo().io)).toBe(0);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function cli(...argv: string[]) {
    const { io, out } = captureIo();
    const code = await run([...argv, '--db', db], io);
    return { code, ...out };
  }

  it('stops publishing the document: sources no longer lists it, its versions stay on record, exit 0', async () => {
    expect((await cli('versions', 'lampadaires')).stdout).toMatch(/^\* v1 · .*\n {2}\(\* published\)$/m);
    const withdrawn = await cli('withdraw', 'lampadaires');
    expect(withdrawn.code).toBe(0);
    expect(withdrawn.stdout).toContain('withdrawn  lampadaires (Charte fictive des lampadaires, version v1): no longer published');
    const sources = await cli('sources');
    expect(sources.stdout).not.toContain('lampadaires');
    expect(sources.stdout).toContain('[bancs]');
    const versions = await cli('versions', 'lampadaires');
    expect(versions.code).toBe(0);
    expect(versions.stdout).toContain('Charte fictive des lampadaires [lampadaires]: 1 version, withdrawn: no version published');
    expect(versions.stdout).toMatch(/^ {2}v1 · sha [0-9a-f]{12} · ingested .* by tester · 1 passage$/m);
    expect(versions.stdout).not.toContain('(* published)');
  });

  it('makes the running bot stop quoting the document at its next publication check', async () => {
    let clock = 0;
    const service = createKnowledgeService(openKnowledgeStore(db), { now: () => clock });
    try {
      const question = 'Quand les lampadaires sont-ils nettoyés?';
      // Quoted before withdrawal, confidently or not (how sure retrieval is does not matter here).
      const before = await service.ask(question);
      expect(['answered', 'uncertain']).toContain(before.kind);
      expect(JSON.stringify(before)).toContain('nettoyés chaque automne');
      expect((await cli('withdraw', 'lampadaires')).code).toBe(0);
      clock += PUBLICATION_CHECK_INTERVAL_MS;
      const after = await service.ask(question);
      expect(after.kind).not.toBe('answered');
      expect(JSON.stringify(after)).not.toContain('nettoyés chaque automne');
      expect(service.sources().map((d) => d.docId)).toEqual(['bancs']);
    } finally {
      service.close();
    }
  });

  it('publishes the document again when the same file is ingested again', async () => {
    await cli('withdraw', 'lampadaires');
    const again = await cli('ingest', charter);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^restored {3}.*lampadaires\.md → lampadaires, version v1 is published again/m);
    expect((await cli('sources')).stdout).toContain('[lampadaires]');
  });

  it('says so when the document is already withdrawn, exit 0', async () => {
    await cli('withdraw', 'lampadaires');
    const again = await cli('withdraw', 'lampadaires');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('lampadaires is already withdrawn; nothing changed');
  });

  it('rejects an unknown document with a clear error, exit 1', async () => {
    const { code, stderr } = await cli('withdraw', 'inconnu');
    expect(code).toBe(1);
    expect(stderr).toContain('no document "inconnu" in the knowledge store');
    expect((await cli('sources')).stdout).toContain('[lampadaires]');
  });

  it('rejects a missing document id, exit 2', async () => {
    const { code, stderr } = await cli('withdraw');
    expect(code).toBe(2);
    expect(stderr).toContain('usage: balises withdraw DOC_ID');
  });
});

describe('balises versions', () => {
  let dir: string;
  let db: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-cli-versions-'));
    db = path.join(dir, 'balises.db');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists every version newest first and marks the published one', async () => {
    const file = path.join(dir, 'lampadaires.md');
    await writeFile(file, CHARTER);
    await run(['ingest', file, '--version', 'v1', '--date', '2024-01-15', '--by', 'equipe', '--db', db], captureIo().io);
    await writeFile(file, CHARTER.replace('chaque automne', 'chaque printemps'));
    await run(['ingest', file, '--version', 'v2', '--db', db], captureIo().io);
    await writeFile(file, CHARTER);
    await run(['ingest', file, '--db', db], captureIo().io);
    const { io, out } = captureIo();
    expect(await run(['versions', 'lampadaires', '--db', db], io)).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('Charte fictive des lampadaires [lampadaires]: 2 versions, version v1 published');
    expect(lines[1]).toMatch(/^ {2}v2 · sha [0-9a-f]{12} · ingested \d{4}-\d\d-\d\d \d\d:\d\d UTC by tester · 1 passage$/);
    expect(lines[2]).toMatch(/^\* v1 · published 2024-01-15 · sha [0-9a-f]{12} · ingested .* by equipe · 1 passage$/);
  });

  it('rejects an unknown document, exit 1', async () => {
    openKnowledgeStore(db).close();
    const { io, out } = captureIo();
    expect(await run(['versions', 'inconnu', '--db', db], io)).toBe(1);
    expect(out.stderr).toContain('no document "inconnu"');
  });
});
