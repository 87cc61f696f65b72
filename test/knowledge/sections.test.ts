import { describe, expect, it } from 'vitest';
import { cleanDocument, type Block } from '../../src/knowledge/clean.js';
import { detectSections, detectTitle, dropForeignFrontMatter, readsAsHeading, type SectionedBlocks } from '../../src/knowledge/sections.js';
import type { ExtractedDocument } from '../../src/knowledge/types.js';

const TITLE = 'Charte fictive de l’Agence québécoise des nuages';

const body = (text: string, page: number | null = null): Block => ({ text, page });
const heading = (text: string, level = 2, page: number | null = null): Block => ({ text, page, headingLevel: level });
const item = (text: string, page: number | null = null): Block => ({ text, page, listItem: true });

const ids = (sections: SectionedBlocks[]) => sections.map((s) => s.section.id);
const find = (sections: SectionedBlocks[], id: string) => {
  const found = sections.find((s) => s.section.id === id);
  if (!found) throw new Error(`no section ${id} in ${ids(sections).join(', ')}`);
  return found;
};
const textOf = (sections: SectionedBlocks[], id: string) =>
  sections
    .filter((s) => s.section.id === id)
    .flatMap((s) => s.blocks.map((b) => b.text))
    .join(' ');

const PRINCIPLES: Block[] = [
  heading(TITLE.toUpperCase(), 1),
  body('1 Principe de la clarté Les nuages fictifs sont décrits dans un langage simple.'),
  body('2 Principe de la sobriété Les nuages fictifs consomment peu de vent.'),
  body('3 Principe de la douceur Des mesures sont prises pour que les nuages restent doux.'),
  heading('ILLUSTRATION D’IMPLICATION DU PRINCIPE'),
  heading('POUR LES ORGANISMES FICTIFS'),
  body('Un organisme fictif montre la douceur de ses nuages par un essai au toucher.'),
  body('Principe de la légèreté Les nuages fictifs ne dépassent pas le poids permis.'),
  body('5 Principe de la blancheur Les nuages fictifs sont lavés chaque saison.'),
];

