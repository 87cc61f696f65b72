import { Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/run.js';

/** CLI io whose output is kept in strings; `env` defaults to a data dir that tests never use (they pass --db). */
export function captureIo(env: NodeJS.ProcessEnv = { BALISES_DATA_DIR: '/nonexistent/balises-test', USER: 'tester' }) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { write: (chunk: string) => (out.stdout += chunk) },
    stderr: { write: (chunk: string) => (out.stderr += chunk) },
    stdin: Readable.from([]),
    env,
  };
  return { io, out };
}
