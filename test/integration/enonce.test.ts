import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeService } from '../../src/answers/open.js';
import type { KnowledgeService } from '../../src/answers/service.js';
import type { AskResult } from '../../src/answers/types.js';
import { ingestPaths } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore, type KnowledgeStore } from '../../src/knowledge/store.js';
import type { PassageRecord } from '../../src/knowledge/types.js';
import { loadLexicon } from '../../src/retrieval/lexicon.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const documents = path.join(corpus, 'documents');
const enonce = path.join(documents, 'enonce-principes-ia-2024.md');
const robustness = path.join(corpus, 'robustness', 'loi-p39-1-extraction-brute.md');
const present = existsSync(enonce) && existsSync(robustness);
const DOC_ID = 'enonce-principes-ia-2024';

type Answered = Extract<AskResult, { kind: 'answered' }>;

/** Questions a public servant would ask that the Énoncé answers. */
const TRANSPARENCY = 'Quelles obligations de transparence ont les organismes publics envers les citoyens qui utilisent un service d’IA?';
const EFVP = 'Est-ce qu’on doit faire une EFVP avant de lancer notre projet d’IA?';
const ENVIRONMENT = 'What does the statement say about the environmental sustainability of AI systems?';

const sectionIdOf = (passageId: string) => /#(.*):\d+$/.exec(passageId)![1]!;

async function openService(paths: string[]): Promise<{ store: KnowledgeStore; service: KnowledgeService & { close(): void }; dir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'balises-enonce-'));
  const store = openKnowledgeStore(path.join(dir, 'balises.db'));
  const report = await ingestPaths({ store }, paths, { ingestedBy: 'integration-test' });
  if (report.kind === 'rejected') throw new Error(report.reason);
  const failed = report.outcomes.filter((o) => o.kind === 'failed');
  if (failed.length) throw new Error(JSON.stringify(failed));
  return { store, dir, service: createKnowledgeService(store, { lexicon: loadLexicon() }) };
}

