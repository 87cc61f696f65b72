import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { CardConnector } from '../helpers/card-connector.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { dataDirWith } from '../helpers/ingested-bot.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FICTIONAL = path.resolve(repoRoot, 'test/fixtures/charte-fictive-ia.md');
const DECLARANT: TeamsUser = { id: '29:declarant-bord', name: 'Personne Fictive', aadObjectId: '0000000e-0000-4000-8000-0000000006aa' };
const NAME = 'Tri fictif partagé au bord';

/** Card text with the no-break spaces the bot puts beside « », : and ? read as plain spaces. */
const plain = (card: unknown): string => cardText(card).replace(/\u00a0/g, ' ');
/** A fictional Entra object id numbered `n`, of nobody who ever wrote to Balises. */
const someone = (n: number): string => `0000000e-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * Sharing a declaration at its edges, over HTTP on the real SQLite inventory: a declarant who picks more people than
 * a declaration may have.
 */
describe('sharing a declaration, at its edges', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });
  const { say, press } = cardConversation(() => running.url, () => connector);
  let declarationId = '';

  async function sharingCard(): Promise<Json> {
    const list = await say('mes déclarations', as(DECLARANT));
    const share = executeActions(list).find((a) => a.verb === 'declaration.share' && a.data.declarationId === declarationId);
    return press('declaration.share', share!.data, as(DECLARANT));
  }

  beforeAll(async () => {
    dataDir = await dataDirWith(FICTIONAL, 'balises-share-edges-');
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
    const first = await say('/déclarer', as(DECLARANT));
    declarationId = actionData(first).declarationId as string;
    const draft = { ...validDraft(), name: NAME };
    const values = inputValues(first, Object.fromEntries(inputs(first).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
    await press('declaration.next', { ...actionData(first, 'declaration.next'), ...values }, as(DECLARANT));
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says that picking more people than a declaration may have adds nobody, not that the card is broken', async () => {
    const add = actionData(await sharingCard(), 'declaration.share.add');
    // The picker sets no maximum: 25 people picked, as Teams sends them (ids separated by commas).
    const many = await press('declaration.share.add', { ...add, collaborators: Array.from({ length: 25 }, (_, i) => someone(i + 1)).join(',') }, as(DECLARANT));
    expect(plain(many)).toContain('Personne n’a été ajouté : la déclaration aurait plus de 20 personnes. Retirez-en d’abord.');
    expect(plain(many)).not.toContain('Cette carte n’est plus valide');
    expect(plain(await sharingCard())).toContain('Personne d’autre que vous n’y a accès pour l’instant.');
  });
});
