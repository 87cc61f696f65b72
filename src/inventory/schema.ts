import { z } from 'zod';
import {
  AFFECTED_GROUPS,
  CATEGORIES,
  codes,
  DECISION_ROLES,
  HOSTING,
  INITIATIVE_STATUSES,
  MEASURES,
  PERSONAL_INFORMATION,
  PORTEFEUILLES,
  type Choice,
} from './codes.js';
import { stripControlCharacters, visibleLength } from './text.js';

/**
 * The declaration of an AI use case: the single source of truth for the card inputs (src/bot/cards derive their
 * inputs from `DECLARATION_FIELDS`), server-side validation, storage (stored as this JSON with its
 * `schemaVersion`), the preliminary assessment and the exports. Fields start from the Portrait's columns (name,
 * category, body, portfolio, benefits, status) and add what governance needs to assess risk.
 */
export const SCHEMA_VERSION = 1;

/** Every field's message when it is absent: the cards translate `required`. */
const REQUIRED = { required_error: 'required' } as const;

/** A letter, in any script: a text written in words holds at least one. */
const LETTER = /\p{L}/u;

/**
 * A required text of `min`–`max` characters once trimmed. Empty (or blanks only) is `required`, not « at least N
 * characters »: the length is only news to someone who typed something too short. zod runs the checks in order
 * and validateDeclaration keeps the first message, so the empty check comes first. A text `inWords` (descriptions,
 * a body's or a person's name) holding no letter at all is `in words`: « ?????????? » or « 1234567890 » filled the
 * minimum and reached the inventory and the review card (found in the Playground). The initiative's name may be a
 * number (a « 211 » service), so it is not `inWords`.
 */
const text = (min: number, max: number, { inWords = true } = {}) => {
  const filled = z.string(REQUIRED).trim().min(1, 'required');
  const long = min > 1 ? filled.min(min, `at least ${min} characters`) : filled;
  return (inWords ? long.regex(LETTER, 'in words') : long).max(max, `at most ${max} characters`);
};

/** Field constraints, one entry per field. Keys are the storage and card-input ids. */
export const DeclarationShape = {
  // 1. Identification
  name: text(3, 150, { inWords: false }),
  purpose: text(20, 2000),
  organismePublic: text(2, 200),
  portefeuille: z.enum(codes(PORTEFEUILLES), REQUIRED),
  category: z.enum(codes(CATEGORIES), REQUIRED),
  status: z.enum(codes(INITIATIVE_STATUSES), REQUIRED),
  benefits: text(10, 1000),
  contactName: text(2, 120),
  contactEmail: z.string(REQUIRED).trim().min(1, 'required').email('a valid e-mail address').max(200),
  // 2. Nature and data
  generative: z.boolean(REQUIRED),
  supplier: z.string(REQUIRED).trim().max(200, 'at most 200 characters'),
  hosting: z.enum(codes(HOSTING), REQUIRED),
  personalInformation: z.enum(codes(PERSONAL_INFORMATION), REQUIRED),
  affectedGroups: z.array(z.enum(codes(AFFECTED_GROUPS)), REQUIRED).max(AFFECTED_GROUPS.length),
  dataDescription: text(10, 2000),
  // 3. Effects and oversight
  decisionRole: z.enum(codes(DECISION_ROLES), REQUIRED),
  publicFacing: z.boolean(REQUIRED),
  humanOversight: text(10, 1000),
  measures: z.array(z.enum(codes(MEASURES)), REQUIRED).max(MEASURES.length),
} as const;

/**
 * The cross-field rule between the two personal-information fields: personal information used → whose it is
 * (`say whose personal information is used`); none used → nobody checked as concerned by it (`no personal
 * information is used`: the card's label is « Personnes concernées par ces renseignements », so a group checked
 * beside « Aucun renseignement personnel » contradicts it). Reported on `affectedGroups`, the field to correct.
 * @returns the problem, or null when the values agree or either is not a valid value yet (its own check reports it)
 */
function personalInformationProblem(personalInformation: unknown, affectedGroups: unknown): string | null {
  if (!Array.isArray(affectedGroups) || !PERSONAL_INFORMATION.some((c) => c.code === personalInformation)) return null;
  if (personalInformation === 'aucun') return affectedGroups.length > 0 ? 'no personal information is used' : null;
  return affectedGroups.length === 0 ? 'say whose personal information is used' : null;
}

/** A complete declaration, as submitted. Cross-field rule: see personalInformationProblem. */
export const Declaration = z.object(DeclarationShape).superRefine((d, ctx) => {
  const problem = personalInformationProblem(d.personalInformation, d.affectedGroups);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['affectedGroups'], message: problem });
});
export type Declaration = z.infer<typeof Declaration>;

/** Longest value kept in a draft field (a pasted document is cut here, never rejected). */
export const MAX_DRAFT_VALUE_CHARS = 5000;

/**
 * A draft: what the person typed, kept as typed (even values that do not validate yet, so that a validation error,
 * a restart or a closed window loses nothing), trimmed, with repeated codes counted once. Only the value types are
 * checked; the Declaration schema validates the whole on submit.
 */
