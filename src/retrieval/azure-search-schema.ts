/**
 * The Azure AI Search side of the passage index: index definition and the mapping between a
 * `PassageRecord` and the document stored in the index. Pure data; no network.
 */
import type { SearchIndex } from '@azure/search-documents';
import { z } from 'zod';
import type { PassageRecord } from '../knowledge/types.js';

/** Analyzer of the searchable fields: Microsoft's French analyzer (lemmatisation, elision, stop words). */
export const FRENCH_ANALYZER = 'fr.microsoft';
/** Name of the scoring profile that weights section headings ×2 (the local BM25F's HEADING_WEIGHT). */
export const HEADING_BOOST_PROFILE = 'heading-boost';
/** Weight of the `heading` field relative to `text` in {@link HEADING_BOOST_PROFILE}. */
export const HEADING_FIELD_WEIGHT = 2;
/** Separator between section titles in the `heading` field (the same one readers see in citations). */
export const HEADING_SEPARATOR = ' › ';
/** Fields read back on every search: everything needed to rebuild a `PassageRecord`. */
export const RETRIEVED_FIELDS = [
  'id',
  'passageId',
  'docId',
  'title',
  'versionLabel',
  'publishedOn',
  'url',
  'sectionId',
  'sectionPath',
  'pageFrom',
  'pageTo',
  'ordinal',
  'text',
] as const;
/** Fields the query runs against. */
export const SEARCH_FIELDS = ['text', 'heading'] as const;
/** The field of a passage's reference keys (numbered-references.ts: `princip§4`, `articl§12`; heading-phrases.ts:
 *  `¶usag_sensibl`), matched whole. */
export const REFERENCES_FIELD = 'references';
/** Analyzer of {@link REFERENCES_FIELD}: each key one token, as written. */
export const KEYWORD_ANALYZER = 'keyword';

/**
 * The value of the `versionKey` field: `docId@versionLabel`. Neither part contains `#` (document ids are slugs,
 * version labels forbid it), so `#` delimits the keys in a `search.in` filter.
 */
export function versionKey(docId: string, versionLabel: string): string {
  return `${docId}@${versionLabel}`;
}
/** Delimiter of version keys in `search.in` (see {@link versionKey}). */
export const VERSION_KEY_DELIMITER = '#';

/**
 * A passage as stored in the index. `id` is the passage id made key-safe (see {@link documentKey}); `passageId` is
 * the original. `pageFrom`/`pageTo` are both null when the passage has no page range.
 */
export interface PassageDocument {
  id: string;
  passageId: string;
  docId: string;
  title: string;
  versionLabel: string;
  publishedOn: string | null;
  url: string | null;
  sectionId: string;
  sectionPath: string[];
  pageFrom: number | null;
  pageTo: number | null;
  ordinal: number;
  text: string;
  heading: string;
  /** The passage's reference keys to numbered parts (numbered-references.ts `passageReferenceKeys`) and to the
   *  headings of its section path (heading-phrases.ts `passageHeadingPhraseKeys`). */
  references: string[];
  /** {@link versionKey} of the passage's version: queries are filtered on the published set of these. */
  versionKey: string;
}

/**
 * The index definition: key `id`, filterable `docId`/`versionLabel` (to delete superseded versions) and
 * `versionKey` (to search only the published versions), metadata
 * fields retrievable as stored, `text` and `heading` searchable with {@link FRENCH_ANALYZER}, `references` (keys to
 * numbered parts) searchable whole with {@link KEYWORD_ANALYZER}, and a default scoring
 * profile weighting `heading` ×{@link HEADING_FIELD_WEIGHT}. No synonym map: expansions are sent as weighted query
 * terms (see AzureSearchPassageIndex).
 */
