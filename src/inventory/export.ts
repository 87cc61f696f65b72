import { stringify } from 'csv-stringify/sync';
import { STATE_LABELS, type Choice } from './codes.js';
import { DECLARATION_FIELDS, SCHEMA_VERSION, type DeclarationField } from './schema.js';
import { stripControlCharacters } from './text.js';
import type { AccessEvent, DeclarationEvent, DeclarationRecord, DeclarationState, InventoryRepository } from './types.js';

export { STATE_LABELS };

/**
 * Exports of the inventory: a CSV for people (the Portrait's columns first, labels in French, opened by Excel with
 * its accents) and a complete JSON for systems (records as stored, with their events and assessments). Only
 * declarations submitted at least once are exported, as last submitted (`submittedData`): edits made after
 * governance asked for changes stay private to their authors until resubmitted, like drafts.
 */

/** Byte order mark written first in the CSV, so that Excel reads it as UTF-8 (otherwise `é` shows as `Ã©`). */
export const UTF8_BOM = '\uFEFF';

/**
 * A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection": = + - @ tab CR); such
 * cells get a leading apostrophe, whatever column they are in.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

type Row = DeclarationRecord;
/** One CSV column: a stable identifier (the schema's field key, or our own for the record's facts), its header. */
export interface CsvColumn {
  /** Stable English identifier: the DeclarationShape key for a field (`affectedGroups`), else `publicId`, `state`… */
  id: string;
  /** The header written in the file (French), fixed here: never read from the card labels. */
  header: string;
  value(record: Row): string;
}

const joined = (values: string[]) => values.join(' ; ');

function labelOf(choices: readonly Choice[] | undefined, code: string): string {
  return choices?.find((c) => c.code === code)?.fr ?? code;
}

/** A field's value in French, as last submitted: choices by their label, yes/no as Oui/Non, text as typed. */
function fieldText(record: Row, field: DeclarationField): string {
  const value = (record.submittedData ?? record.data)[field];
  const ui = DECLARATION_FIELDS[field];
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (Array.isArray(value)) return joined(value.map((v) => labelOf(ui.choices, v)));
  if (ui.kind === 'choice') return labelOf(ui.choices, value);
  return value;
}

/**
 * A cell as written: control and bidirectional-formatting characters removed (rows stored before they were
 * refused), and a formula neutralised (CSV injection).
 */
function safeCell(text: string): string {
  const clean = stripControlCharacters(text);
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}

const field = (id: DeclarationField, header: string): CsvColumn => ({ id, header, value: (r) => fieldText(r, id) });

/**
 * The CSV columns, in order: the Portrait's (name, category, public body, portfolio, benefits, status of the
 * initiative), then the inventory's own. The headers are a contract with whoever imports the file, so they are
 * written here, not read from the card labels (DECLARATION_FIELDS), which may be reworded for people filling the
 * form: « Renseignements de qui » stayed the header of `affectedGroups` when step 2 came to ask « Personnes
 * concernées par ces renseignements ». docs/declarations.md lists them (« Export for the Portrait »); changing one is a
 * breaking change of the export, to announce.
 */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  field('name', 'Nom de l’initiative'),
  field('category', 'Catégorie'),
  field('organismePublic', 'Organisme public responsable'),
  field('portefeuille', 'Portefeuille ministériel'),
  field('benefits', 'Bénéfices attendus'),
  field('status', 'État de l’initiative'),
  { id: 'publicId', header: 'Identifiant', value: (r) => r.publicId ?? '' },
  { id: 'state', header: 'État de la déclaration', value: (r) => STATE_LABELS[r.state].fr },
  field('purpose', 'Ce qu’elle fait et pourquoi'),
  field('contactName', 'Personne-ressource'),
  field('contactEmail', 'Courriel de la personne-ressource'),
  field('generative', 'Il s’agit d’IA générative'),
  field('supplier', 'Solution commerciale ou fournisseur (description générique)'),
  field('hosting', 'Hébergement'),
  field('personalInformation', 'Renseignements personnels utilisés'),
  field('affectedGroups', 'Renseignements de qui'),
  field('dataDescription', 'Données d’entrée ou d’entraînement'),
  field('decisionRole', 'Rôle dans des décisions sur des personnes'),
  field('publicFacing', 'Des personnes interagissent directement avec le système'),
  field('humanOversight', 'Supervision humaine en place'),
  field('measures', 'Mesures déjà prises'),
  { id: 'impactLevel', header: 'Niveau d’impact préliminaire', value: (r) => (r.assessment ? String(r.assessment.level) : '') },
  { id: 'submittedAt', header: 'Soumise le', value: (r) => r.submittedAt ?? '' },
  { id: 'declarant', header: 'Déclarant', value: (r) => r.declarant.name },
];

