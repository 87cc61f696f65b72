import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/knowledge/clean.js';
import { cutLeaderEntries, removeFurniture, signatureBlocks, tableOfContentsBlocks } from '../../src/knowledge/furniture.js';

const body = (text: string): Block => ({ text, page: null });
const heading = (text: string, headingLevel = 2): Block => ({ text, page: null, headingLevel });
const texts = (blocks: Block[]): string[] => blocks.map((b) => b.text);

describe('signatureBlocks', () => {
  it('finds a one-line signature: place and date, role and name', () => {
    const blocks = [body('Arrête ce qui suit : la charte fictive des nuages est adoptée.'), body('Nuageville, le 3 mars 2031 La ministre des Nuages fictifs,Jeanne Cumulus')];
    expect([...signatureBlocks(blocks)]).toEqual([1]);
  });

  it('finds a signature over several lines: place and date, name in capitals, role', () => {
    const blocks = [
      body('La présente directive fictive entre en vigueur le jour de son adoption.'),
      body('Nuageville, le 1er avril 2031'),
      body('JEANNE CUMULUS'),
      body('La sous-ministre des Nuages fictifs'),
      body('Annexe : les nuages observés en 2031 sont consignés dans le registre fictif.'),
    ];
    expect([...signatureBlocks(blocks)]).toEqual([1, 2, 3]);
  });

  it('finds an English signature line', () => {
    expect([...signatureBlocks([body('Cloudtown, April 1, 2031'), body('Minister of Fictional Clouds')])]).toEqual([0, 1]);
  });

  it('finds a lone line giving a role, then a name', () => {
    expect([...signatureBlocks([body('Le président du Conseil fictif des nuages, Paul Stratus')])]).toEqual([0]);
  });

  it('leaves prose that opens with a place and a date, or names a minister in a sentence', () => {
    const blocks = [
      body('Nuageville, le 3 mars 2031, le ministère fictif a publié son premier registre des nuages.'),
      body('La ministre des Nuages fictifs, Jeanne Cumulus, a présenté la charte le 3 mars 2031.'),
      body('Le ministre des Nuages fictifs, Vu l’article 12 de la Loi fictive sur les nuages, arrête ce qui suit.'),
    ];
    expect([...signatureBlocks(blocks)]).toEqual([]);
  });
});

describe('cutLeaderEntries', () => {
  it('empties a block made of dot-leader entries', () => {
    expect(cutLeaderEntries('1 Introduction . . . . . . . 3 1.1 Portée ........ 4 Annexe A ……… xii')).toBe('');
  });

  it('keeps the paragraph an extraction ran into the last entry', () => {
    expect(cutLeaderEntries('3.1 Liste des nuages . . . . . . 12 Résumé Ce guide fictif est libre.')).toBe('Résumé Ce guide fictif est libre.');
  });

  it('empties a block that is one entry without a page number', () => {
    expect(cutLeaderEntries('§ 2. — Collecte des nuages fictifs..........')).toBe('');
  });

  it('cuts entries without page numbers when there are several', () => {
    expect(cutLeaderEntries('Collecte des nuages.......... Recours.......... Le registre fictif est public.')).toBe('Le registre fictif est public.');
  });

  it('leaves a block without leaders, or with one ellipsis inside prose, unchanged', () => {
    expect(cutLeaderEntries('Les nuages... sont nombreux en 2031.')).toBe('Les nuages... sont nombreux en 2031.');
    const prose = 'Le comité fictif a longtemps compté les cumulus, les stratus et les nimbus du matin, puis il hésita.... 3 fois.';
    expect(cutLeaderEntries(prose)).toBe(prose);
  });
});

