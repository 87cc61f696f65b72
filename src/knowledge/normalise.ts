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
const ZERO_WIDTH = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Normalises one line of extracted text: Unicode NFC, ligatures spelled out, soft hyphens and zero-width
 * characters removed, typographic spaces made plain, runs of white space collapsed, trimmed.
 * Apostrophes (’ and ') are kept as printed.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c)
    .replace(ZERO_WIDTH, '')
    .replace(TYPOGRAPHIC_SPACES, ' ')
    .replace(/[ \t\r\n\f\v]+/g, ' ')
    .trim();
}

/** Splits on single spaces (text already normalised). */
export function words(text: string): string[] {
  return text.length === 0 ? [] : text.split(' ');
}
