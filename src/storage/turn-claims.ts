import type Database from 'better-sqlite3';
import { isDeadLeaseOwner, processLeaseOwner } from './lease-owners.js';
import { openPostgresTable } from './postgres-table.js';

/**
 * Outcome of {@link TurnClaims.claim}: `claimed` (run the turn, then `complete` or `release`), `in_progress` (another
 * delivery of the same activity is running under a live lease) or `done` (it was already answered).
 */
export type ClaimOutcome = 'claimed' | 'in_progress' | 'done';

/**
 * Who handles an activity, kept where every instance of the bot sees it, so a redelivery is answered once. A key
 * is claimed with a lease before the turn runs, marked done once the reply went out, and released when the turn
 * failed, so Teams' retry of an unanswered activity is processed. A claim whose lease ran out (the process died
 * mid-turn) can be taken again, and so can one whose holder is known dead (isDeadLeaseOwner: a process of this
 * machine killed mid-turn, then restarted), so that Teams' redelivery of the message the dead process was answering
 * is answered at once instead of being dropped as in progress until the lease runs out. All times are in
 * milliseconds since the epoch.
 */
export interface TurnClaims {
  /**
   * Claims `key` for `leaseMs` unless a live claim or a done record exists.
   * @throws the store's error when it cannot be reached
   */
  claim(key: string, leaseMs: number): Promise<ClaimOutcome>;
  /** Records `key` as answered for `keepMs` (a redelivery within that time is `done`). */
  complete(key: string, keepMs: number): Promise<void>;
  /** Forgets a claim whose turn failed, so the next delivery runs. */
  release(key: string): Promise<void>;
}

/** Expired rows are deleted every this many claims, so the table stays the size of the keep window. */
const PURGE_EVERY_CLAIMS = 200;

/**
 * Turn claims in a table `turn_claims` of a Balises SQLite file (the knowledge base's file by default, shared by
 * every process that opens it; WAL and the busy timeout of `openSqliteFile` apply). The claim is one IMMEDIATE
 * transaction, so two processes racing on a key cannot both win. A table from before claims named their holder gets
 * the `owner` column (its rows have none: their leases run out as before).
 * @param db an open database (see `openSqliteFile`); the caller closes it
 * @param now clock in ms (tests pass a fake one)
 * @param owner who claims (see storage/lease-owners.ts): by default this process
 */
export function sqliteTurnClaims(db: Database.Database, now: () => number = Date.now, owner: string = processLeaseOwner): TurnClaims {
  db.exec(`CREATE TABLE IF NOT EXISTS turn_claims (
    key TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('running', 'done')),
    until_ms INTEGER NOT NULL,
    owner TEXT
  ) WITHOUT ROWID`);
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(turn_claims)').all();
  if (!columns.some((c) => c.name === 'owner')) db.exec('ALTER TABLE turn_claims ADD COLUMN owner TEXT');
  const select = db.prepare<[string], { state: 'running' | 'done'; until_ms: number; owner: string | null }>('SELECT state, until_ms, owner FROM turn_claims WHERE key = ?');
  const upsert = db.prepare('INSERT OR REPLACE INTO turn_claims (key, state, until_ms, owner) VALUES (?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM turn_claims WHERE key = ?');
  const purge = db.prepare('DELETE FROM turn_claims WHERE until_ms < ?');
  let claims = 0;
  const claim = db.transaction((key: string, leaseMs: number): ClaimOutcome => {
    const t = now();
    const row = select.get(key);
    if (row && row.until_ms > t && !(row.state === 'running' && heldByTheDead(row.owner))) return row.state === 'running' ? 'in_progress' : 'done';
    upsert.run(key, 'running', t + leaseMs, owner);
    if (++claims % PURGE_EVERY_CLAIMS === 0) purge.run(t);
    return 'claimed';
  });
  return {
    async claim(key, leaseMs) {
      return claim.immediate(key, leaseMs);
    },
    async complete(key, keepMs) {
      upsert.run(key, 'done', now() + keepMs, owner);
    },
    async release(key) {
      remove.run(key);
    },
  };
}

/** True when a running claim's holder is known dead (see isDeadLeaseOwner); a claim with no holder never is. */
function heldByTheDead(owner: string | null): boolean {
  return owner !== null && isDeadLeaseOwner(owner);
}