describe('tableOfContentsBlocks', () => {
  it('finds a run of short entries that repeat the headings found after them', () => {
    const blocks = [
      heading('Sommaire'),
      body('- Contexte'),
      body('1. Objectifs du guide 2'),
      body('Calendrier'),
      heading('Contexte'),
      body('Le guide fictif décrit l’observation des nuages.'),
      heading('1. Objectifs du guide'),
      body('Compter les nuages.'),
      heading('Calendrier'),
      body('En 2031.'),
    ];
    expect([...tableOfContentsBlocks(blocks)]).toEqual([1, 2, 3]);
  });

  it('finds the entry of a long question among them, as long as its heading', () => {
    const question = '2.2. Que signifie qu’un nuage fictif précède (Précède), suit (Suit), double (Double), remplace (Remplace) ou cache (Cache) un autre nuage ?';
    const blocks = [
      heading('Table des matières'),
      body('2.1. Qu’est-ce qu’un nuage fictif ?'),
      body(question),
      body('2.3. Comment compter les nuages ?'),
      heading('2.1. Qu’est-ce qu’un nuage fictif ?'),
      body('Un nuage fictif flotte.'),
      heading(question),
      body('Un nuage en précède un autre quand il passe avant lui.'),
      heading('2.3. Comment compter les nuages ?'),
      body('Un à un.'),
    ];
    expect([...tableOfContentsBlocks(blocks)]).toEqual([1, 2, 3]);
  });

  it('finds a text export’s contents joined in one paragraph: chapters listed without their label, long questions', () => {
    const question = '1.2. Que faire quand un nuage fictif précède, suit, double, remplace ou cache un autre nuage pendant le relevé du comité ?';
    const blocks = [
      body('Table des matières'),
      body(`1. Nuages fictifs 1.1. Qu’est-ce qu’un nuage ? ${question} 2. Vents fictifs 2.1. Brise`),
      heading('Chapitre 1. Nuages fictifs', 1),
      heading('1.1. Qu’est-ce qu’un nuage ?'),
      body('Un nuage fictif flotte.'),
      heading(question),
      body('Le comité note les deux nuages.'),
      heading('Chapitre 2. Vents fictifs', 1),
      heading('2.1. Brise'),
      body('La brise est douce.'),
    ];
    expect([...tableOfContentsBlocks(blocks)]).toEqual([1]);
  });

  it('leaves a list of fewer than three entries, and entries of headings that came before', () => {
    const blocks = [heading('Contexte'), body('Contexte'), body('Objectifs'), heading('Objectifs'), body('Compter.')];
    expect([...tableOfContentsBlocks(blocks)]).toEqual([]);
  });
});

