import { describe, expect, it } from 'vitest';
import { extractDocx } from '../../../src/knowledge/extract/docx.js';
import { ExtractionError } from '../../../src/knowledge/extract/errors.js';
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

  it('takes the title from the first level-1 heading', async () => {
    const bytes = await buildDocx([{ text: 'Préambule' }, { heading: 1, text: 'Guide fictif' }, { heading: 1, text: 'Annexe' }]);
    expect((await extractDocx(bytes, 'guide.docx')).title).toBe('Guide fictif');
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

    it('rejects another binary format under a .docx name', async () => {
      await expect(extractDocx(await buildPdf([[{ text: 'x', y: 700 }]]), 'pdf.docx')).rejects.toBeInstanceOf(ExtractionError);
    });

    it('rejects a document with no text', async () => {
      await expect(extractDocx(await buildDocx([]), 'vide.docx')).rejects.toMatchObject({ reason: expect.stringContaining('no text') });
    });
  });
});
