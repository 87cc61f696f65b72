import type { ConnectorClient, ConnectorFactory } from 'botframework-connector';

/**
 * Longest `Retry-After` (429 or 503 from the Bot Framework connector) a turn waits for before retrying its send, in
 * ms. The connector client retries a throttled send after the delay Teams asks for (up to three times); a delay of a
 * minute would hold the turn, and Teams' request, past the ~15 s after which Teams redelivers the activity. Above
 * this cap the send fails at once instead: the turn fails, the message is not recorded as answered (see TurnClaims)
 * and Teams' redelivery, after the delay it asked for, is answered.
 */
export const MAX_RETRY_AFTER_MS = 4_000;

/** The headers core-rest-pipeline's throttling retry reads, in the order it reads them. */
const RETRY_AFTER_HEADERS = ['retry-after-ms', 'x-ms-retry-after-ms', 'retry-after'] as const;

/** The part of core-rest-pipeline's response a policy sees that this module reads and edits. */
interface PipelineResponseLike {
  status: number;
  headers: { get(name: string): string | undefined; delete(name: string): void };
}

/** A core-rest-pipeline policy, structurally (the package is botframework-connector's dependency, not ours). */
interface PipelinePolicyLike {
  name: string;
  sendRequest(request: unknown, next: (request: unknown) => Promise<PipelineResponseLike>): Promise<PipelineResponseLike>;
}

/** The delay a 429 or 503 response asks for, in ms (as core-rest-pipeline reads it); undefined when it asks none. */
function retryAfterMs(response: PipelineResponseLike, now = Date.now()): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  for (const header of RETRY_AFTER_HEADERS) {
    const value = response.headers.get(header);
    if (value === undefined || value.trim() === '') continue;
    const number = Number(value);
    if (Number.isFinite(number)) return header === 'retry-after' ? number * 1000 : number;
    const date = Date.parse(value);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return undefined;
}

/**
 * A policy run on each attempt, inside the connector client's retry policy: a 429 or 503 asking for more than
 * `maxMs` loses its Retry-After headers, so the retry policy does not wait for it (a 429 then fails the send; a 503
 * falls back to the client's short exponential retries).
 */
function retryAfterCapPolicy(maxMs: number): PipelinePolicyLike {
  return {
    name: 'balisesRetryAfterCap',
    async sendRequest(request, next) {
      const response = await next(request);
      const delay = retryAfterMs(response);
      if (delay !== undefined && delay > maxMs) for (const header of RETRY_AFTER_HEADERS) response.headers.delete(header);
      return response;
    },
  };
}

/**
 * `factory` whose connector clients honour a Retry-After only up to `maxMs` (see MAX_RETRY_AFTER_MS). The policy
 * goes into the pipeline of the core-client ServiceClient each ConnectorClient wraps: botframework-connector 4.23.3
 * exposes no option for it (its ConnectorFactoryImpl replaces `requestPolicyFactories`, and those run outside the
 * retry policy anyway), so the private `client` field is reached; without it the client is returned unchanged.
 */
export function capRetryAfter(factory: ConnectorFactory, maxMs = MAX_RETRY_AFTER_MS): ConnectorFactory {
  return {
    async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
      const client = await factory.create(serviceUrl, audience);
      const pipeline = (client as unknown as { client?: { pipeline?: { addPolicy(policy: PipelinePolicyLike, options: object): void } } }).client?.pipeline;
      pipeline?.addPolicy(retryAfterCapPolicy(maxMs), { phase: 'Retry', afterPolicies: ['defaultRetryPolicy'] });
      return client;
    },
  };
}
