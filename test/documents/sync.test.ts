import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProposalService, ProposeInput, ProposeResult } from '../../src/documents/proposals.js';
import { openSourcesState, type SourcesState } from '../../src/documents/sources-state.js';
import { syncOfficialSources, type SyncDeps } from '../../src/documents/sources-sync.js';
import type { FollowedSource } from '../../src/documents/sources.js';
import { openKnowledgeStore, type KnowledgeStore } from '../../src/knowledge/store.js';
import { FileServer } from '../helpers/file-server.js';

const V1 = `# Politique fictive des parapluies

## Article 1 — Objet

Les parapluies fictifs des organismes fictifs se rangent à l’entrée, ouverts pour sécher.
`;
const V2 = `${V1}
## Article 2 — Prêt

Un parapluie fictif se prête pour une journée au plus, sur simple demande.
`;
const OTHER = '# Note fictive sur les tasses\n\nUne tasse fictive se lave après usage.\n';
const MD = { 'content-type': 'text/markdown; charset=utf-8' };

/**
 * Stands in for the documents' proposal service until sync runs against it end to end (test/cli/sync.test.ts):
 * records each call and answers as the contract says (unchanged when the bytes are the published version's,
 * already_pending for the same bytes twice).
 */
class RecordingProposals implements Pick<ProposalService, 'propose'> {
  readonly calls: ProposeInput[] = [];
  readonly pending = new Map<string, string>();
  constructor(private readonly store: KnowledgeStore) {}
  async propose(input: ProposeInput): Promise<ProposeResult> {
    this.calls.push(input);
    const docId = input.docId ?? 'inconnu';
    const sha = (await import('node:crypto')).createHash('sha256').update(input.bytes).digest('hex');
    const published = this.store.findVersionBySha(docId, sha);
    if (published?.published) return { kind: 'unchanged', docId, versionLabel: published.label };
    const proposal = { id: `p${this.calls.length}`, versionLabel: '2026-12-02', docId, sourceSha256: sha } as never;
    if (this.pending.get(docId) === sha) return { kind: 'already_pending', proposal };
    this.pending.set(docId, sha);
    return { kind: 'proposed', proposal };
  }
}

