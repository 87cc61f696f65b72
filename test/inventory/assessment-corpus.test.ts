import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeService, type OpenedKnowledgeService } from '../../src/answers/open.js';
import { sectionMatches } from '../../src/answers/passage-lookup.js';
import { assess, loadAssessmentRules } from '../../src/inventory/assessment.js';
import { ingestPaths } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import type { PassageRecord } from '../../src/knowledge/types.js';
import { quietDeclaration } from './declarations.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const documents = path.resolve(repoRoot, '../shared/corpus/documents');
const present = existsSync(documents);
const rules = loadAssessmentRules();

describe.skipIf(!present)(
  `assessment rules quoting the real corpus${present ? '' : ` (skipped: ${documents} not found)`}`,
  () => {
    let dir: string;
    let service: OpenedKnowledgeService;
    let passages: PassageRecord[];

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'balises-assessment-'));
      const store = openKnowledgeStore(path.join(dir, 'balises.db'));
      const report = await ingestPaths({ store }, [documents], { ingestedBy: 'assessment-test' });
      if (report.kind === 'rejected') throw new Error(report.reason);
      service = createKnowledgeService(store);
      passages = store.publishedPassages();
    });
    afterAll(async () => {
      service?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it.each(rules.rules.map((r) => [r.id, r] as const))('rule %s quotes a stored passage of its section', async (_id, rule) => {
      const quote = await service.passageLookup()(rule.passage);
      expect(quote, `no passage found for ${rule.id}`).not.toBeNull();
      const source = passages.find(
        (p) => p.docId === quote!.docId && p.versionLabel === quote!.versionLabel && p.text.includes(quote!.text) && p.section.path.join('/') === quote!.sectionPath.join('/'),
      );
      expect(source, `quote of ${rule.id} is not a stored passage`).toBeDefined();
      expect(sectionMatches(source!.section.id, rule.passage.sectionSuffix!), `${rule.id} quoted ${source!.section.id}`).toBe(true);
      expect(quote!.title).toBe(source!.title);
      expect(quote!.pages).toEqual(source!.pages);
    });

    it('quotes the EFVP obligation of principle 1’s illustration for personal information', async () => {
      const assessment = await assess(
        quietDeclaration({ personalInformation: 'personnel', affectedGroups: ['citoyens'] }),
        rules,
        service.passageLookup(),
        new Date().toISOString(),
      );
      const efvp = assessment.obligations.find((o) => o.ruleId === 'efvp');
      expect(efvp?.quote?.text).toMatch(/évaluation des facteurs relatifs à la vie privée/);
      expect(efvp?.quote?.sectionPath.at(-1)).toMatch(/^Illustration/);
    });
  },
);
