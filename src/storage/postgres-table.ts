import type { Pool } from 'pg';

/** Connections a small per-message table keeps open at most: one short statement per message. */
const POSTGRES_POOL_SIZE = 2;
const POSTGRES_CONNECT_TIMEOUT_MS = 5_000;

/**
 * A small connection pool to the PostgreSQL database at `url` (the inventory's, INVENTORY_DATABASE_URL), with the
 * table that `createTable` (a `CREATE TABLE IF NOT EXISTS` statement) makes: the turn claims and the speaker
 * languages each keep one, so that instances on separate hosts share them.
 * @param url `postgres://user:password@host:port/database`
 * @throws the driver's error when the server cannot be reached or the table cannot be created (the pool is closed)
 */
export async function openPostgresTable(url: string, createTable: string): Promise<Pool> {
  // Loaded here: a server on SQLite never needs the driver.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE, connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS });
  // An idle connection dropped by the server is replaced on next use; without a listener pg would crash the process.
  pool.on('error', () => undefined);
  try {
    await pool.query(createTable);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}
