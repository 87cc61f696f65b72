import { Document, FootnoteReferenceRun, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { extractDocx, MAX_DOCX_XML_BYTES } from '../../../src/knowledge/extract/docx.js';
import { ExtractionError } from '../../../src/knowledge/extract/errors.js';
import { buildPassages } from '../../../src/knowledge/pipeline.js';
import { buildDocx, buildPdf } from './fixtures.js';

describe('extractDocx', () => {
  it('keeps Word heading levels, paragraphs and bullets', async () => {
    const bytes = await buildDocx([
      { heading: 1, text: 'Directive fictive' },
      { heading: 2, text: 'Section 1 — Objet' },
      { text: 'La présente directive s’applique aux organismes fictifs.' },
      { bullet: 'un premier engagement' },
    ]);
    const doc = await extractDocx(bytes, 'directive.docx');
    expect(doc.pages.map((p) => ({ ...p, lines: p.lines.filter((l) => l.text !== '') }))).toEqual([
      {
        pageNumber: null,
        lines: [
          { text: 'Directive fictive', headingLevel: 1 },
          { text: 'Section 1 — Objet', headingLevel: 2 },
          { text: 'La présente directive s’applique aux organismes fictifs.' },
          { text: '- un premier engagement' },
        ],
      },
    ]);
    expect(doc.format).toBe('docx');
  });

  it('reads a Word table row by row, each value after the header row’s label', async () => {
    const bytes = await buildDocx([
      { heading: 2, text: 'Calendrier fictif' },
      {
        table: [
          ['Étape', 'Date', 'Lieu'],
          ['Inscription', 'mars 2031', 'en ligne'],
          ['Bilan', 'juin 2031', 'Nuageville'],
        ],
      },
    ]);
    const doc = await extractDocx(bytes, 'calendrier.docx');
    expect(doc.pages[0]?.lines.filter((l) => l.text !== '')).toEqual([
      { text: 'Calendrier fictif', headingLevel: 2 },
      { text: 'Inscription ; Date : mars 2031 ; Lieu : en ligne.', tableRow: true },
      { text: 'Bilan ; Date : juin 2031 ; Lieu : Nuageville.', tableRow: true },
    ]);
  });

  it('takes the title from the first level-1 heading', async () => {
    const bytes = await buildDocx([{ text: 'Préambule' }, { heading: 1, text: 'Guide fictif' }, { heading: 1, text: 'Annexe' }]);
    expect((await extractDocx(bytes, 'guide.docx')).title).toBe('Guide fictif');
  });

  it('takes the title from the paragraph in Word’s Title style, before the first Heading 1', async () => {
    // The Heading 1 follows the title directly, as in a document without a cover page.
    const bytes = await buildDocx([{ title: 'Directive fictive' }, { title: 'sur les parapluies' }, { heading: 1, text: 'Objet' }, { text: 'Texte.' }]);
    const doc = await extractDocx(bytes, 'directive.docx');
    expect(doc.title).toBe('Directive fictive sur les parapluies');
    expect(doc.pages[0]?.lines.filter((l) => l.headingLevel !== undefined).map((l) => l.text)).toEqual(['Objet']);
    // The first Heading 1 is a section of its own, not the title: its text is cited under its name.
    const built = buildPassages(doc, { docId: 'directive', versionLabel: '2031' });
    expect(built.title).toBe('Directive fictive sur les parapluies');
    expect(built.passages.find((p) => p.text === 'Texte.')?.section.path).toEqual(['Objet']);
  });

  it('keeps as a heading of its text a later paragraph in Word’s Title style, an appendix’s title', async () => {
    const bytes = await buildDocx([
      { title: 'Directive fictive' },
      { heading: 1, text: 'Objet' },
      { text: 'Texte.' },
      { title: 'Annexe A – Formulaire fictif' },
      { text: 'Le formulaire se remplit en ligne.' },
    ]);
    const doc = await extractDocx(bytes, 'directive.docx');
    expect(doc.title).toBe('Directive fictive');
    expect(doc.pages[0]?.lines.filter((l) => l.text !== '').map((l) => l.text)).toEqual([
      'Objet',
      'Texte.',
      'Annexe A – Formulaire fictif',
      'Le formulaire se remplit en ligne.',
    ]);
    const built = buildPassages(doc, { docId: 'directive', versionLabel: '2031' });
    expect(built.passages.find((p) => p.text.startsWith('Le formulaire'))?.section.path).toEqual(['Annexe A – Formulaire fictif']);
  });

  it('leaves out the link from a footnote back to its call', async () => {
    const docx = new Document({
      footnotes: { 1: { children: [new Paragraph('Selon le Service fictif de météorologie.')] } },
      sections: [{ children: [new Paragraph({ children: [new TextRun('Le vent fictif est mesuré.'), new FootnoteReferenceRun(1)] })] }],
    });
    const doc = await extractDocx(new Uint8Array(await Packer.toBuffer(docx)), 'note.docx');
    expect(doc.pages[0]?.lines.filter((l) => l.text !== '').map((l) => l.text)).toEqual([
      'Le vent fictif est mesuré.[1]',
      '1. Selon le Service fictif de météorologie.',
    ]);
  });

  it('leaves out the text Word hides (Hidden font effect), in the body and in a footnote, and keeps the rest', async () => {
    const docx = new Document({
      footnotes: {
        1: { children: [new Paragraph({ children: [new TextRun({ text: 'Note cachée de la rédaction. ', vanish: true }), new TextRun('Selon le registre fictif.')] })] },
      },
      sections: [
        {
          children: [
            new Paragraph({
              children: [
                new TextRun({ text: 'À valider par le comité fictif avant publication. ', vanish: true, bold: true }),
                new TextRun('Le vent fictif est mesuré chaque matin.'),
                new FootnoteReferenceRun(1),
              ],
            }),
            new Paragraph({ children: [new TextRun({ text: 'Consigne cachée à l’autrice.', vanish: true })] }),
            new Paragraph('La pluie fictive est notée au registre.'),
          ],
        },
      ],
    });
    const doc = await extractDocx(new Uint8Array(await Packer.toBuffer(docx)), 'cache.docx');
    expect(doc.pages[0]?.lines.filter((l) => l.text !== '').map((l) => l.text)).toEqual([
      'Le vent fictif est mesuré chaque matin.[1]',
      'La pluie fictive est notée au registre.',
      '1. Selon le registre fictif.',
    ]);
  });

  it('has no title when there is no level-1 heading', async () => {
    const doc = await extractDocx(await buildDocx([{ heading: 2, text: 'Sous-titre' }, { text: 'Texte.' }]), 'guide.docx');
    expect(doc.title).toBeUndefined();
  });

  describe('errors', () => {
    it('rejects a file that is not a ZIP archive', async () => {
      const error = await extractDocx(new TextEncoder().encode('pas un docx'), 'faux.docx').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExtractionError);
      expect(error).toMatchObject({ file: 'faux.docx', reason: expect.stringContaining('not a valid DOCX') });
    });

    it('says a password-protected Word document (an Office compound file) is one, not that no ZIP directory was found', async () => {
      const compound = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
      await expect(extractDocx(compound, 'protege.docx')).rejects.toMatchObject({
        file: 'protege.docx',
        reason: 'a password-protected Word document, or a Word 97–2003 .doc, not a DOCX: remove the password, or save it as a Word document (.docx), and ingest it again',
        problem: 'word_compound',
      });
    });

    it('rejects another binary format under a .docx name', async () => {
      await expect(extractDocx(await buildPdf([[{ text: 'x', y: 700 }]]), 'pdf.docx')).rejects.toBeInstanceOf(ExtractionError);
    });

    it('says a DOCX of tables nested a thousand deep is nested too deeply, not that it is invalid', async () => {
      const zip = await JSZip.loadAsync(await buildDocx([{ heading: 1, text: 'Directive fictive' }]));
      const cell = '<w:p><w:r><w:t>Cellule fictive.</w:t></w:r></w:p>';
      const nested = '<w:tbl><w:tr><w:tc>'.repeat(1000) + cell + '</w:tc></w:tr></w:tbl>'.repeat(1000);
      zip.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${nested}</w:body></w:document>`);
      const error = await extractDocx(await zip.generateAsync({ type: 'uint8array' }), 'tableaux.docx').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExtractionError);
      expect(error).toMatchObject({ file: 'tableaux.docx', reason: 'its tables or content controls are nested too deeply inside one another to be read' });
    });

    it('refuses a small DOCX whose text inflates beyond the limit (a ZIP bomb), without parsing it', async () => {
      const zip = await JSZip.loadAsync(await buildDocx([{ heading: 1, text: 'Directive fictive' }]));
      const paragraph = '<w:p><w:r><w:t>Une ligne fictive répétée pour gonfler le fichier.</w:t></w:r></w:p>';
      const count = Math.ceil((MAX_DOCX_XML_BYTES * 1.2) / paragraph.length);
      const body = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraph.repeat(count)}</w:body></w:document>`;
      zip.file('word/document.xml', body);
      const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
      expect(bomb.length).toBeLessThan(MAX_DOCX_XML_BYTES / 50);
      const error = await extractDocx(bomb, 'bombe.docx').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExtractionError);
      expect(error).toMatchObject({ file: 'bombe.docx', reason: expect.stringContaining('inflates to more than 20 MiB') });
    });

    it('rejects a document with no text', async () => {
      await expect(extractDocx(await buildDocx([]), 'vide.docx')).rejects.toMatchObject({ reason: expect.stringContaining('no text') });
    });
  });
});

