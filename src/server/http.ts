import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Logger } from 'pino';
import restify from 'restify';
import type { KnowledgeService } from '../answers/service.js';
import { applyConnectorEntityFix, createBot } from '../bot/index.js';
import type { AppConfig, BotCredentials } from '../config.js';

/** Largest accepted request body, in bytes: a 20 000-character message with its Teams envelope fits easily. */
export const MAX_BODY_BYTES = 1_000_000;

/** What {@link createServer} needs. */
export interface ServerDeps {
  config: Pick<AppConfig, 'host' | 'port' | 'bot'>;
  knowledge: KnowledgeService;
  logger: Logger;
}

/** A configured, not yet listening, HTTP server. */
export interface BalisesServer {
  server: restify.Server;
  /** Starts listening on `config.host:config.port` (port 0 picks a free port). Resolves with the bound address. */
  listen(): Promise<{ port: number; host: string }>;
  /** Stops accepting connections, closes idle keep-alive ones, and resolves when the server is closed. */
  close(): Promise<void>;
}

/**
 * Builds the HTTP transport: `POST /api/messages` (Bot Framework activities through teams-ai's CloudAdapter),
 * `GET /healthz` (process up: 200 `{status:'ok'}`) and `GET /readyz` (200 when the knowledge service is ready,
 * else 503).
 *
 * With credentials (`config.bot`), the adapter validates each request's Bot Framework JWT and answers 401
 * without one; without credentials (local mode) requests are not authenticated, which is why local mode
 * listens on 127.0.0.1 only (see `loadConfig`). Applies the connector entity fix (botbuilder-js#2561) once.
 */
export function createServer({ config, knowledge, logger }: ServerDeps): BalisesServer {
  applyConnectorEntityFix();
  const adapter = new TeamsAdapter(authOptions(config.bot));
  const bot = createBot({ adapter, knowledge, logger });
  const server = restify.createServer({ name: 'balises', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const started = performance.now();
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (err) {
      // The adapter throws (instead of answering) when the body is not a valid activity.
      logger.warn({ err }, 'activity rejected');
      if (!res.headersSent) res.send(400, { error: 'invalid activity' });
    }
    logger.debug(
      { route: 'POST /api/messages', status: res.statusCode, durationMs: Math.round(performance.now() - started) },
      'request',
    );
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    let ready = false;
    try {
      ready = knowledge.isReady();
    } catch (err) {
      logger.error({ err }, 'readiness check failed');
    }
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready' });
  });

  return {
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.server.off('error', reject);
          const address = server.address() as AddressInfo;
          resolve({ port: address.port, host: address.address });
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        if (!server.server.listening) {
          resolve();
          return;
        }
        server.close((err?: Error) => (err ? reject(err) : resolve()));
        server.server.closeIdleConnections();
      }),
  };
}

function authOptions(bot: BotCredentials | null): ConfigurationBotFrameworkAuthenticationOptions {
  if (!bot) return {};
  return {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
  };
}
