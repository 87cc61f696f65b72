import { beforeAll, describe, expect, it } from 'vitest';
import { extractBytes } from '../../src/knowledge/extract/index.js';
import { buildPassages } from '../../src/knowledge/pipeline.js';
import { compiled, ensureBuilt } from '../helpers/build.js';
import { buildPdf } from './extract/fixtures.js';

/**
 * Files proposed in Teams are read in a worker thread, which exists only in the compiled bot (dist/): these tests
 * use the compiled module, as the running bot does.
 */
type OffThread = typeof import('../../src/knowledge/off-thread.js');
type Extract = typeof import('../../src/knowledge/extract/index.js');


let offThread: OffThread;
let extract: Extract;

beforeAll(async () => {
  await ensureBuilt();
  offThread = await compiled<OffThread>('knowledge/off-thread.js');
  extract = await compiled<Extract>('knowledge/extract/index.js');
}, 120_000);

/** A fictional two-page policy with a heading on each page. */
async function fictionalPdf(): Promise<Uint8Array> {
  return buildPdf([
    [
      { text: 'Politique fictive des parapluies', y: 760, size: 18 },
      { text: 'L’Agence fictive des nuages prête des parapluies à son personnel les jours de pluie.', y: 720 },
      { text: 'Chaque parapluie prêté est inscrit au registre fictif le jour même.', y: 706 },
    ],
    [
      { text: 'Retour des parapluies', y: 760, size: 18 },
      { text: 'Un parapluie est rendu sec, dans les cinq jours qui suivent le prêt.', y: 720 },
    ],
  ]);
}

