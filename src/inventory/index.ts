/**
 * The inventory of declared AI use cases: its public surface. src/bot, src/cli and src/server reach the inventory
 * only through this file (STYLE.md §1).
 */
export * from './codes.js';
export * from './schema.js';
export * from './types.js';
export type * from './service.js';
export * from './assessment.js';
export * from './workflow.js';
export * from './export.js';
export * from './repository-errors.js';
export * from './outbox.js';
export * from './text.js';
export * from './identity.js';
export * from './merge.js';
export { openInventoryRepository } from './open-repository.js';
