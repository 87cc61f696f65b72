/**
 * The one form in which user ids are compared. Microsoft Entra object ids are GUIDs, whose hex digits are case
 * insensitive on input (RFC 9562 §4), and Teams ids (`29:…`) and Entra ids can reach the bot in either case: lower
 * case, as config.governanceAdminIds are kept. Never throws.
 */
export function userIdKey(id: string): string {
  return id.toLowerCase();
}

/** True when the two ids name the same user, whatever the case of each (see {@link userIdKey}). */
export function sameUser(a: string, b: string): boolean {
  return userIdKey(a) === userIdKey(b);
}
