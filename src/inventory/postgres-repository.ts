import { randomUUID } from 'node:crypto';
import { DatabaseError, Pool, type PoolClient } from 'pg';
import { z } from 'zod';
import type { Language } from '../answers/types.js';
import { POSTGRES_MIGRATIONS } from './migrations/postgres.js';
import {
  DeclarationNotFoundError,
  EDITABLE_STATES,
  LEAVABLE_STATES,
  savable,
  InventoryStoreError,
  SubmissionKeyConflictError,
  TRANSITIONS,
  WrongStateError,
} from './repository-errors.js';
import type { AttemptRecord, GivenUpNotification, NotificationAttempt, NotificationItem } from './outbox.js';
import { AccessEventRow, ATTEMPT_COLUMNS, AttemptRow, canonicalTime, givenUpQuery, GivenUpRow, changedFieldsColumn, DeclarationRow, DeletedDraftRow, EventRow, formatPublicId, LeaseOwnerRow, NO_EARLIER_UNDELIVERED, NotificationRow, postedReviewCardRow, storedAttempt, storedData, Timestamp, yearOf } from './repository-rows.js';
import { SCHEMA_VERSION, type DeclarationDraft } from './schema.js';
import {
  StaleRevisionError,
  type Actor,
  type Assessment,
  type AccessEvent,
  type DeclarationEvent,
  type DeclarationRecord,
  type DeclarationState,
  type DeletedDraft,
  type InventoryRepository,
  type PostedReviewCard,
} from './types.js';

/** Connections per bot instance: the inventory is a few writes per declaration, never a hot path. */
const DEFAULT_POOL_SIZE = 4;
/** Gives up connecting after this long (a server down at start-up fails start-up, it does not hang it). */
const CONNECT_TIMEOUT_MS = 10_000;
/** `pg_advisory_xact_lock` key that serialises migrations when several bot instances start together. */
const MIGRATION_LOCK_KEY = 7_318_204_611;

/** Declaration columns with the collaborators aggregated (in the order they were added) as a JSON array. */
const RECORD_COLUMNS = `d.id::text AS id, d.public_id, d.schema_version, d.data, d.submitted_data, d.state, d.declarant_id, d.declarant_name,
  d.revision, d.assessment, d.created_at, d.updated_at, d.submitted_at, d.set_aside_at, d.language, d.changed_fields,
  COALESCE((SELECT jsonb_agg(c.user_id ORDER BY c.added_at, c.user_id) FROM inventory_declaration_collaborators c
    WHERE c.declaration_id = d.id), '[]'::jsonb) AS collaborators`;

/** Most recently updated first; creation and id break ties so the order is stable. */
const RECENT_FIRST = 'ORDER BY d.updated_at DESC, d.created_at DESC, d.id DESC';

/** Ids are uuid columns here: any other text names no declaration (and must not reach the server as a uuid). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const MigrationRow = z.object({ version: z.number().int().nullable() });
const NumberRow = z.object({ last_number: z.number().int() });
const IdRow = z.object({ id: z.string() });
const ConversationRow = z.object({ reference: z.unknown() });
const SeqRow = z.object({ seq: z.number().int() });
const DeliveredRow = z.object({ delivered_at: Timestamp.nullable() });
/** The states `decide` moves to. */
const DECISIONS: readonly DeclarationState[] = ['approved', 'changes_requested', 'rejected'];
/** Columns of a notification, as NotificationRow reads them. */
const NOTIFICATION_COLUMNS = 'id::text AS id, declaration_id::text AS declaration_id, kind, recipient_id, event_seq, attempts, created_at';
const ENQUEUE = 'INSERT INTO inventory_outbox (declaration_id, kind, event_seq, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $4)';
/** A copy of the review step whose event is $2 for each collaborator of declaration $1, in the order they were added. */
const ENQUEUE_COPIES = `INSERT INTO inventory_outbox (declaration_id, kind, recipient_id, event_seq, created_at, next_attempt_at)
  SELECT declaration_id, 'decision_copy', user_id, $2, $3, $3 FROM inventory_declaration_collaborators WHERE declaration_id = $1
  ORDER BY added_at, user_id`;
/**
 * A `taken_back_notice` whose `draft` event is $2 for each author of declaration $1 (its declarant, then its
 * collaborators in the order they were added) but $4, the one who took it back.
 */
const ENQUEUE_TAKEN_BACK = `INSERT INTO inventory_outbox (declaration_id, kind, recipient_id, event_seq, created_at, next_attempt_at)
  SELECT id, 'taken_back_notice', person, $2, $3, $3 FROM (
    SELECT id, lower(declarant_id) AS person, 0 AS rank, NULL::timestamptz AS added_at FROM inventory_declarations WHERE id = $1
    UNION ALL SELECT declaration_id, user_id, 1, added_at FROM inventory_declaration_collaborators WHERE declaration_id = $1
  ) authors WHERE person <> lower($4) ORDER BY rank, added_at, person`;

/**
 * A `card_update` for declaration $1 whose review card is recorded, following its latest event (see
 * InventoryRepository.saveReviewCard); nothing when none is.
 */
