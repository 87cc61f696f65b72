import { beforeAll, describe, expect, it } from 'vitest';
import type { PassageRecord } from '../../src/knowledge/types.js';
import { loadLexicon, type Lexicon } from '../../src/retrieval/lexicon.js';
import { LocalPassageIndex } from '../../src/retrieval/local-index.js';

/** A fictional charter, one passage per section. */
const SECTIONS: [id: string, heading: string, text: string][] = [
  [
    'principe-1',
    '1. Principe de la transparence',
    'L’Agence québécoise des nuages informe clairement les usagers qu’ils échangent avec un système d’intelligence artificielle lorsqu’ils consultent la météo des nuages.',
  ],
  [
    'principe-2',
    '2. Principe de la sécurité',
    'Des mesures de sécurité de l’information protègent le registre des nuages contre les accès non autorisés.',
  ],
  [
    'principe-3',
    '3. Principe de la durabilité',
    'L’Agence réduit les impacts environnementaux de ses systèmes en mesurant leur consommation d’énergie avant tout achat de nouveaux anémomètres.',
  ],
  [
    'principe-4',
    '4. Principe de la compétence',
    'Les employés de l’Agence reçoivent une formation sur l’observation responsable des cumulus et des stratus.',
  ],
];

function passages(): PassageRecord[] {
  return SECTIONS.map(([id, heading, text], ordinal) => ({
    id: `charte-nuages@v1#${id}:${ordinal}`,
    docId: 'charte-nuages',
    versionLabel: 'v1',
    section: { id, path: [heading] },
    ordinal,
    pages: { from: ordinal + 1, to: ordinal + 1 },
    text,
    title: 'Charte fictive de l’Agence québécoise des nuages',
    publishedOn: '2031-03-12',
    url: null,
  }));
}

/** The passages of a fictional one-version guide, one per row, all on page 1. */
function guidePassages(docId: string, title: string, rows: readonly [id: string, heading: string, text: string][]): PassageRecord[] {
  return rows.map(([id, heading, text], ordinal) => ({
    id: `${docId}@v1#${id}:${ordinal}`,
    docId,
    versionLabel: 'v1',
    section: { id, path: [heading] },
    ordinal,
    pages: { from: 1, to: 1 },
    text,
    title,
    publishedOn: '2031-05-04',
    url: null,
  }));
}

