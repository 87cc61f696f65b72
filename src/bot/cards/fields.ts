import { z } from 'zod';
import type { Language } from '../../answers/types.js';
import { cleanTypedText, withoutIgnorables } from '../typed-text.js';
import {
  DECLARATION_FIELDS,
  DeclarationShape,
  MAX_DRAFT_VALUE_CHARS,
  fieldsOf,
  stripControlCharacters,
  type DeclarationDraft,
  type DeclarationField,
  type Step,
} from '../../inventory/index.js';

/**
 * What the cards read from the declaration schema beyond DECLARATION_FIELDS: each text field's length limit and
 * whether a field must be filled. Both come from the zod constraints, so the cards follow schema changes.
 */

/** The field's maximum length in characters (zod `.max`), or null when it has none or is not text. */
export function maxLengthOf(field: DeclarationField): number | null {
  const shape: z.ZodTypeAny = DeclarationShape[field];
  return shape instanceof z.ZodString ? shape.maxLength : null;
}

/**
 * The fewest characters a filled text field must hold (zod `.min`, the very check validateDeclaration runs, counted on
 * the trimmed, visible text), or null when the field has no minimum beyond not being empty, or is not text. Cards
 * state it up front in the label, so that « au moins 20 caractères » is no surprise that only an error reveals.
 */
export function minLengthOf(field: DeclarationField): number | null {
  const shape: z.ZodTypeAny = DeclarationShape[field];
  const min = shape instanceof z.ZodString ? (shape.minLength ?? 0) : 0;
  return min > 1 ? min : null;
}

/**
 * True when the field must be filled: text with a minimum length or an e-mail address, or a single choice. Toggles always have a value;
 * multiple choices may be empty (whose information is required only with personal information, a cross-field
 * rule the server checks). Shown in the label as « (obligatoire) »; the card never relies on the client's
 * `isRequired`: the server validates.
 */
export function isRequiredField(field: DeclarationField): boolean {
  const shape: z.ZodTypeAny = DeclarationShape[field];
  if (shape instanceof z.ZodString) return (shape.minLength ?? 0) > 0 || shape.isEmail;
  return shape instanceof z.ZodEnum;
}

/** Typed text as kept: cleanTypedText, then without the bidirectional overrides and isolates too. */
function typedValue(text: string): string {
  return stripControlCharacters(cleanTypedText(text));
}

/** Longest item of a multiple choice kept from a card payload (codes are short). */
const MAX_CHOICE_ITEM_CHARS = 100;
const MAX_CHOICE_ITEMS = 20;

/**
 * The values of one step's inputs, read from an `Action.Execute` payload (Teams merges the inputs into `data`):
 * text as typed (control and bidirectional-formatting characters removed, see stripControlCharacters; cut at MAX_DRAFT_VALUE_CHARS, never rejected;
 * an e-mail address also loses its invisible characters, see withoutIgnorables),
 * toggles `"true"`/`"false"` → booleans, multiple choices `"a,b"` → `['a','b']`. Only the step's own fields are read.
 *
 * An input of the step that is absent was emptied: Adaptive Cards leave empty inputs out of the submission, so an
 * absent text or choice is read as `''`, an absent multiple choice as `[]`, an absent toggle as `false` (its
 * `valueOff`) — the saved value is cleared, not kept. Values of another type (numbers, objects: a forged payload)
 * are dropped, so the saved value stays. Codes are not checked here: the server's validation reports them next to
 * the field.
 */