const QUEUE_CARD_UPDATE = `INSERT INTO inventory_outbox (declaration_id, kind, event_seq, created_at, next_attempt_at)
  SELECT c.declaration_id, 'card_update', (SELECT MAX(seq) FROM inventory_declaration_events e WHERE e.declaration_id = c.declaration_id), $2, $2
  FROM inventory_review_cards c WHERE c.declaration_id = $1`;

/** Tuning of the PostgreSQL inventory; the connection string is given beside it. */
export interface PostgresRepositoryOptions {
  /** Pool size; defaults to 4. */
  maxConnections?: number;
  /**
   * Called when an idle pooled connection fails (server restart, network cut); the pool replaces it. Without it the
   * error is dropped here rather than crashing the process, since the next query reconnects or fails loudly.
   */
  onIdleError?: (error: Error) => void;
}

/**
 * Opens the inventory on a PostgreSQL server (`postgres://user:password@host:port/database`), checks the
 * connection and applies pending migrations (recorded in `inventory_migrations`, serialised by an advisory lock).
 * @throws InventoryStoreError when the server cannot be reached or its inventory schema is newer than this code
 */
export async function openPostgresInventoryRepository(url: string, options: PostgresRepositoryOptions = {}): Promise<InventoryRepository> {
  const pool = new Pool({
    connectionString: url,
    max: options.maxConnections ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  try {
    await migrate(pool, url);
  } catch (error) {
    await pool.end();
    if (error instanceof InventoryStoreError) throw error;
    throw new InventoryStoreError(redact(url), openingFailure(error), { cause: error });
  }
  return new PostgresInventoryRepository(pool);
}

/** Network errors of the driver's connection: the server is not where INVENTORY_DATABASE_URL says, or not up. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/**
 * What an operator reads when the inventory cannot be opened on PostgreSQL: the cause, then what to check. A server
 * that is down, a wrong password or database name, and a user that may not create tables were all reported as
 * « cannot prepare the inventory schema », naming neither the variable nor the fix.
 * Sources: PostgreSQL SQLSTATE classes 28 (authorization) and 3D000 (no such database); 42501 (insufficient
 * privilege) on CREATE TABLE, which PostgreSQL 15 and later refuse in `public` to users who do not own the database.
 */
function openingFailure(error: unknown): string {
  const cause = messageOf(error);
  const code = (error as { code?: unknown } | null)?.code;
  const nested = error instanceof AggregateError ? error.errors.map((e: unknown) => (e as { code?: unknown } | null)?.code) : [];
  if (
    (typeof code === 'string' && UNREACHABLE_CODES.has(code)) ||
    nested.some((c) => typeof c === 'string' && UNREACHABLE_CODES.has(c)) ||
    /timeout exceeded when trying to connect|Connection terminated/i.test(cause)
  ) {
    return `cannot reach PostgreSQL (${cause}): check the host and port of INVENTORY_DATABASE_URL and that the server is running`;
  }
  if (typeof code === 'string' && (code.startsWith('28') || code === '3D000')) {
    return `PostgreSQL refused the connection (${cause}): check the user, password and database name of INVENTORY_DATABASE_URL`;
  }
  if (code === '42501') {
    return `cannot create the inventory tables (${cause}): the user of INVENTORY_DATABASE_URL must own its database (CREATE DATABASE balises OWNER balises)`;
  }
  return `cannot prepare the inventory schema (${cause})`;
}

async function migrate(pool: Pool, url: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query('CREATE TABLE IF NOT EXISTS inventory_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)');
    const { rows } = await client.query('SELECT MAX(version) AS version FROM inventory_migrations');
    const current = MigrationRow.parse(rows[0]).version ?? 0;
    if (current > POSTGRES_MIGRATIONS.length) {
      throw new InventoryStoreError(redact(url), `inventory schema version ${current} is newer than this Balises knows (${POSTGRES_MIGRATIONS.length})`);
    }
    for (const [i, sql] of POSTGRES_MIGRATIONS.entries()) {
      if (i + 1 <= current) continue;
      await client.query(sql);
      await client.query('INSERT INTO inventory_migrations (version, applied_at) VALUES ($1, now())', [i + 1]);
    }
  });
}

/** Runs `work` in one transaction on one pooled connection: COMMIT when it resolves, ROLLBACK when it throws. */
async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // The connection is unusable: the pool must drop it rather than hand it out again.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(messageOf).join('; ') || error.message;
  return error instanceof Error ? error.message || error.name : String(error);
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return error instanceof DatabaseError && error.code === '23505' && error.constraint === constraint;
}

class PostgresInventoryRepository implements InventoryRepository {
  private closed = false;

  constructor(private readonly pool: Pool) {}

