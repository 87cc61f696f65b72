import fs from 'node:fs';
import path from 'node:path';

/** A named corpus: a folder of documents under the corpora directory. `files` are paths, sorted by name. */
export interface Corpus {
  name: string;
  files: string[];
}

/**
 * True for the files of a corpus folder that are documents: not hidden (`.…`) and not the folder's README.md,
 * which describes the corpus and is not part of it.
 */
export function isCorpusDocument(fileName: string): boolean {
  return !fileName.startsWith('.') && fileName.toLowerCase() !== 'readme.md';
}

/**
 * Reads the corpora layout of `dir`: each subfolder is a corpus named after it (`documents`, `iag-administration`,
 * `robustness`), holding the document files directly (no recursion). Files at the top of `dir` are ignored.
 * @returns corpora sorted by name; a corpus with no document has `files: []`
 * @throws Error when `dir` cannot be read
 */
export function readCorpora(dir: string): Corpus[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
    .map((name) => ({
      name,
      files: fs
        .readdirSync(path.join(dir, name), { withFileTypes: true })
        .filter((f) => f.isFile() && isCorpusDocument(f.name))
        .map((f) => path.join(dir, name, f.name))
        .sort(),
    }));
}

/** The raw text of the plain-text files among `files` (Markdown, text), blank-line separated, for `plainBm25`. */
export function rawTextOf(files: readonly string[]): string {
  return files
    .filter((f) => /\.(md|markdown|txt)$/i.test(f))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n\n');
}
