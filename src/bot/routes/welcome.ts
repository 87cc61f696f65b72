import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { audienceOf } from '../audience.js';
import { localeLanguage } from '../language.js';
import { promptsMessage, welcomeMessage } from '../render/messages.js';
import { markRoute } from '../turn.js';
import type { RouteDeps } from './deps.js';

/**
 * Welcome on installation: `conversationUpdate` whose `membersAdded` contains the bot, or `installationUpdate`
 * with action `add`. Teams sends both on install, and may redeliver; one welcome per conversation is sent
 * (see `RouteDeps.welcomed`). French, English when the client locale is English (opened by a line in French saying
 * French works: see welcomeMessage). Says so when nothing is indexed; says
 * that an AI writes the answers when a model is configured; prompt buttons follow
 * in a personal chat.
 */
export function register(app: Application, deps: RouteDeps): void {
  const welcome = async (context: TurnContext): Promise<void> => {
    markRoute(context, 'welcome');
    if (deps.welcomed.seen(context.activity.conversation.id)) return;
    const indexed = deps.knowledge.sources().length > 0;
    const language = localeLanguage(context.activity.locale);
    const audience = audienceOf(context, deps);
    const prompts = promptsMessage(language, audience);
    await context.sendActivities([welcomeMessage(language, audience, indexed, deps.generator !== undefined), ...(prompts ? [prompts] : [])]);
  };
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient.id;
    if (!(context.activity.membersAdded ?? []).some((m) => m.id === botId)) {
      markRoute(context, 'welcome');
      return;
    }
    await welcome(context);
  });
  app.activity(
    async (context) => context.activity.type === 'installationUpdate' && context.activity.action === 'add',
    welcome,
  );
}
