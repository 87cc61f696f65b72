import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError, projectRoot } from '../src/config.js';
import { start, startupFailureMessage, type RunningBalises } from '../src/server/main.js';

/**
 * `npm run playground`: Balises with its embedded defaults (local mode, SQLite in BALISES_DATA_DIR or `.data`) and
 * the Microsoft 365 Agents Playground (`@microsoft/m365agentsplayground`, a Teams-like web client that runs
 * offline) pointed at it. The Playground's mock Teams context is playground/m365agentsplayground.yml: its current
 * user, or the person PLAYGROUND_USER names, is the Playground's current user and is made the governance admin unless
 * GOVERNANCE_ADMIN_IDS is set.
 */

/** The mock Teams context: the only list of the Playground's people. */
export const PLAYGROUND_CONFIG = path.join(projectRoot(), 'playground', 'm365agentsplayground.yml');
/** The Playground's own default port. */
export const DEFAULT_PLAYGROUND_PORT = 56150;
/** How long the Playground may take to listen, in ms (it unpacks a large bundle on a cold start). */
const PLAYGROUND_START_TIMEOUT_MS = 60_000;

const Person = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    givenName: z.string().min(1),
    // GOVERNANCE_ADMIN_IDS accepts Entra object ids (GUIDs) only.
    aadObjectId: z.string().uuid(),
  })
  .passthrough();
const MockContext = z.object({ currentUser: Person, users: z.array(Person) }).passthrough();

/** One mock person of the Playground's config (its schema's `User`; the other fields are kept as they are). */
export type PlaygroundPerson = z.infer<typeof Person>;

/** The Playground's mock Teams context with a chosen current user. */
export interface PlaygroundContext {
  /** The whole config, ready to be written for the Playground. */
  config: z.infer<typeof MockContext>;
  /** Its current user. */
  user: PlaygroundPerson;
  /** True when the current user is not the one the config file names (the config must then be written elsewhere). */
  changed: boolean;
}

/** A given name as compared: accents dropped, lower case, surrounding spaces trimmed (« Maëlle » = « maelle »). */
function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/**
 * The mock Teams context `config` (the parsed yml) with the person whose given name is `givenName` as its current
 * user (case and accents ignored; undefined or blank: the config's own current user). That person and the config's
 * current user swap places, each keeping their ids: the config holds the same six people, the chats and team alike.
 * @throws ConfigError naming PLAYGROUND_USER and the valid given names when nobody has that given name; a ZodError
 *   when the config lacks a person's ids
 */
export function withCurrentUser(config: unknown, givenName: string | undefined): PlaygroundContext {
  const context = MockContext.parse(config);
  const wanted = foldName(givenName ?? '');
  if (wanted === '' || foldName(context.currentUser.givenName) === wanted) return { config: context, user: context.currentUser, changed: false };
  const index = context.users.findIndex((person) => foldName(person.givenName) === wanted);
  if (index < 0) {
    const names = [context.currentUser, ...context.users].map((person) => person.givenName).join(', ');
    throw new ConfigError([`PLAYGROUND_USER: « ${givenName!.trim()} » is none of the Playground’s people (playground/m365agentsplayground.yml); give one of these given names: ${names}`]);
  }
  const user = context.users[index]!;
  const users = context.users.map((person, i) => (i === index ? context.currentUser : person));
  return { config: { ...context, currentUser: user, users }, user, changed: true };
}

/**
 * The Playground's port from `env.PLAYGROUND_PORT` (0–65535; unset or empty: 56150, the Playground's own default).
 * @throws ConfigError naming PLAYGROUND_PORT when it is not such a number, as the server's own variables are reported
 */
export function playgroundPort(env: NodeJS.ProcessEnv): number {
  const parsed = z.coerce.number().int().min(0).max(65535).default(DEFAULT_PLAYGROUND_PORT).safeParse(env.PLAYGROUND_PORT || undefined);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `PLAYGROUND_PORT: ${issue.message}`));
  return parsed.data;
}

/** A running bot and Playground. */
export interface RunningPlayground {
  /** The Playground's page, to open in a browser. */
  url: string;
  /** The Playground's current user (PLAYGROUND_USER, else the yml's). */
  user: PlaygroundPerson;
  bot: RunningBalises;
  /** Stops the Playground, then the bot. */
  stop(): Promise<void>;
}

/**
 * Starts Balises (its configuration from `env`, with playground defaults for the unset variables: the current user
 * is the governance admin) and the Playground on `playgroundPort` (the Playground picks another port when it is
 * taken; the returned URL is the one it listens on). `env.PLAYGROUND_USER`, a given name from the yml, chooses the
 * current user; the config with that person as current user is then written to a temporary folder, removed on stop.
 * @throws ConfigError for an unknown PLAYGROUND_USER; what `start` throws (bad configuration, port in use…); an Error
 *   with the Playground's output when it does not start listening within a minute
 */
export async function startPlayground(env: NodeJS.ProcessEnv, playgroundPort = DEFAULT_PLAYGROUND_PORT): Promise<RunningPlayground> {
  const { config, user, changed } = withCurrentUser(parseYaml(readFileSync(PLAYGROUND_CONFIG, 'utf8')), env.PLAYGROUND_USER);
  const bot = await start({ GOVERNANCE_ADMIN_IDS: user.aadObjectId, ORGANISME_PUBLIC: 'Organisme fictif', LOG_LEVEL: 'warn', ...env });
  let configDir: string | undefined;
  let child: ChildProcess | undefined;
  let url: string;
  try {
    let configPath = PLAYGROUND_CONFIG;
    if (changed) {
      configDir = mkdtempSync(path.join(tmpdir(), 'balises-playground-config-'));
      configPath = path.join(configDir, path.basename(PLAYGROUND_CONFIG));
      // JSON is YAML: the Playground reads it as it reads the yml.
      writeFileSync(configPath, JSON.stringify(config, null, 2));
    }
    ({ child, url } = await spawnPlayground(`${bot.url}/api/messages`, playgroundPort, configPath));
    await waitUntilServing(url);
  } catch (err) {
    if (child) await stopChild(child);
    await bot.stop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url,
    user,
    bot,
    async stop() {
      await stopChild(child!);
      await bot.stop();
      if (configDir) rmSync(configDir, { recursive: true, force: true });
    },
  };
}

function spawnPlayground(endpoint: string, port: number, configPath: string): Promise<{ child: ChildProcess; url: string }> {
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  const loopbackOnly = pathToFileURL(path.join(projectRoot(), 'scripts', 'loopback-only.mjs')).href;
  const child = spawn(process.execPath, ['--import', loopbackOnly, cli, '-e', endpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
    cwd: projectRoot(),
    env: {
      ...process.env,
      // Never open a browser: the command prints the URL, the tests drive their own Chromium.
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
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
    running = await startPlayground(process.env, playgroundPort(process.env));
  } catch (err) {
    console.error(startupFailureMessage(err) ?? err);
    process.exit(1);
  }
  const admin = process.env.GOVERNANCE_ADMIN_IDS ? '' : ', the governance admin';
  console.log(
    `\nBalises is running in the Microsoft 365 Agents Playground: open ${running.url}\n` +
      `(you are ${running.user.name}${admin}; PLAYGROUND_USER=<given name> to be someone else)\n` +
      `(bot at ${running.bot.url}/api/messages; Ctrl-C to stop)\n`,
  );
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
