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
 * Linearises a table the way a screen reader reads a data table, each data cell with its header (WCAG 2 techniques
 * H51 and H63: a row header names the row, a column header labels each of its cells), so that each row reads on its
 * own when quoted: `Inscription ; Date : mars ; Lieu : en ligne.`
 * - Header rows are the rows of `<thead>` and the rows made only of `<th>` cells before the first body row. A column's
 *   label is its header cells' text, top to bottom (joined by ` – ` when several header rows label it); `colspan` is
 *   followed, `rowspan` is not.
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
  const labels = columnLabels(headerRows, cellText);
  const rows = (bodyRows.length > 0 ? bodyRows : headerRows)
    .map((row) => rowText(childElements(row, CELLS), bodyRows.length > 0 ? labels : [], cellText))
    .filter(Boolean)
    .map((text) => (ROW_END.test(text) ? text : `${text}.`));
  return { caption, rows };
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

/** How many columns a cell spans (`colspan`, 1 when absent or not a positive number). */
function spanOf(cell: DomNode): number {
  const span = Number.parseInt(cell.attribs?.colspan ?? '1', 10);
  return Number.isNaN(span) || span < 1 ? 1 : span;
}

/** The label of each column (index from 0): the distinct texts of the header cells over it, top to bottom. */
function columnLabels(headerRows: DomNode[], cellText: (cell: DomNode) => string): string[] {
  const stacks: string[][] = [];
  for (const row of headerRows) {
    let column = 0;
    for (const cell of childElements(row, CELLS)) {
      const text = cellText(cell);
      const span = spanOf(cell);
      for (let k = column; k < column + span; k++) {
        const stack = (stacks[k] ??= []);
        if (text && !stack.includes(text)) stack.push(text);
      }
      column += span;
    }
  }
  return Array.from(stacks, (stack) => (stack ?? []).join(HEADER_LEVELS));
}

/** A row as `name ; label : value ; label : value` (see linearizeTable); `labels` empty for a table without headers. */
function rowText(cells: DomNode[], labels: string[], cellText: (cell: DomNode) => string): string {
  const parts: string[] = [];
  let column = 0;
  for (const cell of cells) {
    const value = cellText(cell);
    // The first column names the row (its row header) when other columns follow: it opens the row unlabelled.
    const label = column === 0 && labels.length > 1 ? '' : (labels[column] ?? '');
    column += spanOf(cell);
    if (!value) continue;
    parts.push(label && label !== value ? `${label}${HEADER_VALUE}${value}` : value);
  }
  return parts.join(PAIR_SEPARATOR);
}
