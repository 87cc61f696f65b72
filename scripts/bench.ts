/**
 * `npm run bench`: performance figures of Balises against its targets (not a test: nothing is asserted).
 *
 * Measures, on loopback only and with bounded loops:
 * - cold ingest of the real corpus (`../shared/corpus/documents`) into a fresh temporary SQLite file;
 * - cold ingest of a long real PDF (`--pdf FILE`, else $BALISES_BENCH_PDF, else /tmp/debian-reference.fr.pdf: the
 *   ~265-page French Debian reference from Debian's `debian-reference-fr` package), skipped with a note when absent;
 * - retrieval latency per question (the questions of `../shared/eval/*.jsonl`) on the real corpus and on a
 *   synthetic corpus of 10 000 passages (real passages plus deterministic synthetic ones, see src/bench);
 * - one full HTTP turn, POST /api/messages until the reply reaches a fake Bot Framework connector, at
 *   concurrency 1 and 10 with the server in this process, and 1, 10 and 50 with the server spawned; and the CPU
 *   time per turn (ms): in this process from `process.cpuUsage` (server, fake connector and driver together), for
 *   the spawned server from /proc (the server alone). Concurrency 50 runs against the spawned server only: in one
 *   process with its driver and connector, 50 turns in flight starve the event loop of all three;
 * - start to ready: `node dist/src/server/main.js` spawned on the ingested data until GET /readyz answers 200;
 * - resident memory of that server process after it has served turns, and of this bench process;
 * - the notification outbox's delivery latency: commit of a submission → review card at the connector (./bench-outbox.ts);
 * - `inventaire exporter json` in Teams at 3 000 large declarations: consent card, then its acceptance (./bench-export.ts).
 * Prints a table, then one JSON line. Options: --corpus DIR, --eval DIR, --pdf FILE, --passages N, --rounds N.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openKnowledgeService } from '../src/answers/open.js';
import { createProposalService } from '../src/documents/proposals.js';
import { openDocumentAdminStore } from '../src/documents/store.js';
import { summarise, type LatencySummary } from '../src/bench/stats.js';
import { syntheticPassages } from '../src/bench/synthetic-corpus.js';
import { ingestPaths } from '../src/knowledge/ingest.js';
import { openKnowledgeStore } from '../src/knowledge/store.js';
import { loadLexicon, type Lexicon } from '../src/retrieval/lexicon.js';
import type { PassageRecord } from '../src/knowledge/types.js';
import { LocalPassageIndex } from '../src/retrieval/local-index.js';
import type { PassageIndex } from '../src/retrieval/types.js';
import { createServer } from '../src/server/http.js';
import { createLogger } from '../src/server/logger.js';
import { measureOutboxDelivery, type OutboxLatency } from './bench-outbox.js';
import { measureInventoryExport, type ExportTimings } from './bench-export.js';
import { FakeConnector } from '../test/helpers/fake-connector.js';
import { postActivity, teamsMessage } from '../test/helpers/teams-activity.js';

/** Targets from issue 2, §6. */
const TARGETS = {
  retrievalP95AtScaleMs: 5,
  turnP95AtConcurrency10Ms: 50,
  startToReadyMs: 3_000,
  rssBytes: 250 * 1024 * 1024,
  hostileTurnP95Ms: 1_000,
} as const;
/** The bench's Teams user (teamsMessage's default), made a governance admin of the server process so that its
 *  admin-only commands are measured too. */
const BENCH_ADMIN_ID = '00000000-0000-0000-0000-0000000000aa';
/**
 * Messages whose command patterns once read a long run in quadratic or worse time, holding the one thread every
 * conversation shares (adversarial pass, stop 29: `retirer a` + 4 000 spaces took 27 s): each command word followed
 * by a run of blanks as long as Teams lets a person paste, runs of « ! » after an id, and a 9 000-word `rétablir`.
 */
