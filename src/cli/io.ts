/** Where a CLI run reads and writes. Tests pass captured streams and a fixed environment. */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  stdin: NodeJS.ReadableStream;
  /** The environment the configuration is read from (see loadConfig). */
  env: NodeJS.ProcessEnv;
}

/** The real process streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}
