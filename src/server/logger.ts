import { pino, type DestinationStream, type Logger } from 'pino';
import type { AppConfig } from '../config.js';

/**
 * Paths censored in every log line, as a safety net: the code never logs message text, names or e-mail
 * addresses on purpose, but an activity or request body logged by mistake would carry them.
 */
const REDACTED_PATHS = [
  'text',
  '*.text',
  'activity',
  '*.activity',
  'body',
  '*.body',
  'from',
  '*.from',
  'question',
  '*.question',
  'req.headers.authorization',
];

/**
 * The root pino logger: JSON lines with `service: "balises"`, level from the configuration.
 * Callers derive a child per turn (`activityId`, `route`, `durationMs`); nobody logs message text or personal data.
 * @param destination where lines go; stdout when omitted (tests pass a memory stream)
 */
export function createLogger(config: Pick<AppConfig, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'balises' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