const HOSTILE_TEXTS: readonly string[] = [
  ...['retirer a', 'retirer : a', 'rétablir a b', 'historique a', '/publier x', '/source a b', 'sources', 'aide', 'propositions', 'signalement traité a', 'mes déclarations', 'inventaire exporter', 'inventaire !'].map(
    (words) => `${words}${' '.repeat(28_000)}y`,
  ),
  ...['retirer x', 'signalement traité x'].map((words) => `${words}${'!'.repeat(28_000)}y z`),
  `rétablir a x ${'IA '.repeat(9_000)}y`,
];
/** Passages retrieved per question (what the answer service asks for). */
const RETRIEVAL_K = 5;
/** Turns per concurrency level; warm-up turns are not counted. */
const WARM_UP_TURNS = 10;
const TURNS_AT_CONCURRENCY_1 = 60;
const TURNS_AT_CONCURRENCY_10 = 200;
const TURNS_AT_CONCURRENCY_50 = 400;
/** Every bench turn comes from one fictional person: the spawned server's rate limit must not apply. */
const UNLIMITED_BURST = '1000000';
/** A turn whose reply has not arrived after this long fails the bench. */
const TURN_TIMEOUT_MS = 10_000;
/** Start-to-ready runs, and how long one may take before the bench gives up on it. */
const START_RUNS = 3;
const START_TIMEOUT_MS = 20_000;
const READY_POLL_INTERVAL_MS = 5;

/** Where the long French PDF is looked for when neither --pdf nor $BALISES_BENCH_PDF names it. */
const DEFAULT_LONG_PDF = '/tmp/debian-reference.fr.pdf';

const Options = z.object({
  corpus: z.string().min(1),
  pdf: z.string().min(1),
  eval: z.string().min(1),
  passages: z.coerce.number().int().min(1).max(1_000_000),
  rounds: z.coerce.number().int().min(1).max(100),
});
type Options = z.infer<typeof Options>;

/** The repository root: the nearest folder above this module holding package.json (works from dist/scripts). */
function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('package.json not found above the bench script');
}

