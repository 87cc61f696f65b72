import type { TurnContext } from 'botbuilder';
import { TeamsInfo } from './bot-framework.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import { DeclarationShape } from '../inventory/index.js';
import { turnLogger } from './turn.js';

/** How long a new declaration waits for the Teams roster before its card opens without the e-mail, in ms. */
export const ROSTER_TIMEOUT_MS = 1_500;

/** The fields read from a roster member (TeamsChannelAccount); anything else in the answer is ignored. */
const RosterMember = z.object({ email: z.unknown().optional(), userPrincipalName: z.unknown().optional() });

/**
 * The sender's e-mail address from the Teams roster (`TeamsInfo.getMember`: `GET {serviceUrl}v3/conversations/{id}/
 * members/{from.id}`), to prefill a new declaration's contact: `email`, else `userPrincipalName`, whichever first
 * passes the declaration's own contactEmail rule. Undefined outside Teams (`channelId` other than `msteams`), when the
 * roster refuses or fails, answers without a usable address, or takes longer than `timeoutMs`: the person then types
 * it, as before. Never throws; a failure is logged (status and error name only: the roster answer holds personal
 * information).
 */
export async function rosterEmail(context: TurnContext, fallback: Logger, timeoutMs = ROSTER_TIMEOUT_MS): Promise<string | undefined> {
  const { activity } = context;
  if (activity.channelId !== 'msteams' || !activity.serviceUrl || typeof activity.from?.id !== 'string' || !activity.from.id) return undefined;
  const log = turnLogger(context, fallback);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<{ kind: 'timeout' }>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
  });
  const lookup = TeamsInfo.getMember(context, activity.from.id).then(
    (member: unknown) => ({ kind: 'member' as const, member }),
    (err: unknown) => ({ kind: 'failed' as const, err }),
  );
  try {
    const outcome = await Promise.race([lookup, timedOut]);
    if (outcome.kind === 'timeout') {
      log.warn({ timeoutMs }, 'roster look-up timed out: contact e-mail not prefilled');
      return undefined;
    }
    if (outcome.kind === 'failed') {
      const { statusCode, name } = (outcome.err ?? {}) as { statusCode?: unknown; name?: unknown };
      log.warn({ statusCode, error: typeof name === 'string' ? name : typeof outcome.err }, 'roster look-up failed: contact e-mail not prefilled');
      return undefined;
    }
    const member = RosterMember.safeParse(outcome.member);
    if (!member.success) return undefined;
    for (const candidate of [member.data.email, member.data.userPrincipalName]) {
      const address = DeclarationShape.contactEmail.safeParse(candidate);
      if (address.success) return address.data;
    }
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
