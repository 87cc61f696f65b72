import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A line drawn on a fixture PDF page: text at (x, y) in points, y from the bottom, in Helvetica of `size`. */
export interface PdfLine {
  text: string;
  x?: number;
  y: number;
  size?: number;
}

/**
 * Builds a small PDF, one entry of `pages` per page. Each line is drawn as separate runs when given as an array
 * (to exercise line rebuilding); WinAnsi covers the French accented letters used in fixtures.
 */
export async function buildPdf(pages: (PdfLine | PdfLine[])[][], title?: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  if (title) pdf.setTitle(title);
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    for (const line of lines) {
      for (const run of Array.isArray(line) ? line : [line]) {
        page.drawText(run.text, { x: run.x ?? 72, y: run.y, size: run.size ?? 11, font });
      }
    }
  }
  return pdf.save();
}

/** Width in points of `text` in the fixture font: lets a test place the next run right after it. */
export async function helveticaWidth(text: string, size: number): Promise<number> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  return font.widthOfTextAtSize(text, size);
}

/** A block of a fixture DOCX: a heading of level 1–3, a paragraph in Word's Title style, a bullet, body text, or a table whose first row is marked as
 *  Word's header row ("repeat as header row"). */
export type DocxBlock = { heading: 1 | 2 | 3; text: string } | { title: string } | { bullet: string } | { text: string } | { table: string[][] };

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** Builds a small DOCX using Word's built-in heading styles. */
export async function buildDocx(blocks: DocxBlock[]): Promise<Uint8Array> {
  const children = blocks.map((block) => {
    if ('heading' in block) return new Paragraph({ text: block.text, heading: HEADINGS[block.heading] });
    if ('title' in block) return new Paragraph({ text: block.title, heading: HeadingLevel.TITLE });
    if ('bullet' in block) return new Paragraph({ text: block.bullet, bullet: { level: 0 } });
    if ('table' in block) {
      // `tableHeader: false` still writes the header mark: only the first row may carry the option.
      const rows = block.table.map(
        (cells, i) => new TableRow({ ...(i === 0 ? { tableHeader: true } : {}), children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) }),
      );
      return new Table({ rows });
    }
    return new Paragraph({ children: [new TextRun(block.text)], alignment: AlignmentType.LEFT });
  });
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
