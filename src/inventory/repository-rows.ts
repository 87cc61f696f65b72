import { z } from 'zod';
import { changedFields } from './merge.js';
import type { AttemptRecord, GivenUpNotification, NotificationAttempt, NotificationItem } from './outbox.js';
import { DECLARATION_FIELDS, DeclarationDraft, withKnownCodes, type DeclarationField } from './schema.js';
import { STATES, type AccessEvent, type Assessment, type DeclarationEvent, type DeclarationRecord, type DeletedDraft, type PostedReviewCard } from './types.js';

/**
 * What both inventory repositories share: the zod schemas that check rows read back (SQLite gives JSON as text and
 * dates as ISO text, PostgreSQL gives parsed jsonb and Date objects: both are accepted), and the few rules on values
 * (public ids, dates) that must not differ between engines.
 */

const State = z.enum(STATES);

/** ISO text (SQLite) or Date (PostgreSQL timestamptz) → canonical ISO string in UTC with milliseconds. */
const Timestamp = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a date: ${String(value)}` });
    return z.NEVER;
  }
  return date.toISOString();
});

/** A JSON column: text to parse (SQLite), or the value pg already parsed (jsonb). Unparsable text fails the schema. */
function json<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return { unparsable: value };
    }
  }, schema);
}

const Quote = z.object({
  text: z.string(),
  docId: z.string(),
  title: z.string(),
  versionLabel: z.string(),
  sectionPath: z.array(z.string()),
  pages: z.object({ from: z.number().int(), to: z.number().int() }).nullable(),
  url: z.string().nullable(),
});

/** The stored preliminary assessment (types.ts `Assessment`). */
export const AssessmentSchema: z.ZodType<Assessment, z.ZodTypeDef, unknown> = z.object({
  rulesVersion: z.string(),
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  score: z.number(),
  obligations: z.array(
    z.object({
      ruleId: z.string(),
      label: z.object({ fr: z.string(), en: z.string() }),
      quote: Quote.nullable(),
      // After `quote`, as assess() builds it: the workflow compares stored and computed assessments as JSON.
      declaredDone: z.boolean().optional(),
    }),
  ),
  assessedAt: z.string(),
});

/**
 * A declaration row with its collaborators (aggregated as a JSON array of ids) → DeclarationRecord.
 * `data` is parsed with DeclarationDraft, which drops keys a later schema version may have added.
 */
export const DeclarationRow = z
  .object({
    id: z.string(),
    public_id: z.string().nullable(),
    schema_version: z.number().int(),
    data: json(DeclarationDraft),
    submitted_data: json(DeclarationDraft.nullable()),
    state: State,
    declarant_id: z.string(),
    declarant_name: z.string(),
    collaborators: json(z.array(z.string())),
    revision: z.number().int(),
    assessment: json(AssessmentSchema.nullable()),
    created_at: Timestamp,
    updated_at: Timestamp,
    submitted_at: Timestamp.nullable(),
    set_aside_at: Timestamp.nullable(),
    language: z.enum(['fr', 'en']).nullable(),
    changed_fields: json(z.array(z.string()).nullable()),
  })
  .transform(
    (r): DeclarationRecord => ({
      id: r.id,
      publicId: r.public_id,
      schemaVersion: r.schema_version,
      data: r.data,
      submittedData: r.submitted_data,
      state: r.state,
      declarant: { id: r.declarant_id, name: r.declarant_name },
      collaborators: r.collaborators,
      revision: r.revision,
      assessment: r.assessment,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      submittedAt: r.submitted_at,
      setAsideAt: r.set_aside_at,
      language: r.language,
      // Names a later schema may have dropped are left out.
      changedSinceReview: r.changed_fields === null ? null : r.changed_fields.filter((f): f is DeclarationField => f in DECLARATION_FIELDS),
    }),
  );

/**
 * The `changed_fields` value (JSON text) to store when `current`, as read in the submission's transaction, is
 * submitted: for a resubmission after changes_requested, the fields changed since the version reviewed (see
 * changedFields); otherwise null.
 */
export function changedFieldsColumn(current: DeclarationRecord): string | null {
  if (current.state !== 'changes_requested' || current.submittedData === null) return null;
  return JSON.stringify(changedFields(current.submittedData, current.data));
}

/** An event row → DeclarationEvent. */
export const EventRow = z
  .object({
    declaration_id: z.string(),
    at: Timestamp,
    actor_id: z.string(),
    actor_name: z.string(),
    from_state: State.nullable(),
    to_state: State,
    comment: z.string().nullable(),
  })
  .transform(
    (r): DeclarationEvent => ({
      declarationId: r.declaration_id,
      at: r.at,
      actor: { id: r.actor_id, name: r.actor_name },
      from: r.from_state,
      to: r.to_state,
      comment: r.comment,
    }),
  );

/** An access event row → AccessEvent. */
export const AccessEventRow = z
  .object({
    declaration_id: z.string(),
    at: Timestamp,
    actor_id: z.string(),
    actor_name: z.string(),
    change: z.enum(['added', 'removed']),
    user_id: z.string(),
  })
  .transform(
    (r): AccessEvent => ({ declarationId: r.declaration_id, at: r.at, actor: { id: r.actor_id, name: r.actor_name }, change: r.change, userId: r.user_id }),
  );

/**
 * `now` as given by the caller (ISO 8601) → canonical UTC ISO string, so both engines store and return the same text.
 * @throws Error when `now` is not a date (a caller bug)
 */
export function canonicalTime(now: string): string {
  const date = new Date(now);
  if (Number.isNaN(date.getTime())) throw new Error(`not an ISO date: ${now}`);
  return date.toISOString();
}

/** The calendar of the public id's year, the receipt's dates and the people who submit: Quebec's. */
const ID_YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric' });

/**
 * The year of the public id: the calendar year at `now` in America/Toronto, the zone the receipt shows
 * (`2027-01-01T04:30:00Z`, 23:30 on 31 December in Quebec → 2026), never the UTC year.
 * @throws Error when `now` is not a date
 */
export function yearOf(now: string): number {
  const date = new Date(now);
  if (Number.isNaN(date.getTime())) throw new Error(`not an ISO date: ${now}`);
  return Number(ID_YEAR.format(date));
}

/** `IA-2026-0007`: the year and the number within it, zero-padded to four digits (a 10 000th keeps all its digits). */
export function formatPublicId(year: number, number: number): string {
  return `IA-${year}-${String(number).padStart(4, '0')}`;
}

/**
 * The data as stored: checked and stripped with DeclarationDraft (a caller passing extra keys stores none, control
 * characters are removed), and a choice that is not one of its field's codes is dropped (a forged payload never
 * reaches storage or the exports; the workflow reports it next to the field).
 */
export function storedData(data: DeclarationDraft): DeclarationDraft {
  return withKnownCodes(DeclarationDraft.parse(data));
}

/**
 * SQL condition on an outbox row aliased `o`: no earlier notification of the same declaration, kind and recipient is
 * still undelivered. Notifications of one declaration reach their recipient in the order they were queued: a decision
 * notice that failed and waits for its retry holds back the next one, so a declarant never reads « approuvée » before
 * the « modifications demandées » that came first (a collaborator's copies likewise). Review cards (governance
 * channel), decision notices (the declarant) and each collaborator's notices go to different people and do not wait
 * for each other. Same text on SQLite and PostgreSQL (COALESCE: both engines, NULL recipients equal).
 */
export const NO_EARLIER_UNDELIVERED = `NOT EXISTS (
  SELECT 1 FROM inventory_outbox e
  WHERE e.declaration_id = o.declaration_id AND e.kind = o.kind AND COALESCE(e.recipient_id, '') = COALESCE(o.recipient_id, '')
    AND e.id < o.id AND e.delivered_at IS NULL)`;

/** The kinds of NotificationKind, as stored. */
const Kind = z.enum(['review_card', 'decision_notice', 'decision_copy', 'shared_notice', 'withdrawn_notice', 'left_notice', 'card_update', 'taken_back_notice']);

/** A notification row → NotificationItem (ids as decimal strings on both engines). */
export const NotificationRow = z
  .object({
    id: z.union([z.number().int(), z.string()]),
    declaration_id: z.string(),
    kind: Kind,
    recipient_id: z.string().nullable(),
    event_seq: z.number().int().nullable(),
    attempts: z.number().int(),
    created_at: Timestamp,
  })
  .transform(
    (r): NotificationItem => ({
      id: String(r.id),
      declarationId: r.declaration_id,
      kind: r.kind,
      recipientId: r.recipient_id,
      eventSeq: r.event_seq,
      attempts: r.attempts,
      createdAt: r.created_at,
    }),
  );

/** A tombstone row (inventory_deleted_drafts) → DeletedDraft. */
export const DeletedDraftRow = z
  .object({ id: z.string(), declarant_id: z.string(), deleted_at: Timestamp })
  .transform((r): DeletedDraft => ({ id: r.id, declarantId: r.declarant_id, deletedAt: r.deleted_at }));

/** A row naming a notification lease's owner (see InventoryRepository.notificationLeaseOwners). */
export const LeaseOwnerRow = z.object({ lease_owner: z.string() });

/**
 * SQL of the notifications given up, of every kind, that no later notification of the same declaration, kind and
 * recipient, delivered, has made up for (a channel registered again queues and posts a new review card), oldest
 * first, each with `in_review` 1 when it announced a reviewer taking the declaration rather than a decision;
 * `declaration_id` is cast by `idText` (PostgreSQL's uuid to text). Read by GivenUpRow.
 */
export function givenUpQuery(idText: (column: string) => string): string {
  // `IS NOT DISTINCT FROM`: the recipient is NULL for the declarant's and the channel's notices (SQLite ≥ 3.39 and
  // PostgreSQL alike). The event tells a notice of the « en examen » step from one of a decision.
  return `SELECT ${idText('o.declaration_id')} AS declaration_id, o.kind, o.recipient_id, a.at, a.detail,
      CASE WHEN e.to_state = 'in_review' THEN 1 ELSE 0 END AS in_review
    FROM inventory_outbox o JOIN inventory_outbox_attempts a ON a.outbox_id = o.id AND a.outcome = 'given_up'
    LEFT JOIN inventory_declaration_events e
      ON o.kind IN ('decision_notice', 'decision_copy') AND e.declaration_id = o.declaration_id AND e.seq = o.event_seq
    WHERE NOT EXISTS (
      SELECT 1 FROM inventory_outbox l JOIN inventory_outbox_attempts d ON d.outbox_id = l.id AND d.outcome = 'delivered'
      WHERE l.declaration_id = o.declaration_id AND l.kind = o.kind AND l.recipient_id IS NOT DISTINCT FROM o.recipient_id AND l.id > o.id)
    ORDER BY o.id`;
}

/** A row of givenUpQuery → GivenUpNotification. */
export const GivenUpRow = z
  .object({ declaration_id: z.string(), kind: Kind, recipient_id: z.string().nullable(), at: Timestamp, detail: z.string().nullable(), in_review: z.coerce.number() })
  .transform(
    (r): GivenUpNotification => ({
      declarationId: r.declaration_id,
      kind: r.kind,
      ...(r.in_review === 1 ? { step: 'in_review' as const } : {}),
      recipientId: r.recipient_id,
      at: r.at,
      detail: r.detail,
    }),
  );

/** Columns of an attempt row, as AttemptRow reads them. */
export const ATTEMPT_COLUMNS = 'attempt, at, outcome, detail, repeats, last_at';

/** An attempt row → NotificationAttempt. */
export const AttemptRow = z
  .object({
    attempt: z.number().int(),
    at: Timestamp,
    outcome: z.enum(['delivered', 'failed', 'waiting', 'obsolete', 'given_up']),
    detail: z.string().nullable(),
    repeats: z.number().int(),
    last_at: Timestamp,
  })
  .transform((r): NotificationAttempt => ({ attempt: r.attempt, at: r.at, outcome: r.outcome, detail: r.detail, repeats: r.repeats, lastAt: r.last_at }));

/**
 * How an attempt is stored, given the notification's latest attempt row (null: none yet), on both engines:
 * - `outcome`: `given_up` when a `failed` attempt asks to give up (AttemptRecord.giveUpIfFailingSince) and the
 *   latest run is `failed` with the same detail since that time or earlier; otherwise the attempt's own;
 * - `repeat`: true when the attempt continues the latest run (both `failed`, or both `waiting`, same detail): that row
 *   counts it (`repeats` + 1, `last_at`) rather than a new row being added;
 * - `closes`: `delivered`, `obsolete` and `given_up` close the notification (never claimed again; later
 *   notifications of its declaration and kind may go).
 */
export function storedAttempt(
  latest: NotificationAttempt | null,
  attempt: AttemptRecord,
): { outcome: NotificationAttempt['outcome']; repeat: boolean; closes: boolean } {
  const continues = latest !== null && latest.outcome === attempt.outcome && latest.detail === attempt.detail;
  const since = attempt.outcome === 'failed' ? (attempt.giveUpIfFailingSince ?? null) : null;
  if (continues && since !== null && Date.parse(latest.at) <= Date.parse(since)) return { outcome: 'given_up', repeat: false, closes: true };
  const retried = attempt.outcome === 'failed' || attempt.outcome === 'waiting';
  return { outcome: attempt.outcome, repeat: continues && retried, closes: !retried };
}

export { Timestamp };

/**
 * An `inventory_review_cards` row → PostedReviewCard: `reference` is JSON text on SQLite and already parsed (jsonb) on
 * PostgreSQL.
 */
export function postedReviewCardRow(row: unknown): PostedReviewCard {
  const parsed = z.object({ reference: z.unknown(), activity_id: z.string() }).parse(row);
  const reference: unknown = typeof parsed.reference === 'string' ? JSON.parse(parsed.reference) : parsed.reference;
  return { reference, activityId: parsed.activity_id };
}
