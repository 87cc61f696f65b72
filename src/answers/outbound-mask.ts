import { maskPersonalInformation } from '../feedback/index.js';

/** What replaces a Canadian postal code in a question sent to a model. */
export const POSTAL_CODE_MASK = '[code postal]';

/**
 * A Canadian postal code, `A1A 1A1`, with one space, a dash or nothing in the middle. Canada Post's addressing
 * guidelines (Canada Postal Guide, « Addressing guidelines »): letters D, F, I, O, Q and U are never used, and W and Z
 * never open a code; Quebec's codes open with G, H or J, but a code of another province is as personal.
 */
const POSTAL_CODE = /\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d\b/gi;

/**
 * The question as it may leave the process for a language model: personal information the user typed is replaced
 * by a readable label, so the question still reads as one. Patterns, most specific first (see feedback/mask.ts for
 * the shared ones and their separators):
 * - e-mail addresses (`local@domain.tld`) → `[courriel]`;
 * - Quebec health-insurance numbers, NAM (RAMQ: four letters, from the surname and the given name, then eight
 *   digits of birth date, sex and a check pair, printed `ABCD 1234 5678`) → `[RAMQ]`;
 * - telephone numbers of the North American Numbering Plan (10 digits, `(418) 555-0199`, `+1 418 555 0199`, an
 *   extension after « poste » / `ext`), and numbers dialled from abroad (`+33 1 42 68 53 00`, `00 32 2 555 12 34`)
 *   → `[téléphone]`;
 * - social insurance numbers, NAS (Service Canada: nine digits, printed `123 456 789`, or glued to « NAS ») → `[NAS]`;
 * - postal codes (see POSTAL_CODE) → {@link POSTAL_CODE_MASK};
 * - a file or case number after its word (« dossier 2024-00123 », « no 12345 »), digits in groups of 12 or more (a
 *   payment card, a driver's licence), and any other run of five digits or more that is not a date → `[numéro]`.
 * General by design: it masks a little too much rather than too little. Pure; never throws.
 */
export function maskForModel(question: string): string {
  return maskPersonalInformation(question).replace(POSTAL_CODE, POSTAL_CODE_MASK);
}
