import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCorpusDocument, rawTextOf, readCorpora } from '../../src/eval/corpora.js';

describe('isCorpusDocument', () => {
  it('excludes the README.md that describes a corpus, in any case', () => {
    expect(isCorpusDocument('README.md')).toBe(false);
    expect(isCorpusDocument('readme.md')).toBe(false);
  });

  it('excludes hidden files', () => {
    expect(isCorpusDocument('.DS_Store')).toBe(false);
  });

  it('keeps documents', () => {
    expect(isCorpusDocument('charte-nuages.md')).toBe(true);
  });
});

describe('readCorpora', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-corpora-'));
    await mkdir(path.join(dir, 'nuages'));
    await mkdir(path.join(dir, 'marees', 'archives'), { recursive: true });
    await writeFile(path.join(dir, 'nuages', 'charte.md'), 'Le registre des nuages.\n\nIl est public.');
    await writeFile(path.join(dir, 'nuages', 'README.md'), 'Décrit le corpus fictif.');
    await writeFile(path.join(dir, 'marees', 'b-guide.md'), 'Les marées.');
    await writeFile(path.join(dir, 'marees', 'a-notes.txt'), 'Les bouées.');
    await writeFile(path.join(dir, 'marees', '.cache'), 'x');
    await writeFile(path.join(dir, 'lisez-moi.md'), 'Hors de tout corpus.');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names a corpus after each subfolder, sorted, with its documents sorted and nothing else', () => {
    expect(readCorpora(dir)).toEqual([
      { name: 'marees', files: [path.join(dir, 'marees', 'a-notes.txt'), path.join(dir, 'marees', 'b-guide.md')] },
      { name: 'nuages', files: [path.join(dir, 'nuages', 'charte.md')] },
    ]);
  });

  it('joins the raw text of the files, blank-line separated', () => {
    expect(rawTextOf(readCorpora(dir)[0]!.files)).toBe('Les bouées.\n\nLes marées.');
  });
});
