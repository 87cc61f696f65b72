import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { MemoryStorage, TestAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { RouteDeps } from '../../../src/bot/routes/deps.js';
import * as collaborators from '../../../src/bot/routes/collaborators.js';
import * as declare from '../../../src/bot/routes/declare.js';
import * as inventoryList from '../../../src/bot/routes/inventory-list.js';
import * as lifecycle from '../../../src/bot/routes/lifecycle.js';
import * as review from '../../../src/bot/routes/review.js';
import { RecentKeys } from '../../../src/bot/recent-keys.js';
import { createLogger } from '../../../src/server/logger.js';
import type { InventoryService } from '../../../src/inventory/service.js';
import { executeActions } from '../../helpers/card-walk.js';
import { FakeKnowledge } from '../../helpers/fake-knowledge.js';
import { answeredResult } from '../../helpers/answers.js';
import { LogCapture } from '../../helpers/log-capture.js';
import { everyCard } from './all-cards.js';

/** The string verbs the routes register with `app.adaptiveCards.actionExecute`, observed on a real Application. */
function registeredVerbs(): string[] {
  const app = new Application({ adapter: new TestAdapter() as unknown as TeamsAdapter, storage: new MemoryStorage() });
  const verbs: string[] = [];
  const original = app.adaptiveCards.actionExecute.bind(app.adaptiveCards);
  app.adaptiveCards.actionExecute = ((verb: unknown, handler: never) => {
    for (const v of Array.isArray(verb) ? verb : [verb]) if (typeof v === 'string') verbs.push(v);
    return original(verb as never, handler);
  }) as typeof app.adaptiveCards.actionExecute;
  const deps: RouteDeps = {
    knowledge: new FakeKnowledge(() => answeredResult()),
    welcomed: new RecentKeys(1000, 10),
    logger: createLogger({ logLevel: 'silent' }, new LogCapture()),
    inventory: {
      service: {} as InventoryService,
      conversations: { saveConversation: async () => undefined, getConversation: async () => null },
      governanceAdminIds: [],
      notifications: { wake() {} },
      proactive: async () => undefined,
    },
  };
  for (const route of [declare, collaborators, lifecycle, review, inventoryList]) route.register(app, deps);
  declare.registerUnknownVerb(app, deps);
  return verbs;
}

describe('card verbs and routes', () => {
  const registered = new Set(registeredVerbs());

  it('registers exactly the verbs each route says it serves', () => {
    expect([...registered].sort()).toEqual(
      [...declare.DECLARE_VERBS, ...collaborators.COLLABORATORS_VERBS, ...lifecycle.LIFECYCLE_VERBS, ...review.REVIEW_ROUTE_VERBS, ...inventoryList.INVENTORY_LIST_VERBS].sort(),
    );
  });

  it.each(everyCard())('%s: every Action.Execute verb is served by a registered handler', (_name, card) => {
    for (const action of executeActions(card)) expect(registered).toContain(action.verb);
  });

  it('leaves no registered verb unused by the cards', () => {
    const used = new Set(everyCard().flatMap(([, card]) => executeActions(card).map((a) => a.verb as string)));
    expect([...registered].filter((v) => !used.has(v))).toEqual([]);
  });
});
