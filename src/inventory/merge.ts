import { createHash } from 'node:crypto';
import { DECLARATION_FIELDS, fieldsOf, type DeclarationDraft, type DeclarationField, type Step } from './schema.js';

/**
 * What a step card showed, field by field: a short digest of each field's stored value when the card was built
 * (see fingerprintsOf). A stale card sends it back, so the fields the person changed on the card can be told apart
 * from those changed elsewhere meanwhile (another window, a collaborator): a three-way merge.
 */
export type StepFingerprints = Partial<Record<DeclarationField, string>>;

/** Hex digits kept of each digest: enough to tell two values of one field apart, small in a card's data. */
const FINGERPRINT_HEX_CHARS = 16;

/**
 * A field's value as the step card shows it and sends it back: text trimmed, a toggle as true/false (absent is off),
 * a multiple choice as its sorted codes (absent is none), a single choice or text absent as ''.
 */
function asShown(field: DeclarationField, value: DeclarationDraft[DeclarationField]): unknown {
  switch (DECLARATION_FIELDS[field].kind) {
    case 'toggle':
      return value === true || value === 'true';
    case 'multichoice':
      return Array.isArray(value) ? [...value].sort() : [];
    default:
      if (typeof value === 'string') return value.trim();
      if (typeof value === 'boolean') return String(value);
      return Array.isArray(value) ? value.join(', ') : '';
  }
}

/**
 * The fields whose value differs between two versions of a declaration, compared as the step card shows them (text
 * trimmed, choices unordered, absent as empty), in form order. Used to tell governance what a resubmission changed
 * since the version it asked changes on: names only, never values.
 */
export function changedFields(before: DeclarationDraft, after: DeclarationDraft): DeclarationField[] {
  return (Object.keys(DECLARATION_FIELDS) as DeclarationField[]).filter(
    (field) => JSON.stringify(asShown(field, before[field])) !== JSON.stringify(asShown(field, after[field])),
  );
}

function fingerprint(field: DeclarationField, value: DeclarationDraft[DeclarationField]): string {
  return createHash('sha256').update(JSON.stringify(asShown(field, value))).digest('hex').slice(0, FINGERPRINT_HEX_CHARS);
}

/** The digests of a step's fields in `values` (the stored draft a card is built from), one per field of the step. */
export function fingerprintsOf(step: Step, values: DeclarationDraft): StepFingerprints {
  return Object.fromEntries(fieldsOf(step).map((field) => [field, fingerprint(field, values[field])]));
}

/** How the values of a stale card meet the current draft (see mergeStaleStep). */
export interface StaleStepMerge {
  /** The current draft with the person's changes that met no change made elsewhere. */
  merged: DeclarationDraft;
  /** Fields whose value is taken from the card: changed on the card, unchanged elsewhere. */
  taken: DeclarationField[];
  /**
   * Fields the person changed on the card that also changed elsewhere to something else: the merge keeps the
   * current value; the card's value is for the person to confirm. Without the card's digest of a field (a card
   * from before digests), any value different from the current one is a conflict: nothing tells who changed it.
   */
  conflicts: DeclarationField[];
  /**
   * Every value the card sent is already the draft's (as shown, see asShown): the same press again (a double click,
   * a redelivered invoke) or a card whose values all met the draft's. Nothing to save, nothing to tell the person.
   */
  repeated: boolean;
}

/**
 * Three-way merge of one step, field by field: `shown` (what the card showed), `typed` (what it sent back, only
 * the fields it carries) and `current` (the draft now). Same value typed and current: nothing to do. Unchanged
 * elsewhere: the typed value is taken. Unchanged on the card: the current value stays. Both changed: a conflict.
 * Every typed value the current one: `repeated`.
 * Pure; the values are compared as the card shows them (see asShown).
 */
export function mergeStaleStep(step: Step, shown: StepFingerprints | undefined, typed: DeclarationDraft, current: DeclarationDraft): StaleStepMerge {
  const merged: DeclarationDraft = { ...current };
  const taken: DeclarationField[] = [];
  const conflicts: DeclarationField[] = [];
  let repeated = true;
  for (const field of fieldsOf(step)) {
    const value = typed[field];
    if (value === undefined) continue;
    const mine = fingerprint(field, value);
    const theirs = fingerprint(field, current[field]);
    const base = shown?.[field];
    if (mine !== theirs) repeated = false;
    if (mine === theirs || mine === base) continue;
    if (theirs === base) {
      merged[field] = value;
      taken.push(field);
    } else {
      conflicts.push(field);
    }
  }
  return { merged, taken, conflicts, repeated };
}