describe('buildPassages on a Word manual whose contents and headings end alike', () => {
  it('names each section by its whole heading, never by its number alone', async () => {
    const bytes = await buildDocx([
      { heading: 1, text: 'Manuel fictif du nuage' },
      { text: '2. Téléchargement' },
      { text: '2.1. nuage4 ou nuage8' },
      { text: '2.2. Images du ciel pour nuage4 ou nuage8' },
      { heading: 2, text: '2. Téléchargement' },
      { text: 'Le nuage fictif se télécharge en deux saveurs.' },
      { heading: 3, text: '2.1. nuage4 ou nuage8' },
      { text: 'Les saveurs nuage4 et nuage8 portent le nom de deux vents fictifs.' },
      { heading: 3, text: '2.2. Images du ciel pour nuage4 ou nuage8' },
      { text: 'Une image du ciel tient sur une clé fictive.' },
    ]);
    const built = buildPassages(await extractDocx(bytes, 'manuel.docx'), { docId: 'manuel-nuage', versionLabel: 'v1' });
    const sectionOf = (words: string) => built.passages.find((p) => p.text.includes(words))?.section.path;
    expect(sectionOf('deux vents fictifs')).toEqual(['2. Téléchargement', '2.1. nuage4 ou nuage8']);
    expect(sectionOf('clé fictive')).toEqual(['2. Téléchargement', '2.2. Images du ciel pour nuage4 ou nuage8']);
  });
});
