/**
 * Characters never kept in text people type into a declaration or a review comment: C0 controls but tab and line
 * feed (NUL, ESC…), DEL, C1 controls, and the Unicode bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), which can make a value read differently from what it is (CVE-2021-42574,
 * "Trojan Source"; Unicode TR #36 §2.1). Carriage returns go too: a line break is `\n`.
 */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * `text` without control and bidirectional-formatting characters (see CONTROL); `\r\n` and lone `\r` become `\n`.
 * Applied to every string of a declaration when it is stored or read back, and to review comments.
 */
export function stripControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/**
 * What a reader cannot see: white space and Unicode's default-ignorable code points (zero-width space and joiners,
 * left-to-right and right-to-left marks, word joiner, byte order mark, soft hyphen, Hangul fillers…; Unicode
 * Standard §5.21 and the `Default_Ignorable_Code_Point` property of DerivedCoreProperties.txt).
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{White_Space}]/gu;

/**
 * How much of `text` a reader sees, in UTF-16 code units (the unit of zod's length checks): its length without
 * white space and default-ignorable characters. A text of zero-width spaces and direction marks has none: it
 * passes a trim and a minimum length, yet shows nothing to whoever reads the declaration or the comment.
 */
export function visibleLength(text: string): number {
  return text.replace(INVISIBLE, '').length;
}