describe('detectSections', () => {
  it('names no section after a title page’s lines set larger than the chapters (ministry, author)', () => {
    const blocks = [
      heading('Guide fictif des nuages', 1, 1),
      heading('Ministère fictif des Averses', 2, 1),
      heading('1 Objet', 3, 2),
      body('Le guide fictif encadre les nuages.', 2),
      heading('2 Portée', 3, 2),
      body('Il vise les bureaux fictifs.', 3),
    ];
    expect(detectSections(blocks, 'Guide fictif des nuages').map((s) => s.section.path)).toEqual([['1 Objet'], ['2 Portée']]);
  });

  it('names no section after a title page’s lines set smaller than the chapters (authors, date)', () => {
    const blocks = [
      heading('Guide fictif des nuages', 1, 1),
      heading('Camille Fictive, Dominique Fictif', 4, 1),
      heading('mars 6, 2031', 4, 1),
      body('Ce guide fictif accueille les observateurs de nuages.', 3),
      heading('1 Objet', 3, 5),
      body('Le guide fictif encadre les nuages.', 5),
    ];
    expect(detectSections(blocks, 'Guide fictif des nuages').map((s) => s.section.path)).toEqual([['Préambule'], ['1 Objet']]);
  });

  it('keeps a part heading set on the title’s page before the text starts', () => {
    const blocks = [
      heading('Guide fictif des nuages', 1, 1),
      heading('Partie 1 — Contexte', 2, 1),
      heading('1 Objet', 3, 2),
      body('Le guide fictif encadre les nuages.', 2),
      heading('Partie 2 — Règles', 2, 3),
      heading('2 Portée', 3, 3),
      body('Il vise les bureaux fictifs.', 3),
    ];
    expect(detectSections(blocks, 'Guide fictif des nuages').map((s) => s.section.path)).toEqual([
      ['Partie 1 — Contexte', '1 Objet'],
      ['Partie 2 — Règles', '2 Portée'],
    ]);
  });

  it('names no section after a title page whose date is in figures', () => {
    const blocks = [
      heading('Guide fictif des nuages', 1, 1),
      heading('Version 9.1', 2, 1),
      heading('Équipe fictive du guide', 2, 1),
      body('2031-03-06', 1),
      heading('1 Objet', 3, 3),
      body('Le guide fictif encadre les nuages.', 3),
      heading('2 Portée', 3, 4),
      body('Il vise les bureaux fictifs.', 4),
    ];
    expect(detectSections(blocks, 'Guide fictif des nuages').map((s) => s.section.path)).toEqual([['Préambule'], ['1 Objet'], ['2 Portée']]);
  });

  it('puts a chapter’s numbered sections, set like its title, inside the chapter, never in its title', () => {
    const blocks = [
      heading('CHAPITRE 2 — Nuages fictifs', 3, 5),
      heading('2.1 Portée des nuages', 3, 5),
      body('Le guide fictif vise les nuages de bureau.', 5),
      heading('2.1.1 Exceptions', 4, 5),
      body('Les nuages d’orage fictifs sont exclus.', 5),
      heading('2.2 Mesure des nuages', 3, 6),
      body('Les nuages fictifs se mesurent chaque matin.', 6),
      heading('CHAPITRE 3 — Averses fictives', 3, 7),
      body('Les averses fictives suivent les nuages.', 7),
    ];
    expect(detectSections(blocks, 'Guide fictif des nuages').map((s) => s.section.path)).toEqual([
      ['CHAPITRE 2 — Nuages fictifs', '2.1 Portée des nuages'],
      ['CHAPITRE 2 — Nuages fictifs', '2.1 Portée des nuages', '2.1.1 Exceptions'],
      ['CHAPITRE 2 — Nuages fictifs', '2.2 Mesure des nuages'],
      ['CHAPITRE 3 — Averses fictives'],
    ]);
  });

  it('keeps a part heading set alone on the first page over its chapters when later parts share its level', () => {
    const blocks = [
      heading('Partie 1 — Contexte', 1, 1),
      heading('1 Objet', 2, 2),
      body('Le guide fictif encadre les nuages.', 2),
      heading('Partie 2 — Règles', 1, 3),
      heading('2 Portée', 2, 4),
      body('Il vise les bureaux fictifs.', 4),
    ];
    expect(detectSections(blocks, 'Guide fictif des nuages').map((s) => s.section.path)).toEqual([
      ['Partie 1 — Contexte', '1 Objet'],
      ['Partie 2 — Règles', '2 Portée'],
    ]);
  });

  it('makes numbered headings glued to their paragraph into sections', () => {
    const sections = detectSections(PRINCIPLES, TITLE);
    expect(find(sections, 'principe-1').section.path).toEqual(['1. Principe de la clarté']);
    expect(textOf(sections, 'principe-1')).toBe('Les nuages fictifs sont décrits dans un langage simple.');
    expect(find(sections, 'principe-2').section.path).toEqual(['2. Principe de la sobriété']);
  });

  it('keeps numbered rows inside a typeset section in that section, never over the rest of the document', () => {
    // A table of modes deep in a manual: its rows open with their number, like headings glued to their paragraph.
    const sections = detectSections(
      [
        heading('Chapitre 10 — Nuages fictifs', 2, 700),
        heading('10.8 Modes du nuage', 3, 740),
        body('Le nuage fictif a trois modes.', 740),
        body('1 Uses an external cloud input to count Cloud Height.', 740),
        body('2 Uses an external rain input to count Rain.', 740),
        heading('10.9 Réglages', 3, 741),
        body('Les réglages se font ensuite.', 741),
        heading('Chapitre 11 — Pluie', 2, 760),
        body('La pluie est fictive.', 760),
      ],
      TITLE,
    );
    expect(sections.find((s) => s.blocks.some((b) => b.text.includes('réglages se font')))?.section.path).toEqual(['Chapitre 10 — Nuages fictifs', '10.9 Réglages']);
    expect(sections.find((s) => s.blocks.some((b) => b.text.includes('pluie est fictive')))?.section.path).toEqual(['Chapitre 11 — Pluie']);
    const rows = sections.filter((s) => s.section.path.some((t) => t.includes('Uses an external'))).map((s) => s.section.path.length);
    expect(rows).toEqual([3, 3]);
  });

  it('restores a number lost from a heading of the family from its preceding sibling', () => {
    const sections = detectSections(PRINCIPLES, TITLE);
    expect(find(sections, 'principe-4').section.path).toEqual(['4. Principe de la légèreté']);
    expect(textOf(sections, 'principe-4')).toBe('Les nuages fictifs ne dépassent pas le poids permis.');
    expect(ids(sections)).toContain('principe-5');
  });

  it('restores a number that the extraction replaced by the page number of a running header', () => {
    const header = 'Bulletin fictif des nuages, 12 mars 2031, no 7';
    const doc: ExtractedDocument = {
      format: 'markdown',
      pages: [
        {
          pageNumber: null,
          lines: [
            `${header} 301 1 Principe de la clarté Les nuages fictifs sont décrits simplement.`,
            '',
            `${header} 302 2 Principe de la sobriété Les nuages fictifs consomment peu de vent.`,
            '',
            `${header} 303 Principe de la douceur Les nuages fictifs restent doux au toucher.`,
            '',
            `${header} 304 4 Principe de la blancheur Les nuages fictifs sont lavés chaque saison.`,
          ].map((text) => ({ text })),
        },
      ],
    };
    const sections = detectSections(cleanDocument(doc), TITLE);
    expect(find(sections, 'principe-3').section.path).toEqual(['3. Principe de la douceur']);
    expect(find(sections, 'principe-3').blocks[0]!.page).toBe(303);
    expect(ids(sections)).not.toContain('principe-303');
  });

  it('makes a format heading inside a numbered section its illustration subsection', () => {
    const sections = detectSections(PRINCIPLES, TITLE);
    const illustration = find(sections, 'principe-3/illustration');
    expect(illustration.section.path).toEqual([
      '3. Principe de la douceur',
      'Illustration d’implication du principe pour les organismes fictifs',
    ]);
    expect(illustration.blocks.map((b) => b.text)).toEqual([
      'Un organisme fictif montre la douceur de ses nuages par un essai au toucher.',
    ]);
  });

  it('does not make the title heading a section', () => {
    const sections = detectSections(PRINCIPLES, TITLE);
    expect(sections.some((s) => s.section.path.some((p) => p.toLowerCase().includes('charte fictive')))).toBe(false);
  });

  it('makes a heading in capitals glued to its paragraph a top-level section', () => {
    const sections = detectSections(
      [body('INTRODUCTION Les organismes fictifs observent le ciel chaque matin.'), body('Le ciel fictif est souvent bleu.')],
      TITLE,
    );
    expect(find(sections, 'introduction').section.path).toEqual(['Introduction']);
    expect(textOf(sections, 'introduction')).toBe('Les organismes fictifs observent le ciel chaque matin. Le ciel fictif est souvent bleu.');
  });

  it('keeps the acronyms and names the prose spells with capitals, and a division’s Roman numeral, in a heading set in capitals', () => {
    const sections = detectSections(
      [
        heading('EFVP'),
        body('Chaque organisme fictif réalise une EFVP avant de mettre un nuage en service.'),
        heading('NUAGES ET CLOUDGPT'),
        body('Le service CloudGPT range les nuages fictifs par couleur.'),
        heading('ANNEXE II'),
        body('Les nuages fictifs sont archivés pendant sept ans.'),
        heading('TITRE IL FAUT'),
        body('AVIS AUX NAVIGATEURS FICTIFS : les nuages passent.'),
      ],
      TITLE,
    );
    expect(sections.map((s) => s.section.path)).toEqual([['EFVP'], ['Nuages et CloudGPT'], ['Annexe II'], ['Titre il faut']]);
  });

  it('keeps a heading’s own label in capitals and opens the words after it, or after its number, with a capital, in a heading set in capitals', () => {
    const sections = detectSections(
      [
        heading('1. INTRODUCTION'),
        body('Les nuages fictifs sont observés chaque matin.'),
        heading('II. PRINCIPES DIRECTEURS'),
        body('Les observatoires fictifs partagent leurs relevés.'),
        heading('IV – MESURES'),
        body('Les anémomètres fictifs sont calibrés.'),
        heading('B) CONTEXTE'),
        body('Le ciel fictif change souvent.'),
        heading('ANNEXE A'),
        body('Les relevés fictifs sont archivés.'),
        heading('CI-DESSOUS'),
        body('La liste fictive des nuages suit.'),
      ],
      TITLE,
    );
    expect(sections.map((s) => s.section.path.at(-1))).toEqual(['1. Introduction', 'II. Principes directeurs', 'IV – Mesures', 'B) Contexte', 'Annexe A', 'Ci-dessous']);
  });

  it('keeps in a heading set in capitals the proper nouns its prose capitalises within sentences, not words it writes in lower case', () => {
    const sections = detectSections(
      [
        heading('NUAGES DU QUÉBEC ET DE LA COMMISSION'),
        body('Les nuages fictifs du Québec relèvent de la Commission fictive des nuages.'),
        heading('NUAGES ET PLUIE'),
        body('Pluie fictive : la pluie est mesurée par les nuages du Québec.'),
      ],
      TITLE,
    );
    expect(sections.map((s) => s.section.path.at(-1))).toEqual(['Nuages du Québec et de la Commission', 'Nuages et pluie']);
  });

  it('spells a heading’s capitals as the prose does, not as a heading glued to its paragraph shows them', () => {
    const sections = detectSections(
      [body('NUAGES Les organismes fictifs observent le ciel chaque matin.'), heading('REGISTRE DES NUAGES'), body('Le registre fictif est public.')],
      TITLE,
    );
    expect(sections.map((s) => s.section.path.at(-1))).toEqual(['Nuages', 'Registre des nuages']);
  });

  it('makes labelled list items subsections and returns the text after them to the parent, in reading order', () => {
    const sections = detectSections(
      [
        body('INTRODUCTION Les considérations suivantes guident les organismes fictifs.'),
        item('Légèreté : les moyens retenus restent à la mesure des nuages.'),
        item('Fournisseurs et prestataires : les principes s’appliquent aussi aux tiers fictifs.'),
        body('Ces considérations valent pour tous les ciels fictifs.'),
      ],
      TITLE,
    );
    expect(sections.map((s) => [s.section.id, s.section.path])).toEqual([
      ['introduction', ['Introduction']],
      ['introduction/legerete', ['Introduction', 'Légèreté']],
      ['introduction/fournisseurs-et-prestataires', ['Introduction', 'Fournisseurs et prestataires']],
      ['introduction', ['Introduction']],
    ]);
    expect(sections[3]!.blocks.map((b) => b.text)).toEqual(['Ces considérations valent pour tous les ciels fictifs.']);
    expect(sections[1]!.blocks[0]!.text).toBe('Légèreté : les moyens retenus restent à la mesure des nuages.');
  });

  it('never opens a section at an admonition label, as a heading or in capitals before its paragraph', () => {
    const sections = detectSections(
      [
        heading('Portée', 2),
        body('Les nuages fictifs sont observés le matin.'),
        heading('Avertissement', 3),
        body('AVERTISSEMENT Ne regardez jamais le soleil fictif en face, même à travers un nuage.'),
        heading('Note :', 2),
        body('Le registre fictif est public.'),
      ],
      TITLE,
    );
    expect(sections.map((s) => s.section.path)).toEqual([['Portée']]);
    expect(textOf(sections, 'portee')).toContain('Avertissement AVERTISSEMENT Ne regardez jamais');
  });

  it('reads capitals opening a paragraph as a term when the format gives headings at two levels', () => {
    const sections = detectSections(
      [heading('Outils', 2), heading('Compteurs', 3), body('NUAGEMETRE Le compteur fictif mesure la densité des nuages du matin.')],
      TITLE,
    );
    expect(sections.map((s) => s.section.path)).toEqual([['Outils', 'Compteurs']]);
  });

  it('does not take a list item whose colon falls inside brackets for a labelled item', () => {
    const sections = detectSections([heading('Usages', 2), item('Synthèse de relevés fictifs (ex : cumulus, stratus).')], TITLE);
    expect(sections.map((s) => s.section.path)).toEqual([['Usages']]);
  });

  it('does not join a question left without an answer to the next heading', () => {
    const sections = detectSections([heading('Les nuages sont-ils fictifs ?', 4), heading('Combien de nuages ?', 4), body('Trois.')], TITLE);
    expect(sections.map((s) => s.section.path)).toEqual([['Combien de nuages ?']]);
  });

  it('keeps a long question as a heading, as in a FAQ', () => {
    const sections = detectSections(
      [heading('Questions fictives', 3), heading('Comment savoir si le nuage que j’observe est bien inscrit au registre fictif ?', 4), body('Consultez le registre.')],
      TITLE,
    );
    expect(sections.map((s) => s.section.path)).toEqual([['Questions fictives', 'Comment savoir si le nuage que j’observe est bien inscrit au registre fictif ?']]);
  });

  it('keeps a long numbered question as a heading, as a FAQ asks two questions in one entry', () => {
    const question =
      '3.1.12 J’observe actuellement le nuage fictif du matin. Que se passera-t-il lors du prochain relevé du registre ? Observerai-je encore le même nuage ou le registre me donnera-t-il le nouveau nuage du soir ?';
    const sections = detectSections([heading('3.1 Relevés fictifs', 3), heading(question, 4), body('Cela dépend du registre.')], TITLE);
    expect(sections.map((s) => s.section.path)).toEqual([['3.1 Relevés fictifs', question]]);
  });

  it('keeps a heading numbered as a subsection that ends with a full stop, as a manual writes some of its titles', () => {
    const title = '6.3.8. Installation depuis une clé fictive au lieu d’un nuage ou d’un disque de pluie.';
    const sections = detectSections([heading('6.3 Installer le nuage', 3), body('Le nuage s’installe.'), heading(title, 4), body('Branchez la clé fictive.')], TITLE);
    expect(sections.map((s) => s.section.path)).toEqual([['6.3 Installer le nuage'], ['6.3 Installer le nuage', title]]);
    // Citations show it too: only an article's text cut off (`24. (Remplacé).`) is left out of a cited path.
    expect(readsAsHeading(title)).toBe(true);
    expect(readsAsHeading('24. (Remplacé).')).toBe(false);
  });

  it('still reads as prose a numbered heading holding two sentences', () => {
    const text = '6.3.8. Les nuages fictifs sont comptés chaque matin par les agents. Le registre est publié le soir même.';
    const sections = detectSections([heading('6.3 Installer le nuage', 3), heading(text, 4), body('Branchez la clé fictive.')], TITLE);
    expect(sections.map((s) => s.section.path)).toEqual([['6.3 Installer le nuage']]);
  });

  it('keeps a chapter’s sections inside it when one title opens with a lower-case command name', () => {
    const sections = detectSections(
      [
        heading('Chapitre 2 — Outils fictifs', 3, 35),
        heading('2.1 Présentation', 3, 35),
        body('Les outils fictifs comptent les nuages.', 35),
        heading('2.2 nuage-compter : compter les nuages', 3, 36),
        body('La commande compte les nuages.', 36),
        heading('2.3 Autres outils', 3, 37),
        body('Il en existe d’autres.', 37),
      ],
      TITLE,
    );
    expect(sections.map((s) => s.section.path)).toEqual([
      ['Chapitre 2 — Outils fictifs', '2.1 Présentation'],
      ['Chapitre 2 — Outils fictifs', '2.2 nuage-compter : compter les nuages'],
      ['Chapitre 2 — Outils fictifs', '2.3 Autres outils'],
    ]);
  });

  it('gives deterministic ids: the same blocks give the same sections', () => {
    expect(detectSections(PRINCIPLES, TITLE)).toEqual(detectSections(PRINCIPLES, TITLE));
  });
});

