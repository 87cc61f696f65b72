import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ask, type AskDeps } from '../../src/answers/ask.js';
import { createKnowledgeService, LOOKUP_REFRESH_WAIT_MS, openKnowledgeService, PUBLICATION_CHECK_INTERVAL_MS, REFRESH_WAIT_MS } from '../../src/answers/open.js';
import type { AskResult, CoveredDocument } from '../../src/answers/types.js';
import { ingestPaths } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore } from '../../src/knowledge/store.js';
import type { PassageRecord } from '../../src/knowledge/types.js';
import { terms } from '../../src/retrieval/analyse.js';
import { loadLexicon, type Lexicon } from '../../src/retrieval/lexicon.js';
import { LocalPassageIndex } from '../../src/retrieval/local-index.js';
import type { PassageIndex, RetrievalResult } from '../../src/retrieval/types.js';
import { createLogger } from '../../src/server/logger.js';
import { LogCapture } from '../helpers/log-capture.js';

const COVERED: CoveredDocument[] = [
  {
    docId: 'charte-nuages',
    title: 'Charte fictive de l’Agence québécoise des nuages',
    versionLabel: 'v1',
    publishedOn: '2031-03-12',
    url: 'https://nuages.exemple.invalid/charte',
    sections: ['1. Principe de la transparence', '2. Principe de la sécurité'],
  },
];

const PASSAGES: PassageRecord[] = [
  [
    'principe-1',
    '1. Principe de la transparence',
    'L’Agence québécoise des nuages informe clairement les usagers qu’ils échangent avec un système d’intelligence artificielle. Cette information est donnée dès le premier échange. Le registre des échanges est conservé un an.',
  ],
  [
    'principe-2',
    '2. Principe de la sécurité',
    'Des mesures de sécurité de l’information protègent le registre des nuages. Les accès au registre sont journalisés.',
  ],
  ['principe-3', '3. Principe de la sobriété', 'L’Agence mesure la consommation d’énergie de ses anémomètres avant tout achat.'],
].map(([id, heading, text], ordinal) => ({
  id: `charte-nuages@v1#${id}:${ordinal}`,
  docId: 'charte-nuages',
  versionLabel: 'v1',
  section: { id: id!, path: [heading!] },
  ordinal,
  pages: { from: 10 + ordinal, to: 10 + ordinal },
  text: text!,
  title: 'Charte fictive de l’Agence québécoise des nuages',
  publishedOn: '2031-03-12',
  url: 'https://nuages.exemple.invalid/charte',
}));

/** An index that answers every question with a fixed result. */
function scriptedIndex(size: number, result: Partial<RetrievalResult>): PassageIndex {
  return {
    size,
    search: async () => ({
      language: 'fr',
      outcome: 'answered',
      abstained: false,
      passages: [],
      signals: { coverage: 0, normalisedScore: 0 },
      queryTerms: new Map(),
      ...result,
    }),
  };
}

