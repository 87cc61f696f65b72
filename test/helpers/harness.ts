import type { KnowledgeService } from '../../src/answers/service.js';
import type { AppConfig } from '../../src/config.js';
import type { FeedbackService } from '../../src/feedback/index.js';
import { createServer, type BalisesServer } from '../../src/server/http.js';
import { createLogger } from '../../src/server/logger.js';
import { FakeConnector } from './fake-connector.js';
import { LogCapture } from './log-capture.js';

/** A running bot server on an ephemeral port, with a fake connector and captured logs. */
export interface Harness {
  baseUrl: string;
  /** What `listen()` resolved with. */
  address: { port: number; host: string };
  connector: FakeConnector;
  logs: LogCapture;
  server: BalisesServer;
  stop(): Promise<void>;
}

/**
 * Starts `createServer` on 127.0.0.1:0 in local mode (or with `bot` credentials) and a fake connector.
 * Logs go to memory at `debug` level so tests can inspect them. `extra.feedback`: where ratings are stored.
 */
export async function startHarness(
  knowledge: KnowledgeService,
  bot: AppConfig['bot'] = null,
  extra: { feedback?: FeedbackService } = {},
): Promise<Harness> {
  const connector = await new FakeConnector().start();
  const logs = new LogCapture();
  const logger = createLogger({ logLevel: 'debug' }, logs);
  const server = createServer({ config: { host: '127.0.0.1', port: 0, bot }, knowledge, logger, feedback: extra.feedback });
  const address = await server.listen();
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    address,
    connector,
    logs,
    server,
    async stop() {
      await server.close();
      await connector.stop();
    },
  };
}
