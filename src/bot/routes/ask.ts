import type { Application } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import type { GeneratedAnswer } from '../../answers/generative.js';
import type { AskResult } from '../../answers/types.js';
import { traceOf } from '../../feedback/index.js';
import { audienceOf } from '../audience.js';
import { classifyMessage, declarationTip } from '../input.js';
import { fallbackLanguage, messageLanguage } from '../language.js';
import { renderAnswer, renderGeneratedAnswer, type RenderOptions } from '../render/answer.js';
import {
  attachmentOnlyMessage,
  emptyIndexMessage,
  emptyQuestionMessage,
  insertedCardMessage,
  noWordsMessage,
  smallTalkMessage,
  unknownCommandMessage,
} from '../render/messages.js';
import { markRoute, turnLogger } from '../turn.js';
import type { RouteDeps } from './deps.js';

/**
 * Every message not taken by an earlier route: a question for the knowledge service, rendered as quotes with
 * citations or an abstention (or, when a model is configured, as a generated answer citing the passages: see
 * answerMessage). Input that is not a question (empty, only emoji, only a file, only a card inserted from the compose
 * box (see withoutInsertedCards), unknown `/command`, a
 * greeting, a thanks or an acknowledgement alone, a request for more that names no subject) gets a short explanation in the language the person last wrote in
 * here, else the client's (small talk and an unknown command, in the language of their words when they say one);
 * nothing is dropped silently. A question that names nothing once its stop words are removed (« C’est quoi? »,
 * "What is it?") is not searched: the knowledge service says `no_subject`, and the reply asks what it is about.
 * Register last.
 * A question is answered in the language it is written in; when the text does not tell (no function words, a tie),
 * in the language the person last wrote in within this conversation, else the client's (see fallbackLanguage).
 * Every answer, whatever its outcome, offers Teams' 👍/👎 (see {@link withFeedbackLoop}); what it carried (outcome,
 * passages, versions, and the question if the policy keeps it) is remembered under the id the connector gave it, so
 * that the feedback route can store a rating with it.
 */
export function register(app: Application, deps: RouteDeps): void {
  app.activity('message', async (context) => {
    markRoute(context, 'ask');
    const language = fallbackLanguage(context);
    const input = classifyMessage(context.activity.text, context.activity.attachments);
    switch (input.kind) {
      case 'empty':
        await context.sendActivity(emptyQuestionMessage(language));
        return;
      case 'no_words':
        await context.sendActivity(noWordsMessage(language));
        return;
      case 'small_talk':
        await context.sendActivity(smallTalkMessage(input.language ?? language, input.act));
        return;
      case 'attachment_only':
        await context.sendActivity(attachmentOnlyMessage(language));
        return;
      case 'card_only':
        await context.sendActivity(insertedCardMessage(language));
        return;
      case 'unknown_command':
        // The command's own words say the language (`/déclarer nouveau` under an en-US client is French).
        await context.sendActivity(unknownCommandMessage(messageLanguage(context.activity.text ?? '', language), audienceOf(context, deps), deps.knowledge.sources(), deps.generator !== undefined));
        return;
      case 'question': {
        const result = await deps.knowledge.ask(input.text, { language: messageLanguage(input.text, language) });
        // Nothing indexed: the reader is told whether and how to add documents, which the answer renderer cannot know.
        const declareTip = declarationTip(input.text);
        const { activity, generated } =
          result.kind === 'empty_index'
            ? { activity: emptyIndexMessage(result.language, audienceOf(context, deps).operator, declareTip), generated: undefined }
            : await answerMessage(context, deps, input.text, result, { truncatedQuestion: input.truncated, declareTip });
        const sent = await context.sendActivity(withFeedbackLoop(activity));
        await rememberAnswer(context, deps, sent?.id, result, generated, input.text);
        return;
      }
    }
  });
}

/**
 * The message answering a question. With a generator (a model is configured) and passages to answer from (answered
 * or uncertain: never for not_covered, whose refusal stays, nor for counted, whose count and headings are the
 * documents' numbering quoted word for word, which a model could only reword), a generated answer citing them; when the generator
 * falls back (the model failed, was late or cited nothing) or its answer would not fit in a message, the extractive
 * answer, with a warning that names the reason, never the text. Otherwise the extractive answer (or the refusal).
 * @returns the message, and the generated answer it shows when it shows one
 */
async function answerMessage(
  context: TurnContext,
  deps: RouteDeps,
  question: string,
  result: Exclude<AskResult, { kind: 'empty_index' }>,
  options: RenderOptions,
): Promise<{ activity: Partial<Activity>; generated?: GeneratedAnswer }> {
  if (!deps.generator || (result.kind !== 'answered' && result.kind !== 'uncertain')) return { activity: renderAnswer(result, options) };
  const log = turnLogger(context, deps.logger);
  const started = Date.now();
  const outcome = await deps.generator.generate(question, result);
  const ms = Date.now() - started;
  if (outcome.kind === 'generated') {
    const activity = renderGeneratedAnswer(result, outcome.answer, options);
    if (activity !== null) {
      log.info({ sentences: outcome.answer.sentences.length, droppedSentences: outcome.answer.droppedSentences, ms }, 'generative answer');
      return { activity, generated: outcome.answer };
    }
  }
  const reason = outcome.kind === 'fallback' ? outcome.reason : 'too_large';
  const status = outcome.kind === 'fallback' ? outcome.status : undefined;
  log.warn({ reason, ...(status !== undefined ? { status } : {}), ms }, 'generative answer fell back to the extractive answer');
  return { activity: renderAnswer(result, options) };
}

/**
 * The answer with Teams' feedback buttons on. Both spellings are set: `feedbackLoop.type` is what teams-ai 1.7.4's
 * own `SayCommand` sends for the default UI, `feedbackLoopEnabled` the older flag that other Teams clients read.
 * Teams then sends a `message/submitAction` invoke (see ./feedback.ts) when a button is used.
 */
function withFeedbackLoop(activity: Partial<Activity>): Partial<Activity> {
  return { ...activity, channelData: { ...(activity.channelData as object | undefined), feedbackLoopEnabled: true, feedbackLoop: { type: 'default' } } };
}

/** Stores what the sent answer carried; a failure is logged, never shown: the answer itself was delivered. */
async function rememberAnswer(
  context: TurnContext,
  deps: RouteDeps,
  messageId: string | undefined,
  result: AskResult,
  generated: GeneratedAnswer | undefined,
  question: string,
): Promise<void> {
  const conversationId = context.activity.conversation?.id;
  if (!deps.feedback || !messageId || !conversationId) return;
  try {
    await deps.feedback.rememberAnswer({ conversationId, messageId }, traceOf(result, generated), question);
  } catch (err) {
    turnLogger(context, deps.logger).error({ err }, 'answer trace could not be stored for feedback');
  }
}
