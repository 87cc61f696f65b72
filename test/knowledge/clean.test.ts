import { describe, expect, it } from 'vitest';
import {
  rejoinHyphenation,
  removeStrayPunctuation,
  removeFootnotes,
  removeInlineRunningText,
  removeRunningHeadersAndFooters,
  removeStrayItemMarks,
  removeRunningTitles,
  toBlocks,
  type Block,
} from '../../src/knowledge/clean.js';
import { normaliseText } from '../../src/knowledge/normalise.js';
import type { ExtractedDocument, SourceLine } from '../../src/knowledge/types.js';

/** A one-page document without page numbers (as Markdown and plain text extract). */
function textDocument(lines: (string | SourceLine)[]): ExtractedDocument {
  return {
    format: 'text',
    pages: [{ pageNumber: null, lines: lines.map((l) => (typeof l === 'string' ? { text: l } : l)) }],
  };
}

const block = (text: string, page: number | null = null): Block => ({ text, page });

const HEADER = 'Bulletin fictif des nuages, 12 mars 2031, no 7';
const FOOTER = '© Agence québécoise des nuages (fictive), 2031';

describe('toBlocks', () => {
  it('splits paragraphs on blank lines and joins the lines of one paragraph', () => {
    const blocks = toBlocks(
      textDocument(['Les nuages fictifs sont recensés', 'chaque printemps.', '', 'Le registre est public.']),
    );
    expect(blocks.map((b) => b.text)).toEqual(['Les nuages fictifs sont recensés chaque printemps.', 'Le registre est public.']);
  });

  it('turns bulleted lines into list items without their bullet', () => {
    const blocks = toBlocks(textDocument(['Les nuages doivent être :', '• légers;', '- blancs;', '▪ polis.']));
    expect(blocks).toEqual([
      { text: 'Les nuages doivent être :', page: null },
      { text: 'légers;', page: null, listItem: true },
      { text: 'blancs;', page: null, listItem: true },
      { text: 'polis.', page: null, listItem: true },
    ]);
  });

  it('makes each table row a block of its own, marked as a row, a table in a list item keeping its bullet', () => {
    const blocks = toBlocks(
      textDocument([
        'Le calendrier fictif',
        { text: 'Inscription ; Date : mars.', tableRow: true },
        { text: 'Bilan ; Date : juin.', tableRow: true },
        '',
        { text: '- Relevé ; Date : mai.', tableRow: true },
      ]),
    );
    expect(blocks).toEqual([
      { text: 'Le calendrier fictif', page: null },
      { text: 'Inscription ; Date : mars.', page: null, tableRow: true },
      { text: 'Bilan ; Date : juin.', page: null, tableRow: true },
      { text: 'Relevé ; Date : mai.', page: null, tableRow: true, listItem: true },
    ]);
  });

  it('keeps a heading as its own block with its level', () => {
    const blocks = toBlocks(
      textDocument([{ text: 'Chapitre des cumulus', headingLevel: 2 }, 'Les cumulus fictifs sont dénombrés le lundi.']),
    );
    expect(blocks).toEqual([
      { text: 'Chapitre des cumulus', page: null, headingLevel: 2 },
      { text: 'Les cumulus fictifs sont dénombrés le lundi.', page: null },
    ]);
  });

  it('ends a PDF paragraph at a line closing a sentence', () => {
    const doc: ExtractedDocument = {
      format: 'pdf',
      pages: [{ pageNumber: 3, lines: [{ text: 'Le nuage est déclaré.' }, { text: 'Le registre est tenu' }, { text: 'à jour.' }] }],
    };
    expect(toBlocks(doc).map((b) => [b.text, b.page])).toEqual([
      ['Le nuage est déclaré.', 3],
      ['Le registre est tenu à jour.', 3],
    ]);
  });
});

