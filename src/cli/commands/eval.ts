import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { PassageRecord } from '../../knowledge/index.js';
import { plainBm25, plainPassageBm25 } from '../../eval/baseline.js';
import { calibrate, formatCalibration, type LabelledSignals } from '../../eval/calibrate.js';
import { calibrateConfidence, formatConfidence } from '../../eval/confidence.js';
import { rawTextOf, readCorpora, type Corpus } from '../../eval/corpora.js';
import { formatLeaveOneOut, leaveOneCorpusOut } from '../../eval/leave-one-out.js';
import { formatReport, REPORT_LEGEND } from '../../eval/report.js';
import { emptyRuns, runQuestions, systemsOf, type EvalIndex } from '../../eval/run-questions.js';
import { EvalQuestion } from '../../eval/score.js';
import { projectRoot } from '../../config.js';
import { loadLexicon, type Lexicon } from '../../retrieval/lexicon.js';
import { LocalPassageIndex } from '../../retrieval/local-index.js';
import { ingestIntoTempStore } from '../temp-store.js';
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command } from './command.js';
import { parseCommandArgs } from './options.js';

/** `../shared` beside the project folder, whatever the current directory (as the tests and the bench find it). */
const SHARED = path.join(projectRoot(), '..', 'shared');

const Args = z.object({
  positionals: z.array(z.string()).max(0, 'eval takes options only'),
  corpora: z.string().min(1).default(path.join(SHARED, 'corpus')),
  questions: z.string().min(1).default(path.join(SHARED, 'eval')),
  calibrate: z.boolean().default(false),
  verbose: z.boolean().default(false),
});

interface QuestionSet {
  name: string;
  questions: EvalQuestion[];
}

