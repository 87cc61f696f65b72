import type { TurnContext } from 'botbuilder';
import type { Audience } from './render/messages.js';
import { actorOf } from './activities.js';
import type { RouteDeps } from './routes/deps.js';

/**
 * Who is reading this turn's reply (see {@link Audience}): whether the inventory commands exist, whether the sender
 * is a governance admin (GOVERNANCE_ADMIN_IDS), whether to show how documents are added, and whether the
 * conversation is a personal chat.
 */
export function audienceOf(context: TurnContext, deps: RouteDeps): Audience {
  const actor = actorOf(context.activity);
  const inventory = deps.inventory;
  const admin = Boolean(inventory && actor && inventory.service.isGovernanceAdmin(actor));
  const noAdminConfigured = (inventory?.governanceAdminIds.length ?? 0) === 0;
  return {
    declarations: inventory !== undefined,
    admin,
    operator: admin || noAdminConfigured,
    personal: isPersonal(context),
  };
}

/** True in a personal chat with the bot (an activity without a conversation type is one), false in a group chat or channel. */
export function isPersonal(context: TurnContext): boolean {
  return (context.activity.conversation?.conversationType ?? 'personal') === 'personal';
}
