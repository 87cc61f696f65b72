import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractionError, extractBytes, extractFile, formatOf } from '../../../src/knowledge/extract/index.js';
import { buildDocx, buildPdf } from './fixtures.js';

describe('extractFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-extract-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function write(name: string, bytes: Uint8Array | string): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    return file;
  }

  const cases: [string, () => Promise<Uint8Array | string>, string][] = [
    ['note.PDF', async () => buildPdf([[{ text: 'Texte PDF', y: 700 }]]), 'pdf'],
    ['note.docx', async () => buildDocx([{ text: 'Texte DOCX' }]), 'docx'],
    ['note.html', async () => '<p>Texte HTML</p>', 'html'],
    ['note.htm', async () => '<p>Texte HTM</p>', 'html'],
    ['note.md', async () => 'Texte MD', 'markdown'],
    ['note.markdown', async () => 'Texte Markdown', 'markdown'],
    ['note.txt', async () => 'Texte brut', 'text'],
  ];
  it.each(cases)('reads %s as %s', async (name, content, format) => {
    const doc = await extractFile(await write(name, await content()));
    expect(doc.format).toBe(format);
    expect(doc.pages.flatMap((p) => p.lines).some((l) => l.text.startsWith('Texte'))).toBe(true);
  });

  describe('errors', () => {
    it('rejects an unsupported extension, listing the supported ones', async () => {
      const file = await write('tableau.xlsx', 'x');
      await expect(extractFile(file)).rejects.toMatchObject({ file, reason: expect.stringMatching(/unsupported file type \.xlsx.*\.pdf/) });
    });

    it('rejects a file without an extension', async () => {
      await expect(extractFile(await write('LISEZMOI', 'x'))).rejects.toMatchObject({ reason: expect.stringContaining('(none)') });
    });

    it('rejects an empty file', async () => {
      await expect(extractFile(await write('vide.pdf', ''))).rejects.toMatchObject({ reason: 'the file is empty' });
    });

    it('rejects a missing file', async () => {
      const error = await extractFile(path.join(dir, 'absent.md')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExtractionError);
      expect((error as ExtractionError).reason).toMatch(/cannot read the file/);
    });

    it('names the file in the message', async () => {
      await expect(extractBytes(new Uint8Array([1, 2, 3]), 'corrompu.pdf')).rejects.toThrow(/^corrompu\.pdf: /);
    });
  });
});

describe('formatOf', () => {
  it('ignores the case of the extension and returns null for unknown ones', () => {
    expect([formatOf('a.HTML'), formatOf('a.Md'), formatOf('a.doc'), formatOf('a')]).toEqual(['html', 'markdown', null, null]);
  });
});
