import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import { AuthenticationConstants, AuthenticationError, CallerIdConstants, StatusCodes } from '../bot/bot-framework.js';
import type { Logger } from 'pino';
import restify from 'restify';
import type { KnowledgeService } from '../answers/service.js';
import { applyConnectorEntityFix, createBot } from '../bot/index.js';
import { notificationDelivery, proposalCardDelivery } from '../bot/notifications.js';
import { proactiveSender, type InventoryDeps } from '../bot/routes/deps.js';
import type { AppConfig, BotCredentials } from '../config.js';
import type { AnswerGenerator } from '../answers/generative.js';
import type { FeedbackService } from '../feedback/index.js';
import { createOutboxWorker, type InventoryRepository, type OutboxStore, type OutboxWorkerOptions } from '../inventory/index.js';
import { ANNOUNCEMENT_GRACE_MS } from '../documents/announcements.js';
import type { ProposalAnnouncement } from '../documents/store.js';
import type { SpeakerLanguageStore } from '../storage/speaker-languages.js';
import type { TurnClaims } from '../storage/turn-claims.js';
import { BalisesAdapter, type AuthEnvelope } from './adapter.js';
import { parseInboundActivity } from './inbound-activity.js';

/** Largest accepted request body, in bytes: a 20 000-character message with its Teams envelope fits easily. */
export const MAX_BODY_BYTES = 1_000_000;

/** How long `/readyz` waits for one store to answer before calling it unavailable, in ms. */
export const READINESS_TIMEOUT_MS = 2_000;