export function passageIndexDefinition(indexName: string): SearchIndex {
  const plain = (name: string, type: 'Edm.String' | 'Edm.Int32', filterable = false) =>
    ({ name, type, searchable: false, filterable, sortable: false, facetable: false }) as const;
  return {
    name: indexName,
    fields: [
      { name: 'id', type: 'Edm.String', key: true, searchable: false, filterable: true },
      plain('passageId', 'Edm.String'),
      plain('docId', 'Edm.String', true),
      plain('title', 'Edm.String'),
      plain('versionLabel', 'Edm.String', true),
      plain('versionKey', 'Edm.String', true),
      plain('publishedOn', 'Edm.String'),
      plain('url', 'Edm.String'),
      plain('sectionId', 'Edm.String'),
      { name: 'sectionPath', type: 'Collection(Edm.String)', searchable: false, filterable: false },
      plain('pageFrom', 'Edm.Int32'),
      plain('pageTo', 'Edm.Int32'),
      plain('ordinal', 'Edm.Int32'),
      { name: 'text', type: 'Edm.String', searchable: true, analyzerName: FRENCH_ANALYZER },
      { name: 'heading', type: 'Edm.String', searchable: true, analyzerName: FRENCH_ANALYZER },
      { name: REFERENCES_FIELD, type: 'Collection(Edm.String)', searchable: true, analyzerName: KEYWORD_ANALYZER },
    ],
    scoringProfiles: [{ name: HEADING_BOOST_PROFILE, textWeights: { weights: { text: 1, heading: HEADING_FIELD_WEIGHT } } }],
    defaultScoringProfile: HEADING_BOOST_PROFILE,
  };
}

/**
 * Azure document keys allow only letters, digits, `_`, `-` and `=`; passage ids contain `@`, `#`, `:`, `/` and
 * spaces. The key is the passage id in URL-safe base64 (reversible, deterministic, collision-free).
 */
export function documentKey(passageId: string): string {
  return Buffer.from(passageId, 'utf8').toString('base64url');
}

/**
 * The document stored for a passage. Text and metadata are copied unchanged.
 * @param references the passage's reference keys (numbered-references.ts `passageReferenceKeys`, heading-phrases.ts
 *   `passageHeadingPhraseKeys`)
 */
export function toPassageDocument(p: PassageRecord, references: readonly string[] = []): PassageDocument {
  return {
    id: documentKey(p.id),
    passageId: p.id,
    docId: p.docId,
    title: p.title,
    versionLabel: p.versionLabel,
    publishedOn: p.publishedOn,
    url: p.url,
    sectionId: p.section.id,
    sectionPath: [...p.section.path],
    pageFrom: p.pages?.from ?? null,
    pageTo: p.pages?.to ?? null,
    ordinal: p.ordinal,
    text: p.text,
    heading: p.section.path.join(HEADING_SEPARATOR),
    references: [...references],
    versionKey: versionKey(p.docId, p.versionLabel),
  };
}

const StoredDocument = z.object({
  passageId: z.string(),
  docId: z.string(),
  title: z.string(),
  versionLabel: z.string(),
  publishedOn: z.string().nullable(),
  url: z.string().nullable(),
  sectionId: z.string(),
  sectionPath: z.array(z.string()),
  pageFrom: z.number().int().nullable(),
  pageTo: z.number().int().nullable(),
  ordinal: z.number().int(),
  text: z.string(),
});

/**
 * Rebuilds the `PassageRecord` from a document read back from the index.
 * @throws Error naming the document key when a field is missing or has the wrong type (an index not built by Balises)
 */
export function fromPassageDocument(doc: Record<string, unknown>): PassageRecord {
  const parsed = StoredDocument.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`index document ${String(doc.id)} is not a Balises passage: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const d = parsed.data;
  return {
    id: d.passageId,
    docId: d.docId,
    versionLabel: d.versionLabel,
    section: { id: d.sectionId, path: d.sectionPath },
    ordinal: d.ordinal,
    pages: d.pageFrom !== null && d.pageTo !== null ? { from: d.pageFrom, to: d.pageTo } : null,
    text: d.text,
    title: d.title,
    publishedOn: d.publishedOn,
    url: d.url,
  };
}
