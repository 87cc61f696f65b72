import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAdmonitionLabel } from '../../src/knowledge/admonitions.js';
import { ingestPaths, type FileOutcome } from '../../src/knowledge/ingest.js';
import { openKnowledgeStore, type KnowledgeStore } from '../../src/knowledge/store.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const documents = path.join(corpus, 'documents');
const robustness = path.join(corpus, 'robustness', 'loi-p39-1-extraction-brute.md');
const present = existsSync(documents) && existsSync(robustness);
const guides = path.join(corpus, 'iag-administration');
/** Debian's French reference manual (package debian-reference-fr), about 265 pages typeset by LaTeX: where the
 *  bench and this test look for it (`apt-get download debian-reference-fr && dpkg -x …`, then copy it there). */
const longPdf = '/tmp/debian-reference.fr.pdf';
/** What Markdown, Liquid and HTML markup looks like in a passage a user would see quoted. */
const MARKUP = /\*\*|\{%|%\}|<\/?[a-z][a-z0-9]*[\s>/]|&#?\w+;|\]\(|!\[|^:::|\s:::/m;
/** A signature line: a place and a date (`Québec, le 27 juin 2024`). */
const PLACE_DATE = /^\p{Lu}[\p{L}'’-]*, le \d{1,2}(?:er)? \p{Ll}+ \d{4}/u;

/** Ingests `paths` into a fresh store in a temporary folder; `close` removes both. */
async function ingestFresh(paths: string[]): Promise<{ store: KnowledgeStore; outcomes: FileOutcome[]; close: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'balises-corpus-'));
  const store = openKnowledgeStore(path.join(dir, 'balises.db'));
  const report = await ingestPaths({ store }, paths, { ingestedBy: 'integration-test' });
  if (report.kind === 'rejected') throw new Error(report.reason);
  return {
    store,
    outcomes: report.outcomes,
    close: async () => {
      store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe.skipIf(!present)(`ingesting the real corpus${present ? '' : ` (skipped: ${corpus} not found; clone ../shared beside the repo)`}`, () => {
  let dir: string;
  let store: KnowledgeStore;
  let outcomes: FileOutcome[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-corpus-'));
    store = openKnowledgeStore(path.join(dir, 'balises.db'));
    const report = await ingestPaths({ store }, [documents, robustness], { ingestedBy: 'integration-test' });
    if (report.kind === 'rejected') throw new Error(report.reason);
    outcomes = report.outcomes;
  });
  afterAll(async () => {
    store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('ingests every governance document in the corpus folder without error', () => {
    const governance = outcomes.filter((o) => o.file.startsWith(documents));
    expect(governance.length).toBeGreaterThan(0);
    expect(governance.filter((o) => o.kind !== 'ingested')).toEqual([]);
    expect(store.documents().map((d) => d.docId)).toContain('enonce-principes-ia-2024');
  });

  it('ingests the dirty robustness extraction without error', () => {
    expect(outcomes.find((o) => o.file === robustness)).toMatchObject({ kind: 'ingested', docId: 'loi-p39-1-extraction-brute' });
  });

  it('stores non-empty passages with section paths for every ingested document', () => {
    const passages = store.publishedPassages();
    for (const doc of store.documents()) {
      const own = passages.filter((p) => p.docId === doc.docId);
      expect(own.length).toBe(doc.passageCount);
      expect(own.every((p) => p.text.trim() !== '' && p.section.path.length > 0)).toBe(true);
    }
  });

  it('never makes a signature block a passage', () => {
    const passages = store.publishedPassages();
    expect(passages.filter((p) => PLACE_DATE.test(p.text)).map((p) => p.text)).toEqual([]);
  });

  it('cites the dirty statute extraction by division and article, never by punctuation or watermark letters, with its printed pages', () => {
    const own = store.publishedPassages().filter((p) => p.docId === 'loi-p39-1-extraction-brute');
    const titles = own.flatMap((p) => p.section.path);
    // Every title holds a word; none ends with stray single letters (`Section iv e`, `O n section vi n`).
    expect(titles.filter((t) => !/\p{L}{2}/u.test(t) || /\s\p{L}$/u.test(t))).toEqual([]);
    // Nearly every passage is cited by article (the rest: a division's text before its first article, the preamble).
    expect(own.filter((p) => /^Articles? \d/.test(p.section.path.at(-1) ?? '')).length / own.length).toBeGreaterThan(0.9);
    expect(own.filter((p) => p.text.startsWith('12. ')).map((p) => p.section.path.at(-1))).toEqual(['Article 12']);
    // Pages come from the running footers (« n sur N »), in reading order, and the footers are never quoted.
    expect(own.every((p) => p.pages !== null && p.pages.from >= 1 && p.pages.from <= p.pages.to)).toBe(true);
    expect(own.every((p, i) => i === 0 || p.pages!.from >= own[i - 1]!.pages!.from)).toBe(true);
    expect(new Set(own.map((p) => p.pages!.from)).size).toBeGreaterThan(30);
    expect(own.filter((p) => /\d+ sur \d+|Éditeur officiel/.test(p.text))).toEqual([]);
  });

  it('keeps identical passages of a document once', () => {
    const passages = store.publishedPassages();
    for (const doc of store.documents()) {
      const texts = passages.filter((p) => p.docId === doc.docId).map((p) => p.text.replace(/\s+/g, ' '));
      expect(new Set(texts).size).toBe(texts.length);
    }
  });

  it('treats a second ingest of the same files as unchanged', async () => {
    const report = await ingestPaths({ store }, [documents, robustness], { ingestedBy: 'integration-test' });
    expect(report.kind === 'completed' && report.outcomes.every((o) => o.kind === 'unchanged')).toBe(true);
  });
});

describe.skipIf(!existsSync(guides))(`ingesting the GitBook guides${existsSync(guides) ? '' : ` (skipped: ${guides} not found)`}`, () => {
  let ingested: Awaited<ReturnType<typeof ingestFresh>>;
  beforeAll(async () => {
    // The folder's README describes the markup in code spans: it is about the guides, not one of them.
    ingested = await ingestFresh(readdirSync(guides).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => path.join(guides, f)));
  });
  afterAll(async () => ingested?.close());

  it('quotes text without Markdown, Liquid or HTML markup', () => {
    const passages = ingested.store.publishedPassages();
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.filter((p) => MARKUP.test(p.text)).map((p) => p.text)).toEqual([]);
  });

  it('takes sections from the guides’ headings, never from an admonition label', () => {
    const passages = ingested.store.publishedPassages();
    for (const doc of ingested.store.documents()) {
      const paths = new Set(passages.filter((p) => p.docId === doc.docId).map((p) => p.section.path.join(' › ')));
      expect(paths.size, doc.docId).toBeGreaterThanOrEqual(2);
    }
    expect(passages.flatMap((p) => p.section.path).filter(isAdmonitionLabel)).toEqual([]);
  });
});

describe.skipIf(!existsSync(longPdf))(`ingesting a long French PDF${existsSync(longPdf) ? '' : ` (skipped: ${longPdf} not found)`}`, () => {
  let ingested: Awaited<ReturnType<typeof ingestFresh>>;
  beforeAll(async () => {
    ingested = await ingestFresh([longPdf]);
  }, 120_000);
  afterAll(async () => ingested?.close());

  it('ingests it', () => {
    expect(ingested.outcomes.map((o) => o.kind)).toEqual(['ingested']);
  });

  it('finds its chapters and numbered sections, never an admonition label or a running title', () => {
    const passages = ingested.store.publishedPassages();
    const chapters = new Set(passages.map((p) => p.section.path[0]).filter((t) => t !== undefined && /^Chapitre \d+ — /.test(t)));
    expect(chapters.size).toBeGreaterThanOrEqual(10);
    const numbered = new Set(passages.flatMap((p) => p.section.path).filter((t) => /^\d+\.\d+(?:\.\d+)* \p{L}/u.test(t)));
    expect(numbered.size).toBeGreaterThanOrEqual(200);
    expect(passages.flatMap((p) => p.section.path).filter(isAdmonitionLabel)).toEqual([]);
    expect(passages.filter((p) => /Référence Debian [ivxlc\d]+(?: \/ \d+)?\b/.test(p.text)).length).toBe(0);
  });

  it('leaves its table of contents out of the passages', () => {
    expect(ingested.store.publishedPassages().filter((p) => /(?:\. ){4,}\d/.test(p.text)).map((p) => p.text.slice(0, 80))).toEqual([]);
  });
});
