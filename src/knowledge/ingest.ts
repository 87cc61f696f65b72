import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { ExtractionError, FORMAT_BY_EXTENSION, formatOf, unsupportedTypeReason } from './extract/index.js';
import { firstLineOf } from './extract/errors.js';
import { extractOffThread, type ExtractedFile } from './off-thread.js';
import { quebecDay } from '../quebec-time.js';
import { slug } from './slug.js';
import { SameContentStoredError, VersionLabelConflictError, type KnowledgeStore, type StoredVersion } from './store.js';

/** Document ids are URL-safe slugs: they appear in passage ids (`docId@version#section:n`) and in links. */
export const DOC_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/**
 * Longest document id, in characters. An id is repeated in every passage id (`docId@version#section:n`), in links,
 * in card texts and in the audit trail; the URL-safe base64 of a passage id is its Azure AI Search document key, which
 * may be at most 1 024 characters (https://learn.microsoft.com/rest/api/searchservice/naming-rules), i.e. 768 bytes
 * of passage id: 80 leaves room for the version label (at most 80 characters) and the section id.
 */
export const MAX_DOC_ID_CHARS = 80;
/**
 * Why `docId` cannot name a document, in one line, or null when it can: longer than {@link MAX_DOC_ID_CHARS} (the
 * id is not echoed then), or not a slug of {@link DOC_ID_PATTERN}.
 */
export function docIdProblem(docId: string): string | null {
  if (docId.length > MAX_DOC_ID_CHARS) return `a document id is at most ${MAX_DOC_ID_CHARS} characters (this one has ${docId.length})`;
  if (!DOC_ID_PATTERN.test(docId)) return `document id "${docId}" must be lower-case letters, digits and dashes`;
  return null;
}

/** Hex digits of the file name's hash that end an id shortened by {@link slugOf}, so that two long names which
 *  differ only after the cut still name two documents. */
const SHORTENED_ID_HASH_CHARS = 8;
/**
 * Characters a version label may not contain: `@` and `#` delimit passage ids; control characters (line breaks, NUL,
 * bell…) and format characters (Unicode Cf: bidirectional overrides U+202A–U+202E and U+2066–U+2069, which make a
 * label read backwards, "Trojan Source", CVE-2021-42574; zero-width spaces and joiners, soft hyphens, which make two
 * labels look alike or a label look empty, so that `rétablir` could never name it) would reach every citation and
 * the audit trail.
 */
