import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
// The class's own module, not teams-ai's root (which loads the unused AI planners: see server/adapter.ts).
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';
import type { TurnContext } from 'botbuilder';
import { ActivityTypes, MemoryStorage } from './bot-framework.js';
import type { Logger } from 'pino';
import type { KnowledgeService } from '../answers/service.js';
import type { AnswerGenerator } from '../answers/generative.js';
import type { FeedbackService } from '../feedback/index.js';
import type { SpeakerLanguageStore } from '../storage/speaker-languages.js';
import { memoryTurnClaims, type TurnClaims } from '../storage/turn-claims.js';
import { isAddressedToBot, withoutMentions, withoutTypedAddress } from './addressing.js';
import { actionLanguage, rememberLanguage, turnLanguage } from './language.js';
import { LanguageMemory, speakerKey } from './language-memory.js';
import { messageText, withoutInsertedCards } from './typed-text.js';
import { cardActionPolicy, UserRateLimiter, type RateLimitPolicy } from './rate-limit.js';
import { RecentKeys } from './recent-keys.js';
import { apologyMessage, cardRateLimitedText, rateLimitedMessage } from './render/messages.js';
import { searchApology } from './render/search-results.js';
import { DOCUMENT_VERBS } from './cards/document-preview-card.js';
import { REVIEW_VERBS } from './cards/index.js';
import * as ask from './routes/ask.js';
import * as collaborators from './routes/collaborators.js';
import * as declare from './routes/declare.js';
import * as documentsRoute from './routes/documents.js';
import type { InventoryDeps, RouteDeps } from './routes/deps.js';
import * as feedbackRoute from './routes/feedback.js';
import * as help from './routes/help.js';
import * as inventoryExport from './routes/inventory-export.js';
import * as inventoryList from './routes/inventory-list.js';
import * as lifecycle from './routes/lifecycle.js';
import * as officialSources from './routes/official-sources.js';
import * as review from './routes/review.js';
import * as searchExtension from './routes/search-extension.js';
import * as sources from './routes/sources.js';
import * as welcome from './routes/welcome.js';
import { markRoute, routeOf, setTurnLogger, turnLogger } from './turn.js';

/** How long an activity id (redelivery) or a welcomed conversation (double install event) is remembered, in ms. */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60_000;
const IDEMPOTENCY_MAX_KEYS = 10_000;
/**
 * How long a delivery of a message holds its claim while its turn runs, in ms. Longer than any turn (Teams gives up
 * and redelivers after about 15 s), so a redelivery during the turn is not answered twice; short enough that a
 * message whose process died mid-turn is answered when Teams delivers it again.
 */
export const CLAIM_LEASE_MS = 2 * 60_000;

/** What the bot needs: the adapter that carries its replies, the knowledge use cases, and the root logger. */
export interface BotDeps {
  adapter: TeamsAdapter;
  knowledge: KnowledgeService;
  logger: Logger;
  /** The declaration inventory; without it, `/déclarer`, the review and the lists are not offered. */
  inventory?: InventoryDeps;
  /** Where answers and their 👍/👎 ratings are kept; without it ratings are only logged. */
  feedback?: FeedbackService;
  /** Writes generative answers from the retrieved passages; absent: answers are extractive only. */
  generator?: AnswerGenerator;
  /** Which messages were answered (shared by instances); in this process's memory when absent. */
  claims?: TurnClaims;
  /**
   * Messages per person (config.rateLimit), and card presses in a bucket of their own CARD_ACTION_FACTOR times as
   * large; absent: no limit (a bot embedded in tests or the bench).
   */
  rateLimit?: RateLimitPolicy;
  /** Where the language each person last wrote in outlives the process (see LanguageMemory); in memory when absent. */
  languages?: SpeakerLanguageStore;
}

/** The Teams bot: the teams-ai application and the turn handler to give the adapter. */
export interface Bot {
  app: Application;
  /**
   * Runs one turn: per-turn logging, redelivery guard, routes. A message is claimed (see TurnClaims) before its turn
   * and recorded as answered only when the turn ended without error, so Teams' retry of a message whose reply
   * failed is answered, and a redelivery while the first delivery runs is not. Errors go to the app's error handler.
   */
  run(context: TurnContext): Promise<void>;
}

