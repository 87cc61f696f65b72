import type { Logger } from 'pino';
import restify from 'restify';
import { end } from './respond.js';

/** Largest accepted request body, in bytes: a 20 000-character message with its Teams envelope fits easily. */
export const MAX_BODY_BYTES = 1_000_000;

/**
 * Installs the reading of request bodies on `server`: the raw body only, at most MAX_BODY_BYTES (413 `{ error:
 * 'payload too large', problems }`, logged at warn level), never compressed (415 `{ error, problems }`, logged at
 * warn level, the connection closed).
 * JSON is parsed in the handler (see jsonBody), after the content type and the token are checked, so a body that
 * does not parse gets 401 from an unknown caller and 400 in our format from a known one (bodyParser would answer 400
 * with its parser's message before authentication).
 */
export function useRawBodies(server: restify.Server, logger: Pick<Logger, 'warn'>): void {
  server.use(refuseCompressedBodies(logger));
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
}

/**
 * A compressed body is refused before it is read: restify's bodyReader inflates `Content-Encoding: gzip` with no
 * handler for a corrupt stream (one such request, before any authentication, killed the process) and no limit on
 * the inflated size (MAX_BODY_BYTES counts compressed bytes). The Bot Connector sends activities uncompressed.
 */
function refuseCompressedBodies(logger: Pick<Logger, 'warn'>): restify.RequestHandler {
  return (req, res, next) => {
    const encoding = req.header('content-encoding')?.trim().toLowerCase();
    if (!encoding || encoding === 'identity') {
      next();
      return;
    }
    logger.warn({ status: 415, contentEncoding: encoding.slice(0, 100) }, 'activity rejected');
    res.setHeader('connection', 'close');
    end(res, 415, { error: 'unsupported media type', problems: ['content-encoding: must be absent (the body is read uncompressed)'] });
    next(false);
  };
}

/** A request body that is not JSON (authentication then sees an empty envelope). */
export const NOT_JSON = Symbol('not JSON');

/**
 * The parsed JSON of a raw body (restify's bodyReader gives a string or a Buffer; an empty body is `{}`), NOT_JSON
 * when it does not parse. A leading UTF-8 byte-order mark is dropped: RFC 8259 §8.1 lets a parser ignore it, and
 * some clients (Windows tools) add one.
 */
export function jsonBody(raw: unknown): unknown {
  const decoded = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
  const text = decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded;
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}
