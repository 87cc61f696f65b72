/**
 * Dates and times as people in Quebec read them: the America/Toronto calendar (Quebec's zone, Eastern time), the
 * one the receipts and cards show. Stored instants stay ISO 8601 UTC; only what is shown or used as a label goes
 * through here.
 */
import type { Language } from './answers/types.js';

let PARTS: Intl.DateTimeFormat | null = null;

function parts(at: Date): Record<string, string> {
  // Built on first use: building it loads ICU's time zone data, some 20 ms of the server's start otherwise, and only
  // document administration and official-source checks show Quebec dates.
  PARTS ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Toronto',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(PARTS.formatToParts(at).map((p) => [p.type, p.value]));
}

/** The calendar day at `at` in Quebec, `YYYY-MM-DD` (23:30 on 31 December in Quebec is still 31 December). */
export function quebecDay(at: Date): string {
  const p = parts(at);
  return `${p.year}-${p.month}-${p.day}`;
}

/** What separates hours and minutes in French (OQLF): « h » between no-break spaces (U+00A0), « 9 h 15 ». */
export const FRENCH_HOUR_SEPARATOR = '\u00a0h\u00a0';

/**
 * The day and time at an ISO 8601 instant in Quebec, for the audit trail (a log, read in time order): French writes
 * the time as the OQLF does and as the cards do (fr-CA, see formatDate in bot/cards/labels.ts), `YYYY-MM-DD H h MM`, a morning hour
 * without its leading zero (« 8 h 05 », Banque de dépannage linguistique, « Écriture de l’heure »: an admin saw
 * « 08 h 42 » in `historique` beside « 8 h 42 » on the cards); English keeps `YYYY-MM-DD HH:MM`. Hours 0–23, no
 * zone (the caller names it).
 * @throws RangeError when `iso` is not a valid date
 */
export function quebecDateTime(iso: string, language: Language): string {
  const p = parts(new Date(iso));
  const date = `${p.year}-${p.month}-${p.day}`;
  return language === 'fr' ? `${date} ${Number(p.hour)}${FRENCH_HOUR_SEPARATOR}${p.minute}` : `${date} ${p.hour}:${p.minute}`;
}
