import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExtractedDocument, SourceFormat } from '../types.js';
import { ExtractionError, firstLineOf } from './errors.js';

export { ExtractionError, type ExtractionProblem } from './errors.js';

/** Turns a file's bytes into text lines. `file` names the file in errors. */
export type Extractor = (bytes: Uint8Array, file: string) => Promise<ExtractedDocument>;

// Each parser library (pdfjs, mammoth, cheerio, markdown-it: about 35 MB together) is loaded on the first file of
// its format: the server imports this module for the formats' names and may never extract a file.
const EXTRACTORS: Record<SourceFormat, Extractor> = {
  pdf: async (bytes, file) => (await import('./pdf.js')).extractPdf(bytes, file),
  docx: async (bytes, file) => (await import('./docx.js')).extractDocx(bytes, file),
  html: async (bytes, file) => (await import('./html.js')).extractHtml(bytes, file),
  markdown: async (bytes, file) => (await import('./markdown.js')).extractMarkdown(bytes, file),
  text: async (bytes, file) => (await import('./text.js')).extractText(bytes, file),
};

/** Supported file extensions (lower case, with the dot) and the format each one is read as. */
export const FORMAT_BY_EXTENSION: Readonly<Record<string, SourceFormat>> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.html': 'html',
  '.htm': 'html',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
};

/** The format a file is read as, from its extension (case-insensitive); null when unsupported. */
export function formatOf(file: string): SourceFormat | null {
  return FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()] ?? null;
}

/** The one-line reason given for a file whose extension no extractor handles. */
export function unsupportedTypeReason(file: string): string {
  const extension = path.extname(file) || '(none)';
  return `unsupported file type ${extension} (supported: ${Object.keys(FORMAT_BY_EXTENSION).join(', ')})`;
}

/**
 * Extracts a file already read into memory (the caller may need the bytes too, e.g. to hash them).
 * @param file path or name; its extension chooses the extractor, and it names the file in errors
 * @throws ExtractionError for an unsupported extension, a corrupt file or a file with no text
 */
export async function extractBytes(bytes: Uint8Array, file: string): Promise<ExtractedDocument> {
  const format = formatOf(file);
  if (!format) throw new ExtractionError(file, unsupportedTypeReason(file));
  if (bytes.length === 0) throw new ExtractionError(file, 'the file is empty', { problem: 'empty' });
  return EXTRACTORS[format](bytes, file);
}

/**
 * Reads and extracts a file: its text page by page, before any cleaning.
 * @throws ExtractionError for an unreadable, unsupported, corrupt or empty file
 */
export async function extractFile(file: string): Promise<ExtractedDocument> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new ExtractionError(file, `cannot read the file (${firstLineOf(error)})`, { cause: error });
  }
  return extractBytes(bytes, file);
}
