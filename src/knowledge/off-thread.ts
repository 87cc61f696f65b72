import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ExtractionError, extractBytes, type ExtractionProblem } from './extract/index.js';
import { buildPassages, type BuildOptions, type BuiltDocument } from './pipeline.js';

/**
 * Heap a worker reading one file may use, in MB: a huge or hostile file fails on its own (« needs more memory »)
 * instead of taking the memory every conversation of the bot shares. The 390-page Debian reference PDF needs
 * about a fifth of it.
 */
export const WORKER_HEAP_MB = 1024;

/**
 * Files read at once by one process; the others wait their turn, first come first served. Each reading worker
 * takes up to WORKER_HEAP_MB and a core: six PDFs of 390 pages sent at once by admins took the bot to 970 MB and
 * 100 s for every card (16 s for one alone), and ten (the message limit's burst) could exhaust the memory every
 * conversation shares. Two keeps one long file from holding up another admin's for minutes.
 */
export const MAX_CONCURRENT_READS = 2;

/** What the worker (build-worker.ts) is started with. */
export interface WorkerInput {
  bytes: Uint8Array;
  file: string;
}

/** One message from the worker: the file is extracted, a build is done, or either failed (errors as plain data). */
export type WorkerReply =
  | { kind: 'extracted' }
  | { kind: 'built'; built: BuiltDocument }
  | { kind: 'extraction_error'; file: string; reason: string; problem: ExtractionProblem | null }
  | { kind: 'error'; message: string };

/** A file extracted once, from which passages are built for one or more document ids and version labels. */
export interface ExtractedFile {
  /** Builds the passages of the extracted text (`buildPassages`). @throws Error when the worker has stopped */
  build(options: BuildOptions): Promise<BuiltDocument>;
  /** Frees the worker; idempotent. */
  close(): Promise<void>;
}

// Compiled, the worker is the .js file beside this one; run from TypeScript sources (the unit tests), there is
// none to start, and the file is read on the calling thread as before.
const WORKER_URL = new URL('./build-worker.js', import.meta.url);
const WORKER_AVAILABLE = import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER_URL));

/**
 * Extracts a file's bytes in a worker thread, so that reading a long PDF (seconds of parsing) does not stall the
 * turns of every other conversation the bot is answering meanwhile, and a file that needs more than
 * WORKER_HEAP_MB fails alone. Same results and errors as `extractBytes` then `buildPassages` on the calling thread.
 * At most MAX_CONCURRENT_READS files are open at once in a process: a call waits its turn, held until `close`.
 * @param file the file's name; its extension chooses the extractor, and it names the file in errors
 * @param options.maxHeapMb the worker's heap limit in MB (default WORKER_HEAP_MB)
 * @param options.keepAlive keep the process running until the file is closed (default false: a stopping bot does not
 *   wait for a file being read); a command-line run needs it, as nothing else keeps its event loop alive meanwhile
 * @throws ExtractionError as `extractBytes` does, and when the file needs more memory than the limit
 */
export async function extractOffThread(
  bytes: Uint8Array,
  file: string,
  options: { maxHeapMb?: number; keepAlive?: boolean } = {},
): Promise<ExtractedFile> {
  const maxHeapMb = options.maxHeapMb ?? WORKER_HEAP_MB;
  if (!WORKER_AVAILABLE) {
    const extracted = await extractBytes(bytes, file);
    return { build: async (options) => buildPassages(extracted, options), close: async () => {} };
  }
  const release = await readingTurn();
  let worker: Worker;
  try {
    worker = new Worker(WORKER_URL, {
      workerData: { bytes, file } satisfies WorkerInput,
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
    });
  } catch (error) {
    release();
    throw error;
  }
  // A stopping bot does not wait for a file being read.
  if (!options.keepAlive) worker.unref();
  let waiting: { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void } | null = null;
  let stopped: Error | null = null;
  let closing = false;
  const stop = (error: Error): void => {
    stopped ??= error;
    waiting?.reject(stopped);
    waiting = null;
  };
  worker.on('message', (reply: WorkerReply) => {
    const w = waiting;
    waiting = null;
    w?.resolve(reply);
  });
  worker.on('error', (error: Error & { code?: string }) =>
    stop(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ExtractionError(file, `the file needs more than ${maxHeapMb} MB of memory to read`, { cause: error }) : error),
  );
  worker.on('exit', (code) => stop(closing ? new Error('the file was closed') : new ExtractionError(file, `reading the file stopped (exit code ${code})`)));
  const next = (): Promise<WorkerReply> =>
    new Promise((resolve, reject) => {
      if (stopped) reject(stopped);
      else waiting = { resolve, reject };
    });
  const close = async (): Promise<void> => {
    closing = true;
    try {
      await worker.terminate();
    } finally {
      release();
    }
  };

  try {
    expectKind(await next(), 'extracted');
  } catch (error) {
    await close();
    throw error;
  }
  let queue: Promise<unknown> = Promise.resolve();
  return {
    build(options) {
      const done = queue.then(async () => {
        const reply = next();
        worker.postMessage(options);
        const built = expectKind(await reply, 'built');
        return built.built;
      });
      queue = done.catch(() => undefined);
      return done;
    },
    close,
  };
}

let reading = 0;
const waitingTurns: Array<() => void> = [];

/**
 * Waits until fewer than MAX_CONCURRENT_READS files are being read, then counts this one; resolves with the
 * function that ends its turn (idempotent), letting the longest-waiting file start.
 */
async function readingTurn(): Promise<() => void> {
  if (reading >= MAX_CONCURRENT_READS) await new Promise<void>((resolve) => waitingTurns.push(resolve));
  else reading++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // The turn passes straight to the next waiting file, so a file arriving meanwhile cannot overtake it.
    const next = waitingTurns.shift();
    if (next) next();
    else reading--;
  };
}

/** The reply when it is of the expected kind; the error it carries otherwise, rebuilt as thrown in the worker. */
function expectKind<K extends 'extracted' | 'built'>(reply: WorkerReply, kind: K): Extract<WorkerReply, { kind: K }> {
  if (reply.kind === kind) return reply as Extract<WorkerReply, { kind: K }>;
  if (reply.kind === 'extraction_error') throw new ExtractionError(reply.file, reply.reason, reply.problem ? { problem: reply.problem } : {});
  if (reply.kind === 'error') throw new Error(reply.message);
  throw new Error(`unexpected reply from the extraction worker: ${reply.kind}`);
}
