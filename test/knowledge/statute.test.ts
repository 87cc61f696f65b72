import { describe, expect, it } from 'vitest';
import { buildPassages } from '../../src/knowledge/pipeline.js';
import type { ExtractedDocument, Passage } from '../../src/knowledge/types.js';

/** A fictional text extraction (no pages in the format) given as lines; `## ` marks a heading line. */
function extraction(lines: string[]): ExtractedDocument {
  return {
    format: 'markdown',
    pages: [
      {
        pageNumber: null,
        lines: lines.map((l) => (l.startsWith('## ') ? { text: l.slice(3), headingLevel: 2 } : { text: l })),
      },
    ],
  };
}

function build(lines: string[]): Passage[] {
  return buildPassages(extraction(lines), { docId: 'reglement-fictif', versionLabel: 'v1', title: 'Règlement fictif sur les nuages' }).passages;
}

/** The passage whose text holds `words`: what a user sees cited for a quote of them. */
function citing(passages: Passage[], words: string): { path: string[]; pages: Passage['pages'] } {
  const found = passages.find((p) => p.text.includes(words));
  if (!found) throw new Error(`no passage holds « ${words} »`);
  return { path: found.section.path, pages: found.pages };
}

/** Sentences that make article 4 a passage of its own (longer than a passage's target length). */
const LONG_ARTICLE = [
  'La déclaration précise le nombre de nuages, leur altitude moyenne et la saison de leur observation.',
  'Elle mentionne aussi le lieu où les nuages sont gardés lorsqu’ils ne sont pas observés par le nuagiste.',
  'Un nuagiste qui possède plus de dix nuages joint à sa déclaration un plan de garde approuvé par le greffier.',
  'Le plan de garde décrit les abris utilisés, leur capacité et les mesures prises contre les vents violents.',
  'Le greffier peut exiger tout renseignement complémentaire utile à l’examen de la déclaration du nuagiste.',
  'Une déclaration incomplète est retournée au nuagiste, qui dispose alors de trente jours pour la compléter.',
  'Les nuages déclarés hors délai sont inscrits au registre avec une mention de retard visible du public.',
].join(' ');

/**
 * A fictional regulation as a dirty PDF export leaves it: a footer « Règlement fictif / n sur 5 » closing each page
 * (once inside a paragraph cut by the page break), articles numbered in the text, divisions in capitals and `§`,
 * headings without letters (`.`, `, .`), the lone letters of a vertical watermark (`E`, `T E`, `SECTION II N`), and
 * a sentence whose numbers read like a folio (« 2 sur 5 membres »).
 */
const REGULATION = [
  'RÈGLEMENT FICTIF SUR LES NUAGES',
  '',
  'SECTION I DISPOSITIONS GÉNÉRALES',
  '',
  '1. Le présent règlement s’applique aux nuages fictifs du territoire.',
  '',
  '## .',
  '',
  '2. Un nuage est dit cumulus lorsqu’il est blanc et joufflu.',
  '',
  '## E',
  '',
  '3. Le comité des nuages compte 2 sur 5 membres élus par les nuagistes.',
  '',
  'Règlement fictif / 1 sur 5',
  '',
  '## SECTION II N',
  '',
  '## OBLIGATIONS DES NUAGISTES E',
  '',
  '§ 1. — Déclaration des nuages',
  '',
  `4. Tout nuagiste déclare ses nuages au greffier avant le 1er mars. ${LONG_ARTICLE}`,
  '',
  '## T E',
  '',
  '5. La déclaration indique la forme et la couleur du nuage. Règlement fictif / 2 sur 5 Elle est signée par le nuagiste.',
  '',
  '## , .',
  '',
  '6. Le greffier accuse réception de la déclaration dans les dix jours.',
  '',
  'Règlement fictif / 3 sur 5',
  '',
  '§ 2. — Inspection',
  '',
  '7. Un inspecteur fictif peut examiner tout nuage déclaré.',
  '',
  '## O N',
  '',
  'Règlement fictif / 4 sur 5',
  '',
  '8. L’inspecteur remet son rapport au greffier.',
  '',
  'Règlement fictif / 5 sur 5',
];