describe('removeFurniture', () => {
  it('keeps a paragraph citing a page and a year: one entry-like phrase is no index', () => {
    const blocks = [heading('Principe 1'), body('Québec, 2031'), body('Voir le rapport fictif de Nuageville, 2031, et la page 12.')];
    expect(texts(removeFurniture(blocks))).toEqual(texts(blocks));
  });

  it('drops a back-of-book index, whose entries give terms and their pages, and keeps prose that cites pages', () => {
    const blocks = [
      heading('Chapitre 9 — Nuages fictifs'),
      body('Le nuage fictif se compte le matin, voir page 12, puis le soir, voir 14, 15.'),
      heading('Index'),
      body('A altostratus, 12 averse fictive, 3, 44 C cirrus, 7 compter les nuages, 12, 13, 90 cumulus, 8 G grêle fictive, 51 N nimbus, 9 nuage-compter, 20, 21 S stratus, 10'),
      body('T tornade fictive, 66 trombe, 67, 68 V vent fictif, 70 virga, 71'),
      body('Z zéphyr, 80'),
    ];
    expect(texts(removeFurniture(blocks))).toEqual(['Chapitre 9 — Nuages fictifs', 'Le nuage fictif se compte le matin, voir page 12, puis le soir, voir 14, 15.', 'Index']);
  });

  it('drops signatures and tables of contents with their own heading, keeps the other headings and content', () => {
    const blocks = [
      heading('Table des matières'),
      body('Principe 1 ........ 2 Principe 2 ........ 3'),
      heading('Principe 1'),
      body('Les nuages fictifs sont comptés.'),
      body('Nuageville, le 3 mars 2031 Le ministre des Nuages fictifs, Paul Stratus'),
    ];
    expect(texts(removeFurniture(blocks))).toEqual(['Principe 1', 'Les nuages fictifs sont comptés.']);
  });

  it('drops the contents’ heading over an introduction that starts on the page after the contents', () => {
    // Sphinx's and LaTeX's layout: the contents page, then the manual's introduction on a new page, without a heading.
    const paged = (block: Block, page: number): Block => ({ ...block, page });
    const blocks = [
      paged(heading('Table des matières'), 3),
      paged(body('1 Objet du guide fictif 1'), 3),
      paged(body('2 Observation des nuages 2'), 3),
      paged(body('3 Dissipation 4'), 3),
      paged(body('Bienvenue dans le guide fictif des nuages.'), 5),
      paged(heading('1 Objet du guide fictif'), 7),
      paged(body('Le guide fictif encadre l’observation des nuages.'), 7),
      paged(heading('2 Observation des nuages'), 8),
      paged(body('Chaque nuage est inscrit au registre.'), 8),
      paged(heading('3 Dissipation'), 9),
      paged(body('La dissipation suit le classement.'), 9),
    ];
    expect(texts(removeFurniture(blocks))).toEqual([
      'Bienvenue dans le guide fictif des nuages.',
      '1 Objet du guide fictif',
      'Le guide fictif encadre l’observation des nuages.',
      '2 Observation des nuages',
      'Chaque nuage est inscrit au registre.',
      '3 Dissipation',
      'La dissipation suit le classement.',
    ]);
  });

  it('drops the contents’ heading over the introduction that follows the contents in a text without pages', () => {
    // DocBook's layout, in a web page or a Word file made from one: the chapter's title, the list of its sections,
    // then the chapter's introduction, without a heading of its own.
    const blocks = [
      heading('Chapitre 2. Nuages fictifs', 1),
      heading('Table des matières'),
      body('2.1. Cumulus'),
      body('2.2. Stratus'),
      body('2.3. Nimbus'),
      body('Ce chapitre décrit les nuages fictifs.'),
      heading('2.1. Cumulus'),
      body('Le cumulus est blanc.'),
      heading('2.2. Stratus'),
      body('Le stratus est gris.'),
      heading('2.3. Nimbus'),
      body('Le nimbus est sombre.'),
    ];
    expect(texts(removeFurniture(blocks)).slice(0, 3)).toEqual(['Chapitre 2. Nuages fictifs', 'Ce chapitre décrit les nuages fictifs.', '2.1. Cumulus']);
  });

  it('keeps a chapter’s heading whose first text is the list of its own sections', () => {
    // A chapter opens on the list of its sections: the chapter's heading still holds them, and the chapters around it
    // are of its level. Dropped, its sections were cited under the previous chapter.
    const blocks = [
      heading('Chapitre 1 — Contexte', 1),
      body('Le contexte fictif est décrit ici.'),
      heading('Chapitre 2 — Mesures', 1),
      body('2.1 Portée 2.2 Registre'),
      heading('2.1 Portée'),
      body('La mesure vise les nuages fictifs.'),
      heading('2.2 Registre'),
      body('Chaque nuage est inscrit.'),
      heading('Chapitre 3 — Suivi', 1),
      body('Le suivi est annuel.'),
    ];
    expect(texts(removeFurniture(blocks))).toEqual([
      'Chapitre 1 — Contexte',
      'Le contexte fictif est décrit ici.',
      'Chapitre 2 — Mesures',
      '2.1 Portée',
      'La mesure vise les nuages fictifs.',
      '2.2 Registre',
      'Chaque nuage est inscrit.',
      'Chapitre 3 — Suivi',
      'Le suivi est annuel.',
    ]);
  });

  it('drops a contents page whose entries an extraction joined, with or without dot leaders', () => {
    // A typeset contents page: chapter entries without leaders, section entries with leaders too short to be
    // told from an ellipsis, lines joined into paragraphs; then a list of tables on the same page.
    const blocks = [
      heading('Table des matières'),
      body('1 Objet du guide fictif 1'),
      body(`2 Observation des nuages 2 2.1 Registre des nuages ${'. '.repeat(40)}2 2.2 Cas des brouillards . . . 3`),
      body('3 Dissipation 4'),
      heading('Liste des tableaux'),
      body('1 Catégories de nuages 3'),
      heading('1 Objet du guide fictif'),
      body('Le guide fictif encadre l’observation des nuages.'),
      heading('2 Observation des nuages'),
      heading('2.1 Registre des nuages', 3),
      body('Chaque nuage est inscrit au registre.'),
      heading('2.2 Cas des brouillards', 3),
      body('Un brouillard n’est pas un nuage.'),
      heading('3 Dissipation'),
      body('La dissipation suit le classement.'),
    ];
    expect(texts(removeFurniture(blocks))).toEqual([
      'Liste des tableaux',
      '1 Catégories de nuages 3',
      '1 Objet du guide fictif',
      'Le guide fictif encadre l’observation des nuages.',
      '2 Observation des nuages',
      '2.1 Registre des nuages',
      'Chaque nuage est inscrit au registre.',
      '2.2 Cas des brouillards',
      'Un brouillard n’est pas un nuage.',
      '3 Dissipation',
      'La dissipation suit le classement.',
    ]);
  });

  it('drops the chapter entries without leaders among section entries with leaders (Sphinx’s LaTeX contents)', () => {
    // A chapter without sections, on its own between chapters whose section entries have leaders.
    const leaders = '. '.repeat(20);
    const blocks = [
      heading('Table des matières'),
      body('1 Objet du guide fictif 3'),
      body(`2 Observation des nuages 5 2.1 Registre des nuages ${leaders}5 2.2 Cas des brouillards ${leaders}6`),
      body('3 Dissipation 9'),
      heading('Chapitre 1 — Objet du guide fictif', 1),
      body('Le guide fictif encadre l’observation des nuages.'),
      heading('Chapitre 2 — Observation des nuages', 1),
      heading('2.1 Registre des nuages'),
      body('Chaque nuage est inscrit au registre.'),
      heading('2.2 Cas des brouillards'),
      body('Un brouillard n’est pas un nuage.'),
      heading('Chapitre 3 — Dissipation', 1),
      body('La dissipation suit le classement.'),
    ];
    expect(texts(removeFurniture(blocks))).toEqual(texts(blocks.slice(4)));
  });

  it('drops the chapter entries without leaders of a contents page’s last part, the entries with leaders after them', () => {
    // A part's entry set larger (a heading), its chapters without sections, then a chapter whose sections have leaders.
    const leaders = '. '.repeat(20);
    const blocks = [
      heading('Table des matières'),
      body(`1 Objet du guide fictif 3 1.1 Portée ${leaders}3`),
      heading('II Annexes fictives 40'),
      body('2 Glossaire fictif 41'),
      body('3 Index fictif 45'),
      body(`4 Licence fictive 47 4.1 Termes ${leaders}47`),
      heading('Chapitre 1 — Objet du guide fictif', 1),
      heading('1.1 Portée'),
      body('Le guide fictif encadre l’observation des nuages.'),
      heading('Chapitre 2 — Glossaire fictif', 1),
      body('Un nuage fictif est un nuage inscrit au registre.'),
      heading('Chapitre 3 — Index fictif', 1),
      body('Nuage, registre.'),
      heading('Chapitre 4 — Licence fictive', 1),
      heading('4.1 Termes'),
      body('Le guide fictif est libre.'),
    ];
    expect(texts(removeFurniture(blocks))).toEqual(texts(blocks.slice(6)));
  });

  it('drops a contents entry wrapped over two blocks, its first line ending with a question mark', () => {
    // The extraction ends a paragraph at a line ending with « ? »: the entry's first line closes one block of entries,
    // its second line and leaders open the next, which runs on to a second wrapped entry.
    const blocks = [
      heading('Table des matières'),
      body(`1 Objet du guide fictif ${'. '.repeat(20)}1 1.1 Pourquoi observer les nuages fictifs du matin ?`),
      body(`Et comment les compter ? ${'. '.repeat(20)}2 1.2 Le registre fictif est-il public ?`),
      body(`Qui peut le consulter en ligne ou au bureau fictif du registre des nuages du matin ? ${'. '.repeat(20)}3`),
      heading('1 Objet du guide fictif'),
      body('Le guide fictif encadre l’observation des nuages.'),
      heading('1.1 Pourquoi observer les nuages fictifs du matin ? Et comment les compter ?', 3),
      body('Chaque nuage est compté au lever du jour.'),
      heading('1.2 Le registre fictif est-il public ? Qui peut le consulter en ligne ou au bureau fictif du registre des nuages du matin ?', 3),
      body('Le registre fictif est public.'),
    ];
    expect(texts(removeFurniture(blocks))).toEqual(texts(blocks.slice(4)));
  });

  it('drops a list of the numbered sections without pages (a web page printed to PDF), not a numbered paragraph', () => {
    const blocks = [
      body('1. Objet 2. Portée des règles fictives 3. Entretien'),
      body('1. Objet du registre : chaque nuage fictif y est inscrit.'),
      heading('1. Objet'),
      body('Texte.'),
      heading('2. Portée des règles fictives'),
      body('Texte.'),
      heading('3. Entretien'),
      body('Texte.'),
    ];
    expect(texts(removeFurniture(blocks)).slice(0, 2)).toEqual(['1. Objet du registre : chaque nuage fictif y est inscrit.', '1. Objet']);
  });

  it('keeps the paragraph an extraction ran into the last entries, and prose that names a section', () => {
    const blocks = [
      body('1 Objet 1 2 Portée 2 Le présent guide fictif est public.'),
      body('Portée 2 fois plus grande que prévu.'),
      heading('1 Objet'),
      body('Texte.'),
      heading('2 Portée'),
      body('Texte.'),
    ];
    expect(texts(removeFurniture(blocks)).slice(0, 2)).toEqual(['Le présent guide fictif est public.', 'Portée 2 fois plus grande que prévu.']);
  });
});
