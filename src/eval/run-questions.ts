import type { RetrievalResult } from '../retrieval/types.js';
import type { Baseline } from './baseline.js';
import type { LabelledSignals } from './calibrate.js';
import type { EvaluatedSystem } from './report.js';
import { firstHitRank, type EvalQuestion, type EvalRun } from './score.js';

/** Ranks read per question (MRR counts ranks up to 10). */
export const EVAL_DEPTH = 10;

/** An index under evaluation: Balises' search over some passages and the plain baselines over the same documents. */
export interface EvalIndex {
  /** Synchronous search, as `LocalPassageIndex.searchSync`. */
  search(question: string, options: { k: number }): RetrievalResult;
  baselines: readonly { name: string; run: Baseline }[];
}

/** Runs of Balises and of each baseline, the labelled signals for calibration, and one diagnostic line per question. */
export interface QuestionRuns {
  ours: Map<string, EvalRun>;
  baselines: Map<string, EvalRun>[];
  labelled: LabelledSignals[];
  lines: string[];
}

/** An empty set of runs with one map per baseline of `index`. */
export function emptyRuns(baselineCount: number): QuestionRuns {
  return { ours: new Map(), baselines: Array.from({ length: baselineCount }, () => new Map()), labelled: [], lines: [] };
}

/**
 * Runs `questions` through `index` (Balises and baselines, EVAL_DEPTH passages each) and adds the results to
 * `into` (returned). The outcome is the index's own (its abstention and confidence rules); the signals are kept so
 * that other rules can be scored without searching again.
 */
export function runQuestions(questions: readonly EvalQuestion[], index: EvalIndex, into: QuestionRuns): QuestionRuns {
  for (const q of questions) {
    const r = index.search(q.question, { k: EVAL_DEPTH });
    const texts = r.passages.map((p) => p.passage.text);
    const rank = q.evidence.length ? firstHitRank(texts, q.evidence) : null;
    into.ours.set(q.id, { id: q.id, abstained: r.outcome === 'not_covered', uncertain: r.outcome === 'uncertain', texts });
    index.baselines.forEach((b, i) => into.baselines[i]!.set(q.id, b.run(q.id, q.question, EVAL_DEPTH)));
    into.labelled.push({ corpus: q.corpus, outOfScope: q.evidence.length === 0, signals: r.signals, rank });
    into.lines.push(
      `${q.id} ${q.lang} ${q.kind.padEnd(12)} rank=${q.evidence.length ? (rank ?? '-') : 'n/a'} outcome=${r.outcome} coverage=${r.signals.coverage.toFixed(2)} score=${r.signals.normalisedScore.toFixed(2)} top=${r.passages.slice(0, 3).map((p) => p.passage.section.id).join(',')}`,
    );
  }
  return into;
}

/** The systems of a set of runs, as `formatReport` takes them: Balises first, then the baselines of `index`. */
export function systemsOf(runs: QuestionRuns, index: EvalIndex): { ours: EvaluatedSystem; baselines: EvaluatedSystem[] } {
  return {
    ours: { name: 'balises', runs: runs.ours },
    baselines: index.baselines.map((b, i) => ({ name: b.name, runs: runs.baselines[i]! })),
  };
}
