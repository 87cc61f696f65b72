import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { openDocumentAdminStore } from '../../src/documents/store.js';
import { captureIo } from './capture.js';

const V1 = `# Charte fictive des fontaines

## Entretien

Les fontaines fictives du square sont vidées chaque automne.
`;
const V2 = `# Charte fictive des fontaines

## Entretien

Les fontaines fictives du square sont vidées chaque printemps.
`;

describe('command-line publications in the audit trail the governance team reads', () => {
  let dir: string;
  let db: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-cli-audit-'));
    db = path.join(dir, 'balises.db');
    file = path.join(dir, 'fontaines.md');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function cli(...argv: string[]): Promise<number> {
    return run([...argv, '--db', db], captureIo().io);
  }

  function events() {
    const store = openDocumentAdminStore(db);
    try {
      return store.auditEvents().reverse().map((e) => ({ action: e.action, actor: e.actor, version: e.versionLabel, sha: e.sourceSha256, detail: e.detail }));
    } finally {
      store.close();
    }
  }

  it('records who published, restored, set the address of and withdrew a document, and with which command', async () => {
    await writeFile(file, V1);
    expect(await cli('ingest', file, '--version', 'v1', '--by', 'Diane Console')).toBe(0);
    await writeFile(file, V2);
    expect(await cli('ingest', file, '--version', 'v2')).toBe(0);
    await writeFile(file, V1);
    expect(await cli('ingest', file, '--url', 'https://example.org/fontaines', '--by', 'Diane Console')).toBe(0);
    expect(await cli('ingest', file, '--url', 'https://example.org/fontaines-2', '--by', 'Diane Console')).toBe(0);
    expect(await cli('withdraw', 'fontaines', '--by', 'Éric Console')).toBe(0);
    expect(await cli('withdraw', 'fontaines')).toBe(0);

    const diane = { id: 'cli:Diane Console', name: 'Diane Console' };
    const log = events();
    expect(log.map((e) => [e.action, e.actor, e.version, e.detail])).toEqual([
      ['published', diane, 'v1', 'balises ingest'],
      ['published', { id: 'cli:tester', name: 'tester' }, 'v2', 'balises ingest'],
      ['republished', diane, 'v1', 'balises ingest'],
      // The link given with the file that published v1 again is the document's from then on (ingest.ts `reuse`).
      ['source_set', diane, null, 'balises ingest https://example.org/fontaines'],
      ['source_set', diane, null, 'balises ingest https://example.org/fontaines-2'],
      ['withdrawn', { id: 'cli:Éric Console', name: 'Éric Console' }, 'v1', 'balises withdraw'],
    ]);
    expect(log[0]!.sha).toMatch(/^[0-9a-f]{64}$/);
    expect(log[2]!.sha).toBe(log[0]!.sha);
  });

  it('records nothing for a file that is not published', async () => {
    await writeFile(file, '');
    expect(await cli('ingest', file)).toBe(1);
    await writeFile(file, V1);
    expect(await cli('ingest', file, '--version', 'v1')).toBe(0);
    await writeFile(file, V2);
    expect(await cli('ingest', file, '--version', 'v1')).toBe(1);
    expect(events().map((e) => [e.action, e.version])).toEqual([['published', 'v1']]);
  });
});