function readQuestionSets(location: string): QuestionSet[] {
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

/** Balises' index over `passages` and the two plain baselines over the same documents (see eval/baseline.ts). */
function evalIndex(passages: readonly PassageRecord[], files: readonly string[], lexicon: Lexicon): EvalIndex {
  const index = new LocalPassageIndex(passages, lexicon);
  return {
    search: (question, options) => index.searchSync(question, options),
    baselines: [
      { name: 'bm25 raw', run: plainBm25(rawTextOf(files)) },
      { name: 'bm25 pass.', run: plainPassageBm25(passages.map((p) => p.text)) },
    ],
  };
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The corpus of each ingested document id, from the file it came from. */
function corpusOfDocuments(corpora: readonly Corpus[], outcomes: readonly { kind: string; file: string; docId?: string }[]): Map<string, string> {
  const corpusOfFile = new Map(corpora.flatMap((c) => c.files.map((f): [string, string] => [f, c.name])));
  const out = new Map<string, string>();
  for (const o of outcomes) if (o.docId !== undefined) out.set(o.docId, corpusOfFile.get(o.file)!);
  return out;
}

/**
 * `balises eval`: ingests every corpus of the corpora folder once into a temporary database, then scores each
 * question set twice: each question on its own corpus's passages, and on the combined index of all corpora (the
 * deployment case), beside two plain BM25 baselines, overall, per language and per kind. Then the
 * leave-one-corpus-out table; `--calibrate` adds the abstention and confidence calibrations (eval/calibrate.ts,
 * eval/confidence.ts). Exit 1 when a document could not be ingested (it is named on stderr).
 */
export const evalCommand: Command = {
  summary: 'score retrieval on the evaluation question sets, per corpus and on all corpora together, beside plain BM25',
  usage: [
    'eval [--corpora DIR] [--questions DIR|FILE] [--calibrate] [--verbose]',
    '  --corpora DIR    one subfolder per named corpus; README.md and hidden files are not documents (default ../shared/corpus beside the project folder)',
    '  --questions P    .jsonl question set or folder of them (default ../shared/eval beside the project folder); a question\'s "corpus" field',
    '                   names its corpus (default documents)',
    '  --calibrate      also print the abstention and confidence thresholds the questions would choose',
    '  --verbose        one line per question on the combined index: rank of the first good passage, outcome, signals',
  ].join('\n'),
  async run(argv, { io }) {
    const args = parseCommandArgs(
      argv,
      { corpora: { type: 'string' }, questions: { type: 'string' }, calibrate: { type: 'boolean' }, verbose: { type: 'boolean' } },
      Args,
    );
    if (!fs.existsSync(args.corpora) || !fs.statSync(args.corpora).isDirectory()) throw new UsageError(`corpora folder ${args.corpora} not found`);
    if (!fs.existsSync(args.questions)) throw new UsageError(`questions ${args.questions} not found`);
    const sets = readQuestionSets(args.questions);
    const corpora = readCorpora(args.corpora).filter((c) => c.files.length > 0);
    const byName = new Map(corpora.map((c) => [c.name, c]));
    for (const set of sets) {
      for (const q of set.questions) {
        if (!byName.has(q.corpus)) throw new UsageError(`${set.name}: question ${q.id} names corpus "${q.corpus}", not a folder of documents in ${args.corpora}`);
      }
    }
    const files = corpora.flatMap((c) => c.files);
    const temp = await ingestIntoTempStore(files);
    try {
      for (const o of temp.outcomes) if (o.kind === 'failed') io.stderr.write(`${o.file}: ${o.reason}\n`);
      const lexicon = loadLexicon();
      const passages = temp.store.publishedPassages();
      const corpusOf = corpusOfDocuments(corpora, temp.outcomes);
      const combined = evalIndex(passages, files, lexicon);
      const own = new Map<string, { index: EvalIndex; size: number }>();
      const ownIndex = (name: string) => {
        if (!own.has(name)) {
          const subset = passages.filter((p) => corpusOf.get(p.docId) === name);
          own.set(name, { index: evalIndex(subset, byName.get(name)!.files, lexicon), size: subset.length });
        }
        return own.get(name)!;
      };
      const counts = corpora.map((c) => `${c.name} (${plural(c.files.length, 'file')}, ${plural(passages.filter((p) => corpusOf.get(p.docId) === c.name).length, 'passage')})`);
      io.stdout.write(`Corpora in ${args.corpora}: ${counts.join(', ')}\n`);

      const combinedLabelled: LabelledSignals[] = [];
      const ownLabelled: LabelledSignals[] = [];
      for (const set of sets) {
        const names = [...new Set(set.questions.map((q) => q.corpus))];
        const alone = emptyRuns(combined.baselines.length);
        for (const name of names) runQuestions(set.questions.filter((q) => q.corpus === name), ownIndex(name).index, alone);
        const passagesAlone = names.reduce((n, name) => n + ownIndex(name).size, 0);
        const together = runQuestions(set.questions, combined, emptyRuns(combined.baselines.length));
        ownLabelled.push(...alone.labelled);
        combinedLabelled.push(...together.labelled);
        const a = systemsOf(alone, combined);
        const t = systemsOf(together, combined);
        io.stdout.write(`\n${set.name} (${set.questions.length} questions) on its own corpus: ${names.join(', ')} (${passagesAlone} passages)\n`);
        io.stdout.write(`${formatReport(set.questions, a.ours, a.baselines)}\n`);
        io.stdout.write(`\n${set.name} (${set.questions.length} questions) on the combined index: all corpora (${passages.length} passages)\n`);
        io.stdout.write(`${formatReport(set.questions, t.ours, t.baselines)}\n`);
        if (args.verbose) io.stdout.write(`${together.lines.join('\n')}\n`);
      }
      io.stdout.write(`\n${REPORT_LEGEND}\n`);
      if (args.calibrate) {
        const calibration = calibrate(combinedLabelled);
        io.stdout.write(`\n${formatCalibration(calibration, [{ label: 'combined', data: combinedLabelled }, { label: 'own', data: ownLabelled }])}\n`);
        io.stdout.write(`\n${formatConfidence(calibrateConfidence(calibration.best.rule, combinedLabelled))}\n`);
      }
      const heldOut = leaveOneCorpusOut(combinedLabelled);
      io.stdout.write(
        heldOut.length
          ? `\n${formatLeaveOneOut(heldOut, 'combined index')}\n`
          : '\nLeave-one-corpus-out: needs questions on two corpora or more.\n',
      );
      return temp.outcomes.some((o) => o.kind === 'failed') ? EXIT_FAILURE : EXIT_OK;
    } finally {
      temp.dispose();
    }
  },
};
