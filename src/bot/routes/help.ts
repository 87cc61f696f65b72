import type { Application } from '@microsoft/teams-ai';
import type { Language } from '../../answers/types.js';
import { HELP_COMMAND } from '../input.js';
import { helpMessage } from '../render/messages.js';
import { markRoute } from '../turn.js';
import type { RouteDeps } from './deps.js';

/** `aide` / `/aide` answer in French, `help` / `/help` in English: the word chosen says the language. */
export function register(app: Application, _deps: RouteDeps): void {
  app.message(HELP_COMMAND, async (context) => {
    markRoute(context, 'help');
    const language: Language = /help/i.test(context.activity.text ?? '') ? 'en' : 'fr';
    await context.sendActivity(helpMessage(language));
  });
}