describe('removeRunningHeadersAndFooters', () => {
  const paged = [
    block('Texte fictif qui précède le premier en-tête.'),
    block(`${HEADER} 301 Les nuages fictifs sont recensés chaque printemps.`),
    block('Le registre des nuages est public.'),
    block(`${HEADER} 302 Un nuage non déclaré est signalé au comité.`),
    block(`${HEADER} 303 Le comité fictif se réunit une fois par saison.`),
  ];

  it('removes a header repeated at the start of pages', () => {
    const texts = removeRunningHeadersAndFooters(paged).map((b) => b.text);
    expect(texts.some((t) => t.includes('Bulletin fictif'))).toBe(false);
    expect(texts).toContain('Les nuages fictifs sont recensés chaque printemps.');
  });

  it('gives the blocks the page numbers printed after the header', () => {
    const out = removeRunningHeadersAndFooters(paged);
    expect(out.map((b) => [b.text, b.page])).toEqual([
      ['Texte fictif qui précède le premier en-tête.', null],
      ['Les nuages fictifs sont recensés chaque printemps.', 301],
      ['Le registre des nuages est public.', 301],
      ['Un nuage non déclaré est signalé au comité.', 302],
      ['Le comité fictif se réunit une fois par saison.', 303],
    ]);
  });

  it('removes a page number that stands where a section number was lost', () => {
    const out = removeRunningHeadersAndFooters([
      block(`${HEADER} 301 Premier paragraphe fictif.`),
      block(`${HEADER} 302 Principe de la légèreté Les nuages restent légers.`),
      block(`${HEADER} 303 Dernier paragraphe fictif.`),
    ]);
    expect(out[1]).toEqual({ text: 'Principe de la légèreté Les nuages restent légers.', page: 302 });
  });

  it('keeps a section number that follows the header when it does not fit the page sequence', () => {
    const out = removeRunningHeadersAndFooters([
      block(`${HEADER} 301 Premier paragraphe fictif.`),
      block(`${HEADER} 2 Principe de la clarté Les nuages sont décrits simplement.`),
      block(`${HEADER} 303 Dernier paragraphe fictif.`),
    ]);
    expect(out[1]).toEqual({ text: '2 Principe de la clarté Les nuages sont décrits simplement.', page: 302 });
  });

  it('removes a footer repeated at the end of pages, dropping blocks that held only the footer', () => {
    const out = removeRunningHeadersAndFooters([
      block(`Les nuages fictifs sont recensés. ${FOOTER}`),
      block(FOOTER),
      block(`Le comité se réunit chaque saison. ${FOOTER}`),
      block('Le registre est public.'),
    ]);
    expect(out.map((b) => b.text)).toEqual([
      'Les nuages fictifs sont recensés.',
      'Le comité se réunit chaque saison.',
      'Le registre est public.',
    ]);
  });

  it('keeps the end of a number repeated at the end of paragraphs, which no footer cuts in two', () => {
    const items = [
      block('Le ciel de 2031 compte plus de 59 000 nuages prêts à être comptés.'),
      block('Le ciel de 2029 compte plus de 57 000 nuages prêts à être comptés.'),
      block('Le ciel de 2027 compte plus de 50 000 nuages prêts à être comptés.'),
    ];
    expect(removeRunningHeadersAndFooters(items)).toEqual(items);
  });

  it('keeps the amendment-history notes of a statute, which repeat after every article like a header', () => {
    const statute = [
      block('1. Le nuage fictif appartient au ciel qui le porte.'),
      block('2031, c. 9, a. 1.'),
      block('2. Un nuage fictif ne peut être vendu.'),
      block('2031, c. 9, a. 2; 2034, c. 4, a. 7.'),
      block('3. Le comité fictif tient le registre des nuages.'),
      block('2031, c. 9, a. 3.'),
    ];
    expect(removeRunningHeadersAndFooters(statute)).toEqual(statute);
  });

  it('keeps a repeated prose opening that has no digits and no capitals', () => {
    const prose = [
      block('les organismes fictifs doivent veiller à la légèreté des nuages.'),
      block('les organismes fictifs doivent veiller à la blancheur des nuages.'),
      block('les organismes fictifs doivent veiller à la douceur des nuages.'),
    ];
    expect(removeRunningHeadersAndFooters(prose)).toEqual(prose);
  });
});

describe('removeInlineRunningText', () => {
  const running = (page: number) => `À jour au 1er mars 2031 © Agence québécoise des nuages R-9.9 / ${page} sur 12 REGISTRE FICTIF DES NUAGES`;

  it('removes a running header merged into the middle of paragraphs, page number and all', () => {
    const blocks = [
      block(`4. Le registre des nuages doit être ${running(2)} tenu à jour chaque printemps.`),
      block(`5. Un nuage peut être ${running(3)} retiré du registre sur demande.`),
      block(`6. Le préposé ${running(4)} signe le registre.`),
      block(running(5)),
    ];
    expect(removeInlineRunningText(blocks).map((b) => b.text)).toEqual([
      '4. Le registre des nuages doit être tenu à jour chaque printemps.',
      '5. Un nuage peut être retiré du registre sur demande.',
      '6. Le préposé signe le registre.',
    ]);
  });

  it('keeps a sentence the text repeats, even with different numbers, and a repeat seen twice only', () => {
    const blocks = [
      block('Selon l’article 12 de la Loi sur les nuages fictifs (chapitre N-1), le préposé tient le registre.'),
      block('Selon l’article 14 de la Loi sur les nuages fictifs (chapitre N-1), le préposé signe le registre.'),
      block('Selon l’article 19 de la Loi sur les nuages fictifs (chapitre N-1), le préposé ferme le registre.'),
      block(`Le registre ${running(2)} est public.`),
      block(`Le registre ${running(3)} est gratuit.`),
    ];
    expect(removeInlineRunningText(blocks)).toEqual(blocks);
  });
});

