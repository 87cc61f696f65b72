import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import type { ConversationOptions } from '../helpers/card-activities.js';
import { CardConnector } from '../helpers/card-connector.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { cardText, inputValues } from '../helpers/card-walk.js';
import { startTestPostgres, type TestPostgres } from '../helpers/embedded-postgres.js';

/**
 * Text in an activity that PostgreSQL refuses: half an emoji (a lone surrogate, which JSON carries as `\ud83d`) or
 * a U+0000 in a Teams display name, which becomes the draft's contact and is kept in the conversation reference.
 */
describe('a Teams name PostgreSQL refuses, over HTTP', () => {
  let dataDir: string;
  let postgres: TestPostgres;
  let connector: CardConnector;
  let running: RunningBalises;
  let inventoryUrl: string;
  const { say } = cardConversation(() => running.url, () => connector);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-pg-text-'));
    postgres = await startTestPostgres();
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', INVENTORY_DATABASE_URL: (inventoryUrl = await postgres.createDatabase()) });
  }, 120_000);
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the declaration card for a person whose name ends with half an emoji, the half shown as �', async () => {
    const me: ConversationOptions = {
      serviceUrl: connector.serviceUrl,
      from: { id: '29:moitie-emoji', name: 'Personne Fictive 😀'.slice(0, -1), aadObjectId: '0000000e-0000-4000-8000-000000000001' },
      conversationId: 'a:personal-moitie-emoji',
    };
    const card = await say('/déclarer', me);
    expect(cardText(card)).toContain('Étape 1 sur 3');
    expect(inputValues(card).contactName).toBe('Personne Fictive \uFFFD');
  });

  it('keeps where to send the decision notices of a person whose name holds a U+0000', async () => {
    const aadObjectId = '0000000e-0000-4000-8000-000000000002';
    const me: ConversationOptions = {
      serviceUrl: connector.serviceUrl,
      from: { id: '29:nul-dans-le-nom', name: 'Personne\u0000Fictive', aadObjectId },
      conversationId: 'a:personal-nul-dans-le-nom',
    };
    const card = await say('/déclarer', me);
    expect(inputValues(card).contactName).toBe('PersonneFictive');
    const client = new pg.Client({ connectionString: inventoryUrl });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT reference FROM inventory_conversations WHERE key = $1', [`user:${aadObjectId}`]);
      expect(rows).toHaveLength(1);
      expect(rows[0].reference.conversation.id).toBe('a:personal-nul-dans-le-nom');
    } finally {
      await client.end();
    }
  });
});
