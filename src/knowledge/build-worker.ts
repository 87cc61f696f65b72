import { parentPort, workerData } from 'node:worker_threads';
import { ExtractionError, extractBytes } from './extract/index.js';
import { buildPassages, type BuildOptions } from './pipeline.js';
import type { ExtractedDocument } from './types.js';
import type { WorkerInput, WorkerReply } from './off-thread.js';

// The worker side of off-thread.ts: extracts the file once, then builds passages for each BuildOptions it is sent.
// Replies are plain data (structured clone): errors travel as their fields and are rebuilt on the main thread.

const port = parentPort!;
const { bytes, file } = workerData as WorkerInput;

function failure(error: unknown): WorkerReply {
  if (error instanceof ExtractionError) return { kind: 'extraction_error', file: error.file, reason: error.reason, problem: error.problem };
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

let extracted: ExtractedDocument;
try {
  extracted = await extractBytes(bytes, file);
  port.postMessage({ kind: 'extracted' } satisfies WorkerReply);
  port.on('message', (options: BuildOptions) => {
    let reply: WorkerReply;
    try {
      reply = { kind: 'built', built: buildPassages(extracted, options) };
    } catch (error) {
      reply = failure(error);
    }
    port.postMessage(reply);
  });
} catch (error) {
  port.postMessage(failure(error));
}