describe('LocalPassageIndex', () => {
  let lexicon: Lexicon;
  let index: LocalPassageIndex;
  beforeAll(() => {
    lexicon = loadLexicon();
    index = new LocalPassageIndex(passages(), lexicon);
  });
  const top = (question: string) => index.searchSync(question, { k: 5 }).passages[0]?.passage.section.id;

  it('finds the passage that answers a French question', () => {
    const result = index.searchSync('Comment protéger le registre des nuages?', { k: 5 });
    expect(result.abstained).toBe(false);
    expect(result.passages[0]!.passage.section.id).toBe('principe-2');
  });

  it('finds the French passage for an English question', () => {
    const result = index.searchSync('Must users be informed that they deal with artificial intelligence?', { k: 5 });
    expect(result.language).toBe('en');
    expect(result.abstained).toBe(false);
    expect(result.passages[0]!.passage.section.id).toBe('principe-1');
  });

  it('built a slice at a time, as the server rebuilds it after a publication, answers as the index built at once', async () => {
    const sliced = await LocalPassageIndex.build(passages(), lexicon);
    for (const question of ['Comment protéger le registre des nuages?', 'formaiton des employés', 'Must users be informed that they deal with AI?', 'Quelle est la météo demain?']) {
      expect(sliced.searchSync(question, { k: 5 })).toEqual(index.searchSync(question, { k: 5 }));
    }
  });

  it('finds the passage of a question with a typo', () => {
    expect(top('formaiton des employés')).toBe('principe-4');
  });

  it('finds a passage by its section heading', () => {
    expect(top('principe de durabilité')).toBe('principe-3');
  });

  it('finds a passage whose words carry invisible format characters, and returns its text as given', () => {
    const text = 'Les obser\u00ADvateurs consignent chaque cumu\u2060lonimbus dans un carnet.';
    const withFormat = new LocalPassageIndex([...passages(), { ...passages()[0]!, id: 'charte-nuages@v1#orages:4', ordinal: 4, section: { id: 'orages', path: ['Orages'] }, text }], lexicon);
    const result = withFormat.searchSync('Que font les observateurs des cumulonimbus?', { k: 5 });
    expect(result.outcome).toBe('answered');
    expect(result.passages[0]!.passage.text).toBe(text);
  });

  it('does not rank by the frame verb of « Que … ? » or « What does … require? »: a passage holding the same word as a noun is not found', () => {
    const request = { ...passages()[0]!, id: 'charte-nuages@v1#guichet:4', ordinal: 4, section: { id: 'guichet', path: ['Guichet'] }, text: 'Précisez votre demande au guichet : une demande claire reçoit une réponse rapide.' };
    const withRequest = new LocalPassageIndex([...passages(), request], lexicon);
    for (const question of ['Que demande le principe de la sécurité?', 'What does the security principle demand?']) {
      const found = withRequest.searchSync(question, { k: 5 }).passages.map((p) => p.passage.section.id);
      expect(found[0], question).toBe('principe-2');
      expect(found, question).not.toContain('guichet');
    }
  });

  it('finds the French passage for an English quality noun newer than the dictionary (`explainability` → « explicabilité »)', () => {
    const explained = { ...passages()[0]!, id: 'charte-nuages@v1#principe-5:4', ordinal: 4, section: { id: 'principe-5', path: ['5. Principe de l’explicabilité'] }, text: 'L’Agence explique aux usagers comment ses prévisions de nuages sont établies.' };
    const withExplained = new LocalPassageIndex([...passages(), explained], lexicon);
    const result = withExplained.searchSync('What does the explainability principle say?', { k: 5 });
    expect(result.outcome).toBe('answered');
    expect(result.passages[0]!.passage.section.id).toBe('principe-5');
  });

  it('abstains on an off-topic question', () => {
    expect(index.searchSync('comment je fais pour réinitialiser mon mot de passe', { k: 5 }).abstained).toBe(true);
  });

  it('says « not covered » when the thing a « c’est quoi » question asks about is named by a word no passage uses', () => {
    const result = index.searchSync('C’est quoi la politique de stationnement des employés de l’Agence?', { k: 5 });
    expect(result.outcome).toBe('not_covered');
    expect(result.signals.focusUncovered).toBe(true);
  });

  it('says « not covered » when none of the best passages holds a word of what a « quelle est » question asks about', () => {
    expect(index.searchSync('Quelle est la procédure d’accès au registre des nuages?', { k: 5 }).outcome).toBe('not_covered');
  });

  it('says « not covered » for an English question on something no passage names, though the passages hold its other words', () => {
    expect(index.searchSync('What is the poutine of the cloud observation training?', { k: 5 }).outcome).toBe('not_covered');
  });

  it('gives the closest passages, labelled uncertain, for an English question whose focus the dictionary cannot translate (`accountable`)', () => {
    const result = index.searchSync('Who is accountable for the cloud observation training?', { k: 5 });
    expect(result.outcome).toBe('uncertain');
    expect(result.signals.focusUncovered).toBeUndefined();
    expect(result.signals.focusUntranslated).toBe(true);
    expect(result.passages.map((p) => p.passage.section.id)).toContain('principe-4');
  });

  it('answers a « quelle est » question whose focus the best passages hold', () => {
    const result = index.searchSync('Quelle est la formation des employés de l’Agence?', { k: 5 });
    expect(result.abstained).toBe(false);
    expect(result.signals.focusUncovered).toBeUndefined();
    expect(result.passages[0]!.passage.section.id).toBe('principe-4');
  });

  it('returns passages exactly as given, best first, at most k', () => {
    const result = index.searchSync('nuages', { k: 2 });
    expect(result.passages.length).toBeLessThanOrEqual(2);
    const given = new Map(passages().map((p) => [p.id, p]));
    for (const { passage } of result.passages) expect(passage).toEqual(given.get(passage.id));
    const scores = result.passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('reports abstention signals within [0, 1]', () => {
    const { signals } = index.searchSync('sécurité du registre', { k: 5 });
    for (const v of [signals.coverage, signals.normalisedScore]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it('abstains without throwing on an empty question', async () => {
    const result = await index.search('', { k: 5 });
    expect(result.abstained).toBe(true);
  });

  it('abstains without throwing on an emoji-only question', async () => {
    expect((await index.search('🙂🌧️👍', { k: 5 })).abstained).toBe(true);
  });

  it('answers a 20 000-character question without throwing, quickly', async () => {
    const question = 'Quelles mesures de sécurité pour le registre? '.repeat(450).slice(0, 20_000);
    const started = performance.now();
    const result = await index.search(question, { k: 5 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.passages[0]?.passage.section.id).toBe('principe-2');
  });

  it('searches an empty index without throwing and abstains', () => {
    const empty = new LocalPassageIndex([], lexicon);
    expect(empty.size).toBe(0);
    expect(empty.searchSync('sécurité', { k: 5 })).toMatchObject({ abstained: true, passages: [] });
  });
});

describe('LocalPassageIndex, numbered headings', () => {
  /** A fictional guide whose texts cite numbers too: a dated preamble, counts, a cross-reference. */
  const GUIDE: [id: string, heading: string, text: string][] = [
    ['preambule', 'Préambule', 'Adopté le 4 mai 2031, le présent guide énonce 4 principes pour les observatoires de nuages.'],
    ['principe-3', '3. Principe de la prudence', 'Chaque observatoire vérifie ses instruments 4 fois par année avant d’appliquer les principes du guide.'],
    ['principe-4', '4. Principe de la sobriété', 'L’observatoire limite la consommation d’énergie de ses radars.'],
    ['article-12', 'Article 12 — Registres', 'Le registre des observations est conservé par l’observatoire.'],
    ['loi-radars', 'Dispositions sur les radars', '39. Les radars sont calibrés chaque année. 40. 2 Un radar défectueux est retiré du service et signalé à l’observatoire.'],
    ['citations', 'Renvois', 'L’article 40 sur les radars, l’article 40 sur les radars défectueux et leur retrait du service sont rappelés aux observatoires.'],
    ['article-2', 'Article 2 — Champ d’application', 'Le guide s’applique aux registres de tout observatoire : les registres décrits à l’article 12, les registres des radars et les registres des instruments.'],
    // One article in two passages: its opening, then the list that continues it, which BM25 favours (shorter, and
    // citing another article).
    ['article-30', 'Article 30 — Calibrages', '30. Chaque observatoire tient à jour, pour chacun de ses radars et de ses anémomètres, un relevé des calibrages qui indique :'],
    ['article-30', 'Article 30 — Calibrages', '1° la date du calibrage, prévu à l’article 2; 2° le nom de la personne qui l’a fait.'],
  ];
  let index: LocalPassageIndex;
  beforeAll(() => {
    index = new LocalPassageIndex(
      guidePassages('guide-nuages', 'Guide fictif des observatoires de nuages', GUIDE),
      loadLexicon(),
    );
  });
  const top = (question: string) => index.searchSync(question, { k: 5 }).passages[0]?.passage.section.id;

  it('answers « principe 4 » and « 4e principe » with the principle numbered 4, not with the texts that say « 4 »', () => {
    expect(top('Que dit le principe 4 du guide?')).toBe('principe-4');
    expect(top('le 4e principe')).toBe('principe-4');
    expect(top('What does principle 4 say?')).toBe('principe-4');
    expect(top('Que dit le quatrième principe?')).toBe('principe-4');
    expect(top('What does the fourth principle say?')).toBe('principe-4');
    expect(top('principe no 4')).toBe('principe-4');
  });

  it('answers « article 12 » with the article so numbered, not the one citing it', () => {
    expect(top('Que prévoit l’article 12 sur les registres?')).toBe('article-12');
  });

  it('quotes a part asked for as a whole from its opening, in reading order; a question on something in it, by relevance', () => {
    const ids = (question: string) => index.searchSync(question, { k: 5 }).passages.map((p) => p.passage.text.slice(0, 3));
    expect(ids('Que dit l’article 30?').slice(0, 2)).toEqual(['30.', '1° ']);
    expect(ids('What does article 30 say?').slice(0, 2)).toEqual(['30.', '1° ']);
    expect(ids('Que dit l’article 30 sur le nom de la personne?')[0]).toBe('1° ');
  });

  it('answers « article 40 » and « art. 40 » with the passage of a statute that starts article 40, not one citing it', () => {
    expect(top('Que prévoit l’article 40?')).toBe('loi-radars');
    expect(top('art. 40 radars')).toBe('loi-radars');
  });

  it('says a principle or an article the guide does not have is not covered, instead of quoting a text holding its number', () => {
    for (const [question, part] of [
      ['Que dit le principe 12?', 'principe 12'],
      ['Que dit le douzième principe?', 'principe 12'],
      ['What does principle 12 require?', 'principle 12'],
      ['Que prévoit l’article 39 sur les radars?', null],
      ['Que prévoit l’article 90 sur les radars?', 'article 90'],
    ] as const) {
      const result = index.searchSync(question, { k: 5 });
      expect(result.signals.missingPart, question).toBe(part ?? undefined);
      if (part !== null) expect(result.outcome, question).toBe('not_covered');
    }
    expect(index.searchSync('Que dit le principe 4?', { k: 5 }).outcome).not.toBe('not_covered');
  });
});

describe('LocalPassageIndex, headings named in the question', () => {
  /** A fictional guide whose section on non-sensitive uses says « sensibles » more often than the section named so, and
   *  whose maintenance calendar says « entretien » and « radars » more often than the section on radar maintenance. */
  const GUIDE: [id: string, heading: string, text: string][] = [
    [
      'non-sensibles',
      'Usages non sensibles',
      'Les usages non sensibles des radars de nuages, comme la relecture des bulletins publics, ne touchent aucune donnée sensible; les usages sensibles sont décrits plus loin.',
    ],
    ['sensibles', 'Usages sensibles', 'Seuls les radars hébergés par l’observatoire traitent les relevés confidentiels des stations privées.'],
    ['radars', 'Entretien des radars', 'Les radars de nuages sont calibrés chaque printemps par l’équipe technique.'],
    ['calendrier', 'Radars : calendrier d’entretien', 'L’entretien des radars de nuages suit le calendrier de l’observatoire.'],
  ];
  let index: LocalPassageIndex;
  beforeAll(() => {
    index = new LocalPassageIndex(
      guidePassages('guide-usages', 'Guide fictif des radars de nuages', GUIDE),
      loadLexicon(),
    );
  });
  const top = (question: string) => index.searchSync(question, { k: 5 }).passages[0]?.passage.section.id;

  it('answers a question naming a section with that section, not with the one naming its negation', () => {
    expect(top('Quels sont les usages sensibles des radars?')).toBe('sensibles');
    expect(top('Quels sont les usages non sensibles des radars?')).toBe('non-sensibles');
  });

  it('answers an English question naming a section through its words’ translations with that section', () => {
    expect(top('What does the guide say about radar maintenance?')).toBe('radars');
  });
});

describe('LocalPassageIndex, acronyms the documents never define', () => {
  /** A fictional guide that lists kinds of writing apart with commas, and names a body without defining its acronym. */
  const GUIDE: [id: string, heading: string, text: string][] = [
    ['ecrits', 'Écrits', 'Rédigez au choix un message, compte rendu, note ou avis de tempête.'],
    ['mission', 'Mission', 'La mission de coordination numérique tient le registre des nuages.'],
  ];
  const index = new LocalPassageIndex(
    guidePassages('guide-ecrits', 'Guide fictif des écrits météo', GUIDE),
    loadLexicon(),
  );

  it('reads an acronym as a name written in one phrase, never as the items of a list (« message, compte rendu, note »)', () => {
    const result = index.searchSync('Que fait le MCN?', { k: 5 });
    expect(result.passages.map((p) => p.passage.section.id)).toEqual(['mission']);
  });
});

describe('LocalPassageIndex, English words in a French question (code-switching)', () => {
  /** A fictional guide of the imaginary cloud agency. */
  const GUIDE: [id: string, heading: string, text: string][] = [
    ['politique', 'Politique sur l’intimité', 'La politique de l’Agence protège l’intimité des observateurs de nuages : leurs carnets ne sont jamais vendus.'],
    ['fournisseurs', 'Fournisseurs', 'Chaque fournisseur d’anémomètres signe la charte de l’Agence avant sa première livraison.'],
    ['calendrier', 'Calendrier', 'Le service public des nuages publie la date de chaque averse prévue.'],
    ['police', 'Surveillance', 'La police de l’air veille sur les montgolfières et les cerfs-volants.'],
    ['equipe', 'Organisation', 'Une équipe de trois météorologues rédige le bulletin des cumulus.'],
  ];
  let index: LocalPassageIndex;
  beforeAll(() => {
    index = new LocalPassageIndex(guidePassages('guide-nuages', 'Guide fictif de l’Agence québécoise des nuages', GUIDE), loadLexicon());
  });

  it('answers « la policy sur la privacy » from the passage on « politique » and « intimité »', () => {
    const result = index.searchSync('C’est quoi la policy sur la privacy des observateurs?', { k: 5 });
    expect(result.language).toBe('fr');
    expect(result.outcome).toBe('answered');
    expect(result.passages[0]!.passage.section.id).toBe('politique');
  });

  it('answers on « fournisseur » for « provider »', () => {
    const result = index.searchSync('Que fait le provider avant la livraison?', { k: 5 });
    expect(result.outcome).toBe('answered');
    expect(result.passages[0]!.passage.section.id).toBe('fournisseurs');
  });

  it('reads `policy` as « politique », not as « police », the index word one letter away', () => {
    expect(index.searchSync('C’est quoi la policy de l’Agence?', { k: 5 }).passages[0]!.passage.section.id).toBe('politique');
  });

  it('reads French words English spells alike (« service », « public », « date ») as French', () => {
    const result = index.searchSync('Le service public publie-t-il la date des averses?', { k: 5 });
    expect(result.outcome).toBe('answered');
    expect(result.passages[0]!.passage.section.id).toBe('calendrier');
    expect([...result.queryTerms.keys()].sort()).toEqual(['avers', 'dat', 'publi', 'public', 'servic']);
  });

  it('does not translate a name written with a capital (`Teams` is no « équipe »)', () => {
    const found = index.searchSync('Le bulletin des cumulus est-il rédigé dans Teams?', { k: 5 });
    expect(found.queryTerms.has('equip')).toBe(false);
  });
});

describe('LocalPassageIndex, an acronym and its long form', () => {
  /** Two fictional documents: a radar guide that defines its acronym and spells its long form out again, and a
   *  workshop guide where instruments are calibrated too. */
  const RADARS: [id: string, heading: string, text: string][] = [
    [
      'definition',
      'Définition',
      'Un radar pluviométrique automatisé (RPA) est un radar pluviométrique automatisé installé sur un toit; chaque radar pluviométrique automatisé relève la pluie.',
    ],
    ['etalonnage', 'Entretien', 'Le technicien de l’observatoire étalonne chaque RPA avant la saison des orages.'],
  ];
  const ATELIER: [id: string, heading: string, text: string][] = [
    ['balances', 'Balances', 'Les balances de l’atelier sont étalonnées chaque mois.'],
    ['thermometres', 'Thermomètres', 'Les thermomètres sont étalonnés avant chaque relevé.'],
    ['sondes', 'Sondes', 'Les sondes de vent sont étalonnées par le fabricant.'],
  ];
  let index: LocalPassageIndex;
  beforeAll(() => {
    index = new LocalPassageIndex(
      [
        ...guidePassages('guide-radars', 'Guide fictif des radars de pluie', RADARS),
        ...guidePassages('guide-atelier', 'Guide fictif de l’atelier', ATELIER),
      ],
      loadLexicon(),
    );
  });

  it('answers with the passage on both things asked, not with the one spelling the acronym out three times', () => {
    const result = index.searchSync('Comment le RPA est-il étalonné?', { k: 5 });
    expect(result.passages[0]?.passage.section.id).toBe('etalonnage');
  });
});
