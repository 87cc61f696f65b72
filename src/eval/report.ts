import { showRate } from './grid.js';
import { groups, score, type EvalQuestion, type EvalRun } from './score.js';

/** A system under evaluation: a name and its runs by question id. */
export interface EvaluatedSystem {
  name: string;
  runs: ReadonlyMap<string, EvalRun>;
}

const OURS = ['hit@1', 'hit@5', 'all@5', 'MRR', 'abst', 'false', 'unc+', 'unc-'];
const BASELINE = ['hit@5', 'all@5', 'MRR'];
const CELL = 5;

/** A column group's title centred over its columns, e.g. `------- balises -------`. */
function banner(title: string, columns: number): string {
  const width = columns * (CELL + 1) - 1;
  const text = ` ${title} `;
  const left = Math.max(0, Math.floor((width - text.length) / 2));
  return `${'-'.repeat(left)}${text}${'-'.repeat(Math.max(0, width - left - text.length))}`;
}

/**
 * Formats one evaluation table: one row per group (overall, per language, per kind), with Balises' figures (hit@1,
 * hit@5, all@5, MRR, abstention recall `abst`, false abstention `false`, share of in-scope questions answered
 * `uncertain` `unc+`, share of out-of-scope questions answered `uncertain` `unc-`) and beside them each
 * baseline's hit@5, all@5 and MRR (baselines never abstain). `-` where a group has no question of that sort.
 */
export function formatReport(questions: readonly EvalQuestion[], ours: EvaluatedSystem, baselines: readonly EvaluatedSystem[]): string {
  const cols = (names: string[]) => names.map((n) => n.padStart(CELL)).join(' ');
  const lead = ''.padEnd(22);
  const lines = [
    `${lead}  ${[banner(ours.name, OURS.length), ...baselines.map((b) => banner(b.name, BASELINE.length))].join('  ')}`,
    `${'group'.padEnd(18)}   n  ${[cols(OURS), ...baselines.map(() => cols(BASELINE))].join('  ')}`,
  ];
  for (const [key, qs] of groups(questions)) {
    const f = score(qs, ours.runs);
    const mine = [f.hit1, f.hit5, f.all5, f.mrr, f.abstentionRecall, f.falseAbstention, f.uncertainInScope, f.uncertainOutOfScope];
    const theirs = baselines.map((b) => {
      const g = score(qs, b.runs);
      return [g.hit5, g.all5, g.mrr].map((x) => showRate(x)).join(' ');
    });
    lines.push(`${key.padEnd(18)} ${String(f.questions).padStart(3)}  ${[mine.map((x) => showRate(x)).join(' '), ...theirs].join('  ')}`);
  }
  return lines.join('\n');
}

/** The legend printed once under the tables. */
export const REPORT_LEGEND =
  'abst: out-of-scope questions abstained on; false: in-scope questions abstained on; unc+ / unc-: in-scope / out-of-scope questions answered "uncertain".\n' +
  'bm25 raw: plain BM25 over the raw files cut at blank lines; bm25 pass.: plain BM25 over Balises\' passages (no headings, lexicon, stemming); both lower-case only, never abstain.';