describe('dropForeignFrontMatter', () => {
  const gazettePage: Block[] = [
    body('Le Programme fictif d’aide aux parapluies mouillés est élargi à trois municipalités fictives.', 801),
    body('Québec, le 3 mars 2031 Le ministre fictif des Parapluies', 801),
    body(
      'A.M., 2031 Arrêté numéro 2031-08 du ministre fictif de la Météo en date du 2 mars 2031 Concernant la Charte fictive de l’Agence québécoise des nuages Le ministre fictif de la Météo arrête ce qui suit.',
      801,
    ),
    body('La Charte fictive de l’Agence québécoise des nuages est annexée au présent arrêté.', 801),
  ];

  it('drops the text of another instrument that precedes the designation mentioning the title', () => {
    const { blocks, instrument } = dropForeignFrontMatter(gazettePage, TITLE);
    expect(instrument).toBe('Arrêté numéro 2031-08');
    expect(blocks.map((b) => b.text).join(' ')).not.toContain('parapluies');
    expect(blocks[0]!.text).toMatch(/^A\.M\., 2031 Arrêté numéro 2031-08 du ministre fictif de la Météo/);
  });

  it('names the preamble section after the instrument designation', () => {
    const sections = detectSections(gazettePage, TITLE);
    expect(sections[0]!.section).toEqual({ id: 'arrete-numero-2031-08', path: ['Arrêté numéro 2031-08'] });
    expect(sections.flatMap((s) => s.blocks).some((b) => b.text.includes('parapluies'))).toBe(false);
  });

  it('keeps everything when no designation mentions the title', () => {
    const blocks = [body('Les nuages fictifs sont recensés.'), body('Arrêté numéro 2031-09 concernant les parapluies fictifs.')];
    expect(dropForeignFrontMatter(blocks, TITLE)).toEqual({ blocks, instrument: null });
  });
});

