import { describe, expect, it } from 'vitest';
import { quebecDateTime, quebecDay } from '../src/quebec-time.js';

describe('dates as people in Quebec read them', () => {
  it('keeps 23:30 on 31 December in Quebec on 31 December, though it is already the next year in UTC', () => {
    expect(quebecDay(new Date('2027-01-01T04:30:00Z'))).toBe('2026-12-31');
    expect(quebecDateTime('2027-01-01T04:30:00.000Z', 'en')).toBe('2026-12-31 23:30');
  });

  it('follows daylight saving time', () => {
    expect(quebecDateTime('2026-07-01T12:00:00Z', 'en')).toBe('2026-07-01 08:00');
    expect(quebecDateTime('2026-01-15T12:00:00Z', 'en')).toBe('2026-01-15 07:00');
  });

  it('writes the time the Quebec way in French (« 12 h 32 ») and with a colon in English', () => {
    expect(quebecDateTime('2026-12-02T17:32:00Z', 'fr')).toBe('2026-12-02 12\u00a0h\u00a032');
    expect(quebecDateTime('2026-12-02T17:32:00Z', 'en')).toBe('2026-12-02 12:32');
  });

  it('writes a French morning hour without its leading zero (« 8 h 05 », as the cards do), English keeping 08:05', () => {
    expect(quebecDateTime('2026-12-03T13:05:00Z', 'fr')).toBe('2026-12-03 8\u00a0h\u00a005');
    expect(quebecDateTime('2026-12-03T05:00:00Z', 'fr')).toBe('2026-12-03 0\u00a0h\u00a000');
    expect(quebecDateTime('2026-12-03T13:05:00Z', 'en')).toBe('2026-12-03 08:05');
  });
});