describe('ask', () => {
  let lexicon: Lexicon;
  let deps: AskDeps;
  beforeAll(() => {
    lexicon = loadLexicon();
    deps = { index: new LocalPassageIndex(PASSAGES, lexicon), analyser: lexicon.fr, documents: () => COVERED, questionAnalysers: lexicon };
  });

  /** `deps` whose index counts the searches it is asked for. */
  function countingSearches(): { deps: AskDeps; searches: string[] } {
    const searches: string[] = [];
    const index = deps.index;
    return {
      searches,
      deps: {
        ...deps,
        index: { size: index.size, search: (question, options) => (searches.push(question), index.search(question, options)) },
      },
    };
  }

  it.each([
    ["C'est quoi?", 'fr'],
    ['Qu’est-ce que c’est?', 'fr'],
    ['Pourquoi?', 'fr'],
    ['Et ça?', 'fr'],
    ['What is it?', 'en'],
    ['Why is that?', 'en'],
  ] as const)('asks what « %s » is about, without searching: it names nothing once its stop words are removed', async (question, language) => {
    const counted = countingSearches();
    expect(await ask(counted.deps, question, language)).toEqual({ kind: 'no_subject', language });
    expect(counted.searches).toEqual([]);
  });

  it.each([
    ["C'est permis?", 'fr'],
    ['Est-ce obligatoire?', 'fr'],
    ['Est-ce que c’est interdit?', 'fr'],
    ['Is it allowed?', 'en'],
    ['Is this mandatory?', 'en'],
  ] as const)('asks what « %s » is about, without searching: it asks whether something it does not name is allowed', async (question, language) => {
    const counted = countingSearches();
    expect(await ask(counted.deps, question, language)).toEqual({ kind: 'no_subject', language });
    expect(counted.searches).toEqual([]);
  });

  it('asks what a question in only stop words is about in whichever language it is read', async () => {
    // « Quoi? » read as English (the person last wrote English) is still a question that names nothing.
    expect(await ask(deps, 'Quoi?', 'en')).toEqual({ kind: 'no_subject', language: 'en' });
  });

  it.each([
    "C'est quoi l'EFVP?",
    'What is transparency?',
    'C’est quoi la transparence?',
    'Est-ce obligatoire pour les stagiaires?',
    'Le registre est-il obligatoire?',
    'Is ChatGPT allowed?',
    'Qui est responsable?',
    'Et la sécurité?',
    'Interdit?',
  ])('searches « %s », which names its subject', async (question) => {
    const counted = countingSearches();
    expect((await ask(counted.deps, question)).kind).not.toBe('no_subject');
    expect(counted.searches).toEqual([question]);
  });

  it('says the index is empty when no passage is indexed', async () => {
    const result = await ask({ ...deps, index: scriptedIndex(0, {}) }, 'Comment protéger le registre?');
    expect(result).toEqual({ kind: 'empty_index', language: 'fr' });
  });

  it('abstains with the list of covered documents when retrieval abstains', async () => {
    const result = await ask({ ...deps, index: scriptedIndex(3, { outcome: 'not_covered', abstained: true }) }, 'Quel temps fera-t-il?');
    expect(result).toEqual({ kind: 'not_covered', language: 'fr', covered: COVERED });
  });

  it('quotes the closest passages as uncertain when retrieval says they may not answer exactly', async () => {
    const index = scriptedIndex(3, {
      outcome: 'uncertain',
      passages: [{ passage: PASSAGES[1]!, score: 4 }],
      queryTerms: new Map(terms('registre journalisés', lexicon.fr).map((t) => [t, 1])),
    });
    const result = await ask({ ...deps, index }, 'Les accès au registre sont-ils journalisés?');
    expect(result).toMatchObject({ kind: 'uncertain', language: 'fr', quotes: [{ marker: 1 }] });
    const { quotes, sources } = result as Extract<AskResult, { kind: 'uncertain' }>;
    expect(sources.map((s) => s.passageId)).toEqual([PASSAGES[1]!.id]);
    for (const q of quotes) expect(PASSAGES[1]!.text).toContain(q.text);
  });

  it('quotes a sentence that starts mid-thought with the sentence it refers back to', async () => {
    const index = scriptedIndex(3, {
      passages: [{ passage: PASSAGES[0]!, score: 4 }],
      queryTerms: new Map(terms('donnée', lexicon.fr).map((t) => [t, 1])),
    });
    const result = (await ask({ ...deps, index }, 'Quand l’information est-elle donnée?')) as Extract<AskResult, { kind: 'answered' }>;
    expect(result.quotes.map((q) => q.text)).toEqual([
      'L’Agence québécoise des nuages informe clairement les usagers qu’ils échangent avec un système d’intelligence artificielle. Cette information est donnée dès le premier échange.',
    ]);
  });

  it('marks a quote that opens on a numbered item of a list as continuing from before, not one that opens a statute’s article', async () => {
    const numbered = (sectionId: string, text: string): PassageRecord => ({ ...PASSAGES[2]!, id: `charte-nuages@v1#${sectionId}:9`, section: { id: sectionId, path: ['Pannes'] }, text });
    const queryTerms = new Map(terms('girouette persiste', lexicon.fr).map((t) => [t, 1]));
    const quoteOf = async (passage: PassageRecord) =>
      ((await ask({ ...deps, index: scriptedIndex(3, { passages: [{ passage, score: 4 }], queryTerms }) }, 'Que faire si la panne de girouette persiste?')) as Extract<AskResult, { kind: 'answered' }>)
        .quotes[0]!;
    // The list's introduction is in the passage before (an item with its introduction is quoted with it, see quotes.ts).
    const list = numbered('pannes', '1. Redémarrez l’anémomètre. 2. Si la panne de girouette persiste, appelez le guetteur fictif.');
    expect(await quoteOf(list)).toEqual({ text: '2. Si la panne de girouette persiste, appelez le guetteur fictif.', marker: 1, lead: true });
    const introduced = 'En cas de panne fictive : 1. Redémarrez l’anémomètre. 2. Si la panne de girouette persiste, appelez le guetteur fictif.';
    expect(await quoteOf(numbered('pannes', introduced))).toEqual({ text: introduced, marker: 1 });
    const article = numbered('chapitre-1/article-2', '2. Si la panne de girouette persiste, le guetteur fictif est appelé.');
    expect(await quoteOf(article)).toEqual({ text: '2. Si la panne de girouette persiste, le guetteur fictif est appelé.', marker: 1 });
  });

  it('marks a quote that opens its passage on a sentence referring to the passage before, not the document’s first', async () => {
    const queryTerms = new Map(terms('girouettes hiver', lexicon.fr).map((t) => [t, 1]));
    const quoteOf = async (text: string, ordinal: number, sectionId = 'hiver', path = ['Hiver']) => {
      const passage: PassageRecord = { ...PASSAGES[2]!, id: `charte-nuages@v1#${sectionId}:${ordinal}`, ordinal, section: { id: sectionId, path }, text };
      const result = await ask({ ...deps, index: scriptedIndex(3, { passages: [{ passage, score: 4 }], queryTerms }) }, 'Que deviennent les girouettes l’hiver?');
      return (result as Extract<AskResult, { kind: 'answered' }>).quotes[0]!;
    };
    const dependent = 'Ces girouettes fictives sont rentrées l’hiver.';
    expect(await quoteOf(dependent, 4)).toEqual({ text: dependent, marker: 1, lead: true });
    expect(await quoteOf(dependent, 0)).toEqual({ text: dependent, marker: 1 });
    const standalone = 'Les girouettes fictives sont rentrées l’hiver.';
    expect(await quoteOf(standalone, 4)).toEqual({ text: standalone, marker: 1 });
    const named = 'Cette saison fictive rentre les girouettes.';
    expect(await quoteOf(named, 4, 'saisons/hiver', ['Saisons fictives', 'Hiver'])).toEqual({ text: named, marker: 1 });
    expect(await quoteOf(named, 4)).toEqual({ text: named, marker: 1, lead: true });
    const article = '12. Elles sont rentrées l’hiver, girouettes comprises.';
    expect(await quoteOf(article, 4, 'chapitre-1/article-12')).toEqual({ text: article, marker: 1 });
  });

  it('does not mark a quote whose demonstrative names the document itself or one of its parts (« Cette charte… », « Cette section… »)', async () => {
    const queryTerms = new Map(terms('girouettes hiver', lexicon.fr).map((t) => [t, 1]));
    const quoteOf = async (text: string) => {
      const passage: PassageRecord = { ...PASSAGES[2]!, id: 'charte-nuages@v1#portee:3', ordinal: 3, section: { id: 'portee', path: ['Portée'] }, text };
      const result = await ask({ ...deps, index: scriptedIndex(3, { passages: [{ passage, score: 4 }], queryTerms }) }, 'Que deviennent les girouettes l’hiver?');
      return (result as Extract<AskResult, { kind: 'answered' }>).quotes[0]!;
    };
    // The document's title, « Charte fictive de l’Agence québécoise des nuages », is on the source line.
    const charter = 'Cette charte s’applique aux girouettes fictives, l’hiver compris.';
    expect(await quoteOf(charter)).toEqual({ text: charter, marker: 1 });
    const section = 'Cette section décrit les girouettes fictives rentrées l’hiver.';
    expect(await quoteOf(section)).toEqual({ text: section, marker: 1 });
    const english = 'This document describes the fictional girouettes of the hiver.';
    expect(await quoteOf(english)).toEqual({ text: english, marker: 1 });
    const other = 'Cette saison fictive rentre les girouettes l’hiver.';
    expect(await quoteOf(other)).toEqual({ text: other, marker: 1, lead: true });
    // « nuages » is a word of the title, not the kind of document: these clouds may be the passage before's.
    const clouds = 'Ces nuages fictifs abritent les girouettes l’hiver.';
    expect(await quoteOf(clouds)).toEqual({ text: clouds, marker: 1, lead: true });
  });

  it('marks an item of a long list quoted apart as continuing when the list goes on after it', async () => {
    const items = Array.from({ length: 8 }, (_, i) => `${i + 1}. Relevez la girouette fictive numéro ${i + 1} chaque matin de la saison.`).join(' ');
    const passage: PassageRecord = { ...PASSAGES[2]!, text: `Le gardien fictif suit ces étapes : ${items} 9. Appelez le météorologue en cas de grêle. 10. Fermez la tour.` };
    const queryTerms = new Map(terms('météorologue grêle', lexicon.fr).map((t) => [t, 1]));
    const result = (await ask({ ...deps, index: scriptedIndex(3, { passages: [{ passage, score: 4 }], queryTerms }) }, 'Qui appeler en cas de grêle?')) as Extract<AskResult, { kind: 'answered' }>;
    expect(result.quotes.map((q) => [q.text, q.lead ?? false, q.trail ?? false])).toEqual([
      // Its colon already makes renderers append « […] » (continuesAfter).
      ['Le gardien fictif suit ces étapes :', false, false],
      ['9. Appelez le météorologue en cas de grêle.', true, true],
    ]);
  });

  it('marks a quote that introduces a list and stops before its next items as continuing', async () => {
    const passage: PassageRecord = {
      ...PASSAGES[2]!,
      text: 'Vous êtes bien au guichet fictif des nuages si : Vous entrez par la porte bleue. Vous montrez votre carte de guetteur. Le comptoir porte le logo de l’Agence.',
    };
    const queryTerms = new Map(terms('guichet porte bleue', lexicon.fr).map((t) => [t, 1]));
    const result = (await ask({ ...deps, index: scriptedIndex(3, { passages: [{ passage, score: 4 }], queryTerms }) }, 'Suis-je au bon guichet?')) as Extract<AskResult, { kind: 'answered' }>;
    expect(result.quotes).toEqual([{ text: 'Vous êtes bien au guichet fictif des nuages si : Vous entrez par la porte bleue.', marker: 1, trail: true }]);
  });

  it('names the heading question that a quote opening with a bare « Non » answers, and no other', async () => {
    const faq = (heading: string, text: string): PassageRecord => ({ ...PASSAGES[2]!, section: { id: 'faq', path: ['Questions', heading] }, text });
    const queryTerms = new Map(terms('parapluie prêté', lexicon.fr).map((t) => [t, 1]));
    const quoteOf = async (passage: PassageRecord) =>
      ((await ask({ ...deps, index: scriptedIndex(3, { passages: [{ passage, score: 4 }], queryTerms }) }, 'Un parapluie est-il prêté?')) as Extract<AskResult, { kind: 'answered' }>)
        .quotes[0]!;
    const answer = 'Non, aucun parapluie fictif n’est prêté le dimanche.';
    expect(await quoteOf(faq('Peut-on emprunter un parapluie le dimanche ?', answer))).toEqual({
      text: answer,
      marker: 1,
      answersHeading: 'Peut-on emprunter un parapluie le dimanche ?',
    });
    expect(await quoteOf(faq('Prêts du dimanche', answer))).toEqual({ text: answer, marker: 1 });
    const statement = 'Aucun parapluie fictif n’est prêté le dimanche.';
    expect(await quoteOf(faq('Peut-on emprunter un parapluie le dimanche ?', statement))).toEqual({ text: statement, marker: 1 });
  });

  it('abstains on an off-topic question over a real index, never quoting a random passage', async () => {
    const result = await ask(deps, 'comment je fais pour réinitialiser mon mot de passe');
    expect(result.kind).toBe('not_covered');
  });

  it('answers with quotes whose markers number the sources 1..n', async () => {
    const result = await ask(deps, 'Faut-il informer les usagers qu’ils échangent avec une intelligence artificielle?');
    expect(result.kind).toBe('answered');
    const { quotes, sources } = result as Extract<AskResult, { kind: 'answered' }>;
    expect(sources.map((s) => s.marker)).toEqual(sources.map((_, i) => i + 1));
    expect(new Set(quotes.map((q) => q.marker))).toEqual(new Set(sources.map((s) => s.marker)));
    expect(sources[0]!.sectionPath).toEqual(['1. Principe de la transparence']);
  });

  it('answers a question pasted with invisible format characters or full-width letters as the same question typed', async () => {
    const typed = 'Faut-il informer les usagers qu’ils échangent avec une intelligence artificielle?';
    const plain = await ask(deps, typed);
    expect(plain.kind).toBe('answered');
    const pasted = [
      'Faut-il infor\u00ADmer les usa\u00ADgers qu’ils échangent avec une intel\u00ADligence artifi\u00ADcielle?',
      'Faut-il infor\u200Bmer les usagers qu’ils échangent avec une intelli\u200Bgence artificielle?',
      'Faut-il informer les usa\u200Dgers qu’ils échangent avec une intelligence arti\u200Dficielle?',
      'Faut-il infor\u2060mer les usagers qu’ils échan\u2060gent avec une intelligence artificielle?',
      '\uFEFFFaut-il informer les ｕｓａｇｅｒｓ qu’ils échangent avec une ｉｎｔｅｌｌｉｇｅｎｃｅ ａｒｔｉｆｉｃｉｅｌｌｅ?',
    ];
    for (const question of pasted) expect(await ask(deps, question), JSON.stringify(question)).toEqual(plain);
  });

  it('answers a question with a web address or a Markdown link as the question without the address', async () => {
    const plain = await ask(deps, 'Faut-il informer les usagers qu’ils échangent avec une intelligence artificielle?');
    const linked = [
      'Faut-il informer les usagers qu’ils échangent avec une intelligence artificielle? https://www.quebec.ca/gouvernement/ia?x=1',
      'Faut-il informer les usagers qu’ils échangent avec une intelligence artificielle (www.quebec.ca/ia)?',
      'Faut-il informer les usagers qu’ils échangent avec une intelligence artificielle? <https://nuages.exemple.invalid/faq>',
      'Faut-il [informer les usagers](https://nuages.exemple.invalid/ia "Charte") qu’ils échangent avec une intelligence artificielle?',
    ];
    for (const question of linked) expect(await ask(deps, question), question).toEqual(plain);
  });

  it('answers a question pasted several times as it answers it once', async () => {
    const once = 'Faut-il informer les usagers qu’ils échangent avec une intelligence artificielle?';
    const plain = await ask(deps, once);
    expect(plain.kind).toBe('answered');
    for (const times of [2, 3, 20]) expect(await ask(deps, Array(times).fill(once).join(' ')), `×${times}`).toEqual(plain);
    expect(await ask(deps, `${once}\n${once.toLowerCase()}\n\n${once.replace('?', ' ?')}`)).toEqual(plain);
  });

  it('answers a question the user numbers, or whose count the user gives, as the question alone', async () => {
    // A list item numbered 3 under a heading with « questions »: what a number read as a word of the question matched.
    const listItem = { ...PASSAGES[2]!, id: 'charte-nuages@v1#faq:3', ordinal: 3, section: { id: 'faq', path: ['Questions fréquentes'] }, text: '3. Pour signaler une panne de nuage, écrivez à l’Agence.' };
    const withList = { ...deps, index: new LocalPassageIndex([...PASSAGES, listItem], lexicon) };
    const once = 'Que dit le principe de transparence?';
    const plain = await ask(withList, once);
    expect(plain.kind).toBe('answered');
    for (const question of [`Question 3 : ${once}`, `Q3) ${once}`, `3) ${once}`]) expect(await ask(withList, question), question).toEqual(plain);
    // « question(s) » stays a word of the question; the count or rank no longer brings the item numbered 3.
    for (const question of [`J’ai 3 questions. ${once}`, `Ma 3e question : ${once}`]) {
      const counted = await ask(withList, question);
      expect(counted.kind, question).toBe('answered');
      const { sources } = counted as Extract<AskResult, { kind: 'answered' }>;
      expect(sources.map((s) => s.sectionPath), question).toEqual([['1. Principe de la transparence']]);
    }
  });

  it('quotes only text found verbatim in the cited passage', async () => {
    const result = await ask(deps, 'Comment le registre des nuages est-il protégé?');
    expect(['answered', 'uncertain']).toContain(result.kind);
    const { quotes, sources } = result as Extract<AskResult, { kind: 'answered' | 'uncertain' }>;
    for (const q of quotes) expect(sources[q.marker - 1]!.passageText).toContain(q.text);
  });

  it('cites the document, version, section, pages and link of each source', async () => {
    const result = (await ask(deps, 'mesures de sécurité du registre')) as Extract<AskResult, { kind: 'answered' }>;
    expect(result.sources[0]).toMatchObject({
      passageId: 'charte-nuages@v1#principe-2:1',
      docId: 'charte-nuages',
      title: 'Charte fictive de l’Agence québécoise des nuages',
      versionLabel: 'v1',
      publishedOn: '2031-03-12',
      sectionPath: ['2. Principe de la sécurité'],
      pages: { from: 11, to: 11 },
      url: 'https://nuages.exemple.invalid/charte',
    });
  });

  it('answers in the language of the question', async () => {
    const result = await ask(deps, 'What does the charter say about energy consumption?');
    expect(result.language).toBe('en');
    expect(['answered', 'uncertain']).toContain(result.kind);
  });
});