function parseOptions(argv: string[], root: string): Options {
  const { values } = parseArgs({
    args: argv,
    options: { corpus: { type: 'string' }, eval: { type: 'string' }, pdf: { type: 'string' }, passages: { type: 'string' }, rounds: { type: 'string' } },
  });
  const parsed = Options.safeParse({
    corpus: path.resolve(values.corpus ?? path.join(root, '../shared/corpus/documents')),
    eval: path.resolve(values.eval ?? path.join(root, '../shared/eval')),
    pdf: path.resolve(values.pdf ?? process.env.BALISES_BENCH_PDF ?? DEFAULT_LONG_PDF),
    passages: values.passages ?? 10_000,
    rounds: values.rounds ?? 5,
  });
  if (!parsed.success) throw new Error(`bench: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** What the cold ingest of the long PDF gave: its size in pages, passages and sections, and the time it took. */
interface LongPdfIngest {
  file: string;
  pages: number;
  passages: number;
  sections: number;
  ms: number;
}

/**
 * Ingests `file` cold into a fresh SQLite file under `tmp` and times it (extraction, cleaning, sections, passages,
 * storage). `pages` is the last page any passage cites.
 * @returns null when the file does not exist; @throws when it exists but cannot be ingested
 */
async function measureLongPdfIngest(file: string, tmp: string): Promise<LongPdfIngest | null> {
  if (!fs.existsSync(file)) return null;
  const store = openKnowledgeStore(path.join(tmp, 'long-pdf.db'));
  try {
    const started = performance.now();
    const report = await ingestPaths({ store }, [file], { ingestedBy: 'bench' });
    const ms = performance.now() - started;
    const outcome = report.kind === 'completed' ? report.outcomes[0] : undefined;
    if (outcome?.kind !== 'ingested') throw new Error(`bench: ${file}: ${outcome && 'reason' in outcome ? outcome.reason : 'not ingested'}`);
    const passages = store.publishedPassages();
    return {
      file,
      pages: Math.max(0, ...passages.map((p) => p.pages?.to ?? 0)),
      passages: passages.length,
      sections: new Set(passages.map((p) => p.section.id)).size,
      ms: Math.round(ms),
    };
  } finally {
    store.close();
  }
}

/**
 * Builds the index of `passages` as the server does after a publication (LocalPassageIndex.build, a slice at a
 * time) and measures the longest event-loop delay meanwhile (monitorEventLoopDelay, 10 ms resolution): what another
 * user's turn waits at most while the index is rebuilt.
 */
async function measureSlicedBuild(passages: readonly PassageRecord[], lexicon: Lexicon): Promise<{ ms: number; maxStallMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  await LocalPassageIndex.build(passages, lexicon);
  const ms = performance.now() - started;
  delay.disable();
  return { ms: Math.round(ms), maxStallMs: Math.round(delay.max / 1e6) };
}

/** Proposing the long PDF as an admin does in Teams: the time it took, and the bot's longest event-loop stall meanwhile. */
interface LongPdfProposal {
  ms: number;
  maxStallMs: number;
}

/**
 * Proposes `file` as a file sent in Teams is proposed (read in a worker thread: see extractOffThread) into a fresh
 * store under `tmp`, and measures the longest event-loop delay of this process meanwhile (perf_hooks
 * monitorEventLoopDelay, 10 ms resolution): what every other conversation would wait at most for its turn.
 * @returns null when the file does not exist; @throws when it exists but is not proposed
 */
async function measureLongPdfProposal(file: string, tmp: string): Promise<LongPdfProposal | null> {
  if (!fs.existsSync(file)) return null;
  const store = openDocumentAdminStore(path.join(tmp, 'long-pdf-proposal.db'));
  const delay = monitorEventLoopDelay({ resolution: 10 });
  try {
    const proposals = createProposalService({ store });
    const bytes = fs.readFileSync(file);
    delay.enable();
    const started = performance.now();
    const result = await proposals.propose({ bytes, fileName: path.basename(file), origin: { kind: 'file' }, proposedBy: { id: 'bench', name: 'bench' } });
    const ms = performance.now() - started;
    delay.disable();
    if (result.kind !== 'proposed') throw new Error(`bench: ${file}: not proposed (${result.kind})`);
    return { ms: Math.round(ms), maxStallMs: Math.round(delay.max / 1e6) };
  } finally {
    store.close();
  }
}

/** The `question` of every line of every `*.jsonl` file in `dir`. */
function readQuestions(dir: string): string[] {
  const Line = z.object({ question: z.string() });
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      fs
        .readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => Line.parse(JSON.parse(l)).question),
    );
}

/** Latency of `index.search` for every question, over `rounds` rounds after one warm-up round. */
async function measureRetrieval(index: PassageIndex, questions: string[], rounds: number): Promise<LatencySummary> {
  for (const q of questions) await index.search(q, { k: RETRIEVAL_K });
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const started = performance.now();
      await index.search(q, { k: RETRIEVAL_K });
      samples.push(performance.now() - started);
    }
  }
  return summarise(samples);
}

/** Latency of the measured turns of a run, and the CPU time they took per turn (null when it cannot be read). */
interface TurnRun {
  latency: LatencySummary;
  cpuMsPerTurn: number | null;
}

/** CPU time (user + system) this process has used, in ms. */
function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** CPU time (user + system) process `pid` has used, in ms, from /proc (Linux, 100 clock ticks a second); null elsewhere. */
function processCpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    // After the command name: state is field 3, so utime (14) and stime (15) are at 11 and 12.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Posts turns to a bot and times each until its first reply message reaches the connector. */
class TurnDriver {
  private next = 0;

  /** @param cpuMs the CPU time used so far by what is measured, in ms */
  constructor(
    private readonly baseUrl: string,
    private readonly connector: FakeConnector,
    private readonly questions: string[],
    private readonly cpuMs: () => number | null = ownCpuMs,
  ) {}

  /** One turn, in milliseconds. @throws when the bot refuses the activity or no reply arrives in time */
  async turn(): Promise<number> {
    const n = this.next++;
    const conversationId = `a:bench-${n}`;
    const activity = teamsMessage(this.questions[n % this.questions.length]!, { serviceUrl: this.connector.serviceUrl, conversationId });
    const started = performance.now();
    const posted = postActivity(this.baseUrl, activity);
    await this.connector.waitForMessages(conversationId, 1, TURN_TIMEOUT_MS);
    const elapsed = performance.now() - started;
    const status = await posted;
    if (status < 200 || status >= 300) throw new Error(`turn ${n}: POST /api/messages answered ${status}`);
    return elapsed;
  }

  /** `total` turns with `concurrency` of them in flight at a time, after WARM_UP_TURNS unmeasured ones. */
  async run(total: number, concurrency: number): Promise<TurnRun> {
    for (let i = 0; i < WARM_UP_TURNS; i++) await this.turn();
    const cpuBefore = this.cpuMs();
    const samples: number[] = [];
    let started = 0;
    const worker = async () => {
      while (started < total) {
        started++;
        samples.push(await this.turn());
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const cpuAfter = this.cpuMs();
    this.connector.reset();
    const cpuMsPerTurn = cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) / samples.length) * 1000) / 1000;
    return { latency: summarise(samples), cpuMsPerTurn };
  }
}

/** A TCP port free at the time of the call, on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A spawned Balises server and the milliseconds from spawn to its first 200 on GET /readyz. */
interface StartedServer {
  child: ChildProcess;
  baseUrl: string;
  readyMs: number;
}

async function startServerProcess(root: string, dataDir: string): Promise<StartedServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'dist/src/server/main.js')], {
    env: { BALISES_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', RATE_LIMIT_BURST: UNLIMITED_BURST, GOVERNANCE_ADMIN_IDS: BENCH_ADMIN_ID },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const deadline = started + START_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before ready: ${stderr.trim()}`);
    const status = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(1_000) }).then(
      async (res) => {
        await res.arrayBuffer();
        return res.status;
      },
      () => 0,
    );
    if (status === 200) return { child, baseUrl, readyMs: performance.now() - started };
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_INTERVAL_MS));
  }
  child.kill('SIGTERM');
  throw new Error(`server not ready after ${START_TIMEOUT_MS} ms: ${stderr.trim()}`);
}

