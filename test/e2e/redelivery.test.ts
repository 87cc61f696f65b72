import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openSqliteFile } from '../../src/storage/sqlite.js';
import { sqliteTurnClaims } from '../../src/storage/turn-claims.js';
import { answeredResult } from '../helpers/answers.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postActivity, teamsMessage } from '../helpers/teams-activity.js';

/** More refusals than the connector client's retries (3), so the first delivery's reply and apology both fail. */
const REFUSALS = 8;

describe('Teams redelivery, with answered messages kept in SQLite', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'balises-redelivery-'));
  const opened: Database.Database[] = [];
  const harnesses: Harness[] = [];
  let files = 0;

  const claimsOn = (file: string) => {
    const db = openSqliteFile(file);
    opened.push(db);
    return sqliteTurnClaims(db);
  };
  const start = async (file: string, connector?: FakeConnector) => {
    const h = await startHarness(new FakeKnowledge(() => answeredResult()), null, { claims: claimsOn(file), connector });
    harnesses.push(h);
    return h;
  };

  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.stop();
    for (const db of opened.splice(0)) db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers Teams’ retry of a message whose reply the connector refused (503)', async () => {
    const h = await start(path.join(dir, `${++files}.db`));
    h.connector.failNext(REFUSALS, 503);
    const activity = teamsMessage('Doit-on informer la personne?', { serviceUrl: h.connector.serviceUrl });
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    expect(h.connector.messages(activity.conversation.id)).toEqual([]);
    expect(h.connector.refused).toBeGreaterThan(0);
    h.connector.recover();

    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const [reply] = await h.connector.waitForMessages(activity.conversation.id, 1);
    expect(reply!.body.text).toContain('[1]');
  }, 30_000);

  it('answers a redelivery that arrives while the first delivery is still running only once', async () => {
    const h = await start(path.join(dir, `${++files}.db`));
    h.connector.delayMs = 1_500;
    const activity = teamsMessage('Doit-on informer la personne?', { serviceUrl: h.connector.serviceUrl });
    const first = postActivity(h.baseUrl, activity);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    expect(await first).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.connector.messages(activity.conversation.id)).toHaveLength(1);
  });

  it('does not answer again after a restart: a new server on the same file sees the message answered', async () => {
    const file = path.join(dir, `${++files}.db`);
    const connector = await new FakeConnector().start();
    const before = await start(file, connector);
    const activity = teamsMessage('Doit-on informer la personne?', { serviceUrl: connector.serviceUrl });
    expect(await postActivity(before.baseUrl, activity)).toBe(200);
    await connector.waitForMessages(activity.conversation.id, 1);
    await before.server.close();

    const after = await start(file, connector);
    expect(await postActivity(after.baseUrl, activity)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connector.messages(activity.conversation.id)).toHaveLength(1);
    expect(after.logs.records().find((r) => r.msg === 'turn' && r.activityId === activity.id)).toMatchObject({ route: 'duplicate', outcome: 'ignored' });
  });
});
