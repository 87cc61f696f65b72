import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION_VERBS } from '../../src/bot/cards/verbs.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { cardAction, invoke, type TeamsUser } from '../helpers/card-activities.js';
import { startTestPostgres, type TestPostgres } from '../helpers/embedded-postgres.js';
import { FakeConnector } from '../helpers/fake-connector.js';

const DECLARANT: TeamsUser = { id: '29:declarant-fictif', name: 'Personne Fictive', aadObjectId: '0000000a-0000-4000-8000-0000000000aa' };

describe('readiness and card actions with the inventory in PostgreSQL', () => {
  let dataDir: string;
  let postgres: TestPostgres;
  let connector: FakeConnector;
  let running: RunningBalises;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-ready-'));
    postgres = await startTestPostgres();
    connector = await new FakeConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', INVENTORY_DATABASE_URL: await postgres.createDatabase() });
  }, 60_000);
  afterAll(async () => {
    await running.stop();
    await connector.stop();
    await postgres.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is ready while PostgreSQL answers, then 503 naming the inventory once it is down; card actions then get a clear message, not 501', async () => {
    const ready = await fetch(`${running.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });

    await postgres.stop();

    const down = await fetch(`${running.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not_ready', unavailable: ['inventory'] });
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);

    const action = cardAction(DECLARATION_VERBS.reopen, { declarationId: '00000000-0000-4000-8000-000000000001' }, { serviceUrl: connector.serviceUrl, from: DECLARANT, conversationId: 'a:personal-ready' });
    const res = await invoke(running.url, action);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(res.body.value).toMatch(/^Désolé, un problème m’empêche de répondre pour le moment\. Réessayez dans quelques minutes/);
  }, 60_000);
});
