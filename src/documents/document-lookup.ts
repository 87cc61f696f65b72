/**
 * Finding a document named by a person: by its id, else by its title as they typed it (case, accents and punctuation
 * aside), for commands such as `historique` that take either.
 */

/** A document as lookups see it. */
export interface NamedDocument {
  docId: string;
  title: string;
}

/**
 * The outcome of a lookup: the document named, and `by` what (`id`, its whole `title`, or `words` its title
 * contains: words that may as well be a question's, `historique du phare`), or none with the documents whose titles
 * come near (at most MAX_NEAR_DOCUMENTS, in the order given): several titles containing the words typed, or sharing
 * a word of MIN_SHARED_WORD_CHARS letters or more with them. `near` is empty when nothing comes near.
 */
export type DocumentLookup = { kind: 'found'; docId: string; by: 'id' | 'title' | 'words' } | { kind: 'not_found'; near: NamedDocument[] };

/** Most near matches listed: enough to recognise one's document, short enough to read in a chat. */
export const MAX_NEAR_DOCUMENTS = 5;
/** Shortest word that makes a title near when shared (`ia`, `des`, `sur` are in too many titles). */
const MIN_SHARED_WORD_CHARS = 4;

/** A title compared with another: case, accents and punctuation aside, words separated by one space. */
export function comparableTitle(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Dashes a word processor, a web page or a keyboard layout puts where an id's hyphen-minus was typed (U+2010–U+2015, minus sign, small and full-width hyphen-minus). */
const DASH_LOOKALIKES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** A space, punctuation or symbol: around a word (`« … »`, quotes, backquotes, a full stop after it), never part of an id. */
const AROUND_WORD = /[\s\p{P}\p{S}]/u;

/**
 * `text` without the spaces, punctuation and symbols at its start and end (AROUND_WORD). A loop, not a regular
 * expression: `[…]+$` tries every start inside a run that does not reach the end, and « historique a », 28 000
 * spaces, « y » held the bot's one thread for 4 s.
 */
function withoutAroundWord(text: string): string {
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && AROUND_WORD.test(chars[start]!)) start++;
  while (end > start && AROUND_WORD.test(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}

/**
 * A document id as a person typed it, in the form every id has (knowledge/ingest.ts DOC_ID_PATTERN: lower-case
 * letters without accents, digits, hyphen-minus, never first or last): `« ÉNONCÉ‑PRINCIPES‑IA ».` (capitals, accents
 * as French writes the word, a non-breaking hyphen U+2011 pasted from Word, the quotes and full stop of a sentence)
 * is `enonce-principes-ia`. Since no id holds a capital, an accent, another dash or punctuation at either end, the
 * result names the document the person meant, or none. Pure; never throws.
 */
export function typedDocId(typed: string): string {
  const folded = typed.normalize('NFD').replace(/\p{M}/gu, '').replace(DASH_LOOKALIKES, '-');
  return withoutAroundWord(folded).toLowerCase();
}

/**
 * Finds the document `query` names: the id of a known document (`isKnownId`; as typedDocId reads it), else the only document whose title is
 * the query (compared by comparableTitle), else the only one whose title contains it. Several such titles, or none,
 * give `not_found` with the near titles. Pure; never throws.
 * @param documents the documents whose titles may be named, in the order near matches are listed
 */
export function lookUpDocument(query: string, isKnownId: (docId: string) => boolean, documents: readonly NamedDocument[]): DocumentLookup {
  const trimmed = query.trim();
  const docId = typedDocId(trimmed);
  if (isKnownId(docId)) return { kind: 'found', docId, by: 'id' };
  const wanted = comparableTitle(trimmed);
  if (wanted === '') return { kind: 'not_found', near: [] };
  const same = documents.filter((d) => comparableTitle(d.title) === wanted);
  if (same.length === 1) return { kind: 'found', docId: same[0]!.docId, by: 'title' };
  if (same.length > 1) return { kind: 'not_found', near: same.slice(0, MAX_NEAR_DOCUMENTS) };
  const containing = documents.filter((d) => ` ${comparableTitle(d.title)} `.includes(` ${wanted} `));
  if (containing.length === 1) return { kind: 'found', docId: containing[0]!.docId, by: 'words' };
  if (containing.length > 1) return { kind: 'not_found', near: containing.slice(0, MAX_NEAR_DOCUMENTS) };
  const words = new Set(wanted.split(' ').filter((w) => w.length >= MIN_SHARED_WORD_CHARS));
  const near = documents.filter((d) => comparableTitle(d.title).split(' ').some((w) => words.has(w)) || comparableTitle(d.docId).split(' ').some((w) => words.has(w)));
  return { kind: 'not_found', near: near.slice(0, MAX_NEAR_DOCUMENTS) };
}
