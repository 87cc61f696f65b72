import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { createFeedbackService, openSqliteFeedbackRepository } from '../../src/feedback/index.js';
import { KnowledgeStoreError } from '../../src/knowledge/store.js';
import { start, StartupError, startupFailureMessage } from '../../src/server/main.js';

describe('start', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'balises-main-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves health and readiness on loopback in local mode, then stops cleanly', async () => {
    const running = await start({ BALISES_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    await running.stop();
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });

  it('gives an IPv6 HOST its URL in brackets, one that can be fetched, in what it returns and logs', async () => {
    // http://::1:PORT is no URL: the « Balises is listening » line and `url` could not be used as given.
    const running = await start({ BALISES_DATA_DIR: path.join(dir, 'ipv6'), PORT: '0', LOG_LEVEL: 'silent', HOST: '::1' });
    try {
      expect(running.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    } finally {
      await running.stop();
    }
  });

  it('purges feedback older than the retention period when it starts', async () => {
    const data = path.join(dir, 'feedback');
    const file = path.join(data, 'balises.db');
    const seed = async (ratedAt: string, messageId: string) => {
      const repository = openSqliteFeedbackRepository(file);
      await createFeedbackService(repository, { keepQuestions: false, retentionDays: 30 }, () => new Date(ratedAt)).rate({ conversationId: 'c', messageId }, 'aad-1', 'like');
      await repository.close();
    };
    await seed('2020-01-01T00:00:00.000Z', 'old');
    await seed(new Date().toISOString(), 'recent');
    const running = await start({ BALISES_DATA_DIR: data, PORT: '0', LOG_LEVEL: 'silent', FEEDBACK_RETENTION_DAYS: '30' });
    await running.stop();
    const repository = openSqliteFeedbackRepository(file);
    expect((await repository.ratings()).map((r) => r.messageId)).toEqual(['recent']);
    await repository.close();
  });

  it('refuses to start with an invalid environment, naming the variable', async () => {
    await expect(start({ BALISES_DATA_DIR: dir, PORT: 'abc', LOG_LEVEL: 'silent' })).rejects.toThrow(ConfigError);
    await expect(start({ BALISES_DATA_DIR: dir, BOT_ID: 'not-a-guid', LOG_LEVEL: 'silent' })).rejects.toThrow(/BOT_ID/);
  });

  it('refuses to start on a corrupt database file with a one-line reason', async () => {
    const corrupt = path.join(dir, 'corrupt');
    mkdirSync(corrupt);
    writeFileSync(path.join(corrupt, 'balises.db'), 'ceci n’est pas une base SQLite '.repeat(200));
    const failure = await start({ BALISES_DATA_DIR: corrupt, PORT: '0', LOG_LEVEL: 'silent' }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(KnowledgeStoreError);
    const message = startupFailureMessage(failure)!;
    expect(message).toMatch(/^Balises cannot start: knowledge store .*balises\.db: /);
    expect(message).not.toContain('\n');
  });

  it('refuses to start when the port is already in use, saying so in one line', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const failure = await start({ BALISES_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'silent' }).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(StartupError);
      expect(startupFailureMessage(failure)).toBe(
        `Balises cannot start: port ${port} is already in use on 127.0.0.1: stop the other process or set PORT to a free port`,
      );
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });

  it('leaves nothing open on the data folder when it cannot listen', async () => {
    const data = path.join(dir, 'released');
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    // Linux lists a process's open files in /proc/self/fd: the database and its WAL files must be gone from it.
    const openOnData = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith(data);
      } catch {
        return false;
      }
    });
    try {
      await expect(start({ BALISES_DATA_DIR: data, PORT: String(port), LOG_LEVEL: 'silent' })).rejects.toThrow(StartupError);
      expect(openOnData()).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
    const running = await start({ BALISES_DATA_DIR: data, PORT: '0', LOG_LEVEL: 'silent' });
    expect(openOnData().length).toBeGreaterThan(0);
    await running.stop();
    expect(openOnData()).toEqual([]);
  });

  it('refuses to start when BALISES_DATA_DIR is a file, naming it', async () => {
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const failure = await start({ BALISES_DATA_DIR: file, PORT: '0', LOG_LEVEL: 'silent' }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(StartupError);
    expect(startupFailureMessage(failure)).toBe(
      `Balises cannot start: BALISES_DATA_DIR ${file} is a file, not a folder: point it to a folder (created if missing)`,
    );
  });

  it('prints the configuration problems as they are and leaves unexpected errors to their stack', () => {
    expect(startupFailureMessage(new ConfigError(['PORT: Expected number']))).toBe('Invalid configuration:\n  - PORT: Expected number');
    expect(startupFailureMessage(new TypeError('bug'))).toBeNull();
  });
});
