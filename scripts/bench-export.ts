import path from 'node:path';
import type { Logger } from 'pino';
import type { OpenedKnowledgeService } from '../src/answers/open.js';
import { createInventoryService, loadAssessmentRules, type Actor } from '../src/inventory/index.js';
import { openSqliteInventoryRepository } from '../src/inventory/sqlite-repository.js';
import { createServer } from '../src/server/http.js';
import { fileConsentAction, invoke, userMessage, type ConversationOptions } from '../test/helpers/card-activities.js';
import { CardConnector } from '../test/helpers/card-connector.js';
import { sampleAssessment, validDraft } from '../test/helpers/declarations.js';
import { UploadSessionServer } from '../test/helpers/upload-session-server.js';

/** Declarations in the inventory exported, each with its long answers near their limit. */
const DECLARATIONS = 3_000;
/** Characters of each long answer (purpose, benefits, data, oversight): a large declaration, not a typical one. */
const LONG_ANSWER_CHARS = 1_500;
const ADMIN: Actor = { id: '0000000b-0000-4000-8000-0000000000aa', name: 'Admin du banc' };
/** A consent card or an accepted upload that has not come after this long fails the bench. */
const STEP_TIMEOUT_MS = 120_000;

/** What `inventaire exporter json` costs in Teams at DECLARATIONS declarations, in ms (event-loop stalls included). */
export interface ExportTimings {
  declarations: number;
  fileMb: number;
  /** Command posted → consent card at the connector (the file is made meanwhile). */
  consentMs: number;
  /** The longest event-loop stall while the file is made for that card: what every other conversation waited at most. */
  consentMaxStallMs: number;
  /** « Autoriser » on that card → `fileConsent/invoke` answered (what Teams waits for, about 15 s at most). */
  acceptMs: number;
  /** The longest event-loop stall during that accept: what every other conversation waited at most. */
  acceptMaxStallMs: number;
  /** The same accept for a card the bot no longer holds the file of (older than it keeps them, or a restart). */
  acceptRebuiltMs: number;
  /** The longest event-loop stall during that accept, the file made again. */
  acceptRebuiltMaxStallMs: number;
}

/**
 * Watches this thread's event loop from now: `stop()` returns the longest it went without running a 10 ms timer, in
 * ms, the gap up to the call included. monitorEventLoopDelay missed stalls that ended just before it was disabled
 * (an acceptance whose file was made again for 3 s showed 46 ms).
 */
function watchStalls(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const tick = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  };
  const timer = setInterval(tick, 10);
  return {
    stop() {
      tick();
      clearInterval(timer);
      return Math.round(longest);
    },
  };
}

/**
 * Waits until this thread's event loop has run a 10 ms timer on time (within 50 ms) for 500 ms on end, at most
 * `STEP_TIMEOUT_MS`: the server's outbox worker, started with it, first goes over the review cards the 3 000
 * submissions queued, holding the thread for seconds that are not the export's.
 */
async function settled(): Promise<void> {
  const until = performance.now() + STEP_TIMEOUT_MS;
  while (performance.now() < until) {
    const stalls = watchStalls();
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (stalls.stop() <= 50) return;
  }
}

/**
 * Measures the inventory export in Teams over the real path (`POST /api/messages`, SQLite inventory in `tmp`): the
 * command's consent card, then its acceptance, uploaded to a local server speaking OneDrive's upload session.
 */
