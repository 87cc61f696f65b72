import type { Logger } from 'pino';
import type { KnowledgeService } from '../../answers/service.js';
import type { RecentKeys } from '../recent-keys.js';

/** What route handlers receive: the use cases they call and the bot's shared per-process state. */
export interface RouteDeps {
  knowledge: KnowledgeService;
  /** Conversations welcomed recently, so an install sends one welcome, not two. */
  welcomed: RecentKeys;
  /** Root logger, used when a turn has no per-turn logger (see `turnLogger`). */
  logger: Logger;
}