export const DeclarationDraft = z
  .object(
    Object.fromEntries(
      Object.keys(DeclarationShape).map((k) => [
        k,
        z
          .union([
            z.string().max(MAX_DRAFT_VALUE_CHARS).transform((v) => stripControlCharacters(v).trim()),
            z.boolean(),
            // A code listed twice (a forged or replayed payload) counts once.
            z
              .array(z.string().max(100))
              .max(20)
              .transform((codes) => [...new Set(codes.map((c) => stripControlCharacters(c).trim()))]),
          ])
          .optional(),
      ]),
    ) as Record<
      keyof typeof DeclarationShape,
      z.ZodOptional<z.ZodUnion<[z.ZodEffects<z.ZodString, string, string>, z.ZodBoolean, z.ZodEffects<z.ZodArray<z.ZodString>, string[], string[]>]>>
    >,
  )
  .strip();
export type DeclarationDraft = z.infer<typeof DeclarationDraft>;

/** The coded fields (single and multiple choices) whose value in `draft` is not one of their codes (`''` is none). */
export function unknownCodeFields(draft: DeclarationDraft): DeclarationField[] {
  return (Object.keys(draft) as DeclarationField[]).filter((field) => {
    const { kind, choices } = DECLARATION_FIELDS[field] ?? {};
    if (!choices) return false;
    const known = (code: unknown) => typeof code === 'string' && choices.some((c) => c.code === code);
    const value = draft[field];
    if (kind === 'multichoice') return !Array.isArray(value) || !value.every(known);
    return !(value === '' || known(value));
  });
}

/**
 * `draft` with every code that is not one of its field's codes removed: a single choice becomes absent, a multiple
 * choice keeps its known codes. The guard that keeps forged codes (`=HYPERLINK(…)` as a category) out of storage.
 */
export function withKnownCodes(draft: DeclarationDraft): DeclarationDraft {
  const kept: DeclarationDraft = { ...draft };
  for (const field of unknownCodeFields(draft)) {
    const value = draft[field];
    const choices = DECLARATION_FIELDS[field].choices ?? [];
    if (Array.isArray(value)) kept[field] = value.filter((code) => choices.some((c) => c.code === code));
    else delete kept[field];
  }
  return kept;
}

export type DeclarationField = keyof typeof DeclarationShape;

/** The three steps of the form, in order; each can be finished in a couple of minutes. */
export const STEPS = ['identification', 'nature', 'effects'] as const;
export type Step = (typeof STEPS)[number];

/** How a field is shown: its step, its input kind, its labels, and its choices when coded. */
export interface FieldUi {
  step: Step;
  kind: 'text' | 'multiline' | 'email' | 'choice' | 'multichoice' | 'toggle';
  label: { fr: string; en: string };
  /** Shown under the label (what to write, an example). */
  hint?: { fr: string; en: string };
  choices?: readonly Choice[];
  /** The choices are a list of names read in alphabetical order (the portfolios), shown sorted in the card's language;
   *  other lists keep their order, which means something (states, levels). */
  alphabetical?: true;
}

/** Presentation of every field of DeclarationShape (a unit test checks both have the same keys). */
export const DECLARATION_FIELDS: Record<DeclarationField, FieldUi> = {
  name: { step: 'identification', kind: 'text', label: { fr: 'Nom de l’initiative', en: 'Name of the initiative' } },
  purpose: {
    step: 'identification',
    kind: 'multiline',
    label: { fr: 'Ce qu’elle fait et pourquoi', en: 'What it does and why' },
    hint: { fr: 'En langage simple, pour un citoyen.', en: 'In plain language, for a citizen.' },
  },
  organismePublic: { step: 'identification', kind: 'text', label: { fr: 'Organisme public responsable', en: 'Responsible public body' } },
  portefeuille: { step: 'identification', kind: 'choice', label: { fr: 'Portefeuille ministériel', en: 'Ministerial portfolio' }, choices: PORTEFEUILLES, alphabetical: true },
  category: { step: 'identification', kind: 'choice', label: { fr: 'Catégorie', en: 'Category' }, choices: CATEGORIES },
  status: { step: 'identification', kind: 'choice', label: { fr: 'État de l’initiative', en: 'Status of the initiative' }, choices: INITIATIVE_STATUSES },
  benefits: { step: 'identification', kind: 'multiline', label: { fr: 'Bénéfices attendus', en: 'Expected benefits' } },
  contactName: { step: 'identification', kind: 'text', label: { fr: 'Personne-ressource', en: 'Contact person' } },
  contactEmail: { step: 'identification', kind: 'email', label: { fr: 'Courriel de la personne-ressource', en: 'Contact e-mail' } },
  generative: { step: 'nature', kind: 'toggle', label: { fr: 'Il s’agit d’IA générative', en: 'It is generative AI' } },
  supplier: {
    step: 'nature',
    kind: 'text',
    label: { fr: 'Solution commerciale ou fournisseur (description générique)', en: 'Commercial solution or supplier (generic description)' },
    hint: { fr: 'Laissez vide si la solution est développée à l’interne.', en: 'Leave empty if built in house.' },
  },
  hosting: { step: 'nature', kind: 'choice', label: { fr: 'Hébergement', en: 'Hosting' }, choices: HOSTING },
  personalInformation: { step: 'nature', kind: 'choice', label: { fr: 'Renseignements personnels utilisés', en: 'Personal information used' }, choices: PERSONAL_INFORMATION },
  affectedGroups: {
    step: 'nature',
    kind: 'multichoice',
    label: { fr: 'Personnes concernées par ces renseignements', en: 'People this information is about' },
    // Not « (obligatoire) »: required only with personal information (personalInformationProblem), said before submitting.
    hint: { fr: 'Obligatoire si des renseignements personnels sont utilisés ; sinon, ne cochez rien.', en: 'Required when personal information is used; otherwise, check nothing.' },
    choices: AFFECTED_GROUPS,
  },
  dataDescription: { step: 'nature', kind: 'multiline', label: { fr: 'Données d’entrée ou d’entraînement', en: 'Input or training data' } },
  decisionRole: { step: 'effects', kind: 'choice', label: { fr: 'Rôle dans des décisions sur des personnes', en: 'Role in decisions about people' }, choices: DECISION_ROLES },
  publicFacing: { step: 'effects', kind: 'toggle', label: { fr: 'Des personnes interagissent directement avec le système', en: 'People interact with the system directly' } },
  humanOversight: { step: 'effects', kind: 'multiline', label: { fr: 'Supervision humaine en place', en: 'Human oversight in place' } },
  measures: { step: 'effects', kind: 'multichoice', label: { fr: 'Mesures déjà prises', en: 'Measures already taken' }, choices: MEASURES },
};

