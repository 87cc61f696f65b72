import type { KnowledgeService } from '../../src/answers/service.js';
import type { AppConfig } from '../../src/config.js';
import type { FeedbackService } from '../../src/feedback/index.js';
import { createServer, type BalisesServer, type ServerDeps } from '../../src/server/http.js';
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

/** What a test may add to the harness's server: stores, the rate limit, readiness checks, the channel's key service. */
export interface HarnessExtras extends Pick<ServerDeps, 'claims' | 'readiness' | 'channelOpenIdMetadataUrl' | 'generator'> {
  /** Where ratings are stored. */
  feedback?: FeedbackService;
  /** Messages per person; none when absent. */
  rateLimit?: AppConfig['rateLimit'];
  /** A connector already started (one that fails on purpose); a new FakeConnector otherwise. */
  connector?: FakeConnector;
}

/**
 * Starts `createServer` on 127.0.0.1:0 in local mode (or with `bot` credentials) and a fake connector.
 * Logs go to memory at `debug` level so tests can inspect them.
 */
export async function startHarness(knowledge: KnowledgeService, bot: AppConfig['bot'] = null, extra: HarnessExtras = {}): Promise<Harness> {
  const connector = extra.connector ?? (await new FakeConnector().start());
  const logs = new LogCapture();
  const logger = createLogger({ logLevel: 'debug' }, logs);
  const server = createServer({
    config: { host: '127.0.0.1', port: 0, bot, rateLimit: extra.rateLimit },
    knowledge,
    logger,
    feedback: extra.feedback,
    generator: extra.generator,
    claims: extra.claims,
    readiness: extra.readiness,
    channelOpenIdMetadataUrl: extra.channelOpenIdMetadataUrl,
  });
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