describe('openKnowledgeService', () => {
  const CHARTER_V1 = `# Charte fictive de l’Agence québécoise des nuages

## Registre

Le registre des nuages est tenu par l’Agence fictive et consulté chaque printemps par les observateurs.
`;
  const CHARTER_V2 = `# Charte fictive de l’Agence québécoise des nuages

## Registre

Le registre des nuages est tenu par l’Agence fictive et consulté chaque automne par les observateurs.
`;
  const QUESTION = 'Quand le registre des nuages est-il consulté?';

  let dir: string;
  let db: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-open-'));
    db = path.join(dir, 'balises.db');
    file = path.join(dir, 'charte-nuages.md');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function publish(content: string, publishedOn: string): Promise<void> {
    await writeFile(file, content);
    const store = openKnowledgeStore(db);
    try {
      const report = await ingestPaths({ store }, [file], { ingestedBy: 'test', publishedOn });
      if (report.kind !== 'completed' || report.outcomes[0]!.kind !== 'ingested') throw new Error(JSON.stringify(report));
    } finally {
      store.close();
    }
  }

  // Whether retrieval is confident (answered) or not (uncertain) is its call; both quote the ingested text.
  const quotedText = (result: AskResult) =>
    result.kind === 'answered' || result.kind === 'uncertain' ? result.quotes.map((q) => q.text).join(' ') : '';

  it('answers from a file ingested into the store', async () => {
    await publish(CHARTER_V1, '2031-03-12');
    const service = openKnowledgeService(db);
    try {
      const result = await service.ask(QUESTION);
      expect(['answered', 'uncertain']).toContain(result.kind);
      expect(quotedText(result)).toContain('chaque printemps');
      expect(service.sources().map((d) => [d.docId, d.versionLabel])).toEqual([['charte-nuages', '2031-03-12']]);
      expect(service.isReady()).toBe(true);
    } finally {
      service.close();
    }
  });

  it('lists the sections a reader can recognise, not the debris headings of a dirty extraction', async () => {
    await publish(
      `# Charte fictive de l’Agence québécoise des nuages\n\n## Registre\n\nLe registre des nuages est tenu par l’Agence fictive.\n\n## O n section vi n\n\nLe préposé fictif signe le registre.\n\n## . ; ,\n\nLes observateurs fictifs consultent le registre.\n\n## 24. (Remplacé).\n\nLe registre fictif est gratuit.\n`,
      '2031-03-12',
    );
    const service = openKnowledgeService(db);
    try {
      expect(service.sources()[0]!.sections).toEqual(['Registre']);
      const result = await service.ask('Qui signe le registre des nuages?');
      expect(quotedText(result)).toContain('Le préposé fictif signe le registre.');
      if (result.kind !== 'answered' && result.kind !== 'uncertain') throw new Error(result.kind);
      expect(result.sources.flatMap((s) => s.sectionPath)).not.toContain('O n section vi n');
    } finally {
      service.close();
    }
  });

  it('is ready once its first index is built, and not before', async () => {
    await publish(CHARTER_V1, '2031-03-12');
    let finish: (index: PassageIndex) => void = () => undefined;
    const building = new Promise<PassageIndex>((resolve) => (finish = resolve));
    const service = createKnowledgeService(openKnowledgeStore(db), { refresh: () => building });
    try {
      expect(service.isReady()).toBe(false);
      finish(new LocalPassageIndex([], loadLexicon()));
      await building;
      expect(service.isReady()).toBe(true);
    } finally {
      service.close();
    }
  });

  it('says the index is empty before anything is ingested', async () => {
    const service = openKnowledgeService(db);
    try {
      expect((await service.ask(QUESTION)).kind).toBe('empty_index');
    } finally {
      service.close();
    }
  });

  it('answers from the first document published, without waiting for the check interval, while nothing was published', async () => {
    const clock = 1_000_000;
    const service = openKnowledgeService(db, { now: () => clock });
    try {
      expect((await service.ask(QUESTION)).kind).toBe('empty_index');
      await publish(CHARTER_V1, '2031-03-12');
      expect(quotedText(await service.ask(QUESTION))).toContain('chaque printemps');
    } finally {
      service.close();
    }
  });

  it('picks up a newer version published by another store handle once the check interval has passed', async () => {
    await publish(CHARTER_V1, '2031-03-12');
    let clock = 1_000_000;
    const service = openKnowledgeService(db, { now: () => clock });
    try {
      expect(quotedText(await service.ask(QUESTION))).toContain('chaque printemps');
      await publish(CHARTER_V2, '2031-09-01');

      clock += PUBLICATION_CHECK_INTERVAL_MS - 1;
      expect(quotedText(await service.ask(QUESTION))).toContain('chaque printemps');

      clock += 1;
      const result = await service.ask(QUESTION);
      expect(quotedText(result)).toContain('chaque automne');
      expect((result.kind === 'answered' || result.kind === 'uncertain') && result.sources[0]!.versionLabel).toBe('2031-09-01');
    } finally {
      service.close();
    }
  });

  it('logs one « knowledge base reloaded » line, with the documents and passages published, when it picks up an ingest from another process', async () => {
    await publish(CHARTER_V1, '2031-03-12');
    let clock = 1_000_000;
    const out = new LogCapture();
    const service = openKnowledgeService(db, { now: () => clock, logger: createLogger({ logLevel: 'info' }, out) });
    try {
      await service.ask(QUESTION);
      expect(out.records()).toEqual([]);
      await publish(CHARTER_V2, '2031-09-01');
      clock += PUBLICATION_CHECK_INTERVAL_MS;
      expect(quotedText(await service.ask(QUESTION))).toContain('chaque automne');
      clock += PUBLICATION_CHECK_INTERVAL_MS;
      await service.ask(QUESTION);
      const passages = openKnowledgeStore(db);
      const published = passages.publishedPassages().length;
      passages.close();
      expect(published).toBeGreaterThan(0);
      expect(out.records()).toEqual([
        expect.objectContaining({ level: 30, service: 'balises', msg: 'knowledge base reloaded', documents: 1, passages: published, durationMs: expect.any(Number) }),
      ]);
    } finally {
      service.close();
    }
  });

  /** A service whose first index is built at once, and every later one only once `later` resolves. */
  function slowToRebuild(later: () => Promise<void>) {
    const lexicon = loadLexicon();
    let builds = 0;
    return createKnowledgeService(openKnowledgeStore(db), {
      lexicon,
      refresh: async (passages) => {
        if (builds++ > 0) await later();
        return LocalPassageIndex.build(passages, lexicon);
      },
    });
  }

  it('quotes an assessment’s passage from the version just published even when its index takes longer than a question waits', async () => {
    await publish(CHARTER_V1, '2031-03-12');
    const service = slowToRebuild(() => new Promise((resolve) => setTimeout(resolve, REFRESH_WAIT_MS + 1_000)));
    try {
      const lookup = service.passageLookup();
      expect((await lookup({ query: 'registre des nuages consulté' }))?.text).toContain('chaque printemps');
      await publish(CHARTER_V2, '2031-09-01');
      // The receipt quotes the new version: the publication's flags were raised on the declarations stored before it.
      expect(await lookup({ query: 'registre des nuages consulté' })).toMatchObject({ versionLabel: '2031-09-01' });
    } finally {
      service.close();
    }
  }, 10_000);

  it('never quotes a withdrawn document in an assessment, even while the index still holds it', async () => {
    await publish(CHARTER_V1, '2031-03-12');
    const service = slowToRebuild(() => new Promise(() => undefined));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const lookup = service.passageLookup();
      expect((await lookup({ query: 'registre des nuages consulté' }))?.text).toContain('chaque printemps');
      const store = openKnowledgeStore(db);
      expect(store.withdraw('charte-nuages').kind).toBe('withdrawn');
      store.close();
      const quoted = lookup({ query: 'registre des nuages consulté' });
      await vi.advanceTimersByTimeAsync(LOOKUP_REFRESH_WAIT_MS);
      expect(await quoted).toBeNull();
    } finally {
      vi.useRealTimers();
      service.close();
    }
  });

  it('quotes an assessment’s passages from a version published a moment ago, before the check interval has passed', async () => {
    await publish(CHARTER_V1, '2031-03-12');
    const clock = 1_000_000;
    const service = openKnowledgeService(db, { now: () => clock });
    try {
      const lookup = service.passageLookup();
      expect((await lookup({ query: 'registre des nuages consulté' }))?.text).toContain('chaque printemps');
      await publish(CHARTER_V2, '2031-09-01');
      // The clock has not moved: a declaration submitted now is assessed on the version just published, the one
      // that publication's flags were computed against.
      const quoted = await lookup({ query: 'registre des nuages consulté' });
      expect(quoted).toMatchObject({ versionLabel: '2031-09-01' });
      expect(quoted?.text).toContain('chaque automne');
    } finally {
      service.close();
    }
  });
});
