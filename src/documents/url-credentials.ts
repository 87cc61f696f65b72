/**
 * Addresses that carry credentials (`https://user:secret@host/…`, the URL "userinfo" of RFC 3986 §3.2.1).
 * Such an address is refused wherever Balises stores or downloads one: a stored address becomes the citation link
 * shown to every user, and fetch refuses to send it anyway (WHATWG Fetch: a request URL must not include
 * credentials). Messages and logs show the address through `withoutCredentials`.
 */

/** Error message of the schemas that refuse such an address (sources.json, `balises ingest --url`). */
export const CREDENTIALS_MESSAGE = 'an address holding a user name or password is not accepted';

/** True when `url` parses as a URL whose user name or password is not empty; false for anything else. */
export function hasCredentials(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.username !== '' || parsed.password !== '';
}

/**
 * `url` with its user name and password removed (`https://host/…`), for messages and logs; a text that does not
 * parse as a URL loses anything between `//` and an `@` before the first `/` instead.
 */
export function withoutCredentials(url: string): string {
  if (!URL.canParse(url)) return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}
