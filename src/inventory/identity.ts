import { z } from 'zod';
import { stripControlCharacters } from './text.js';
import type { Actor } from './types.js';

/**
 * The one form in which user ids are compared and stored. Microsoft Entra object ids are GUIDs, whose hex digits are
 * case insensitive on input (RFC 9562 §4), and Teams ids (`29:…`) and Entra ids can reach the bot in either case: lower
 * case, as config.governanceAdminIds are kept. Never throws.
 */
export function userIdKey(id: string): string {
  return id.toLowerCase();
}

/** True when the two ids name the same user, whatever the case of each (see {@link userIdKey}). */
export function sameUser(a: string, b: string): boolean {
  return userIdKey(a) === userIdKey(b);
}

/** A user id as an activity carries it: trimmed, 1–200 characters, then in its {@link userIdKey} form. */
export const UserId = z.string().trim().min(1).max(200).transform(userIdKey);

/**
 * The acting person from what an activity carries (`{ id, name }`, unknown values allowed): the id as {@link UserId}
 * (so the same person is one id in storage and queries, whatever case a channel sends), the display name as given but
 * without control and bidirectional-formatting characters (see stripControlCharacters), empty when it is not a
 * string. Parse failure means no usable id (not a Teams user).
 */
export const ActorInput = z.object({
  id: UserId,
  // A directory display name may hold what typed text never keeps (a right-to-left override makes it read as another
  // name); it is stored with declarations and decisions, and shown to governance and declarants on cards.
  name: z
    .string()
    .catch('')
    .transform((name) => stripControlCharacters(name)),
}) satisfies z.ZodType<Actor, z.ZodTypeDef, unknown>;
