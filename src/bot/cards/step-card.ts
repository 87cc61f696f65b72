import type { Language } from '../../answers/types.js';
import {
  DECLARATION_FIELDS,
  SCHEMA_VERSION,
  STEPS,
  fieldsOf,
  fingerprintsOf,
  MAX_REVIEW_COMMENT_CHARS,
  type DeclarationDraft,
  type DeclarationEvent,
  type DeclarationField,
  type FieldErrors,
  type FieldUi,
  type Step,
  type StepFingerprints,
} from '../../inventory/index.js';
import { card, container, execute, heading, labelWithProblem, problemBlock, safeClip, safeLines, textBlock, type Card, type CardElement } from './card.js';
import { cleanTypedText } from '../typed-text.js';
import { cutChars, fieldErrorText, isRequiredField, maxLengthOf, minLengthOf } from './fields.js';
import { LABELS, formatDate } from './labels.js';
import { choiceLabel, MAX_SHOWN_VALUE_CHARS, shownPerson } from './summary.js';
import { DECLARATION_VERBS } from './verbs.js';

/**
 * What every declaration button carries: which declaration, from which revision and step, for which schema, the
 * card's language (`lang`), so the next card of the flow speaks the same language whatever the client's locale, and
 * the digests of the stored values the card was built from (`shown`), so that a stale card's values can be merged
 * into the current draft without losing what the person typed (see mergeStaleStep).
 */
export interface DeclarationActionData {
  declarationId: string;
  revision: number;
  /**
   * The declaration's IA number (DeclarationRecord.publicId), shown under the title as the receipt shows it: a
   * declaration taken back to draft, or sent back for changes, keeps it; null or absent for one never submitted.
   */
  publicId?: string | null;
  step: Step;
  schemaVersion: number;
  lang: Language;
  shown: StepFingerprints;
  [key: string]: unknown;
}

/** A governance request for changes as cards show it: who asked, when (ISO 8601) and their comment (latest event). */
export type ChangesRequest = Pick<DeclarationEvent, 'actor' | 'at' | 'comment'>;

/** What a step card shows. */
export interface StepCardInput {
  declarationId: string;
  /**
   * The declaration's IA number (DeclarationRecord.publicId), shown under the title as the receipt shows it: a
   * declaration taken back to draft, or sent back for changes, keeps it; null or absent for one never submitted.
   */
  publicId?: string | null;
  revision: number;
  step: Step;
  /** Values as typed (the draft), prefilled in the inputs. */
  values: DeclarationDraft;
  /** Problems of this step's fields, each in its field's label (see labelWithProblem). */
  errors?: FieldErrors;
  /** Sentences shown at the top (already safe), e.g. the stale-card notice. */
  notices?: string[];
  /** The stored draft at `revision`, when `values` shows something else (typed values in conflict); default `values`. */
  saved?: DeclarationDraft;
  /**
   * Fields changed elsewhere while the person typed something else in them: the input keeps the typed value and
   * « Modifié ailleurs : version enregistrée … » under it shows the stored one (in words, not by colour alone).
   */
  conflicts?: readonly DeclarationField[];
  /**
   * The governance decision that sent the declaration back for changes (its latest `changes_requested` event):
   * shown at the top of every step, who asked, when and their comment, until the declaration is resubmitted.
   */
  changesRequested?: ChangesRequest;
  /**
   * A draft (or a declaration sent back for changes) resumed by /déclarer: « Nouvelle déclaration »
   * (`declaration.start_new`, with the step's inputs, so what was typed on this card goes with the draft set aside,
   * or stays in the declaration sent back) after the step's buttons, and one line saying what it does.
   */
  offerNew?: boolean;
  /**
   * The last save of a draft that /déclarer resumed (ISO 8601), for « Brouillon repris : vos réponses enregistrées le …
   * sont conservées. » at the top, so that a resumed draft is not mistaken for a new form; absent on a new draft.
   */
  resumedAt?: string;
}

/** Longest reviewer name shown. */
const MAX_SHOWN_REVIEWER_CHARS = 120;

/** Longest prefilled value of a field without a schema limit (choices: codes are short). */
const MAX_PREFILL_CHARS = 200;

