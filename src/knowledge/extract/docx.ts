import mammoth from 'mammoth';
import type { ExtractedDocument } from '../types.js';
import { ExtractionError, firstLineOf } from './errors.js';
import { extractHtmlString } from './html.js';

/**
 * Extracts a DOCX file through mammoth's HTML conversion, so Word's heading styles (Titre 1…, Heading 1…) survive
 * as heading levels. One page (pageNumber null: DOCX has no fixed pages). The title is the first level-1 heading.
 * @throws ExtractionError when the file is not a readable DOCX (not a ZIP, missing document part) or has no text
 */
export async function extractDocx(bytes: Uint8Array, file: string): Promise<ExtractedDocument> {
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }));
  } catch (error) {
    throw new ExtractionError(file, `not a valid DOCX file (${firstLineOf(error)})`, { cause: error });
  }
  const doc = extractHtmlString(html, file, 'docx');
  const firstH1 = doc.pages[0]?.lines.find((line) => line.headingLevel === 1);
  return { format: 'docx', pages: doc.pages, ...(firstH1 ? { title: firstH1.text } : {}) };
}
