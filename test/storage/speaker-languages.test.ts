import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LanguageMemory } from '../../src/bot/language-memory.js';
import { openSqliteFile } from '../../src/storage/sqlite.js';
import { openPostgresSpeakerLanguages, SPEAKER_LANGUAGE_RETENTION_MS, sqliteSpeakerLanguages, type PostgresSpeakerLanguages, type SpeakerLanguageStore } from '../../src/storage/speaker-languages.js';
import { startTestPostgres, type TestPostgres } from '../helpers/embedded-postgres.js';

const dir = mkdtempSync(path.join(tmpdir(), 'balises-languages-'));
let postgres: TestPostgres;
const opened: PostgresSpeakerLanguages[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  for (const store of opened) await store.close();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Two handles on one store, as two processes (or a process before and after a restart) have. */
const engines: Array<[string, (now?: () => number) => Promise<[SpeakerLanguageStore, SpeakerLanguageStore]>]> = [
  [
    'SQLite',
    async (now) => {
      const file = path.join(dir, `languages-${Math.random().toString(36).slice(2)}.db`);
      return [sqliteSpeakerLanguages(openSqliteFile(file), now), sqliteSpeakerLanguages(openSqliteFile(file), now)];
    },
  ],
  [
    'PostgreSQL',
    async (now) => {
      const url = await postgres.createDatabase();
      const pair = [await openPostgresSpeakerLanguages(url, now), await openPostgresSpeakerLanguages(url, now)] as const;
      opened.push(...pair);
      return [pair[0], pair[1]];
    },
  ],
];

describe.each(engines)('the language each person last wrote in (%s)', (_name, open) => {
  it('is found by another process, and replaced by the latest one written', async () => {
    const [first, second] = await open();
    expect(await second.recall('conv\u0000personne')).toBeNull();
    await first.save('conv\u0000personne', 'en');
    expect(await second.recall('conv\u0000personne')).toBe('en');
    await second.save('conv\u0000personne', 'fr');
    expect(await first.recall('conv\u0000personne')).toBe('fr');
    expect(await first.recall('autre\u0000personne')).toBeNull();
  });

  it('is what a restarted bot’s memory gives back before the person writes again', async () => {
    const [before, after] = await open();
    const memory = new LanguageMemory(10, before);
    memory.remember('conv\u0000personne', 'en');
    await memory.save();
    const restarted = new LanguageMemory(10, after);
    expect(restarted.recall('conv\u0000personne')).toBeUndefined();
    await restarted.load('conv\u0000personne');
    expect(restarted.recall('conv\u0000personne')).toBe('en');
  });

  it('is forgotten a year after it was last written', async () => {
    let clock = Date.UTC(2031, 0, 10);
    const [writer, reader] = await open(() => clock);
    await writer.save('conv\u0000personne', 'en');
    await writer.save('conv\u0000autre', 'en');
    clock += SPEAKER_LANGUAGE_RETENTION_MS - 1000;
    await writer.save('conv\u0000autre', 'fr');
    expect(await reader.recall('conv\u0000personne')).toBe('en');
    clock += 2000;
    expect(await reader.recall('conv\u0000personne')).toBeNull();
    expect(await reader.recall('conv\u0000autre')).toBe('fr');
  });
});

describe('stored languages past their retention', () => {
  it('leave the SQLite file when a store next opens it', async () => {
    const file = path.join(dir, 'retention.db');
    let clock = Date.UTC(2031, 0, 10);
    await sqliteSpeakerLanguages(openSqliteFile(file), () => clock).save('conv\u0000personne', 'en');
    clock += SPEAKER_LANGUAGE_RETENTION_MS + 1000;
    const db = openSqliteFile(file);
    sqliteSpeakerLanguages(db, () => clock);
    expect(db.prepare('SELECT COUNT(*) AS n FROM speaker_languages').get()).toEqual({ n: 0 });
    db.close();
  });
});
