import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/knowledge/clean.js';
import { buildSectionPassages, MAX_PASSAGE_CHARS, MAX_SENTENCE_CHARS, TARGET_PASSAGE_CHARS } from '../../src/knowledge/passages.js';
import type { SectionedBlocks } from '../../src/knowledge/sections.js';
import { splitSentences } from '../../src/knowledge/sentences.js';

const block = (text: string, page: number | null = null): Block => ({ text, page });
const section = (id: string, path: string[], blocks: Block[]): SectionedBlocks => ({ section: { id, path }, blocks });

/** A fictional sentence of about 100 characters, numbered so that every sentence is distinct. */
const sentence = (n: number) => `Le nuage fictif numéro ${n} est inscrit au registre de l’Agence québécoise des nuages chaque printemps.`;
const paragraph = (from: number, count: number) => Array.from({ length: count }, (_, i) => sentence(from + i)).join(' ');

describe('buildSectionPassages', () => {
  it('never lets a passage cross a section boundary', () => {
    const passages = buildSectionPassages(
      [
        section('principe-1', ['1. Principe de la clarté'], [block('Les nuages sont décrits simplement.')]),
        section('principe-2', ['2. Principe de la sobriété'], [block('Les nuages consomment peu de vent.')]),
      ],
      'charte',
      'v1',
    );
    expect(passages.map((p) => [p.section.id, p.text])).toEqual([
      ['principe-1', 'Les nuages sont décrits simplement.'],
      ['principe-2', 'Les nuages consomment peu de vent.'],
    ]);
  });

  it('merges short paragraphs of one section into one passage', () => {
    const passages = buildSectionPassages(
      [section('intro', ['Introduction'], [block('Premier paragraphe fictif.'), block('Second paragraphe fictif.')])],
      'charte',
      'v1',
    );
    expect(passages.map((p) => p.text)).toEqual(['Premier paragraphe fictif. Second paragraphe fictif.']);
  });

  it('joins a list item ending on no punctuation to the next piece so that each stays a sentence, closed paragraphs with a space', () => {
    const item = (text: string): Block => ({ text, page: null, listItem: true });
    const passages = buildSectionPassages(
      [section('usages', ['Usages'], [block('Exemples fictifs :'), item('Relevé des cumulus'), item('Aide à la réflexion (remue-méninges)'), block('Fin de la liste fictive.'), block('Autre paragraphe.')])],
      'charte',
      'v1',
    );
    expect(passages).toHaveLength(1);
    expect(splitSentences(passages[0]!.text)).toEqual(['Exemples fictifs : Relevé des cumulus', 'Aide à la réflexion (remue-méninges)', 'Fin de la liste fictive.', 'Autre paragraphe.']);
    expect(passages[0]!.text.replace(/\s+/g, ' ')).toBe('Exemples fictifs : Relevé des cumulus Aide à la réflexion (remue-méninges) Fin de la liste fictive. Autre paragraphe.');
  });

  it('keeps a paragraph of a web page or DOCX ending on no punctuation a sentence of its own, a PDF page break not', () => {
    const passages = buildSectionPassages(
      [
        section('faq', ['Questions fréquentes'], [block('Les frais fictifs sont payés par l’organisme.'), block('Dernière mise à jour : 14 mars 2031'), block('Haut de page')]),
        section('pdf', ['Registre'], [block('Les nuages fictifs sont comptés par la', 3), block('Direction des nuages chaque matin.', 4)]),
      ],
      'guide',
      'v1',
    );
    expect(passages.map((p) => splitSentences(p.text))).toEqual([
      ['Les frais fictifs sont payés par l’organisme.', 'Dernière mise à jour : 14 mars 2031', 'Haut de page'],
      ['Les nuages fictifs sont comptés par la Direction des nuages chaque matin.'],
    ]);
  });

  it('keeps one sentence that a DOCX or web page breaks over two paragraphs, the second going on in lower case', () => {
    const passages = buildSectionPassages(
      [section('portee', ['Portée'], [block('Les organismes publics fictifs doivent'), block('protéger les renseignements des nuages.'), block('Dernière mise à jour : 14 mars 2031'), block('Le texte suit.')])],
      'guide',
      'v1',
    );
    expect(passages.map((p) => splitSentences(p.text))).toEqual([
      ['Les organismes publics fictifs doivent protéger les renseignements des nuages.', 'Dernière mise à jour : 14 mars 2031', 'Le texte suit.'],
    ]);
  });

  it('starts a new passage when merging would pass the target length', () => {
    const sentences = Math.max(1, Math.floor(TARGET_PASSAGE_CHARS / (sentence(100).length + 1)));
    const first = paragraph(1, sentences);
    const second = paragraph(100, sentences);
    expect(first.length).toBeLessThanOrEqual(TARGET_PASSAGE_CHARS);
    const passages = buildSectionPassages([section('intro', ['Introduction'], [block(first), block(second)])], 'charte', 'v1');
    expect(passages.map((p) => p.text)).toEqual([first, second]);
  });

  it('keeps a paragraph ending with a colon with the one it announces, past the target length', () => {
    const intro = ' Le comité fictif veut ceci :';
    const count = Math.floor((TARGET_PASSAGE_CHARS - intro.length) / (sentence(100).length + 1));
    const announcing = `${paragraph(100, count)}${intro}`;
    const announced = 'Offrir un abri à chaque nuage fictif du registre pendant la saison des pluies, et tenir la liste à jour.';
    const after = paragraph(200, count);
    expect(announcing.length).toBeLessThanOrEqual(TARGET_PASSAGE_CHARS);
    expect(announcing.length + 1 + announced.length).toBeGreaterThan(TARGET_PASSAGE_CHARS);
    const passages = buildSectionPassages([section('intro', ['Introduction'], [block(announcing), block(announced), block(after)])], 'charte', 'v1');
    expect(passages.map((p) => p.text)).toEqual([`${announcing} ${announced}`, after]);
  });

  it('splits a paragraph longer than the maximum between sentences, never inside one', () => {
    const long = paragraph(1, 30);
    expect(long.length).toBeGreaterThan(MAX_PASSAGE_CHARS);
    const passages = buildSectionPassages([section('intro', ['Introduction'], [block(long)])], 'charte', 'v1');
    expect(passages.length).toBeGreaterThan(1);
    const whole = new Set(splitSentences(long));
    for (const p of passages) {
      expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
      for (const s of splitSentences(p.text)) expect(whole.has(s)).toBe(true);
    }
    expect(passages.map((p) => p.text).join(' ')).toBe(long);
  });

  it('keeps a table row longer than the maximum whole, with the headers that open it', () => {
    const row: Block = { text: `Cumulus fictif ; Description : ${paragraph(1, 14)}`, page: null, tableRow: true };
    expect(row.text.length).toBeGreaterThan(MAX_PASSAGE_CHARS);
    expect(row.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    const next: Block = { text: 'Stratus fictif ; Description : Un nuage bas.', page: null, tableRow: true };
    const passages = buildSectionPassages([section('exemples', ['Exemples'], [row, next])], 'charte', 'v1');
    expect(passages.map((p) => p.text)).toEqual([row.text, next.text]);
  });

  it('keeps the text that presents a table with its first row, past the target length', () => {
    const count = Math.floor((TARGET_PASSAGE_CHARS - 60) / (sentence(100).length + 1));
    const intro = `${paragraph(1, count)} Le tableau fictif qui suit donne les relevés.`;
    const first: Block = { text: 'Lundi ; Nuages : 12 ; Vent : faible ; Remarque : un relevé fictif pris au lever du jour.', page: null, tableRow: true };
    const second: Block = { text: `Mardi ; Nuages : 9 ; Note : ${paragraph(50, 3)}`, page: null, tableRow: true };
    expect(intro.length).toBeLessThanOrEqual(TARGET_PASSAGE_CHARS);
    expect(intro.length + 1 + first.text.length).toBeGreaterThan(TARGET_PASSAGE_CHARS);
    expect(intro.length + 1 + first.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
    const passages = buildSectionPassages([section('releves', ['Relevés'], [block(intro), first, second])], 'charte', 'v1');
    expect(passages.map((p) => p.text)).toEqual([`${intro} ${first.text}`, second.text]);
  });

  it('keeps a single sentence longer than the maximum whole', () => {
    const huge = `Le nuage fictif ${'très '.repeat(300)}léger est inscrit.`;
    const passages = buildSectionPassages([section('intro', ['Introduction'], [block(huge)])], 'charte', 'v1');
    expect(passages.map((p) => p.text)).toEqual([huge]);
  });

  it('gives deterministic ids from document, version, section and ordinal', () => {
    const sections = [
      section('principe-1', ['1. Principe de la clarté'], [block('Texte fictif un.')]),
      section('principe-1/illustration', ['1. Principe de la clarté', 'Illustration'], [block('Texte fictif deux.')]),
    ];
    const first = buildSectionPassages(sections, 'charte', 'v1');
    expect(first.map((p) => [p.id, p.ordinal])).toEqual([
      ['charte@v1#principe-1:0', 0],
      ['charte@v1#principe-1/illustration:1', 1],
    ]);
    expect(buildSectionPassages(sections, 'charte', 'v1')).toEqual(first);
  });

  it('gives each passage the range of pages its paragraphs come from', () => {
    const passages = buildSectionPassages(
      [
        section('intro', ['Introduction'], [block('Début fictif.', 301), block('Suite fictive.', 302)]),
        section('annexe', ['Annexe'], [block('Annexe sans page connue.', null)]),
      ],
      'charte',
      'v1',
    );
    expect(passages.map((p) => p.pages)).toEqual([{ from: 301, to: 302 }, null]);
  });

  it('keeps a passage repeated in the document once, at its first place, numbering the passages kept', () => {
    const notice = 'Consultez le registre fictif des nuages.';
    const passages = buildSectionPassages(
      [
        section('a', ['A'], [block(notice)]),
        section('b', ['B'], [block('Les nuages fictifs sont comptés.')]),
        section('c', ['C'], [block(`${notice}  `.replace(' ', '  '))]),
      ],
      'doc',
      'v1',
    );
    expect(passages.map((p) => [p.id, p.text])).toEqual([
      ['doc@v1#a:0', notice],
      ['doc@v1#b:1', 'Les nuages fictifs sont comptés.'],
    ]);
  });

  it('makes no passage for a section without text', () => {
    expect(buildSectionPassages([section('vide', ['Vide'], [])], 'charte', 'v1')).toEqual([]);
  });

  it('cuts a run of text without sentence ends between words, below MAX_SENTENCE_CHARS', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `nuage${i}`).join(' ');
    const passages = buildSectionPassages([section('registre', ['Registre'], [block(words)])], 'charte', 'v1');
    expect(passages.length).toBeGreaterThan(1);
    for (const p of passages) expect(p.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(passages.map((p) => p.text).join(' ')).toBe(words);
  });
});