describe('syncOfficialSources', () => {
  const server = new FileServer();
  let dir: string;
  let store: KnowledgeStore;
  let state: SourcesState;
  let proposals: RecordingProposals;
  let deps: SyncDeps;
  const source = (id: string, file: string | null): FollowedSource => ({
    id,
    title: `Titre fictif ${id}`,
    formats: ['markdown'],
    url: file === null ? null : `${server.url}/${file}`,
    origin: file === null ? null : 'file',
  });

  beforeEach(async () => {
    await server.start();
    server.hits.clear();
    dir = await mkdtemp(path.join(tmpdir(), 'balises-sync-'));
    store = openKnowledgeStore(path.join(dir, 'balises.db'));
    state = openSourcesState(path.join(dir, 'balises.db'));
    proposals = new RecordingProposals(store);
    deps = { store, state, proposals, now: () => new Date('2026-12-02T08:00:00Z'), downloadOptions: { timeoutMs: 5_000, allowPrivateAddresses: true } };
    server.routes.set('/parapluies.md', { headers: MD, body: V1 });
    server.routes.set('/tasses.md', { headers: MD, body: OTHER });
  });
  afterEach(async () => {
    await server.stop();
    state.close();
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('on an empty knowledge base publishes each source as the initial state, so the bot can answer', async () => {
    const report = await syncOfficialSources(deps, [source('parapluies', 'parapluies.md'), source('tasses', 'tasses.md')]);
    expect(report).toEqual({
      offline: null,
      outcomes: [
        { kind: 'published_initial', docId: 'parapluies', versionLabel: '2026-12-02', passageCount: expect.any(Number) },
        { kind: 'published_initial', docId: 'tasses', versionLabel: '2026-12-02', passageCount: expect.any(Number) },
      ],
    });
    expect(store.documents().map((d) => [d.docId, d.ingestedBy, d.url])).toEqual([
      ['parapluies', 'system:sync', `${server.url}/parapluies.md`],
      ['tasses', 'system:sync', `${server.url}/tasses.md`],
    ]);
    expect(proposals.calls).toEqual([]);
  });

  it('proposes a changed file, never publishes it, and proposes nothing new for the same file again', async () => {
    await syncOfficialSources(deps, [source('parapluies', 'parapluies.md')]);
    server.routes.set('/parapluies.md', { headers: MD, body: V2 });

    const first = await syncOfficialSources(deps, [source('parapluies', 'parapluies.md')]);
    expect(first.outcomes).toEqual([{ kind: 'proposed', docId: 'parapluies', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), versionLabel: '2026-12-02' }]);
    expect(proposals.calls).toHaveLength(1);
    expect(proposals.calls[0]).toMatchObject({ docId: 'parapluies', origin: { kind: 'sync', url: `${server.url}/parapluies.md` }, proposedBy: 'system', fileName: 'parapluies.md' });
    expect(proposals.calls[0]?.bytes.toString()).toBe(V2);
    expect(store.versions('parapluies')).toHaveLength(1);

    const second = await syncOfficialSources(deps, [source('parapluies', 'parapluies.md')]);
    expect(second.outcomes).toEqual([{ kind: 'already_proposed', docId: 'parapluies' }]);
    expect(proposals.calls).toHaveLength(1);
  });

  it('does not propose again bytes the admins already saw, even once their proposal is no longer pending', async () => {
    await syncOfficialSources(deps, [source('parapluies', 'parapluies.md')]);
    server.routes.set('/parapluies.md', { headers: MD, body: V2 });
    await syncOfficialSources(deps, [source('parapluies', 'parapluies.md')]);
    proposals.pending.clear();
    const again = await syncOfficialSources(deps, [source('parapluies', 'parapluies.md')]);
    expect(again.outcomes).toEqual([{ kind: 'already_proposed', docId: 'parapluies' }]);
    expect(proposals.calls).toHaveLength(1);
  });

  it('reports the published version as unchanged', async () => {
    await syncOfficialSources(deps, [source('parapluies', 'parapluies.md')]);
    const report = await syncOfficialSources(deps, [source('parapluies', 'parapluies.md')]);
    expect(report.outcomes).toEqual([{ kind: 'unchanged', docId: 'parapluies', versionLabel: '2026-12-02' }]);
  });

  it('skips a source without a verified address, without any request', async () => {
    const report = await syncOfficialSources(deps, [source('enonce', null)]);
    expect(report.outcomes).toEqual([{ kind: 'not_followed', docId: 'enonce' }]);
    expect([...server.hits.values()]).toEqual([]);
  });

  /** A source whose host name has no address: what a machine without network sees of every source. */
  const unreachable = (id: string, host = 'balises-test.invalid'): FollowedSource => ({ ...source(id, null), url: `http://${host}/${id}.md`, origin: 'admin' });

  it('without network (two sources on two hosts in turn unreachable, none reached) says so once and checks nothing more', async () => {
    const report = await syncOfficialSources(deps, [unreachable('loin'), unreachable('lointain', 'balises-test-2.invalid'), source('parapluies', 'parapluies.md')]);
    expect(report.offline).toMatch(/^no network: http:\/\/balises-test\.invalid\/loin\.md: cannot reach the server/);
    expect(report.outcomes).toEqual([
      { kind: 'not_checked', docId: 'loin' },
      { kind: 'not_checked', docId: 'lointain' },
      { kind: 'not_checked', docId: 'parapluies' },
    ]);
    expect([...server.hits.values()]).toEqual([]);
    expect(store.documents()).toEqual([]);
  });

  it('says no network when its only followed source cannot be reached', async () => {
    const report = await syncOfficialSources(deps, [unreachable('loin'), source('enonce', null)]);
    expect(report.offline).toMatch(/^no network: http:\/\/balises-test\.invalid\/loin\.md/);
    expect(report.outcomes).toEqual([
      { kind: 'not_checked', docId: 'loin' },
      { kind: 'not_followed', docId: 'enonce' },
    ]);
  });

  it('reports an unreachable first source on its own line once another source is reached, and checks the others', async () => {
    const report = await syncOfficialSources(deps, [unreachable('loin'), source('parapluies', 'parapluies.md'), unreachable('lointain'), source('tasses', 'tasses.md')]);
    expect(report.offline).toBeNull();
    expect(report.outcomes).toEqual([
      { kind: 'failed', docId: 'loin', reason: expect.stringMatching(/^http:\/\/balises-test\.invalid\/loin\.md: cannot reach the server/) },
      expect.objectContaining({ kind: 'published_initial', docId: 'parapluies' }),
      { kind: 'failed', docId: 'lointain', reason: expect.stringMatching(/^http:\/\/balises-test\.invalid\/lointain\.md: cannot reach the server/) },
      expect.objectContaining({ kind: 'published_initial', docId: 'tasses' }),
    ]);
  });

  it('reads two sources of one unreachable host at the head of the list as that site gone, not as no network, and checks the others', async () => {
    const report = await syncOfficialSources(deps, [unreachable('loin'), unreachable('lointain'), source('parapluies', 'parapluies.md')]);
    expect(report.offline).toBeNull();
    expect(report.outcomes).toEqual([
      { kind: 'failed', docId: 'loin', reason: expect.stringMatching(/^http:\/\/balises-test\.invalid\/loin\.md: cannot reach the server/) },
      { kind: 'failed', docId: 'lointain', reason: 'http://balises-test.invalid/lointain.md: not tried, its server could not be reached for http://balises-test.invalid/loin.md' },
      expect.objectContaining({ kind: 'published_initial', docId: 'parapluies' }),
    ]);
  });

  it('reports a failing source on its own line and checks the others', async () => {
    const report = await syncOfficialSources(deps, [source('absent', 'absent.md'), source('tasses', 'tasses.md')]);
    expect(report.outcomes[0]).toEqual({ kind: 'failed', docId: 'absent', reason: `${server.url}/absent.md: the server answered HTTP 404` });
    expect(report.outcomes[1]).toMatchObject({ kind: 'published_initial', docId: 'tasses' });
  });

  it('reports a page whose bytes changed but whose text did not as unchanged, proposing nothing', async () => {
    const page = (generated: string) =>
      `<html><head><title>Note fictive</title><meta name="generated" content="${generated}"></head><body><h1>Note fictive</h1><p>Les tasses fictives se lavent après usage, à l’eau chaude.</p></body></html>`;
    const html = (id: string) => ({ ...source(id, 'note.html'), formats: ['html'] as const });
    server.routes.set('/note.html', { headers: { 'content-type': 'text/html' }, body: page('2026-12-01T08:00') });
    await syncOfficialSources(deps, [html('note')]);
    server.routes.set('/note.html', { headers: { 'content-type': 'text/html' }, body: page('2026-12-02T08:00') });
    const report = await syncOfficialSources(deps, [html('note')]);
    expect(report.outcomes).toEqual([{ kind: 'unchanged', docId: 'note', versionLabel: '2026-12-02' }]);
    expect(proposals.calls).toEqual([]);
  });
});
