import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from 'pino';
import restify from 'restify';
import type { KnowledgeService } from '../answers/service.js';
import { applyConnectorEntityFix, createBot } from '../bot/index.js';
import { notificationDelivery } from '../bot/notifications.js';
import { proactiveSender, type InventoryDeps } from '../bot/routes/deps.js';
import type { AppConfig, BotCredentials } from '../config.js';
import type { FeedbackService } from '../feedback/index.js';
import { createOutboxWorker, type InventoryRepository, type OutboxWorkerOptions } from '../inventory/index.js';
import { BalisesAdapter } from './adapter.js';
import { parseInboundActivity } from './inbound-activity.js';

/** Largest accepted request body, in bytes: a 20 000-character message with its Teams envelope fits easily. */
export const MAX_BODY_BYTES = 1_000_000;

/** What {@link createServer} needs. */
export interface ServerDeps {
  config: Pick<AppConfig, 'host' | 'port' | 'bot'>;
  knowledge: KnowledgeService;
  logger: Logger;
  /**
   * The declaration inventory (proactive sends and the notification outbox's worker are wired here, on the server's
   * adapter); absent: not offered. `outbox` is the store the worker delivers from (the inventory repository),
   * `outboxOptions` tune the worker (lease, backoff, poll interval).
   */
  inventory?: Omit<InventoryDeps, 'notifications'> & {
    outbox: Pick<InventoryRepository, 'claimNotifications' | 'recordNotificationAttempt' | 'get' | 'events' | 'getConversation'>;
    outboxOptions?: Pick<OutboxWorkerOptions, 'leaseMs' | 'backoff' | 'pollMs'>;
  };
  /** Where answers and their ratings are kept; absent: ratings are only logged. */
  feedback?: FeedbackService;
}

/** A configured, not yet listening, HTTP server. */
export interface BalisesServer {
  server: restify.Server;
  /**
   * Starts listening on `config.host:config.port` (port 0 picks a free port). Resolves with the bound address;
   * rejects with the listen error (`code` EADDRINUSE when the port is taken).
   */
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
 *
 * `POST /api/messages` answers 400 `{ error, problems }` when the body is not an activity of the expected shape
 * (see `parseInboundActivity`), 401 when authentication fails, 500 when the turn's own error handling fails, else
 * the turn's status (200, or the invoke response). It calls the adapter's `processActivity` (see BalisesAdapter)
 * rather than `process`, because `CloudAdapter.process` writes every failure, including each unauthenticated request, to the
 * console with its stack; here each outcome is one pino line: warn without stack for 400 and 401, error for 500.
 */
export function createServer({ config, knowledge, logger, inventory, feedback }: ServerDeps): BalisesServer {
  applyConnectorEntityFix();
  const adapter = new BalisesAdapter(authOptions(config.bot));
  // Proactive messages (review cards, decision notices) go through the same adapter; '' is local mode's app id.
  const proactive = proactiveSender(adapter, config.bot?.appId ?? '');
  // Review cards and decision notices leave through the outbox: delivered while the server listens, resumed after a restart.
  const outbox = inventory
    ? createOutboxWorker({
        ...inventory.outboxOptions,
        store: inventory.outbox,
        deliver: notificationDelivery({ repository: inventory.outbox, proactive, governanceAdminIds: inventory.governanceAdminIds }),
        logger: logger.child({ component: 'outbox' }),
      })
    : null;
  const bot = createBot({
    adapter,
    knowledge,
    logger,
    inventory: inventory && outbox ? { ...inventory, notifications: outbox } : undefined,
    feedback,
  });
  const server = restify.createServer({ name: 'balises', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const started = performance.now();
    const inbound = parseInboundActivity(req.body);
    if (!inbound.ok) {
      logger.warn({ status: 400, problems: inbound.problems }, 'activity rejected');
      res.send(400, { error: 'invalid activity', problems: inbound.problems });
    } else {
      const authorization = req.header('authorization') ?? '';
      try {
        const invoke = await adapter.processInbound(authorization, inbound.activity, (context) => bot.run(context));
        end(res, invoke?.status ?? 200, invoke?.body);
      } catch (err) {
        if (err instanceof AuthenticationError) {
          logger.warn({ status: 401, reason: err.message, activityType: inbound.activity.type }, 'request not authenticated');
          end(res, 401, { error: 'unauthorized' });
        } else {
          logger.error({ err, activityId: inbound.activity.id }, 'activity processing failed');
          end(res, 500, { error: 'internal error' });
        }
      }
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
        // restify re-emits the http server's 'error' on itself, so the listener goes there: with none, a listen
        // failure (EADDRINUSE) would also be an unhandled 'error' event that crashes the process with a stack.
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          outbox?.start();
          const address = server.address() as AddressInfo;
          resolve({ port: address.port, host: address.address });
        });
      }),
    close: async () => {
      await outbox?.stop();
      await new Promise<void>((resolve, reject) => {
        if (!server.server.listening) {
          resolve();
          return;
        }
        server.close((err?: Error) => (err ? reject(err) : resolve()));
        server.server.closeIdleConnections();
      });
    },
  };
}

/** Ends the response as botbuilder's CloudAdapter does: the status, then the body only when there is one. */
function end(res: restify.Response, status: number, body?: unknown): void {
  res.status(status);
  if (body !== undefined && body !== null) res.send(body);
  res.end();
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
