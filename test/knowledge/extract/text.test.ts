import { describe, expect, it } from 'vitest';
import { ExtractionError } from '../../../src/knowledge/extract/errors.js';
import { extractText } from '../../../src/knowledge/extract/text.js';
import { buildPassages } from '../../../src/knowledge/pipeline.js';

describe('extractText', () => {
  it('keeps every line as is, whatever the line endings', async () => {
    const doc = await extractText(new TextEncoder().encode('# pas un titre\r\nligne  deux\rligne trois\n\nfin'), 'n.txt');
    expect(doc).toEqual({
      format: 'text',
      pages: [{ pageNumber: null, lines: ['# pas un titre', 'ligne  deux', 'ligne trois', '', 'fin'].map((text) => ({ text })) }],
    });
  });

  it('drops a UTF-8 byte order mark', async () => {
    const doc = await extractText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]), 'n.txt');
    expect(doc.pages[0]?.lines[0]?.text).toBe('A');
  });

  it.each([
    ['LE', [0xff, 0xfe], (text: string) => Buffer.from(text, 'utf16le')],
    ['BE', [0xfe, 0xff], (text: string) => Buffer.from(text, 'utf16le').swap16()],
  ] as const)('reads a UTF-16 %s file with a byte order mark (Notepad “Unicode”)', async (_order, bom, encode) => {
    const bytes = Uint8Array.from([...bom, ...encode('Énoncé fictif\r\nL’œuvre « résumée »')]);
    const doc = await extractText(bytes, 'note.txt');
    expect(doc.pages[0]?.lines.map((l) => l.text)).toEqual(['Énoncé fictif', 'L’œuvre « résumée »']);
  });

  it('reads a file that is not valid UTF-8 as Windows-1252', async () => {
    const doc = await extractText(Uint8Array.from([0x72, 0xe9, 0x73, 0x75, 0x6d, 0xe9, 0x20, 0x92]), 'n.txt');
    expect(doc.pages[0]?.lines[0]?.text).toBe('résumé ’');
  });

  it('reads a UTF-8 file holding a stray Windows-1252 byte as UTF-8, that byte as Windows-1252', async () => {
    const utf8 = (text: string) => [...new TextEncoder().encode(text)];
    const bytes = Uint8Array.from([...utf8('Énoncé fictif : les équipes vérifient l’exactitude.\nRègle n'), 0xb0, ...utf8(' 3 : été.')]);
    const doc = await extractText(bytes, 'melange.txt');
    expect(doc.pages[0]?.lines.map((l) => l.text)).toEqual(['Énoncé fictif : les équipes vérifient l’exactitude.', 'Règle n° 3 : été.']);
  });

  it('still reads a Windows-1252 file whose bytes happen to form one UTF-8 sequence as Windows-1252', async () => {
    // « é» » then « ’ » is E9 BB 92, a valid UTF-8 sequence (a CJK character) among the file's single-byte accents.
    const bytes = Uint8Array.from([0x72, 0xe9, 0x73, 0x75, 0x6d, 0xe9, 0xbb, 0x92, 0x20, 0xe0, 0x20, 0xe8, 0x20, 0xe7, 0x61]);
    const doc = await extractText(bytes, 'n.txt');
    expect(doc.pages[0]?.lines[0]?.text).toBe('résumé»’ à è ça');
  });

  it('rejects binary content', async () => {
    await expect(extractText(Uint8Array.from([0x41, 0x00, 0x42]), 'image.txt')).rejects.toBeInstanceOf(ExtractionError);
  });

  it('rejects a file with only whitespace', async () => {
    await expect(extractText(new TextEncoder().encode(' \n\t\n'), 'vide.txt')).rejects.toMatchObject({ reason: expect.stringContaining('no text') });
  });
});

describe('extractText on a manual’s text export', () => {
  const headingsOf = async (text: string) =>
    (await extractText(new TextEncoder().encode(text), 'manuel.txt')).pages[0]!.lines.filter((l) => l.headingLevel !== undefined);

  it('reads underlined titles as headings, ranked in the order their underlines appear', async () => {
    const text = ['1. Nuages fictifs', '*****************', '', 'Le ciel fictif compte des nuages.', '', '1.1. Cumulus', '============', '', 'Le cumulus est blanc.', '', '2. Vents', '********', ''].join('\n');
    expect(await headingsOf(text)).toEqual([
      { text: '1. Nuages fictifs', headingLevel: 1 },
      { text: '1.1. Cumulus', headingLevel: 2 },
      { text: '2. Vents', headingLevel: 1 },
    ]);
  });

  it('reads a numbered title set flush left on its own as a heading, not a sentence, an indented item or a rule', async () => {
    const text = [
      'Chapitre 1. Nuages fictifs',
      '',
      '1.1. Qu’est-ce qu’un nuage fictif, et pourquoi le compter chaque printemps',
      '\u00a0?',
      '',
      '    Un nuage fictif flotte au-dessus des bureaux.',
      '',
      '    1.2. Un élément de liste fictif',
      '',
      '2.1. Le nuage est compté une fois.',
      '',
      'A.1. Registre fictif',
      '',
      'Une ligne de texte',
      '----',
    ].join('\n');
    expect(await headingsOf(text)).toEqual([
      { text: 'Chapitre 1. Nuages fictifs', headingLevel: 1 },
      { text: '1.1. Qu’est-ce qu’un nuage fictif, et pourquoi le compter chaque printemps ?', headingLevel: 2 },
      { text: 'A.1. Registre fictif', headingLevel: 2 },
    ]);
  });

  it('drops the marks of strong emphasis, even wrapped over two lines, and keeps other asterisks', async () => {
    const text = ['1. Nuages', '*********', '', 'Ne comptez **jamais** un nuage deux fois : la **règle du', 'comité** le défend.', '', 'Le calcul 2**10 vaut 1024 ; *.nuage désigne tout fichier de nuage.'].join('\n');
    const doc = await extractText(new TextEncoder().encode(text), 'guide.txt');
    expect(doc.pages[0]!.lines.map((l) => l.text)).toEqual([
      '1. Nuages',
      '',
      '',
      'Ne comptez jamais un nuage deux fois : la règle du',
      'comité le défend.',
      '',
      'Le calcul 2**10 vaut 1024 ; *.nuage désigne tout fichier de nuage.',
    ]);
  });

  it('cites a FAQ’s passages under its chapters and questions, not as a statute’s articles', async () => {
    const questions = ['Qu’est-ce qu’un nuage fictif ?', 'Qui compte les nuages ?', 'Quand les compte-t-on ?', 'Où sont-ils inscrits ?', 'Qui lit le registre ?'];
    const text = [
      'Chapitre 1. Nuages fictifs',
      '',
      ...questions.flatMap((q, i) => [`1.${i + 1}. ${q}`, '', `    Réponse fictive numéro ${i + 1} sur les nuages.`, '']),
      'Chapitre 2. Vents fictifs',
      '',
      '2.1. Qu’est-ce qu’un vent fictif ?',
      '',
      '    Un vent fictif pousse les nuages.',
    ].join('\n');
    const doc = await extractText(new TextEncoder().encode(text), 'faq.txt');
    const built = buildPassages(doc, { docId: 'foire-aux-questions', versionLabel: 'v1' });
    expect(built.passages.find((p) => p.text.includes('numéro 2'))?.section.path).toEqual(['Chapitre 1. Nuages fictifs', '1.2. Qui compte les nuages ?']);
    expect(built.title).toBe('foire-aux-questions');
  });
});
