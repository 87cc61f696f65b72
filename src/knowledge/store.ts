import Database from 'better-sqlite3';
import { z } from 'zod';
import type { DocumentVersionInfo, Passage, PassageRecord, Section } from './types.js';
import { openMigratedSqliteFile } from '../storage/sqlite.js';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many have run. Append only: a shipped
 * migration is never edited, a change is a new entry.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    url TEXT,
    published_version_id INTEGER REFERENCES versions(id)
  );
  CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id),
    label TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    published_on TEXT,
    source_sha256 TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    ingested_by TEXT NOT NULL,
    passage_count INTEGER NOT NULL,
    UNIQUE (doc_id, label)
  );
  CREATE INDEX versions_by_sha ON versions (doc_id, source_sha256);
  CREATE TABLE sections (
    version_id INTEGER NOT NULL REFERENCES versions(id),
    ordinal INTEGER NOT NULL,
    section_id TEXT NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (version_id, ordinal),
    UNIQUE (version_id, section_id)
  );
  CREATE TABLE passages (
    id TEXT PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions(id),
    ordinal INTEGER NOT NULL,
    section_id TEXT NOT NULL,
    section_path TEXT NOT NULL,
    page_from INTEGER,
    page_to INTEGER,
    text TEXT NOT NULL,
    UNIQUE (version_id, ordinal)
  );
  `,
];

/** One stored version of a document, as listed by `versions()`. Dates are ISO strings. */
export interface StoredVersion {
  id: number;
  docId: string;
  label: string;
  title: string;
  url: string | null;
  publishedOn: string | null;
  sourceSha256: string;
  ingestedAt: string;
  ingestedBy: string;
  passageCount: number;
  /** True for the version readers currently see. */
  published: boolean;
}

/** A document with its published version, as listed by `documents()` (assignable to answers' CoveredDocument). */
export interface PublishedDocument {
  docId: string;
  title: string;
  url: string | null;
  versionLabel: string;
  publishedOn: string | null;
  sourceSha256: string;
  ingestedAt: string;
  ingestedBy: string;
  passageCount: number;
  /** Top-level section titles, in reading order. */
  sections: string[];
}

/**
 * The outcome of `withdraw`: `withdrawn` names the version readers no longer see; `not_published` when the document
 * is known but already withdrawn; `unknown` when the knowledge store has no version of it at all.
 */
export type WithdrawResult =
  | { kind: 'withdrawn'; version: StoredVersion }
  | { kind: 'not_published'; docId: string }
  | { kind: 'unknown'; docId: string };

/**
 * Thrown by `publishVersion` when the document already has a version of the same source bytes: another process
 * stored them after this one looked (`findVersionBySha`). That version is the one to use; none is stored twice.
 */
export class SameContentStoredError extends Error {
  constructor(readonly version: StoredVersion) {
    super(`document ${version.docId} already has a version of the same content, "${version.label}"`);
    this.name = 'SameContentStoredError';
  }
}

/** Thrown by `publishVersion` when the document already has a version with that label. */
export class VersionLabelConflictError extends Error {
  constructor(
    readonly docId: string,
    readonly label: string,
  ) {
    super(`document ${docId} already has a version labelled "${label}"; choose another version label`);
    this.name = 'VersionLabelConflictError';
  }
}

/** Thrown when the database file cannot be opened or is not a Balises knowledge store. */
export class KnowledgeStoreError extends Error {
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`knowledge store ${file}: ${reason}`, options);
    this.name = 'KnowledgeStoreError';
  }
}

/**
 * Documents, their versions and their passages, in one SQLite file. Every version ever ingested is kept; exactly one
 * per document is published, and readers only ever see published versions, each one whole.
 * Methods are synchronous (better-sqlite3) and throw only for broken infrastructure or programming errors.
 */
export interface KnowledgeStore {
  /** The version of `docId` whose source file had this SHA-256 (hex), published or not; null if none. */
  findVersionBySha(docId: string, sha256: string): StoredVersion | null;
  /** The published version, of whichever document, whose source file had this SHA-256 (hex); null if none. */
  findPublishedBySha(sha256: string): StoredVersion | null;
  /**
   * Stores a new version with its sections and passages and makes it the published one, in one transaction:
   * a concurrent reader sees either the previous version or this one, never a mix; on any error nothing is written.
   * The document's title and URL become the version's (a null URL keeps the document's previous URL).
   * @param sections the version's sections in reading order
   * @param passages in reading order; each must carry `info.docId`, `info.versionLabel` and a listed section
   * @throws VersionLabelConflictError when the document already has a version with this label
   * @throws SameContentStoredError when the document already has a version of the same `sourceSha256`
   * @throws Error when passages are empty or do not belong to this version (a pipeline bug)
   */
  publishVersion(info: DocumentVersionInfo, sections: Section[], passages: Passage[]): StoredVersion;
  /**
   * Makes an already stored version the published one of its document again (an older version restored, or a
   * withdrawn document published again), in one transaction: readers switch from the previous version (or from
   * nothing) to this one whole. The document's title and URL become the version's. Nothing is copied or added:
   * the version keeps its label, dates and passages. Republishing the published version changes nothing.
   * @param versionId `StoredVersion.id`
   * @throws Error when no version has this id (a caller bug)
   */
  republish(versionId: number): StoredVersion;
  /**
   * Sets the official link of a published document (shown on its citations and in `sources`): on the document and
   * on its published version, in one transaction. The passages and versions are otherwise untouched.
   * @returns false when `docId` has no published version (nothing changed)
   */
  setDocumentUrl(docId: string, url: string): boolean;
  /**
   * Unpublishes a document in one transaction: readers (`documents`, `publishedPassages`) no longer see it, and
   * every version stays stored for the record (`versions`, `findVersionBySha`). Publishing or republishing a
   * version of it later makes it visible again.
   */
  withdraw(docId: string): WithdrawResult;
  /** Every passage of every published version, by document id then reading order. */
  publishedPassages(): PassageRecord[];
  /**
   * Published documents by id, with their published version and top-level section titles. Frozen, and the very same
   * array while no published version changed (whoever changed it: this connection, another, another process), so a
   * caller may memoise what it derives from it by identity.
   */
  documents(): PublishedDocument[];
  /**
   * Every stored document, published or withdrawn, by id, with its title (the one of the version last published):
   * what a person may name a document by (see documents/document-lookup.ts). `documents()` lists the published only.
   */
  namedDocuments(): { docId: string; title: string }[];
  /** All versions of a document, newest first; [] for an unknown document. */
  versions(docId: string): StoredVersion[];
  /** The passages of one stored version (published or not) in reading order; [] for an unknown id. */
  versionPassages(versionId: number): Passage[];
  /** True when the database answers a query on the schema (readiness probe). Never throws. */
  ping(): boolean;
  /** Closes the database. Idempotent. */
  close(): void;
}

const NamedDocumentRow = z.object({ doc_id: z.string(), title: z.string() });

const VersionRow = z.object({
  id: z.number().int(),
  doc_id: z.string(),
  label: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  published_on: z.string().nullable(),
  source_sha256: z.string(),
  ingested_at: z.string(),
  ingested_by: z.string(),
  passage_count: z.number().int(),
  published: z.number().int(),
});

const SectionPath = z.array(z.string());
const jsonPath = z.string().transform((text, ctx) => {
  const parsed = SectionPath.safeParse(JSON.parse(text));
  if (!parsed.success) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'section path is not a JSON array of strings' });
    return z.NEVER;
  }
  return parsed.data;
});

const PassageRow = z.object({
  id: z.string(),
  doc_id: z.string(),
  label: z.string(),
  ordinal: z.number().int(),
  section_id: z.string(),
  section_path: jsonPath,
  page_from: z.number().int().nullable(),
  page_to: z.number().int().nullable(),
  text: z.string(),
  title: z.string(),
  published_on: z.string().nullable(),
  url: z.string().nullable(),
});

const TopSectionRow = z.object({ doc_id: z.string(), path: jsonPath });

const VERSION_COLUMNS = `v.id, v.doc_id, v.label, v.title, v.url, v.published_on, v.source_sha256, v.ingested_at,
  v.ingested_by, v.passage_count, (d.published_version_id IS v.id) AS published`;

/**
 * Opens (creating it and its directory if needed) the knowledge store in `file`, in WAL mode so readers never wait
 * for a writer, with foreign keys on and pending schema migrations applied.
 * @throws KnowledgeStoreError when the file is not a SQLite database or was written by a newer Balises
 */
export function openKnowledgeStore(file: string): KnowledgeStore {
  return knowledgeStoreOver(openKnowledgeDatabase(file));
}

/**
 * Opens the knowledge database file as {@link openKnowledgeStore} does (WAL, foreign keys, migrations applied) and
 * returns the connection, for stores that share it (document administration) and {@link knowledgeStoreOver}.
 * @throws KnowledgeStoreError when the file is not a SQLite database or was written by a newer Balises
 */
export function openKnowledgeDatabase(file: string): Database.Database {
  return openMigratedSqliteFile(file, { migrate: (opened) => migrate(opened, file), errorClass: KnowledgeStoreError, what: 'the schema' });
}

/**
 * The knowledge store over an opened, migrated connection (see {@link openKnowledgeDatabase}); its writes join a
 * transaction already open on that connection (better-sqlite3 nests them as savepoints). `close` closes `db`.
 */
export function knowledgeStoreOver(db: Database.Database): KnowledgeStore {
  return new SqliteKnowledgeStore(db);
}

function migrate(db: Database.Database, file: string): void {
  const current = db.pragma('user_version', { simple: true });
  if (typeof current !== 'number' || current > MIGRATIONS.length) {
    throw new KnowledgeStoreError(file, `schema version ${String(current)} is newer than this Balises knows (${MIGRATIONS.length})`);
  }
  MIGRATIONS.slice(current).forEach((sql, i) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + i + 1}`);
    }).immediate();
  });
}

