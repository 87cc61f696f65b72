import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AnswerGenerator } from '../../answers/generative.js';
import type { KnowledgeService } from '../../answers/service.js';
import type { DownloadedDocument } from '../../documents/download.js';
import type { ProposalService } from '../../documents/proposals.js';
import type { OfficialSourcesAdmin } from '../../documents/sources-admin.js';
import type { FeedbackService } from '../../feedback/index.js';
import { userIdKey, type InventoryRepository, type InventoryService } from '../../inventory/index.js';
import type { LanguageMemory } from '../language-memory.js';
import type { RecentKeys } from '../recent-keys.js';

/** What route handlers receive: the use cases they call and the bot's shared per-process state. */
export interface RouteDeps {
  knowledge: KnowledgeService;
  /** Conversations welcomed recently, so an install sends one welcome, not two. */
  welcomed: RecentKeys;
  /** Root logger, used when a turn has no per-turn logger (see `turnLogger`). */
  logger: Logger;
  /** The declaration inventory; without it the declaration, review and list routes are not registered. */
  inventory?: InventoryDeps;
  /** Where answers and their ratings are kept; without it ratings are only logged. */
  feedback?: FeedbackService;
  /**
   * Writes a short answer from the retrieved passages when a model is configured (docs/teams.md « Generative answers »);
   * without it every answer is extractive.
   */
  generator?: AnswerGenerator;
  /**
   * The language each person last wrote in, per conversation (see LanguageMemory): proactive notices with no
   * language of their own go out in their recipient's. Without it, the recipient's locale decides.
   */
  languages?: Pick<LanguageMemory, 'load' | 'recall'>;
}

/** What the declaration, review and inventory-list routes need. */
export interface InventoryDeps {
  service: InventoryService;
  /** Where conversation references are kept for proactive messages (`governance-channel`, `user:<entra id>`). */
  conversations: Pick<InventoryRepository, 'saveConversation' | 'getConversation'>;
  /** Default public body of a new declaration (config.organismePublic); none when unset. */
  organismePublic?: string;
  /** Entra object ids of the governance admins: the review card refreshes for them (first 60). */
  governanceAdminIds: readonly string[];
  /**
   * The notification outbox's worker: `wake()` after a commit that queued a review card or a decision notice, so
   * it goes out now rather than at the next poll. The route never waits for the delivery.
   */
  notifications: { wake(): void };
  /**
   * Sends an activity to a stored conversation, outside any turn: document administration notices (issue #9).
   * Declaration notifications do not use it; they leave through the outbox (`notifications`).
   */
  proactive: ProactiveSend;
  /**
   * Document administration from Teams (issue #9); without it the document commands are not offered. It rides with
   * the inventory because it needs the same governance admins, stored conversations and proactive sends.
   */
  documents?: DocumentsDeps;
}

/** What the document administration route needs. */
export interface DocumentsDeps {
  proposals: ProposalService;
  /** Downloads a file or a URL with a size limit, a format check and a timeout (throws DownloadError). */
  download: (url: string, options: { fileName?: string }) => Promise<DownloadedDocument>;
  /** The official sources followed (`/source DOC URL`); without it that command is not offered. */
  officialSources?: OfficialSourcesAdmin;
}

/**
 * Sends `activity` in the conversation of `reference`, outside the current turn (the governance channel, a
 * declarant's personal chat), resolving with the id the connector gave the new message (ResourceResponse.id;
 * nothing when it gave none). Rejects when the connector refuses.
 */
export type ProactiveSend = (reference: Partial<ConversationReference>, activity: Partial<Activity>) => Promise<string | void>;

/**
 * Replaces the message `activityId`, posted earlier in the conversation of `reference`, with `activity`, outside any
 * turn (`PUT {serviceUrl}v3/conversations/{id}/activities/{activityId}`). Rejects when the connector refuses (404:
 * the message is gone; 403: the bot is no longer in the conversation).
 */
export type ProactiveUpdate = (reference: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>) => Promise<void>;

