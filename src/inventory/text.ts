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
