import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import restify from 'restify';
import type { KnowledgeService } from '../answers/service.js';
import { applyConnectorEntityFix, createBot } from '../bot/index.js';
import { proactiveSender, proactiveUpdater, type InventoryDeps } from '../bot/routes/deps.js';
import type { AppConfig } from '../config.js';
import type { AnswerGenerator } from '../answers/generative.js';
import type { FeedbackService } from '../feedback/index.js';
import type { InventoryRepository, OutboxStore, OutboxWorkerOptions } from '../inventory/index.js';
import type { ProposalAnnouncement } from '../documents/store.js';
import type { SpeakerLanguageStore } from '../storage/speaker-languages.js';
import type { TurnClaims } from '../storage/turn-claims.js';
import { activityRoute } from './activity-route.js';
import { BalisesAdapter } from './adapter.js';
import { authOptions } from './auth-options.js';
import { createOutboxWorkers, type OutboxWorkers } from './outbox-workers.js';
import { registerHealthRoutes, type ReadinessCheck } from './readiness.js';
import { useRawBodies } from './request-body.js';

// Part of the server's surface since before they moved beside their routes.
export { MAX_BODY_BYTES } from './request-body.js';
export { READINESS_TIMEOUT_MS, type ReadinessCheck } from './readiness.js';

/** What {@link createServer} needs. */
export interface ServerDeps {
  /** `rateLimit` absent: messages are not limited (tests, the bench); `start` always passes the configured one. */
  config: Pick<AppConfig, 'host' | 'port' | 'bot'> & Partial<Pick<AppConfig, 'rateLimit'>>;
  knowledge: KnowledgeService;
  logger: Logger;
  /**
   * The declaration inventory (proactive sends and the notification outbox's worker are wired here, on the server's
   * adapter); absent: not offered. `outbox` is the store the worker delivers from (the inventory repository),
   * `outboxOptions` tune the worker (lease, backoff, poll interval).
   */
  inventory?: Omit<InventoryDeps, 'notifications' | 'proactive'> & {
    outbox: Pick<
      InventoryRepository,
      'claimNotifications' | 'recordNotificationAttempt' | 'notificationLeaseOwners' | 'releaseNotificationLeases' | 'get' | 'events' | 'accessEvents' | 'getConversation'
      | 'notifications' | 'saveReviewCard' | 'postedReviewCard' | 'forgetReviewCard' | 'listForUser'
    >;
    outboxOptions?: Pick<OutboxWorkerOptions, 'leaseMs' | 'backoff' | 'pollMs'>;
    /**
     * The preview cards owed to proposers (see announcementOutbox), delivered by a second worker with the same
     * options; absent (or without `documents`): a proposal's card is only the turn's reply.
     */
    proposalOutbox?: OutboxStore<ProposalAnnouncement>;
  };
  /** Where answers and their ratings are kept; absent: ratings are only logged. */
  feedback?: FeedbackService;
  /** Writes generative answers from the retrieved passages (config.answerModel); absent: answers are extractive only. */
  generator?: AnswerGenerator;
  /** Which messages were answered, shared by every instance (see TurnClaims); absent: this process's memory. */
  claims?: TurnClaims;
  /** The language each person last wrote in, kept across restarts (see LanguageMemory); absent: this process's memory. */
  languages?: SpeakerLanguageStore;
  /** Stores `/readyz` checks besides the knowledge service (the inventory). */
  readiness?: ReadinessCheck[];
  /**
   * Where the Bot Framework channel publishes its OpenID metadata (signing keys). Absent: the public cloud's
   * (https://login.botframework.com/v1/.well-known/openidconfiguration). Tests point it at a local server.
   */
  channelOpenIdMetadataUrl?: string;
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
 * `GET /healthz` (process up: 200 `{status:'ok'}`) and `GET /readyz` (200 `{status:'ready'}` when the knowledge
 * service is ready and every `readiness` store answers within READINESS_TIMEOUT_MS, else 503
 * `{status:'not_ready', unavailable: [component names]}`).
 *
 * With credentials (`config.bot`), the adapter validates each request's Bot Framework JWT; without credentials
 * (local mode) requests are not authenticated, which is why local mode listens on 127.0.0.1 only (see
 * `loadConfig`). Applies the connector entity fix (botbuilder-js#2561) once.
 *
 * `POST /api/messages`, in this order:
 * 0. 413 `{ error: 'payload too large', problems }` for a body over MAX_BODY_BYTES (read before anything else);
 * 1. 415 `{ error, problems }` unless the content type is JSON (a form-encoded body never reaches the bot);
 * 2. authentication, which reads only `serviceUrl`, `channelId` and `recipient.role` from the body (see
 *    AuthEnvelope): 401 `{ error: 'unauthorized' }` for a missing or invalid token, 503
 *    `{ error: 'authentication unavailable' }` when the channel's signing keys cannot be fetched;
 * 3. 400 `{ error: 'invalid activity', problems }` when the body is not an activity of the expected shape, its
 *    reply envelope included (see `parseInboundActivity`);
 * 4. the turn: 500 when its own error handling fails, else the turn's status (200, or the invoke response).
 * So an unauthenticated caller learns nothing about the body's validation, and nothing in the body is acted on
 * before the caller is known. Each outcome is one pino line: warn without stack for 400, 401 and 415, error for
 * 500 and 503. The adapter's `processActivity` is called rather than `process` (see BalisesAdapter).
 */
export function createServer({ config, knowledge, logger, inventory, feedback, generator, claims, languages, readiness = [], channelOpenIdMetadataUrl }: ServerDeps): BalisesServer {
  applyConnectorEntityFix();
  const adapter = new BalisesAdapter(authOptions(config.bot, channelOpenIdMetadataUrl));
  // Proactive messages (review cards, decision notices) go through the same adapter; '' is local mode's app id.
  const proactive = proactiveSender(adapter, config.bot?.appId ?? '');
  const workers = createOutboxWorkers(inventory, { send: proactive, update: proactiveUpdater(adapter, config.bot?.appId ?? '') }, logger, languages);
  const bot = createBot({
    adapter,
    knowledge,
    logger,
    inventory: inventory && workers.notifications ? { ...inventory, notifications: workers.notifications, proactive } : undefined,
    feedback,
    generator,
    claims,
    rateLimit: config.rateLimit,
    languages,
  });
  // A messaging endpoint typed with a final slash in the Azure Bot's settings (`…/api/messages/`) got 404 for every
  // activity, logged nowhere: the bot was silent in Teams. The routes answer with or without it.
  const server = restify.createServer({ name: 'balises', handleUncaughtExceptions: false, ignoreTrailingSlash: true });
  useRawBodies(server, logger);
  server.post('/api/messages', activityRoute({ adapter, bot, logger }));
  registerHealthRoutes(server, { knowledge, logger, readiness });
  return { server, listen: () => listen(server, config, workers), close: () => close(server, workers) };
}

/** See BalisesServer.listen; the outbox workers start once the server listens. */
function listen(server: restify.Server, { port, host }: Pick<AppConfig, 'port' | 'host'>, workers: OutboxWorkers): Promise<{ port: number; host: string }> {
  return new Promise((resolve, reject) => {
    // restify re-emits the http server's 'error' on itself, so the listener goes there: with none, a listen
    // failure (EADDRINUSE) would also be an unhandled 'error' event that crashes the process with a stack.
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      workers.notifications?.start();
      workers.proposalCards?.start();
      const address = server.address() as AddressInfo;
      resolve({ port: address.port, host: address.address });
    });
  });
}

/** See BalisesServer.close; the outbox workers stop (their deliveries recorded) before the server closes. */
async function close(server: restify.Server, workers: OutboxWorkers): Promise<void> {
  await workers.notifications?.stop();
  await workers.proposalCards?.stop();
  await new Promise<void>((resolve, reject) => {
    if (!server.server.listening) {
      resolve();
      return;
    }
    server.close((err?: Error) => (err ? reject(err) : resolve()));
    server.server.closeIdleConnections();
  });
}