describe('detectTitle', () => {
  it('passes over numbered and chapter headings for a short cover title', () => {
    const title = detectTitle([
      heading('Guide fictif des nuages', 2, 1),
      heading('Chapitre 1 — Pourquoi compter les nuages fictifs', 2, 2),
      heading('1.1 Observation des nuages au-dessus des bureaux', 3, 2),
      body('Le guide fictif des nuages encadre leur observation.', 2),
    ]);
    expect(title).toBe('Guide fictif des nuages');
  });

  it('cuts the publisher line of a title page when the body quotes the title alone', () => {
    const title = detectTitle([
      heading('CHARTE FICTIVE DE L’AGENCE QUÉBÉCOISE', 2, 3),
      heading('DES NUAGES', 2, 3),
      heading('MINISTÈRE FICTIF DE LA MÉTÉO', 2, 3),
      body('La Charte fictive de l’Agence québécoise des nuages s’applique à tous les organismes fictifs.', 4),
    ]);
    expect(title).toBe('Charte fictive de l’Agence québécoise des nuages');
  });

  it('prefers the first heading of five words or more', () => {
    expect(detectTitle([heading('Sommaire', 1), heading('Guide fictif du bon usage des nuages'), body('Texte fictif.')])).toBe(
      'Guide fictif du bon usage des nuages',
    );
  });

  it('takes the only top-level heading as the title, even a short one', () => {
    expect(
      detectTitle([heading('Politique fictive des nuages', 1), heading('Objet des nuages fictifs et de leur registre'), body('Texte fictif.')]),
    ).toBe('Politique fictive des nuages');
  });

  it('passes over headings made of a watermark’s stray letters and takes the title set in capitals on the title page', () => {
    const titlePage = body('© Agence fictive 2031 chapitre N-9.9 LOI FICTIVE SUR LE REGISTRE DES NUAGES P 1 R e TABLE DES MATIÈRES');
    const cleaned = [heading('E N SECTION IV E'), heading('REGISTRE E N'), body('1. Le registre des nuages est public.'), heading('Dispositions finales du registre')];
    expect(detectTitle(cleaned, [titlePage, ...cleaned])).toBe('Loi fictive sur le registre des nuages');
  });

  it('keeps in a title set in capitals the acronyms its prose spells with capitals', () => {
    expect(detectTitle([heading('GUIDE FICTIF DE L’EFVP DES NUAGES', 1), heading('Objet'), body('Une EFVP fictive précède chaque nuage.')])).toBe(
      'Guide fictif de l’EFVP des nuages',
    );
  });

  it('never takes a sentence marked as a heading for the title', () => {
    expect(
      detectTitle([heading('Le registre des nuages fictifs est tenu par le préposé.'), heading('Registre fictif des nuages'), body('Texte fictif.')]),
    ).toBe('Registre fictif des nuages');
  });

  it('takes no chapter or annex for the title when every heading numbers a part', () => {
    const title = detectTitle([
      heading('Chapitre 1. Pourquoi compter les nuages fictifs', 1),
      heading('1.1. Observation des nuages au-dessus des bureaux', 2),
      body('Le guide fictif des nuages encadre leur observation.'),
      heading('Annexe A. Registre des nuages fictifs du ministère', 1),
      body('Le registre fictif est public.'),
      heading('A.1. Consultation du registre des nuages fictifs', 2),
      body('Le registre fictif se consulte en ligne.'),
    ]);
    expect(title).toBeNull();
  });

  it('returns null without any heading', () => {
    expect(detectTitle([body('Texte fictif sans titre.')])).toBeNull();
  });
});

