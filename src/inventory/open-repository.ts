import type { AppConfig } from '../config.js';
import { openPostgresInventoryRepository, type PostgresRepositoryOptions } from './postgres-repository.js';
import { openSqliteInventoryRepository } from './sqlite-repository.js';
import type { InventoryRepository } from './types.js';

/**
 * Opens the inventory the configuration names: the knowledge base's SQLite file by default, PostgreSQL when
 * INVENTORY_DATABASE_URL is set. Pending migrations are applied; close() the repository at shutdown.
 * @throws InventoryStoreError when the database cannot be opened or reached, or holds a newer inventory schema
 */
export async function openInventoryRepository(
  config: Pick<AppConfig, 'databaseFile' | 'inventory'>,
  options: PostgresRepositoryOptions = {},
): Promise<InventoryRepository> {
  return config.inventory.kind === 'postgres'
    ? openPostgresInventoryRepository(config.inventory.url, options)
    : openSqliteInventoryRepository(config.databaseFile);
}
