import type { Application } from '@microsoft/teams-ai';
import { audienceOf } from '../audience.js';
import { SOURCES_COMMAND } from '../input.js';
import { fallbackLanguage } from '../language.js';
import { sourcesMessage } from '../render/messages.js';
import { markRoute } from '../turn.js';
import type { RouteDeps } from './deps.js';

/**
 * `sources` lists the indexed documents with version label and date, or says none is indexed yet (and, to an admin,
 * how to add some). The word is French and English alike: the list speaks the language the person last wrote in
 * here, else the client's (see fallbackLanguage).
 */
export function register(app: Application, deps: RouteDeps): void {
  app.message(SOURCES_COMMAND, async (context) => {
    markRoute(context, 'sources');
    const { operator } = audienceOf(context, deps);
    await context.sendActivity(sourcesMessage(fallbackLanguage(context), deps.knowledge.sources(), operator));
  });
}