describe('reading a proposed file in a worker thread', () => {
  it('gives the passages that reading it on the bot’s own thread gives', async () => {
    const bytes = await fictionalPdf();
    const expected = buildPassages(await extractBytes(bytes, 'politique.pdf'), { docId: 'politique-fictive', versionLabel: 'v1' });
    const file = await offThread.extractOffThread(bytes, 'politique.pdf');
    try {
      expect(await file.build({ docId: 'politique-fictive', versionLabel: 'v1' })).toEqual(expected);
    } finally {
      await file.close();
    }
  });

  it('builds several versions from one reading, and none once closed', async () => {
    const file = await offThread.extractOffThread(await fictionalPdf(), 'politique.pdf');
    const [probe, named] = await Promise.all([file.build({ docId: 'document', versionLabel: 'probe' }), file.build({ docId: 'parapluies', versionLabel: '2031' })]);
    expect(probe.title).toBe(named.title);
    expect(named.passages.map((p) => p.text)).toEqual(probe.passages.map((p) => p.text));
    expect(named.passages[0]!.versionLabel).toBe('2031');
    await file.close();
    await expect(file.build({ docId: 'parapluies', versionLabel: '2032' })).rejects.toThrow(/closed/);
  });

  it('reports a file that is not a PDF with the reason reading it on the bot’s thread gives', async () => {
    const bytes = new TextEncoder().encode('ceci prétend être un PDF fictif');
    const reason = await extractBytes(bytes, 'faux.pdf').then(
      () => null,
      (error: { reason: string }) => error.reason,
    );
    const error = await offThread.extractOffThread(bytes, 'faux.pdf').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(extract.ExtractionError);
    expect(error).toMatchObject({ file: 'faux.pdf', reason });
  });

  it('keeps the problem a person can act on (an empty file)', async () => {
    await expect(offThread.extractOffThread(new Uint8Array(), 'vide.md')).rejects.toMatchObject({ problem: 'empty' });
  });

  it('fails a file that needs more memory than allowed on its own, with a reason', async () => {
    const paragraph = 'Le parapluie fictif numéro %n est prêté, inscrit au registre et rendu sec à l’Agence des nuages.\n\n';
    const text = Array.from({ length: 60_000 }, (_, n) => `## Parapluie ${n}\n\n${paragraph.replace('%n', String(n))}`).join('');
    const error = await offThread
      .extractOffThread(new TextEncoder().encode(text), 'registre.md', { maxHeapMb: 16 })
      .then(async (file) => file.build({ docId: 'registre', versionLabel: 'v1' }))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(extract.ExtractionError);
    expect(error).toMatchObject({ reason: 'the file needs more than 16 MB of memory to read' });
  });

  it('reads a file of 20 000 short sections in a heap of 128 MB, every section to its passage', async () => {
    // A table-of-contents check once kept, for every heading, the set of all headings after it: memory growing with
    // the square of the sections, so that this 700 kB file needed gigabytes.
    const text = Array.from({ length: 20_000 }, (_, n) => `# Parapluie fictif ${n}\n\nLe parapluie fictif ${n} est prêté les jours de pluie.\n\n`).join('');
    const file = await offThread.extractOffThread(new TextEncoder().encode(text), 'parapluies.md', { maxHeapMb: 128 });
    try {
      const built = await file.build({ docId: 'parapluies', versionLabel: 'v1' });
      expect(built.passages.at(-1)?.text).toBe('Le parapluie fictif 19999 est prêté les jours de pluie.');
    } finally {
      await file.close();
    }
  }, 120_000);

  it('gives each page of a 3 000-page text export its number when its footers run inside one paragraph', async () => {
    // No blank line anywhere: the whole export is one paragraph holding every footer. Reading the words around each
    // footer once split the paragraph up to it, for every footer: gigabytes, and minutes, for 3 000 pages.
    const words = ['parapluie', 'nuage', 'registre', 'préposé', 'lampion', 'guichet', 'tisserand', 'du', 'village', 'lunaire', 'est', 'prêté'];
    let seed = 7;
    const pick = (): string => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return words[(seed >>> 16) % words.length]!;
    };
    const pages = Array.from({ length: 3000 }, (_, i) => `Le ${Array.from({ length: 12 }, pick).join(' ')}.\nGuide fictif des nuages\nPage ${i + 1} de 3000`);
    const file = await offThread.extractOffThread(new TextEncoder().encode(pages.join('\n')), 'export.txt', { maxHeapMb: 128 });
    try {
      const built = await file.build({ docId: 'export', versionLabel: 'v1' });
      expect(built.passages.at(-1)?.pages).toEqual({ from: 3000, to: 3000 });
      expect(built.passages.some((p) => p.text.includes('Guide fictif'))).toBe(false);
    } finally {
      await file.close();
    }
  }, 120_000);

  it('reads a file of a single 2 MB paragraph in a heap of 96 MB, to passages cut between sentences', async () => {
    // Made-up sentences without digits, no blank line: an export that lost its paragraphs. Every six-word window kept as a string once made
    // this need more than 128 MB (and a 10 MB one a minute or more), mostly garbage.
    const words = ['parapluie', 'nuage', 'registre', 'préposé', 'lampion', 'guichet', 'tisserand', 'du', 'village', 'lunaire', 'est', 'prêté', 'au', 'selon', 'la', 'règle', 'avec', 'soin', 'et', 'le'];
    let seed = 7;
    const pick = (): string => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return words[(seed >>> 16) % words.length]!;
    };
    const sentences: string[] = [];
    for (let length = 0; length < 2 * 1024 * 1024; ) {
      const sentence = `Le ${Array.from({ length: 12 }, pick).join(' ')}.`;
      sentences.push(sentence);
      length += sentence.length + 1;
    }
    const file = await offThread.extractOffThread(new TextEncoder().encode(`# Registre fictif\n\n${sentences.join(' ')}\n`), 'registre.md', { maxHeapMb: 96 });
    try {
      const built = await file.build({ docId: 'registre', versionLabel: 'v1' });
      expect(built.passages.length).toBeGreaterThan(1000);
      expect(built.passages.every((p) => /^Le .*\.$/u.test(p.text))).toBe(true);
    } finally {
      await file.close();
    }
  });
});