describe('removeRunningTitles', () => {
  it('removes a short title opening each page whose page number changes inside it', () => {
    const words = ['Cumulus.', 'Stratus.', 'Nimbus.'];
    const blocks = [1, 2, 3].flatMap((n) => [block(`Guide fictif ${n} / 40`, n + 10), block(words[n - 1]!, n + 10)]);
    expect(removeRunningTitles(blocks).map((b) => b.text)).toEqual(words);
  });

  it('removes a title closing each page, with roman page numbers', () => {
    const words = ['Cumulus.', 'Stratus.', 'Nimbus.'];
    const blocks = ['ii', 'iii', 'iv'].flatMap((n, i) => [block(words[i]!, i + 1), block(`Guide fictif ${n}`, i + 1)]);
    expect(removeRunningTitles(blocks).map((b) => b.text)).toEqual(words);
  });

  it('keeps a line that opens fewer than three pages, and leaves documents without pages alone', () => {
    const paged = [block('Guide fictif 1', 1), block('Texte un.', 1), block('Guide fictif 2', 2), block('Texte deux.', 2)];
    expect(removeRunningTitles(paged)).toEqual(paged);
    const unpaged = [1, 2, 3].map((n) => block(`Guide fictif ${n}`));
    expect(removeRunningTitles(unpaged)).toEqual(unpaged);
  });
});

describe('removeFootnotes', () => {
  it('leaves the numbers of a numbered heading when a footnote on the page starts with one of them', () => {
    const out = removeFootnotes([block('1.4.10 Commandes fictives du nuage4', 3), block('4. Note fictive sur les commandes.', 3)]);
    expect(out.map((b) => b.text)).toEqual(['1.4.10 Commandes fictives du nuage']);
  });

  it('drops the footnote text that follows a glued reference and removes the glued digit', () => {
    const out = removeFootnotes([
      block('Tout nuage est inscrit au registre3 avant le printemps.', 12),
      block('3. Registre fictif des nuages, édition 2031.', 12),
      block('Suite de la note fictive sur le registre.', 12),
      block('Le comité fictif tient le registre.', 13),
    ]);
    expect(out.map((b) => [b.text, b.page])).toEqual([
      ['Tout nuage est inscrit au registre avant le printemps.', 12],
      ['Le comité fictif tient le registre.', 13],
    ]);
  });

  it('leaves a number glued to a word when no footnote on the page starts with it', () => {
    const out = removeFootnotes([
      block('Le formulaire B2 accompagne la déclaration du nuage4.', 5),
      block('4. Formulaire fictif de déclaration.', 5),
    ]);
    expect(out.map((b) => b.text)).toEqual(['Le formulaire B2 accompagne la déclaration du nuage.']);
  });

  it('keeps a numbered paragraph that no glued reference points to', () => {
    const blocks = [block('Le comité compte 7 membres fictifs.', 2), block('7. Les membres sont nommés pour deux ans.', 2)];
    expect(removeFootnotes(blocks)).toEqual(blocks);
  });

  it('drops only the footnote block when the document has no pages', () => {
    const out = removeFootnotes([
      block('Tout nuage est inscrit au registre3 avant le printemps.'),
      block('3. Registre fictif des nuages, édition 2031.'),
      block('Le comité fictif tient le registre.'),
    ]);
    expect(out.map((b) => b.text)).toEqual([
      'Tout nuage est inscrit au registre avant le printemps.',
      'Le comité fictif tient le registre.',
    ]);
  });
});

describe('rejoinHyphenation', () => {
  const rejoin = (...texts: string[]) => rejoinHyphenation(texts.map((t) => block(t))).map((b) => b.text);

  it('rejoins a word hyphenated across a line break when the document uses the joined form', () => {
    expect(rejoin('L’utili- sation des nuages est encadrée.', 'Cette utilisation est annuelle.')[0]).toBe(
      'L’utilisation des nuages est encadrée.',
    );
  });

  it('keeps the hyphen of a compound that the document spells with a hyphen elsewhere', () => {
    expect(rejoin('Le porte- parole du comité répond.', 'Le porte-parole est nommé.')[0]).toBe('Le porte-parole du comité répond.');
  });

  it('rejoins when the document uses neither form', () => {
    expect(rejoin('Les orien- tations fictives sont publiées.')[0]).toBe('Les orientations fictives sont publiées.');
  });

  it('keeps the hyphen of a URL broken across lines and removes the space', () => {
    expect(rejoin('Voir https://nuages.exemple.invalid/registre- annuel pour le détail.')[0]).toBe(
      'Voir https://nuages.exemple.invalid/registre-annuel pour le détail.',
    );
  });

  it('rejoins two words hyphenated in one run of non-blanks, keeping the hyphen of the address part', () => {
    expect(rejoin('Voir utili- sation/regis- tre et orien- tations.')[0]).toBe('Voir utilisation/regis-tre et orientations.');
  });

  it('leaves a dash between words alone when the next word starts with a capital', () => {
    expect(rejoin('Région 07 - Outaouais fictif')[0]).toBe('Région 07 - Outaouais fictif');
  });
});