  async createDraft(declarant: Actor, data: DeclarationDraft, now: string, options: { setAsideEdited?: boolean } = {}): Promise<DeclarationRecord> {
    const id = randomUUID();
    const at = canonicalTime(now);
    const stored = JSON.stringify(storedData(data));
    try {
      return await inTransaction(this.pool, async (client) => {
        if (options.setAsideEdited) {
          await client.query(
            `UPDATE inventory_declarations SET set_aside_at = $1, revision = revision + 1, updated_at = $1
             WHERE declarant_id = $2 AND state = 'draft' AND set_aside_at IS NULL AND revision > 1`,
            [at, declarant.id],
          );
        }
        await client.query(
          `INSERT INTO inventory_declarations (id, public_id, schema_version, data, state, declarant_id, declarant_name,
             revision, assessment, submission_key, created_at, updated_at, submitted_at)
           VALUES ($1, NULL, $2, $3::jsonb, 'draft', $4, $5, 1, NULL, NULL, $6, $6, NULL)`,
          [id, SCHEMA_VERSION, stored, declarant.id, declarant.name, at],
        );
        await addEvent(client, id, at, declarant, null, 'draft', null);
        return mustGet(client, id);
      });
    } catch (error) {
      // The declarant has a draft already (inventory_declarations_one_draft): that one is theirs to resume.
      if (!isUniqueViolation(error, 'inventory_declarations_one_draft')) throw error;
      const existing = await readOne(
        this.pool,
        `SELECT ${RECORD_COLUMNS} FROM inventory_declarations d WHERE d.declarant_id = $1 AND d.state = 'draft' AND d.set_aside_at IS NULL`,
        [declarant.id],
      );
      if (!existing) throw error;
      return existing;
    }
  }

  async get(id: string): Promise<DeclarationRecord | null> {
    if (!UUID.test(id)) return null;
    return readOne(this.pool, `SELECT ${RECORD_COLUMNS} FROM inventory_declarations d WHERE d.id = $1`, [id]);
  }

  async getByPublicId(publicId: string): Promise<DeclarationRecord | null> {
    return readOne(this.pool, `SELECT ${RECORD_COLUMNS} FROM inventory_declarations d WHERE d.public_id = $1`, [publicId]);
  }

  async findOpenDraft(declarantId: string): Promise<DeclarationRecord | null> {
    return readOne(
      this.pool,
      `SELECT ${RECORD_COLUMNS} FROM inventory_declarations d
       WHERE d.declarant_id = $1 AND d.state IN ('draft', 'changes_requested') AND d.set_aside_at IS NULL ${RECENT_FIRST} LIMIT 1`,
      [declarantId],
    );
  }

