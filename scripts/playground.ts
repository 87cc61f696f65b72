import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { projectRoot } from '../src/config.js';
import { start, startupFailureMessage, type RunningBalises } from '../src/server/main.js';

/**
 * `npm run playground`: Balises with its embedded defaults (local mode, SQLite in BALISES_DATA_DIR or `.data`) and
 * the Microsoft 365 Agents Playground (`@microsoft/m365agentsplayground`, a Teams-like web client that runs
 * offline) pointed at it. The Playground's mock Teams context is playground/m365agentsplayground.yml: its current
 * user is made a governance admin unless GOVERNANCE_ADMIN_IDS is set.
 */

/** The current user's Entra object id in playground/m365agentsplayground.yml. */
export const PLAYGROUND_USER_ID = '00000000-0000-4000-8000-000000000020';
/** The Playground's own default port. */
export const DEFAULT_PLAYGROUND_PORT = 56150;
/** How long the Playground may take to listen, in ms (it unpacks a large bundle on a cold start). */
const PLAYGROUND_START_TIMEOUT_MS = 60_000;

/** A running bot and Playground. */
export interface RunningPlayground {
  /** The Playground's page, to open in a browser. */
  url: string;
  bot: RunningBalises;
  /** Stops the Playground, then the bot. */
  stop(): Promise<void>;
}

/**
 * Starts Balises (its configuration from `env`, with playground defaults for the unset variables) and the
 * Playground on `playgroundPort` (the Playground picks another port when it is taken; the returned URL is the one it
 * listens on).
 * @throws what `start` throws (bad configuration, port in use…); an Error with the Playground's output when it does
 *   not start listening within a minute
 */
export async function startPlayground(env: NodeJS.ProcessEnv, playgroundPort = DEFAULT_PLAYGROUND_PORT): Promise<RunningPlayground> {
  const bot = await start({ GOVERNANCE_ADMIN_IDS: PLAYGROUND_USER_ID, ORGANISME_PUBLIC: 'Organisme fictif', LOG_LEVEL: 'warn', ...env });
  let child: ChildProcess | undefined;
  let url: string;
  try {
    ({ child, url } = await spawnPlayground(`${bot.url}/api/messages`, playgroundPort));
    await waitUntilServing(url);
  } catch (err) {
    if (child) await stopChild(child);
    await bot.stop();
    throw err;
  }
  return {
    url,
    bot,
    async stop() {
      await stopChild(child!);
      await bot.stop();
    },
  };
}

function spawnPlayground(endpoint: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  const loopbackOnly = pathToFileURL(path.join(projectRoot(), 'scripts', 'loopback-only.mjs')).href;
  const child = spawn(process.execPath, ['--import', loopbackOnly, cli, '-e', endpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
    cwd: projectRoot(),
    env: {
      ...process.env,
      // Never open a browser: the command prints the URL, the tests drive their own Chromium.
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(projectRoot(), 'playground', 'm365agentsplayground.yml'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`the Playground did not start within ${PLAYGROUND_START_TIMEOUT_MS / 1000} s:\n${output}`)), PLAYGROUND_START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const listening = /Listening on (\d+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        child.off('exit', onExit);
        resolve({ child, url: `http://127.0.0.1:${listening[1]}` });
      }
    };
    const onExit = (code: number | null) => fail(new Error(`the Playground exited (${code}) before listening:\n${output}`));
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', onExit);
  });
}

/** Resolves once `url` answers HTTP (the Playground prints « Listening » slightly before it does). */
async function waitUntilServing(url: string): Promise<void> {
  const deadline = Date.now() + PLAYGROUND_START_TIMEOUT_MS;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`the Playground does not answer at ${url}`, { cause: err });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  let running: RunningPlayground;
  try {
    const port = z.coerce.number().int().min(0).max(65535).default(DEFAULT_PLAYGROUND_PORT).parse(process.env.PLAYGROUND_PORT || undefined);
    running = await startPlayground(process.env, port);
  } catch (err) {
    console.error(startupFailureMessage(err) ?? err);
    process.exit(1);
  }
  console.log(`\nBalises is running in the Microsoft 365 Agents Playground: open ${running.url}\n(bot at ${running.bot.url}/api/messages; Ctrl-C to stop)\n`);
  const stop = () => {
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
