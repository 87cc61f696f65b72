import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExportOptions, InventoryBytes } from './export.js';
import { InventoryStoreError } from './repository-errors.js';

/**
 * Longest an export made in a worker may take, in ms, before the worker is stopped and the export fails: an admin
 * waiting for a consent card gets the error message instead of waiting forever on a worker that hangs. 3 000 large
 * declarations (48 MB of JSON) take 6 to 8 s on a busy two-core machine (`npm run bench`).
 */
export const EXPORT_TIMEOUT_MS = 60_000;

/**
 * Heap an export worker may use, in MB: the 48 MB JSON of 3 000 large declarations is held as a string (two bytes a
 * character once it holds a typographic apostrophe) beside the records it is made from; a larger inventory fails on
 * its own (« needs more memory ») instead of taking the memory every conversation of the bot shares.
 */
export const EXPORT_WORKER_HEAP_MB = 1024;

/** What the worker (export-worker.ts) is started with: the SQLite file and the export asked for. */
export interface ExportWorkerInput {
  file: string;
  options: ExportOptions;
}

/** The worker's one message: the file's bytes (their ArrayBuffer transferred, not copied), or its error as data. */
export type ExportWorkerReply =
  | { kind: 'exported'; bytes: ArrayBuffer; declarations: number }
  | { kind: 'store_error'; location: string; message: string }
  | { kind: 'error'; message: string };

// Compiled, the worker is the .js file beside this one; run from TypeScript sources (the unit tests), there is none
// to start, and the export is made on the calling thread (sliced, see exportInventoryBytes) from a read-only reader.
const WORKER_URL = new URL('./export-worker.js', import.meta.url);
const WORKER_AVAILABLE = import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER_URL));

/**
 * Makes the export of the inventory in the SQLite `file` in a worker thread with its own read-only connection (WAL:
 * it reads while the bot writes), so that the bot keeps answering every other conversation meanwhile: made on the
 * bot's thread, the synchronous driver and the serialisation held it 6 to 8 s for 3 000 large declarations. The
 * bytes are exportInventoryBytes' (those `balises export` writes); the worker hands their buffer over without a copy.
 * @param options.timeoutMs the worker is stopped after this long (ms, default EXPORT_TIMEOUT_MS)
 * @param options.maxHeapMb the worker's heap limit in MB (default EXPORT_WORKER_HEAP_MB)
 * @param readOnThread the export made on the calling thread, used when there is no compiled worker to start
 * @throws InventoryStoreError when the file cannot be read, the export needs more memory than the limit, the worker
 *   stops before answering (crashed, killed) or does not answer in time
 */
export async function exportSqliteOffThread(
  file: string,
  exportOptions: ExportOptions,
  readOnThread: () => Promise<InventoryBytes>,
  options: { timeoutMs?: number; maxHeapMb?: number } = {},
): Promise<InventoryBytes> {
  if (!WORKER_AVAILABLE) return readOnThread();
  const timeoutMs = options.timeoutMs ?? EXPORT_TIMEOUT_MS;
  const maxHeapMb = options.maxHeapMb ?? EXPORT_WORKER_HEAP_MB;
  const worker = new Worker(WORKER_URL, {
    workerData: { file, options: exportOptions } satisfies ExportWorkerInput,
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
  });
  // A stopping bot does not wait for an export being made.
  worker.unref();
  let timer: NodeJS.Timeout | undefined;
  try {
    const reply = await new Promise<ExportWorkerReply>((resolve, reject) => {
      timer = setTimeout(() => reject(new InventoryStoreError(file, `the export took longer than ${timeoutMs / 1000} s and was stopped`)), timeoutMs);
      worker.on('message', resolve);
      worker.on('error', (error: Error & { code?: string }) =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new InventoryStoreError(file, `the export needs more than ${maxHeapMb} MB of memory`, { cause: error })
            : new InventoryStoreError(file, `the export failed (${error.message})`, { cause: error }),
        ),
      );
      worker.on('exit', (code) => reject(new InventoryStoreError(file, `making the export stopped (exit code ${code})`)));
    });
    if (reply.kind === 'exported') return { bytes: Buffer.from(reply.bytes), declarations: reply.declarations };
    if (reply.kind === 'store_error') throw new InventoryStoreError(reply.location, reply.message.replace(`inventory store ${reply.location}: `, ''));
    throw new InventoryStoreError(file, `the export failed (${reply.message})`);
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}
