import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { plainBm25 } from '../../eval/baseline.js';
import { calibrate, formatCalibration } from '../../eval/calibrate.js';
import { formatReport } from '../../eval/report.js';
import { EvalQuestion, firstHitRank, type EvalRun } from '../../eval/score.js';
import { loadLexicon } from '../../retrieval/lexicon.js';
import { LocalPassageIndex } from '../../retrieval/local-index.js';
import { ingestIntoTempStore } from '../temp-store.js';
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command } from './command.js';
import { parseCommandArgs } from './options.js';

const Args = z.object({
  positionals: z.array(z.string()).max(0, 'eval takes options only'),
  corpus: z.array(z.string().min(1)).default(['../shared/corpus/documents']),
  questions: z.string().min(1).default('../shared/eval'),
  calibrate: z.boolean().default(false),
  verbose: z.boolean().default(false),
});

/** Ranks read per question (MRR counts ranks up to 10). */
const EVAL_DEPTH = 10;

function readQuestionSets(location: string): { name: string; questions: EvalQuestion[] }[] {
  const files = fs.statSync(location).isDirectory()
    ? fs.readdirSync(location).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(location, f))
    : [location];
  if (files.length === 0) throw new UsageError(`no .jsonl question set in ${location}`);
  return files.map((file) => ({
    name: path.basename(file),
    questions: fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l, i) => {
        const parsed = EvalQuestion.safeParse(JSON.parse(l));
        if (!parsed.success) throw new UsageError(`${file}:${i + 1}: not an evaluation question`);
        return parsed.data;
      }),
  }));
}

function rawText(dir: string): string {
  const files = fs.statSync(dir).isDirectory() ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [dir];
  return files.filter((f) => /\.(md|markdown|txt)$/i.test(f)).map((f) => fs.readFileSync(f, 'utf8')).join('\n\n');
}

/**
 * `balises eval`: ingests the corpus into a temporary database, runs every question set through retrieval and
 * through a plain BM25 baseline (raw paragraphs, default tokenizer), and prints hit@1, hit@5, all@5, MRR,
 * abstention recall and false abstention overall, per language and per kind. `--calibrate` also prints the
 * abstention thresholds the set would choose (see eval/calibrate.ts).
 */
export const evalCommand: Command = {
  summary: 'score retrieval on the evaluation question sets, beside a plain BM25 baseline',
  usage: [
    'eval [--corpus PATH]... [--questions DIR|FILE] [--calibrate] [--verbose]',
    '  --corpus PATH    documents to index, repeatable (default ../shared/corpus/documents)',
    '  --questions P    .jsonl question set or folder of them (default ../shared/eval)',
    '  --calibrate      print the abstention thresholds this set would choose',
    '  --verbose        one line per question: rank of the first good passage, abstention signals',
  ].join('\n'),
  async run(argv, { io }) {
    const args = parseCommandArgs(
      argv,
      { corpus: { type: 'string', multiple: true }, questions: { type: 'string' }, calibrate: { type: 'boolean' }, verbose: { type: 'boolean' } },
      Args,
    );
    for (const c of args.corpus) if (!fs.existsSync(c)) throw new UsageError(`corpus ${c} not found`);
    if (!fs.existsSync(args.questions)) throw new UsageError(`questions ${args.questions} not found`);
    const sets = readQuestionSets(args.questions);
    const temp = await ingestIntoTempStore(args.corpus);
    try {
      for (const o of temp.outcomes) if (o.kind === 'failed') io.stderr.write(`${o.file}: ${o.reason}\n`);
      const index = new LocalPassageIndex(temp.store.publishedPassages(), loadLexicon());
      const baseline = plainBm25(args.corpus.map(rawText).join('\n\n'));
      io.stdout.write(`Corpus: ${args.corpus.join(', ')} (${index.size} passages)\n`);
      for (const set of sets) {
        const ours = new Map<string, EvalRun>();
        const base = new Map<string, EvalRun>();
        const signals = [];
        for (const q of set.questions) {
          const r = index.searchSync(q.question, { k: EVAL_DEPTH });
          ours.set(q.id, { id: q.id, abstained: r.abstained, texts: r.passages.map((p) => p.passage.text) });
          base.set(q.id, baseline(q.id, q.question, EVAL_DEPTH));
          signals.push({ outOfScope: q.evidence.length === 0, signals: r.signals });
          if (args.verbose) {
            const texts = r.passages.map((p) => p.passage.text);
            const rank = q.evidence.length ? (firstHitRank(texts, q.evidence) ?? '-') : 'n/a';
            io.stdout.write(
              `${q.id} ${q.lang} ${q.kind.padEnd(12)} rank=${rank} abstained=${r.abstained} coverage=${r.signals.coverage.toFixed(2)} score=${r.signals.normalisedScore.toFixed(2)} top=${r.passages.slice(0, 3).map((p) => p.passage.section.id).join(',')}\n`,
            );
          }
        }
        io.stdout.write(`\n${set.name} (${set.questions.length} questions)\n`);
        io.stdout.write(`${formatReport(set.questions, [{ name: 'balises', runs: ours }, { name: 'bm25', runs: base }])}\n`);
        if (args.calibrate) io.stdout.write(`\n${formatCalibration(calibrate(signals))}\n`);
      }
      return temp.outcomes.some((o) => o.kind === 'failed') ? EXIT_FAILURE : EXIT_OK;
    } finally {
      temp.dispose();
    }
  },
};
