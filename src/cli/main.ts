import { run } from './run.js';

/**
 * Entry point of the `balises` bin: runs the command line and sets the process exit code. Output piped into a
 * reader that stops early (`balises ingest docs/ | head -1`) ends the process quietly instead of crashing.
 */
export async function main(argv: string[]): Promise<void> {
  endQuietlyOnBrokenPipe(process.stdout, () => process.exit());
  process.exitCode = await run(argv);
}

/**
 * Treats EPIPE on `stdout` (the reader closed the pipe) as a normal end: calls `exit` and prints nothing. With
 * `process.exit()` the exit code is the command's when it has finished, else 0. Other stream errors are rethrown.
 */
export function endQuietlyOnBrokenPipe(stdout: NodeJS.EventEmitter, exit: () => void): void {
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    exit();
  });
}