export const VERSION_LABEL_FORBIDDEN = /[@#\p{Cc}\p{Cf}]/u;
/**
 * How many times a file is published under a default label before giving up: another ingest of the same document
 * (another process) may take the label between its choice and the commit; each retry takes the next free one.
 */
const MAX_DEFAULT_LABEL_ATTEMPTS = 5;

/** What the person ingesting says about the files. Dates are ISO `YYYY-MM-DD`. */
export interface IngestMeta {
  /** Document id; defaults to the file name's slug. Only with a single file. */
  docId?: string;
  /** Title; defaults to the one the pipeline finds. Only with a single file. */
  title?: string;
  /** Version label; defaults to `publishedOn`, else the ingest date (local time). If that label is taken by
   *  another version of the document, ` (2)`, ` (3)`… is appended; an explicit label that is taken is an error. */
  versionLabel?: string;
  publishedOn?: string;
  /** Official URL. Only with a single file. */
  url?: string;
  /** Who ingests (recorded with the version). */
  ingestedBy: string;
}

/**
 * The outcome for one file, tagged by `kind`. `file` is the path as given (or inside the given folder).
 * `restored`: the bytes are those of a stored version that was not the published one (an older version, or the
 * document was withdrawn); that version is published again. `unchanged`: the bytes are the published version's.
 * `linkSet` (both): the official link given with the file, recorded because it differed from the version's own.
 * `folder` (skipped, failed): the path is a folder (a subfolder, which is not searched, or a given folder holding no
 * supported file), so that a summary counts it as a folder rather than as a file.
 */
export type FileOutcome =
  | { kind: 'ingested'; file: string; docId: string; versionLabel: string; title: string; passageCount: number }
  | { kind: 'restored'; file: string; docId: string; versionLabel: string; linkSet?: string }
  | { kind: 'unchanged'; file: string; docId: string; versionLabel: string; linkSet?: string }
  | { kind: 'skipped'; file: string; reason: string; folder?: true }
  | { kind: 'failed'; file: string; reason: string; folder?: true };

/**
 * The result of an ingest: `rejected` when the request itself is invalid (nothing was read or written),
 * else one outcome per file, in the order the paths were given (a folder's files by name).
 */
export type IngestReport = { kind: 'rejected'; reason: string } | { kind: 'completed'; outcomes: FileOutcome[] };

/**
 * Collaborators of the ingest use case. `now` is injectable for tests; it defaults to the clock. `maxHeapMb` is the
 * heap limit of the worker thread that reads each file (see extractOffThread), in MB; it defaults to WORKER_HEAP_MB.
 */
export interface IngestDeps {
  store: KnowledgeStore;
  logger?: Pick<Logger, 'info' | 'warn'>;
  now?: () => Date;
  maxHeapMb?: number;
}

/** A path after folder expansion: a file to ingest, or an outcome already decided. */
type Candidate =
  | { kind: 'file'; file: string }
  | { kind: 'skipped'; file: string; reason: string; folder?: true }
  | { kind: 'failed'; file: string; reason: string; folder?: true };

/** The command-line flag of each option that names one document, for the message refusing it with several files. */
const ONE_DOCUMENT_FLAGS = { docId: '--doc', title: '--title', url: '--url' } as const;

/**
 * Ingests files and folders: each supported file becomes a new published version of its document, unless the same
 * bytes were already ingested for that document: then that stored version is published again (`restored`), or
 * nothing changes when it is the published one (`unchanged`), but for a given URL, which becomes its official link;
 * bytes published as another document are `skipped` (the same text under two ids would be quoted twice);
 * the given title, label and date are not applied to a stored version. A folder contributes its supported files
 * (not its subfolders; hidden files ignored; other files `skipped`); a folder with no supported file fails, and so
 * does a file named explicitly with an unsupported type. A file given twice (or also found in a given folder) is
 * ingested and reported once, under its first name.
 * Every file is handled on its own: a failure (unreadable, corrupt, empty, label taken) is reported as `failed`
 * with a one-line reason naming the file, leaves nothing written, and does not stop the rest of the batch.
 * Logs carry file names, ids and counts, never document text.
 * @returns `rejected` when `docId`, `title` or `url` is given for more than one file, or `docId` is not a slug of at
 *   most {@link MAX_DOC_ID_CHARS} characters
 */
export async function ingestPaths(deps: IngestDeps, paths: string[], meta: IngestMeta): Promise<IngestReport> {
  const idProblem = meta.docId === undefined ? null : docIdProblem(meta.docId);
  if (idProblem) return { kind: 'rejected', reason: idProblem };
  if (meta.versionLabel !== undefined && (meta.versionLabel.trim() === '' || VERSION_LABEL_FORBIDDEN.test(meta.versionLabel))) {
    return { kind: 'rejected', reason: 'a version label must be non-empty and contain no @, #, line break or invisible character' };
  }
  const candidates = uniqueByPath((await Promise.all(paths.map(expandPath))).flat());
  const files = candidates.filter((c) => c.kind === 'file');
  const oneDocumentOptions = (['docId', 'title', 'url'] as const).filter((key) => meta[key] !== undefined);
  if (files.length > 1 && oneDocumentOptions.length > 0) {
    // Name only the options the person typed, and the folder when one was given: « 5 files were given » after a
    // single folder argument read as a miscount.
    const flags = oneDocumentOptions.map((key) => ONE_DOCUMENT_FLAGS[key]);
    const held = files.length > paths.length ? `${paths.length === 1 ? 'the folder given holds' : 'the paths given hold'} ${files.length} files` : `${files.length} files were given`;
    return {
      kind: 'rejected',
      reason: `${flags.join(' and ')} ${flags.length === 1 ? 'names' : 'name'} one document, but ${held}; ingest them one at a time`,
    };
  }

  const outcomes: FileOutcome[] = [];
  const batchDocIds = new Map<string, string>();
  for (const candidate of candidates) {
    if (candidate.kind !== 'file') {
      outcomes.push(candidate.kind === 'failed' ? failed(deps, candidate.file, candidate.reason, candidate.folder) : candidate);
      continue;
    }
    const docId = meta.docId ?? slugOf(candidate.file);
    // A name that gives no id (`!!!.md`, `规则.md`) is asked for --doc by ingestFile, whichever file comes first.
    const earlier = docId ? batchDocIds.get(docId) : undefined;
    if (earlier !== undefined) {
      outcomes.push(failed(deps, candidate.file, `same document id "${docId}" as ${earlier} in this batch; ingest it separately with --doc`));
      continue;
    }
    batchDocIds.set(docId, candidate.file);
    outcomes.push(await ingestFile(deps, candidate.file, docId, meta));
  }
  return { kind: 'completed', outcomes };
}

async function ingestFile(deps: IngestDeps, file: string, docId: string, meta: IngestMeta): Promise<FileOutcome> {
  const started = Date.now();
  if (!docId) return failed(deps, file, 'cannot derive a document id from the file name; give one with --doc');
  let bytes: Buffer;
  try {
    // Opening a named pipe waits for a writer and a device (a link to /dev/zero) never ends: either would hang the
    // whole batch without a word, so only a regular file (a link followed to one) is read.
    const info = await stat(file);
    if (!info.isFile()) return failed(deps, file, `not a regular file (${specialKind(info)}): only files are ingested`);
    bytes = await readFile(file);
  } catch (error) {
    return failed(deps, file, `cannot read the file (${firstLineOf(error)})`);
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  let extracted: ExtractedFile | undefined;
  try {
    const known = deps.store.findVersionBySha(docId, sha);
    if (known) return reuse(deps, file, known, meta.url);
    // The same text published under two ids would answer every question twice, quoting each passage twice.
    const elsewhere = deps.store.findPublishedBySha(sha);
    if (elsewhere?.docId === docId) return reuse(deps, file, elsewhere, meta.url);
    if (elsewhere) {
      const { docId: other, label } = elsewhere;
      deps.logger?.info({ file: path.basename(file), docId, publishedAs: other }, 'document already published under another id');
      return {
        kind: 'skipped',
        file,
        reason: `same content as document ${other} (published version ${label}): not ingested again as ${docId}; a new version of ${other} is ingested with --doc ${other}`,
      };
    }
    // Read in a worker with a heap limit, as a file sent in Teams is: a parser that needs too much memory fails
    // this file with a one-line reason instead of killing the whole command with a V8 fatal error.
    extracted = await extractOffThread(bytes, file, { keepAlive: true, ...(deps.maxHeapMb !== undefined ? { maxHeapMb: deps.maxHeapMb } : {}) });
    const now = deps.now?.() ?? new Date();
    for (let attempt = 1; ; attempt++) {
      const versionLabel = chooseLabel(deps.store, docId, meta, now);
      if (versionLabel === null) {
        // The label may be taken by these very bytes, stored by another ingest while this one read the file (three
        // terminals running the same command): that is the same version, not a conflicting one.
        const meanwhile = deps.store.findVersionBySha(docId, sha);
        if (meanwhile) return reuse(deps, file, meanwhile, meta.url);
        return failed(deps, file, `document ${docId} already has a version "${meta.versionLabel}" with different content; choose another --version`);
      }
      const built = await extracted.build({ docId, versionLabel, ...(meta.title ? { title: meta.title } : {}) });
      if (built.passages.length === 0) return failed(deps, file, 'no passage could be built from the text');
      try {
        deps.store.publishVersion(
          {
            docId,
            title: built.title,
            versionLabel,
            publishedOn: meta.publishedOn ?? null,
            url: meta.url ?? null,
            sourceSha256: sha,
            ingestedAt: now.toISOString(),
            ingestedBy: meta.ingestedBy,
          },
          built.sections,
          built.passages,
        );
      } catch (error) {
        // Another ingest (another terminal, the server) stored these very bytes after they were looked for above.
        if (error instanceof SameContentStoredError) return reuse(deps, file, error.version, meta.url);
        // Another ingest of this document committed between the label choice and this commit. A defaulted label
        // moves on to the next free one; the same bytes ingested meanwhile are simply reused.
        if (!(error instanceof VersionLabelConflictError) || meta.versionLabel !== undefined || attempt >= MAX_DEFAULT_LABEL_ATTEMPTS) throw error;
        const meanwhile = deps.store.findVersionBySha(docId, sha);
        if (meanwhile) return reuse(deps, file, meanwhile, meta.url);
        deps.logger?.info({ file: path.basename(file), docId, versionLabel, attempt }, 'default version label taken meanwhile; retrying');
        continue;
      }
      const passageCount = built.passages.length;
      deps.logger?.info({ file: path.basename(file), docId, versionLabel, passageCount, durationMs: Date.now() - started }, 'document ingested');
      return { kind: 'ingested', file, docId, versionLabel, title: built.title, passageCount };
    }
  } catch (error) {
    return failed(deps, file, error instanceof ExtractionError ? error.reason : firstLineOf(error));
  } finally {
    await extracted?.close();
  }
}

/** Same bytes as a stored version: nothing to do if it is the published one, else it is published again; either way
 *  an official link given with the file that differs from the version's own is recorded (the only option that
 *  applies to a stored version, as `balises help ingest` says). */
function reuse(deps: IngestDeps, file: string, known: StoredVersion, url: string | undefined): FileOutcome {
  const { docId, label: versionLabel } = known;
  const linkSet = url !== undefined && url !== known.url ? url : undefined;
  const link = linkSet !== undefined ? { linkSet } : {};
  if (known.published) {
    if (linkSet !== undefined) deps.store.setDocumentUrl(docId, linkSet);
    deps.logger?.info({ file: path.basename(file), docId, versionLabel }, 'document unchanged');
    return { kind: 'unchanged', file, docId, versionLabel, ...link };
  }
  deps.store.republish(known.id);
  if (linkSet !== undefined) deps.store.setDocumentUrl(docId, linkSet);
  deps.logger?.info({ file: path.basename(file), docId, versionLabel }, 'stored version published again');
  return { kind: 'restored', file, docId, versionLabel, ...link };
}

/** The candidates without repeats of the same file (compared after path.resolve), first occurrence kept. */
function uniqueByPath(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const key = path.resolve(candidate.file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The label for a new version, or null when an explicitly given label is already taken. The default is the official
 * date, else the day of `now` in Quebec (quebecDay), as for a proposal made from Teams: never the server's own time
 * zone, which is UTC on a cloud host and would label an evening ingest with the next day.
 */
function chooseLabel(store: KnowledgeStore, docId: string, meta: IngestMeta, now: Date): string | null {
  const taken = new Set(store.versions(docId).map((v) => v.label));
  if (meta.versionLabel !== undefined) return taken.has(meta.versionLabel) ? null : meta.versionLabel;
  const base = meta.publishedOn ?? quebecDay(now);
  let label = base;
  for (let n = 2; taken.has(label); n++) label = `${base} (${n})`;
  return label;
}

/** What a path that is neither a folder nor a regular file is, in the words of `ls -l`'s manual. */
function specialKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return info.isDirectory() ? 'a folder' : 'not a file';
}

function failed(deps: IngestDeps, file: string, reason: string, folder?: true): FileOutcome {
  deps.logger?.warn({ file: path.basename(file), reason }, 'document not ingested');
  return folder ? { kind: 'failed', file, reason, folder } : { kind: 'failed', file, reason };
}

/** Why a file whose name is not UTF-8 text is not ingested: decoded, its name opens nothing. */
const NOT_UTF8_NAME = 'the file name is not UTF-8 text, so it cannot be opened by name; rename the file and ingest it again';

/**
 * Why a path that names nothing is not ingested. A relative path is also shown resolved: the README's paths
 * (`../shared/corpus/…`) start from the project folder, and from any other folder the raw `ENOENT … stat` did not
 * say where the file had been looked for.
 */
function missingPathReason(given: string): string {
  return path.isAbsolute(given)
    ? 'cannot read: no such file or folder'
    : `cannot read: no such file or folder at ${path.resolve(given)} (a relative path starts from the folder the command runs in: with npm run, the project folder)`;
}

async function expandPath(given: string): Promise<Candidate[]> {
  let info: Stats;
  try {
    info = await stat(given);
  } catch (error) {
    // A name given in bytes that are not UTF-8 (`ingest dossier/*` in a folder unzipped from Windows) reaches Node
    // with U+FFFD in it, a path that names nothing.
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const reason = missing && given.includes('\uFFFD') ? NOT_UTF8_NAME : missing ? missingPathReason(given) : `cannot read (${firstLineOf(error)})`;
    return [{ kind: 'failed', file: given, reason }];
  }
  if (!info.isDirectory()) {
    return formatOf(given)
      ? [{ kind: 'file', file: given }]
      : [{ kind: 'failed', file: given, reason: unsupportedTypeReason(given) }];
  }
  // Names read as bytes: one that is not UTF-8 (Latin-1, from an archive made on Windows) decodes with U+FFFD in it,
  // a path that opens nothing, so it is reported as such instead of as a missing file.
  const entries = (await readdir(given, { withFileTypes: true, encoding: 'buffer' }))
    .map((entry) => ({ entry, name: entry.name.toString('utf8') }))
    .filter(({ name }) => !name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name));
  const candidates = entries.map(({ entry, name }): Candidate => {
    const file = path.join(given, name);
    if (entry.isDirectory()) return { kind: 'skipped', file, reason: 'folder (folders are not searched recursively)', folder: true };
    // A folder's README describes the folder; it is not one of the documents (name it to ingest it anyway).
    if (/^readme(\.[a-z]+)?$/i.test(name)) return { kind: 'skipped', file, reason: 'README of the folder, not a document' };
    if (!formatOf(name)) return { kind: 'skipped', file, reason: unsupportedTypeReason(name) };
    if (!Buffer.from(name, 'utf8').equals(entry.name)) {
      return { kind: 'failed', file, reason: NOT_UTF8_NAME };
    }
    return { kind: 'file', file };
  });
  if (candidates.some((c) => c.kind !== 'skipped')) return candidates;
  const supported = Object.keys(FORMAT_BY_EXTENSION).join(', ');
  return [...candidates, { kind: 'failed', file: given, reason: `no supported file found in this folder (supported: ${supported}; subfolders are not searched)`, folder: true }];
}

/**
 * The default document id of a file: its name without extension as a {@link slug} (accents folded, lower-cased,
 * every run of other characters turned into one dash). `Énoncé de principes (2024).PDF` → `enonce-de-principes-2024`. May be empty.
 * A slug longer than {@link MAX_DOC_ID_CHARS} is cut at a dash (or mid-word when a word is that long) and ended by
 * `-` and the first {@link SHORTENED_ID_HASH_CHARS} hex digits of the whole slug's SHA-256: at most
 * MAX_DOC_ID_CHARS characters, the same for the same name, different for names that differ after the cut.
 */
export function slugOf(file: string): string {
  const whole = slug(path.basename(file, path.extname(file)));
  if (whole.length <= MAX_DOC_ID_CHARS) return whole;
  const room = MAX_DOC_ID_CHARS - SHORTENED_ID_HASH_CHARS - 1;
  let head = whole.slice(0, room);
  if (whole[room] !== '-' && head.includes('-')) head = head.slice(0, head.lastIndexOf('-'));
  const hash = createHash('sha256').update(whole).digest('hex').slice(0, SHORTENED_ID_HASH_CHARS);
  return `${head.replace(/-+$/, '')}-${hash}`;
}

