import { groups, score, type EvalFigures, type EvalQuestion, type EvalRun } from './score.js';

const pct = (x: number | null) => (x === null ? '   -' : x.toFixed(2).padStart(4));

/** A system under evaluation: a name and its runs by question id. */
export interface EvaluatedSystem {
  name: string;
  runs: ReadonlyMap<string, EvalRun>;
}

/**
 * Formats the evaluation table: one row per group (overall, per language, per kind) and per system, with hit@1,
 * hit@5, all@5, MRR, abstention recall (abst) and false abstention (false).
 */
export function formatReport(questions: readonly EvalQuestion[], systems: readonly EvaluatedSystem[]): string {
  const header = `${'group'.padEnd(18)} ${'system'.padEnd(10)} ${'n'.padStart(3)} hit@1 hit@5 all@5   MRR  abst false`;
  const lines = [header, '-'.repeat(header.length)];
  for (const [key, qs] of groups(questions)) {
    for (const s of systems) {
      const f: EvalFigures = score(qs, s.runs);
      lines.push(
        `${key.padEnd(18)} ${s.name.padEnd(10)} ${String(f.questions).padStart(3)}  ${pct(f.hit1)}  ${pct(f.hit5)}  ${pct(f.all5)}  ${pct(f.mrr)}  ${pct(f.abstentionRecall)}  ${pct(f.falseAbstention)}`,
      );
    }
  }
  return lines.join('\n');
}
