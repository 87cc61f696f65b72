import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PassageRecord } from '../../src/knowledge/types.js';
import {
  AzureSearchError,
  AzureSearchPassageIndex,
  openAzureSearchIndex,
  SEARCH_TIMEOUT_MS,
  type AzureSearchIndexOptions,
} from '../../src/retrieval/azure-search-index.js';
import { documentKey } from '../../src/retrieval/azure-search-schema.js';
import { AzureSearchStub } from '../helpers/azure-search-stub.js';

const API_KEY = 'stub-admin-key';
const INDEX = 'balises-passages';

/** A fictional charter, two versions: passages as the knowledge store would return them. */
function passage(versionLabel: string, ordinal: number, sectionPath: string[], text: string, pages: PassageRecord['pages'] = null): PassageRecord {
  const sectionId = `s-${ordinal}`;
  return {
    id: `charte-fictive@${versionLabel}#${sectionId}:${ordinal}`,
    docId: 'charte-fictive',
    versionLabel,
    section: { id: sectionId, path: sectionPath },
    ordinal,
    pages,
    text,
    title: 'Charte fictive d’utilisation de l’IA',
    publishedOn: '2031-04-01',
    url: 'https://example.test/charte',
  };
}

const V1 = [
  passage('v1', 0, ['Article 1 — Transparence'], 'L’organisme informe clairement les usagers lorsqu’ils échangent avec un agent conversationnel.', { from: 1, to: 1 }),
  passage('v1', 1, ['Article 2 — Vie privée'], 'Une évaluation des facteurs relatifs à la vie privée (EFVP) précède toute collecte de renseignements personnels.', { from: 2, to: 3 }),
  passage('v1', 2, ['Article 3 — Sécurité'], 'Les actifs informationnels sont protégés contre les accès non autorisés « en tout temps ».'),
];
const V2 = [
  passage('v2', 0, ['Article 1 — Transparence'], 'L’organisme affiche un visuel qui confirme aux usagers finaux qu’un système d’IA leur répond.'),
  passage('v2', 1, ['Article 2 — Vie privée'], 'Une évaluation des facteurs relatifs à la vie privée est faite avant la collecte.'),
];

