import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';

const TURN_LOG = Symbol('balises.turnLog');
const ROUTE = Symbol('balises.route');

/** Names of the bot's routes, as they appear in the turn log. */
export type RouteName =
  | 'welcome'
  | 'help'
  | 'sources'
  | 'ask'
  | 'search'
  | 'feedback'
  | 'declare'
  | 'share'
  | 'review'
  | 'inventory'
  | 'export'
  | 'documents'
  | 'not_addressed'
  | 'rate_limited'
  | 'duplicate';

/** Records which route handled the turn, for the per-turn log line. */
export function markRoute(context: TurnContext, route: RouteName): void {
  context.turnState.set(ROUTE, route);
}

/** The route recorded by {@link markRoute}, if any. */
export function routeOf(context: TurnContext): RouteName | undefined {
  return context.turnState.get(ROUTE) as RouteName | undefined;
}

/** Attaches the per-turn child logger to the turn. */
export function setTurnLogger(context: TurnContext, logger: Logger): void {
  context.turnState.set(TURN_LOG, logger);
}

/** The per-turn child logger, or `fallback` when the turn did not go through the bot's `run`. */
export function turnLogger(context: TurnContext, fallback: Logger): Logger {
  return (context.turnState.get(TURN_LOG) as Logger | undefined) ?? fallback;
}
