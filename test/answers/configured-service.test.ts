import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openConfiguredKnowledgeService, PUBLICATION_CHECK_INTERVAL_MS, REFRESH_WAIT_MS } from '../../src/answers/open.js';
import { loadConfig } from '../../src/config.js';
import { ingestPaths, openKnowledgeStore } from '../../src/knowledge/index.js';
import { AzureSearchStub } from '../helpers/azure-search-stub.js';

const API_KEY = 'cle-fictive-admin';

/** A fictional charter: not an official text. */
const CHARTER = `# Charte fictive des nuages numériques

## Transparence des nuages

Les organismes fictifs informent clairement les citoyens lorsqu’un nuage numérique répond à leurs questions.

## Entretien des nuages

Chaque nuage fait l’objet d’un entretien annuel consigné au registre des nuages.
`;

describe('openConfiguredKnowledgeService', () => {
  let dir: string;
  let stub: AzureSearchStub;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'balises-configured-'));
    fs.writeFileSync(path.join(dir, 'charte-fictive.md'), CHARTER);
    const store = openKnowledgeStore(path.join(dir, 'data', 'balises.db'));
    await ingestPaths({ store }, [path.join(dir, 'charte-fictive.md')], { ingestedBy: 'test' });
    store.close();
    stub = await new AzureSearchStub(API_KEY).start();
  });

  afterEach(async () => {
    await stub.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers from Azure AI Search after uploading the published passages, when AZURE_SEARCH_* are set', async () => {
    const config = loadConfig(
      { BALISES_DATA_DIR: 'data', AZURE_SEARCH_ENDPOINT: stub.endpoint, AZURE_SEARCH_INDEX: 'balises-test', AZURE_SEARCH_API_KEY: API_KEY },
      dir,
    );
    expect(config.search).toMatchObject({ kind: 'azure', indexName: 'balises-test', allowInsecureConnection: true });
    const service = await openConfiguredKnowledgeService(config);
    try {
      expect(stub.documents('balises-test').length).toBeGreaterThan(0);
      const result = await service.ask('Comment les citoyens savent-ils qu’un nuage numérique leur répond?');
      expect(result.kind).toBe('answered');
      if (result.kind !== 'answered') return;
      expect(result.sources[0]!.sectionPath.join(' ')).toContain('Transparence');
      expect(result.sources[0]!.passageText).toContain(result.quotes[0]!.text);
    } finally {
      service.close();
    }
  });

  it('answers from the published version while Azure AI Search is slow to take a new one, then from the new one', async () => {
    const config = loadConfig(
      { BALISES_DATA_DIR: 'data', AZURE_SEARCH_ENDPOINT: stub.endpoint, AZURE_SEARCH_INDEX: 'balises-test', AZURE_SEARCH_API_KEY: API_KEY },
      dir,
    );
    const service = await openConfiguredKnowledgeService(config);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    try {
      fs.writeFileSync(path.join(dir, 'charte-fictive.md'), CHARTER.replace('entretien annuel', 'entretien semestriel'));
      const store = openKnowledgeStore(path.join(dir, 'data', 'balises.db'));
      await ingestPaths({ store }, [path.join(dir, 'charte-fictive.md')], { ingestedBy: 'test' });
      store.close();
      // The new version's upload is held, as by a slow or throttled service; searches are answered.
      stub.onRequest = (request) => (request.path.endsWith('/docs/search.index') ? held : undefined);
      await new Promise((resolve) => setTimeout(resolve, PUBLICATION_CHECK_INTERVAL_MS + 100));
      const started = Date.now();
      const during = await service.ask('Chaque nuage fait-il l’objet d’un entretien?');
      expect(Date.now() - started).toBeLessThan(REFRESH_WAIT_MS + 1_500);
      expect(during.kind).toBe('answered');
      if (during.kind !== 'answered') return;
      expect(during.sources[0]!.passageText).toContain('entretien annuel');
      release();
      await vi.waitFor(async () => {
        const after = await service.ask('Chaque nuage fait-il l’objet d’un entretien?');
        expect(after.kind === 'answered' && after.sources[0]!.passageText).toContain('entretien semestriel');
      }, { timeout: 5_000 });
      await vi.waitFor(() => expect(stub.documents('balises-test').map((d) => d.text).join(' ')).not.toContain('entretien annuel'), { timeout: 5_000 });
    } finally {
      release();
      service.close();
    }
  });

  it('keeps answering when another instance, on a data folder of its own, starts on the same index', async () => {
    const env = { AZURE_SEARCH_ENDPOINT: stub.endpoint, AZURE_SEARCH_INDEX: 'balises-test', AZURE_SEARCH_API_KEY: API_KEY };
    const first = await openConfiguredKnowledgeService(loadConfig({ BALISES_DATA_DIR: 'data', ...env }, dir));
    const second = await openConfiguredKnowledgeService(loadConfig({ BALISES_DATA_DIR: 'autre-hote', ...env }, dir));
    try {
      expect((await second.ask('Chaque nuage fait-il l’objet d’un entretien?')).kind).toBe('empty_index');
      const result = await first.ask('Chaque nuage fait-il l’objet d’un entretien?');
      expect(result.kind).toBe('answered');
      if (result.kind !== 'answered') return;
      expect(result.sources[0]!.passageText).toContain('entretien annuel');
    } finally {
      second.close();
      first.close();
    }
  });

  it('uses the embedded index when no Azure variable is set', async () => {
    const config = loadConfig({ BALISES_DATA_DIR: 'data' }, dir);
    expect(config.search).toEqual({ kind: 'local' });
    const service = await openConfiguredKnowledgeService(config);
    try {
      const result = await service.ask('registre des nuages entretien');
      expect(result.kind).toBe('answered');
      expect(stub.requests).toHaveLength(0);
    } finally {
      service.close();
    }
  });
});

describe('loadConfig (Azure AI Search)', () => {
  it('names each missing AZURE_SEARCH_* variable when only some are set', () => {
    expect(() => loadConfig({ AZURE_SEARCH_ENDPOINT: 'https://fictif.search.windows.net' })).toThrow(
      /AZURE_SEARCH_INDEX.*required[\s\S]*AZURE_SEARCH_API_KEY.*required/,
    );
  });

  it('rejects an index name Azure would refuse', () => {
    expect(() =>
      loadConfig({ AZURE_SEARCH_ENDPOINT: 'https://fictif.search.windows.net', AZURE_SEARCH_INDEX: 'Mon Index', AZURE_SEARCH_API_KEY: 'k' }),
    ).toThrow(/AZURE_SEARCH_INDEX must be 2 to 128 lower-case letters, digits and dashes/);
  });

  it('never allows plain http to a remote service: refused at start, naming the variable', () => {
    expect(() => loadConfig({ AZURE_SEARCH_ENDPOINT: 'http://fictif.example', AZURE_SEARCH_INDEX: 'idx', AZURE_SEARCH_API_KEY: 'k' })).toThrow(
      /AZURE_SEARCH_ENDPOINT must be https/,
    );
  });
});
