/**
 * Dates as French and English documents print them, for telling a date line (`Mis à jour le 12 mars 2031`,
 * `Last updated: March 12, 2031`) from a title. Conventions of the two languages, not words of any one document.
 */

/** French month names, with and without their accents. */
export const FRENCH_MONTHS = 'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre';
/** English month names. */
export const ENGLISH_MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';

/** A full date: `12 mars 2031`, `1er mars 2031`, `March 12, 2031`, `2031-03-12`, `12/03/2031`. */
const FULL_DATE = new RegExp(
  `\\b(?:\\d{1,2}(?:er)?\\s+(?:${FRENCH_MONTHS})\\s+\\d{4}|(?:${ENGLISH_MONTHS})\\s+\\d{1,2},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{4})\\b`,
  'iu',
);
/** What opens the line giving a text's last update or its publication: `Mis à jour le`, `Dernière mise à jour :`,
 *  `Publié le`, `Last updated:`, `Updated on`. */
const UPDATE_LINE = /^(?:(?:date\s+de\s+(?:la\s+)?)?(?:dernière\s+)?mise?s?\s+à\s+jour\s*(?:le\b|:)|publiée?s?\s+le\b|date\s+de\s+publication\s*:|(?:last\s+)?updated\s*(?:on\b|:)|last\s+updated\b)/iu;

/**
 * True when `text` gives a date (see FULL_DATE) or opens as a line giving a last update or a publication date (see
 * UPDATE_LINE, whatever the date's form): what a page sets in bold under its title, which is no section's title.
 */
export function isDateLine(text: string): boolean {
  return FULL_DATE.test(text) || UPDATE_LINE.test(text.trim());
}
