import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KnowledgeStoreError,
  openKnowledgeStore,
  VersionLabelConflictError,
  type KnowledgeStore,
} from '../../src/knowledge/store.js';
import type { DocumentVersionInfo, Passage, Section } from '../../src/knowledge/types.js';

const INTRO: Section = { id: 'introduction', path: ['Introduction'] };
const RULE: Section = { id: 'regle-1', path: ['Règles', 'Règle 1 — Prudence'] };

function version(docId: string, versionLabel: string, sha: string): DocumentVersionInfo {
  return {
    docId,
    title: `Politique fictive ${docId}`,
    versionLabel,
    publishedOn: '2024-05-01',
    url: `https://exemple.invalid/${docId}`,
    sourceSha256: sha,
    ingestedAt: '2024-05-02T10:00:00.000Z',
    ingestedBy: 'equipe-gouvernance',
  };
}

function passages(info: DocumentVersionInfo, texts: string[]): Passage[] {
  return texts.map((text, ordinal) => {
    const section = ordinal === 0 ? INTRO : RULE;
    return {
      id: `${info.docId}@${info.versionLabel}#${section.id}:${ordinal}`,
      docId: info.docId,
      versionLabel: info.versionLabel,
      section,
      ordinal,
      pages: { from: ordinal + 1, to: ordinal + 2 },
      text,
    };
  });
}

function publish(store: KnowledgeStore, docId: string, label: string, sha: string, texts: string[]) {
  const info = version(docId, label, sha);
  return store.publishVersion(info, [INTRO, RULE], passages(info, texts));
}

