import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import { captureIo } from './capture.js';

const CHARTER = `# Charte fictive de l’Agence québécoise des nuages

## Registre

Le registre des nuages est tenu par l’Agence fictive et consulté chaque printemps par les observateurs.

## Sécurité

Des mesures de sécurité de l’information protègent le registre contre les accès non autorisés.
`;

describe('balises ask', () => {
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-cli-ask-'));
    const file = path.join(dir, 'charte-nuages.md');
    await writeFile(file, CHARTER);
    db = path.join(dir, 'balises.db');
    expect(await run(['ingest', file, '--db', db, '--version', 'v1', '--url', 'https://nuages.exemple.invalid/charte'], captureIo().io)).toBe(0);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function ask(...question: string[]) {
    const { io, out } = captureIo();
    const code = await run(['ask', ...question, '--db', db], io);
    return { code, ...out };
  }

  it('prints the quote with its [n] marker, then one source line per document version', async () => {
    const { code, stdout } = await ask('Quelles mesures de sécurité protègent le registre?');
    expect(code).toBe(0);
    expect(stdout).toContain('« Des mesures de sécurité de l’information protègent le registre contre les accès non autorisés. » [1]');
    expect(stdout).toMatch(/Sources :\n {2}Charte fictive de l’Agence québécoise des nuages, version v1 : \[1\] Sécurité/);
    expect(stdout).toContain('https://nuages.exemple.invalid/charte');
  });

  it('says the answer was assembled automatically from verbatim quotes', async () => {
    const { stdout } = await ask('Quelles mesures de sécurité protègent le registre?');
    expect(stdout).toContain('passages cités mot pour mot');
  });

  it('joins several words into one question', async () => {
    const { code, stdout } = await ask('registre', 'des', 'nuages', 'printemps');
    expect(code).toBe(0);
    expect(stdout).toContain('chaque printemps');
  });

  it('answers an English question in English, quoting the French text', async () => {
    const { stdout } = await ask('What does it say about information security?');
    expect(stdout).toContain('quoted in the original French');
    expect(stdout).toContain('Sources:');
  });

  it('says plainly when the documents do not cover the question, and lists what they cover', async () => {
    const { code, stdout } = await ask('comment réinitialiser mon mot de passe');
    expect(code).toBe(0);
    expect(stdout).toContain('Les documents indexés ne couvrent pas cette question.');
    expect(stdout).toContain('Charte fictive de l’Agence québécoise des nuages (version v1) : Registre ; Sécurité');
    expect(stdout).not.toContain('[1]');
  });

  it('answers from documents one of which holds a run of 250 000 letters without a blank (a text extracted without its spaces)', async () => {
    // Typo correction indexed every word under each of its one-letter deletions: this word alone asked for some
    // 120 GB, and the process died of it (the bot, at every question and every start, while such a document was published).
    const blob = path.join(dir, 'annexe-sans-espaces.md');
    await writeFile(blob, `# Annexe fictive extraite sans espaces\n\n${'lesnuagesfictifs'.repeat(15_625)}\n`);
    const withBlob = path.join(dir, 'avec-annexe.db');
    expect(await run(['ingest', path.join(dir, 'charte-nuages.md'), blob, '--db', withBlob], captureIo().io)).toBe(0);
    const { io, out } = captureIo();
    expect(await run(['ask', 'Quelles mesures de sécurité protègent le registre?', '--db', withBlob], io)).toBe(0);
    expect(out.stdout).toContain('« Des mesures de sécurité de l’information protègent le registre contre les accès non autorisés. » [1]');
  }, 60_000);

  it('asks what a question that names nothing is about, French or English, instead of quoting a passage', async () => {
    const french = await ask('C’est quoi?');
    expect(french.code).toBe(0);
    expect(french.stdout).toBe('Votre question ne dit pas sur quoi elle porte : je n’ai rien à chercher. Écrivez-la avec son sujet, par exemple : balises ask "C’est quoi l’EFVP?"\n');
    const english = await ask('What is it?');
    expect(english.stdout).toMatch(/^Your question does not say what it is about/);
    expect(english.stdout).not.toContain('[1]');
  });

  it('says how to add documents when nothing is indexed', async () => {
    const empty = path.join(dir, 'vide.db');
    openKnowledgeStore(empty).close();
    const { io, out } = captureIo();
    expect(await run(['ask', 'registre', '--db', empty], io)).toBe(0);
    expect(out.stdout).toContain('balises ingest');
  });

  it.each([[''], ['   ', '\t']])('rejects an empty or blank question %j, exit 2', async (...question) => {
    const { code, stdout, stderr } = await ask(...question);
    expect(code).toBe(2);
    expect(stderr).toContain('give the question');
    expect(stdout).toBe('');
  });

  it('rejects a missing question, exit 2', async () => {
    const { io, out } = captureIo();
    expect(await run(['ask', '--db', db], io)).toBe(2);
    expect(out.stderr).toContain('give the question');
  });
});
