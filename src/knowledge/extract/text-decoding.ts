import { ExtractionError } from './errors.js';

const UTF8_BOM = '\uFEFF';

/**
 * Decodes the bytes of a text-based file (HTML, Markdown, plain text).
 * UTF-8 first; files that are not valid UTF-8 are read as Windows-1252, the other encoding French
 * office documents are commonly saved in. A leading BOM is dropped.
 * @throws ExtractionError when the bytes contain NUL characters (a binary file under a text extension)
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.includes(0)) {
    throw new ExtractionError(file, 'binary content where text was expected (corrupt file or wrong extension)');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = decodeWindows1252(bytes);
  }
  return text.startsWith(UTF8_BOM) ? text.slice(1) : text;
}

/** Windows-1252 characters for bytes 0x80–0x9F (undefined slots kept as C1 controls); other bytes are Latin-1. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Node 20's TextDecoder decodes the `windows-1252` label as Latin-1, losing ’ « » œ …: map the 0x80–0x9F block here. */
function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH.charAt(byte - 0x80) : String.fromCharCode(byte);
  }
  return text;
}

/** Splits text into lines on LF, CRLF or CR, so files saved on any system read the same. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
