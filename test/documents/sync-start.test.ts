import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKnowledgeService, PUBLICATION_CHECK_INTERVAL_MS } from '../../src/answers/open.js';
import { scheduleOfficialSourcesSync } from '../../src/documents/sources-check.js';
import { FileServer } from '../helpers/file-server.js';

const POLICY = `# Politique fictive des parapluies

## Article 1 — Rangement

Les parapluies fictifs des organismes fictifs se rangent à l’entrée, ouverts pour sécher pendant une heure.
`;

/** The file server stands in for the official sites on 127.0.0.1: internal addresses are allowed here. */
const LOCAL = { allowPrivateAddresses: true };

describe('the server’s check of the official sources', () => {
  const server = new FileServer();
  let dir: string;
  let db: string;
  let sourcesFile: string;

  beforeEach(async () => {
    await server.start();
    server.hits.clear();
    server.routes.set('/parapluies.md', { headers: { 'content-type': 'text/markdown' }, body: POLICY });
    dir = await mkdtemp(path.join(tmpdir(), 'balises-sync-start-'));
    db = path.join(dir, 'balises.db');
    sourcesFile = path.join(dir, 'sources.json');
    const source = { id: 'politique-parapluies', title: 'Politique fictive des parapluies', url: `${server.url}/parapluies.md`, formats: ['markdown'], verified: true };
    await writeFile(sourcesFile, JSON.stringify({ sources: [source] }));
  });
  afterEach(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('on a fresh machine with network, loads the verified sources so the bot can answer', async () => {
    let clock = 0;
    const knowledge = openKnowledgeService(db, { now: () => clock });
    try {
      expect((await knowledge.ask('Où se rangent les parapluies ?')).kind).toBe('empty_index');
      const stop = scheduleOfficialSourcesSync({ databaseFile: db, sourcesFile, logger: pino({ level: 'silent' }), downloadOptions: LOCAL, daily: false, knowledgeIsEmpty: true });
      await stop();
      clock += PUBLICATION_CHECK_INTERVAL_MS;
      expect(knowledge.sources().map((s) => s.docId)).toEqual(['politique-parapluies']);
      const answer = await knowledge.ask('Où se rangent les parapluies fictifs ?');
      expect(answer.kind).toBe('answered');
    } finally {
      knowledge.close();
    }
  });

  it('does not check at start when documents are already indexed and the daily check is off', async () => {
    const stop = scheduleOfficialSourcesSync({ databaseFile: db, sourcesFile, logger: pino({ level: 'silent' }), downloadOptions: LOCAL, daily: false, knowledgeIsEmpty: false });
    await stop();
    expect(server.hits.size).toBe(0);
  });

  it('checks every interval when the daily check is on', async () => {
    const stop = scheduleOfficialSourcesSync({ databaseFile: db, sourcesFile, logger: pino({ level: 'silent' }), downloadOptions: LOCAL, daily: true, knowledgeIsEmpty: false, intervalMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await stop();
    expect(server.hits.get('/parapluies.md')).toBeGreaterThanOrEqual(2);
  });

  it('logs one warning without network, not a second line saying the sources were checked, and warns when a source failed', async () => {
    const lines: Array<{ level: number; msg: string; reason?: string; failed?: number; not_checked?: number }> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) });
    const dead = (id: string, host: string) => ({ id, title: 'Source fictive', url: `http://${host}/${id}.md`, formats: ['markdown'], verified: true });
    await writeFile(sourcesFile, JSON.stringify({ sources: [dead('loin', 'balises-test.invalid'), dead('lointain', 'balises-test-2.invalid')] }));
    await scheduleOfficialSourcesSync({ databaseFile: db, sourcesFile, logger, downloadOptions: LOCAL, daily: false, knowledgeIsEmpty: true })();
    // The check's own lines, which say why it ran (the sync before them logs each source with its url).
    const checks = lines.filter((l) => l.reason === 'empty_knowledge_base' && l.msg.startsWith('official sources'));
    expect(checks.map((l) => l.msg)).toEqual([expect.stringMatching(/^official sources not checked: no network: http:\/\/balises-test\.invalid\/loin\.md/)]);
    expect(checks[0]).toMatchObject({ level: 40, not_checked: 2 });

    lines.length = 0;
    const reached = { id: 'politique-parapluies', title: 'Politique fictive des parapluies', url: `${server.url}/parapluies.md`, formats: ['markdown'], verified: true };
    await writeFile(sourcesFile, JSON.stringify({ sources: [dead('loin', 'balises-test.invalid'), reached] }));
    await scheduleOfficialSourcesSync({ databaseFile: db, sourcesFile, logger, downloadOptions: LOCAL, daily: false, knowledgeIsEmpty: true })();
    expect(lines.filter((l) => l.msg.startsWith('official sources checked'))).toEqual([expect.objectContaining({ level: 40, msg: 'official sources checked, some failed', failed: 1 })]);
  });
});
