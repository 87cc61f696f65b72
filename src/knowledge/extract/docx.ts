import { load } from 'cheerio';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { ExtractedDocument } from '../types.js';
import { ExtractionError, firstLineOf } from './errors.js';
import { MAX_DOCX_INFLATED_BYTES, MAX_DOCX_XML_BYTES } from './docx-limits.js';
import { extractHtmlString } from './html.js';

export { MAX_DOCX_INFLATED_BYTES, MAX_DOCX_XML_BYTES } from './docx-limits.js';

/**
 * Word's built-in Title style (« Titre » in a French Word: built-in styles keep their English name in the file),
 * marked so that its text is the document's title: mammoth would otherwise leave it a plain paragraph, and the first
 * Heading 1 (`Objet`) was taken for the title, its section losing its name.
 */
const TITLE_STYLE = "p[style-name='Title'] => h1.docx-title:fresh";
/** The paragraphs in the Title style as mammoth writes them (TITLE_STYLE); group 1: their content. */
const TITLE_ELEMENT = /<h1 class="docx-title">([\s\S]*?)<\/h1>/g;
/** The link mammoth puts after a footnote's or endnote's text, back to its call (`↑`): no text of the note. */
const NOTE_BACK_LINK = /<a href="#(?:footnote|endnote)-ref-[^"]*">[^<]*<\/a>/g;

/**
 * The first bytes of an Office compound file (OLE2, « Compound File Binary Format », [MS-CFB] 2.2): what Word writes
 * for a password-protected document (the encrypted DOCX inside it) and for a Word 97–2003 .doc. Not a ZIP, so
 * mammoth's error would say only that it cannot find a ZIP directory.
 */
const COMPOUND_FILE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Why a compound file is not read, and what to do, in one line. */
export const WORD_COMPOUND_REASON =
  'a password-protected Word document, or a Word 97–2003 .doc, not a DOCX: remove the password, or save it as a Word document (.docx), and ingest it again';

/**
 * Extracts a DOCX file through mammoth's HTML conversion, so Word's heading styles (Titre 1…, Heading 1…) survive
 * as heading levels. One page (pageNumber null: DOCX has no fixed pages). The title is the text of the first
 * paragraphs in Word's Title style (see TITLE_STYLE; a later one, an appendix's title, is a level-1 heading), else the
 * first level-1 heading. The link back from a footnote to its call (`↑`) is left out, and so is hidden text (see
 * withoutHiddenText).
 * The archive is inflated once first, counting the bytes actually produced (sizes in the ZIP directory can lie),
 * and refused beyond MAX_DOCX_XML_BYTES of XML or MAX_DOCX_INFLATED_BYTES in all.
 * @throws ExtractionError when the file is not a readable DOCX (not a ZIP, missing document part; an Office compound
 *   file, `word_compound`), inflates beyond the limits, or has no text
 */