describe('KnowledgeStore', () => {
  let dir: string;
  let file: string;
  let store: KnowledgeStore;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'balises-store-'));
    file = path.join(dir, 'nested', 'balises.db');
    store = openKnowledgeStore(file);
  });
  afterEach(async () => {
    store.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('openKnowledgeStore', () => {
    it('creates the directory, uses WAL and foreign keys, and records the schema version', () => {
      const raw = new Database(file, { readonly: true });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(1);
      raw.close();
    });

    it('reopens an existing store without losing data', () => {
      publish(store, 'politique', 'v1', 'sha-1', ['Un.', 'Deux.']);
      store.close();
      store = openKnowledgeStore(file);
      expect(store.publishedPassages()).toHaveLength(2);
    });

    it('rejects a file that is not a database', async () => {
      const bogus = path.join(dir, 'bogus.db');
      await writeFile(bogus, 'ceci n’est pas une base SQLite, mais un texte assez long pour un en-tête');
      expect(() => openKnowledgeStore(bogus)).toThrow(KnowledgeStoreError);
    });

    it('rejects a database written by a newer schema', () => {
      store.close();
      const raw = new Database(file);
      raw.pragma('user_version = 99');
      raw.close();
      expect(() => openKnowledgeStore(file)).toThrow(/schema version 99/);
      store = openKnowledgeStore(path.join(dir, 'other.db'));
    });
  });

  describe('publishVersion', () => {
    it('publishes a first version with its passages in reading order', () => {
      const stored = publish(store, 'politique', 'v1', 'sha-1', ['Premier passage.', 'Second passage.']);
      expect(stored).toMatchObject({ docId: 'politique', label: 'v1', passageCount: 2, published: true });
      expect(store.publishedPassages()).toEqual([
        {
          id: 'politique@v1#introduction:0',
          docId: 'politique',
          versionLabel: 'v1',
          section: INTRO,
          ordinal: 0,
          pages: { from: 1, to: 2 },
          text: 'Premier passage.',
          title: 'Politique fictive politique',
          publishedOn: '2024-05-01',
          url: 'https://exemple.invalid/politique',
        },
        expect.objectContaining({ id: 'politique@v1#regle-1:1', section: RULE, text: 'Second passage.' }),
      ]);
    });

    it('makes a new version the published one and keeps the old one for the record', () => {
      publish(store, 'politique', 'v1', 'sha-1', ['Ancien texte.']);
      publish(store, 'politique', 'v2', 'sha-2', ['Nouveau texte.', 'Ajout.']);
      expect(store.publishedPassages().map((p) => p.text)).toEqual(['Nouveau texte.', 'Ajout.']);
      expect(store.versions('politique').map((v) => [v.label, v.published, v.passageCount])).toEqual([
        ['v2', true, 2],
        ['v1', false, 1],
      ]);
    });

    it('rejects a label the document already has, leaving the published version untouched', () => {
      publish(store, 'politique', 'v1', 'sha-1', ['Texte.']);
      expect(() => publish(store, 'politique', 'v1', 'sha-2', ['Autre.'])).toThrow(VersionLabelConflictError);
      expect(store.versions('politique')).toHaveLength(1);
      expect(store.publishedPassages().map((p) => p.text)).toEqual(['Texte.']);
    });

    it('writes nothing when a passage fails to insert midway', () => {
      publish(store, 'politique', 'v1', 'sha-1', ['Texte v1.']);
      const info = version('politique', 'v2', 'sha-2');
      const broken = passages(info, ['A.', 'B.', 'C.']);
      // A duplicate id makes the third insert fail after two passages and the version row were written.
      broken[2] = { ...broken[2]!, id: broken[1]!.id };
      expect(() => store.publishVersion(info, [INTRO, RULE], broken)).toThrow(/UNIQUE/);
      expect(store.versions('politique').map((v) => v.label)).toEqual(['v1']);
      expect(store.publishedPassages().map((p) => p.text)).toEqual(['Texte v1.']);
      const raw = new Database(file, { readonly: true });
      expect(raw.prepare('SELECT count(*) AS n FROM passages').get()).toEqual({ n: 1 });
      raw.close();
    });

    it('rejects an empty version', () => {
      expect(() => store.publishVersion(version('politique', 'v1', 'sha'), [INTRO], [])).toThrow(/no passages/);
      expect(store.documents()).toEqual([]);
    });

    it('rejects passages of another version', () => {
      const info = version('politique', 'v1', 'sha');
      const stray = passages(version('politique', 'v0', 'sha'), ['Texte.']);
      expect(() => store.publishVersion(info, [INTRO], stray)).toThrow(/does not belong/);
    });

    it('keeps the document URL when a new version comes without one', () => {
      publish(store, 'politique', 'v1', 'sha-1', ['Texte.']);
      const info = { ...version('politique', 'v2', 'sha-2'), url: null };
      store.publishVersion(info, [INTRO], passages(info, ['Texte 2.']));
      expect(store.documents()[0]?.url).toBe('https://exemple.invalid/politique');
    });
  });

  describe('setDocumentUrl', () => {
    it('gives a published document a new official link, on its citations and in the document list', () => {
      publish(store, 'politique', 'v1', 'sha-1', ['Texte.']);
      expect(store.setDocumentUrl('politique', 'https://exemple.invalid/politique-officielle')).toBe(true);
      expect(store.documents()[0]?.url).toBe('https://exemple.invalid/politique-officielle');
      expect(store.publishedPassages().map((p) => p.url)).toEqual(['https://exemple.invalid/politique-officielle']);
    });

    it('changes nothing for a document with no published version', () => {
      expect(store.setDocumentUrl('inconnu', 'https://exemple.invalid/x')).toBe(false);
      expect(store.documents()).toEqual([]);
    });
  });

  describe('readers during a publish', () => {
    it('sees the previous version whole until the publish commits, then the new one whole', () => {
      publish(store, 'politique', 'v1', 'sha-1', ['A1.', 'B1.']);
      const reader = new Database(file, { readonly: true });
      const count = reader.prepare(`SELECT count(*) AS n FROM passages p JOIN documents d ON d.published_version_id = p.version_id`);
      const labels = reader.prepare(`SELECT DISTINCT v.label FROM passages p JOIN documents d ON d.published_version_id = p.version_id
        JOIN versions v ON v.id = p.version_id`);
      reader.exec('BEGIN');
      expect(count.get()).toEqual({ n: 2 });
      publish(store, 'politique', 'v2', 'sha-2', ['A2.', 'B2.', 'C2.']);
      // The reader's snapshot predates the commit: it still sees exactly v1.
      expect(count.get()).toEqual({ n: 2 });
      expect(labels.all()).toEqual([{ label: 'v1' }]);
      reader.exec('COMMIT');
      expect(count.get()).toEqual({ n: 3 });
      expect(labels.all()).toEqual([{ label: 'v2' }]);
      reader.close();
    });

    it('lets a second store read while the first one writes', () => {
      const other = openKnowledgeStore(file);
      publish(store, 'politique', 'v1', 'sha-1', ['A.']);
      expect(other.publishedPassages().map((p) => p.versionLabel)).toEqual(['v1']);
      other.close();
    });
  });

  describe('findVersionBySha', () => {
    it('finds a stored version of the document by source hash, published or not', () => {
      publish(store, 'politique', 'v1', 'sha-1', ['A.']);
      publish(store, 'politique', 'v2', 'sha-2', ['B.']);
      expect(store.findVersionBySha('politique', 'sha-1')).toMatchObject({ label: 'v1', published: false });
      expect(store.findVersionBySha('politique', 'sha-3')).toBeNull();
      expect(store.findVersionBySha('autre', 'sha-1')).toBeNull();
    });
  });

  describe('republish', () => {
    it('publishes a stored older version again, whole, with its title, keeping every version', () => {
      const v1 = publish(store, 'politique', 'v1', 'sha-1', ['Ancien texte.']);
      const info = { ...version('politique', 'v2', 'sha-2'), title: 'Politique fictive révisée' };
      store.publishVersion(info, [INTRO], passages(info, ['Nouveau texte.']));
      expect(store.republish(v1.id)).toMatchObject({ label: 'v1', published: true });
      expect(store.publishedPassages().map((p) => [p.versionLabel, p.text, p.title])).toEqual([['v1', 'Ancien texte.', 'Politique fictive politique']]);
      expect(store.documents()).toEqual([expect.objectContaining({ versionLabel: 'v1', title: 'Politique fictive politique', sourceSha256: 'sha-1' })]);
      expect(store.versions('politique').map((v) => [v.label, v.published])).toEqual([
        ['v2', false],
        ['v1', true],
      ]);
    });

    it('rejects an id no version has', () => {
      expect(() => store.republish(42)).toThrow(/no stored version/);
    });
  });

  describe('withdraw', () => {
    it('unpublishes a document for readers and keeps its versions for the record', () => {
      publish(store, 'politique', 'v1', 'sha-1', ['A.']);
      publish(store, 'autre', 'v1', 'sha-a', ['Autre.']);
      expect(store.withdraw('politique')).toEqual({ kind: 'withdrawn', version: expect.objectContaining({ label: 'v1', published: false }) });
      expect(store.documents().map((d) => d.docId)).toEqual(['autre']);
      expect(store.publishedPassages().map((p) => p.docId)).toEqual(['autre']);
      expect(store.versions('politique')).toEqual([expect.objectContaining({ label: 'v1', published: false })]);
      expect(store.findVersionBySha('politique', 'sha-1')).toMatchObject({ published: false });
    });

    it('tells a document already withdrawn from an unknown one', () => {
      publish(store, 'politique', 'v1', 'sha-1', ['A.']);
      store.withdraw('politique');
      expect(store.withdraw('politique')).toEqual({ kind: 'not_published', docId: 'politique' });
      expect(store.withdraw('inconnu')).toEqual({ kind: 'unknown', docId: 'inconnu' });
    });

    it('is undone by publishing a new version', () => {
      publish(store, 'politique', 'v1', 'sha-1', ['A.']);
      store.withdraw('politique');
      publish(store, 'politique', 'v2', 'sha-2', ['B.']);
      expect(store.documents().map((d) => d.versionLabel)).toEqual(['v2']);
    });
  });

  describe('documents', () => {
    it('lists published documents with their version and top-level sections', () => {
      publish(store, 'politique-b', 'v1', 'sha-b', ['B.']);
      publish(store, 'politique-a', 'v1', 'sha-a', ['A.', 'A2.']);
      expect(store.documents()).toEqual([
        {
          docId: 'politique-a',
          title: 'Politique fictive politique-a',
          url: 'https://exemple.invalid/politique-a',
          versionLabel: 'v1',
          publishedOn: '2024-05-01',
          sourceSha256: 'sha-a',
          ingestedAt: '2024-05-02T10:00:00.000Z',
          ingestedBy: 'equipe-gouvernance',
          passageCount: 2,
          sections: ['Introduction', 'Règles'],
        },
        expect.objectContaining({ docId: 'politique-b' }),
      ]);
    });

    it('is up to date after every change made through another connection (a publish, a new version, a link, a withdrawal, a republish)', () => {
      const other = openKnowledgeStore(file);
      try {
        const listed = () => store.documents().map((d) => `${d.docId}@${d.versionLabel} ${d.url} ${d.sections.join('/')}`);
        expect(listed()).toEqual([]);
        const v1 = publish(other, 'politique', 'v1', 'sha-1', ['Un.', 'Deux.']);
        expect(listed()).toEqual(['politique@v1 https://exemple.invalid/politique Introduction/Règles']);
        const info = version('politique', 'v2', 'sha-2');
        other.publishVersion(info, [INTRO], passages(info, ['Seul.']));
        expect(listed()).toEqual(['politique@v2 https://exemple.invalid/politique Introduction']);
        other.setDocumentUrl('politique', 'https://exemple.invalid/officielle');
        expect(listed()).toEqual(['politique@v2 https://exemple.invalid/officielle Introduction']);
        other.withdraw('politique');
        expect(listed()).toEqual([]);
        other.republish(v1.id);
        expect(listed()).toEqual([expect.stringMatching(/^politique@v1 .* Introduction\/Règles$/)]);
      } finally {
        other.close();
      }
    });

    it('gives the same frozen list while nothing changed, so what is derived from it can be kept', () => {
      publish(store, 'politique', 'v1', 'sha-1', ['Un.']);
      const first = store.documents();
      expect(store.documents()).toBe(first);
      expect(Object.isFrozen(first) && Object.isFrozen(first[0]) && Object.isFrozen(first[0]!.sections)).toBe(true);
    });
  });

  describe('versions', () => {
    it('returns nothing for an unknown document', () => {
      expect(store.versions('inconnu')).toEqual([]);
    });
  });

  describe('rows read back', () => {
    it('are validated: a corrupted section path is an error, not a silent bad passage', () => {
      publish(store, 'politique', 'v1', 'sha-1', ['A.']);
      const raw = new Database(file);
      raw.prepare(`UPDATE passages SET section_path = '{"pas":"un tableau"}'`).run();
      raw.close();
      expect(() => store.publishedPassages()).toThrow(/section path/);
    });
  });

  describe('ping', () => {
    it('is true while open and false once closed', () => {
      expect(store.ping()).toBe(true);
      store.close();
      expect(store.ping()).toBe(false);
    });
  });
});
