import { run } from './run.js';

/** Entry point of the `balises` bin: runs the command line and sets the process exit code. */
export async function main(argv: string[]): Promise<void> {
  process.exitCode = await run(argv);
}
