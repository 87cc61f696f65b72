import { parentPort, workerData } from 'node:worker_threads';
import { exportInventoryBytes } from './export.js';
import type { ExportWorkerInput, ExportWorkerReply } from './export-off-thread.js';
import { InventoryStoreError } from './repository-errors.js';
import { openSqliteInventoryReader } from './sqlite-repository.js';

// The worker side of export-off-thread.ts: makes one export from its own read-only connection, replies once, and
// ends. The bytes' buffer is transferred, not copied; errors travel as plain data and are rebuilt on the main thread.

const port = parentPort!;
const { file, options } = workerData as ExportWorkerInput;

function failure(error: unknown): ExportWorkerReply {
  if (error instanceof InventoryStoreError) return { kind: 'store_error', location: error.location, message: error.message };
  return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

let reply: ExportWorkerReply;
let transfer: ArrayBuffer[] = [];
try {
  const reader = openSqliteInventoryReader(file);
  try {
    const { bytes, declarations } = await exportInventoryBytes(reader, options);
    // A buffer of its own, exactly the file's size, is handed over as it is; a view into a larger one is copied first.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    reply = { kind: 'exported', bytes: own as ArrayBuffer, declarations };
    transfer = [own as ArrayBuffer];
  } finally {
    reader.close();
  }
} catch (error) {
  reply = failure(error);
}
port.postMessage(reply, transfer);