export async function measureInventoryExport(tmp: string, knowledge: OpenedKnowledgeService, logger: Logger): Promise<ExportTimings> {
  const repository = openSqliteInventoryRepository(path.join(tmp, 'export-bench.db'));
  const long = (label: string, i: number) => `${label} fictif ${i}. `.padEnd(LONG_ANSWER_CHARS, ' Texte fictif de banc d’essai.');
  for (let i = 0; i < DECLARATIONS; i++) {
    const actor: Actor = { id: `0000000b-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Déclarant du banc ${i}` };
    const draft = await repository.createDraft(
      actor,
      { ...validDraft(), name: `Cas fictif ${i}`, purpose: long('But', i), benefits: long('Bénéfice', i), dataDescription: long('Données', i), humanOversight: long('Supervision', i) },
      new Date().toISOString(),
    );
    await repository.submit(draft.id, draft.revision, { assessment: sampleAssessment(), actor, key: `bench-${i}`, now: new Date().toISOString() });
  }
  const connector = await new CardConnector().start();
  const service = createInventoryService({ repository, rules: loadAssessmentRules(), lookup: knowledge.passageLookup(), governanceAdminIds: [ADMIN.id] });
  const server = createServer({
    config: { host: '127.0.0.1', port: 0, bot: null },
    knowledge,
    logger,
    inventory: { service, conversations: repository, governanceAdminIds: [ADMIN.id], outbox: repository },
  });
  const { port } = await server.listen();
  const baseUrl = `http://127.0.0.1:${port}`;
  const as: ConversationOptions = {
    serviceUrl: connector.serviceUrl,
    from: { id: '29:bench-admin', name: ADMIN.name, aadObjectId: ADMIN.id },
    conversationId: 'a:bench-export',
  };

  /**
   * Accepts the card with `context`, uploading to a server of its own: a keep-alive connection to an earlier one,
   * closed by it after 5 s idle while the file was made, would fail the upload for a reason that is not the bot's.
   */
  async function accept(context: unknown, name: string): Promise<{ ms: number; maxStallMs: number }> {
    const onedrive = await new UploadSessionServer().start();
    try {
      return await acceptWith(onedrive, context, name);
    } finally {
      await onedrive.stop();
    }
  }

  async function acceptWith(onedrive: UploadSessionServer, context: unknown, name: string): Promise<{ ms: number; maxStallMs: number }> {
    const uploadUrl = onedrive.open(name);
    const info = { name, uploadUrl, contentUrl: `https://contoso.sharepoint.example/${name}`, uniqueId: 'BENCH', fileType: 'json' };
    const stalls = watchStalls();
    const started = performance.now();
    const res = await invoke(baseUrl, fileConsentAction('accept', context, as, info));
    const ms = performance.now() - started;
    const maxStallMs = stalls.stop();
    if (res.status !== 200) throw new Error(`bench: accept answered ${res.status}`);
    if (!onedrive.files.has(new URL(uploadUrl).pathname)) {
      throw new Error(`bench: the accepted export was not uploaded (${connector.messages(as.conversationId).at(-1)?.body.text ?? 'no reply'})`);
    }
    return { ms: Math.round(ms), maxStallMs };
  }

  try {
    await settled();
    const stalls = watchStalls();
    const started = performance.now();
    const posted = await invoke(baseUrl, userMessage('inventaire exporter json', as));
    if (posted.status !== 200) throw new Error(`bench: command answered ${posted.status}`);
    const [reply] = await connector.waitFor((c) => c.conversationId === as.conversationId && Boolean(c.body.attachments?.length), 1, STEP_TIMEOUT_MS);
    const consentMs = Math.round(performance.now() - started);
    const consentMaxStallMs = stalls.stop();
    const card = reply!.body.attachments[0];
    const kept = await accept(card.content.acceptContext, card.name);
    // An acceptance whose file the bot no longer holds: the context of a card from before the file was kept.
    const { id: _id, ...older } = card.content.acceptContext as Record<string, unknown>;
    const rebuilt = await accept(older, card.name);
    return {
      declarations: DECLARATIONS,
      fileMb: Math.round((card.content.sizeInBytes / 1024 / 1024) * 10) / 10,
      consentMs,
      consentMaxStallMs,
      acceptMs: kept.ms,
      acceptMaxStallMs: kept.maxStallMs,
      acceptRebuiltMs: rebuilt.ms,
      acceptRebuiltMaxStallMs: rebuilt.maxStallMs,
    };
  } finally {
    await server.close();
    await connector.stop();
    await repository.close();
  }
}