/** What the continuation of a stored conversation needs of the bot's adapter (CloudAdapter). */
interface ContinuingAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/**
 * Runs `work` in a continuation of the conversation of `reference` and resolves with its result.
 * An error thrown inside the continuation goes to the adapter's onTurnError (the bot's turn error handler), which
 * logs « turn failed », posts an apology in that conversation and resolves: the caller would take a refused call for
 * a successful one. The error is kept here and thrown once the continuation is over.
 */
async function inContinuation<T>(adapter: ContinuingAdapter, botAppId: string, reference: Partial<ConversationReference>, work: (context: TurnContext) => Promise<T>): Promise<T | undefined> {
  const refused: unknown[] = [];
  let result: T | undefined;
  await adapter.continueConversationAsync(botAppId, reference, async (context) => {
    // The continuation activity carries a random id; left there, a send would be a reply to that phantom message
    // (`POST …/activities/{id}`) instead of a new message in the conversation.
    context.activity.id = undefined;
    try {
      result = await work(context);
    } catch (error) {
      refused.push(error);
    }
  });
  if (refused.length > 0) throw refused[0];
  return result;
}

/**
 * A {@link ProactiveSend} over the bot's adapter: a new message posted to
 * `{serviceUrl}v3/conversations/{id}/activities`. `botAppId` is the Entra app id, or '' in local mode, where
 * CloudAdapter builds a connector client that sends no token (as for replies).
 * @throws what the connector's refusal or the network threw (RestError, ECONNREFUSED…), so that the caller (the
 *   outbox, the document notices) knows the message was not posted
 */
export function proactiveSender(adapter: ContinuingAdapter, botAppId: string): ProactiveSend {
  return async (reference, activity) => inContinuation(adapter, botAppId, reference, async (context) => (await context.sendActivity(activity))?.id);
}

/**
 * A {@link ProactiveUpdate} over the bot's adapter (see proactiveSender for `botAppId`).
 * @throws what the connector's refusal or the network threw (RestError with its statusCode…)
 */
export function proactiveUpdater(adapter: ContinuingAdapter, botAppId: string): ProactiveUpdate {
  return async (reference, activityId, activity) => {
    await inContinuation(adapter, botAppId, reference, async (context) => {
      await context.updateActivity({ ...activity, id: activityId });
    });
  };
}

/**
 * A conversation reference as stored and read back (checked, since it comes from the database): enough to reach the
 * conversation again. Other fields pass through.
 */
export const StoredReference = z
  .object({
    serviceUrl: z.string().url(),
    channelId: z.string().min(1),
    conversation: z.object({ id: z.string().min(1) }).passthrough(),
    bot: z.object({ id: z.string() }).passthrough().optional(),
    user: z.object({ id: z.string() }).passthrough().optional(),
    locale: z.string().optional(),
  })
  .passthrough();
export type StoredReference = z.infer<typeof StoredReference>;

/**
 * The conversation reference stored under `key` (see {@link StoredReference}), or null when none is stored or the
 * stored one is not usable (logged as a warning, without the person's id).
 */
export async function storedReference(
  inventory: Pick<InventoryDeps, 'conversations'>,
  key: string,
  log: Logger,
): Promise<Partial<ConversationReference> | null> {
  const raw = await inventory.conversations.getConversation(key);
  if (raw === null) return null;
  const reference = parsedReference(raw);
  if (!reference) log.warn({ key: key.startsWith('user:') ? 'user' : key }, 'stored conversation reference is not usable');
  return reference;
}

/**
 * `raw`, a conversation reference read back from the database, as one the adapter can continue when it is usable
 * (see {@link StoredReference}); null otherwise, `null` included. Never throws. The cast after the parse is the
 * boundary to botbuilder's type: StoredReference checks the fields continueConversation reads and passes the rest
 * through.
 */
export function parsedReference(raw: unknown): (Partial<ConversationReference> & { locale?: string }) | null {
  const parsed = StoredReference.safeParse(raw);
  return parsed.success ? (parsed.data as unknown as Partial<ConversationReference> & { locale?: string }) : null;
}

/** Key of the governance channel's conversation reference. */
export const GOVERNANCE_CHANNEL_KEY = 'governance-channel';
/** Key of a person's personal-chat conversation reference: the same for any case of the id (see userIdKey). */
export function userConversationKey(entraObjectId: string): string {
  return `user:${userIdKey(entraObjectId)}`;
}
