import type { Application } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { markRoute, turnLogger } from '../turn.js';
import type { RouteDeps } from './deps.js';

/** The part of Teams' feedback invoke `value` that is kept: the reaction. The typed comment is never read. */
const FeedbackValue = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({ reaction: z.enum(['like', 'dislike']) }).passthrough(),
});

/** True for Teams' feedback invoke: `message/submitAction` with `value.actionName` "feedback". Never throws. */
function isFeedback(context: TurnContext): Promise<boolean> {
  const { type, name, value } = context.activity;
  const actionName: unknown = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).actionName : undefined;
  return Promise.resolve(type === ActivityTypes.Invoke && name === 'message/submitAction' && actionName === 'feedback');
}

/**
 * Teams' thumbs up / down on a bot message (`message/submitAction` invoke, `value.actionName: "feedback"`): logs the
 * reaction (`like` / `dislike`, or `unknown` for a malformed value) with the rated message's id, never the typed
 * comment, and answers 200 with an empty body, as Teams requires.
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
      if (parsed.success) {
        log.info({ reaction: parsed.data.actionValue.reaction, ratedActivityId: context.activity.replyToId }, 'feedback');
      } else {
        log.warn({ reaction: 'unknown', ratedActivityId: context.activity.replyToId }, 'feedback without a valid reaction');
      }
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
    },
    true,
  );
}