async function stopServerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** Resident set size of a process in bytes, from /proc (Linux); null elsewhere. */
function residentBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const mb = (bytes: number | null) => (bytes === null ? null : Math.round((bytes / 1024 / 1024) * 10) / 10);

interface Row {
  measure: string;
  median: string;
  p95: string;
  target: string;
  verdict: string;
}

function latencyRow(measure: string, s: LatencySummary, targetP95Ms?: number): Row {
  return {
    measure: `${measure} (n=${s.count})`,
    median: `${s.medianMs.toFixed(2)} ms`,
    p95: `${s.p95Ms.toFixed(2)} ms`,
    target: targetP95Ms === undefined ? '' : `p95 ≤ ${targetP95Ms} ms`,
    verdict: targetP95Ms === undefined ? '' : s.p95Ms <= targetP95Ms ? 'met' : 'MISSED',
  };
}

function cpuRow(measure: string, run: TurnRun): Row {
  return { measure, median: run.cpuMsPerTurn === null ? 'n/a' : `${run.cpuMsPerTurn.toFixed(2)} ms`, p95: '', target: '', verdict: '' };
}

/** The rows of `inventaire exporter json` (see measureInventoryExport): one run each, no percentile. */
function exportRows(t: ExportTimings): Row[] {
  const what = `${t.declarations} declarations, ${t.fileMb} MB of JSON`;
  const row = (measure: string, ms: number): Row => ({ measure, median: `${ms} ms`, p95: '', target: '', verdict: '' });
  return [
    row(`inventory export in Teams (${what}): command → consent card`, t.consentMs),
    row('longest event-loop stall while its file is made', t.consentMaxStallMs),
    row('inventory export: accept → fileConsent/invoke answered (Teams waits ~15 s)', t.acceptMs),
    row('longest event-loop stall during that accept', t.acceptMaxStallMs),
    row('inventory export: accept of a card whose file is no longer kept (made again)', t.acceptRebuiltMs),
    row('longest event-loop stall during that accept', t.acceptRebuiltMaxStallMs),
  ];
}

