import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import { AzureSearchStub } from '../helpers/azure-search-stub.js';

const API_KEY = 'cle-fictive-recherche';

describe('readiness with passages searched in Azure AI Search', () => {
  let dataDir: string;
  let stub: AzureSearchStub;
  let running: RunningBalises;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-ready-search-'));
    stub = await new AzureSearchStub(API_KEY).start();
    running = await start({
      BALISES_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      AZURE_SEARCH_ENDPOINT: stub.endpoint,
      AZURE_SEARCH_INDEX: 'balises-fictif',
      AZURE_SEARCH_API_KEY: API_KEY,
    });
  });
  afterAll(async () => {
    await running?.stop();
    await stub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is ready while the service answers, 503 naming the search while it refuses, then ready again', async () => {
    const ready = await fetch(`${running.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });

    stub.failWith(403);
    const down = await fetch(`${running.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not_ready', unavailable: ['search'] });

    stub.failWith(null);
    const back = await fetch(`${running.url}/readyz`);
    expect(back.status).toBe(200);
  });
});