describe('detectSections (front and back matter)', () => {
  it('leaves out a colophon section (legal deposit, ISBN, copyright)', () => {
    const sections = detectSections(
      [
        heading('Rédaction'),
        body('Direction fictive des nuages, 1 rue Imaginaire. Courriel : nuages@example.org Dépôt légal – 2031 ISBN 000-0-000-00000-0'),
        heading('Objet'),
        body('La charte fictive encadre les nuages.'),
      ],
      TITLE,
    );
    expect(ids(sections)).toEqual(['objet']);
  });

  it('keeps later headings that share words with the title as sections', () => {
    const sections = detectSections(
      [heading(TITLE, 1), heading('Charte des nuages : objet'), body('Texte fictif un.'), heading('Charte des nuages : registre'), body('Texte fictif deux.')],
      TITLE,
    );
    expect(sections.map((s) => s.section.path.at(-1))).toEqual(['Charte des nuages : objet', 'Charte des nuages : registre']);
  });

  it('makes a definitions clause a subsection of its own', () => {
    const sections = detectSections(
      [
        body('INTRODUCTION La charte fictive encadre les nuages.'),
        body('Dans la présente charte, on entend par « nuage » un amas fictif de vapeur.'),
      ],
      TITLE,
    );
    expect(find(sections, 'introduction/definitions').section.path).toEqual(['Introduction', 'Définitions']);
  });
});

