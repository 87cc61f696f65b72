import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { start } from '../../src/server/main.js';

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

  it('refuses to start with an invalid environment, naming the variable', async () => {
    await expect(start({ BALISES_DATA_DIR: dir, PORT: 'abc', LOG_LEVEL: 'silent' })).rejects.toThrow(ConfigError);
    await expect(start({ BALISES_DATA_DIR: dir, BOT_ID: 'not-a-guid', LOG_LEVEL: 'silent' })).rejects.toThrow(/BOT_ID/);
  });
});
