/**
 * Character-level normalisation of extracted text. Keeps the words as printed (quotes must stay verbatim) and only
 * removes what extraction adds: soft hyphens, ligature code points, the typographic spaces of French punctuation.
 */

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

/** No-break, narrow no-break, thin and other fixed-width spaces used before « : ; ? ! » in French typography. */
const TYPOGRAPHIC_SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;
/** Unicode format characters (general category Cf): soft hyphen, zero-width space and joiners, word joiner, byte
 *  order mark, and the bidirectional marks and isolates (U+200E, U+202A–202E, U+2066–2069) some exporters add.
 *  Invisible in print, they would split a word in two for search and for the reader's own search in a quote. */
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/**
 * Normalises one line of extracted text: Unicode NFC, ligatures spelled out, format characters (soft hyphens,
 * zero-width and bidirectional marks) removed, typographic spaces made plain, runs of white space collapsed, trimmed.
 * Apostrophes (’ and ') are kept as printed.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c)
    .replace(FORMAT_CHARACTERS, '')
    .replace(TYPOGRAPHIC_SPACES, ' ')
    .replace(/[ \t\r\n\f\v]+/g, ' ')
    .trim();
}

/** Splits on single spaces (text already normalised). */
export function words(text: string): string[] {
  return text.length === 0 ? [] : text.split(' ');
}
