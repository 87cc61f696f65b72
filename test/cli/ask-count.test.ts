import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { captureIo } from './capture.js';

/** A fictional guide numbering four rules (« 1. Règle … » to « 4. Règle … ») and three upkeep instructions numbered
 *  1, 2 and 4; its text never writes either count out. */
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/guide-fictif-observatoires.md');
const TITLE = 'Guide fictif des observatoires de Nuageville';
/** A fictional code whose headings group articles (« Articles 2 et 3 », « Articles 4 à 6 »), as a statute's do. */
const CODE = path.resolve(import.meta.dirname, '../fixtures/code-fictif-phares.md');

describe('balises ask, a count question the documents answer by their numbered headings', () => {
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-cli-count-'));
    db = path.join(dir, 'balises.db');
    expect(await run(['ingest', FIXTURE, '--db', db, '--version', '2031-05', '--title', TITLE], captureIo().io)).toBe(0);
    expect(await run(['ingest', CODE, '--db', db, '--version', '2031-06'], captureIo().io)).toBe(0);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function ask(question: string) {
    const { io, out } = captureIo();
    const code = await run(['ask', question, '--db', db], io);
    return { code, ...out };
  }

  it('says how many rules the guide numbers, then quotes their headings in number order, each cited', async () => {
    const { code, stdout } = await ask('Combien de règles compte le guide?');
    expect(code).toBe(0);
    expect(stdout).toContain(
      [
        `${TITLE} (version 2031-05) numérote 4 règles :`,
        '  « 1. Règle de prudence » [1]',
        '  « 2. Règle de sobriété » [2]',
        '  « 3. Règle de clarté » [3]',
        '  « 4. Règle de partage » [4]',
      ].join('\n'),
    );
    expect(stdout).toContain(`Sources :\n  ${TITLE}, version 2031-05 : [1] 1. Règle de prudence ; [2] 2. Règle de sobriété ; [3] 3. Règle de clarté ; [4] 4. Règle de partage`);
    expect(stdout).toContain('le nombre est celui des numéros que portent les titres trouvés');
    expect(stdout).not.toContain('ne couvrent pas');
  });

  it('answers the English question in English, the headings kept in the French of the document', async () => {
    const { code, stdout } = await ask('How many rules does the guide have?');
    expect(code).toBe(0);
    expect(stdout).toContain(`${TITLE} (version 2031-05) numbers 4 rules:\n  « 1. Règle de prudence » [1]`);
    expect(stdout).toContain('  « 4. Règle de partage » [4]');
    expect(stdout).toContain('the count is that of the numbers on the headings found');
  });

  it('names the counted parts in the plural, as the headings write them, when the question writes the noun in the singular or with a typo', async () => {
    for (const question of ['Combien de règle?', 'combien de consigne le guide donne-t-il?', 'Combien de rgèles compte le guide?']) {
      const { stdout } = await ask(question);
      expect(stdout, question).toMatch(/numérote [34] (?:règles|consignes) :\n/u);
      expect(stdout, question).not.toMatch(/numérote \d+ (?:règle|consigne|rgèles) :/u);
    }
    expect((await ask('How many rule does the guide have?')).stdout).toContain('numbers 4 rules:');
  });

  it('reads « Combien y a-t-il de règles? » and « Combien le guide compte-t-il de règles? » as the count they ask', async () => {
    for (const question of ['Combien y a-t-il de règles?', 'Combien le guide compte-t-il de règles?']) {
      expect((await ask(question)).stdout, question).toContain(`${TITLE} (version 2031-05) numérote 4 règles :\n  « 1. Règle de prudence » [1]`);
    }
  });

  it('counts each article a heading groups with others (« Articles 2 et 3 », « Articles 4 à 6 »), not the headings', async () => {
    const { stdout } = await ask('Combien d’articles compte le code des phares?');
    expect(stdout).toContain(
      [
        'Code fictif des phares de Brumeville (version 2031-06) numérote 7 articles :',
        '  « Article 1 » [1]',
        '  « Articles 2 et 3 » [2]',
        '  « Articles 4 à 6 » [3]',
        '  « Article 6.1 » [4]',
      ].join('\n'),
    );
  });

  it('counts the headings a numbering with a gap has, claiming no range', async () => {
    const { stdout } = await ask('Combien de consignes d’entretien le guide donne-t-il?');
    expect(stdout).toContain(
      [
        `${TITLE} (version 2031-05) numérote 3 consignes :`,
        '  « 1. Consigne de nettoyage » [1]',
        '  « 2. Consigne de calibrage » [2]',
        '  « 4. Consigne d\'inventaire » [3]',
      ].join('\n'),
    );
    expect(stdout).not.toMatch(/numérote 4 consignes|1 à 4/);
  });

  it('does not answer a count of some of the parts (« qui parlent de clarté ») with the count of them all', async () => {
    for (const question of ['Combien de règles parlent de clarté?', 'Combien d’articles du code traitent des navires?']) {
      const { stdout } = await ask(question);
      expect(stdout, question).not.toMatch(/numérote/);
    }
    expect((await ask('Combien de règles le guide fictif contient-il au total?')).stdout).toContain(`${TITLE} (version 2031-05) numérote 4 règles :`);
  });

  it('still refuses a count of things the documents neither number nor count', async () => {
    const { code, stdout } = await ask('Combien de licences faut-il acheter?');
    expect(code).toBe(0);
    expect(stdout).toContain('Les documents indexés ne couvrent pas cette question.');
    expect(stdout).not.toMatch(/numérote|\[\d+\]/);
  });
});
