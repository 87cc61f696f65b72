import type { Application } from '@microsoft/teams-ai';
import { classifyMessage } from '../input.js';
import { localeLanguage, messageLanguage } from '../language.js';
import { renderAnswer } from '../render/answer.js';
import {
  attachmentOnlyMessage,
  emptyQuestionMessage,
  noWordsMessage,
  unknownCommandMessage,
} from '../render/messages.js';
import { markRoute } from '../turn.js';
import type { RouteDeps } from './deps.js';

/**
 * Every message not taken by an earlier route: a question for the knowledge service, rendered as quotes with
 * citations or an abstention. Input that is not a question (empty, only emoji, only a file, unknown `/command`)
 * gets a short explanation in the client's language; nothing is dropped silently. Register last.
 * A question is answered in the language it is written in; when the text does not tell (no function words, a tie),
 * in the client's language (`activity.locale`).
 */
export function register(app: Application, deps: RouteDeps): void {
  app.activity('message', async (context) => {
    markRoute(context, 'ask');
    const language = localeLanguage(context.activity.locale);
    const input = classifyMessage(context.activity.text, context.activity.attachments);
    switch (input.kind) {
      case 'empty':
        await context.sendActivity(emptyQuestionMessage(language));
        return;
      case 'no_words':
        await context.sendActivity(noWordsMessage(language));
        return;
      case 'attachment_only':
        await context.sendActivity(attachmentOnlyMessage(language));
        return;
      case 'unknown_command':
        await context.sendActivity(unknownCommandMessage(language));
        return;
      case 'question': {
        const result = await deps.knowledge.ask(input.text, { language: messageLanguage(input.text, context.activity.locale) });
        await context.sendActivity(renderAnswer(result, { truncatedQuestion: input.truncated }));
        return;
      }
    }
  });
}