describe.skipIf(!present)(
  `the Énoncé de principes ingested from the real corpus${present ? '' : ` (skipped: ${corpus} not found; clone ../shared beside the repo)`}`,
  () => {
    let opened: Awaited<ReturnType<typeof openService>>;
    let withRobustness: Awaited<ReturnType<typeof openService>>;
    let passages: PassageRecord[];
    let sectionIds: Set<string>;

    beforeAll(async () => {
      opened = await openService([documents]);
      withRobustness = await openService([documents, robustness]);
      passages = opened.store.publishedPassages().filter((p) => p.docId === DOC_ID);
      sectionIds = new Set(passages.map((p) => p.section.id));
    });
    afterAll(async () => {
      for (const o of [opened, withRobustness]) {
        o?.service.close();
        if (o) await rm(o.dir, { recursive: true, force: true });
      }
    });

    describe('sections', () => {
      it('finds the ten principles, including 4 and 9 whose numbers the extraction lost', () => {
        for (let n = 1; n <= 10; n++) expect(sectionIds, `principe-${n}`).toContain(`principe-${n}`);
        const titleOf = (id: string) => passages.find((p) => p.section.id === id)!.section.path[0];
        expect(titleOf('principe-4')).toMatch(/^4\. Principe de la sécurité/);
        expect(titleOf('principe-9')).toMatch(/^9\. Principe de la responsabilité/);
        expect(titleOf('principe-7')).toMatch(/^7\. Principe de la transparence/);
      });

      it('gives each principle its illustration subsection', () => {
        for (let n = 1; n <= 10; n++) {
          const illustration = passages.find((p) => p.section.id === `principe-${n}/illustration`);
          expect(illustration, `principe-${n}/illustration`).toBeDefined();
          expect(illustration!.section.path).toHaveLength(2);
          expect(illustration!.section.path[1]).toMatch(/^Illustration/);
        }
      });

      it('finds the introduction’s four labelled considerations', () => {
        for (const id of ['proportionnalite', 'universalite', 'fournisseurs-et-prestataires', 'utilisation-responsable']) {
          expect(sectionIds).toContain(`introduction/${id}`);
        }
      });

      it('keeps the arrêté that adopts the Énoncé as its preamble section', () => {
        const preamble = passages.filter((p) => p.section.id === 'arrete-numero-2024-02');
        expect(preamble.length).toBeGreaterThan(0);
        expect(preamble[0]!.section.path).toEqual(['Arrêté numéro 2024-02']);
      });

      it('lists the sections in the order a reader meets them', () => {
        const order = [...new Set(passages.map((p) => p.section.id))];
        const at = (id: string) => order.indexOf(id);
        expect(at('arrete-numero-2024-02')).toBeLessThan(at('introduction'));
        expect(at('introduction')).toBeLessThan(at('principe-1'));
        for (let n = 1; n < 10; n++) expect(at(`principe-${n}`)).toBeLessThan(at(`principe-${n + 1}`));
      });
    });

    describe('cleaning', () => {
      it('leaves no running Gazette header in any passage', () => {
        expect(passages.filter((p) => p.text.includes('GAZETTE OFFICIELLE'))).toEqual([]);
      });

      it('leaves no copyright footer in any passage', () => {
        expect(passages.filter((p) => p.text.includes('© Éditeur officiel'))).toEqual([]);
      });

      it('drops the unrelated disaster-assistance arrêté that shares the first page', () => {
        expect(passages.filter((p) => /sinistres/i.test(p.text))).toEqual([]);
      });

      it('rejoins words hyphenated across line breaks', () => {
        expect(passages.filter((p) => /\butili- sation\b|\borien- tations\b/.test(p.text))).toEqual([]);
      });

      it('gives passages the Gazette’s page numbers (principle 4 on page 5450)', () => {
        const principle4 = passages.find((p) => p.section.id === 'principe-4')!;
        expect(principle4.pages).toEqual({ from: 5450, to: 5450 });
        expect(principle4.text.startsWith('5450')).toBe(false);
        for (const p of passages) {
          if (p.pages) expect(p.pages.from).toBeGreaterThanOrEqual(5442);
          if (p.pages) expect(p.pages.to).toBeLessThanOrEqual(5457);
        }
      });
    });

    describe('answers', () => {
      it('answers whether citizens must be told they talk to an AI by quoting the transparency principle', async () => {
        const result = await opened.service.ask(TRANSPARENCY);
        expect(result.kind).toBe('answered');
        const { sources, quotes } = result as Answered;
        expect(sources.some((s) => s.sectionPath.join(' ').toLowerCase().includes('transparence'))).toBe(true);
        for (const q of quotes) expect(sources[q.marker - 1]!.passageText).toContain(q.text);
      });

      it('answers an EFVP question by quoting principle 1’s illustration', async () => {
        const result = await opened.service.ask(EFVP);
        expect(result.kind).toBe('answered');
        expect((result as Answered).sources.map((s) => sectionIdOf(s.passageId))).toContain('principe-1/illustration');
      });

      it('answers an English question on environmental sustainability from principle 6, in English', async () => {
        const result = await opened.service.ask(ENVIRONMENT);
        expect(['answered', 'uncertain']).toContain(result.kind);
        expect(result.language).toBe('en');
        expect(sectionIdOf((result as Answered).sources[0]!.passageId)).toMatch(/^principe-6(\/illustration)?$/);
      });

      it('answers the README’s example asked in English as surely as in French, from principle 7', async () => {
        for (const question of ['Que demande le principe de transparence?', 'What does the transparency principle require?']) {
          const result = await opened.service.ask(question);
          expect(result.kind, question).toBe('answered');
          expect(sectionIdOf((result as Answered).sources[0]!.passageId).split('/')[0], question).toBe('principe-7');
        }
      });

      it('answers « le 4e principe » as surely as « principe 4 »: the ordinal is covered by the heading so numbered', async () => {
        expect((await withRobustness.service.ask('le 4e principe')).kind).toBe((await withRobustness.service.ask('principe 4')).kind);
      });

      it('answers a question naming a principle by its number from that principle, in digits, words or English', async () => {
        for (const question of ['Que dit le principe 4?', 'Que dit le quatrième principe?', 'principe no 4', 'What does the fourth principle say?']) {
          const result = await withRobustness.service.ask(question);
          expect(['answered', 'uncertain'], question).toContain(result.kind);
          expect(sectionIdOf((result as Answered).sources[0]!.passageId).split('/')[0], question).toBe('principe-4');
        }
      });

      it('says the Énoncé has no eleventh principle, although the law beside it has an article 11', async () => {
        for (const [question, part] of [
          ['Que dit le principe 11?', 'principe 11'],
          ['What does principle 11 say?', 'principle 11'],
        ]) {
          expect(await withRobustness.service.ask(question!), question).toMatchObject({ kind: 'not_covered', missingPart: part });
        }
      });

      it('says a question about resetting a clicSEQUR password is not covered', async () => {
        const result = await opened.service.ask('comment je fais pour reinitialiser mon mot de passe clicSEQUR');
        expect(result.kind).toBe('not_covered');
      });

      it('says tomorrow’s weather is not covered, asked in French or in English, although the law names Québec', async () => {
        for (const question of ['Quelle est la météo demain à Québec?', 'What is the weather forecast for tomorrow in Quebec City?']) {
          expect((await withRobustness.service.ask(question)).kind, question).toBe('not_covered');
        }
      });

      it('still answers from the same principle of the Énoncé when an unrelated dirty extraction is added', async () => {
        for (const question of [TRANSPARENCY, ENVIRONMENT, EFVP]) {
          const alone = (await opened.service.ask(question)) as Answered;
          const mixed = (await withRobustness.service.ask(question)) as Answered;
          expect(mixed.kind, question).toBe(alone.kind);
          expect(mixed.sources[0]!.docId, question).toBe(DOC_ID);
          const principle = (r: Answered) => sectionIdOf(r.sources[0]!.passageId).split('/')[0];
          expect(principle(mixed), question).toBe(principle(alone));
        }
      });
    });
  },
);