describe('AzureSearchPassageIndex', () => {
  let stub: AzureSearchStub;
  let options: AzureSearchIndexOptions;

  beforeEach(async () => {
    stub = await new AzureSearchStub(API_KEY).start();
    options = { endpoint: stub.endpoint, indexName: INDEX, apiKey: API_KEY, allowInsecureConnection: true, maxRetries: 0 };
  });
  afterEach(async () => {
    await stub.stop();
  });

  describe('open', () => {
    it('defines no synonym map: expansions travel in the query with their own weights', async () => {
      await openAzureSearchIndex(options);
      expect(stub.requestsTo(/^\/synonymmaps/)).toEqual([]);
    });

    it('defines the index with fr.microsoft on text and heading, and headings weighted ×2', async () => {
      await openAzureSearchIndex(options);
      const [put] = stub.requestsTo(/^\/indexes\('balises-passages'\)$/);
      expect(put?.method).toBe('PUT');
      const fields = Object.fromEntries((put?.body.fields as any[]).map((f) => [f.name, f]));
      expect(fields.id).toMatchObject({ type: 'Edm.String', key: true });
      expect(fields.sectionPath).toMatchObject({ type: 'Collection(Edm.String)' });
      for (const name of ['text', 'heading']) {
        expect(fields[name]).toMatchObject({ searchable: true, analyzer: 'fr.microsoft' });
        expect(fields[name].synonymMaps ?? []).toEqual([]);
      }
      for (const name of ['docId', 'versionLabel']) expect(fields[name]).toMatchObject({ filterable: true, searchable: false });
      for (const name of ['title', 'publishedOn', 'url', 'sectionId', 'pageFrom', 'pageTo', 'ordinal']) expect(fields[name]).toBeDefined();
      expect(put?.body.scoringProfiles).toEqual([
        expect.objectContaining({ name: 'heading-boost', text: { weights: { text: 1, heading: 2 } } }),
      ]);
      expect(put?.body.defaultScoringProfile).toBe('heading-boost');
    });

    it('defines a references field of whole keys for numbered parts', async () => {
      await openAzureSearchIndex(options);
      const [put] = stub.requestsTo(/^\/indexes\('balises-passages'\)$/);
      const fields = Object.fromEntries((put?.body.fields as any[]).map((f) => [f.name, f]));
      expect(fields.references).toMatchObject({ type: 'Collection(Edm.String)', searchable: true, analyzer: 'keyword' });
    });

    it('sends the api-key header and an api-version on every request', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      await index.search('vie privée', { k: 3 });
      expect(stub.requests.length).toBeGreaterThan(3);
      for (const r of stub.requests) {
        expect(r.headers['api-key']).toBe(API_KEY);
        expect(r.headers.authorization).toBeUndefined();
        expect(r.query['api-version']).toMatch(/^\d{4}-\d{2}-\d{2}/);
      }
    });

    it('leaves the schema alone when manageSchema is false', async () => {
      await openAzureSearchIndex(options);
      stub.requests.length = 0;
      await openAzureSearchIndex({ ...options, manageSchema: false });
      expect(stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /indexes('balises-passages')/docs/$count"]);
    });
  });

  describe('publishVersion', () => {
    it('uploads the passages with mergeOrUpload and counts them', async () => {
      const index = await openAzureSearchIndex(options);
      expect(index.size).toBe(0);
      expect(await index.publishVersion(V1)).toEqual({ uploaded: 3, deleted: 0 });
      const [upload] = stub.requestsTo(/\/docs\/search\.index$/);
      expect(upload?.method).toBe('POST');
      expect(upload?.path).toBe("/indexes('balises-passages')/docs/search.index");
      expect(upload?.body.value.map((d: any) => d['@search.action'])).toEqual(['mergeOrUpload', 'mergeOrUpload', 'mergeOrUpload']);
      expect(stub.documents(INDEX).map((d) => d.passageId)).toEqual(V1.map((p) => p.id));
      expect(index.size).toBe(3);
    });

    it('removes the passages of the previous version when a new version is published', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      expect(await index.publishVersion(V2)).toEqual({ uploaded: 2, deleted: 3 });
      expect(stub.documents(INDEX).map((d) => d.versionLabel)).toEqual(['v2', 'v2']);
      expect(index.size).toBe(2);
      const found = await index.search('évaluation des facteurs relatifs à la vie privée', { k: 5 });
      expect(found.passages.map((p) => p.passage.versionLabel)).toEqual(['v2']);
    });

    it('is idempotent: publishing the same version again changes nothing', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      expect(await index.publishVersion(V1)).toEqual({ uploaded: 3, deleted: 0 });
      expect(index.size).toBe(3);
    });

    it('sends batches of at most 1000 documents', async () => {
      const index = await openAzureSearchIndex(options);
      const many = Array.from({ length: 2500 }, (_, i) => passage('v1', i, ['Annexe'], `Paragraphe fictif numéro ${i}.`));
      await index.publishVersion(many);
      expect(stub.requestsTo(/\/docs\/search\.index$/).map((r) => r.body.value.length)).toEqual([1000, 1000, 500]);
      expect(index.size).toBe(2500);
    });

    it('refuses passages of several versions', async () => {
      const index = await openAzureSearchIndex(options);
      await expect(index.publishVersion([...V1, ...V2])).rejects.toThrow(/one version/);
      await expect(index.publishVersion([])).rejects.toThrow(/got none/);
    });

    it('publishAll publishes each document version found', async () => {
      const index = await openAzureSearchIndex(options);
      const other = { ...V2[0]!, id: 'autre-doc@1#a:0', docId: 'autre-doc', versionLabel: '1' };
      expect(await index.publishAll([...V2, other])).toEqual({ uploaded: 3, deleted: 0 });
      expect(stub.documents(INDEX)).toHaveLength(3);
    });

    it('publishAll removes the passages of a document no longer published (withdrawn)', async () => {
      const index = await openAzureSearchIndex(options);
      const other = { ...V2[0]!, id: 'autre-doc@1#a:0', docId: 'autre-doc', versionLabel: '1' };
      await index.publishAll([...V2, other]);
      expect(await index.publishAll([other])).toEqual({ uploaded: 1, deleted: 2 });
      expect(stub.documents(INDEX).map((d) => d['docId'])).toEqual(['autre-doc']);
      expect(index.size).toBe(1);
    });

    it('publishAll of nothing empties the index', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishAll(V1);
      await index.publishAll([]);
      expect(stub.documents(INDEX)).toHaveLength(0);
      expect(index.size).toBe(0);
    });
  });

  describe('search', () => {
    it('returns the passages exactly as stored, best first', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      const result = await index.search('Quelle sécurité pour les actifs informationnels?', { k: 2 });
      expect(result.language).toBe('fr');
      expect(result.abstained).toBe(false);
      expect(result.passages[0]?.passage).toEqual(V1[2]);
      expect(result.passages[0]?.score).toBeGreaterThan(0);
      expect(result.passages.length).toBeLessThanOrEqual(2);
    });

    it('keeps page ranges, null pages and typographic characters verbatim', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      const privacy = await index.search('collecte de renseignements personnels', { k: 1 });
      expect(privacy.passages[0]?.passage).toEqual(V1[1]);
      expect(privacy.passages[0]?.passage.pages).toEqual({ from: 2, to: 3 });
      const security = await index.search('actifs informationnels protégés', { k: 1 });
      expect(security.passages[0]?.passage.text).toBe('Les actifs informationnels sont protégés contre les accès non autorisés « en tout temps ».');
      expect(security.passages[0]?.passage.pages).toBeNull();
    });

    it('posts a Lucene query on text and heading with the heading profile and top k', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      await index.search("Est-ce qu'on doit informer les usagers d'un agent conversationnel?", { k: 5 });
      const [post] = stub.requestsTo(/\/docs\/search\.post\.search$/).filter((r) => r.body.search !== '*');
      expect(post?.path).toBe("/indexes('balises-passages')/docs/search.post.search");
      expect(post?.body).toMatchObject({
        queryType: 'full',
        searchMode: 'any',
        searchFields: 'text,heading',
        scoringProfile: 'heading-boost',
        top: 5,
      });
      const words = (post?.body.search as string).split(' ');
      expect(words).toEqual(expect.arrayContaining(['informer', 'usagers', 'agent', 'conversationnel']));
      expect(words).not.toContain('qu');
      expect(words).not.toContain('Est\\-ce');
    });

    it('sends a question pasted with format characters or full-width letters as the same question typed', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      const typed = index.buildQuery('Quelle sécurité pour les actifs informationnels?', 'fr');
      expect(index.buildQuery('Quelle sécu\u00ADrité pour les ac\u200Btifs informa\u2060tionnels?', 'fr')).toEqual(typed);
      expect(index.buildQuery('Quelle sécurité pour les ａｃｔｉｆｓ informationnels?', 'fr')).toEqual(typed);
      const result = await index.search('Quelle sécu\u00ADrité pour les ac\u200Dtifs informationnels?', { k: 2 });
      expect(result.abstained).toBe(false);
      expect(result.passages[0]?.passage).toEqual(V1[2]);
    });

    it('sends no word of a web address, and the text of a Markdown link', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      const typed = index.buildQuery('Quelle sécurité pour les actifs informationnels?', 'fr');
      expect(index.buildQuery('Quelle sécurité pour les actifs informationnels? https://www.quebec.ca/securite', 'fr')).toEqual(typed);
      expect(index.buildQuery('Quelle sécurité pour les [actifs informationnels](https://example.test/actifs)?', 'fr')).toEqual(typed);
      const result = await index.search('Quelle sécurité pour les actifs informationnels? https://www.quebec.ca/securite', { k: 2 });
      expect(result.abstained).toBe(false);
      const [post] = stub.requestsTo(/\/docs\/search\.post\.search$/).filter((r) => r.body.search !== '*');
      expect(post?.body.search).not.toMatch(/https|www|quebec/);
    });

    it('sends no number the user numbers their own question with', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      const typed = index.buildQuery('Quelle sécurité pour les actifs informationnels?', 'fr');
      expect(index.buildQuery('Question 2 : Quelle sécurité pour les actifs informationnels?', 'fr')).toEqual(typed);
      expect(index.buildQuery('J’ai 2 questions. Quelle sécurité pour les actifs informationnels?', 'fr')).not.toContainEqual({ word: '2', weight: 1 });
    });

    it('expands an acronym that a published document defines to its French words', async () => {
      const index = await openAzureSearchIndex(options);
      expect(index.buildQuery('Faut-il une EFVP?', 'fr')).not.toContainEqual({ word: 'évaluation', weight: 0.8 });
      await index.publishVersion(V1);
      expect(index.buildQuery('Faut-il une EFVP?', 'fr')).toEqual(
        expect.arrayContaining([
          { word: 'EFVP', weight: 1 },
          { word: 'évaluation', weight: 0.8 },
          { word: 'privée', weight: 0.8 },
        ]),
      );
    });

    it('answers an English question from the French text through the dictionary', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      const result = await index.search('Do we need a privacy impact assessment before collecting personal information?', { k: 3 });
      expect(result.language).toBe('en');
      expect(result.passages[0]?.passage).toEqual(V1[1]);
      const [post] = stub.requestsTo(/\/docs\/search\.post\.search$/).filter((r) => r.body.search !== '*');
      expect(post?.body.search).toMatch(/évaluation\^0\.\d+/);
      expect(post?.body.search).toMatch(/renseignement\^0\.\d+/);
      expect(post?.body.search).not.toMatch(/privacy/);
    });

    it('finds a numbered part named by its number or an ordinal through the references field', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      const uploads = stub.requestsTo(/\/docs\/search\.index$/).flatMap((r) => r.body.value as Array<Record<string, unknown>>);
      expect(uploads.find((d) => d.passageId === V1[2]!.id)?.references).toEqual(['articl§3', 'securit§3', '¶articl_securit']);
      for (const question of ['Que dit l’article 3?', 'le troisième article', 'What does article 3 say?']) {
        const result = await index.search(question, { k: 3 });
        expect(result.passages[0]?.passage, question).toEqual(V1[2]);
      }
      const [post] = stub.requestsTo(/\/docs\/search\.post\.search$/).filter((r) => r.body.search !== '*');
      expect(post?.body.search).toContain('references:articl§3');
    });

    it('sends the key of a section the question names word for word on the references field, not its negation’s', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion([
        passage('v1', 0, ['Usages non sensibles'], 'La relecture de textes publics en fait partie.'),
        passage('v1', 1, ['Usages sensibles'], 'Seuls les outils hébergés par l’organisme traitent ces dossiers.'),
      ]);
      const uploads = stub.requestsTo(/\/docs\/search\.index$/).flatMap((r) => r.body.value as Array<Record<string, unknown>>);
      expect(uploads.map((d) => d.references)).toEqual([['¶usag_non_sensibl'], ['¶usag_sensibl']]);
      const result = await index.search('Quels sont les usages sensibles?', { k: 2 });
      expect(result.passages[0]?.passage.section.path).toEqual(['Usages sensibles']);
      const [post] = stub.requestsTo(/\/docs\/search\.post\.search$/).filter((r) => r.body.search !== '*');
      expect(post?.body.search).toContain('references:¶usag_sensibl');
      expect(post?.body.search).not.toContain('¶usag_non');
    });

    it('sends the key of a French section an English question names through its words’ translations', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion([
        passage('v1', 0, ['Radars : calendrier d’entretien'], 'Le calendrier suit les saisons.'),
        passage('v1', 1, ['Entretien des radars'], 'L’équipe technique s’en charge.'),
      ]);
      const result = await index.search('What does the charter say about radar maintenance?', { k: 2 });
      expect(result.passages[0]?.passage.section.path).toEqual(['Entretien des radars']);
      const [post] = stub.requestsTo(/\/docs\/search\.post\.search$/).filter((r) => r.body.search !== '*');
      expect(post?.body.search).toContain('references:¶entretien_radar');
    });

    it('quotes a numbered part asked for as a whole from its opening, in reading order', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion([
        passage('v1', 0, ['Article 3 — Sécurité'], '3. Les actifs informationnels sont protégés :'),
        passage('v1', 1, ['Article 3 — Sécurité'], '1° par des mots de passe, au sens de l’article 2; 2° par le chiffrement prévu à l’article 3.'),
      ]);
      const opening = await index.search('Que dit l’article 3?', { k: 2 });
      expect(opening.passages.map((p) => p.passage.ordinal)).toEqual([0, 1]);
      const asked = await index.search('Que dit l’article 3 sur le chiffrement?', { k: 2 });
      expect(asked.passages[0]?.passage.ordinal).toBe(1);
    });

    it('says an article the published documents do not have is not covered, not the article holding its number', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion([
        passage('v1', 0, ['Article 3 — Sécurité'], '3. Les actifs informationnels sont protégés par des mots de passe.'),
        passage('v1', 1, ['Article 4 — Registres'], '4. Les registres sont conservés 9 ans par l’organisme.'),
      ]);
      const result = await index.search('Que prévoit l’article 9 sur les registres?', { k: 2 });
      expect(result).toMatchObject({ outcome: 'not_covered', signals: { missingPart: 'article 9' } });
      expect((await index.search('Que prévoit l’article 4 sur les registres?', { k: 2 })).signals.missingPart).toBeUndefined();
    });

    it('answers a count no passage writes out by the numbered headings of the published documents', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion([
        passage('v1', 0, ['Préambule'], 'La charte fictive encadre les agents conversationnels et leurs règles d’usage.'),
        passage('v1', 1, ['1. Règle de prudence'], 'L’organisme vérifie les réponses de l’agent.'),
        passage('v1', 2, ['2. Règle de clarté'], 'L’organisme écrit les avis simplement.'),
        passage('v1', 3, ['3. Règle de sobriété'], 'L’organisme limite les traitements.'),
      ]);
      const result = await index.search('Combien de règles compte la charte?', { k: 3 });
      expect(result.outcome).not.toBe('not_covered');
      expect(result.signals.answerTypeMissing).toBe(false);
      expect(result.counted?.noun).toBe('règles');
      expect(result.counted?.series.map((s) => [s.docId, s.versionLabel, s.parts.map((p) => p.heading)])).toEqual([
        ['charte-fictive', 'v1', ['1. Règle de prudence', '2. Règle de clarté', '3. Règle de sobriété']],
      ]);
      const licences = await index.search('Combien de licences faut-il pour l’agent?', { k: 3 });
      expect(licences).toMatchObject({ outcome: 'not_covered', signals: { answerTypeMissing: true } });
      expect(licences.counted).toBeUndefined();
    });

    it('abstains when the passages found do not cover the question', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      const result = await index.search('Quel est le tarif du stationnement des employés au centre-ville?', { k: 3 });
      expect(result.abstained).toBe(true);
      expect(result.signals.coverage).toBeLessThan(0.5);
    });

    it('abstains without calling the service when the question has no content word', async () => {
      const index = await openAzureSearchIndex(options);
      const before = stub.requests.length;
      const result = await index.search('est-ce que', { k: 3 });
      expect(result).toMatchObject({ abstained: true, passages: [] });
      expect(stub.requests.length).toBe(before);
    });

    it('does not abstain when the best passage holds the question words', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      const result = await index.search('actifs informationnels protégés accès non autorisés', { k: 3 });
      expect(result.abstained).toBe(false);
      expect(result.signals.coverage).toBe(1);
      expect(result.signals.normalisedScore).toBeGreaterThan(0.5);
    });
  });

  describe('atomic switch between versions', () => {
    const QUESTION = 'évaluation des facteurs relatifs à la vie privée';
    const versionsFound = async (index: AzureSearchPassageIndex) =>
      [...new Set((await index.search(QUESTION, { k: 10 })).passages.map((p) => p.passage.versionLabel))];
    const isDelete = (r: { path: string; body: any }) => /search\.index$/.test(r.path) && r.body.value[0]['@search.action'] === 'delete';
    const isUpload = (r: { path: string; body: any }) => /search\.index$/.test(r.path) && r.body.value[0]['@search.action'] === 'mergeOrUpload';

    it('uploads the new version, then flips the published set (store transaction), then deletes the old passages', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      const events: string[] = [];
      stub.onRequest = (r) => {
        if (isUpload(r)) events.push('upload');
        else if (isDelete(r)) events.push('delete');
        else if (/search\.post\.search$/.test(r.path)) events.push(`search ${r.body.filter ?? ''}`);
      };
      await index.publishVersion(V2, { flip: () => events.push('flip') });
      expect(events).toEqual([
        'upload',
        'flip',
        "search docId eq 'charte-fictive' and versionKey ne 'charte-fictive@v2'",
        'delete',
        "search docId eq 'charte-fictive' and versionKey ne 'charte-fictive@v2'",
      ]);
    });

    it('filters every query on the published version set', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishAll(V1);
      await index.search(QUESTION, { k: 3 });
      expect(stub.requestsTo(/search\.post\.search$/).at(-1)?.body.filter).toBe("search.in(versionKey, 'charte-fictive@v1', '#')");
    });

    it('never answers a query during a publication with passages of two versions of one document', async () => {
      const publisher = await openAzureSearchIndex(options);
      await publisher.publishAll(V1);
      const replica = await openAzureSearchIndex({ ...options, manageSchema: false });
      await replica.publishAll(V1);
      const seen: Array<[string, string[]]> = [];
      stub.onRequest = async (r) => {
        if (isUpload(r)) seen.push(['during upload', await versionsFound(publisher)]);
        if (isDelete(r)) {
          seen.push(['after the flip, before deletion', await versionsFound(publisher)]);
          seen.push(['another instance, not yet told', await versionsFound(replica)]);
        }
      };
      await publisher.publishAll(V2);
      stub.onRequest = null;
      expect(seen).toEqual([
        ['during upload', ['v1']],
        ['after the flip, before deletion', ['v2']],
        ['another instance, not yet told', ['v1']],
      ]);
      expect(await versionsFound(publisher)).toEqual(['v2']);
    });

    it('keeps queries on the previous version when the store transaction fails', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      await expect(index.publishVersion(V2, { flip: () => { throw new Error('store refused'); } })).rejects.toThrow('store refused');
      expect(await versionsFound(index)).toEqual(['v1']);
      expect(stub.requests.filter(isDelete)).toEqual([]);
    });
  });

  describe('retries', () => {
    it('retries a 429 after the Retry-After the service asks, then succeeds', async () => {
      const index = await openAzureSearchIndex({ ...options, maxRetries: 3 });
      await index.publishVersion(V1);
      stub.failNext({ status: 429, headers: { 'retry-after': '1' } });
      const result = await index.search('vie privée', { k: 3 });
      expect(result.passages.length).toBeGreaterThan(0);
      const [refused, retried] = stub.requestsTo(/search\.post\.search$/).slice(-2);
      expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(900);
    });

    it('retries a 503 during an upload, so the publication completes', async () => {
      const index = await openAzureSearchIndex({ ...options, maxRetries: 3, retryDelayInMs: 10 });
      stub.failNext({ status: 503 }, { status: 503, headers: { 'retry-after-ms': '20' } });
      expect(await index.publishVersion(V1)).toEqual({ uploaded: 3, deleted: 0 });
      expect(stub.requestsTo(/search\.index$/).filter((r) => r.body.value[0]['@search.action'] === 'mergeOrUpload')).toHaveLength(3);
    });
  });

  describe('errors', () => {
    it('names the index when the service answers 503 to a search', async () => {
      const index = await openAzureSearchIndex(options);
      stub.failWith(503);
      const failure = index.search('vie privée', { k: 3 });
      await expect(failure).rejects.toBeInstanceOf(AzureSearchError);
      await expect(failure).rejects.toThrow(/Azure AI Search index "balises-passages": search failed \(HTTP 503\)/);
    });

    it('gives up a search the service never answers, so the person gets an answer before Teams redelivers', async () => {
      const index = await openAzureSearchIndex({ ...options, searchTimeoutMs: 300 });
      await index.publishVersion(V1);
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      stub.onRequest = (request) => (request.path.endsWith('/docs/search.post.search') ? held : undefined);
      try {
        const started = Date.now();
        const failure = index.search('vie privée', { k: 3 });
        await expect(failure).rejects.toBeInstanceOf(AzureSearchError);
        await expect(failure).rejects.toThrow(/index "balises-passages": search failed: no answer within 300 ms/);
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        release();
      }
      expect(SEARCH_TIMEOUT_MS).toBeLessThan(15_000);
    });

    it('names the index when the service answers 401 at opening', async () => {
      stub.failWith(401);
      await expect(openAzureSearchIndex(options)).rejects.toThrow(
        /Azure AI Search index "balises-passages": creating the index failed \(HTTP 401\)/,
      );
    });

    it('names the index and the version when an upload fails', async () => {
      const index = await openAzureSearchIndex(options);
      stub.failWith(503);
      await expect(index.publishVersion(V1)).rejects.toThrow(
        /index "balises-passages": uploading passages of charte-fictive@v1 failed \(HTTP 503\)/,
      );
    });

    it('reports a wrong api key', async () => {
      await expect(openAzureSearchIndex({ ...options, apiKey: 'wrong' })).rejects.toThrow(/index "balises-passages".*HTTP 403/);
    });

    it('refuses plain http unless allowInsecureConnection is set', async () => {
      await expect(openAzureSearchIndex({ ...options, allowInsecureConnection: false })).rejects.toThrow(/index "balises-passages"/);
      expect(stub.requests).toHaveLength(0);
    });

    it('rejects a document that is not a Balises passage', async () => {
      const index = await AzureSearchPassageIndex.open(options);
      stub.indexes.get(INDEX)!.documents.set('x', { id: 'x', text: 'vie privée', heading: '' });
      await expect(index.search('vie privée', { k: 3 })).rejects.toThrow(/index document x is not a Balises passage/);
    });

    it('uses URL-safe keys derived from the passage id', async () => {
      const index = await openAzureSearchIndex(options);
      await index.publishVersion(V1);
      for (const d of stub.documents(INDEX)) {
        expect(d.id).toMatch(/^[A-Za-z0-9_\-=]+$/);
        expect(d.id).toBe(documentKey(String(d.passageId)));
      }
    });
  });
});