/**
 * The card of one step of the declaration form, built from DECLARATION_FIELDS, under its title the declaration's IA
 * number once it has one (« Numéro de la déclaration : IA-2026-0001 »): one input per field of the step, in
 * form order, each with a visible label (« (obligatoire) » when required, « (obligatoire, au moins 20 caractères) »
 * when the schema sets a minimum length: see minLengthOf), its hint, the value as typed, and its
 * validation problem right under it (« Erreur : … », attention colour and the word); for a declaration sent back for
 * changes, the governance request first (« Changements demandés par …, le … » and « Commentaire : … »), on every
 * step; for a draft /déclarer resumed, « Brouillon repris : … » (see StepCardInput.resumedAt). Buttons: Précédent
 * (not on the first step), Suivant or, on the last step, Soumettre, and with `offerNew` « Nouvelle déclaration »; each carries
 * {@link DeclarationActionData}.
 *
 * Text inputs get the schema's `maxLength`; a stored value longer than that (only a forged payload can send one)
 * is prefilled cut to it, and without control characters (a draft saved before they were removed at the edge could
 * hold some; each weighs 6 bytes of JSON), which keeps the card under MAX_CARD_BYTES whatever the draft holds.
 */
export function stepCard(input: StepCardInput, language: Language): Card {
  const t = LABELS[language];
  const index = STEPS.indexOf(input.step);
  const errors = input.errors ?? {};
  const stepFields = fieldsOf(input.step);
  const problems = stepFields.filter((f) => errors[f] !== undefined).length;
  const body: CardElement[] = [
    heading(t.declareTitle),
    ...(input.publicId ? [textBlock(t.stepNumber(input.publicId), { weight: 'Bolder', spacing: 'None' })] : []),
    textBlock(t.progress(index + 1, STEPS.length, t.steps[input.step]), { isSubtle: true, spacing: 'None' }),
    ...(input.changesRequested ? [changesRequestedBlock(input.changesRequested, language)] : []),
    ...(input.resumedAt ? [textBlock(t.draftResumed(formatDate(input.resumedAt, language)), { weight: 'Bolder' })] : []),
    ...(input.notices ?? []).map((n) => textBlock(n, { weight: 'Bolder' })),
  ];
  if (problems > 0) body.push(problemBlock(t.errorWord, t.errorSummary(problems)));
  const saved = input.saved ?? input.values;
  for (const field of stepFields) {
    body.push(...fieldElements(field, input.values[field], errors[field], language));
    if (input.conflicts?.includes(field)) body.push(conflictBlock(field, saved[field], language));
  }
  body.push(textBlock(t.savedNote, { isSubtle: true, size: 'Small', spacing: 'Large' }));
  // A declaration sent back for changes is not set aside by « Nouvelle déclaration »: its note says it stays.
  if (input.offerNew) body.push(textBlock(input.changesRequested ? t.resumedChangesNote : t.resumedNote, { isSubtle: true, size: 'Small', spacing: 'Small' }));

  const data: DeclarationActionData = {
    declarationId: input.declarationId,
    revision: input.revision,
    step: input.step,
    schemaVersion: SCHEMA_VERSION,
    lang: language,
    shown: fingerprintsOf(input.step, saved),
  };
  const actions = [];
  if (index > 0) actions.push(execute(t.back, DECLARATION_VERBS.back, data));
  actions.push(
    index < STEPS.length - 1
      ? execute(t.next, DECLARATION_VERBS.next, data, { style: 'positive' })
      : execute(t.submit, DECLARATION_VERBS.submit, data, { style: 'positive' }),
  );
  if (input.offerNew) actions.push(execute(t.startNew, DECLARATION_VERBS.startNew, data));
  return card(body, actions);
}