describe('a statute-like extraction with running footers, letterless headings and watermark letters', () => {
  const passages = build(REGULATION);

  it('cites each article under its divisions, with its number, short consecutive articles of a division together', () => {
    expect(citing(passages, 'Un nuage est dit cumulus').path).toEqual(['Section I — Dispositions générales', 'Articles 1 à 3']);
    expect(citing(passages, 'Tout nuagiste déclare').path).toEqual([
      'Section II — Obligations des nuagistes',
      '§ 1. — Déclaration des nuages',
      'Article 4',
    ]);
    expect(citing(passages, 'La déclaration indique').path).toEqual([
      'Section II — Obligations des nuagistes',
      '§ 1. — Déclaration des nuages',
      'Articles 5 et 6',
    ]);
    expect(citing(passages, 'Un inspecteur fictif').path).toEqual(['Section II — Obligations des nuagistes', '§ 2. — Inspection', 'Articles 7 et 8']);
  });

  it('keeps a long article to itself and never groups articles of different divisions', () => {
    expect(passages.filter((p) => p.text.includes('4. Tout nuagiste'))).toHaveLength(1);
    expect(passages.find((p) => p.text.includes('Un inspecteur fictif'))!.text).not.toContain('greffier accuse');
  });

  it('never names a section after a heading without letters or after watermark letters', () => {
    const titles = new Set(passages.flatMap((p) => p.section.path).filter((t) => !/^Articles? /.test(t)));
    expect(titles).toEqual(
      new Set(['Préambule', 'Section I — Dispositions générales', 'Section II — Obligations des nuagistes', '§ 1. — Déclaration des nuages', '§ 2. — Inspection']),
    );
    expect(passages.map((p) => p.text).filter((t) => /(?:^|\s)(?:E|T E|O N)(?:\s|$)/.test(t))).toEqual([]);
  });

  it('gives each passage the printed pages its footers number, a paragraph cut by a page break spanning both', () => {
    expect(citing(passages, 'Un nuage est dit cumulus').pages).toEqual({ from: 1, to: 1 });
    expect(citing(passages, 'Tout nuagiste déclare').pages).toEqual({ from: 2, to: 2 });
    expect(citing(passages, 'La déclaration indique').pages).toEqual({ from: 2, to: 3 });
    expect(citing(passages, 'Un inspecteur fictif').pages).toEqual({ from: 4, to: 5 });
  });

  it('keeps the running footer out of the quoted text, and a sentence that only reads like a folio in it', () => {
    expect(passages.filter((p) => p.text.includes('Règlement fictif /'))).toEqual([]);
    expect(passages.find((p) => p.text.includes('La déclaration indique'))!.text).toContain('du nuage. Elle est signée');
    expect(citing(passages, 'compte 2 sur 5 membres élus').pages).toEqual({ from: 1, to: 1 });
  });
});

/**
 * A fictional consolidated regulation whose extraction moved an article's number down into its text: article 3's
 * opening sentence and first items come after article 2's amendment-history note, then « 3. » before its third item.
 */
const MOVED_NUMBER = [
  'SECTION I DISPOSITIONS FICTIVES',
  '',
  '1. Le présent règlement s’applique aux nuages fictifs.',
  '',
  '2031, c. 9, a. 1.',
  '',
  `2. Tout nuagiste tient un carnet de ses nuages. ${LONG_ARTICLE}`,
  '',
  '2031, c. 9, a. 2; 2033, c. 4, a. 12.',
  '',
  'Le nuagiste qui prête un nuage en informe le greffier:',
  '',
  '1° du nom de l’emprunteur;',
  '',
  '## 3. 2° de la durée du prêt.',
  '',
  `Le greffier inscrit le prêt au registre. ${LONG_ARTICLE}`,
  '',
  '2031, c. 9, a. 3.',
  '',
  'Une note égarée du greffier fictif.',
  '',
  '4. Le registre des prêts est public.',
  '',
  '2031, c. 9, a. 4.',
  '',
  '5. Le registre est tenu par l’Agence fictive.',
  '',
  '6. Le registre est gratuit.',
];

describe('a statute whose extraction moved an article number into its text', () => {
  const passages = build(MOVED_NUMBER);

  it('cites the opening of the article, left before its number after the previous article’s history note, under that article', () => {
    expect(citing(passages, 'Le nuagiste qui prête un nuage').path).toEqual(['Section I — Dispositions fictives', 'Article 3']);
    expect(citing(passages, 'du nom de l’emprunteur').path).toEqual(['Section I — Dispositions fictives', 'Article 3']);
    expect(citing(passages, 'Tout nuagiste tient un carnet').path).toEqual(['Section I — Dispositions fictives', 'Article 2']);
  });

  it('leaves text after a history note with the article it follows when the next article opens normally', () => {
    expect(citing(passages, 'Une note égarée').path).toEqual(['Section I — Dispositions fictives', 'Article 3']);
  });
});

