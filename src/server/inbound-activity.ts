import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** Problems listed in a 400 answer at most; the rest are counted. */
const MAX_LISTED_PROBLEMS = 5;

/** One element of `entities` or `attachments`: an object (its own fields are checked by whoever reads them). */
const Item = z.record(z.unknown());

/** A channel account or conversation: an object with a non-empty `id` (other fields pass through). */
const Addressed = z.object({ id: z.string({ required_error: 'is required', invalid_type_error: 'must be a string' }).min(1, 'must be a non-empty string') }, { required_error: 'is required', invalid_type_error: 'must be an object with an id' }).passthrough();

/**
 * The channel's reply endpoint: an absolute http(s) URL. Without it botbuilder would send the reply to the public
 * Bot Framework (and time out there) instead of failing at once.
 */
const ServiceUrl = z
  .string({ required_error: 'is required', invalid_type_error: 'must be a string' })
  .url('must be an absolute http(s) URL')
  .refine((url) => /^https?:\/\//i.test(url), 'must be an absolute http(s) URL');

/**
 * The fields of an incoming Bot Framework activity that Balises reads, checked before anything else sees the
 * activity: a wrong type there (text a number, entities an object) would otherwise fail inside the turn, after the
 * channel was already told 200. Every activity Balises handles may be answered, so the envelope a reply needs is
 * required: `serviceUrl`, `conversation.id`, `from.id` (who is answered, rate-limited, recorded) and `recipient.id`
 * (the bot, sender of the reply). `null` counts as absent for the optional fields (some clients serialise absent
 * fields as null). Other fields pass through unchanged.
 */
export const InboundActivity = z
  .object({
    type: z.string({ required_error: 'is required' }).min(1, 'must be a non-empty string'),
    serviceUrl: ServiceUrl,
    conversation: Addressed,
    from: Addressed,
    recipient: Addressed,
    text: z.string().nullish(),
    locale: z.string().nullish(),
    entities: z.array(Item).nullish(),
    attachments: z.array(Item).nullish(),
    value: z.unknown(),
  })
  .passthrough();

/** Outcome of {@link parseInboundActivity}: the activity to process, or what is wrong with the body. */
export type InboundActivityResult = { ok: true; activity: Activity } | { ok: false; problems: string[] };

/**
 * Validates a parsed request body as an activity and prepares it as botbuilder's CloudAdapter would (`timestamp`,
 * `localTimestamp` and `expiration` become Dates, their original strings kept in `raw…`).
 * @returns `problems`: at most MAX_LISTED_PROBLEMS lines `field: reason` (never the field's value), for a 400 answer
 */
export function parseInboundActivity(body: unknown): InboundActivityResult {
  const parsed = InboundActivity.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    if (problems.length > listed.length) listed.push(`and ${problems.length - listed.length} more`);
    return { ok: false, problems: listed };
  }
  const activity: Record<string, unknown> = { ...parsed.data };
  for (const key of ['text', 'locale', 'entities', 'attachments'] as const) {
    if (activity[key] === null) delete activity[key];
  }
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return { ok: true, activity: activity as unknown as Activity };
}
