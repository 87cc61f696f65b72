import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import { start } from '../../src/server/main.js';
import { ensureBuilt } from '../helpers/build.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { postActivity, teamsMessage } from '../helpers/teams-activity.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/balises.js');
const DOC_ID = 'charte-fictive';

/** A long fictional Markdown document: `sections` sections of a few fictional sentences each. */
function bigFictionalDocument(sections: number): string {
  const lines = ['# Charte fictive, version longue', '', 'Ce document est fictif et généré pour les tests de Balises.', ''];
  for (let i = 1; i <= sections; i++) {
    lines.push(`## Principe fictif ${i}`, '');
    for (let j = 1; j <= 4; j++) {
      lines.push(`L’organisme fictif numéro ${i} applique la règle ${j} de sobriété, de loyauté et de clarté envers les personnes; il consigne chaque décision dans un registre fictif ${i}-${j}.`, '');
    }
  }
  return lines.join('\n');
}

/** How many times the kill is tried: on a loaded machine the ingest can commit before the kill lands. */
const ATTEMPTS = 5;

describe('kill -9 during a CLI ingest', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'balises-kill-ingest-'));
  const committedV1 = path.join(workDir, 'v1.db');
  const bigFile = path.join(workDir, 'charte-longue.md');

  beforeAll(async () => {
    // The CLI is tested as shipped (compiled), in its own process, so it can be killed.
    await ensureBuilt();
    const store = openKnowledgeStore(committedV1);
    try {
      const report = await ingestPaths({ store }, [path.join(ROOT, 'test/fixtures/charte-fictive-ia.md')], { docId: DOC_ID, versionLabel: 'v1', ingestedBy: 'kill-test' });
      expect(report).toMatchObject({ kind: 'completed' });
    } finally {
      // Closing checkpoints the WAL into the file, so the file alone is the committed state to copy.
      store.close();
    }
    writeFileSync(bigFile, bigFictionalDocument(3_000));
  }, 120_000);
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  /** What the bot answers to `sources` on this data folder. */
  async function sources(dataDir: string): Promise<string> {
    const connector = await new FakeConnector().start();
    const running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
    try {
      const activity = teamsMessage('sources', { serviceUrl: connector.serviceUrl });
      expect(await postActivity(running.url, activity)).toBe(200);
      const [reply] = await connector.waitForMessages(activity.conversation.id, 1);
      return reply!.body.text as string;
    } finally {
      await running.stop();
      await connector.stop();
    }
  }

  const ingest = (dataDir: string) =>
    spawn(process.execPath, [CLI, 'ingest', bigFile, '--doc', DOC_ID, '--version', 'v2', '--by', 'kill-test'], {
      env: { PATH: process.env.PATH ?? '', BALISES_DATA_DIR: dataDir },
      stdio: 'ignore',
    });

  /** Starts the v2 ingest on a copy of the committed v1 data and kills it once its transaction spills into the WAL. */
  async function killedIngest(attempt: number): Promise<string> {
    const dataDir = mkdtempSync(path.join(workDir, `attempt-${attempt}-`));
    const databaseFile = path.join(dataDir, 'balises.db');
    copyFileSync(committedV1, databaseFile);
    const wal = `${databaseFile}-wal`;
    const walBefore = statSync(wal, { throwIfNoEntry: false })?.size ?? 0;
    const child = ingest(dataDir);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // The publication is one transaction; once its pages spill into the WAL it is under way and not committed.
    while (child.exitCode === null) {
      if ((statSync(wal, { throwIfNoEntry: false })?.size ?? 0) > walBefore + 256 * 1024) {
        child.kill('SIGKILL');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await exited;
    const db = new Database(databaseFile);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    return dataDir;
  }

  it('serves the last committed version after the ingest is killed mid-write, and a new ingest then completes', async () => {
    let killedBeforeCommit: string | undefined;
    for (let attempt = 1; attempt <= ATTEMPTS && !killedBeforeCommit; attempt++) {
      const dataDir = await killedIngest(attempt);
      const served = await sources(dataDir);
      // Killed before its commit, the ingest left v1 whole; killed after it (the race lost), v2 whole: never a mix.
      expect(served.includes('version v1') !== served.includes('version v2')).toBe(true);
      if (served.includes('version v1')) killedBeforeCommit = dataDir;
    }
    expect(killedBeforeCommit, `the kill landed after the commit in all ${ATTEMPTS} attempts`).toBeDefined();

    const code = await new Promise<number | null>((resolve) => ingest(killedBeforeCommit!).once('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    const after = await sources(killedBeforeCommit!);
    expect(after).toContain('version v2');
    expect(after).not.toContain('version v1');
  }, 600_000);
});
