import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { CardConnector } from '../helpers/card-connector.js';
import { cardText, type Json } from '../helpers/card-walk.js';
import { dataDirWith } from '../helpers/ingested-bot.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FICTIONAL = path.resolve(repoRoot, 'test/fixtures/charte-fictive-ia.md');
const DECLARANT: TeamsUser = { id: '29:declarant-nfd', name: 'Personne Décomposée', aadObjectId: '0000000d-0000-4000-8000-0000000000aa' };

/**
 * Text pasted from elsewhere reads the same to a person as what they would type, and commands must too: accents
 * stored decomposed (Unicode NFD: « e » then U+0301 COMBINING ACUTE ACCENT, as macOS file names do), and invisible
 * characters a web page or a document carries along (zero-width space, byte order mark, soft hyphen).
 */
describe('commands pasted with decomposed accents or invisible characters, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const as: () => ConversationOptions = () => ({ serviceUrl: connector.serviceUrl, from: DECLARANT, conversationId: `a:personal-${DECLARANT.aadObjectId}` });
  const conversation = cardConversation(() => running.url, () => connector);
  const say = (text: string): Promise<Json> => conversation.message(text, as());

  /** What the person reads in a reply: its text, or its card's text. */
  const shown = (reply: Json): string => (reply.attachments?.[0] ? cardText(reply.attachments[0].content) : String(reply.text));

  beforeAll(async () => {
    dataDir = await dataDirWith(FICTIONAL, 'balises-nfd-');
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the declaration form for « /déclarer » with a decomposed « é »', async () => {
    const reply = await say('/de\u0301clarer');
    expect(shown(reply)).toMatch(/Étape 1 sur 3/);
  });

  it('lists the person’s declarations for « mes déclarations » with a decomposed « é »', async () => {
    const reply = await say('mes de\u0301clarations');
    expect(shown(reply)).toMatch(/Mes déclarations/);
  });

  it('reads « /déclarer » and « aide » carrying a zero-width space, a byte order mark or a soft hyphen as the commands', async () => {
    for (const text of ['/déclarer\u200B', '\uFEFF/déclarer', '/dé\u00ADclarer']) expect(shown(await say(text))).toMatch(/Étape 1 sur 3/);
    expect(shown(await say('aide\u200B'))).toMatch(/Comment utiliser Balises/);
  });
});
