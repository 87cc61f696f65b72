import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { ActivityTypes, type TurnContext } from '../bot-framework.js';
import { classifyMessage } from '../input.js';
import { fallbackLanguage, messageLanguage } from '../language.js';
import type { UserRateLimiter } from '../rate-limit.js';
import { searchHint, searchRateLimited, searchResults } from '../render/search-results.js';
import { markRoute } from '../turn.js';
import { messageText } from '../typed-text.js';
import type { RouteDeps } from './deps.js';

/** The search command of the message extension, as appPackage/manifest.json declares it (`composeExtensions`). */
export const SEARCH_COMMAND_ID = 'searchPassages';
/** The name of its one parameter, the text typed in the search box. */
export const SEARCH_PARAMETER = 'question';

/**
 * Teams' `composeExtension/query` value, as far as it is read: the parameters typed (`initialRun`, sent with the
 * value `true` when the box opens, is one of them). Anything else passes through unread.
 */
const QueryValue = z.object({ parameters: z.array(z.object({ name: z.string().optional(), value: z.unknown() }).passthrough()).optional() }).passthrough();

/**
 * The text typed in the search box: the {@link SEARCH_PARAMETER} parameter, else the one parameter other than
 * `initialRun` (a client that names it otherwise), else null (the box just opened).
 */
function searchText(value: unknown): string | null {
  const parsed = QueryValue.safeParse(value);
  if (!parsed.success) return null;
  const typed = (parsed.data.parameters ?? []).filter((p) => p.name !== 'initialRun' && typeof p.value === 'string');
  const chosen = typed.find((p) => p.name === SEARCH_PARAMETER) ?? (typed.length === 1 ? typed[0] : undefined);
  return chosen ? (chosen.value as string) : null;
}

/**
 * The search message extension: in any compose box, a person searches the indexed documents and inserts a cited
 * passage into the conversation (see render/search-results.ts for what is shown). The search is the `ask` use case
 * that answers questions in chat, so its passages and its abstention are the chat's. Text with no words to search
 * (the box just opened, emoji, a greeting) gets a short hint, in the language of the person's words or, when they say
 * none, the one they last wrote in here, else the client's. A search longer than a question may be is cut as a
 * question is (bot/input.ts) and the results say so. Searches have a per-person limit of their own (`limiter`,
 * the messages' burst and rate in a bucket apart; null: no limit); over it, a notice instead of results. Apart,
 * because Teams sends a search each time typing pauses in the compose box: sharing the messages' bucket, a few
 * searches left their author unable to ask a question in chat.
 */
export function register(app: Application, deps: RouteDeps, limiter: UserRateLimiter | null): void {
  app.messageExtensions.query(isSearchQuery, async (context, _state, query) => {
    markRoute(context, 'search');
    const typed = searchText(context.activity.value);
    const input = classifyMessage(typed === null ? undefined : messageText(typed), undefined);
    const fallback = fallbackLanguage(context);
    if (input.kind !== 'question') return searchHint(input.kind === 'small_talk' ? (input.language ?? fallback) : fallback);
    const language = messageLanguage(input.text, fallback);
    const { from } = context.activity;
    if ((limiter?.take(`search:${from.aadObjectId ?? from.id}`) ?? 'allowed') !== 'allowed') {
      markRoute(context, 'rate_limited');
      return searchRateLimited(language);
    }
    const result = await deps.knowledge.ask(input.text, { language });
    return searchResults(result, { skip: wholeAtLeast(query.skip, 0, 0), count: wholeAtLeast(query.count, 1, DEFAULT_PAGE_SIZE) }, input.truncated);
  });
}

/**
 * Every `composeExtension/query`, whatever its command id: Balises declares one search command
 * ({@link SEARCH_COMMAND_ID}), so a query naming another (an app package of another version, a client that names it
 * otherwise, as searchText allows for the parameter) is that search; unanswered, Teams showed the person an error.
 */
async function isSearchQuery(context: TurnContext): Promise<boolean> {
  return context.activity.type === ActivityTypes.Invoke && context.activity.name === 'composeExtension/query';
}

/** Results per page when Teams names none (its default). */
const DEFAULT_PAGE_SIZE = 25;

/** `value` when it is a whole number ≥ `min`, else `fallback`: paging options come from the client. */
function wholeAtLeast(value: unknown, min: number, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min ? value : fallback;
}
