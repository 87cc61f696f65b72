import { isAdmonitionLabel } from '../admonitions.js';
import { childElements, type DomNode } from './dom.js';

/** A header and its value are joined with this (« Date : juin »). */
const HEADER_VALUE = ' : ';
/** The header–value pairs (or cells, in a table without headers) of one row are joined with this. */
const PAIR_SEPARATOR = ' ; ';
/** The labels a column takes from several header rows (a group over its sub-header) are joined with this. */
const HEADER_LEVELS = ' – ';
/** A row ending so already closes its sentence, or ends on a clause mark a full stop would only clutter. */
const ROW_END = /[.!?…:;,]["»”’)\]]*$/u;

const CELLS = new Set(['td', 'th']);
const ROWS = new Set(['tr']);
const ROW_GROUPS = new Set(['thead', 'tbody', 'tfoot']);
const CAPTIONS = new Set(['caption']);

/** What a table says, as text: its caption (empty when it has none) and one line per body row. */
export interface TableText {
  caption: string;
  rows: string[];
}

/**
 * Largest `colspan` and `rowspan` followed: the HTML standard's (a browser clamps larger values to these), so that
 * an absurd span in a file costs no more than a table that wide or long.
 */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;
/**
 * Most grid positions that cells spanning rows may cover in one table: beyond it a cell is read in its own row only,
 * so that rows of cells each spanning every row below cannot make the work grow with the square of the rows.
 */
const MAX_SPANNED_POSITIONS = 1_000_000;

/** A cell on the table's grid: the first column it covers (from 0) and how many columns it spans. */
interface PlacedCell {
  cell: DomNode;
  column: number;
  span: number;
}

/**
 * Linearises a table the way a screen reader reads a data table, each data cell with its header (WCAG 2 techniques
 * H51 and H63: a row header names the row, a column header labels each of its cells), so that each row reads on its
 * own when quoted: `Inscription ; Date : mars ; Lieu : en ligne.`
 * - Header rows are the rows of `<thead>` and the rows made only of `<th>` cells before the first body row. A column's
 *   label is its header cells' text, top to bottom (joined by ` – ` when several header rows label it); a cell
 *   spanning several columns takes the labels they share.
 * - Cells are placed on the table's grid as a browser does (HTML standard, « forming a table »): `colspan` and
 *   `rowspan` are followed within the header rows and within the body rows, up to MAX_COLSPAN and MAX_ROWSPAN. A body
 *   cell spanning rows is read in each of them, so that every row still reads on its own (its name included).
 * - Each body row is one line: its non-empty cells in order, joined by ` ; `. The first column, when others follow,
 *   names the row and opens it alone (Markdown cannot mark row headers: its first column is the row's name, as in a
 *   calendar's dates); every other cell reads `label : value` (the value alone when its column has no label or the
 *   label says the same). Repeating the first column's label too would lengthen every row with words that carry
 *   nothing new, which BM25 length normalisation charges to the table's passages.
 * - A row not ending with punctuation gets a full stop, so that sentence splitting (and so a quote) ends with the
 *   row. Empty rows are left out.
 * - A table with no header rows gives its rows' cells joined by ` ; `; a table with header rows only gives them as
 *   rows, so no text is lost.
 * Rows of a table nested inside a cell belong to that cell's text (see `cellText`).
 * @param cellText the text of a cell on one line (inline markup removed, white space collapsed)
 */
export function linearizeTable(table: DomNode, cellText: (cell: DomNode) => string): TableText {
  const caption = childElements(table, CAPTIONS)
    .map(cellText)
    .filter(Boolean)
    .join(' ');
  const headerRows: DomNode[] = [];
  const bodyRows: DomNode[] = [];
  for (const { row, inHead } of rowsOf(table)) {
    const cells = childElements(row, CELLS);
    const headerOnly = cells.length > 0 && cells.every((c) => c.name === 'th');
    if (inHead || (headerOnly && bodyRows.length === 0)) headerRows.push(row);
    else bodyRows.push(row);
  }
  const stacks = columnLabels(placeRows(headerRows), cellText);
  const rows = placeRows(bodyRows.length > 0 ? bodyRows : headerRows)
    .map((row) => rowText(row, bodyRows.length > 0 ? stacks : [], cellText))
    .filter(Boolean)
    .map((text) => (ROW_END.test(text) ? text : `${text}.`));
  return { caption, rows };
}

/** Most rows of a table that lays out a boxed note: the label's row and the text's (DocBook), or one row. */
const MAX_ADMONITION_ROWS = 2;

/**
 * True for a table that only lays out a boxed note: its cells with text are an admonition label (`Note`, `Astuce`:
 * see isAdmonitionLabel) then the note's text, in at most MAX_ADMONITION_ROWS rows (an icon's cell has no text).
 * Asciidoctor (`<td class="icon">Note</td><td class="content">…`) and DocBook XSL (`<th>Note</th>` over the text's
 * row) set every note so. It is no data table: read as one, each note became a row (`Note ; Le texte…`, `Note.`).
 * @param cellText the text of a cell on one line
 */
export function isAdmonitionTable(table: DomNode, cellText: (cell: DomNode) => string): boolean {
  const rows = rowsOf(table);
  if (rows.length === 0 || rows.length > MAX_ADMONITION_ROWS) return false;
  const texts = rows.flatMap(({ row }) => childElements(row, CELLS).map(cellText)).filter(Boolean);
  return texts.length === 2 && isAdmonitionLabel(texts[0]!);
}

/** The rows of a table, directly or through its row groups, in document order; `inHead` for those of `<thead>`. */
function rowsOf(table: DomNode): { row: DomNode; inHead: boolean }[] {
  return (table.children ?? []).flatMap((child) => {
    if (child.type !== 'tag') return [];
    if (child.name === 'tr') return [{ row: child, inHead: false }];
    if (ROW_GROUPS.has(child.name ?? '')) return childElements(child, ROWS).map((row) => ({ row, inHead: child.name === 'thead' }));
    return [];
  });
}

/** A cell's `colspan` or `rowspan`: 1 when absent or not a positive number, at most `max`. */
function spanOf(cell: DomNode, attribute: 'colspan' | 'rowspan', max: number): number {
  const span = Number.parseInt(cell.attribs?.[attribute] ?? '1', 10);
  return Number.isNaN(span) || span < 1 ? 1 : Math.min(span, max);
}

/**
 * The cells of each row placed on the grid, in column order: a cell starts at the first column that no cell spanning
 * rows from above covers, and a cell spanning rows (within `rows`) is placed in each of them.
 */
function placeRows(rows: DomNode[]): PlacedCell[][] {
  const placed: PlacedCell[][] = rows.map(() => []);
  const covered: Set<number>[] = rows.map(() => new Set());
  let budget = MAX_SPANNED_POSITIONS;
  rows.forEach((row, r) => {
    let column = 0;
    for (const cell of childElements(row, CELLS)) {
      while (covered[r]!.has(column)) column++;
      const span = spanOf(cell, 'colspan', MAX_COLSPAN);
      const wanted = Math.min(spanOf(cell, 'rowspan', MAX_ROWSPAN), rows.length - r);
      const down = (wanted - 1) * span <= budget ? wanted : 1;
      budget -= (down - 1) * span;
      for (let d = 0; d < down; d++) {
        placed[r + d]!.push({ cell, column, span });
        if (d > 0) for (let k = column; k < column + span; k++) covered[r + d]!.add(k);
      }
      column += span;
    }
  });
  return placed.map((cells) => cells.sort((a, b) => a.column - b.column));
}

/** The labels over each column (index from 0): the distinct texts of the header cells covering it, top to bottom. */
function columnLabels(headerRows: PlacedCell[][], cellText: (cell: DomNode) => string): string[][] {
  const stacks: string[][] = [];
  for (const row of headerRows) {
    for (const { cell, column, span } of row) {
      const text = cellText(cell);
      for (let k = column; k < column + span; k++) {
        const stack = (stacks[k] ??= []);
        if (text && !stack.includes(text)) stack.push(text);
      }
    }
  }
  return Array.from(stacks, (stack) => stack ?? []);
}

/** The label of a cell covering `span` columns from `column`: the header texts over all of them, joined. */
function labelOf(stacks: string[][], column: number, span: number): string {
  const covered = stacks.slice(column, column + span);
  return (covered[0] ?? []).filter((text) => covered.every((stack) => stack?.includes(text))).join(HEADER_LEVELS);
}

/** A row as `name ; label : value ; label : value` (see linearizeTable); `stacks` empty for a table without headers. */
function rowText(cells: PlacedCell[], stacks: string[][], cellText: (cell: DomNode) => string): string {
  const parts: string[] = [];
  for (const { cell, column, span } of cells) {
    const value = cellText(cell);
    if (!value) continue;
    // The first column names the row (its row header) when other columns follow: it opens the row unlabelled.
    const label = column === 0 && stacks.length > 1 ? '' : labelOf(stacks, column, span);
    parts.push(label && label !== value ? `${label}${HEADER_VALUE}${value}` : value);
  }
  return parts.join(PAIR_SEPARATOR);
}
