import path from 'node:path';
import type { Logger } from 'pino';
import type { OpenedKnowledgeService } from '../src/answers/open.js';
import { createInventoryService, fieldsOf, loadAssessmentRules, SCHEMA_VERSION, type Actor } from '../src/inventory/index.js';
import { openSqliteInventoryRepository } from '../src/inventory/sqlite-repository.js';
import { summarise, type LatencySummary } from '../src/bench/stats.js';
import { createServer } from '../src/server/http.js';
import { cardAction, invoke } from '../test/helpers/card-activities.js';
import { CardConnector } from '../test/helpers/card-connector.js';
import { validDraft } from '../test/helpers/declarations.js';

/** Submissions one after the other, then a burst of this many at once. */
const SEQUENTIAL_SUBMITS = 30;
const BURST_SUBMITS = 50;
const CHANNEL = '19:gouvernance-bench@thread.tacv2';
/** A card that has not reached the connector after this long fails the bench. */
const DELIVERY_TIMEOUT_MS = 30_000;

/** Outbox delivery latency, commit → the fake connector receives the review card, in ms. */
export interface OutboxLatency {
  sequential: LatencySummary;
  burst: LatencySummary;
}

/**
 * Measures the notification outbox's delivery latency over the real path: a declaration is submitted through
 * `POST /api/messages` (`declaration.submit` invoke, SQLite inventory in `tmp`), the route wakes the outbox worker,
 * which posts the review card to the governance channel on a fake connector. Latency is the connector's receipt
 * time minus the declaration's stored `submittedAt` (taken in the committing transaction).
 */
export async function measureOutboxDelivery(tmp: string, knowledge: OpenedKnowledgeService, logger: Logger): Promise<OutboxLatency> {
  const repository = openSqliteInventoryRepository(path.join(tmp, 'outbox-bench.db'));
  const connector = await new CardConnector().start();
  const service = createInventoryService({ repository, rules: loadAssessmentRules(), lookup: knowledge.passageLookup(), governanceAdminIds: [] });
  const server = createServer({
    config: { host: '127.0.0.1', port: 0, bot: null },
    knowledge,
    logger,
    inventory: { service, conversations: repository, governanceAdminIds: [], outbox: repository },
  });
  const { port } = await server.listen();
  const baseUrl = `http://127.0.0.1:${port}`;
  await repository.saveConversation('governance-channel', {
    serviceUrl: connector.serviceUrl,
    channelId: 'msteams',
    conversation: { id: CHANNEL, conversationType: 'channel' },
    bot: { id: '28:bench-bot' },
    locale: 'fr-CA',
  });
  let people = 0;

  async function submitOne(): Promise<number> {
    people += 1;
    const actor: Actor = { id: `0000000b-0000-4000-8000-${String(people).padStart(12, '0')}`, name: `Déclarant du banc ${people}` };
    const draft = await repository.createDraft(actor, validDraft(), new Date().toISOString());
    const effects = Object.fromEntries(
      fieldsOf('effects').map((f) => {
        const value = draft.data[f];
        return [f, Array.isArray(value) ? value.join(',') : String(value)];
      }),
    );
    const data = { declarationId: draft.id, revision: draft.revision, step: 'effects', schemaVersion: SCHEMA_VERSION, ...effects };
    const from = { id: `29:bench-${people}`, name: actor.name, aadObjectId: actor.id };
    const res = await invoke(baseUrl, cardAction('declaration.submit', data, { serviceUrl: connector.serviceUrl, from, conversationId: `a:bench-${people}` }));
    if (res.status !== 200) throw new Error(`bench: submit answered ${res.status}`);
    const [card] = await connector.waitFor((c) => c.conversationId === CHANNEL && JSON.stringify(c.body).includes(draft.id), 1, DELIVERY_TIMEOUT_MS);
    const submittedAt = (await repository.get(draft.id))?.submittedAt;
    if (!submittedAt) throw new Error('bench: the declaration was not submitted');
    return card!.receivedAt - Date.parse(submittedAt);
  }

  try {
    const sequential: number[] = [];
    for (let i = 0; i < SEQUENTIAL_SUBMITS; i++) sequential.push(await submitOne());
    const burst = await Promise.all(Array.from({ length: BURST_SUBMITS }, () => submitOne()));
    return { sequential: summarise(sequential), burst: summarise(burst) };
  } finally {
    await server.close();
    await connector.stop();
    await repository.close();
  }
}