/** A store `/readyz` checks: `ping` resolves when the store answers, rejects (or takes too long) when it does not. */
export interface ReadinessCheck {
  /** Component name shown in the 503 body (`inventory`). */
  name: string;
  ping(): Promise<void>;
}

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
  // Review cards, decision notices and the notices to collaborators leave through the outbox: delivered while the
  // server listens, resumed after a restart.
  const documents = inventory?.documents;
  const outbox = inventory
    ? createOutboxWorker({
        ...inventory.outboxOptions,
        store: inventory.outbox,
        deliver: notificationDelivery({
          repository: inventory.outbox,
          proactive,
          governanceAdminIds: inventory.governanceAdminIds,
          openFlags: documents && (() => documents.proposals.openFlags()),
        }),
        logger: logger.child({ component: 'outbox' }),
      })
    : null;
  // A proposal's card leaves with the turn's reply; one the turn could not send (killed, refused) leaves from here.
  const proposalCards =
    inventory?.proposalOutbox && documents
      ? createOutboxWorker<ProposalAnnouncement>({
          ...inventory.outboxOptions,
          store: inventory.proposalOutbox,
          deliver: proposalCardDelivery({ proposals: documents.proposals, conversations: inventory.outbox, proactive, governanceAdminIds: inventory.governanceAdminIds }),
          logger: logger.child({ component: 'proposal-outbox' }),
          describe: (item) => ({ proposalId: item.proposalId, notification: 'proposal_card', audience: item.audience }),
        })
      : null;
  if (proposalCards) {
    documents!.proposals.attachAnnouncements({ leaseOwner: proposalCards.owner, graceMs: ANNOUNCEMENT_GRACE_MS, adminIds: inventory!.governanceAdminIds });
  }
  const bot = createBot({
    adapter,
    knowledge,
    logger,
    inventory: inventory && outbox ? { ...inventory, notifications: outbox, proactive } : undefined,
    feedback,
    generator,
    claims,
    rateLimit: config.rateLimit,
    languages,
  });
  // A messaging endpoint typed with a final slash in the Azure Bot's settings (`…/api/messages/`) got 404 for every
  // activity, logged nowhere: the bot was silent in Teams. The routes answer with or without it.
  const server = restify.createServer({ name: 'balises', handleUncaughtExceptions: false, ignoreTrailingSlash: true });
  // The raw body only: JSON is parsed in the handler, after the content type and the token are checked, so a body
  // that does not parse gets 401 from an unknown caller and 400 in our format from a known one (bodyParser would
  // answer 400 with its parser's message before authentication).
  // A compressed body is refused before it is read: restify's bodyReader inflates `Content-Encoding: gzip` with no
  // handler for a corrupt stream (one such request, before any authentication, killed the process) and no limit on
  // the inflated size (MAX_BODY_BYTES counts compressed bytes). The Bot Connector sends activities uncompressed.
  server.use((req, res, next) => {
    const encoding = req.header('content-encoding')?.trim().toLowerCase();
    if (!encoding || encoding === 'identity') {
      next();
      return;
    }
    logger.warn({ status: 415, contentEncoding: encoding.slice(0, 100) }, 'activity rejected');
    res.setHeader('connection', 'close');
    end(res, 415, { error: 'unsupported media type', problems: ['content-encoding: must be absent (the body is read uncompressed)'] });
    next(false);
  });
  server.use(restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }));
  // A body over the limit is refused by the bodyReader before the handler runs: restify answered 413 in its own
  // format ({code, message}) and nothing was logged, so an operator never saw activities refused for their size.
  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    if (err.statusCode === 413) {
      logger.warn({ status: 413, contentLength: req.header('content-length') || null }, 'activity rejected');
      err.toJSON = () => ({ error: 'payload too large', problems: [`body: larger than ${MAX_BODY_BYTES} bytes`] });
    }
    callback();
  });

  const handleActivity = async (req: restify.Request, res: restify.Response): Promise<void> => {
    if (!req.is('json')) {
      logger.warn({ status: 415, contentType: req.getContentType() }, 'activity rejected');
      end(res, 415, { error: 'unsupported media type', problems: ['content-type: must be application/json'] });
      return;
    }
    const body = jsonBody(req.body);
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await adapter.authenticate(req.header('authorization') ?? '', authEnvelope(body));
    } catch (err) {
      const activityType = fieldOf(body, 'type');
      if (isTokenRejection(err)) {
        logger.warn({ status: 401, reason: (err as Error).message, activityType }, 'request not authenticated');
        end(res, 401, { error: 'unauthorized' });
      } else {
        logger.error(
          { status: 503, reason: err instanceof Error ? err.message : String(err), activityType },
          'request not authenticated: the Bot Framework signing keys could not be fetched',
        );
        end(res, 503, { error: 'authentication unavailable' });
      }
      return;
    }
    const inbound = body === NOT_JSON ? { ok: false as const, problems: ['body: not valid JSON'] } : parseInboundActivity(body);
    if (!inbound.ok) {
      logger.warn({ status: 400, problems: inbound.problems }, 'activity rejected');
      end(res, 400, { error: 'invalid activity', problems: inbound.problems });
      return;
    }
    try {
      const invoke = await adapter.processInbound(authenticated, inbound.activity, (context) => bot.run(context));
      end(res, invoke?.status ?? 200, invoke?.body);
    } catch (err) {
      logger.error({ err, activityId: inbound.activity.id }, 'activity processing failed');
      end(res, 500, { error: 'internal error' });
    }
  };

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const started = performance.now();
    await handleActivity(req, res);
    logger.debug(
      { route: 'POST /api/messages', status: res.statusCode, durationMs: Math.round(performance.now() - started) },
      'request',
    );
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    const unavailable: string[] = [];
    try {
      if (!knowledge.isReady()) unavailable.push('knowledge');
    } catch (err) {
      logger.error({ err }, 'readiness check failed');
      unavailable.push('knowledge');
    }
    const pings = await Promise.allSettled(readiness.map((check) => withTimeout(check.ping(), READINESS_TIMEOUT_MS)));
    pings.forEach((ping, i) => {
      if (ping.status === 'fulfilled') return;
      const component = readiness[i]!.name;
      logger.warn({ component, reason: ping.reason instanceof Error ? ping.reason.message : String(ping.reason) }, 'store unavailable');
      unavailable.push(component);
    });
    if (unavailable.length === 0) res.send(200, { status: 'ready' });
    else res.send(503, { status: 'not_ready', unavailable });
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
          proposalCards?.start();
          const address = server.address() as AddressInfo;
          resolve({ port: address.port, host: address.address });
        });
      }),
    close: async () => {
      await outbox?.stop();
      await proposalCards?.stop();
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

/**
 * botbuilder's authentication options. With `channelOpenIdMetadataUrl`, every public-cloud endpoint is spelled out:
 * botframework-connector's BotFrameworkAuthenticationFactory treats any one of them as "all are given".
 */
function authOptions(bot: BotCredentials | null, channelOpenIdMetadataUrl: string | undefined): ConfigurationBotFrameworkAuthenticationOptions {
  if (!bot) return {};
  const credentials = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
  };
  if (!channelOpenIdMetadataUrl) return credentials;
  return {
    ...credentials,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: channelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** A request body that is not JSON (authentication then sees an empty envelope). */
const NOT_JSON = Symbol('not JSON');

/**
 * The parsed JSON of a raw body (restify's bodyReader gives a string or a Buffer; an empty body is `{}`). A leading
 * UTF-8 byte-order mark is dropped: RFC 8259 §8.1 lets a parser ignore it, and some clients (Windows tools) add one.
 */
function jsonBody(raw: unknown): unknown {
  const decoded = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
  const text = decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded;
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/**
 * The fields authentication reads (see AuthEnvelope), taken from the body only where they are strings (`serviceUrl`
 * and `channelId` otherwise empty, the recipient otherwise absent); nothing else of the body.
 */
function authEnvelope(body: unknown): AuthEnvelope {
  const role = fieldOf(fieldOf(body, 'recipient'), 'role');
  return {
    // Empty rather than absent: the validator calls .trim() on both (a TypeError that would read as the key service's
    // failure, 503); empty, a token bound to a service URL is refused (401) and the local mode goes on to the 400.
    serviceUrl: stringOrUndefined(fieldOf(body, 'serviceUrl')) ?? '',
    channelId: stringOrUndefined(fieldOf(body, 'channelId')) ?? '',
    ...(typeof role === 'string' ? { recipient: { id: '', role } } : {}),
  };
}

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * True when authentication failed because of the token itself (absent, forged, expired, wrong audience, issuer or
 * signature): botframework-connector throws AuthenticationError with status 401 for those, and lets jsonwebtoken's
 * errors through for a signature that does not verify. Anything else (the OpenID metadata or keys unreachable or
 * answering an error) is the key service's failure, not the caller's.
 */
function isTokenRejection(err: unknown): boolean {
  if (err instanceof AuthenticationError) return err.statusCode === StatusCodes.UNAUTHORIZED;
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'JsonWebTokenError' || name === 'TokenExpiredError' || name === 'NotBeforeError';
}

/** Resolves as `promise` does, or rejects after `ms` milliseconds. */
function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