describe('removeStrayItemMarks', () => {
  it('removes a lone digit or letter left between an item number and its text, keeping French one-letter words', () => {
    const out = removeStrayItemMarks([
      block('Le registre fictif indique: 1° c le nom du nuage; 2° 5 l’altitude du nuage; 3° a été vu par le comité; 4° y figure aussi sa couleur.'),
      block('Le comité fictif se réunit 1° 30 jours après la saison; 2° a) au printemps.'),
    ]);
    expect(out.map((b) => b.text)).toEqual([
      'Le registre fictif indique: 1° le nom du nuage; 2° l’altitude du nuage; 3° a été vu par le comité; 4° y figure aussi sa couleur.',
      'Le comité fictif se réunit 1° 30 jours après la saison; 2° a) au printemps.',
    ]);
  });
});

describe('removeStrayPunctuation', () => {
  it('removes a comma, or a full stop within a sentence, standing alone between words', () => {
    expect(removeStrayPunctuation([block('Le registre, selon le , cas, est tenu par un préposé . désigné.', 4)])).toEqual([
      block('Le registre, selon le cas, est tenu par un préposé désigné.', 4),
    ]);
    expect(removeStrayPunctuation([block('Le registre . . , public.')])).toEqual([block('Le registre public.')]);
  });

  it('removes a full stop after another, and a lone one closing a block that the next goes on from in lower case', () => {
    expect(removeStrayPunctuation([block('4. . Le registre est tenu par un préposé .'), block('désigné chaque année .'), block('Le vent souffle.')])).toEqual([
      block('4. Le registre est tenu par un préposé'),
      block('désigné chaque année .'),
      block('Le vent souffle.'),
    ]);
    expect(removeStrayPunctuation([block('Le registre des nuages .'), block('. fictifs est public.')])).toEqual([
      block('Le registre des nuages'),
      block('fictifs est public.'),
    ]);
  });

  it('keeps a full stop spaced off before a capital: it may end a sentence', () => {
    expect(removeStrayPunctuation([block('Le registre est public . Le vent souffle.')])).toEqual([block('Le registre est public . Le vent souffle.')]);
  });

  it('removes one at the start or the end of a block, and drops a block of nothing else', () => {
    expect(removeStrayPunctuation([block(', Le registre est public. ,'), block(', .'), block('. Le vent souffle.')])).toEqual([
      block('Le registre est public.'),
      block('Le vent souffle.'),
    ]);
  });

  it('keeps punctuation a typography spaces off: French colons and semicolons, ellipses, numbers', () => {
    const text = 'L’information suivante : le nom ; l’adresse … et 3,5 jours, etc.';
    expect(removeStrayPunctuation([block(text)])).toEqual([block(text)]);
  });
});

describe('normaliseText', () => {
  it('removes soft hyphens', () => {
    expect(normaliseText('utili\u00ADsation')).toBe('utilisation');
  });

  it('removes bidirectional marks and isolates an exporter added inside words', () => {
    expect(normaliseText('trans\u200Eparence et \u2066registre\u2069 \u202Afictif\u202C')).toBe('transparence et registre fictif');
  });

  it('spells out ligatures', () => {
    expect(normaliseText('\uFB01nalité et e\uFB03cacité')).toBe('finalité et efficacité');
  });

  it('makes no-break and narrow no-break spaces plain', () => {
    expect(normaliseText('Article\u00A0: «\u202Fnuage\u202F»')).toBe('Article : « nuage »');
  });

  it('keeps the typographic apostrophe as printed', () => {
    expect(normaliseText('l’Agence et l\'agence')).toBe('l’Agence et l\'agence');
  });

  it('collapses runs of white space and trims', () => {
    expect(normaliseText('  Le   nuage\t fictif \n')).toBe('Le nuage fictif');
  });

  it('composes decomposed accents (NFC)', () => {
    expect(normaliseText('e\u0301te\u0301')).toBe('été');
  });
});
