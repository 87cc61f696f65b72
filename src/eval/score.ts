import { z } from 'zod';

/** One evaluation question (format of ../shared/eval/README.md). */
export const EvalQuestion = z.object({
  id: z.string(),
  lang: z.enum(['fr', 'en']),
  question: z.string(),
  expected: z.array(z.string()),
  evidence: z.array(z.string()),
  kind: z.string(),
  /** The corpus (folder name under the corpora directory) whose documents answer it; `documents` when absent. */
  corpus: z.string().min(1).default('documents'),
});
export type EvalQuestion = z.infer<typeof EvalQuestion>;

/**
 * What a system returned for one question: passage texts best first, whether it abstained (`not_covered`) and
 * whether it answered with the "may not answer exactly" label (`uncertain`; absent means no, as for baselines).
 */
export interface EvalRun {
  id: string;
  abstained: boolean;
  uncertain?: boolean;
  texts: string[];
}

/** Figures for one group of questions. Rates in [0, 1]; null when the group has no question of that sort. */
export interface EvalFigures {
  questions: number;
  inScope: number;
  outOfScope: number;
  hit1: number | null;
  hit5: number | null;
  all5: number | null;
  mrr: number | null;
  abstentionRecall: number | null;
  falseAbstention: number | null;
  /** Share of in-scope questions answered `uncertain`. */
  uncertainInScope: number | null;
  /** Share of out-of-scope questions answered `uncertain` (neither abstained on nor answered with confidence). */
  uncertainOutOfScope: number | null;
}

/**
 * The comparison rule of the eval README: NFC, every apostrophe variant mapped to one, white space runs collapsed
 * to one space. Case and accents are NOT folded: a quote must be verbatim.
 */
export function normaliseForMatch(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[’‘ʼ`´′']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Rank (1-based) of the first text containing any evidence string, or null when none of the top 10 does. */
export function firstHitRank(texts: readonly string[], evidence: readonly string[]): number | null {
  const wanted = evidence.map(normaliseForMatch);
  const found = texts.slice(0, 10).findIndex((t) => {
    const n = normaliseForMatch(t);
    return wanted.some((e) => n.includes(e));
  });
  return found < 0 ? null : found + 1;
}

/** True when every evidence string occurs in the top-k texts taken together. */
export function allFound(texts: readonly string[], evidence: readonly string[], k: number): boolean {
  const top = texts.slice(0, k).map(normaliseForMatch);
  return evidence.map(normaliseForMatch).every((e) => top.some((t) => t.includes(e)));
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * Scores runs against questions (eval README): hit@1, hit@5, all@5 and MRR over in-scope questions, with the
 * ranking read even when the system abstained (abstention is scored separately); abstention recall over
 * out-of-scope questions; false abstention over in-scope questions; the `uncertain` shares over each.
 */
export function score(questions: readonly EvalQuestion[], runs: ReadonlyMap<string, EvalRun>): EvalFigures {
  const inScope = questions.filter((q) => q.evidence.length > 0);
  const outOfScope = questions.filter((q) => q.evidence.length === 0);
  const run = (q: EvalQuestion) => runs.get(q.id) ?? { id: q.id, abstained: true, texts: [] };
  const ranks = inScope.map((q) => firstHitRank(run(q).texts, q.evidence));
  return {
    questions: questions.length,
    inScope: inScope.length,
    outOfScope: outOfScope.length,
    hit1: mean(ranks.map((r) => (r !== null && r <= 1 ? 1 : 0))),
    hit5: mean(ranks.map((r) => (r !== null && r <= 5 ? 1 : 0))),
    all5: mean(inScope.map((q) => (allFound(run(q).texts, q.evidence, 5) ? 1 : 0))),
    mrr: mean(ranks.map((r) => (r === null ? 0 : 1 / r))),
    abstentionRecall: mean(outOfScope.map((q) => (run(q).abstained ? 1 : 0))),
    falseAbstention: mean(inScope.map((q) => (run(q).abstained ? 1 : 0))),
    uncertainInScope: mean(inScope.map((q) => (run(q).uncertain ? 1 : 0))),
    uncertainOutOfScope: mean(outOfScope.map((q) => (run(q).uncertain ? 1 : 0))),
  };
}

/**
 * Groups questions: overall, per language, per kind. Keys: `all`, then `lang:…` sorted, then `kind:…` in order of
 * first appearance with `kind:out-of-scope` last (so that each table reads the same way).
 */
export function groups(questions: readonly EvalQuestion[]): Map<string, EvalQuestion[]> {
  const langs = [...new Set(questions.map((q) => q.lang))].sort();
  const kinds = [...new Set(questions.map((q) => q.kind))].sort((a, b) => Number(a === 'out-of-scope') - Number(b === 'out-of-scope'));
  return new Map<string, EvalQuestion[]>([
    ['all', [...questions]],
    ...langs.map((l): [string, EvalQuestion[]] => [`lang:${l}`, questions.filter((q) => q.lang === l)]),
    ...kinds.map((k): [string, EvalQuestion[]] => [`kind:${k}`, questions.filter((q) => q.kind === k)]),
  ]);
}