/**
 * Builds the Teams bot. Answers are extractive, so no AI planner is configured. Routes are tried in
 * registration order: welcome, help, sources, document administration, declare, review, inventory export, inventory lists, then ask for every other message;
 * invokes: feedback, the declaration and review card actions (card presses have a per-person limit of their own:
 * see withinCardLimit), the export's file consent answers, the message extension's search (see routes/search-extension.ts; a bucket the size of the
 * message limit), then a catch-all for unknown card actions.
 * In group chats and channels a message is handled only when it mentions the bot; teams-ai removes the mention
 * from the text (`removeRecipientMention`, on by default in 1.7.4, applied before `beforeTurn` handlers), and the
 * `beforeTurn` handler removes every other mention (a colleague mentioned too), composes accents and removes
 * invisible characters (see messageText) before any route reads the text; it then records the language the message
 * is written in, for replies to later messages whose words say none (see rememberLanguage).
 */
export function createBot({ adapter, knowledge, logger, inventory, feedback, generator, claims = memoryTurnClaims(IDEMPOTENCY_MAX_KEYS), rateLimit, languages: languageStore }: BotDeps): Bot {
  const app = new Application({
    adapter,
    storage: new MemoryStorage(),
    startTypingTimer: true,
    removeRecipientMention: true,
  });
  const languages = new LanguageMemory(IDEMPOTENCY_MAX_KEYS, languageStore);
  const deps: RouteDeps = { knowledge, logger, welcomed: new RecentKeys(IDEMPOTENCY_WINDOW_MS, IDEMPOTENCY_MAX_KEYS), inventory, feedback, generator, languages };
  const limiter = rateLimit ? new UserRateLimiter(rateLimit) : null;
  const cardLimiter = rateLimit ? new UserRateLimiter(cardActionPolicy(rateLimit)) : null;
  /**
   * rememberLanguage with the stored language loaded first and the one remembered saved after. A store that fails
   * costs only the language of later replies (the locale decides, as before it was stored): logged, never the turn.
   */
  const rememberStoredLanguage = async (context: TurnContext): Promise<void> => {
    const key = speakerKey(context.activity);
    try {
      if (key) await languages.load(key);
    } catch (err) {
      turnLogger(context, logger).warn({ err }, 'stored language could not be read');
    }
    rememberLanguage(context, languages);
    try {
      await languages.save();
    } catch (err) {
      turnLogger(context, logger).warn({ err }, 'language could not be stored');
    }
  };

  app.turn('beforeTurn', async (context) => {
    if (context.activity.type !== 'message') {
      await rememberStoredLanguage(context);
      return isCardPress(context) ? withinCardLimit(context) : true;
    }
    if (!isAddressedToBot(context.activity)) {
      markRoute(context, 'not_addressed');
      return false;
    }
    // teams-ai removed the bot's own mention; a colleague's (`<at>Marie</at>`) is no part of a question or command,
    // nor is a typed `@Balises` (see withoutTypedAddress), nor what pasted text carries along unseen (see messageText),
    // nor the placeholder of a card inserted from the compose box (see withoutInsertedCards).
    if (context.activity.text) {
      const text = messageText(withoutInsertedCards(withoutMentions(context.activity.text, context.activity.entities)));
      context.activity.text = withoutTypedAddress(text, context.activity.recipient?.name);
    }
    await rememberStoredLanguage(context);
    // A message over the limit gets one notice, then silence; card presses have their own bucket (withinCardLimit).
    const { from } = context.activity;
    const decision = limiter?.take(from.aadObjectId ?? from.id) ?? 'allowed';
    if (decision === 'allowed') return true;
    markRoute(context, 'rate_limited');
    if (decision === 'notify') await context.sendActivity(rateLimitedMessage(turnLanguage(context)));
    return false;
  });
  /**
   * Takes a card press from the person's card bucket (apart from their messages': see cardActionPolicy). Over it, the
   * press is answered with a message and not acted on: every press gets the words (an invoke left unanswered would
   * leave the button spinning), and the card stays as it was, inputs included, so that pressing again once the wait
   * is over acts on what the person typed, their draft's saved answers untouched.
   */
  const withinCardLimit = async (context: TurnContext): Promise<boolean> => {
    const { from } = context.activity;
    if ((cardLimiter?.take(from.aadObjectId ?? from.id) ?? 'allowed') === 'allowed') return true;
    markRoute(context, 'rate_limited');
    const text = cardRateLimitedText(actionLanguage(context.activity));
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } } });
    return false;
  };

  for (const route of [welcome, help, sources, feedbackRoute, documentsRoute, officialSources, declare, collaborators, lifecycle, review, inventoryExport, inventoryList, ask]) route.register(app, deps);
  searchExtension.register(app, deps, limiter);
  declare.registerUnknownVerb(app, deps);

  // Never throws, whatever the activity carries: an error escaping here would reach the HTTP layer as a 500.
  // An invoke gets its answer first (buffered, no network): left unanswered, the adapter would tell Teams 501. A card
  // action gets the apology as its answer, so the card stays as it was, inputs included.
  app.error(async (context, error) => {
    const referenceId = randomBytes(4).toString('hex');
    const log = turnLogger(context, logger);
    log.error({ err: error, referenceId, route: routeOf(context) }, 'turn failed');
    const language = turnLanguage(context);
    const apology = apologyMessage(language, referenceId);
    try {
      // A search in the compose box: the apology is shown where the results would be; a message posted to the
      // conversation would reach a chat where the bot may not even be installed.
      if (context.activity.type === ActivityTypes.Invoke && context.activity.name === 'composeExtension/query') {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { composeExtension: searchApology(language, referenceId) } } });
        return;
      }
      if (context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action') {
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: apology.text } },
        });
        return;
      }
      if (context.activity.type === ActivityTypes.Invoke) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
      await context.sendActivity(apology);
    } catch (sendError) {
      log.error({ err: sendError, referenceId }, 'apology could not be sent');
    }
  });

  /**
   * Claims `key` for this turn: the key when claimed, false when another delivery has it or answered it, null when
   * the claim store cannot be written (another process holding the SQLite file's write lock past its busy timeout,
   * PostgreSQL unreachable). Then the turn runs unclaimed: a redelivery might be answered twice, but a question,
   * which needs nothing written, is answered instead of apologised for.
   */
  const claimed = async (key: string, log: Logger): Promise<string | false | null> => {
    try {
      return (await claims.claim(key, CLAIM_LEASE_MS)) === 'claimed' ? key : false;
    } catch (err) {
      log.warn({ err }, 'turn claim could not be recorded: the turn runs without redelivery protection');
      return null;
    }
  };

  return {
    app,
    async run(context) {
      const started = performance.now();
      const { activity } = context;
      const log = logger.child({
        activityId: activity.id,
        activityType: activity.type,
        conversationType: activity.conversation?.conversationType ?? 'personal',
      });
      setTurnLogger(context, log);
      let outcome = 'failed';
      try {
        const key = activity.type === 'message' && activity.id ? await claimed(`message|${activity.conversation.id}|${activity.id}`, log) : null;
        if (key === false) {
          markRoute(context, 'duplicate');
          outcome = 'ignored';
          return;
        }
        let handled: boolean;
        try {
          handled = await app.run(context);
        } catch (err) {
          if (key) await bookkeeping(() => claims.release(key), log, 'turn claim could not be released');
          throw err;
        }
        // The reply went out: a claim store that fails now must not add an apology under the answer.
        if (key) await bookkeeping(() => claims.complete(key, IDEMPOTENCY_WINDOW_MS), log, 'answered turn could not be recorded');
        outcome = handled ? 'handled' : 'unhandled';
      } finally {
        log.info({ route: routeOf(context) ?? 'none', outcome, durationMs: Math.round(performance.now() - started) }, 'turn');
      }
    },
  };
}

