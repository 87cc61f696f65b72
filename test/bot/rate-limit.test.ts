import { describe, expect, it } from 'vitest';
import { UserRateLimiter } from '../../src/bot/rate-limit.js';

describe('UserRateLimiter', () => {
  it('allows a burst, then one notice, then silence', () => {
    const limiter = new UserRateLimiter({ burst: 3, perMinute: 6 }, () => 0);
    expect([1, 2, 3, 4, 5, 6].map(() => limiter.take('u'))).toEqual(['allowed', 'allowed', 'allowed', 'notify', 'silent', 'silent']);
  });

  it('refills at the configured rate and gives a new notice only after a message was allowed again', () => {
    let now = 0;
    const limiter = new UserRateLimiter({ burst: 1, perMinute: 6 }, () => now);
    expect(limiter.take('u')).toBe('allowed');
    expect(limiter.take('u')).toBe('notify');
    now += 9_999;
    expect(limiter.take('u')).toBe('silent');
    now += 10_001;
    expect(limiter.take('u')).toBe('allowed');
    expect(limiter.take('u')).toBe('notify');
  });

  it('keeps one bucket per person', () => {
    const limiter = new UserRateLimiter({ burst: 1, perMinute: 1 }, () => 0);
    expect(limiter.take('a')).toBe('allowed');
    expect(limiter.take('b')).toBe('allowed');
    expect(limiter.take('a')).toBe('notify');
  });
});
