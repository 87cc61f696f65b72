import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import { CardConnector } from './card-connector.js';

/** A bot under test: its base URL, the fake Bot Connector it replies to, and its data folder (read after beforeAll). */
export interface RunningBot {
  readonly url: string;
  readonly connector: CardConnector;
  readonly dataDir: string;
}

/**
 * Starts, in beforeAll, a real Balises server on a free port with a fresh SQLite data folder (`prefix` names the
 * temporary folder) and a CardConnector; stops both and removes the folder in afterAll. Call it inside `describe`.
 * @param env extra environment of the server (e.g. `{ RATE_LIMIT_BURST: '100' }`; `PORT` a fixed port for the bot)
 * @param connectorPort a fixed port for the CardConnector (0: a free one)
 * @returns getters valid once beforeAll has run
 */
export function runningBot(prefix: string, env: Record<string, string> = {}, connectorPort = 0): RunningBot {
  let dataDir = '';
  let connector: CardConnector | undefined;
  let running: RunningBalises | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
    connector = await new CardConnector().start(connectorPort);
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ...env });
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get url() {
      return running!.url;
    },
    get connector() {
      return connector!;
    },
    get dataDir() {
      return dataDir;
    },
  };
}
