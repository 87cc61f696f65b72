import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { ActivityTypes } from '../bot-framework.js';
import { z } from 'zod';
import { REACTIONS } from '../../feedback/index.js';
import { markRoute, turnLogger } from '../turn.js';
import { cleanTypedText } from '../typed-text.js';
import type { RouteDeps } from './deps.js';

/**
 * Teams' feedback invoke `value`: the reaction, and what the person typed in the feedback dialog, which Teams sends
 * as a JSON string `{"feedbackText": "…"}` in `actionValue.feedback` (the Agents Playground sends the typed text as is).
 */
const FeedbackValue = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({ reaction: z.enum(REACTIONS), feedback: z.unknown().optional() }).passthrough(),
});
const FeedbackForm = z.object({ feedbackText: z.string() }).passthrough();

/**
 * The text typed in the feedback dialog: `feedbackText` of Teams' JSON form, else the string itself (the Agents
 * Playground's form); null when nothing was typed or `feedback` is not a string. Never throws.
 */
function typedComment(feedback: unknown): string | null {
  if (typeof feedback !== 'string') return null;
  let text = feedback;
  try {
    const parsed = FeedbackForm.safeParse(JSON.parse(feedback));
    if (parsed.success) text = parsed.data.feedbackText;
  } catch {
    // Not JSON: the typed text as is.
  }
  return cleanTypedText(text).trim() || null;
}

/** True for Teams' feedback invoke: `message/submitAction` with `value.actionName` "feedback". Never throws. */
function isFeedback(context: TurnContext): Promise<boolean> {
  const { type, name, value } = context.activity;
  const actionName: unknown = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).actionName : undefined;
  return Promise.resolve(type === ActivityTypes.Invoke && name === 'message/submitAction' && actionName === 'feedback');
}

/**
 * Teams' thumbs up / down on a bot message (`message/submitAction` invoke, `value.actionName: "feedback"`): stores
 * the rating once per (rated message, person) with what the answer carried (see FeedbackService.rate), logs the
 * reaction (`like` / `dislike`, or `unknown` for a malformed value) with the rated message's id, never the typed
 * comment (stored masked, when the policy keeps questions), and always answers 200 with an empty body, as Teams requires — a storage failure is logged, not shown.
 * The rater is the Entra object id, else the channel user id. Without `replyToId` (the Agents Playground sends none)
 * the rating goes to the conversation's latest answer.
 *
 * Registered with `addRoute` rather than teams-ai 1.7.4's `app.feedbackLoop`: that selector reads
 * `activity.value.actionName` unguarded, so a `message/submitAction` invoke without `value` would throw while routing.
 */
export function register(app: Application, deps: RouteDeps): void {
  app.addRoute(
    isFeedback,
    async (context) => {
      markRoute(context, 'feedback');
      const parsed = FeedbackValue.safeParse(context.activity.value);
      const log = turnLogger(context, deps.logger);
      const ratedActivityId = context.activity.replyToId;
      if (parsed.success) {
        const reaction = parsed.data.actionValue.reaction;
        const conversationId = context.activity.conversation?.id;
        const raterId = context.activity.from?.aadObjectId || context.activity.from?.id;
        let stored: string = 'not_stored';
        if (deps.feedback && conversationId && raterId) {
          try {
            stored = await deps.feedback.rate({ conversationId, messageId: ratedActivityId || null }, raterId, reaction, typedComment(parsed.data.actionValue.feedback));
          } catch (err) {
            log.error({ err, ratedActivityId }, 'feedback could not be stored');
          }
        }
        log.info({ reaction, ratedActivityId, stored }, 'feedback');
      } else {
        log.warn({ reaction: 'unknown', ratedActivityId }, 'feedback without a valid reaction');
      }
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
    },
    true,
  );
}
