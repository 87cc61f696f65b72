import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { ensureBuilt } from '../helpers/build.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { postActivity, teamsMessage } from '../helpers/teams-activity.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/balises.js');
const DOC_ID = 'registre-fictif';
const QUESTIONS_PER_SECOND = 100;
/** Questions keep coming this long after the publication ended, so answers from both versions are seen. */
const AFTER_PUBLICATION_MS = 3_000;
/** At most this many questions, whatever the publication takes. */
const MAX_QUESTIONS = 3_000;

/** A fictional document whose every section names its register by colour: one colour per version. */
function fictionalDocument(colour: 'bleu' | 'vert'): string {
  const lines = [`# Directive fictive sur le registre ${colour}`, '', 'Ce document est fictif et sert aux tests de Balises.', ''];
  for (let i = 1; i <= 40; i++) {
    lines.push(`## Article ${i} — Registre ${colour}`, '', `L’organisme fictif consigne la décision ${i} dans le registre ${colour}; le registre ${colour} est conservé cinq ans et consulté par le comité fictif ${i}.`, '');
  }
  return lines.join('\n');
}

describe('questions at 100 a second while a new document version is published', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'balises-publish-load-'));
  const v2 = path.join(dataDir, 'registre-vert.md');
  let connector: FakeConnector;
  let running: RunningBalises;

  beforeAll(async () => {
    await ensureBuilt();
    const v1 = path.join(dataDir, 'registre-bleu.md');
    writeFileSync(v1, fictionalDocument('bleu'));
    writeFileSync(v2, fictionalDocument('vert'));
    const store = openKnowledgeStore(path.join(dataDir, 'balises.db'));
    try {
      expect(await ingestPaths({ store }, [v1], { docId: DOC_ID, versionLabel: 'v1', ingestedBy: 'load-test' })).toMatchObject({ kind: 'completed' });
    } finally {
      store.close();
    }
    connector = await new FakeConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', RATE_LIMIT_BURST: '100000' });
  }, 120_000);
  afterAll(async () => {
    await running.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every question, each from one version only, and the new version once it is published', async () => {
    const publish = spawn(process.execPath, [CLI, 'ingest', v2, '--doc', DOC_ID, '--version', 'v2', '--by', 'load-test'], {
      env: { PATH: process.env.PATH ?? '', BALISES_DATA_DIR: dataDir },
      stdio: 'ignore',
    });
    let publishedAt = Number.POSITIVE_INFINITY;
    const published = new Promise<number | null>((resolve) =>
      publish.once('exit', (code) => {
        publishedAt = Date.now();
        resolve(code);
      }),
    );
    const asked: Array<{ conversationId: string; status: Promise<number> }> = [];
    for (let i = 0; i < MAX_QUESTIONS && Date.now() < publishedAt + AFTER_PUBLICATION_MS; i++) {
      const activity = teamsMessage(`Dans quel registre l’organisme consigne-t-il la décision ${(i % 40) + 1}?`, { serviceUrl: connector.serviceUrl });
      asked.push({ conversationId: activity.conversation.id, status: postActivity(running.url, activity) });
      await new Promise((resolve) => setTimeout(resolve, 1_000 / QUESTIONS_PER_SECOND));
    }
    expect(await published).toBe(0);
    expect(await Promise.all(asked.map((a) => a.status))).toEqual(asked.map(() => 200));

    const colours = new Set<string>();
    for (const { conversationId } of asked) {
      const replies = await connector.waitForMessages(conversationId, 1, 30_000);
      const text = JSON.stringify(replies[0]!.body);
      expect(text).not.toContain('Désolé');
      const seen = ['bleu', 'vert'].filter((colour) => text.includes(`registre ${colour}`));
      expect(seen).toHaveLength(1);
      colours.add(seen[0]!);
    }
    expect([...colours].sort()).toEqual(['bleu', 'vert']);
  }, 180_000);
});
