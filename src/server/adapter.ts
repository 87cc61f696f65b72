import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';

/**
 * teams-ai's TeamsAdapter (a botbuilder CloudAdapter) with `processActivity` made public, so the HTTP layer can
 * validate, run and answer a request itself. `CloudAdapter.process` would also do the HTTP part, but it writes
 * every failure (each unauthenticated request included) to the console with its stack, outside the logger.
 */
export class BalisesAdapter extends TeamsAdapter {
  /**
   * Authenticates `activity` with the request's Authorization header (an empty string when absent), then runs
   * `logic` through the adapter's middleware and `onTurnError`.
   * @returns the invoke response to send (for invoke activities), else undefined (answer 200)
   * @throws AuthenticationError when authentication fails; any error that `onTurnError` itself throws
   */
  async processInbound(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}