/**
 * The CSV: UTF-8 with a BOM, a header row, CRLF line ends (RFC 4180), one row per record in the given order.
 * Values are French labels; several choices are joined by " ; ". Every cell goes through safeCell.
 */
export function toCsv(records: readonly DeclarationRecord[]): string {
  return csvRows(records, true);
}

/** CSV rows of `records` (CRLF after each), after the BOM and header row when `first`: see toCsv. */
function csvRows(records: readonly DeclarationRecord[], first: boolean): string {
  const rows = records.map((r) => CSV_COLUMNS.map((c) => safeCell(c.value(r))));
  return stringify(rows, {
    bom: first,
    header: first,
    columns: CSV_COLUMNS.map((c, i) => ({ key: String(i), header: c.header })),
    record_delimiter: 'windows',
  });
}

/**
 * One declaration in the JSON export: the record as stored, with its events (state transitions, oldest first) and
 * its access changes (who gave or took away a colleague's access, and when: AccessEvent, oldest first). The CSV
 * export has neither.
 */
export interface ExportedDeclaration extends DeclarationRecord {
  events: DeclarationEvent[];
  accessEvents: AccessEvent[];
}

/** The JSON export document. */
export interface InventoryJsonExport {
  format: 'balises-inventory';
  /** SCHEMA_VERSION of the code that exported; each record keeps its own `schemaVersion`. */
  schemaVersion: number;
  exportedAt: string;
  declarations: ExportedDeclaration[];
}

/**
 * The complete JSON (pretty-printed as `JSON.stringify(document, null, 2)` with a final line break, UTF-8, no BOM),
 * an InventoryJsonExport: written from the same pieces as exportInventoryBytes' slices, so both make one file.
 */
export function toJson(declarations: readonly ExportedDeclaration[], exportedAt: string): string {
  return jsonHead(exportedAt) + jsonEntries(declarations, 0, declarations.length) + jsonTail(declarations.length);
}

export type ExportFormat = 'csv' | 'json';

/** Reads of a JSON export made before the last one is kept even if the inventory is still changing (see
 *  exportInventory). */
export const MAX_EXPORT_READS = 5;

/**
 * Exports the declarations submitted at least once (optionally only those in `states`), most recent first: the
 * file's text only (see exportInventoryFile).
 * @param now ISO date-time of the export (JSON `exportedAt`)
 * @returns the file's text (the CSV starts with UTF8_BOM)
 * @throws the repository's errors (InventoryStoreError when the store cannot be read)
 */
export async function exportInventory(repository: ExportSource, options: ExportOptions): Promise<string> {
  return (await exportInventoryFile(repository, options)).text;
}

/** An export: the file's text and how many declarations it holds. */
export interface InventoryFile {
  /** The file's text, as `balises export` writes it (the CSV starts with UTF8_BOM). */
  text: string;
  /** Declarations exported (rows of the CSV after its header, entries of the JSON's `declarations`). */
  declarations: number;
}

/**
 * Exports the declarations submitted at least once (optionally only those in `states`), most recent first, with
 * their count: the same text `balises export` writes, whoever asks for it (the command line, Teams).
 * The JSON export reads the declarations, then each one's events in separate queries: a review decided in between
 * would show a record « Soumise » beside its approval event. So the declarations are read again afterwards, and the
 * whole read is made again (at most MAX_EXPORT_READS times) until no revision moved meanwhile: every change bumps the
 * revision in the transaction that writes its event (InventoryRepository), and a share, which bumps none, changes the
 * collaborators: so equal revisions and collaborators mean records, events and access events belong to one state of the inventory, on SQLite and PostgreSQL alike, with no long read transaction held open.
 * @param now ISO date-time of the export (JSON `exportedAt`)
 * @throws the repository's errors (InventoryStoreError when the store cannot be read)
 */
export async function exportInventoryFile(repository: ExportSource, options: ExportOptions): Promise<InventoryFile> {
  const read = await readExport(repository, options);
  return read.format === 'csv'
    ? { text: toCsv(read.records), declarations: read.records.length }
    : { text: toJson(read.declarations, options.now), declarations: read.declarations.length };
}

/** What an export reads from the inventory (see exportInventoryFile). */
export type ExportSource = Pick<InventoryRepository, 'list' | 'events' | 'accessEvents'>;

/** What an export is asked for: its format, the states it holds (all but drafts when absent), its date-time (ISO). */
export interface ExportOptions {
  format: ExportFormat;
  states?: DeclarationState[];
  /** ISO date-time of the export (the JSON's `exportedAt`). */
  now: string;
}

/** An export as bytes: the file's UTF-8 bytes (the same as InventoryFile's text) and how many declarations it holds. */
export interface InventoryBytes {
  bytes: Buffer;
  declarations: number;
}

/** Declarations serialised between two yields to the event loop (see exportInventoryBytes): a few ms of work each. */
export const EXPORT_SLICE_DECLARATIONS = 50;