function printTable(rows: Row[]): void {
  const header: Row = { measure: 'measure', median: 'median', p95: 'p95', target: 'target', verdict: 'verdict' };
  const keys = Object.keys(header) as (keyof Row)[];
  const widths = keys.map((k) => Math.max(...[header, ...rows].map((r) => r[k].length)));
  const line = (r: Row) => keys.map((k, i) => r[k].padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const root = repositoryRoot();
  const options = parseOptions(process.argv.slice(2), root);
  const questions = readQuestions(options.eval);
  if (questions.length === 0) throw new Error(`bench: no questions in ${options.eval}/*.jsonl`);
  const loadAtStart = os.loadavg();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'balises-bench-'));
  const logger = createLogger({ logLevel: 'silent' });
  try {
    const databaseFile = path.join(tmp, 'balises.db');
    const store = openKnowledgeStore(databaseFile);
    const ingestStarted = performance.now();
    const report = await ingestPaths({ store }, [options.corpus], { ingestedBy: 'bench' });
    const ingestMs = performance.now() - ingestStarted;
    if (report.kind === 'rejected') throw new Error(`bench: ingest rejected: ${report.reason}`);
    for (const o of report.outcomes) if (o.kind === 'failed') console.error(`bench: ${o.file}: ${o.reason}`);
    const real = store.publishedPassages();
    store.close();
    if (real.length === 0) throw new Error(`bench: no passage ingested from ${options.corpus}`);
    const longPdf = await measureLongPdfIngest(options.pdf, tmp);
    const longPdfProposal = await measureLongPdfProposal(options.pdf, tmp);

    const lexicon = loadLexicon();
    const realIndex = new LocalPassageIndex(real, lexicon);
    const realRetrieval = await measureRetrieval(realIndex, questions, options.rounds);

    const synthetic = syntheticPassages(Math.max(0, options.passages - real.length), 2024);
    const buildStarted = performance.now();
    const largeIndex = new LocalPassageIndex([...real, ...synthetic], lexicon);
    const buildMs = performance.now() - buildStarted;
    const largeRetrieval = await measureRetrieval(largeIndex, questions, options.rounds);
    const rebuild = await measureSlicedBuild([...real, ...synthetic], lexicon);
    const realIds = new Set(real.map((p) => p.id));
    let realFirst = 0;
    let answered = 0;
    for (const q of questions) {
      const result = largeIndex.searchSync(q, { k: RETRIEVAL_K });
      if (result.abstained) continue;
      answered++;
      if (result.passages[0] && realIds.has(result.passages[0].passage.id)) realFirst++;
    }

    const connector = await new FakeConnector().start();
    const knowledge = openKnowledgeService(databaseFile, { lexicon });
    const server = createServer({ config: { host: '127.0.0.1', port: 0, bot: null }, knowledge, logger });
    const { port } = await server.listen();
    let turns1: TurnRun;
    let turns10: TurnRun;
    let outbox: OutboxLatency;
    let inventoryExport: ExportTimings;
    try {
      const driver = new TurnDriver(`http://127.0.0.1:${port}`, connector, questions);
      turns1 = await driver.run(TURNS_AT_CONCURRENCY_1, 1);
      turns10 = await driver.run(TURNS_AT_CONCURRENCY_10, 10);
    } finally {
      await server.close();
    }
    try {
      outbox = await measureOutboxDelivery(tmp, knowledge, logger);
      inventoryExport = await measureInventoryExport(tmp, knowledge, logger);
    } finally {
      knowledge.close();
    }

    const startSamples: number[] = [];
    let serverRss: number | null = null;
    let serverTurns1: TurnRun | null = null;
    let serverTurns10: TurnRun | null = null;
    let serverTurns50: TurnRun | null = null;
    let serverHostile: TurnRun | null = null;
    try {
      for (let run = 0; run < START_RUNS; run++) {
        const started = await startServerProcess(root, tmp);
        startSamples.push(started.readyMs);
        try {
          if (run === START_RUNS - 1) {
            const pid = started.child.pid!;
            const driver = new TurnDriver(started.baseUrl, connector, questions, () => processCpuMs(pid));
            serverTurns1 = await driver.run(TURNS_AT_CONCURRENCY_1, 1);
            serverTurns10 = await driver.run(TURNS_AT_CONCURRENCY_10, 10);
            serverTurns50 = await driver.run(TURNS_AT_CONCURRENCY_50, 50);
            serverHostile = await new TurnDriver(started.baseUrl, connector, [...HOSTILE_TEXTS], () => processCpuMs(pid)).run(HOSTILE_TEXTS.length * 2, 1);
            serverRss = residentBytes(started.child.pid!);
          }
        } finally {
          await stopServerProcess(started.child);
        }
      }
    } finally {
      await connector.stop();
    }
    const startToReady = summarise(startSamples);

    (globalThis as { gc?: () => void }).gc?.();
    const benchRss = process.memoryUsage().rss;

    const rssRow = (measure: string, bytes: number | null, target: boolean): Row => ({
      measure,
      median: bytes === null ? 'n/a' : `${mb(bytes)} MB`,
      p95: '',
      target: target ? `≤ ${mb(TARGETS.rssBytes)} MB` : '',
      verdict: !target || bytes === null ? '' : bytes <= TARGETS.rssBytes ? 'met' : 'MISSED',
    });
    const rows: Row[] = [
      { measure: `ingest real corpus, cold (${real.length} passages)`, median: `${ingestMs.toFixed(1)} ms`, p95: '', target: '', verdict: '' },
      ...(longPdf
        ? [{ measure: `ingest long PDF, cold (${longPdf.pages} pages, ${longPdf.sections} sections, ${longPdf.passages} passages)`, median: `${longPdf.ms} ms`, p95: '', target: '', verdict: '' }]
        : []),
      ...(longPdfProposal
        ? [
            { measure: 'propose long PDF as in Teams (read in a worker thread)', median: `${longPdfProposal.ms} ms`, p95: '', target: '', verdict: '' },
            { measure: 'longest event-loop stall while proposing it', median: `${longPdfProposal.maxStallMs} ms`, p95: '', target: '', verdict: '' },
          ]
        : []),
      latencyRow(`retrieval, real corpus (${real.length} passages)`, realRetrieval),
      { measure: `index build, ${real.length + synthetic.length} passages`, median: `${buildMs.toFixed(1)} ms`, p95: '', target: '', verdict: '' },
      { measure: `index rebuild as the server does it after a publication (sliced), ${real.length + synthetic.length} passages`, median: `${rebuild.ms} ms`, p95: '', target: '', verdict: '' },
      { measure: 'longest event-loop stall while rebuilding it', median: `${rebuild.maxStallMs} ms`, p95: '', target: '', verdict: '' },
      latencyRow(`retrieval, ${real.length + synthetic.length} passages`, largeRetrieval, TARGETS.retrievalP95AtScaleMs),
      latencyRow('HTTP turn, concurrency 1', turns1.latency),
      latencyRow('HTTP turn, concurrency 10', turns10.latency, TARGETS.turnP95AtConcurrency10Ms),
      cpuRow('turn CPU, concurrency 10 (server + connector + driver)', turns10),
      ...(serverTurns1 ? [latencyRow('HTTP turn, concurrency 1, spawned server', serverTurns1.latency)] : []),
      ...(serverTurns10 ? [latencyRow('HTTP turn, concurrency 10, spawned server', serverTurns10.latency, TARGETS.turnP95AtConcurrency10Ms)] : []),
      ...(serverTurns50 ? [latencyRow('HTTP turn, concurrency 50, spawned server', serverTurns50.latency)] : []),
      ...(serverTurns10 ? [cpuRow('turn CPU, concurrency 10, spawned server', serverTurns10)] : []),
      ...(serverTurns50 ? [cpuRow('turn CPU, concurrency 50, spawned server', serverTurns50)] : []),
      ...(serverHostile
        ? [latencyRow(`HTTP turn, hostile command texts (${HOSTILE_TEXTS.length}: 28 000-character runs), spawned server`, serverHostile.latency, TARGETS.hostileTurnP95Ms)]
        : []),
      {
        ...latencyRow('start to ready', startToReady),
        target: `≤ ${TARGETS.startToReadyMs} ms`,
        verdict: startToReady.maxMs <= TARGETS.startToReadyMs ? 'met' : 'MISSED',
      },
      latencyRow('outbox delivery, commit → review card at connector, one at a time', outbox.sequential),
      latencyRow('outbox delivery, commit → review card at connector, burst of submits', outbox.burst),
      ...exportRows(inventoryExport),
      rssRow('RSS, spawned server after turns', serverRss, true),
      rssRow('RSS, bench process after runs', benchRss, false),
    ];
    const load = loadAtStart.map((l) => l.toFixed(2)).join(' ');
    console.log(
      `Balises bench — ${questions.length} questions, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ` +
        `load average ${load} at start / ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at end (other work on the machine inflates p95)`,
    );
    printTable(rows);
    if (!longPdf) console.log(`Long PDF ingest skipped: ${options.pdf} not found (--pdf FILE or BALISES_BENCH_PDF; Debian's debian-reference-fr package ships one).`);
    console.log(`At ${real.length + synthetic.length} passages a real passage ranks first for ${realFirst}/${answered} answered questions.`);
    console.log(
      JSON.stringify({
        bench: {
          questions: questions.length,
          cpus: os.cpus().length,
          loadAverageAtStart: loadAtStart.map((l) => Math.round(l * 100) / 100),
          realPassages: real.length,
          ingestColdMs: Math.round(ingestMs * 10) / 10,
          ingestLongPdf: longPdf,
          proposeLongPdf: longPdfProposal,
          retrievalReal: realRetrieval,
          retrievalAtScale: { passages: real.length + synthetic.length, buildMs: Math.round(buildMs * 10) / 10, ...largeRetrieval },
          slicedRebuild: rebuild,
          turnConcurrency1: turns1,
          turnConcurrency10: turns10,
          turnConcurrency1SpawnedServer: serverTurns1,
          turnConcurrency10SpawnedServer: serverTurns10,
          turnConcurrency50SpawnedServer: serverTurns50,
          hostileTurnsSpawnedServer: serverHostile,
          startToReady,
          outboxDelivery: outbox,
          inventoryExport,
          serverRssMb: mb(serverRss),
          benchRssMb: mb(benchRss),
          targets: {
            retrievalP95AtScaleMs: TARGETS.retrievalP95AtScaleMs,
            turnP95AtConcurrency10Ms: TARGETS.turnP95AtConcurrency10Ms,
            startToReadyMs: TARGETS.startToReadyMs,
            rssMb: mb(TARGETS.rssBytes),
            hostileTurnP95Ms: TARGETS.hostileTurnP95Ms,
          },
        },
      }),
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
