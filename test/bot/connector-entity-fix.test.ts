import { Entity } from 'botframework-connector/lib/connectorApi/models/mappers.js';
import { describe, expect, it } from 'vitest';
import { applyConnectorEntityFix } from '../../src/bot/connector-entity-fix.js';

describe('applyConnectorEntityFix', () => {
  it('lets the Entity mapper carry additional properties, and is idempotent', () => {
    applyConnectorEntityFix();
    expect(applyConnectorEntityFix()).toBe(false);
    expect(Entity.type.additionalProperties).toEqual({ type: { name: 'Object' } });
  });
});
