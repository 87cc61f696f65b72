import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies the WAL's new pages into the database file, in ms. */
export const CHECKPOINT_INTERVAL_MS = 100;

/** A running checkpointer; `stop` resolves once its thread has closed its connection and ended. */
export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * The worker's code, plain CommonJS (run with `eval`, so the same code serves the built server and the TypeScript
 * sources the tests run). Its own connection runs a PASSIVE checkpoint every interval: PASSIVE never waits for and
 * never blocks the readers and writers of other connections, and costs nothing when there is nothing new to copy.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const messageOf = (err) => (err instanceof Error ? err.message : String(err));
function open() {
  try {
    return new (require(workerData.driver))(workerData.file, { fileMustExist: true });
  } catch (err) {
    parentPort.postMessage({ failed: messageOf(err) });
    parentPort.close();
    return null;
  }
}
const db = open();
if (db) {
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  let failing = false;
  const timer = setInterval(() => {
    try {
      checkpoint.run();
      failing = false;
    } catch (err) {
      if (!failing) parentPort.postMessage({ failed: messageOf(err) });
      failing = true;
    }
  }, workerData.intervalMs);
  parentPort.on('message', () => {
    clearInterval(timer);
    db.close();
    parentPort.close();
  });
}
`;

/**
 * Checkpoints the WAL of the SQLite file `file` from a worker thread every `intervalMs`, so that the bot's own
 * connections almost never do it on the event loop. Why: a connection checkpoints automatically on the commit that
 * brings the WAL past 1000 pages, inside that commit, copying the pages and syncing both files (10-20 ms on this
 * project's machines, every ~100 turns): a stall of every turn in flight. Checkpointing every 100 ms keeps the WAL
 * far below that threshold; the automatic checkpoint stays as the backstop should this thread fall behind (it then
 * finds the checkpoint lock taken and returns at once). What stays on the event loop: the writer that starts the WAL
 * over after a complete checkpoint syncs the WAL header (SQLite does so at synchronous=NORMAL), about 1 ms.
 * The file must exist and be in WAL mode (`openSqliteFile`).
 * @param onFailure called with the message of the first failure of a run of failed checkpoints (the thread goes on
 *   trying), or of the failure to open the file (the thread then ends: the connections' own checkpoints remain)
 */
export function startWalCheckpointer(file: string, onFailure: (message: string) => void, intervalMs = CHECKPOINT_INTERVAL_MS): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } });
  worker.unref();
  worker.on('message', (message: { failed: string }) => onFailure(message.failed));
  worker.on('error', (err: unknown) => onFailure(err instanceof Error ? err.message : String(err)));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}
