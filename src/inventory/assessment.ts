import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { PassageLookup } from '../answers/passage-lookup.js';
import { MEASURES } from './codes.js';
import { DECLARATION_FIELDS, type Declaration, type DeclarationField } from './schema.js';
import type { Assessment, Obligation } from './types.js';

/**
 * The preliminary assessment of a declaration: which obligations it triggers (each with the live quote of the
 * passage imposing it) and an impact level 1–4. The rules are data (data/inventory/assessment-rules.json), never
 * code; this module only validates and applies them. See the file's `$comment` for the scoring.
 */

export type { PassageLookup } from '../answers/passage-lookup.js';

/** One condition on a field: value in the list (any selected, for a multiple choice), equal to the boolean, filled in. */
const FieldCondition = z.union([z.array(z.string().min(1)).min(1), z.boolean(), z.literal('nonEmpty')]);
type FieldCondition = z.infer<typeof FieldCondition>;

const Label = z.object({ fr: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) });

/** Conditions of a rule, ANDed; keys are Declaration fields, or `always`. Checked against each field's kind and codes. */
const When = z
  .record(z.string(), z.union([FieldCondition, z.literal(true)]))
  .refine((w) => Object.keys(w).length > 0, 'a rule needs at least one condition (or {"always": true})')
  .superRefine((when, ctx) => {
    for (const [key, condition] of Object.entries(when)) {
      const problem = conditionProblem(key, condition);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: problem });
    }
  });

function conditionProblem(key: string, condition: FieldCondition | true): string | null {
  if (key === 'always') return condition === true ? null : '"always" takes true';
  const ui = (DECLARATION_FIELDS as Record<string, (typeof DECLARATION_FIELDS)[DeclarationField] | undefined>)[key];
  if (!ui) return `unknown declaration field "${key}"`;
  switch (ui.kind) {
    case 'toggle':
      return typeof condition === 'boolean' ? null : `${key} is yes/no: use true or false`;
    case 'choice':
    case 'multichoice': {
      if (!Array.isArray(condition)) return `${key} is coded: list the codes that fire the rule`;
      const known = new Set(ui.choices?.map((c) => c.code));
      const unknown = condition.filter((c) => !known.has(c));
      return unknown.length ? `${key} has no code ${unknown.map((c) => `"${c}"`).join(', ')}` : null;
    }
    default:
      return condition === 'nonEmpty' ? null : `${key} is free text: the only condition is "nonEmpty"`;
  }
}

export const AssessmentRule = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a rule id is lower-case words joined by dashes'),
  label: Label,
  when: When,
  /** Points added to the score when the rule fires (0 for an obligation that does not raise the level). */
  weight: z.number().int().min(0).max(10),
  passage: z.object({
    query: z.string().trim().min(3).max(300),
    sectionSuffix: z.string().regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/, 'a section id such as principe-1/illustration').optional(),
  }),
  /**
   * The code of the « Mesures déjà prises » answer by which the declarant says the obligation is already met
   * (`efvp`: « Évaluation des facteurs relatifs à la vie privée (EFVP) réalisée »): the obligation is still listed (the governance team checks it), marked so.
   */
  doneWith: z.enum(MEASURES.map((m) => m.code) as [string, ...string[]]).optional(),
});
export type AssessmentRule = z.infer<typeof AssessmentRule>;

/** The rules file: its version, the four level thresholds (level 1 at 0, increasing) and the rules. */
export const AssessmentRules = z
  .object({
    $comment: z.union([z.string(), z.array(z.string())]).optional(),
    version: z.string().trim().min(1).max(40),
    levels: z
      .array(z.object({ level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]), minScore: z.number().int().min(0) }))
      .length(4),
    rules: z.array(AssessmentRule).min(1),
  })
  .superRefine((file, ctx) => {
    file.levels.forEach((l, i) => {
      if (l.level !== i + 1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['levels', i, 'level'], message: 'levels are listed 1, 2, 3, 4' });
      if (i === 0 && l.minScore !== 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['levels', 0, 'minScore'], message: 'level 1 starts at 0' });
      const previous = file.levels[i - 1];
      if (previous && l.minScore <= previous.minScore) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['levels', i, 'minScore'], message: 'thresholds must increase' });
      }
    });
    const seen = new Set<string>();
    file.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}"` });
      seen.add(r.id);
    });
  });
