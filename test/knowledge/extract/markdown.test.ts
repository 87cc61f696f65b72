import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../../src/knowledge/extract/markdown.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('extractMarkdown', () => {
  it('turns #-prefixed lines into headings of that level, without the #s', async () => {
    const doc = await extractMarkdown(encode('# Politique\n## Portée ##\n###### Détail'), 'p.md');
    expect(doc.pages[0]?.lines).toEqual([
      { text: 'Politique', headingLevel: 1 },
      { text: 'Portée', headingLevel: 2 },
      { text: 'Détail', headingLevel: 6 },
    ]);
  });

  it('keeps other lines as they are, empty lines included', async () => {
    const doc = await extractMarkdown(encode('Un *texte* utili- sation\n\n- un point\n#mot-clic'), 'p.md');
    expect(doc.pages[0]?.lines).toEqual([{ text: 'Un *texte* utili- sation' }, { text: '' }, { text: '- un point' }, { text: '#mot-clic' }]);
  });

  it('returns one page without a page number', async () => {
    expect(await extractMarkdown(encode('Texte'), 'p.md')).toEqual({ format: 'markdown', pages: [{ pageNumber: null, lines: [{ text: 'Texte' }] }] });
  });

  it('rejects a file with only blank lines', async () => {
    await expect(extractMarkdown(encode('\n  \n'), 'vide.md')).rejects.toMatchObject({ file: 'vide.md', reason: expect.stringContaining('no text') });
  });
});
