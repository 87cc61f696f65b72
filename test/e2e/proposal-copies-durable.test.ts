import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { CardConnector, type ConnectorCall } from '../helpers/card-connector.js';
import { cardConversation, CARD_TYPE } from '../helpers/card-conversation.js';
import { actionData, cardText } from '../helpers/card-walk.js';
import { captureIo } from '../cli/capture.js';

const FIXTURE = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), 'test/fixtures/charte-fictive-ia.md');
const ADMIN: TeamsUser = { id: '29:admin-copies', name: 'Adèle Gouvernance', aadObjectId: '0000000f-0000-4000-8000-0000000000c1' };
const ADMIN2: TeamsUser = { id: '29:admin-copies-2', name: 'Bruno Gouvernance', aadObjectId: '0000000f-0000-4000-8000-0000000000c2' };
const CHANNEL = '19:gouvernance-copies@thread.tacv2';

/**
 * When an admin proposes a version, the other admins and the governance channel get its preview card through the
 * durable announcement outbox: while Teams refuses them (403, as while the app is being reinstalled: the connector
 * client does not retry it), the bot is restarted; the restarted bot posts each copy once, and the proposer, whose
 * card was the reply, gets no second one. Over HTTP with Bot Framework activities, on the real SQLite file.
 */
describe('copies of a proposal card survive a Teams outage and a restart, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises | undefined;
  const boot = async () => {
    running = await start({
      BALISES_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      GOVERNANCE_ADMIN_IDS: `${ADMIN.aadObjectId},${ADMIN2.aadObjectId}`,
      RATE_LIMIT_BURST: '100',
    });
  };
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });
  const { message: send, press } = cardConversation(() => running!.url, () => connector);
  /** The proposal cards a conversation received, in order (a preview card is refreshed by `documents.refresh`; the withdrawal's confirmation is not one). */
  const proposalCards = (conversationId: string): ConnectorCall[] =>
    connector
      .messages(conversationId)
      .filter((c) => c.body.attachments?.[0]?.contentType === CARD_TYPE && cardText(c.body.attachments[0].content).includes('Charte fictive') && c.body.attachments[0].content.refresh?.action?.verb === 'documents.refresh');

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-proposal-copies-'));
    const { io, out } = captureIo({ BALISES_DATA_DIR: dataDir });
    expect(await run(['ingest', FIXTURE, '--doc', 'charte-fictive', '--title', 'Charte fictive', '--version', 'v1'], io), out.stderr).toBe(0);
    connector = await new CardConnector().start();
    await boot();
    await send('gouvernance enregistrer', { ...as(ADMIN), conversationId: CHANNEL, conversationType: 'channel' });
    await send('bonjour', as(ADMIN2));
    // Withdrawn (through its confirmation card), so that `rétablir … v1` below proposes a rollback.
    const confirmation = (await send('retirer charte-fictive', as(ADMIN))).attachments[0].content;
    expect(cardText(await press('documents.withdraw', actionData(confirmation, 'documents.withdraw'), as(ADMIN)))).toContain('Document retiré');
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('posts the other admin’s and the channel’s copies refused before a restart once the bot is back, once each', async () => {
    const other = as(ADMIN2).conversationId;
    connector.failNext(other, 403, 1_000);
    connector.failNext(CHANNEL, 403, 1_000);
    const reply = await send('rétablir charte-fictive v1', as(ADMIN));
    expect(cardText(reply.attachments[0].content)).toContain('Charte fictive');
    await expect.poll(() => connector.refused.filter((c) => c.conversationId === other).length, { timeout: 5_000 }).toBeGreaterThan(0);
    await expect.poll(() => connector.refused.filter((c) => c.conversationId === CHANNEL).length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(proposalCards(other)).toHaveLength(0);

    await running!.stop();
    running = undefined;
    connector.failNext(other, 403, 0);
    connector.failNext(CHANNEL, 403, 0);
    await boot();
    await connector.waitFor((c) => c.conversationId === other && c.body.attachments?.[0]?.contentType === CARD_TYPE, 1, 15_000);
    await connector.waitFor((c) => c.conversationId === CHANNEL && c.body.attachments?.[0]?.contentType === CARD_TYPE && cardText(c.body.attachments[0].content).includes('Charte fictive'), 1, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(proposalCards(other)).toHaveLength(1);
    expect(proposalCards(CHANNEL)).toHaveLength(1);
    // The other admin's copy is the card itself, not the proposer's « interrompu » late card.
    expect(proposalCards(other)[0]!.body.text ?? '').not.toContain('interrompu');
    // The proposer saw the card as the reply: nothing more is owed to them.
    expect(proposalCards(as(ADMIN).conversationId)).toHaveLength(1);
  }, 60_000);
});
