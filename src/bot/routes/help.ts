import type { Application } from '@microsoft/teams-ai';
import type { Language } from '../../answers/types.js';
import { audienceOf } from '../audience.js';
import { HELP_COMMAND } from '../input.js';
import { helpMessage, promptsMessage } from '../render/messages.js';
import { markRoute } from '../turn.js';
import type { RouteDeps } from './deps.js';

/**
 * `aide` / `/aide` answer in French, `help` / `/help` in English (the word chosen says the language): how to ask, with
 * an example on a section of the indexed documents, what an answer is (quotes, or an AI's answer when a model is
 * configured), every command the sender may use (see `helpMessage`), then the prompt buttons in a personal chat.
 */
export function register(app: Application, deps: RouteDeps): void {
  app.message(HELP_COMMAND, async (context) => {
    markRoute(context, 'help');
    const language: Language = /help/i.test(context.activity.text ?? '') ? 'en' : 'fr';
    const audience = audienceOf(context, deps);
    const prompts = promptsMessage(language, audience);
    await context.sendActivities([helpMessage(language, audience, deps.knowledge.sources(), deps.generator !== undefined), ...(prompts ? [prompts] : [])]);
  });
}