/**
 * The export exportInventoryFile makes, as UTF-8 bytes (the same bytes as its text), made a slice of
 * EXPORT_SLICE_DECLARATIONS declarations at a time, with a yield to the event loop between slices: turning 3 000
 * large declarations into 48 MB of JSON at once held the thread for seconds, so that every other conversation of
 * the bot waited (`npm run bench`). Each slice is encoded as soon as it is made, and the slices are copied once into
 * the file's buffer: the whole file is never held as a string besides its bytes.
 * @throws the repository's errors (InventoryStoreError when the store cannot be read)
 */
export async function exportInventoryBytes(repository: ExportSource, options: ExportOptions): Promise<InventoryBytes> {
  const read = await readExport(repository, options);
  const slices: Buffer[] = [];
  const count = read.format === 'csv' ? read.records.length : read.declarations.length;
  if (read.format === 'json') slices.push(Buffer.from(jsonHead(options.now), 'utf8'));
  for (let start = 0; start === 0 || start < count; start += EXPORT_SLICE_DECLARATIONS) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const end = start + EXPORT_SLICE_DECLARATIONS;
    slices.push(Buffer.from(read.format === 'csv' ? csvRows(read.records.slice(start, end), start === 0) : jsonEntries(read.declarations, start, end), 'utf8'));
  }
  if (read.format === 'json') slices.push(Buffer.from(jsonTail(count), 'utf8'));
  const bytes = Buffer.allocUnsafe(slices.reduce((total, slice) => total + slice.length, 0));
  let at = 0;
  for (let i = 0; i < slices.length; i++) {
    at += slices[i]!.copy(bytes, at);
    // Let each slice go as soon as it is copied, so that the file and its slices are not both held to the end.
    slices[i] = EMPTY;
  }
  return { bytes, declarations: count };
}

const EMPTY = Buffer.alloc(0);

/**
 * The JSON export's text up to its first declaration: the document `JSON.stringify(…, null, 2)` would write, a piece
 * at a time. Its keys come in InventoryJsonExport's order; jsonEntries then jsonTail follow.
 */
function jsonHead(exportedAt: string): string {
  const fields: Omit<InventoryJsonExport, 'declarations'> = { format: 'balises-inventory', schemaVersion: SCHEMA_VERSION, exportedAt };
  const head = JSON.stringify(fields, null, 2);
  return `${head.slice(0, -2)},\n  "declarations": [`;
}

/**
 * Declarations `start` to `end` (exclusive) of the JSON's array, as JSON.stringify indents them at depth 2: each on
 * its own lines, the first of the array after a line break, the others after a comma. JSON strings escape their line
 * breaks, so indenting every line of a declaration's own text gives the nested document's.
 */
function jsonEntries(declarations: readonly ExportedDeclaration[], start: number, end: number): string {
  let text = '';
  for (let i = start; i < Math.min(end, declarations.length); i++) {
    text += `${i === 0 ? '' : ','}\n    ${JSON.stringify(declarations[i], null, 2).replace(/\n/g, '\n    ')}`;
  }
  return text;
}

/** The JSON's end after `count` declarations: `[]` stays on one line, as JSON.stringify writes an empty array. */
function jsonTail(count: number): string {
  return count === 0 ? ']\n}\n' : '\n  ]\n}\n';
}

/** The declarations an export holds: the records for the CSV, the declarations with their events for the JSON. */
type ExportRead = { format: 'csv'; records: DeclarationRecord[] } | { format: 'json'; declarations: ExportedDeclaration[] };

/** Reads what an export holds, as exportInventoryFile describes (the JSON's reads repeated until consistent). */
async function readExport(repository: ExportSource, options: ExportOptions): Promise<ExportRead> {
  const read = async () =>
    (await repository.list(options.states ? { states: options.states } : undefined)).filter((r) => r.publicId !== null && r.state !== 'draft');
  let records = await read();
  if (options.format === 'csv') return { format: 'csv', records };
  for (let reads = 1; ; reads++) {
    // The data as last submitted: edits not submitted yet are not part of the inventory.
    const declarations = await Promise.all(
      records.map(async (r) => ({ ...r, data: r.submittedData ?? r.data, events: await repository.events(r.id), accessEvents: await repository.accessEvents(r.id) })),
    );
    const again = await read();
    if (reads >= MAX_EXPORT_READS || sameRevisions(records, again)) return { format: 'json', declarations };
    records = again;
  }
}

/**
 * True when both reads list the same declarations, in the same order, at the same revisions and with the same
 * collaborators (an access change, recorded with its AccessEvent, leaves the revision as it was).
 */
function sameRevisions(a: readonly DeclarationRecord[], b: readonly DeclarationRecord[]): boolean {
  return a.length === b.length && a.every((r, i) => r.id === b[i]!.id && r.revision === b[i]!.revision && r.collaborators.join() === b[i]!.collaborators.join());
}
