import { ExtractionError } from './errors.js';

const UTF8_BOM = '\uFEFF';

/** Byte order marks that name a UTF-16 encoding (Notepad's "Unicode" is UTF-16 LE with a BOM). */
const UTF16_BOMS = [
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
] as const;

/**
 * How files of other formats begin. A PDF written without compression is ASCII from end to end, so a PDF saved under
 * a text name (`guide.md`, a download renamed) was read as text and published as passages of its own source
 * (`3 0 obj << /Type /Page …`); the others hold NUL bytes, refused as binary, but saying which format it is tells
 * what to do.
 */
const DOCUMENT_SIGNATURES = [
  { name: 'a PDF', bytes: [...'%PDF-'].map((c) => c.charCodeAt(0)), remedy: 'give it the .pdf extension' },
  { name: 'a ZIP archive (a Word .docx is one)', bytes: [0x50, 0x4b, 0x03, 0x04], remedy: 'a Word document needs the .docx extension' },
  { name: 'a Word 97–2003 or other Office compound file', bytes: [0xd0, 0xcf, 0x11, 0xe0], remedy: 'save it as .docx or PDF first' },
] as const;

/**
 * Decodes the bytes of a text-based file (HTML, Markdown, plain text).
 * A UTF-16 byte order mark (LE or BE) selects UTF-16. Otherwise UTF-8 first; files that are not valid UTF-8 are
 * read as Windows-1252, the other encoding French office documents are commonly saved in, unless they are mostly
 * UTF-8 with a few stray Windows-1252 bytes (a passage pasted from another file): then each valid UTF-8 sequence is
 * read as UTF-8 and each other byte as Windows-1252 (see decodeMixed), so one stray « é » does not turn every other
 * accent of the document into « Ã© ». A leading BOM is dropped.
 * UTF-16 without a BOM is not detected (it reads as binary).
 * @throws ExtractionError when the bytes begin as another format's do (see DOCUMENT_SIGNATURES), when the text
 *   contains NUL characters (a binary file under a text extension), or when
 *   a UTF-16 BOM is followed by bytes that are not UTF-16 (e.g. a truncated file)
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const format = DOCUMENT_SIGNATURES.find((signature) => signature.bytes.every((byte, i) => bytes[i] === byte));
  if (format) throw new ExtractionError(file, `the file is ${format.name}, not text: ${format.remedy}`);
  const utf16 = UTF16_BOMS.find((bom) => bom.bytes.every((byte, i) => bytes[i] === byte));
  let text: string;
  if (utf16) {
    try {
      // The decoder drops the BOM itself.
      text = new TextDecoder(utf16.encoding, { fatal: true }).decode(bytes);
    } catch {
      throw new ExtractionError(file, `the file starts like ${utf16.encoding.toUpperCase()} text but is not valid ${utf16.encoding.toUpperCase()} (truncated or corrupt?)`);
    }
    if (text.includes('\0')) throw binaryContent(file);
    return text;
  }
  if (bytes.includes(0)) throw binaryContent(file);
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = decodeMixed(bytes) ?? decodeWindows1252(bytes);
  }
  return text.startsWith(UTF8_BOM) ? text.slice(1) : text;
}

function binaryContent(file: string): ExtractionError {
  return new ExtractionError(file, 'binary content where text was expected (corrupt file or wrong extension)');
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

/**
 * The length of the valid UTF-8 sequence starting at `i` (2 to 4 bytes: no overlong form, no surrogate, at most
 * U+10FFFF; RFC 3629 § 4), or 0 when the bytes there are not one.
 */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  const continuation = (k: number, min = 0x80, max = 0xbf) => i + k < bytes.length && bytes[i + k]! >= min && bytes[i + k]! <= max;
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const [min, max] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return continuation(1, min, max) && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const [min, max] = lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return continuation(1, min, max) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Bytes that are mostly UTF-8, read as such, each byte outside a valid UTF-8 sequence read as Windows-1252; null
 * when the valid multi-byte sequences do not outnumber those stray bytes. A Windows-1252 file has almost none (its
 * accented letters are single bytes, which UTF-8 never allows before ASCII), so it is still read as a whole.
 */
function decodeMixed(bytes: Uint8Array): string | null {
  const parts: string[] = [];
  const utf8 = new TextDecoder('utf-8');
  let sequences = 0;
  let stray = 0;
  let start = 0;
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i]! < 0x80) {
      i += 1;
      continue;
    }
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      sequences += 1;
      i += length;
      continue;
    }
    stray += 1;
    parts.push(utf8.decode(bytes.subarray(start, i)), decodeWindows1252(bytes.subarray(i, i + 1)));
    i += 1;
    start = i;
  }
  if (sequences <= stray) return null;
  parts.push(utf8.decode(bytes.subarray(start)));
  return parts.join('');
}

/** Splits text into lines on LF, CRLF or CR, so files saved on any system read the same. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
