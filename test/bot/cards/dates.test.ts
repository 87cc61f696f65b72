import { describe, expect, it } from 'vitest';
import { formatDate, formatDay } from '../../../src/bot/cards/labels.js';

describe('dates as people read them', () => {
  it('writes the first of a month « 1er » in French, as the OQLF does, and leaves English and other days alone', () => {
    expect(formatDay('2026-05-01', 'fr')).toBe('1er mai 2026');
    expect(formatDay('2026-05-11', 'fr')).toBe('11 mai 2026');
    expect(formatDay('2026-05-21', 'fr')).toBe('21 mai 2026');
    expect(formatDay('2026-05-01', 'en')).toBe('May 1, 2026');
  });

  it('does so in a date with its time too', () => {
    expect(formatDate('2026-12-01T14:15:00Z', 'fr')).toBe('1er décembre 2026 à 9\u00a0h\u00a015 (heure de l’Est)');
    expect(formatDate('2026-12-01T14:15:00Z', 'en')).toMatch(/^December 1, 2026 at 9:15/);
  });

  it('keeps a full space between an English time and « a.m. »/« p.m. », never the hair-thin U+202F that reads « 10:30p.m. »', () => {
    expect(formatDate('2026-12-04T03:30:00Z', 'en')).toBe('December 3, 2026 at 10:30\u00a0p.m. ET');
    expect(formatDate('2026-12-01T14:15:00Z', 'en')).not.toContain('\u202f');
  });
});
