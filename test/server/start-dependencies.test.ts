import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { start } from '../../src/server/main.js';

/** CommonJS libraries of formats and backends a local server on SQLite never uses at start (they load on demand). */
const ON_DEMAND = /node_modules\/(mammoth|jszip|pg)\//;

describe('start on SQLite with the local index', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'balises-start-deps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is ready without loading the DOCX and PostgreSQL libraries (start-up time and memory)', async () => {
    const running = await start({ BALISES_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' });
    try {
      expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => ON_DEMAND.test(file));
      expect(loaded).toEqual([]);
    } finally {
      await running.stop();
    }
  });
});