export function readStepInputs(step: Step, data: Record<string, unknown>): DeclarationDraft {
  const values: DeclarationDraft = {};
  for (const field of fieldsOf(step)) {
    const raw = data[field];
    const { kind } = DECLARATION_FIELDS[field];
    if (raw === undefined || raw === null) {
      values[field] = kind === 'multichoice' ? [] : kind === 'toggle' ? false : '';
      continue;
    }
    if (kind === 'toggle') {
      if (typeof raw === 'boolean') values[field] = raw;
      else if (raw === 'true' || raw === 'false') values[field] = raw === 'true';
      else if (typeof raw === 'string') values[field] = cutChars(typedValue(raw), MAX_DRAFT_VALUE_CHARS);
    } else if (kind === 'multichoice') {
      const items = Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : typeof raw === 'string' ? raw.split(',') : null;
      if (items) {
        values[field] = items
          .map((s) => typedValue(s).trim())
          .filter((s) => s.length > 0 && s.length <= MAX_CHOICE_ITEM_CHARS)
          .slice(0, MAX_CHOICE_ITEMS);
      }
    } else if (typeof raw === 'string') {
      const text = cutChars(typedValue(raw), MAX_DRAFT_VALUE_CHARS);
      values[field] = kind === 'email' ? withoutIgnorables(text) : text;
    }
  }
  return values;
}

/** The first `max` UTF-16 code units of `text`, never splitting a surrogate pair. */
export function cutChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** True when the stored draft already holds these values for the step (compared as the card would send them). */
export function sameStepValues(step: Step, stored: DeclarationDraft, values: DeclarationDraft): boolean {
  return fieldsOf(step).every((f) => values[f] === undefined || JSON.stringify(normalise(stored[f])) === JSON.stringify(normalise(values[f])));
}

function normalise(value: DeclarationDraft[DeclarationField]): unknown {
  return typeof value === 'string' ? value.trim() : value ?? null;
}

/**
 * What a field's problem says, after « Erreur : » in its label (see labelWithProblem), in each language: the
 * declaration cards' wording, shared by every card with inputs (the document preview card's `required`).
 */
export const FIELD_ERRORS = {
  fr: {
    required: 'ce champ est obligatoire.',
    atLeast: (n: string) => `au moins ${n} caractères.`,
    atMost: (n: string) => `au plus ${n} caractères.`,
    email: 'entrez une adresse courriel valide (nom@organisme.gouv.qc.ca).',
    words: 'ce texte ne contient aucune lettre : écrivez-le avec des mots.',
    whose: 'indiquez de qui sont les renseignements personnels utilisés.',
    noneUsed: 'vous avez choisi « Aucun renseignement personnel » : décochez ces cases, ou choisissez les renseignements utilisés.',
    choice: 'choisissez une valeur de la liste.',
    other: 'cette valeur n’est pas acceptée.',
  },
  en: {
    required: 'this field is required.',
    atLeast: (n: string) => `at least ${n} characters.`,
    atMost: (n: string) => `at most ${n} characters.`,
    email: 'enter a valid e-mail address (name@organisation.gouv.qc.ca).',
    words: 'this text has no letters: write it in words.',
    whose: 'say whose personal information is used.',
    noneUsed: 'you chose "No personal information": uncheck these boxes, or choose the information used.',
    choice: 'choose a value from the list.',
    other: 'this value is not accepted.',
  },
} as const;

/**
 * A validation problem in the user's language. The schema's messages (`required`, `at least N characters`,
 * `at most N characters`, `in words`, `a valid e-mail address`, `say whose personal information is used`, `no
 * personal information is used`) are translated; any other (zod's type or enum messages) becomes a generic sentence for the
 * field's kind. Never echoes the value.
 */
export function fieldErrorText(field: DeclarationField, message: string, language: Language): string {
  const t = FIELD_ERRORS[language];
  if (message === 'required') return t.required;
  const atLeast = /^at least (\d+) characters$/.exec(message);
  if (atLeast) return t.atLeast(atLeast[1]!);
  const atMost = /^at most (\d+) characters$/.exec(message);
  if (atMost) return t.atMost(atMost[1]!);
  if (message === 'in words') return t.words;
  if (message === 'a valid e-mail address') return t.email;
  if (message === 'say whose personal information is used') return t.whose;
  if (message === 'no personal information is used') return t.noneUsed;
  const { kind } = DECLARATION_FIELDS[field];
  return kind === 'choice' || kind === 'multichoice' || kind === 'toggle' ? t.choice : t.other;
}
