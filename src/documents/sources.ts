import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DOC_ID_PATTERN, MAX_DOC_ID_CHARS } from '../knowledge/ingest.js';
import type { SourceFormat } from '../knowledge/types.js';
import { CREDENTIALS_MESSAGE, hasCredentials } from './url-credentials.js';

/** File name of the official sources list, under the Balises folder's `data/`. */
export const SOURCES_FILE_NAME = 'sources.json';

const FORMATS = ['pdf', 'docx', 'html', 'markdown', 'text'] as const satisfies readonly SourceFormat[];

/**
 * Longest official address, in characters: it becomes the link of every citation of its document, and the answers
 * make a link of no longer address (bot/render/text.ts MAX_URL_CHARS, the limit most browsers and servers keep to):
 * a longer one would be dropped from every citation.
 */
export const MAX_OFFICIAL_URL_CHARS = 2_048;

/**
 * An official http(s) address of at most MAX_OFFICIAL_URL_CHARS characters, without whitespace and without a user
 * name or password (it becomes a citation link every user sees). The URL parser takes `https://a.qc.ca/guide IA.pdf`
 * or a line break inside an address as written, but the answers make no link of it (bot/render/text.ts isWebUrl):
 * its citations would have shown none.
 */
export const OfficialUrl = z
  .string()
  .max(MAX_OFFICIAL_URL_CHARS, `expected at most ${MAX_OFFICIAL_URL_CHARS} characters`)
  .url('expected an absolute URL')
  .refine((u) => /^https?:\/\//i.test(u), 'expected an http or https URL')
  .refine((u) => !/\s/.test(u), 'an address holds no spaces or line breaks (write a space %20)')
  .refine((u) => !hasCredentials(u), CREDENTIALS_MESSAGE);

/**
 * One official document Balises follows, as listed in data/sources.json (see docs/documents.md « Official sources, kept current »):
 * - `id`: the document id in the knowledge store (a slug, e.g. `enonce-principes-ia`);
 * - `title`: the official title, used for a first version;
 * - `publisher`: who publishes it (informative);
 * - `url`: the official address of the file, or null when nobody has verified it (never a guessed address);
 * - `formats`: the formats the download may have (a different one is refused);
 * - `verified`: true only when a person checked that `url` is the official address; unverified entries are skipped
 *   by `balises sync` until an admin sets the address with `/source DOC URL`.
 */
export const OfficialSource = z
  .object({
    id: z.string().max(MAX_DOC_ID_CHARS, `at most ${MAX_DOC_ID_CHARS} characters`).regex(DOC_ID_PATTERN, 'use lower-case letters, digits and dashes, e.g. enonce-principes-ia'),
    title: z.string().trim().min(1),
    publisher: z.string().trim().min(1).optional(),
    url: OfficialUrl.nullable(),
    formats: z.array(z.enum(FORMATS)).min(1),
    verified: z.boolean(),
  })
  .strict()
  .refine((s) => !s.verified || s.url !== null, { message: 'a verified source needs its url', path: ['url'] });
export type OfficialSource = z.infer<typeof OfficialSource>;

const SourcesFile = z
  .object({ sources: z.array(OfficialSource) })
  .strict()
  .superRefine(({ sources }, ctx) => {
    const seen = new Set<string>();
    sources.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `id ${s.id} is listed twice`, path: ['sources', i, 'id'] });
      seen.add(s.id);
    });
  });

/** Thrown when the sources file cannot be read or does not follow the schema; the message names the file and the field. */
export class SourcesFileError extends Error {
  constructor(
    readonly file: string,
    /** What is wrong, without the file's path: the first invalid field, or why it is not JSON. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`official sources ${file}: ${reason}`, options);
    this.name = 'SourcesFileError';
  }
}

/**
 * Reads and checks the official sources list.
 * @param file defaults to data/sources.json of the Balises folder (found from src in tests, dist/src when built)
 * @throws SourcesFileError naming the file and the first invalid field
 */
export function loadOfficialSources(file: string = findSourcesFile()): OfficialSource[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SourcesFileError(file, `cannot read it as JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const parsed = SourcesFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SourcesFileError(file, `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data.sources;
}

/** data/sources.json above this module. @throws SourcesFileError when no such file is found */
function findSourcesFile(): string {
  let dir = path.dirname(new URL(import.meta.url).pathname);
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'data', SOURCES_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new SourcesFileError(`data/${SOURCES_FILE_NAME}`, 'not found above the Balises modules');
}

/** An address an admin set for a source with `/source DOC URL` (stored in the database; it wins over the file). */
export interface SourceUrlOverride {
  docId: string;
  url: string;
  setBy: string;
  /** ISO 8601 UTC. */
  setAt: string;
}

/**
 * A source as `balises sync` follows it: the file's entry with an admin-set address applied. `url` is null when the
 * source is not followed (no verified address); `origin` says where a followed address comes from.
 */
export interface FollowedSource {
  id: string;
  title: string;
  formats: readonly SourceFormat[];
  url: string | null;
  origin: 'file' | 'admin' | null;
}

/**
 * The sources to follow: each file entry, its address replaced by an admin's when set (an admin's address counts as
 * verified: a governance admin vouched for it), then sources an admin added that the file does not list (title =
 * the id until a first version gives the real one; any format). An unverified file address is not followed.
 */
export function followedSources(fileSources: readonly OfficialSource[], overrides: readonly SourceUrlOverride[]): FollowedSource[] {
  const byId = new Map(overrides.map((o) => [o.docId, o]));
  const listed: FollowedSource[] = fileSources.map((s) => {
    const override = byId.get(s.id);
    if (override) return { id: s.id, title: s.title, formats: s.formats, url: override.url, origin: 'admin' };
    return { id: s.id, title: s.title, formats: s.formats, url: s.verified ? s.url : null, origin: s.verified ? 'file' : null };
  });
  const known = new Set(fileSources.map((s) => s.id));
  const added: FollowedSource[] = overrides
    .filter((o) => !known.has(o.docId))
    .map((o) => ({ id: o.docId, title: o.docId, formats: FORMATS, url: o.url, origin: 'admin' }));
  return [...listed, ...added];
}