  async restoreDraft(id: string, now: string): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    return inTransaction(this.pool, async (client) => {
      const current = await lockRecord(client, id);
      if (current.state !== 'draft') throw new WrongStateError('restoreDraft', current);
      if (!current.setAsideAt) return current;
      // The current draft steps aside first: the one-draft index never sees two. One never edited too (see the SQLite
      // repository's restoreDraft: its step card may hold what the person is typing).
      await stepAsideOpenDraft(client, current.declarant.id, id, at);
      await client.query('UPDATE inventory_declarations SET set_aside_at = NULL, revision = revision + 1, updated_at = $1 WHERE id = $2', [at, id]);
      return mustGet(client, id);
    });
  }

  async deleteDraft(id: string, now: string, expectedRevision?: number): Promise<boolean> {
    if (!UUID.test(id)) return false;
    // One statement: the draft and its tombstone go together or not at all.
    const result = await this.pool.query(
      `WITH gone AS (
         DELETE FROM inventory_declarations WHERE id = $1 AND state = 'draft' AND public_id IS NULL AND revision = COALESCE($2::integer, revision)
         RETURNING id, declarant_id)
       INSERT INTO inventory_deleted_drafts (id, declarant_id, deleted_at) SELECT id, declarant_id, $3 FROM gone
       ON CONFLICT (id) DO UPDATE SET declarant_id = EXCLUDED.declarant_id, deleted_at = EXCLUDED.deleted_at`,
      [id, expectedRevision ?? null, canonicalTime(now)],
    );
    return result.rowCount === 1;
  }

  async deletedDraft(id: string): Promise<DeletedDraft | null> {
    if (!UUID.test(id)) return null;
    const result = await this.pool.query('SELECT id::text AS id, declarant_id, deleted_at FROM inventory_deleted_drafts WHERE id = $1', [id]);
    const row: unknown = result.rows[0];
    return row === undefined ? null : DeletedDraftRow.parse(row);
  }

  async saveData(
    id: string,
    expectedRevision: number,
    data: DeclarationDraft,
    now: string,
    options: { setAside?: boolean; unchanged?: boolean } = {},
  ): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    const stored = JSON.stringify(storedData(data));
    return inTransaction(this.pool, async (client) => {
      const current = await lockCurrent(client, id, expectedRevision);
      if (!savable(current, options)) throw new WrongStateError('saveData', current);
      // Values that change nothing as shown (see InventoryRepository.saveData `unchanged`): same revision, same time.
      const write = options.unchanged
        ? client.query('UPDATE inventory_declarations SET data = $1::jsonb, schema_version = $2 WHERE id = $3 AND revision = $4', [
            stored,
            SCHEMA_VERSION,
            id,
            expectedRevision,
          ])
        : client.query(
            `UPDATE inventory_declarations SET data = $1::jsonb, schema_version = $2, revision = revision + 1, updated_at = $3
             WHERE id = $4 AND revision = $5`,
            [stored, SCHEMA_VERSION, at, id, expectedRevision],
          );
      await updated(client, id, expectedRevision, await write);
      return mustGet(client, id);
    });
  }

  async submit(
    id: string,
    expectedRevision: number,
    submission: { assessment: Assessment; actor: Actor; key: string; now: string; language?: Language },
  ): Promise<DeclarationRecord> {
    const at = canonicalTime(submission.now);
    const year = yearOf(submission.now);
    if (!UUID.test(id)) throw new DeclarationNotFoundError(id);
    try {
      return await inTransaction(this.pool, async (client) => {
        // The row lock makes a concurrent submit of the same declaration wait for this one, then see its key.
        const current = await lockRecord(client, id);
        if (await submittedWith(client, id, submission.key)) return current;
        if (current.revision !== expectedRevision) throw new StaleRevisionError(id, expectedRevision, current.revision);
        if (!EDITABLE_STATES.includes(current.state) || current.setAsideAt) throw new WrongStateError('submit', current);
        // A resubmission after changes_requested keeps its id. The counter row is locked until commit, and a
        // rollback takes the number back: numbers are gap-free and never reused.
        let publicId = current.publicId;
        if (publicId === null) {
          const { rows } = await client.query(
            `INSERT INTO inventory_declaration_counters (year, last_number) VALUES ($1, 1)
             ON CONFLICT (year) DO UPDATE SET last_number = inventory_declaration_counters.last_number + 1
             RETURNING last_number`,
            [year],
          );
          publicId = formatPublicId(year, NumberRow.parse(rows[0]).last_number);
        }
        await updated(
          client,
          id,
          expectedRevision,
          await client.query(
            `UPDATE inventory_declarations SET public_id = $1, assessment = $2::jsonb, state = 'submitted', submission_key = $3,
               submitted_at = $4, submitted_data = data, language = COALESCE($7, language), changed_fields = $8::jsonb,
               revision = revision + 1, updated_at = $4
             WHERE id = $5 AND revision = $6`,
            [publicId, JSON.stringify(submission.assessment), submission.key, at, id, expectedRevision, submission.language ?? null, changedFieldsColumn(current)],
          ),
        );
        await addEvent(client, id, at, submission.actor, current.state, 'submitted', null);
        // The card of an earlier submission showed its outcome; the card this one queues replaces it.
        await client.query('DELETE FROM inventory_review_cards WHERE declaration_id = $1', [id]);
        await client.query(ENQUEUE, [id, 'review_card', null, at]);
        return mustGet(client, id);
      });
    } catch (error) {
      // Another declaration holds the key (the row lock only serialises submits of the same declaration).
      if (!isUniqueViolation(error, 'inventory_declarations_submission_key_key')) throw error;
      const holder = await this.pool.query('SELECT id::text AS id FROM inventory_declarations WHERE submission_key = $1', [submission.key]);
      const row = holder.rows[0];
      if (row === undefined || IdRow.parse(row).id !== id) throw new SubmissionKeyConflictError(id, submission.key);
      return this.mustGet(id);
    }
  }

  async transition(
    id: string,
    expectedRevision: number,
    to: DeclarationState,
    actor: Actor,
    comment: string | null,
    now: string,
  ): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    return inTransaction(this.pool, async (client) => {
      const current = await lockCurrent(client, id, expectedRevision);
      if (!TRANSITIONS[current.state].includes(to)) throw new WrongStateError('transition', current, to);
      await setState(client, id, expectedRevision, to, at);
      await addEvent(client, id, at, actor, current.state, to, comment);
      await client.query(QUEUE_CARD_UPDATE, [id, at]);
      return mustGet(client, id);
    });
  }

  async takeForReview(id: string, expectedRevision: number, actor: Actor, now: string): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    return inTransaction(this.pool, async (client) => {
      // The row lock makes a concurrent take or decision wait, then fail on the revision: one of them wins.
      const current = await lockCurrent(client, id, expectedRevision);
      if (current.state !== 'submitted') throw new WrongStateError('takeForReview', current, 'in_review');
      await setState(client, id, expectedRevision, 'in_review', at);
      await addEvent(client, id, at, actor, 'submitted', 'in_review', null);
      const { rows } = await client.query('SELECT MAX(seq) AS seq FROM inventory_declaration_events WHERE declaration_id = $1', [id]);
      const seq = SeqRow.parse(rows[0]).seq;
      await client.query(ENQUEUE, [id, 'decision_notice', seq, at]);
      await client.query(ENQUEUE_COPIES, [id, seq, at]);
      await client.query(QUEUE_CARD_UPDATE, [id, at]);
      return mustGet(client, id);
    });
  }

  async decide(id: string, expectedRevision: number, to: DeclarationState, actor: Actor, comment: string | null, now: string): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    return inTransaction(this.pool, async (client) => {
      // The row lock makes a concurrent decision wait, then fail on the revision: one decision wins.
      const current = await lockCurrent(client, id, expectedRevision);
      if (!DECISIONS.includes(to) || !TRANSITIONS[current.state].includes(to)) throw new WrongStateError('transition', current, to);
      if (current.state === 'submitted') await addEvent(client, id, at, actor, 'submitted', 'in_review', null);
      await setState(client, id, expectedRevision, to, at);
      await addEvent(client, id, at, actor, current.state === 'submitted' ? 'in_review' : current.state, to, comment);
      const { rows } = await client.query('SELECT MAX(seq) AS seq FROM inventory_declaration_events WHERE declaration_id = $1', [id]);
      const seq = SeqRow.parse(rows[0]).seq;
      await client.query(ENQUEUE, [id, 'decision_notice', seq, at]);
      await client.query(ENQUEUE_COPIES, [id, seq, at]);
      await client.query(QUEUE_CARD_UPDATE, [id, at]);
      return mustGet(client, id);
    });
  }

  async claimNotifications(owner: string, now: string, leaseMs: number, limit: number): Promise<NotificationItem[]> {
    const at = canonicalTime(now);
    // SKIP LOCKED: two instances claiming at once take different rows instead of waiting for each other.
    const { rows } = await this.pool.query(
      `UPDATE inventory_outbox SET lease_owner = $1, lease_until = $2::timestamptz + make_interval(secs => $3::double precision / 1000)
       WHERE id IN (
         SELECT id FROM inventory_outbox o
         WHERE delivered_at IS NULL AND next_attempt_at <= $2 AND (lease_until IS NULL OR lease_until <= $2)
           AND ${NO_EARLIER_UNDELIVERED}
         ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING ${NOTIFICATION_COLUMNS}`,
      [owner, at, leaseMs, limit],
    );
    return rows.map((row) => NotificationRow.parse(row)).sort((a, b) => Number(a.id) - Number(b.id));
  }

  async notificationLeaseOwners(now: string): Promise<string[]> {
    const { rows } = await this.pool.query(
      'SELECT DISTINCT lease_owner FROM inventory_outbox WHERE delivered_at IS NULL AND lease_owner IS NOT NULL AND lease_until > $1',
      [canonicalTime(now)],
    );
    return rows.map((row) => LeaseOwnerRow.parse(row).lease_owner);
  }

  async releaseNotificationLeases(owners: readonly string[]): Promise<number> {
    if (owners.length === 0) return 0;
    const result = await this.pool.query('UPDATE inventory_outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ANY($1) AND delivered_at IS NULL', [[...owners]]);
    return result.rowCount ?? 0;
  }

  async recordNotificationAttempt(id: string, attempt: AttemptRecord): Promise<NotificationAttempt['outcome'] | null> {
    const at = canonicalTime(attempt.at);
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query('SELECT attempts FROM inventory_outbox WHERE id = $1 FOR UPDATE', [id]);
      if (rows[0] === undefined) return null;
      const number = z.object({ attempts: z.number().int() }).parse(rows[0]).attempts + 1;
      const latestRows = await client.query(`SELECT ${ATTEMPT_COLUMNS} FROM inventory_outbox_attempts WHERE outbox_id = $1 ORDER BY attempt DESC LIMIT 1`, [id]);
      const latest = latestRows.rows[0] === undefined ? null : AttemptRow.parse(latestRows.rows[0]);
      const stored = storedAttempt(latest, attempt);
      if (stored.repeat) {
        await client.query('UPDATE inventory_outbox_attempts SET repeats = repeats + 1, last_at = $1 WHERE outbox_id = $2 AND attempt = $3', [at, id, latest!.attempt]);
      } else {
        await client.query('INSERT INTO inventory_outbox_attempts (outbox_id, attempt, at, outcome, detail, last_at) VALUES ($1, $2, $3, $4, $5, $3)', [
          id,
          number,
          at,
          stored.outcome,
          attempt.detail,
        ]);
      }
      await client.query(
        `UPDATE inventory_outbox SET attempts = attempts + 1, lease_owner = NULL, lease_until = NULL,
           delivered_at = $1, next_attempt_at = COALESCE($2, next_attempt_at) WHERE id = $3`,
        [stored.closes ? at : null, attempt.nextAttemptAt ? canonicalTime(attempt.nextAttemptAt) : null, id],
      );
      return stored.outcome;
    });
  }

  async expediteNotifications(filter: { declarationId: string } | { kind: 'review_card' }, now: string): Promise<number> {
    const at = canonicalTime(now);
    if ('declarationId' in filter) {
      if (!UUID.test(filter.declarationId)) return 0;
      const result = await this.pool.query('UPDATE inventory_outbox SET next_attempt_at = $1 WHERE declaration_id = $2 AND delivered_at IS NULL', [
        at,
        filter.declarationId,
      ]);
      return result.rowCount ?? 0;
    }
    const result = await this.pool.query('UPDATE inventory_outbox SET next_attempt_at = $1 WHERE kind = $2 AND delivered_at IS NULL', [at, filter.kind]);
    return result.rowCount ?? 0;
  }

  async requeueReviewCards(now: string): Promise<number> {
    const at = canonicalTime(now);
    return inTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO inventory_outbox (declaration_id, kind, event_seq, created_at, next_attempt_at)
         SELECT d.id, 'review_card', NULL, $1, $1 FROM inventory_declarations d
         WHERE d.state IN ('submitted', 'in_review') AND NOT EXISTS (
           SELECT 1 FROM inventory_outbox o WHERE o.declaration_id = d.id AND o.kind = 'review_card' AND o.delivered_at IS NULL)
         ORDER BY d.submitted_at, d.id`,
        [at],
      );
      const result = await client.query(`UPDATE inventory_outbox SET next_attempt_at = $1 WHERE kind = 'review_card' AND delivered_at IS NULL`, [at]);
      return result.rowCount ?? 0;
    });
  }

  async givenUpNotifications(): Promise<GivenUpNotification[]> {
    const { rows } = await this.pool.query(givenUpQuery((column) => `${column}::text`));
    return rows.map((row) => GivenUpRow.parse(row));
  }

  async notifications(declarationId: string): Promise<Array<NotificationItem & { deliveredAt: string | null; attemptLog: NotificationAttempt[] }>> {
    if (!UUID.test(declarationId)) return [];
    const { rows } = await this.pool.query(
      `SELECT ${NOTIFICATION_COLUMNS}, delivered_at FROM inventory_outbox WHERE declaration_id = $1 ORDER BY id`,
      [declarationId],
    );
    return Promise.all(
      rows.map(async (row) => {
        const item = NotificationRow.parse(row);
        const attempts = await this.pool.query(`SELECT ${ATTEMPT_COLUMNS} FROM inventory_outbox_attempts WHERE outbox_id = $1 ORDER BY attempt`, [
          item.id,
        ]);
        return { ...item, deliveredAt: DeliveredRow.parse(row).delivered_at, attemptLog: attempts.rows.map((a) => AttemptRow.parse(a)) };
      }),
    );
  }

  async addCollaborator(id: string, userId: string, now: string, actor: Actor): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    return inTransaction(this.pool, async (client) => {
      const current = await lockRecord(client, id);
      if (current.declarant.id === userId || current.collaborators.includes(userId)) return current;
      await client.query('INSERT INTO inventory_declaration_collaborators (declaration_id, user_id, added_at) VALUES ($1, $2, $3)', [
        id,
        userId,
        at,
      ]);
      await addAccessEvent(client, id, at, actor, 'added', userId);
      await client.query(
        `INSERT INTO inventory_outbox (declaration_id, kind, recipient_id, event_seq, created_at, next_attempt_at) VALUES ($1, 'shared_notice', $2, NULL, $3, $3)`,
        [id, userId, at],
      );
      return mustGet(client, id);
    });
  }

  async removeCollaborator(id: string, userId: string, now: string, actor: Actor): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    return inTransaction(this.pool, async (client) => {
      await lockRecord(client, id);
      const removed = await client.query('DELETE FROM inventory_declaration_collaborators WHERE declaration_id = $1 AND user_id = $2', [id, userId]);
      if ((removed.rowCount ?? 0) > 0) await addAccessEvent(client, id, at, actor, 'removed', userId);
      return mustGet(client, id);
    });
  }

  async withdraw(id: string, expectedRevision: number, actor: Actor, now: string): Promise<DeclarationRecord> {
    const at = canonicalTime(now);
    return inTransaction(this.pool, async (client) => {
      // The row lock makes a concurrent take or decision wait, then fail on the revision: one of them wins.
      const current = await lockCurrent(client, id, expectedRevision);
      if (current.state !== 'submitted' || current.setAsideAt) throw new WrongStateError('withdraw', current, 'draft');
      // Read before the state changes: the channel is told only about a card it was shown.
      const posted = await client.query(
        `SELECT 1 FROM inventory_outbox o JOIN inventory_declarations d ON d.id = o.declaration_id
         WHERE o.declaration_id = $1 AND o.kind = 'review_card' AND o.created_at >= d.submitted_at
           AND (o.delivered_at IS NOT NULL OR o.lease_owner IS NOT NULL) LIMIT 1`,
        [id],
      );
      // One draft per declarant (the one-draft index): theirs steps aside first, as restoreDraft does, a blank one
      // too (see the SQLite repository's withdraw: its step card may hold what the declarant is typing).
      await stepAsideOpenDraft(client, current.declarant.id, id, at);
      await setState(client, id, expectedRevision, 'draft', at);
      await addEvent(client, id, at, actor, 'submitted', 'draft', null);
      // A card whose id is known is updated in place; one posted before ids were kept gets a notice under it.
      const updating = await client.query(QUEUE_CARD_UPDATE, [id, at]);
      if ((updating.rowCount ?? 0) === 0 && (posted.rowCount ?? 0) > 0) {
        const { rows } = await client.query('SELECT MAX(seq) AS seq FROM inventory_declaration_events WHERE declaration_id = $1', [id]);
        await client.query(ENQUEUE, [id, 'withdrawn_notice', SeqRow.parse(rows[0]).seq, at]);
      }
      const { rows: last } = await client.query('SELECT MAX(seq) AS seq FROM inventory_declaration_events WHERE declaration_id = $1', [id]);
      await client.query(ENQUEUE_TAKEN_BACK, [id, SeqRow.parse(last[0]).seq, at, actor.id]);
      return mustGet(client, id);
    });
  }

  async leave(id: string, actor: Actor, now: string): Promise<{ record: DeclarationRecord; left: boolean }> {
    const at = canonicalTime(now);
    return inTransaction(this.pool, async (client) => {
      // The row lock orders a departure and a decision (whose copies go to the collaborators of that moment).
      const current = await lockRecord(client, id);
      if (!current.collaborators.includes(actor.id)) return { record: current, left: false };
      if (!LEAVABLE_STATES.includes(current.state)) throw new WrongStateError('leave', current);
      await client.query('DELETE FROM inventory_declaration_collaborators WHERE declaration_id = $1 AND user_id = $2', [id, actor.id]);
      await addAccessEvent(client, id, at, actor, 'removed', actor.id);
      const { rows } = await client.query('SELECT MAX(seq) AS seq FROM inventory_access_events WHERE declaration_id = $1', [id]);
      await client.query(ENQUEUE, [id, 'left_notice', SeqRow.parse(rows[0]).seq, at]);
      return { record: await mustGet(client, id), left: true };
    });
  }

  async accessEvents(id: string): Promise<AccessEvent[]> {
    if (!UUID.test(id)) return [];
    const { rows } = await this.pool.query(
      `SELECT declaration_id::text AS declaration_id, at, actor_id, actor_name, change, user_id
       FROM inventory_access_events WHERE declaration_id = $1 ORDER BY seq`,
      [id],
    );
    return rows.map((row) => AccessEventRow.parse(row));
  }

  async listForUser(userId: string): Promise<DeclarationRecord[]> {
    const { rows } = await this.pool.query(
      `SELECT ${RECORD_COLUMNS} FROM inventory_declarations d
       WHERE d.declarant_id = $1
          OR d.id IN (SELECT declaration_id FROM inventory_declaration_collaborators WHERE user_id = $1)
       ${RECENT_FIRST}`,
      [userId],
    );
    return rows.map((row) => DeclarationRow.parse(row));
  }

  async list(filter?: { states?: DeclarationState[] }): Promise<DeclarationRecord[]> {
    const states = filter?.states;
    if (states && states.length === 0) return [];
    const { rows } = await this.pool.query(
      `SELECT ${RECORD_COLUMNS} FROM inventory_declarations d
       WHERE d.public_id IS NOT NULL ${states ? 'AND d.state = ANY($1::text[])' : ''} ${RECENT_FIRST}`,
      states ? [states] : [],
    );
    return rows.map((row) => DeclarationRow.parse(row));
  }

  async events(id: string): Promise<DeclarationEvent[]> {
    if (!UUID.test(id)) return [];
    const { rows } = await this.pool.query(
      `SELECT declaration_id::text AS declaration_id, at, actor_id, actor_name, from_state, to_state, comment
       FROM inventory_declaration_events WHERE declaration_id = $1 ORDER BY seq`,
      [id],
    );
    return rows.map((row) => EventRow.parse(row));
  }

  async saveReviewCard(id: string, card: PostedReviewCard, shownEvents: number, now: string): Promise<void> {
    if (!UUID.test(id)) return;
    const at = canonicalTime(now);
    const reference = JSON.stringify(card.reference);
    if (reference === undefined) throw new Error(`review card reference of ${id} is not JSON`);
    await inTransaction(this.pool, async (client) => {
      // The declaration's row lock orders this after a state change in progress, whose update this one may owe.
      const locked = await client.query('SELECT 1 FROM inventory_declarations WHERE id = $1 FOR UPDATE', [id]);
      if ((locked.rowCount ?? 0) === 0) return;
      await client.query(
        `INSERT INTO inventory_review_cards (declaration_id, reference, activity_id, posted_at) VALUES ($1, $2::jsonb, $3, $4)
         ON CONFLICT (declaration_id) DO UPDATE SET reference = excluded.reference, activity_id = excluded.activity_id, posted_at = excluded.posted_at`,
        [id, reference, card.activityId, at],
      );
      const { rows } = await client.query('SELECT MAX(seq) AS seq FROM inventory_declaration_events WHERE declaration_id = $1', [id]);
      if (SeqRow.parse(rows[0]).seq > shownEvents) await client.query(QUEUE_CARD_UPDATE, [id, at]);
    });
  }

  async postedReviewCard(id: string): Promise<PostedReviewCard | null> {
    if (!UUID.test(id)) return null;
    const { rows } = await this.pool.query('SELECT reference, activity_id FROM inventory_review_cards WHERE declaration_id = $1', [id]);
    return rows[0] === undefined ? null : postedReviewCardRow(rows[0]);
  }

  async forgetReviewCard(id: string, activityId: string): Promise<void> {
    if (!UUID.test(id)) return;
    await this.pool.query('DELETE FROM inventory_review_cards WHERE declaration_id = $1 AND activity_id = $2', [id, activityId]);
  }

  async saveConversation(key: string, reference: unknown): Promise<void> {
    const text = JSON.stringify(reference);
    if (text === undefined) throw new Error(`conversation reference for ${key} is not JSON`);
    await this.pool.query(
      `INSERT INTO inventory_conversations (key, reference, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at`,
      [key, text],
    );
  }

  async getConversation(key: string): Promise<unknown | null> {
    const { rows } = await this.pool.query('SELECT reference FROM inventory_conversations WHERE key = $1', [key]);
    const row = rows[0];
    return row === undefined ? null : ConversationRow.parse(row).reference;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async mustGet(id: string): Promise<DeclarationRecord> {
    const record = await this.get(id);
    if (!record) throw new DeclarationNotFoundError(id);
    return record;
  }
}

type Queryable = Pick<Pool, 'query'> | PoolClient;

async function readOne(db: Queryable, sql: string, params: unknown[]): Promise<DeclarationRecord | null> {
  const { rows } = await db.query(sql, params);
  const row: unknown = rows[0];
  return row === undefined ? null : DeclarationRow.parse(row);
}

async function mustGet(client: PoolClient, id: string): Promise<DeclarationRecord> {
  const record = await readOne(client, `SELECT ${RECORD_COLUMNS} FROM inventory_declarations d WHERE d.id = $1`, [id]);
  if (!record) throw new DeclarationNotFoundError(id);
  return record;
}

/** The stored record, locked until the transaction ends (a concurrent writer of the same declaration waits). */
async function lockRecord(client: PoolClient, id: string): Promise<DeclarationRecord> {
  if (!UUID.test(id)) throw new DeclarationNotFoundError(id);
  const record = await readOne(client, `SELECT ${RECORD_COLUMNS} FROM inventory_declarations d WHERE d.id = $1 FOR UPDATE OF d`, [id]);
  if (!record) throw new DeclarationNotFoundError(id);
  return record;
}

/** lockRecord, checked to be at `expectedRevision`. */
async function lockCurrent(client: PoolClient, id: string, expectedRevision: number): Promise<DeclarationRecord> {
  const record = await lockRecord(client, id);
  if (record.revision !== expectedRevision) throw new StaleRevisionError(id, expectedRevision, record.revision);
  return record;
}

/** Moves a declaration to `to` at revision `expectedRevision` (one more revision); StaleRevisionError otherwise. */
/**
 * Sets aside `declarantId`'s open draft other than `keep` (the one-draft index allows one), at `at` (ISO 8601), a
 * blank one too: its step card may hold what the person is typing.
 */
async function stepAsideOpenDraft(client: PoolClient, declarantId: string, keep: string, at: string): Promise<void> {
  await client.query(
    `UPDATE inventory_declarations SET set_aside_at = $1, revision = revision + 1, updated_at = $1
     WHERE declarant_id = $2 AND state = 'draft' AND set_aside_at IS NULL AND id <> $3`,
    [at, declarantId, keep],
  );
}

async function setState(client: PoolClient, id: string, expectedRevision: number, to: DeclarationState, at: string): Promise<void> {
  await updated(
    client,
    id,
    expectedRevision,
    await client.query('UPDATE inventory_declarations SET state = $1, revision = revision + 1, updated_at = $2 WHERE id = $3 AND revision = $4', [
      to,
      at,
      id,
      expectedRevision,
    ]),
  );
}

/**
 * After an `UPDATE … WHERE id = $ AND revision = $`: no row means someone else changed it first.
 * @throws StaleRevisionError carrying the revision now stored
 */
async function updated(client: PoolClient, id: string, expectedRevision: number, result: { rowCount: number | null }): Promise<void> {
  if (result.rowCount === 1) return;
  throw new StaleRevisionError(id, expectedRevision, (await mustGet(client, id)).revision);
}

/** True when this declaration was already submitted with this key; a key used by another one is refused. */
async function submittedWith(client: PoolClient, id: string, key: string): Promise<boolean> {
  const { rows } = await client.query('SELECT id::text AS id FROM inventory_declarations WHERE submission_key = $1', [key]);
  const row: unknown = rows[0];
  if (row === undefined) return false;
  if (IdRow.parse(row).id !== id) throw new SubmissionKeyConflictError(id, key);
  return true;
}

async function addEvent(
  client: PoolClient,
  id: string,
  at: string,
  actor: Actor,
  from: DeclarationState | null,
  to: DeclarationState,
  comment: string | null,
): Promise<void> {
  await client.query(
    `INSERT INTO inventory_declaration_events (declaration_id, seq, at, actor_id, actor_name, from_state, to_state, comment)
     VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM inventory_declaration_events WHERE declaration_id = $1), $2, $3, $4, $5, $6, $7)`,
    [id, at, actor.id, actor.name, from, to, comment],
  );
}

/** Records an access change (AccessEvent) of declaration `id`, numbered after its last; the caller holds its row lock. */
async function addAccessEvent(client: PoolClient, id: string, at: string, actor: Actor, change: AccessEvent['change'], userId: string): Promise<void> {
  await client.query(
    `INSERT INTO inventory_access_events (declaration_id, seq, at, actor_id, actor_name, change, user_id)
     VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM inventory_access_events WHERE declaration_id = $1), $2, $3, $4, $5, $6)`,
    [id, at, actor.id, actor.name, change, userId],
  );
}
