import { performance } from 'node:perf_hooks';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from 'pino';
import type restify from 'restify';
import { AuthenticationError, StatusCodes } from '../bot/bot-framework.js';
import type { Bot } from '../bot/index.js';
import type { AuthEnvelope, BalisesAdapter } from './adapter.js';
import { parseInboundActivity } from './inbound-activity.js';
import { jsonBody, NOT_JSON } from './request-body.js';
import { end } from './respond.js';

/** What the activity route needs: the adapter that authenticates and runs turns, and the bot's turn handler. */
export interface ActivityRouteDeps {
  adapter: Pick<BalisesAdapter, 'authenticate' | 'processInbound'>;
  bot: Pick<Bot, 'run'>;
  logger: Pick<Logger, 'warn' | 'error' | 'debug'>;
}

/**
 * The handler of `POST /api/messages` (see createServer for the order of its checks and their answers), with one
 * debug line per request: route, status, duration in ms.
 */
export function activityRoute(deps: ActivityRouteDeps): (req: restify.Request, res: restify.Response) => Promise<void> {
  return async (req, res) => {
    const started = performance.now();
    await handleActivity(deps, req, res);
    deps.logger.debug({ route: 'POST /api/messages', status: res.statusCode, durationMs: Math.round(performance.now() - started) }, 'request');
  };
}

async function handleActivity({ adapter, bot, logger }: ActivityRouteDeps, req: restify.Request, res: restify.Response): Promise<void> {
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
    refuseUnauthenticated(logger, res, err, fieldOf(body, 'type'));
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
}

/** Answers a failed authentication: 401 for the token itself (see isTokenRejection), 503 for the key service. */
function refuseUnauthenticated(logger: Pick<Logger, 'warn' | 'error'>, res: restify.Response, err: unknown, activityType: unknown): void {
  if (isTokenRejection(err)) {
    logger.warn({ status: 401, reason: (err as Error).message, activityType }, 'request not authenticated');
    end(res, 401, { error: 'unauthorized' });
    return;
  }
  logger.error(
    { status: 503, reason: err instanceof Error ? err.message : String(err), activityType },
    'request not authenticated: the Bot Framework signing keys could not be fetched',
  );
  end(res, 503, { error: 'authentication unavailable' });
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