function prepareStatements(db: Database.Database) {
  return {
    versionBySha: db.prepare(`SELECT ${VERSION_COLUMNS} FROM versions v JOIN documents d ON d.doc_id = v.doc_id
      WHERE v.doc_id = ? AND v.source_sha256 = ? ORDER BY v.id DESC LIMIT 1`),
    publishedBySha: db.prepare(`SELECT ${VERSION_COLUMNS} FROM versions v JOIN documents d ON d.published_version_id = v.id
      WHERE v.source_sha256 = ? ORDER BY v.id LIMIT 1`),
    versionById: db.prepare(`SELECT ${VERSION_COLUMNS} FROM versions v JOIN documents d ON d.doc_id = v.doc_id WHERE v.id = ?`),
    versionsOf: db.prepare(`SELECT ${VERSION_COLUMNS} FROM versions v JOIN documents d ON d.doc_id = v.doc_id
      WHERE v.doc_id = ? ORDER BY v.id DESC`),
    labelExists: db.prepare('SELECT 1 FROM versions WHERE doc_id = ? AND label = ?'),
    upsertDocument: db.prepare(`INSERT INTO documents (doc_id, title, url) VALUES (@docId, @title, @url)
      ON CONFLICT (doc_id) DO UPDATE SET title = excluded.title, url = COALESCE(excluded.url, documents.url)`),
    insertVersion: db.prepare(`INSERT INTO versions
      (doc_id, label, title, url, published_on, source_sha256, ingested_at, ingested_by, passage_count)
      VALUES (@docId, @versionLabel, @title, COALESCE(@url, (SELECT url FROM documents WHERE doc_id = @docId)), @publishedOn, @sourceSha256, @ingestedAt, @ingestedBy, @passageCount)`),
    insertSection: db.prepare('INSERT INTO sections (version_id, ordinal, section_id, path) VALUES (?, ?, ?, ?)'),
    insertPassage: db.prepare(`INSERT INTO passages
      (id, version_id, ordinal, section_id, section_path, page_from, page_to, text)
      VALUES (@id, @versionId, @ordinal, @sectionId, @sectionPath, @pageFrom, @pageTo, @text)`),
    publish: db.prepare('UPDATE documents SET published_version_id = ? WHERE doc_id = ?'),
    republish: db.prepare(`UPDATE documents SET published_version_id = @id, title = @title, url = COALESCE(@url, url)
      WHERE doc_id = @docId`),
    unpublish: db.prepare('UPDATE documents SET published_version_id = NULL WHERE doc_id = ?'),
    setDocumentUrl: db.prepare('UPDATE documents SET url = @url WHERE doc_id = @docId AND published_version_id IS NOT NULL'),
    setPublishedVersionUrl: db.prepare(`UPDATE versions SET url = @url
      WHERE id = (SELECT published_version_id FROM documents WHERE doc_id = @docId)`),
    publishedVersionOf: db.prepare(`SELECT ${VERSION_COLUMNS} FROM documents d JOIN versions v ON v.id = d.published_version_id
      WHERE d.doc_id = ?`),
    documentExists: db.prepare('SELECT 1 FROM documents WHERE doc_id = ?'),
    namedDocuments: db.prepare('SELECT doc_id, title FROM documents ORDER BY doc_id'),
    publishedPassages: db.prepare(`SELECT p.id, v.doc_id, v.label, p.ordinal, p.section_id, p.section_path,
      p.page_from, p.page_to, p.text, d.title, v.published_on, d.url
      FROM documents d JOIN versions v ON v.id = d.published_version_id JOIN passages p ON p.version_id = v.id
      ORDER BY d.doc_id, p.ordinal`),
    versionPassages: db.prepare(`SELECT p.id, v.doc_id, v.label, p.ordinal, p.section_id, p.section_path,
      p.page_from, p.page_to, p.text, v.title, v.published_on, v.url
      FROM versions v JOIN passages p ON p.version_id = v.id WHERE v.id = ? ORDER BY p.ordinal`),
    publishedVersions: db.prepare(`SELECT ${VERSION_COLUMNS} FROM documents d JOIN versions v ON v.id = d.published_version_id
      ORDER BY d.doc_id`),
    publishedSectionPaths: db.prepare(`SELECT d.doc_id, s.path FROM documents d JOIN sections s ON s.version_id = d.published_version_id
      ORDER BY d.doc_id, s.ordinal`),
    ping: db.prepare('SELECT count(*) FROM documents'),
  };
}

