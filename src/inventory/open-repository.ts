import type { AppConfig } from '../config.js';
import type { PostgresRepositoryOptions } from './postgres-repository.js';
import { openSqliteInventoryRepository } from './sqlite-repository.js';
import type { InventoryRepository } from './types.js';

/**
 * Opens the inventory the configuration names: the knowledge base's SQLite file by default, PostgreSQL when
 * INVENTORY_DATABASE_URL is set. Pending migrations are applied; close() the repository at shutdown.
 * @param sqliteBusyTimeoutMs for the SQLite file: how long a write waits for another process's lock (see openSqliteFile)
 * @throws InventoryStoreError when the database cannot be opened or reached, or holds a newer inventory schema
 */
export async function openInventoryRepository(
  config: Pick<AppConfig, 'databaseFile' | 'inventory'>,
  options: PostgresRepositoryOptions = {},
  sqliteBusyTimeoutMs?: number,
): Promise<InventoryRepository> {
  if (config.inventory.kind === 'sqlite') return openSqliteInventoryRepository(config.databaseFile, sqliteBusyTimeoutMs);
  // The driver (pg) is loaded only for this store: a server on SQLite paid about 0.1 s and 5 MB at start for it.
  const { openPostgresInventoryRepository } = await import('./postgres-repository.js');
  return openPostgresInventoryRepository(config.inventory.url, options);
}
