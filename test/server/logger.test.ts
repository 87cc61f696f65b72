import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/logger.js';
import { LogCapture } from '../helpers/log-capture.js';

describe('createLogger', () => {
  it('writes JSON lines at the configured level', () => {
    const out = new LogCapture();
    const logger = createLogger({ logLevel: 'warn' }, out);
    logger.info('hidden');
    logger.warn({ activityId: 'a1' }, 'shown');
    expect(out.records()).toMatchObject([{ level: 40, msg: 'shown', activityId: 'a1', service: 'balises' }]);
  });

  it('censors message text and activity bodies logged by mistake', () => {
    const out = new LogCapture();
    createLogger({ logLevel: 'info' }, out).info({ text: 'Ma question privée', activity: { text: 'x' } }, 'oops');
    expect(out.text()).not.toContain('privée');
    expect(out.records()[0]).toMatchObject({ text: '[redacted]', activity: '[redacted]' });
  });
});
