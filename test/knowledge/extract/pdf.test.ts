import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../../src/knowledge/extract/pdf.js';
import { ExtractionError } from '../../../src/knowledge/extract/errors.js';
import { buildPassages } from '../../../src/knowledge/pipeline.js';
import { buildPdf, helveticaWidth } from './fixtures.js';

const BODY = 'Les organismes publics fictifs appliquent la présente politique avec soin et rigueur.';

function texts(doc: Awaited<ReturnType<typeof extractPdf>>, page = 0): string[] {
  return (doc.pages[page]?.lines ?? []).map((line) => line.text).filter((text) => text !== '');
}

describe('extractPdf', () => {
  it('rebuilds a line from separate runs, adding a space only where the runs are apart', async () => {
    const first = 'Une utili';
    const joined = 72 + (await helveticaWidth(first, 11));
    const bytes = await buildPdf([
      [
        [
          { text: first, y: 700 },
          { text: 'sation', x: joined, y: 700 },
          { text: 'prudente.', x: joined + 60, y: 700 },
        ],
      ],
    ]);
    expect(texts(await extractPdf(bytes, 'f.pdf'))).toEqual(['Une utilisation prudente.']);
  });

  it('orders the runs of a line left to right whatever their order in the file', async () => {
    const bytes = await buildPdf([[[{ text: 'droite', x: 200, y: 700 }, { text: 'gauche', x: 72, y: 700 }]]]);
    expect(texts(await extractPdf(bytes, 'f.pdf'))).toEqual(['gauche droite']);
  });

  it('keeps a two-column page in content order instead of interleaving the columns', async () => {
    const bytes = await buildPdf([
      [
        { text: 'gauche un', y: 700 },
        { text: 'gauche deux', y: 687 },
        { text: 'droite un', x: 320, y: 700 },
        { text: 'droite deux', x: 320, y: 687 },
      ],
    ]);
    expect(texts(await extractPdf(bytes, 'f.pdf'))).toEqual(['gauche un', 'gauche deux', 'droite un', 'droite deux']);
  });

  it('keeps a raised, smaller footnote number on the line it belongs to', async () => {
    const word = 'la personne';
    const bytes = await buildPdf([
      [[{ text: word, y: 700 }, { text: '3', x: 72 + (await helveticaWidth(word, 11)), y: 704, size: 7 }], { text: 'suite du texte', y: 686 }],
    ]);
    expect(texts(await extractPdf(bytes, 'f.pdf'))).toEqual(['la personne3', 'suite du texte']);
  });

  it('numbers pages from 1 in physical order', async () => {
    const bytes = await buildPdf([[{ text: 'Page un', y: 700 }], [{ text: 'Page deux', y: 700 }], [{ text: 'Page trois', y: 700 }]]);
    const doc = await extractPdf(bytes, 'f.pdf');
    expect(doc.pages.map((p) => [p.pageNumber, texts(doc, (p.pageNumber ?? 0) - 1)])).toEqual([
      [1, ['Page un']],
      [2, ['Page deux']],
      [3, ['Page trois']],
    ]);
  });

  it('marks lines set larger than the body font as headings, ranked by size across the document', async () => {
    const bytes = await buildPdf([
      [
        { text: 'Politique fictive', y: 780, size: 20 },
        { text: 'Section 1 — Portée', y: 740, size: 14 },
        { text: BODY, y: 710 },
        { text: BODY, y: 696 },
        { text: BODY, y: 682 },
      ],
      [{ text: 'Section 2 — Suivi', y: 780, size: 14 }, { text: BODY, y: 750 }, { text: BODY, y: 736 }, { text: BODY, y: 722 }],
    ]);
    const doc = await extractPdf(bytes, 'f.pdf');
    const headings = doc.pages.flatMap((p) => p.lines.filter((l) => l.headingLevel !== undefined));
    expect(headings).toEqual([
      { text: 'Politique fictive', headingLevel: 1 },
      { text: 'Section 1 — Portée', headingLevel: 2 },
      { text: 'Section 2 — Suivi', headingLevel: 2 },
    ]);
    expect(doc.pages[0]?.lines.find((l) => l.text === BODY)?.headingLevel).toBeUndefined();
  });

  it('never makes an admonition label a heading, even set larger than the body', async () => {
    const bytes = await buildPdf([
      [
        { text: 'Section 1 — Portée', y: 780, size: 14 },
        { text: 'Avertissement', y: 750, size: 14 },
        { text: BODY, y: 730 },
        { text: BODY, y: 716 },
        { text: BODY, y: 702 },
      ],
    ]);
    const lines = (await extractPdf(bytes, 'f.pdf')).pages[0]?.lines ?? [];
    expect(lines.filter((l) => l.headingLevel !== undefined).map((l) => l.text)).toEqual(['Section 1 — Portée']);
    expect(lines.map((l) => l.text)).toContain('Avertissement');
  });

  it('reads a heading wrapped over several lines as one heading, its line-break hyphen joined', async () => {
    // A FAQ's entry asks two questions; the margin cuts the heading twice, once inside a word.
    const bytes = await buildPdf([
      [
        { text: 'Guide fictif des nuages', y: 800, size: 20 },
        { text: BODY, y: 770 },
        { text: '3.1 Puis-je changer de nuage fictif ?', y: 740, size: 14 },
        { text: 'Si oui, comment le décla-', y: 722, size: 14 },
        { text: 'rer au registre ?', y: 704, size: 14 },
        { text: BODY, y: 674 },
        { text: BODY, y: 660 },
        { text: BODY, y: 646 },
      ],
    ]);
    const built = buildPassages(await extractPdf(bytes, 'f.pdf'), { docId: 'nuages', versionLabel: '2031' });
    expect(built.sections.map((s) => s.path)).toEqual([['Préambule'], ['3.1 Puis-je changer de nuage fictif ? Si oui, comment le déclarer au registre ?']]);
  });

  it('joins a chapter label set above its title into one heading at the title’s level', async () => {
    const bytes = await buildPdf([
      [
        { text: 'Chapitre 3', y: 780, size: 16 },
        { text: 'Les nuages fictifs', y: 750, size: 20 },
        { text: BODY, y: 710 },
        { text: BODY, y: 696 },
        { text: BODY, y: 682 },
      ],
    ]);
    const headings = (await extractPdf(bytes, 'f.pdf')).pages[0]?.lines.filter((l) => l.headingLevel !== undefined);
    expect(headings).toEqual([{ text: 'Chapitre 3 — Les nuages fictifs', headingLevel: 1 }]);
  });

  it('joins a chapter label set in capitals above its title', async () => {
    const bytes = await buildPdf([
      [
        { text: 'CHAPITRE 3', y: 780, size: 18 },
        { text: 'Les nuages fictifs', y: 750, size: 18 },
        { text: BODY, y: 710 },
        { text: BODY, y: 696 },
        { text: BODY, y: 682 },
      ],
    ]);
    const headings = (await extractPdf(bytes, 'f.pdf')).pages[0]?.lines.filter((l) => l.headingLevel !== undefined);
    expect(headings).toEqual([{ text: 'Chapitre 3 — Les nuages fictifs', headingLevel: 1 }]);
  });

  it('writes a division label set in capitals as a title writes it, and never runs a label’s title into the heading before', async () => {
    const bytes = await buildPdf([
      [
        { text: 'Partie 1 — Nuages', y: 800, size: 20 },
        { text: 'CHAPITRE 3', y: 780, size: 20 },
        { text: 'Les nuages fictifs', y: 760, size: 20 },
        { text: BODY, y: 720 },
        { text: BODY, y: 706 },
        { text: BODY, y: 692 },
        { text: 'PART IV', y: 650, size: 16 },
        { text: 'Fictional clouds', y: 620, size: 20 },
        { text: BODY, y: 590 },
      ],
    ]);
    const headings = (await extractPdf(bytes, 'f.pdf')).pages[0]?.lines.filter((l) => l.headingLevel !== undefined).map((l) => l.text);
    expect(headings).toEqual(['Partie 1 — Nuages', 'Chapitre 3 — Les nuages fictifs', 'Part IV — Fictional clouds']);
  });

  it('finds numbered headings in the body font on a page of short paragraphs, whose gaps outnumber the lines they wrap', async () => {
    // Line pitch 12, paragraph gaps 18, 32 above a heading and 24 below it: most steps between lines are gaps, and
    // their median (18) hid the gap below each heading.
    const ys: [string, number][] = [
      ['3.1.1 Nuages du matin', 700], [BODY, 676], [BODY, 664], [BODY, 646], [BODY, 628], [BODY, 616],
      ['3.1.2 Nuages du soir', 584], [BODY, 560], [BODY, 548], [BODY, 530],
      ['3.1.3 Nuages de nuit', 498], [BODY, 474], [BODY, 456], [BODY, 444],
    ];
    const bytes = await buildPdf([ys.map(([text, y]) => ({ text, y }))]);
    const lines = (await extractPdf(bytes, 'f.pdf')).pages[0]?.lines ?? [];
    expect(lines.filter((l) => l.headingLevel !== undefined).map((l) => l.text)).toEqual(['3.1.1 Nuages du matin', '3.1.2 Nuages du soir', '3.1.3 Nuages de nuit']);
  });

  it('makes a numbered line set apart in the body font a heading, below the larger headings, by its depth', async () => {
    const bytes = await buildPdf([
      [
        { text: 'Politique fictive', y: 780, size: 16 },
        { text: BODY, y: 750 },
        { text: BODY, y: 736 },
        { text: BODY, y: 722 },
        { text: '2.1 Portée des nuages', y: 692 },
        { text: BODY, y: 662 },
        { text: BODY, y: 648 },
        { text: BODY, y: 634 },
        { text: '2.1.4 Exceptions', y: 604 },
        { text: BODY, y: 574 },
        { text: '3.2 Nuages comptés une fois par jour', y: 560 },
        { text: BODY, y: 546 },
        { text: BODY, y: 532 },
      ],
    ]);
    const headings = (await extractPdf(bytes, 'f.pdf')).pages[0]?.lines.filter((l) => l.headingLevel !== undefined);
    expect(headings).toEqual([
      { text: 'Politique fictive', headingLevel: 1 },
      { text: '2.1 Portée des nuages', headingLevel: 2 },
      { text: '2.1.4 Exceptions', headingLevel: 3 },
    ]);
  });

  it('separates paragraphs with an empty line where the vertical gap is wider than the line pitch', async () => {
    const bytes = await buildPdf([
      [{ text: 'Premier paragraphe,', y: 700 }, { text: 'sa deuxième ligne.', y: 687 }, { text: 'Second paragraphe.', y: 660 }],
    ]);
    const lines = (await extractPdf(bytes, 'f.pdf')).pages[0]?.lines.map((l) => l.text);
    expect(lines).toEqual(['Premier paragraphe,', 'sa deuxième ligne.', '', 'Second paragraphe.']);
  });

  it('leaves out a running heading that repeats a section’s heading with the page number, keeping real headings', async () => {
    // A book-like layout: the current section and the page number at the top of the page, where a sentence goes on.
    const bytes = await buildPdf([
      [
        { text: '2.1 Portée des nuages', y: 780 },
        { text: BODY, y: 750 },
        { text: 'Les nuages fictifs sont comptés chaque matin par', y: 736 },
      ],
      [
        { text: '2.1. Portée des nuages 7', y: 800 },
        { text: 'la personne responsable du registre.', y: 770 },
        { text: BODY, y: 756 },
        { text: BODY, y: 742 },
        { text: '2.2 Registre', y: 712 },
        { text: BODY, y: 682 },
        { text: BODY, y: 668 },
      ],
    ]);
    const doc = await extractPdf(bytes, 'f.pdf');
    expect(texts(doc, 1)).toEqual(['la personne responsable du registre.', BODY, BODY, '2.2 Registre', BODY, BODY]);
    expect(doc.pages.flatMap((p) => p.lines.filter((l) => l.headingLevel !== undefined).map((l) => l.text))).toEqual(['2.1 Portée des nuages', '2.2 Registre']);
  });

  it('leaves out a running heading that gives the section beside the document’s title, the page number in the footer', async () => {
    // Sphinx's and LaTeX's layout: `1.1. Section Title of the guide` atop each odd page, the folio at the bottom.
    const page = (top: string, first: string, folio: number) => [
      { text: top, y: 800 },
      { text: first, y: 770 },
      { text: BODY, y: 756 },
      { text: 'Les nuages fictifs sont comptés chaque matin par', y: 742 },
      { text: String(folio), y: 60 },
    ];
    const bytes = await buildPdf([
      [{ text: '1.1 Portée des nuages', y: 780, size: 14 }, { text: BODY, y: 750 }, { text: 'Les nuages fictifs sont comptés chaque matin par', y: 736 }, { text: '1', y: 60 }],
      page('1.1. Portée des nuages Guide fictif des nuages', 'la personne responsable du registre.', 3),
      page('1.1. Portée des nuages Guide fictif des nuages', 'la personne responsable du registre.', 5),
      [{ text: '1.2. Registre Guide fictif des nuages', y: 800 }, { text: 'la personne responsable du registre.', y: 770 }, { text: '1.2 Registre', y: 730, size: 14 }, { text: BODY, y: 700 }],
    ]);
    const doc = await extractPdf(bytes, 'f.pdf');
    expect(doc.pages.flatMap((p) => p.lines.filter((l) => l.headingLevel !== undefined).map((l) => l.text))).toEqual(['1.1 Portée des nuages', '1.2 Registre']);
    expect(texts(doc, 1)[0]).toBe('la personne responsable du registre.');
    expect(texts(doc, 3)[0]).toBe('la personne responsable du registre.');
  });

  it('leaves out a running heading that sets the chapter and the section side by side, each cut with an ellipsis', async () => {
    // DBLaTeX's layout: `CHAPITRE 1. NUAGES … 1.2. REGISTRE DES …` atop each page, the folio alone at the bottom.
    const page = (top: string, folio: number) => [
      { text: top, y: 800 },
      { text: 'la personne responsable du registre.', y: 770 },
      { text: BODY, y: 756 },
      { text: 'Les nuages fictifs sont comptés chaque matin par', y: 742 },
      { text: String(folio), y: 60 },
    ];
    const bytes = await buildPdf([
      [
        { text: 'Chapitre 1 Nuages fictifs du littoral', y: 780, size: 16 },
        { text: '1.1 Portée', y: 740, size: 13 },
        { text: BODY, y: 710 },
        { text: '1.2 Registre des nuages fictifs du matin', y: 680, size: 13 },
        { text: 'Les nuages fictifs sont comptés chaque matin par', y: 650 },
        { text: '1', y: 60 },
      ],
      page('CHAPITRE 1. NUAGES FICTIFS … 1.2. REGISTRE DES NUAGES …', 2),
      page('CHAPITRE 1. NUAGES FICTIFS DU LITTORAL 1.1. PORTÉE', 3),
    ]);
    const doc = await extractPdf(bytes, 'f.pdf');
    expect(texts(doc, 1)[0]).toBe('la personne responsable du registre.');
    expect(texts(doc, 2)[0]).toBe('la personne responsable du registre.');
    const built = buildPassages(doc, { docId: 'nuages', versionLabel: '2031' });
    expect(built.passages.map((p) => p.text).join(' ')).not.toMatch(/CHAPITRE|REGISTRE/);
    expect(built.sections.map((s) => s.path.at(-1))).toEqual(['1.1 Portée', '1.2 Registre des nuages fictifs du matin']);
  });

  it('keeps a chapter heading opening a page whose title a later subsection repeats without its number', async () => {
    // Chapters start on a new page; a measure of chapter 2 has its own « Objectifs » subsection, two pages on.
    const bytes = await buildPdf([
      [{ text: '1 Contexte', y: 780, size: 16 }, { text: BODY, y: 750 }, { text: BODY, y: 736 }],
      [{ text: '2 Objectifs', y: 780, size: 16 }, { text: BODY, y: 750 }, { text: BODY, y: 736 }],
      [{ text: 'Mesure A', y: 780, size: 13 }, { text: BODY, y: 750 }, { text: 'Objectifs', y: 720, size: 13 }, { text: BODY, y: 690 }],
    ]);
    const doc = await extractPdf(bytes, 'f.pdf');
    expect(doc.pages.flatMap((p) => p.lines.filter((l) => l.headingLevel !== undefined).map((l) => l.text))).toEqual([
      '1 Contexte',
      '2 Objectifs',
      'Mesure A',
      'Objectifs',
    ]);
  });

  it('puts back on their letters the accents a TeX font without accented letters drew apart', async () => {
    // pdf-lib's WinAnsi font has the spacing accents; the lines are what such a PDF's text layer gives.
    const bytes = await buildPdf([
      [
        { text: 'Le mat´eriel est livr´e `a la fa¸con du bo\u02c6itier.', y: 700 },
        { text: 'Un `code` reste tel quel ; na¨if.', y: 686 },
      ],
    ]);
    expect(texts(await extractPdf(bytes, 'f.pdf'))).toEqual(['Le matériel est livré à la façon du boîtier.', 'Un `code` reste tel quel ; naïf.']);
  });

  it('leaves a backquote opening a code word alone in a document with drawn-apart accents', async () => {
    const bytes = await buildPdf([[{ text: 'Le mat´eriel r´epond `a la commande `echo` et `uname -a`.', y: 700 }]]);
    expect(texts(await extractPdf(bytes, 'f.pdf'))).toEqual(['Le matériel répond à la commande `echo` et `uname -a`.']);
  });

  it('leaves alone the tilde of a web address, which a PDF font gives as a spacing tilde', async () => {
    const bytes = await buildPdf([[{ text: 'Le d´etail est sur http://exemple.org/˜usager et chez Pe˜na.', y: 700 }]]);
    expect(texts(await extractPdf(bytes, 'f.pdf'))).toEqual(['Le détail est sur http://exemple.org/˜usager et chez Peña.']);
  });

  it('leaves alone an acute accent typed for an apostrophe (l´article), which no TeX font draws', async () => {
    const bytes = await buildPdf([[{ text: 'L´article 3 s´applique à l´organisme qu´il désigne, jusqu´au 1er avril.', y: 700 }]]);
    expect(texts(await extractPdf(bytes, 'f.pdf'))).toEqual(['L´article 3 s´applique à l´organisme qu´il désigne, jusqu´au 1er avril.']);
  });

  it('leaves a backquote alone in a document without drawn-apart accents', async () => {
    const bytes = await buildPdf([[{ text: 'Tapez `echo` puis Entrée.', y: 700 }]]);
    expect(texts(await extractPdf(bytes, 'f.pdf'))).toEqual(['Tapez `echo` puis Entrée.']);
  });

  it('leaves words hyphenated across lines as they are, for the cleaning step', async () => {
    const bytes = await buildPdf([[{ text: 'une utili-', y: 700 }, { text: 'sation responsable', y: 687 }]]);
    expect(texts(await extractPdf(bytes, 'f.pdf'))).toEqual(['une utili-', 'sation responsable']);
  });

  it('takes the title from the document information', async () => {
    const bytes = await buildPdf([[{ text: 'Texte', y: 700 }]], 'Politique fictive de démonstration');
    expect((await extractPdf(bytes, 'f.pdf')).title).toBe('Politique fictive de démonstration');
  });

  it('ignores a document information title that is a file name or an application’s default', async () => {
    const powerPoint = ['Présentation PowerPoint', 'Présentation1', 'PowerPoint Presentation', 'Diapositive 1', 'Slide 1'];
    for (const placeholder of ['Microsoft Word - Directive_fictive_v3.docx', 'directive-fictive-finale.pdf', 'Untitled', 'Document1', ...powerPoint]) {
      const bytes = await buildPdf([[{ text: 'Texte', y: 700 }]], placeholder);
      expect((await extractPdf(bytes, 'f.pdf')).title).toBeUndefined();
    }
  });

  it('keeps a document information title that only begins like a presentation’s default', async () => {
    const bytes = await buildPdf([[{ text: 'Texte', y: 700 }]], 'Présentation du cadre fictif de gouvernance');
    expect((await extractPdf(bytes, 'f.pdf')).title).toBe('Présentation du cadre fictif de gouvernance');
  });

  describe('errors', () => {
    it('rejects bytes that are not a PDF, naming the file', async () => {
      const error = await extractPdf(new TextEncoder().encode('ceci n’est pas un PDF'), 'faux.pdf').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExtractionError);
      expect(error).toMatchObject({ file: 'faux.pdf', reason: expect.stringMatching(/not a (valid|readable) PDF/) });
    });

    it('rejects a truncated PDF', async () => {
      const bytes = await buildPdf([[{ text: 'Texte', y: 700 }]]);
      await expect(extractPdf(bytes.slice(0, 200), 'tronque.pdf')).rejects.toBeInstanceOf(ExtractionError);
    });

    it('rejects a PDF without a text layer', async () => {
      const bytes = await buildPdf([[]]);
      await expect(extractPdf(bytes, 'scan.pdf')).rejects.toMatchObject({ reason: expect.stringContaining('no text layer') });
    });
  });
});