/**
 * Turn claims in this process's memory, for a bot embedded without a database (tests, the bench): the same
 * contract as {@link sqliteTurnClaims} but neither shared between processes nor kept across a restart.
 * @param maxKeys oldest keys are forgotten beyond this count, so memory stays bounded
 */
export function memoryTurnClaims(maxKeys = 10_000, now: () => number = Date.now): TurnClaims {
  const rows = new Map<string, { state: 'running' | 'done'; untilMs: number }>();
  return {
    async claim(key, leaseMs) {
      const t = now();
      const row = rows.get(key);
      if (row && row.untilMs > t) return row.state === 'running' ? 'in_progress' : 'done';
      rows.delete(key);
      rows.set(key, { state: 'running', untilMs: t + leaseMs });
      while (rows.size > maxKeys) rows.delete(rows.keys().next().value as string);
      return 'claimed';
    },
    async complete(key, keepMs) {
      rows.set(key, { state: 'done', untilMs: now() + keepMs });
    },
    async release(key) {
      rows.delete(key);
    },
  };
}

/** Turn claims in PostgreSQL, and how to release the connections they hold. */
export interface PostgresTurnClaims extends TurnClaims {
  close(): Promise<void>;
}

/**
 * Turn claims in a table `turn_claims` of a PostgreSQL database (the inventory's, INVENTORY_DATABASE_URL), so
 * instances on separate hosts share them. A claim is one `INSERT … ON CONFLICT DO UPDATE … WHERE` statement: the row
 * is taken only when absent or expired, so two instances racing on a key cannot both win; a running claim whose
 * holder is known dead is then taken by an `UPDATE` conditioned on that holder. A table from before claims named
 * their holder gets the `owner` column.
 * @param url `postgres://user:password@host:port/database`
 * @param owner who claims (see storage/lease-owners.ts): by default this process
 * @throws the driver's error when the server cannot be reached or the table cannot be created
 */
export async function openPostgresTurnClaims(url: string, now: () => number = Date.now, owner: string = processLeaseOwner): Promise<PostgresTurnClaims> {
  const pool = await openPostgresTable(
    url,
    `CREATE TABLE IF NOT EXISTS turn_claims (
      key TEXT PRIMARY KEY,
      state TEXT NOT NULL CHECK (state IN ('running', 'done')),
      until_ms BIGINT NOT NULL,
      owner TEXT
    );
    ALTER TABLE turn_claims ADD COLUMN IF NOT EXISTS owner TEXT`,
  );
  let claims = 0;
  return {
    async claim(key, leaseMs) {
      const t = now();
      const taken = await pool.query(
        `INSERT INTO turn_claims (key, state, until_ms, owner) VALUES ($1, 'running', $3, $4)
         ON CONFLICT (key) DO UPDATE SET state = 'running', until_ms = $3, owner = $4 WHERE turn_claims.until_ms <= $2
         RETURNING key`,
        [key, t, t + leaseMs, owner],
      );
      if (++claims % PURGE_EVERY_CLAIMS === 0) await pool.query('DELETE FROM turn_claims WHERE until_ms < $1', [t]);
      if (taken.rowCount === 1) return 'claimed';
      const { rows } = await pool.query<{ state: 'running' | 'done'; owner: string | null }>('SELECT state, owner FROM turn_claims WHERE key = $1', [key]);
      const row = rows[0];
      if (row?.state === 'done') return 'done';
      if (row && heldByTheDead(row.owner)) {
        // Taken from that holder only: two restarted instances racing on it cannot both win.
        const takenOver = await pool.query(`UPDATE turn_claims SET until_ms = $2, owner = $3 WHERE key = $1 AND state = 'running' AND owner = $4 RETURNING key`, [
          key,
          t + leaseMs,
          owner,
          row.owner,
        ]);
        if (takenOver.rowCount === 1) return 'claimed';
      }
      return 'in_progress';
    },
    async complete(key, keepMs) {
      await pool.query(
        `INSERT INTO turn_claims (key, state, until_ms, owner) VALUES ($1, 'done', $2, $3) ON CONFLICT (key) DO UPDATE SET state = 'done', until_ms = $2, owner = $3`,
        [key, now() + keepMs, owner],
      );
    },
    async release(key) {
      await pool.query('DELETE FROM turn_claims WHERE key = $1', [key]);
    },
    close: () => pool.end(),
  };
}