export async function extractDocx(bytes: Uint8Array, file: string): Promise<ExtractedDocument> {
  if (Buffer.from(bytes.subarray(0, COMPOUND_FILE_SIGNATURE.length)).equals(COMPOUND_FILE_SIGNATURE)) {
    throw new ExtractionError(file, WORD_COMPOUND_REASON, { problem: 'word_compound' });
  }
  let html: string;
  try {
    await checkInflatedSize(Buffer.from(bytes));
    ({ value: html } = await mammoth.convertToHtml({ buffer: await withoutHiddenText(Buffer.from(bytes)) }, { styleMap: [TITLE_STYLE] }));
  } catch (error) {
    if (error instanceof TooLarge) throw new ExtractionError(file, error.message, { problem: 'inflates_too_much' });
    // mammoth reads the document recursively: tables or content controls nested a thousand deep exhaust the stack.
    // The file is valid; saying it is not would send its author looking for corruption.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new ExtractionError(file, 'its tables or content controls are nested too deeply inside one another to be read', { cause: error });
    }
    throw new ExtractionError(file, `not a valid DOCX file (${firstLineOf(error)})`, { cause: error });
  }
  // The first Title-style paragraphs in a row (a title broken over two lines is two) give the title and leave the
  // text: as a heading, the title would be joined to a Heading 1 that follows it directly. A later one (an
  // appendix's title) is a level-1 heading of the text.
  const titleElements = titleRun(html);
  const titleParts = titleElements.map((m) => load(m[1]!).text().replace(/\s+/g, ' ').trim()).filter(Boolean);
  const titleless = html.replace(TITLE_ELEMENT, (element, content: string, at: number) =>
    titleElements.some((m) => m.index === at) ? '' : `<h1>${content}</h1>`,
  );
  const doc = extractHtmlString(titleless.replace(NOTE_BACK_LINK, ''), file, 'docx');
  const title = titleParts.length > 0 ? titleParts.join(' ') : doc.pages[0]?.lines.find((line) => line.headingLevel === 1)?.text;
  return { format: 'docx', pages: doc.pages, ...(title ? { title } : {}) };
}

/** The parts of a DOCX whose text mammoth reads: the body, the footnotes and the endnotes. */
const TEXT_PARTS = ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml'];
/** A run property that hides the run (`<w:vanish/>`), unless it is turned off (`w:val="0"`, `"false"`, `"off"`). */
const HIDDEN_RUN = 'w\\:r:has(> w\\:rPr > w\\:vanish:not([w\\:val="0"], [w\\:val="false"], [w\\:val="off"]))';

/**
 * `bytes` without the runs of text Word hides (the Hidden font effect, `<w:vanish/>`: drafting notes, instructions
 * to the author), which the document shows nobody and mammoth would keep: indexed, they were quoted as the
 * document's text. A file holding none is returned as it is; the others are written again without those runs.
 */
async function withoutHiddenText(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  let changed = false;
  for (const name of TEXT_PARTS) {
    const part = zip.file(name);
    if (!part) continue;
    const xml = await part.async('string');
    if (!xml.includes('<w:vanish')) continue;
    const $ = load(xml, { xml: true });
    const hidden = $(HIDDEN_RUN);
    if (hidden.length === 0) continue;
    hidden.remove();
    zip.file(name, $.xml());
    changed = true;
  }
  return changed ? await zip.generateAsync({ type: 'nodebuffer' }) : bytes;
}

/** The document's title in mammoth's HTML: the first paragraph in the Title style and those right after it. */
function titleRun(html: string): RegExpMatchArray[] {
  const run: RegExpMatchArray[] = [];
  for (const m of html.matchAll(TITLE_ELEMENT)) {
    const previous = run.at(-1);
    if (previous && html.slice(previous.index! + previous[0].length, m.index).trim() !== '') break;
    run.push(m);
  }
  return run;
}

class TooLarge extends Error {}

/** Inflates every part of the archive, discarding the bytes, and throws TooLarge as soon as a limit is passed. */
async function checkInflatedSize(bytes: Buffer): Promise<void> {
  const zip = await JSZip.loadAsync(bytes);
  let xml = 0;
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const isXml = /\.(xml|rels)$/i.test(entry.name);
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer');
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (isXml) xml += chunk.length;
        if (xml > MAX_DOCX_XML_BYTES || total > MAX_DOCX_INFLATED_BYTES) {
          stream.pause();
          stream.removeAllListeners('data');
          reject(new TooLarge(`the DOCX file inflates to more than ${xml > MAX_DOCX_XML_BYTES ? `${mib(MAX_DOCX_XML_BYTES)} of text markup` : `${mib(MAX_DOCX_INFLATED_BYTES)}`} (a compressed "ZIP bomb"?)`));
        }
      });
      stream.on('end', () => resolve());
      stream.on('error', reject);
    });
  }
}

function mib(bytes: number): string {
  return `${bytes / (1024 * 1024)} MiB`;
}
