import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteInventoryRepository } from '../../src/inventory/sqlite-repository.js';
import type { TeamsUser } from '../helpers/card-activities.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { declarants, reviewBot } from '../helpers/review-bot.js';

/**
 * The governance channel's « n’est plus à examiner » notice of a declaration taken back to draft, when Teams refuses
 * its first posts and the declaration is submitted again before the retry: the channel must not read, after the new
 * review card, that the declaration is no longer to be reviewed. The notice is posted only for a review card whose
 * message id Balises does not hold (one posted before inventory migration 12): the card's row is deleted to stand
 * for it; a card with its id is updated in place instead (review-card-update.test.ts).
 */

const ADMIN: TeamsUser = { id: '29:admin-ordre', name: 'Admin Ordre', aadObjectId: '0000000e-0000-4000-8000-0000000005b1' };
const CHANNEL = '19:gouvernance-ordre@thread.tacv2';
const declarant = declarants('declarant-ordre', 'Déclarant Ordre', '0000000e-0000-4000-8000-0000000005');

const plain = (card: unknown): string => cardText(card).replace(/\u00a0/g, ' ');

describe('a withdrawal notice retried after the declaration was submitted again', () => {
  const { bot, press, as, submitted } = reviewBot('balises-withdraw-order', [ADMIN], CHANNEL, { bot: 45111, connector: 45112 });
  const channelTexts = () => bot.connector.messages(CHANNEL).map((c) => plain(c.body.attachments?.[0]?.content));

  it('does not tell the channel « n’est plus à examiner » after the new review card', async () => {
    const user = declarant();
    const first = await submitted(user);
    const declarationId = actionData(first, 'review.take').declarationId as string;
    const dbPath = path.join(bot.dataDir, 'balises.db');
    for (let waited = 0; ; waited += 250) {
      const db = new Database(dbPath);
      try {
        if (db.prepare('DELETE FROM inventory_review_cards WHERE declaration_id = ?').run(declarationId).changes > 0) break;
      } finally {
        db.close();
      }
      if (waited > 10_000) throw new Error('the review card was never recorded');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    // Teams refuses the notice's first eight posts (and only the notice's): two of the outbox's attempts, each of
    // which the connector client retries three times itself, then the outbox's backoff (1 to 2 s, then 2 to 4 s).
    bot.connector.failNext(CHANNEL, 500, 8, (body) => JSON.stringify(body).includes('n’est plus à examiner'));
    await press('declaration.withdraw', { declarationId, lang: 'fr' }, as(user));

    // Submitted again at once, with a change: its new review card reaches the channel.
    let card = await press('declaration.reopen', { declarationId, lang: 'fr' }, as(user));
    const draft = { ...validDraft(), purpose: 'Trier les demandes fictives, précision ajoutée avant examen.' };
    for (;;) {
      const values = inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      const verb = executeActions(card).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      card = await press(verb, { ...actionData(card, verb), ...values }, as(user));
      if (verb === 'declaration.submit') break;
    }
    await bot.connector.waitFor((c) => c.conversationId === CHANNEL && JSON.stringify(c.body).includes('précision ajoutée avant examen'), 1, 10_000);

    // Once the notice's outbox row is settled (posted, or dropped as saying what no longer holds), the last word in
    // the channel is the new card.
    const repository = openSqliteInventoryRepository(dbPath);
    try {
      for (let waited = 0; ; waited += 250) {
        const notice = (await repository.notifications(declarationId)).find((n) => n.kind === 'withdrawn_notice');
        if (notice?.attemptLog.some((a) => a.outcome === 'delivered' || a.outcome === 'obsolete')) break;
        if (waited > 40_000) throw new Error('the withdrawal notice was never settled');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      await repository.close();
    }
    const texts = channelTexts();
    expect(texts.at(-1)).toContain('précision ajoutée avant examen');
    expect(texts.filter((t) => t.includes('n’est plus à examiner'))).toEqual([]);
  }, 60_000);
});
