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
 * - social insurance numbers, NAS (Service Canada: nine digits, printed `123 456 789`, or glued to « NAS »), but not
 *   an amount written so, with its currency (« 125 000 000 $ ») → `[NAS]`;
 * - postal codes (see POSTAL_CODE) → {@link POSTAL_CODE_MASK};
 * - a file or case number after its word (« dossier 2024-00123 », « no 12345 »), digits in groups of 12 or more (a
 *   payment card, a driver's licence), and any other run of five digits or more that is not a date → `[numéro]`;
 * - a date of birth after the word that says so (« né le 3 mars 1980 », « date de naissance : 1980-03-03 »,
 *   "DOB 03/03/1980", "born March 3, 1980") → `[date de naissance]`;
 * - a person's name after a civility (M., Mme, Me, Dr, Mr., Mrs., Ms.), apostrophes included (`O'Brien`, `D’Amours`)
 *   and in lower case too (« madame julie gagnon », but not « madame la ministre »), after « nommé(e) », « appelé(e) », "named",
 *   "called", « je m’appelle », a given name and a surname after « je suis », "I'm" or a role (« mon collègue »,
 *   « la cliente », « le citoyen », "customer"), any name after « je m’appelle », « mon nom est » or "my name is" (lower
 *   case and capitals included), or signing the text after « Merci, », « Cordialement, », "Thanks," → `[nom]`
 *   (without a list of names, capitalised words elsewhere are kept: « Santé Québec » reads as « Julie Gagnon »).
 * General by design: it masks a little too much rather than too little. Pure; never throws.
 *
 * Source: personal information, information about a natural person that allows them to be identified, directly or
 * indirectly (CQLR c., s. 54, as amended by S.Q. 2021, c. 25, « Loi 25 »), is not to leave the public body for
 * a language model's provider without need: the question is understood as well without it.
 */
export function maskForModel(question: string): string {
  return maskPersonalInformation(question).replace(POSTAL_CODE, POSTAL_CODE_MASK);
}