/** Runs a write that only keeps redeliveries apart; its failure is logged, never the turn's. */
async function bookkeeping(write: () => Promise<void>, log: Logger, failure: string): Promise<void> {
  try {
    await write();
  } catch (err) {
    log.warn({ err }, failure);
  }
}

/**
 * The verbs of the cards' `refresh` actions (review card, document preview card): the only ones Teams sends on its own.
 */
const REFRESH_VERBS: ReadonlySet<string> = new Set([REVIEW_VERBS.refresh, DOCUMENT_VERBS.refresh]);

/**
 * A person's press of a card button (an `adaptiveCard/action` invoke), not a Universal Actions automatic refresh,
 * which Teams sends for every card a person scrolls past and no one chose: `trigger: 'automatic'` on a refresh verb.
 * The trigger is the sender's word, so `automatic` on any other verb (a script replaying « Suivant » or « Ajouter »
 * that way) is a press all the same.
 */
function isCardPress(context: TurnContext): boolean {
  const { activity } = context;
  if (activity.type !== ActivityTypes.Invoke || activity.name !== 'adaptiveCard/action') return false;
  const value: unknown = activity.value;
  if (!value || typeof value !== 'object') return true;
  const { trigger, action } = value as { trigger?: unknown; action?: { verb?: unknown } };
  return !(trigger === 'automatic' && typeof action?.verb === 'string' && REFRESH_VERBS.has(action.verb));
}