class SqliteKnowledgeStore implements KnowledgeStore {
  private readonly statements: ReturnType<typeof prepareStatements>;
  /** The last `documents()` and the published-version rows it was built from. */
  private listed: { rows: string; documents: PublishedDocument[] } | null = null;

  constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
  }

  findVersionBySha(docId: string, sha256: string): StoredVersion | null {
    const row = this.statements.versionBySha.get(docId, sha256);
    return row === undefined ? null : toVersion(row);
  }

  findPublishedBySha(sha256: string): StoredVersion | null {
    const row = this.statements.publishedBySha.get(sha256);
    return row === undefined ? null : toVersion(row);
  }

  publishVersion(info: DocumentVersionInfo, sections: Section[], passages: Passage[]): StoredVersion {
    checkBelongs(info, sections, passages);
    const s = this.statements;
    const publish = this.db.transaction((): number => {
      const same = s.versionBySha.get(info.docId, info.sourceSha256);
      if (same !== undefined) throw new SameContentStoredError(toVersion(same));
      s.upsertDocument.run({ docId: info.docId, title: info.title, url: info.url });
      if (s.labelExists.get(info.docId, info.versionLabel) !== undefined) {
        throw new VersionLabelConflictError(info.docId, info.versionLabel);
      }
      const versionId = Number(s.insertVersion.run({ ...info, passageCount: passages.length }).lastInsertRowid);
      sections.forEach((section, ordinal) => s.insertSection.run(versionId, ordinal, section.id, JSON.stringify(section.path)));
      for (const p of passages) {
        s.insertPassage.run({
          id: p.id,
          versionId,
          ordinal: p.ordinal,
          sectionId: p.section.id,
          sectionPath: JSON.stringify(p.section.path),
          pageFrom: p.pages?.from ?? null,
          pageTo: p.pages?.to ?? null,
          text: p.text,
        });
      }
      s.publish.run(versionId, info.docId);
      return versionId;
    });
    // IMMEDIATE takes the write lock up front, so two ingests cannot both pass the label check.
    const versionId = publish.immediate();
    return toVersion(s.versionById.get(versionId));
  }

  setDocumentUrl(docId: string, url: string): boolean {
    const s = this.statements;
    return this.db
      .transaction((): boolean => {
        if (s.setDocumentUrl.run({ docId, url }).changes === 0) return false;
        s.setPublishedVersionUrl.run({ docId, url });
        return true;
      })
      .immediate();
  }

  republish(versionId: number): StoredVersion {
    const s = this.statements;
    const republish = this.db.transaction((): void => {
      const raw = s.versionById.get(versionId);
      if (raw === undefined) throw new Error(`no stored version has id ${versionId}`);
      const version = toVersion(raw);
      s.republish.run({ id: version.id, title: version.title, url: version.url, docId: version.docId });
    });
    republish.immediate();
    return toVersion(s.versionById.get(versionId));
  }

  withdraw(docId: string): WithdrawResult {
    const s = this.statements;
    const withdraw = this.db.transaction((): WithdrawResult => {
      const published = s.publishedVersionOf.get(docId);
      if (published === undefined) {
        return s.documentExists.get(docId) === undefined ? { kind: 'unknown', docId } : { kind: 'not_published', docId };
      }
      s.unpublish.run(docId);
      return { kind: 'withdrawn', version: { ...toVersion(published), published: false } };
    });
    return withdraw.immediate();
  }

  publishedPassages(): PassageRecord[] {
    return this.statements.publishedPassages.all().map((raw) => {
      const row = PassageRow.parse(raw);
      return { ...toPassage(row), title: row.title, publishedOn: row.published_on, url: row.url };
    });
  }

  namedDocuments(): { docId: string; title: string }[] {
    return this.statements.namedDocuments.all().map((raw) => {
      const row = NamedDocumentRow.parse(raw);
      return { docId: row.doc_id, title: row.title };
    });
  }

  documents(): PublishedDocument[] {
    // The list depends only on the published-version rows (one per document) and on their versions' sections, which
    // are written once with the version and never changed: the same rows, the same list. Reading them is cheap; the
    // sections (hundreds of rows for a long PDF) and the parsing are what is spared.
    if (this.listed?.rows === JSON.stringify(this.statements.publishedVersions.all())) return this.listed.documents;
    // One read transaction: both queries see the same published versions even if a publish lands in between.
    return this.db.transaction(() => {
      const versions = this.statements.publishedVersions.all();
      const rows = JSON.stringify(versions);
      const topSections = new Map<string, string[]>();
      for (const raw of this.statements.publishedSectionPaths.all()) {
        const { doc_id: docId, path: sectionPath } = TopSectionRow.parse(raw);
        const top = sectionPath[0];
        const titles = topSections.get(docId) ?? [];
        if (top !== undefined && !titles.includes(top)) titles.push(top);
        topSections.set(docId, titles);
      }
      const documents = versions.map((raw) => {
        const v = toVersion(raw);
        return Object.freeze({
          docId: v.docId,
          title: v.title,
          url: v.url,
          versionLabel: v.label,
          publishedOn: v.publishedOn,
          sourceSha256: v.sourceSha256,
          ingestedAt: v.ingestedAt,
          ingestedBy: v.ingestedBy,
          passageCount: v.passageCount,
          sections: Object.freeze(topSections.get(v.docId) ?? []) as string[],
        });
      });
      this.listed = { rows, documents: Object.freeze(documents) as PublishedDocument[] };
      return this.listed.documents;
    })();
  }

  versions(docId: string): StoredVersion[] {
    return this.statements.versionsOf.all(docId).map(toVersion);
  }

  versionPassages(versionId: number): Passage[] {
    return this.statements.versionPassages.all(versionId).map((raw) => toPassage(PassageRow.parse(raw)));
  }

  ping(): boolean {
    try {
      this.statements.ping.get();
      return true;
    } catch {
      // A closed or broken database is exactly what the probe reports; the caller logs the not-ready state.
      return false;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toPassage(row: z.infer<typeof PassageRow>): Passage {
  return {
    id: row.id,
    docId: row.doc_id,
    versionLabel: row.label,
    section: { id: row.section_id, path: row.section_path },
    ordinal: row.ordinal,
    pages: row.page_from === null ? null : { from: row.page_from, to: row.page_to ?? row.page_from },
    text: row.text,
  };
}

function toVersion(raw: unknown): StoredVersion {
  const row = VersionRow.parse(raw);
  return {
    id: row.id,
    docId: row.doc_id,
    label: row.label,
    title: row.title,
    url: row.url,
    publishedOn: row.published_on,
    sourceSha256: row.source_sha256,
    ingestedAt: row.ingested_at,
    ingestedBy: row.ingested_by,
    passageCount: row.passage_count,
    published: row.published === 1,
  };
}

function checkBelongs(info: DocumentVersionInfo, sections: Section[], passages: Passage[]): void {
  if (passages.length === 0) {
    throw new Error(`version ${info.versionLabel} of ${info.docId} has no passages: a published version would be invisible`);
  }
  const sectionIds = new Set(sections.map((s) => s.id));
  const stray = passages.find(
    (p) => p.docId !== info.docId || p.versionLabel !== info.versionLabel || !sectionIds.has(p.section.id),
  );
  if (stray) {
    throw new Error(`passage ${stray.id} does not belong to version ${info.versionLabel} of ${info.docId} or to its sections`);
  }
}

