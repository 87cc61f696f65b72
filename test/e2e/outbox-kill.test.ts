import { describe, expect, it } from 'vitest';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { restartableServer } from '../helpers/restartable-server.js';
import { killServerProcess, type ServerProcess } from '../helpers/server-process.js';

/**
 * The real server process (dist/src/server/main.js), with the default outbox lease (two minutes), is killed with
 * SIGKILL while it posts a review card to a slow governance channel; restarted on the same data folder, it posts that
 * card at once, and once, rather than when the dead process's lease runs out.
 */

const ADMIN: TeamsUser = { id: '29:admin-bail', name: 'Admin Bail', aadObjectId: '00000009-0000-4000-8000-0000000000a1' };
const DECLARANT: TeamsUser = { id: '29:declarant-bail', name: 'Déclarant Bail', aadObjectId: '00000009-0000-4000-8000-0000000000d1' };
const CHANNEL = '19:gouvernance-bail@thread.tacv2';

describe('kill -9 while a review card is being posted, default outbox lease', () => {
  // The governance admin set, with the default outbox lease.
  const app = restartableServer({ prefix: 'balises-outbox-kill-', env: { GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! } });
  const { connector } = app;
  let server: ServerProcess | undefined;

  const as = (from: TeamsUser, extra: Partial<ConversationOptions> = {}): ConversationOptions => ({
    serviceUrl: connector.serviceUrl,
    from,
    conversationId: `a:personal-${from.aadObjectId}`,
    ...extra,
  });

  const { message: say, press } = cardConversation(() => server!.url, () => connector);
  const reviewCards = () => connector.messages(CHANNEL).filter((c) => cardText(c.body.attachments?.[0]?.content).includes('Déclaration à examiner'));

  it('posts the card the dead process was posting as soon as it is restarted, once', async () => {
    server = await app.start();
    await say('gouvernance enregistrer', as(ADMIN, { conversationId: `${CHANNEL};messageid=1`, conversationType: 'channel' }));
    const draft = validDraft();
    let card = (await say('/déclarer', as(DECLARANT))).attachments[0].content as Json;
    while (!executeActions(card).some((a) => a.verb === 'declaration.submit')) {
      const values = inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      card = await press('declaration.next', { ...actionData(card, 'declaration.next'), ...values }, as(DECLARANT));
    }
    const values = inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));

    // A slow channel: the review card is in flight when the process dies.
    const release = connector.hold(CHANNEL);
    expect(cardText(await press('declaration.submit', { ...actionData(card, 'declaration.submit'), ...values }, as(DECLARANT)))).toContain('Déclaration reçue');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await killServerProcess(server, 'SIGKILL');
    // The connector sees the dead process's connection closed before it answers: that post never completed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reviewCards()).toHaveLength(0);

    const restarted = Date.now();
    server = await app.start();
    await connector.waitFor((c) => c.conversationId === CHANNEL && cardText(c.body.attachments?.[0]?.content).includes('Déclaration à examiner'), 1, 15_000);
    expect(Date.now() - restarted).toBeLessThan(15_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(reviewCards()).toHaveLength(1);
    await killServerProcess(server, 'SIGTERM');
  }, 90_000);
});
