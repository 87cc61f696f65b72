import { formatOf } from '../knowledge/index.js';
import { stripControlCharacters } from '../inventory/text.js';

/** Content types of the supported formats, for a file whose name has no supported extension. */
const EXTENSION_BY_CONTENT_TYPE: Readonly<Record<string, string>> = {
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'text/html': '.html',
  'text/markdown': '.md',
  'text/plain': '.txt',
};

/** Most characters of a file name shown on a preview card and stored with its proposal (the extension kept). */
const MAX_FILE_NAME_CHARS = 120;

/**
 * A sent file's name as a person is shown it and as its proposal keeps it: the last segment of what it was named
 * (`../../guide.md` and `dossier\guide.md` are `guide.md`: the name of a Teams attachment or of a
 * Content-Disposition header is the sender's to choose), without control and bidirectional-formatting characters
 * (see stripControlCharacters: an override U+202E made the card's « Fichier » read backwards), white space runs
 * made one space, cut to MAX_FILE_NAME_CHARS keeping its extension. Empty when nothing is left.
 */
export function shownFileName(fileName: string): string {
  const last = stripControlCharacters(fileName).split(/[/\\]/).at(-1) ?? '';
  const name = last.replace(/\s+/g, ' ').trim();
  if (name.length <= MAX_FILE_NAME_CHARS) return name;
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
  return `${name.slice(0, MAX_FILE_NAME_CHARS - extension.length)}${extension}`;
}

/**
 * The file name, with the extension of `contentType` (an HTTP Content-Type, parameters ignored) appended when its
 * own is not a supported one (see formatOf), so that the parser can be chosen; unchanged otherwise.
 */
export function nameWithExtension(fileName: string, contentType: string | undefined): string {
  if (formatOf(fileName) || !contentType) return fileName;
  const extension = EXTENSION_BY_CONTENT_TYPE[contentType.split(';')[0]!.trim().toLowerCase()];
  return extension ? `${fileName}${extension}` : fileName;
}
