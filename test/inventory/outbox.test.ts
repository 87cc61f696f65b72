import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelayMs, createOutboxWorker, type NotificationItem, type OutboxWorker } from '../../src/inventory/outbox.js';
import { openPostgresInventoryRepository } from '../../src/inventory/postgres-repository.js';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import type { Actor, Assessment, InventoryRepository } from '../../src/inventory/types.js';
import { createLogger } from '../../src/server/logger.js';
import { startTestPostgres, type TestPostgres } from '../helpers/embedded-postgres.js';
import { LogCapture } from '../helpers/log-capture.js';
import { quietDraft } from './declarations.js';

const ASSESSMENT: Assessment = { rulesVersion: 'test', level: 1, score: 0, obligations: [], assessedAt: '2031-04-01T12:00:00.000Z' };
const FAST = { baseMs: 20, ceilingMs: 200 };

function person(n: number): Actor {
  return { id: `ffffffff-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Personne fictive ${n}` };
}

async function submit(repo: InventoryRepository, n: number): Promise<string> {
  const draft = await repo.createDraft(person(n), quietDraft(), new Date().toISOString());
  await repo.submit(draft.id, draft.revision, { assessment: ASSESSMENT, actor: person(n), key: `k-${n}`, now: new Date().toISOString() });
  return draft.id;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('backoffDelayMs', () => {
  it('doubles from the base at each failure up to the ceiling, with half of it random', () => {
    const policy = { baseMs: 1_000, ceilingMs: 60_000 };
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, policy, 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, policy, 0.999))).toEqual([999, 1_999, 3_998, 7_996]);
    expect(backoffDelayMs(40, policy, 0)).toBe(30_000);
    expect(backoffDelayMs(40, policy, 0.999)).toBeLessThan(60_000);
  });
});

/**
 * A worker whose every delivery is refused with 403 (the declarant uninstalled the app), giving up after 150 ms:
 * the notification is given up once, logged once at error level, its log two rows, and not attempted again.
 */
async function givesUpAGoneConversation(repo: InventoryRepository): Promise<void> {
  const logs = new LogCapture();
  let calls = 0;
  const worker = createOutboxWorker({
    store: repo,
    backoff: FAST,
    giveUpAfterMs: 150,
    pollMs: 10,
    logger: createLogger({ logLevel: 'debug' }, logs),
    deliver: async () => {
      calls += 1;
      throw Object.assign(new Error('Forbidden'), { statusCode: 403, name: 'RestError' });
    },
  });
  const id = await submit(repo, 1);
  worker.start();
  await until(async () => (await repo.notifications(id))[0]?.deliveredAt !== null);
  const callsWhenGivenUp = calls;
  await new Promise((resolve) => setTimeout(resolve, 300));
  await worker.stop();
  expect(calls).toBe(callsWhenGivenUp);
  const [notification] = await repo.notifications(id);
  expect(notification!.attemptLog.map((a) => [a.outcome, a.detail])).toEqual([
    ['failed', 'RestError 403'],
    ['given_up', 'RestError 403'],
  ]);
  expect(notification!.attemptLog[0]!.repeats).toBe(calls - 1);
  expect(Date.parse(notification!.attemptLog[1]!.at) - Date.parse(notification!.attemptLog[0]!.at)).toBeGreaterThanOrEqual(150);
  const errors = logs.records().filter((r) => r.level === 50);
  expect(errors.map((r) => [r.declarationId, r.notification, r.detail])).toEqual([[id, 'review_card', 'RestError 403']]);
}

