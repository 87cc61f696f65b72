/**
 * Masks personal information in free text before it is stored: e-mail addresses, telephone numbers (North American
 * and international forms), social insurance numbers (NAS/SIN: 9 digits, spaced or not), Quebec health insurance
 * numbers (RAMQ: 4 letters and 8 digits), and file or case numbers (a word such as « dossier », « file », « no »
 * followed by an identifier with digits; any other run of 5 or more digits too). General by design: it masks a little
 * too much rather than too little, and never reads the meaning of the text. Pure; never throws.
 */

/** What replaces each kind of masked information (kept readable, so a question stays understandable). */
export const MASKS = {
  email: '[courriel]',
  phone: '[téléphone]',
  sin: '[NAS]',
  healthCard: '[RAMQ]',
  fileNumber: '[numéro]',
} as const;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const HEALTH_CARD = /\b[A-Z]{4}\s?\d{4}\s?\d{4}\b/gi;
/** 3-3-3 digits, separated by spaces, dashes or dots, or 9 digits in a row. */
const SIN = /\b\d{3}[\s.-]?\d{3}[\s.-]?\d{3}\b/g;
/** +1 (418) 555-0199, 418-555-0199, 418 555 0199, 4185550199, with an optional extension. */
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)|\b\d{3})[\s.-]?\d{3}[\s.-]?\d{4}\b(?:\s*(?:poste|ext\.?|x)\s*\d{1,6})?/gi;
/** « dossier 2024-00123 », « no 12345 », « n° AB-778 », « file #A12-3 », « réf. 889 »: the identifier after the word. */
const FILE_NUMBER = /\b(dossier|file|case|cas|n[o°º]|num[ée]ro|r[ée]f[ée]rence|r[ée]f\.?|matricule)(\s*[:#.]?\s*)([A-Z]{0,4}[-\s]?\d[\w/-]*)/giu;
/** Any remaining run of 5 or more digits (possibly grouped by dashes): an identifier of some kind. */
const LONG_NUMBER = /\b\d[\d-]{3,}\d\b/g;

/** `text` with personal information replaced by the {@link MASKS} labels. */
export function maskPersonalInformation(text: string): string {
  return text
    .replace(EMAIL, MASKS.email)
    .replace(HEALTH_CARD, MASKS.healthCard)
    .replace(PHONE, (match) => (digitCount(match) >= 10 ? MASKS.phone : match))
    .replace(SIN, (match) => (digitCount(match) === 9 ? MASKS.sin : match))
    .replace(FILE_NUMBER, (_m, word: string, separator: string) => `${word}${separator}${MASKS.fileNumber}`)
    .replace(LONG_NUMBER, (match) => (digitCount(match) >= 5 && !isDate(match) ? MASKS.fileNumber : match));
}

function digitCount(text: string): number {
  return text.replace(/\D/g, '').length;
}

/** A date or a year range (2024-08-07, 2024-01, 2024-2025) names a document or a day, not a person. */
function isDate(text: string): boolean {
  return /^(19|20)\d{2}(-\d{2}){0,2}$/.test(text) || /^(19|20)\d{2}-(19|20)\d{2}$/.test(text);
}
