import type { Activity } from 'botbuilder';

/** Teams refuses bot messages above about 100 KB; we keep the serialised activity under this many UTF-8 bytes. */
export const MAX_MESSAGE_BYTES = 80_000;

/**
 * UTF-8 bytes kept free for what the adapter adds to a rendered activity on the wire: `from`, `recipient`,
 * `conversation`, `serviceUrl`, `replyToId`, `channelId`, `locale` (about 700 bytes in Teams; channel conversation
 * ids can be long). A rendered activity is at most `MAX_MESSAGE_BYTES - ENVELOPE_RESERVE_BYTES`, so the message as
 * sent stays under MAX_MESSAGE_BYTES.
 */
export const ENVELOPE_RESERVE_BYTES = 2_000;

/** Documents listed by `sources` and by an abstention; the rest are counted ("and N more documents"). */
export const MAX_LISTED_DOCUMENTS = 20;

/** Longest document title, version or section name shown in a list, in characters (clipped with `…` beyond). */
export const MAX_LISTED_NAME_CHARS = 200;

/** Size of the activity serialised as JSON, in UTF-8 bytes. */
function byteSize(activity: Partial<Activity>): number {
  return Buffer.byteLength(JSON.stringify(activity), 'utf8');
}

/** True when the rendered activity, once the adapter adds its envelope, stays under {@link MAX_MESSAGE_BYTES}. */
export function fitsInMessage(activity: Partial<Activity>): boolean {
  return byteSize(activity) <= MAX_MESSAGE_BYTES - ENVELOPE_RESERVE_BYTES;
}

/**
 * Renders a list of `total` items showing as many as fit: tries `build(n)` for n = min(total, `cap`) down to 0 and
 * returns the first activity that {@link fitsInMessage}. `build(n)` must show the first n items and count the rest.
 * @returns `build(0)` when nothing fits, so `build(0)` must be small (fixed text only)
 */
export function renderListThatFits(total: number, cap: number, build: (shown: number) => Partial<Activity>): Partial<Activity> {
  for (let shown = Math.min(total, cap); shown > 0; shown--) {
    const activity = build(shown);
    if (fitsInMessage(activity)) return activity;
  }
  return build(0);
}
