import { pathToFileURL } from 'node:url';
import { openConfiguredKnowledgeService } from '../answers/open.js';
import { ConfigError, loadConfig } from '../config.js';
import { createServer } from './http.js';
import { createLogger } from './logger.js';

/** After a stop signal, give up waiting for open connections after this many milliseconds and exit with 1. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/** A started Balises process: where it listens, and how to stop it (server first, then the database). */
export interface RunningBalises {
  url: string;
  stop(): Promise<void>;
}

/**
 * Composition root: validates the configuration, opens the knowledge service (local index or Azure AI Search) on
 * `config.databaseFile`, starts the HTTP server and logs its URL.
 * @throws ConfigError when the environment is invalid; KnowledgeStoreError when the database cannot be opened
 */
export async function start(env: NodeJS.ProcessEnv): Promise<RunningBalises> {
  const config = loadConfig(env);
  const logger = createLogger(config);
  const knowledge = await openConfiguredKnowledgeService(config);
  const server = createServer({ config, knowledge, logger });
  let address: { port: number; host: string };
  try {
    address = await server.listen();
  } catch (err) {
    knowledge.close();
    throw err;
  }
  const url = `http://${address.host}:${address.port}`;
  logger.info({ url: `${url}/api/messages`, mode: config.bot ? 'authenticated' : 'local' }, 'Balises is listening');
  return {
    url,
    async stop() {
      try {
        await server.close();
      } finally {
        knowledge.close();
        logger.info('Balises stopped');
      }
    },
  };
}

/** Runs Balises until SIGTERM or SIGINT, then closes the server and the database and exits 0. */
async function runProcess(): Promise<void> {
  let running: RunningBalises;
  try {
    running = await start(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      console.error(`Balises: shutdown after ${signal} took more than ${SHUTDOWN_TIMEOUT_MS} ms; exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Balises: shutdown failed', err);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runProcess();
}
