/**
 * The size limits of a DOCX once inflated, apart from the extractor so that the messages naming them (bot and CLI)
 * do not load mammoth, JSZip and cheerio with it: the server would pay about 0.4 s and 25 MB at start for parsers it
 * may never use (see extract/index.ts).
 */

/**
 * Most bytes the XML parts of a DOCX (`*.xml`, `*.rels`) may inflate to, all together: 20 MiB. mammoth holds the
 * XML as a tree of about 30 times its size (30 MiB of XML took ~900 MB and a minute), so a small "ZIP bomb" sent
 * as a DOCX would otherwise stop the whole bot; a 300-page Word document holds a few MiB of XML.
 */
export const MAX_DOCX_XML_BYTES = 20 * 1024 * 1024;
/** Most bytes all the parts of a DOCX may inflate to (images included): 200 MiB. */
export const MAX_DOCX_INFLATED_BYTES = 200 * 1024 * 1024;
