import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const MAIN = path.resolve(import.meta.dirname, '../../dist/src/server/main.js');

/** A running server process (dist/src/server/main.js, see build.ts `ensureBuilt`) and its base URL. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
}

/**
 * Starts the built server as its own process with `env` (and this process's PATH, nothing else of its environment);
 * resolves once it logs that it listens, with the URL it logs (without `/api/messages`).
 * @param env the server's environment: at least BALISES_DATA_DIR and PORT ('0' for a free port); LOG_LEVEL must
 *   let `info` through, since the URL is read from the "Balises is listening" log line
 * @throws when the process exits before listening, or does not listen within 30 s
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in time')), 30_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    lines.on('line', (line) => {
      const record = JSON.parse(line) as { msg?: string; url?: string };
      if (record.msg === 'Balises is listening' && record.url) {
        clearTimeout(timer);
        resolve(record.url.replace(/\/api\/messages$/, ''));
      }
    });
  });
  return { child, url };
}

/** Sends `signal` to a server process and waits for it to exit; does nothing when it already has. */
export async function killServerProcess(server: ServerProcess, signal: NodeJS.Signals): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill(signal);
  await exited;
}
