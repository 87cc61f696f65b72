/**
 * Masks personal information in free text before it is stored: e-mail addresses, telephone numbers (North American
 * and international forms, `+` or `00` first), social insurance numbers (NAS/SIN: 9 digits, spaced or not), Quebec health insurance
 * numbers (RAMQ: 4 letters and 8 digits), and file or case numbers (a word such as « dossier », « file », « no »
 * followed by an identifier with digits; any other run of 5 or more digits too, and 12 or more in groups, as a
 * payment card or a driver's licence is printed). General by design: it masks a little
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
/** Between two groups of digits: a space, a dot or a dash, with a space on either side or not (`418 - 555`). */
const SEP = String.raw`(?:\s?[.-]\s?|\s{1,2})?`;
const HEALTH_CARD = new RegExp(String.raw`\b[A-Z]{4}${SEP}\d{4}${SEP}\d{4}\b`, 'gi');
/**
 * 3-3-3 digits, separated by spaces, dashes or dots, or 9 digits in a row; glued to the word before it too
 * (« NAS123456789 »), where no word boundary opens the number.
 */
const SIN = new RegExp(String.raw`(?<!\d)\d{3}${SEP}\d{3}${SEP}\d{3}\b`, 'g');
/** +1 (418) 555-0199, 418-555-0199, 418 555 0199, 4185550199, with an optional extension. */
const PHONE = new RegExp(String.raw`(?:\+\d{1,3}${SEP})?(?:\(\d{3}\)|\b\d{3})${SEP}\d{3}${SEP}\d{4}\b(?:\s*(?:poste|ext\.?|x)\s*\d{1,6})?`, 'gi');
/**
 * A number dialled from abroad: `+` or an international call prefix (`00`, `011`), a country code, then groups of
 * digits as each country prints them (`+33 1 42 68 53 00`, `+44 20 7946 0958`, `00 32 2 555 12 34`). ITU-T E.164
 * caps a number at 15 digits; from INTERNATIONAL_MIN_DIGITS on it is a telephone number, not an amount.
 */
const INTERNATIONAL_PHONE = new RegExp(String.raw`(?:\+|\b0{2}${SEP}|\b011${SEP})\d{1,3}(?:${SEP}\(?\d{1,5}\)?){1,6}\b(?:\s*(?:poste|ext\.?|x)\s*\d{1,6})?`, 'gi');
/**
 * Fewest digits (country code included) read as an international number: European numbers have 10 to 13
 * (`+45 12 34 56 78`, `+33 1 42 68 53 00`), and a signed amount (« +15 000 000 $ ») has fewer.
 */
const INTERNATIONAL_MIN_DIGITS = 9;
/** Hyphens and dashes other than `-`: the non-breaking hyphen of a signature, the en dash of a word processor. */
const DASHES = /[\u2010-\u2013\u2212\uFE58\uFE63]/g;
/** Full-width ASCII forms (`４１８`, `＠`), as an East Asian input method types them. */
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_OFFSET = 0xfee0;
/** Invisible characters (zero-width space, joiners, soft hyphen…) a paste can put inside a number or an address. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
/** « dossier 2024-00123 », « no 12345 », « n° AB-778 », « file #A12-3 », « réf. 889 »: the identifier after the word. */
const FILE_NUMBER = /\b(dossier|file|case|cas|n[o°º]|num[ée]ro|r[ée]f[ée]rence|r[ée]f\.?|matricule)(\s*[:#.]?\s*)([A-Z]{0,4}[-\s]?\d[\w/-]*)/giu;
/**
 * Digits in groups of 3 to 6 (the last may have 2) joined by single spaces or dashes, after an optional letter, as
 * a payment card (`4520 1234 5678 9012`), a driver's licence (`T6523-120385-08`) or a bank account is printed: an
 * identifier from MIN_GROUPED_DIGITS digits on. LONG_NUMBER sees each group of a card apart, none of 5 digits.
 */
const GROUPED_NUMBER = /\b[A-Z]?\d{3,6}(?:[ -]\d{3,6})+(?:[ -]\d{2})?\b/gi;
/** More digits than a phone number (10, 11 with its country code): an amount in words of three (« 1 250 000 ») has 7. */
const MIN_GROUPED_DIGITS = 12;
/** Any remaining run of 5 or more digits (possibly grouped by dashes): an identifier of some kind. */
const LONG_NUMBER = /\b\d[\d-]{3,}\d\b/g;

/**
 * `text` with personal information replaced by the {@link MASKS} labels. It is first read as a reader sees it, so that
 * nothing in how a number or an address was written hides it: full-width forms as ASCII (`４１８`, `＠`), hyphens,
 * en dashes and minus signs as `-`, invisible characters removed; the text kept is that reading.
 */
export function maskPersonalInformation(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(IGNORABLE, '')
    .replace(DASHES, '-')
    .replace(EMAIL, MASKS.email)
    .replace(HEALTH_CARD, MASKS.healthCard)
    .replace(GROUPED_NUMBER, (match) => (digitCount(match) >= MIN_GROUPED_DIGITS ? MASKS.fileNumber : match))
    .replace(INTERNATIONAL_PHONE, (match) => (digitCount(match) >= INTERNATIONAL_MIN_DIGITS ? MASKS.phone : match))
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