export type AssessmentRules = z.infer<typeof AssessmentRules>;

/**
 * Validates rules read from JSON.
 * @throws Error naming the first problem and where it is (`rules.2.when.hosting: hosting has no code "x"`)
 */
export function parseAssessmentRules(json: unknown, source = 'assessment rules'): AssessmentRules {
  const result = AssessmentRules.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${source} are invalid: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'unknown problem'}`);
  }
  return result.data;
}

/**
 * Loads and validates the rules file.
 * @param file defaults to data/inventory/assessment-rules.json of the Balises folder (found from src or dist/src)
 * @throws Error when the file cannot be read, is not JSON or is invalid (the message names the file)
 */
export function loadAssessmentRules(file: string = findRulesFile()): AssessmentRules {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`assessment rules ${file} cannot be read: ${(error as Error).message}`);
  }
  return parseAssessmentRules(json, `assessment rules ${file}`);
}

/**
 * Finds data/inventory/assessment-rules.json above this module (src in tests, dist/src when built), at most five
 * folders up.
 * @throws Error when no such file is there (an installation without its data folder)
 */
function findRulesFile(): string {
  let dir = path.dirname(new URL(import.meta.url).pathname);
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'data', 'inventory', 'assessment-rules.json');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('data/inventory/assessment-rules.json not found above the Balises modules');
}

function holds(declaration: Declaration, key: string, condition: FieldCondition | true): boolean {
  if (key === 'always') return condition === true;
  const value: unknown = declaration[key as DeclarationField];
  if (condition === 'nonEmpty') return Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value.trim().length > 0;
  if (typeof condition === 'boolean') return value === condition;
  return Array.isArray(value) ? value.some((v) => condition.includes(v)) : typeof value === 'string' && condition.includes(value);
}

/** True when every condition of the rule holds for the declaration. */
export function ruleFires(rule: AssessmentRule, declaration: Declaration): boolean {
  return Object.entries(rule.when).every(([key, condition]) => holds(declaration, key, condition));
}

/** The level of a score: the highest level whose threshold it reaches. */
export function levelOf(score: number, levels: AssessmentRules['levels']): Assessment['level'] {
  let level: Assessment['level'] = 1;
  for (const l of levels) if (score >= l.minScore) level = l.level;
  return level;
}

/**
 * Assesses a declaration: the rules that fire, in the file's order, each with the live quote of its passage (looked
 * up in parallel); score = sum of their weights; level from the thresholds.
 * @param now ISO date-time recorded as `assessedAt`
 * @returns an obligation per fired rule; its quote is null when the indexed documents hold no such passage
 * @throws whatever the lookup throws (a broken index is an infrastructure failure, not an outcome)
 */
export async function assess(declaration: Declaration, rules: AssessmentRules, lookup: PassageLookup, now: string): Promise<Assessment> {
  const fired = rules.rules.filter((rule) => ruleFires(rule, declaration));
  const obligations: Obligation[] = await Promise.all(
    fired.map(async (rule) => ({
      ruleId: rule.id,
      label: { fr: rule.label.fr, en: rule.label.en },
      quote: await lookup(rule.passage),
      ...(rule.doneWith ? { declaredDone: (declaration.measures ?? []).includes(rule.doneWith as never) } : {}),
    })),
  );
  const score = fired.reduce((sum, rule) => sum + rule.weight, 0);
  return { rulesVersion: rules.version, level: levelOf(score, rules.levels), score, obligations, assessedAt: now };
}