describe('createOutboxWorker over SQLite', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'balises-outbox-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let files = 0;
  const newFile = () => path.join(dir, `outbox-${++files}.db`);

  it('retries a failing delivery with backoff, records every attempt and logs the declaration id, never the error text', async () => {
    const repo = openSqliteInventoryRepository(newFile());
    const logs = new LogCapture();
    let calls = 0;
    const worker = createOutboxWorker({
      store: repo,
      backoff: FAST,
      pollMs: 10,
      logger: createLogger({ logLevel: 'debug' }, logs),
      deliver: async () => {
        calls += 1;
        if (calls <= 2) throw Object.assign(new Error('connector said: Texte confidentiel de Mme Fictive'), { statusCode: 500, name: 'RestError' });
        return { outcome: 'delivered' };
      },
    });
    const id = await submit(repo, 1);
    worker.start();
    await until(async () => (await repo.notifications(id))[0]?.deliveredAt !== null);
    await worker.stop();
    const [notification] = await repo.notifications(id);
    // The two failures with the same detail are one row counting both (first and latest time).
    expect(notification!.attemptLog.map((a) => [a.attempt, a.outcome, a.detail, a.repeats])).toEqual([
      [1, 'failed', 'RestError 500', 2],
      [3, 'delivered', null, 1],
    ]);
    const [failedRun, delivered] = notification!.attemptLog;
    expect(Date.parse(failedRun!.lastAt) - Date.parse(failedRun!.at)).toBeGreaterThanOrEqual(10);
    expect(Date.parse(delivered!.at) - Date.parse(failedRun!.lastAt)).toBeGreaterThanOrEqual(20);
    const failures = logs.records().filter((r) => r.msg === 'notification delivery failed');
    expect(failures.map((r) => [r.declarationId, r.attempt])).toEqual([
      [id, 1],
      [id, 2],
    ]);
    expect(logs.text()).not.toContain('Texte confidentiel');
    await repo.close();
  });

  it('gives up a notice whose conversation stays gone (403) past the bound: one error log, then no more attempts or rows', async () => {
    const repo = openSqliteInventoryRepository(newFile());
    await givesUpAGoneConversation(repo);
    await repo.close();
  });

  it('delivers at once, on start, what a dead process of this machine held, and leaves a running process’s lease alone', async () => {
    const repo = openSqliteInventoryRepository(newFile());
    const dead = await submit(repo, 1);
    const leasedByParent = await submit(repo, 2);
    const now = new Date().toISOString();
    // A process id past any the system gives: that worker no longer runs. The parent process of this one runs.
    await repo.claimNotifications(`${hostname()}:999999999:mort`, now, 120_000, 1);
    await repo.claimNotifications(`${hostname()}:${process.ppid}:voisin`, now, 120_000, 1);
    const delivered: string[] = [];
    const worker = createOutboxWorker({
      store: repo,
      pollMs: 10,
      logger: createLogger({ logLevel: 'silent' }),
      deliver: async (item) => {
        delivered.push(item.declarationId);
        return { outcome: 'delivered' };
      },
    });
    worker.start();
    await until(() => delivered.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await worker.stop();
    expect(delivered).toEqual([dead]);
    expect((await repo.notifications(leasedByParent))[0]?.deliveredAt).toBeNull();
    await repo.close();
  });

  it('resumes after a restart the notifications a stopped process left undelivered', async () => {
    const file = newFile();
    const first = openSqliteInventoryRepository(file);
    const ids = [await submit(first, 1), await submit(first, 2)];
    await first.close();

    const reopened = openSqliteInventoryRepository(file);
    const delivered: string[] = [];
    const worker = createOutboxWorker({
      store: reopened,
      logger: createLogger({ logLevel: 'silent' }),
      pollMs: 10,
      deliver: async (item) => {
        delivered.push(item.declarationId);
        return { outcome: 'delivered' };
      },
    });
    worker.start();
    await until(() => delivered.length === 2);
    await worker.stop();
    expect(delivered).toEqual(ids);
    await reopened.close();
  });

  it('delivers at once when woken, without waiting for the next poll', async () => {
    const repo = openSqliteInventoryRepository(newFile());
    const delivered: string[] = [];
    const worker = createOutboxWorker({
      store: repo,
      logger: createLogger({ logLevel: 'silent' }),
      pollMs: 60_000,
      deliver: async (item) => {
        delivered.push(item.declarationId);
        return { outcome: 'delivered' };
      },
    });
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const id = await submit(repo, 3);
    worker.wake();
    await until(() => delivered.length === 1, 2_000);
    await worker.stop();
    expect(delivered).toEqual([id]);
    await repo.close();
  });
});

describe('createOutboxWorker over PostgreSQL, two instances', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('gives up a notice whose conversation stays gone (403) past the bound, as on SQLite', async () => {
    const repo = await openPostgresInventoryRepository(await server.createDatabase());
    await givesUpAGoneConversation(repo);
    await repo.close();
  });

  it('delivers each notification once when two instances work the same outbox', async () => {
    const url = await server.createDatabase();
    const [a, b] = await Promise.all([openPostgresInventoryRepository(url), openPostgresInventoryRepository(url)]);
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => submit(i % 2 === 0 ? a! : b!, i + 1)));
    const delivered: Array<{ by: string; item: NotificationItem }> = [];
    const workers: OutboxWorker[] = (
      [
        ['a', a!],
        ['b', b!],
      ] as const
    ).map(([by, repo]) =>
      createOutboxWorker({
        store: repo,
        logger: createLogger({ logLevel: 'silent' }),
        pollMs: 5,
        batchSize: 3,
        deliver: async (item) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          delivered.push({ by, item });
          return { outcome: 'delivered' };
        },
      }),
    );
    for (const worker of workers) worker.start();
    await until(() => delivered.length >= 30);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all(workers.map((w) => w.stop()));
    expect(delivered.map((d) => d.item.declarationId).sort()).toEqual([...ids].sort());
    expect(new Set(delivered.map((d) => d.by)).size).toBe(2);
    await Promise.all([a!.close(), b!.close()]);
  });
});
