import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity, ConversationReference } from 'botbuilder';
import { proposalCardDelivery } from '../../src/bot/notifications.js';
import { announcementOutbox } from '../../src/documents/announcements.js';
import { createProposalService, type ProposalService } from '../../src/documents/proposals.js';
import { openDocumentAdminStore, type DocumentAdminStore, type ProposalAnnouncement } from '../../src/documents/store.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/inventory/index.js';
import { cardText } from '../helpers/card-walk.js';

/**
 * The preview card a proposal owes its proposer, over a real SQLite file: queued with the proposal, posted by the
 * outbox worker when the turn that made it could not (its process died holding the lease, the connector refused),
 * never when the turn showed it or the proposal was decided meanwhile.
 */

const ADMIN = { id: '0000000e-0000-4000-8000-0000000000a1', name: 'Adèle Admin' };
const CHAT = { serviceUrl: 'http://127.0.0.1:9/', channelId: 'msteams', conversation: { id: 'a:personal-adele' } };
const NOTE = Buffer.from('# Note fictive des lanternes\n\n## Portée\n\nLes lanternes fictives de cette note ne servent qu’aux tests.\n');
/** A lease owner on this machine whose process does not run: a bot killed while its turn owed the card. */
const DEAD_OWNER = `${hostname()}:2147483646:dead`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('proposal cards owed to proposers', () => {
  let dir: string;
  let store: DocumentAdminStore;
  let service: ProposalService;
  let worker: OutboxWorker | null;
  let posts: Array<{ reference: Partial<ConversationReference>; activity: Partial<Activity> }>;
  let refusals: number;
  let refusalStatus: number;
  let attempts: number;
  let chats: Map<string, unknown>;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-announcements-'));
    store = openDocumentAdminStore(path.join(dir, 'balises.db'));
    service = createProposalService({ store });
    service.attachAnnouncements({ leaseOwner: DEAD_OWNER, graceMs: 60_000 });
    posts = [];
    refusals = 0;
    refusalStatus = 502;
    attempts = 0;
    chats = new Map([[`user:${ADMIN.id}`, CHAT]]);
    worker = null;
  });
  afterEach(async () => {
    await worker?.stop();
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  function startWorker(giveUpAfterMs?: number): void {
    worker = createOutboxWorker<ProposalAnnouncement>({
      store: announcementOutbox(store),
      deliver: proposalCardDelivery({
        proposals: service,
        conversations: { getConversation: async (key) => chats.get(key) ?? null },
        proactive: async (reference, activity) => {
          attempts++;
          if (refusals > 0) {
            refusals--;
            throw Object.assign(new Error('refused'), { statusCode: refusalStatus });
          }
          posts.push({ reference, activity });
        },
        governanceAdminIds: [ADMIN.id],
      }),
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      backoff: { baseMs: 20, ceilingMs: 100 },
      pollMs: 20,
      ...(giveUpAfterMs === undefined ? {} : { giveUpAfterMs }),
    });
    worker.start();
  }

  async function propose(language?: 'en'): Promise<string> {
    const result = await service.propose({ bytes: NOTE, fileName: 'note.md', origin: { kind: 'file' }, proposedBy: ADMIN, ...(language ? { language } : {}) });
    if (result.kind !== 'proposed') throw new Error(`not proposed: ${result.kind}`);
    return result.proposal.id;
  }

  it('posts the card a dead process owed, once, in the proposer’s chat, saying why it comes late', async () => {
    await propose();
    startWorker();
    await sleep(300);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.reference).toMatchObject({ conversation: { id: 'a:personal-adele' } });
    expect(posts[0]!.activity.text).toBe(
      'Le service a été interrompu avant de vous montrer la fiche du document que vous avez soumis ; la voici. Rien n’est publié sans votre décision.',
    );
    expect(cardText(posts[0]!.activity.attachments![0]!.content)).toContain('Note fictive des lanternes');
  });

  it('speaks the proposal’s language', async () => {
    await propose('en');
    startWorker();
    await sleep(300);
    expect(posts.map((p) => p.activity.text)).toEqual([
      'The service was interrupted before showing you the card of the document you submitted; here it is. Nothing is published until you decide.',
    ]);
  });

  it('posts nothing once the turn showed the card', async () => {
    service.announced(await propose());
    startWorker();
    await sleep(300);
    expect(posts).toEqual([]);
  });

  it('posts nothing for a proposal decided meanwhile', async () => {
    const id = await propose();
    await service.cancel(id, 0, ADMIN);
    startWorker();
    await sleep(300);
    expect(posts).toEqual([]);
  });

  it('retries a refused post until it is delivered, once', async () => {
    await propose();
    refusals = 2;
    startWorker();
    await sleep(500);
    expect(refusals).toBe(0);
    expect(posts).toHaveLength(1);
  });

  it('waits for a proposer whose chat it does not know yet, then posts the card', async () => {
    chats.clear();
    await propose();
    startWorker();
    await sleep(300);
    expect(posts).toEqual([]);
    chats.set(`user:${ADMIN.id}`, CHAT);
    await sleep(400);
    expect(posts).toHaveLength(1);
  });

  it('gives up a card whose chat stays gone (403) past the bound, then tries no more', async () => {
    await propose();
    refusals = 1_000;
    refusalStatus = 403;
    startWorker(150);
    await sleep(900);
    const tried = attempts;
    expect(tried).toBeGreaterThan(1);
    await sleep(300);
    expect(attempts).toBe(tried);
    expect(posts).toEqual([]);
  });

  it('lists a pending proposal whose card was given up among the undelivered cards, until it is decided', async () => {
    const id = await propose();
    refusals = 1_000;
    refusalStatus = 404;
    expect(service.undeliveredCards()).toEqual([]);
    startWorker(150);
    await sleep(900);
    expect(service.undeliveredCards()).toEqual([{ proposal: expect.objectContaining({ id, status: 'pending' }), givenUpAt: expect.any(String) }]);
    await service.cancel(id, 0, ADMIN);
    expect(service.undeliveredCards()).toEqual([]);
  });

  it('owes the other admins and the governance channel their copies, retried when refused, and nothing to an admin without a chat', async () => {
    const other = '0000000e-0000-4000-8000-0000000000a2';
    const silent = '0000000e-0000-4000-8000-0000000000a3';
    const channel = { ...CHAT, conversation: { id: '19:gouvernance-fictive@thread.tacv2' } };
    chats.set(`user:${other}`, { ...CHAT, conversation: { id: 'a:personal-bruno' } }).set('governance-channel', channel);
    service.attachAnnouncements({ leaseOwner: DEAD_OWNER, graceMs: 60_000, adminIds: [ADMIN.id.toUpperCase(), other, silent] });
    const id = await propose();
    // The proposer's turn showed the card: only the copies are owed.
    service.announced(id);
    refusals = 1;
    refusalStatus = 403;
    startWorker();
    await sleep(600);
    // The admin who never wrote to Balises has no chat: nothing is posted to them, nothing is retried.
    expect(posts.map((p) => p.reference.conversation?.id).sort()).toEqual(['19:gouvernance-fictive@thread.tacv2', 'a:personal-bruno']);
    expect(posts.every((p) => p.activity.text === undefined && cardText(p.activity.attachments![0]!.content).includes('Note fictive des lanternes'))).toBe(true);
    expect(service.undeliveredCards()).toEqual([]);
  });

  it('leaves a card to the live process whose turn owes it, for the grace', async () => {
    startWorker();
    service.attachAnnouncements({ leaseOwner: worker!.owner, graceMs: 60_000 });
    await propose();
    await sleep(300);
    expect(posts).toEqual([]);
  });
});