/** The fields of a step, in form order. */
export function fieldsOf(step: Step): DeclarationField[] {
  return (Object.keys(DECLARATION_FIELDS) as DeclarationField[]).filter((f) => DECLARATION_FIELDS[f].step === step);
}

/** Validation problems by field, for showing next to the inputs. */
export type FieldErrors = Partial<Record<DeclarationField, string>>;

/** Problems of the fields of one step only (for showing a step's errors before moving on). */
export function validateStep(step: Step, draft: DeclarationDraft): FieldErrors {
  const result = validateDeclaration(draft);
  if (result.ok) return {};
  return Object.fromEntries(Object.entries(result.errors).filter(([f]) => DECLARATION_FIELDS[f as DeclarationField].step === step));
}

/**
 * Validates a complete declaration. A single choice left empty (`''`, what a cleared choice input gives) is no
 * choice, so it is reported `required` like an absent one. A required text counts only what a reader sees (see
 * visibleLength): one of zero-width spaces or direction marks is `required`, one padded with them to its minimum
 * is `at least N characters`; the value itself is kept as typed.
 * @returns the declaration, or the problems by field (one message each, the first zod gives)
 */
export function validateDeclaration(input: unknown): { ok: true; value: Declaration } | { ok: false; errors: FieldErrors } {
  const result = Declaration.safeParse(withoutEmptyChoices(input));
  const errors: FieldErrors = {};
  for (const issue of result.success ? [] : result.error.issues) {
    const field = issue.path[0] as DeclarationField | undefined;
    if (field && !(field in errors)) errors[field] = issue.message;
  }
  // A text of invisible characters only holds no letter either: `required` says more than `in words`.
  for (const [field, message] of invisibleTextProblems(input)) {
    if (!(field in errors) || (message === 'required' && errors[field] === 'in words')) errors[field] = message;
  }
  // zod runs the refinement only once every field is valid: checked here too, so that step 2 reports it before
  // step 3 is filled (validateStep), not only the submission from step 3.
  const draft = typeof input === 'object' && input !== null ? (input as DeclarationDraft) : {};
  const crossField = personalInformationProblem(draft.personalInformation, draft.affectedGroups);
  if (crossField && !('affectedGroups' in errors)) errors.affectedGroups = crossField;
  if (result.success && Object.keys(errors).length === 0) return { ok: true, value: result.data };
  return { ok: false, errors };
}

/**
 * The required texts of `input` (those with a minimum length) too short once what a reader cannot see is left out:
 * `required` when nothing visible remains, else `at least N characters`, the messages zod gives for typed text.
 */
function invisibleTextProblems(input: unknown): Array<[DeclarationField, string]> {
  if (typeof input !== 'object' || input === null) return [];
  const problems: Array<[DeclarationField, string]> = [];
  for (const [field, value] of Object.entries(input)) {
    const shape: z.ZodTypeAny | undefined = DeclarationShape[field as DeclarationField];
    const min = shape instanceof z.ZodString ? (shape.minLength ?? 0) : 0;
    if (typeof value !== 'string' || min === 0) continue;
    const visible = visibleLength(value);
    if (visible < min) problems.push([field as DeclarationField, visible === 0 ? 'required' : `at least ${min} characters`]);
  }
  return problems;
}

function withoutEmptyChoices(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  return Object.fromEntries(
    Object.entries(input).filter(([field, value]) => !(value === '' && DECLARATION_FIELDS[field as DeclarationField]?.kind === 'choice')),
  );
}