/** The input of one field, its hint and its problem. Values are plain text (not markdown): never escaped. */
function fieldElements(
  field: DeclarationField,
  value: DeclarationDraft[DeclarationField],
  error: string | undefined,
  language: Language,
): CardElement[] {
  const t = LABELS[language];
  const ui = DECLARATION_FIELDS[field];
  // The minimum length is in the label, read with the input by screen readers, before anything is typed.
  const minLength = minLengthOf(field);
  const marker = isRequiredField(field) ? (minLength !== null ? t.requiredAtLeast(minLength) : t.required) : null;
  const name = marker ? `${ui.label[language]} ${marker}` : ui.label[language];
  // The problem is in the label, read with the input by screen readers (see labelWithProblem), not in a block after it.
  const label = labelWithProblem(name, t.errorWord, error === undefined ? null : fieldErrorText(field, error, language));
  const maxLength = maxLengthOf(field);
  const elements: CardElement[] = [];
  const common = { id: field, label, spacing: 'Medium' };
  switch (ui.kind) {
    case 'text':
    case 'multiline':
    case 'email':
      elements.push({
        type: 'Input.Text',
        ...common,
        value: cutChars(cleanTypedText(asText(value)), maxLength ?? MAX_PREFILL_CHARS),
        ...(ui.kind === 'multiline' ? { isMultiline: true } : {}),
        ...(ui.kind === 'email' ? { style: 'email' } : {}),
        ...(maxLength !== null ? { maxLength } : {}),
      });
      break;
    case 'choice':
      elements.push({
        type: 'Input.ChoiceSet',
        ...common,
        // `filtered` (Adaptive Cards 1.5 typeahead, which Teams supports), not `compact`: when a card is updated in
        // place, the Agents Playground's Fluent renderer keys a choice set by type and position (not by id) and keeps
        // the replaced card's options in the reused drop-down; a filtered one reloads them from the card each time it
        // gets focus, a compact one never does (picking a stale option then left the field empty).
        style: 'filtered',
        placeholder: t.choose,
        value: cutChars(asText(value), MAX_PREFILL_CHARS),
        choices: choicesOf(ui, language),
      });
      break;
    case 'multichoice':
      elements.push({
        type: 'Input.ChoiceSet',
        ...common,
        isMultiSelect: true,
        style: 'expanded',
        value: cutChars(Array.isArray(value) ? value.join(',') : asText(value), MAX_PREFILL_CHARS),
        choices: choicesOf(ui, language),
      });
      break;
    case 'toggle':
      elements.push({
        type: 'Input.Toggle',
        ...common,
        title: t.yes,
        value: value === true || value === 'true' ? 'true' : 'false',
        valueOn: 'true',
        valueOff: 'false',
      });
      break;
  }
  if (ui.hint) elements.push(textBlock(ui.hint[language], { isSubtle: true, size: 'Small', spacing: 'None' }));
  return elements;
}

/** « Changements demandés par …, le … » and the reviewer's comment, in an emphasis container (a frame, not a colour). */
function changesRequestedBlock(request: ChangesRequest, language: Language): CardElement {
  const t = LABELS[language];
  const who = shownPerson(request.actor, MAX_SHOWN_REVIEWER_CHARS, language);
  const items = [textBlock(`**${t.changesRequestedBy(who, formatDate(request.at, language))}**`)];
  if (request.comment) items.push(textBlock(`**${t.comment}** ${safeLines(request.comment, MAX_REVIEW_COMMENT_CHARS)}`, { spacing: 'Small' }));
  items.push(textBlock(t.reopenHint, { isSubtle: true, spacing: 'Small' }));
  return container(items, { style: 'emphasis', spacing: 'Medium' });
}

/** « Modifié ailleurs : version enregistrée « … » » under a field in conflict: the stored value, as the card shows values. */
function conflictBlock(field: DeclarationField, stored: DeclarationDraft[DeclarationField], language: Language): CardElement {
  const t = LABELS[language];
  const { kind } = DECLARATION_FIELDS[field];
  let shown: string;
  if (kind === 'toggle') shown = stored === true || stored === 'true' ? t.yes : t.no;
  else if (kind === 'choice') shown = choiceLabel(field, stored, language);
  else if (kind === 'multichoice') shown = (Array.isArray(stored) ? stored : []).map((code) => choiceLabel(field, code, language)).join(', ');
  else shown = safeClip(asText(stored), MAX_SHOWN_VALUE_CHARS);
  return textBlock(`**${t.changedElsewhere}** ${t.savedVersion(shown || t.emptyValue)}`, { color: 'Warning', spacing: 'Small' });
}

function asText(value: DeclarationDraft[DeclarationField]): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.join(', ');
  return '';
}

/** A field's choices as the card lists them: titles in `language`, sorted in that language when the list is one of
 *  names (FieldUi.alphabetical: « Affaires municipales… » first in French, "Agriculture…" in English). */
function choicesOf(ui: FieldUi, language: Language): { title: string; value: string }[] {
  const choices = (ui.choices ?? []).map((c) => ({ title: c[language], value: c.code }));
  return ui.alphabetical ? choices.sort((a, b) => a.title.localeCompare(b.title, language === 'fr' ? 'fr-CA' : 'en-CA')) : choices;
}