describe('page numbers from running headers', () => {
  it('reads « Page n de N » at the top of pages 2 to N as the page of the text after it', () => {
    const passages = build([
      '## Présentation',
      '',
      'Le guide fictif présente les nuages du territoire.',
      '',
      'Page 2 de 4 Guide fictif des nuages',
      '',
      '## Cumulus',
      '',
      'Les cumulus sont blancs et se forment par beau temps.',
      '',
      'Page 3 de 4 Guide fictif des nuages',
      '',
      '## Nimbus',
      '',
      'Les nimbus sont gris et annoncent la pluie.',
      '',
      'Page 4 de 4 Guide fictif des nuages',
      '',
      '## Cirrus',
      '',
      'Les cirrus sont hauts et faits de glace.',
    ]);
    expect(passages.map((p) => [p.text, p.pages])).toEqual([
      ['Le guide fictif présente les nuages du territoire.', { from: 1, to: 1 }],
      ['Les cumulus sont blancs et se forment par beau temps.', { from: 2, to: 2 }],
      ['Les nimbus sont gris et annoncent la pluie.', { from: 3, to: 3 }],
      ['Les cirrus sont hauts et faits de glace.', { from: 4, to: 4 }],
    ]);
  });

  it('still leaves out a footnote that a PDF export set as a heading, on a page its folio gives', () => {
    const passages = build([
      '## Présentation',
      '',
      'Les cumulus sont inscrits au registre public1.',
      '',
      '## 1. Registre fictif des nuages, édition 2031.',
      '',
      'Page 1 de 3 Guide fictif des nuages',
      '',
      'Les nimbus sont gris et annoncent la pluie.',
      '',
      'Page 2 de 3 Guide fictif des nuages',
      '',
      'Les cirrus sont hauts et faits de glace.',
      '',
      'Page 3 de 3 Guide fictif des nuages',
    ]);
    expect(passages.map((p) => p.text).join(' ')).not.toContain('Registre fictif');
    expect(passages.flatMap((p) => p.section.path)).not.toContain('1. Registre fictif des nuages, édition 2031.');
  });

  it('takes no page from a sequence of ratios in a text longer than their count of pages could hold', () => {
    const filler = Array.from({ length: 60 }, (_, i) => [`Le nuage fictif numéro ${i} ${'flotte longtemps au-dessus du lac. '.repeat(30)}`, '']).flat();
    const passages = build([
      '## Tempo',
      '',
      'La mesure fictive 1/4 ouvre le morceau.',
      '',
      'La mesure fictive 2/4 le poursuit.',
      '',
      'La mesure fictive 3/4 le prolonge.',
      '',
      'La mesure fictive 4/4 le conclut, comme dit le registre des nuages1.',
      '',
      '1. Le registre fictif des nuages est tenu à jour.',
      '',
      ...filler,
    ]);
    expect(passages.every((p) => p.pages === null)).toBe(true);
    expect(passages.some((p) => p.text.includes('Le nuage fictif numéro 59'))).toBe(true);
  });

  it('takes no page from numbers that do not follow one another (a count, a ratio)', () => {
    const passages = build(['Le comité compte 3 sur 7 membres.', '', 'Le quorum est de 4 sur 7 membres.', '', 'Un vote exige 5 / 9 des voix.']);
    expect(passages.every((p) => p.pages === null)).toBe(true);
  });
});

describe('documents that are not statutes', () => {
  it('keeps a guide’s numbered headings as its sections: numbered headings are not articles', () => {
    const lines = ['1. Contexte', '2. Objectifs', '3. Portée', '4. Rôles', '5. Suivi', '6. Révision'].flatMap((h, i) => [
      `## ${h}`,
      '',
      `Le guide fictif traite ici du point ${i + 1} sur les nuages.`,
      '',
    ]);
    expect(build(lines).map((p) => p.section.path)).toEqual([['1. Contexte'], ['2. Objectifs'], ['3. Portée'], ['4. Rôles'], ['5. Suivi'], ['6. Révision']]);
  });

  it('keeps text under a letterless or watermark-letter heading with the nearest real heading', () => {
    const passages = build([
      '## Gestion des nuages E N',
      '',
      'Les nuages fictifs sont recensés chaque printemps.',
      '',
      '## .',
      '',
      'Le registre est tenu par le greffier fictif.',
      '',
      '## E',
      '',
      'Le greffier publie le registre chaque année.',
      '',
      '## T',
      '',
      '## O N',
      '',
    ]);
    expect(new Set(passages.map((p) => p.section.path.join(' › ')))).toEqual(new Set(['Gestion des nuages']));
    expect(passages.map((p) => p.text).join(' ')).toContain('Le greffier publie le registre');
  });
});
