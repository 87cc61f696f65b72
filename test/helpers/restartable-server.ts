import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ensureBuilt } from './build.js';
import { CardConnector } from './card-connector.js';
import { killServerProcess, startServerProcess, type ServerProcess } from './server-process.js';

/** The real server process over one data folder, to be killed (`kill -9`) and started again over that folder. */
export interface RestartableServer {
  /** The data folder (BALISES_DATA_DIR); set once the suite's beforeAll has run. */
  readonly dataDir: string;
  /** The Bot Connector the server posts to, listening once the suite's beforeAll has run. */
  readonly connector: CardConnector;
  /** Starts the built server on a free port over `dataDir` (see startServerProcess). */
  start(): Promise<ServerProcess>;
}

/**
 * The scaffolding the kill-and-restart tests share. Registers, in the calling `describe`, a beforeAll that builds
 * dist/ (see ensureBuilt), makes the data folder and starts the connector, and an afterAll that kills the last
 * process started with SIGKILL (nothing when it has exited), stops the connector and removes the folder.
 * @param options.prefix the data folder's name start under the system's temporary folder (`balises-turn-kill-`)
 * @param options.dataDir makes the data folder instead of an empty one (e.g. dataDirWith, a document ingested)
 * @param options.env the server's environment besides BALISES_DATA_DIR, PORT (0) and LOG_LEVEL (info)
 */
export function restartableServer(options: { prefix: string; dataDir?: (prefix: string) => Promise<string>; env?: Record<string, string> }): RestartableServer {
  const connector = new CardConnector();
  let dataDir: string | undefined;
  let last: ServerProcess | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    dataDir = options.dataDir ? await options.dataDir(options.prefix) : mkdtempSync(path.join(tmpdir(), options.prefix));
    await connector.start();
  }, 120_000);
  afterAll(async () => {
    if (last) await killServerProcess(last, 'SIGKILL');
    await connector.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const folder = (): string => {
    if (dataDir === undefined) throw new Error('the data folder is made in beforeAll: use it inside a test');
    return dataDir;
  };
  return {
    get dataDir() {
      return folder();
    },
    connector,
    async start() {
      last = await startServerProcess({ BALISES_DATA_DIR: folder(), PORT: '0', LOG_LEVEL: 'info', ...options.env });
      return last;
    },
  };
}
