import type { Logger } from 'pino';
import type restify from 'restify';
import type { KnowledgeService } from '../answers/service.js';

/** How long `/readyz` waits for one store to answer before calling it unavailable, in ms. */
export const READINESS_TIMEOUT_MS = 2_000;

/** A store `/readyz` checks: `ping` resolves when the store answers, rejects (or takes too long) when it does not. */
export interface ReadinessCheck {
  /** Component name shown in the 503 body (`inventory`). */
  name: string;
  ping(): Promise<void>;
}

/**
 * Registers `GET /healthz` (process up: 200 `{status:'ok'}`) and `GET /readyz` (200 `{status:'ready'}` when the
 * knowledge service is ready and every `readiness` store answers within READINESS_TIMEOUT_MS, else 503
 * `{status:'not_ready', unavailable: [component names]}`, each unavailable store logged at warn level).
 */
export function registerHealthRoutes(
  server: restify.Server,
  { knowledge, logger, readiness }: { knowledge: Pick<KnowledgeService, 'isReady'>; logger: Pick<Logger, 'warn' | 'error'>; readiness: readonly ReadinessCheck[] },
): void {
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
}

/** Resolves as `promise` does, or rejects after `ms` milliseconds. */
function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
