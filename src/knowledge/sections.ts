import { isAdmonitionLabel } from './admonitions.js';
import { SectionOutline, type OpenHeading, type SectionedBlocks } from './section-outline.js';
import { ARTICLE_START } from './articles.js';
import { splitSentences } from './sentences.js';
import { slug } from './slug.js';
import { statuteStructure, type StatuteBlock } from './statute.js';
import type { Block } from './clean.js';

export type { SectionedBlocks } from './section-outline.js';

/** `1 Principe de la sécurité L’utilisation…`: a number, a title whose words after the first are lower-case, then the
 *  body starting with a capital. Title length is bounded so that a sentence is not mistaken for a heading. */
const NUMBERED = /^(\d{1,2})\s+(\p{Lu}[\p{L}’'-]*(?:\s+[\p{Ll}][\p{L}’'-]*,?){0,14})\s+(?=\p{Lu})/u;
const UNNUMBERED = /^(\p{Lu}[\p{L}’'-]*(?:\s+[\p{Ll}][\p{L}’'-]*,?){0,14})\s+(?=\p{Lu})/u;
/** `INTRODUCTION Les organismes…`: a heading in capitals glued to the paragraph that follows it. */
const GLUED_CAPS = /^((?:[\p{Lu}’'-]{2,}\s+){0,6}[\p{Lu}’'-]{4,})\s+(?=\p{Lu}\p{Ll})/u;
/** A capitals heading glued to fewer words than this is a term in a table or a list (`SIGTERM Stop`), not a heading. */
const MIN_GLUED_BODY_WORDS = 5;
/** `Proportionnalité : les moyens…`: a labelled list item (a short label, a colon, the text). */
const LABELLED_ITEM = /^(\p{Lu}[^:;.]{1,60}?)\s:\s/u;
/** The label of a labelled list item; none when the colon falls inside brackets (`Synthèse (ex : …)`). */
function labelOf(text: string): string | undefined {
  const label = LABELLED_ITEM.exec(text)?.[1];
  return label && label.split('(').length === label.split(')').length ? label : undefined;
}
/** `Dans le présent énoncé, on entend par : …`: the definitions clause of French legal drafting. */
const DEFINITION = /^(?:Dans (?:le présent|la présente|les présentes)|Pour l['’]application d[eu](?: la| l['’])?\s?(?:présent|présente))[^.:]{0,60}?,?\s+(?:on entend par|l['’]expression|les expressions)\b/iu;
const DEFINITION_TITLE = 'Définitions';
/** Gazette-style instrument designations (`Arrêté numéro 2024-02`, `Décret 1234-2024`): where an official text starts. */
const INSTRUMENT = /(?:\b[\p{Lu}]\.[\p{Lu}]\.,\s*\d{4}\s+)?\b(?:Arrêté|Décret|Règlement|Loi)\s+(?:numéro\s+|no\s+|n°\s*)?\d[\d-]*\d/gu;
const TITLE_MATCH_WINDOW_CHARS = 800;
const TITLE_MATCH_RATIO = 0.7;

/** A word of letters and digits, as capitals spellings are read and restored (`EFVP`, `ChatGPT`, `II`). */
const WORD = /[\p{L}\p{N}]+/gu;
/** The Roman numeral (up to CCCXCIX) after a division word: `ANNEXE II`, `CHAPITRE IV`; not `TITRE IL…`. */
const DIVISION_NUMERAL = /(?<=\b(?:annexe|appendice|chapitre|partie|section|titre|livre|tome|volume)\s+)(?=[ivxlc])c{0,3}(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})\b/giu;
/** The letter of a division named by one (`ANNEXE A`, `SECTION B –`), alone or before a label's punctuation. */
const DIVISION_LETTER = /(?<=\b(?:annexe|appendice|partie|section)\s+)\p{L}(?=\s*$|\s*[.:)\-–—])/giu;
/** A heading's own label, a Roman numeral (up to CCCXCIX) or a letter, before its punctuation: `II.`, `IV –`, `B)`. */
const LEADING_LABEL = /^(?:(?=[ivxlc])c{0,3}(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})|\p{L})(?=[.)]|\s+[-–—:])/u;

/**
 * A heading in lower case set in sentence case: its label in capitals (« ii. » → « II. », « b) » → « B) ») and its
 * first letter after the label, a number or punctuation capitalised (« 1. introduction » → « 1. Introduction »,
 * « « guide » » → « « Guide » »), where capitalising the first character left « 1. introduction », « Ii. principes ».
 */
function sentenceCase(lower: string): string {
  const label = LEADING_LABEL.exec(lower)?.[0] ?? '';
  return label.toUpperCase() + lower.slice(label.length).replace(/\p{L}/u, (letter) => letter.toUpperCase());
}

/** True for a token written in capitals (two letters or more, all upper case): `EFVP`, `L’IA`, `LOI`. */
function inCapitals(token: string | undefined): boolean {
  const letters = (token ?? '').replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/**
 * How the document's prose spells the words it writes with capitals, keyed by their lower case: those holding two
 * capitals or more (acronyms and names: `EFVP`, `IAG`, `ChatGPT`), and proper nouns, capitalised within a sentence
 * and never written in lower case (`Québec`, `Commission`). Read from paragraphs only (not headings), and only where
 * the case is the word's own: not a heading in capitals glued to its paragraph (see GLUED_CAPS), nor a run of words
 * in capitals (a title page's « LOI FICTIVE SUR LES NUAGES », a warning set in capitals), where every word is upper
 * case, nor a word opening a sentence or a quotation.
 */
function capitalsSpellings(blocks: readonly Block[]): Map<string, string> {
  const spellings = new Map<string, string>();
  const properNouns = new Map<string, string>();
  const lowerCase = new Set<string>();
  for (const block of blocks) {
    if (block.headingLevel !== undefined) continue;
    const tokens = block.text.replace(GLUED_CAPS, '').split(/\s+/);
    tokens.forEach((token, i) => {
      if (inCapitals(token) && (inCapitals(tokens[i - 1]) || inCapitals(tokens[i + 1]))) return;
      // Within a sentence: after an apostrophe in its token (« l’Énoncé »), or after a word that ends no sentence.
      const afterWord = i > 0 && /[\p{Ll},]$/u.test(tokens[i - 1]!) && !inCapitals(tokens[i - 1]);
      (token.match(WORD) ?? []).forEach((word, w) => {
        const key = word.toLowerCase();
        if (word === key) lowerCase.add(key);
        else if ((word.match(/\p{Lu}/gu)?.length ?? 0) >= 2) spellings.set(key, spellings.get(key) ?? word);
        else if ((w > 0 || afterWord) && word === word.charAt(0) + key.slice(1)) properNouns.set(key, properNouns.get(key) ?? word);
      });
    });
  }
  for (const [key, word] of properNouns) if (!lowerCase.has(key) && !spellings.has(key)) spellings.set(key, word);
  return spellings;
}

/**
 * Lower-cases an all-capitals heading to sentence case, but for its words the prose spells with capitals (see
 * capitalsSpellings: « EFVP » stays so, « CHATGPT » reads « ChatGPT », « GOUVERNEMENT DU QUÉBEC » « Gouvernement du
 * Québec »), the Roman numeral or letter after a division word (« ANNEXE II » → « Annexe II », « ANNEXE A » →
 * « Annexe A ») and the heading's own label (« II. PRINCIPES » → « II. Principes », « 1. INTRODUCTION » → « 1.
 * Introduction », see sentenceCase): lower-cased, a citation named « Efvp », « Annexe ii » or « Ii. principes ».
 * Other headings are returned as printed.
 */
function headingCase(text: string, spellings: ReadonlyMap<string, string>): string {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (!letters || letters !== letters.toUpperCase()) return text;
  return sentenceCase(text.toLowerCase())
    .replace(DIVISION_NUMERAL, (numeral) => numeral.toUpperCase())
    .replace(DIVISION_LETTER, (letter) => letter.toUpperCase())
    .replace(WORD, (word) => spellings.get(word.toLowerCase()) ?? word);
}

function wordCount(text: string): number {
  return text.split(' ').filter(Boolean).length;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function titleWords(title: string): string[] {
  return fold(title)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 4);
}

/** True when most of the title's words (≥ 4 letters) occur in `text`. */
function mentionsTitle(text: string, title: string): boolean {
  const wanted = titleWords(title);
  if (wanted.length === 0) return false;
  const present = new Set(fold(text).split(/[^a-z0-9]+/));
  return wanted.filter((w) => present.has(w)).length / wanted.length >= TITLE_MATCH_RATIO;
}

/** A heading opening with a multi-level section number (`2.1 Portée`, `A.3. Exemples`): group 1, the number's first
 *  part (the chapter or annex it belongs to). */
const SUBDIVISION_NUMBER = /^(\d{1,3}|[A-Z])(?:\.\d{1,3})+\.?\s+\p{Lu}/u;
/** A division's heading with its label and number (`Chapitre 2 — Nuages`, `CHAPTER 2`, `Annexe A`): group 1, the
 *  number. */
const LABELLED_DIVISION = /^(?:chapitre|chapter|partie|part|annexe|appendix|annex)\s+(\d{1,3}|[A-Z])(?![\p{L}\p{N}])/iu;

/** Joins consecutive heading blocks of one page (a heading an extraction broke over several lines) into one; a
 *  heading ending with a question mark or a full stop is complete (a FAQ question left without an answer), and a
 *  heading opening with a multi-level section number starts a heading of its own: a chapter's title and its first
 *  section, set alike one under the other (`CHAPITRE 2`, `Nuages`, `2.1 Portée`), were one section title. */
function mergeHeadingRuns(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    const complete = prev !== undefined && (/[?!.]$/.test(prev.text) || SUBDIVISION_NUMBER.test(b.text));
    if (prev && !complete && b.headingLevel !== undefined && prev.headingLevel === b.headingLevel && prev.page === b.page) {
      out[out.length - 1] = { ...prev, text: `${prev.text} ${b.text}` };
    } else out.push(b);
  }
  return out;
}

/** Share of a heading's words that may be stray single letters (`E N SECTION IV E`: a vertical watermark's letters
 *  interleaved by an extraction) for it to be taken as a title. */
const MAX_STRAY_LETTER_SHARE = 0.25;
/** French one-letter words, which are not stray letters. */
const ONE_LETTER_WORDS = /^[aày]$/iu;
/** Shortest run of capitalised words taken as a title set in capitals on a title page. */
const MIN_CAPITALISED_TITLE_WORDS = 4;

/** True when a section title reads as one: not debris (see isDebris), and not a sentence or a clause cut off
 *  (ending with `.`, `,` or `;`: an article's text a dirty extraction marked as a heading, « 24. (Remplacé). »),
 *  unless it is a subdivision's title ending with a full stop (see isSubdivisionTitle).
 *  What a list of sections shown to people keeps. */
export function readsAsHeading(text: string): boolean {
  return !isDebris(text) && (!/[.,;]$/.test(text.trim()) || (text.trim().endsWith('.') && isSubdivisionTitle(text)));
}

/** True when a heading is debris of an extraction: no letters (`. ; ,`), or stray single letters, two or more and
 *  over MAX_STRAY_LETTER_SHARE of its words (`O n section vi n`). One letter alone stays a heading (`Annexe B`, a
 *  glossary's `C`). */
function isDebris(text: string): boolean {
  const wordsWithLetters = text.split(' ').filter((w) => /\p{L}/u.test(w));
  const stray = wordsWithLetters.filter((w) => /^\p{L}$/u.test(w) && !ONE_LETTER_WORDS.test(w)).length;
  return wordsWithLetters.length === 0 || (stray >= 2 && stray / wordsWithLetters.length > MAX_STRAY_LETTER_SHARE);
}

/** True when a heading names nothing: no word of two letters or more (`.`, `, .`, `§ 2. — 37 T`, a watermark's `E`
 *  or `T E`), or stray letters (see isDebris). */
function isDebrisHeading(text: string): boolean {
  return !/\p{L}{2}/u.test(text) || isDebris(text);
}

/** Blocks made only of lone capitals (`E`, `T E`, `O N`) from which a document is taken to carry a vertical
 *  watermark whose letters an extraction interleaved with its text. */
const MIN_WATERMARK_BLOCKS = 3;
const LONE_CAPITALS = /^\p{Lu}(?: \p{Lu})*$/u;

/** True when MIN_WATERMARK_BLOCKS blocks or more are only lone capitals: letters of a vertical watermark. */
function hasWatermarkLetters(blocks: Block[]): boolean {
  return blocks.filter((b) => LONE_CAPITALS.test(b.text)).length >= MIN_WATERMARK_BLOCKS;
}

/** A heading without the lone capitals a watermark interleaved (`SECTION IV E` → `SECTION IV`); a letter after a
 *  word that numbers parts (`Annexe B`) and French one-letter words (`À`) stay. */
function withoutWatermarkLetters(text: string): string {
  const words = text.split(' ');
  return words
    .filter((w, i) => !/^\p{Lu}$/u.test(w) || ONE_LETTER_WORDS.test(w) || /^(?:annexe|appendix|annex|partie|part|section|chapitre|chapter|titre|title|schedule)$/iu.test(words[i - 1] ?? ''))
    .join(' ');
}

/** Drops headings that are debris (see isDebrisHeading), before heading runs are merged so that none is glued to a
 *  real heading (`,` then `SECTION IV`); their text stays with the nearest real heading. When the document carries a
 *  watermark's letters (see hasWatermarkLetters), they are taken out of the other headings first (`SECTION IV E` →
 *  `SECTION IV`). A heading that is an article's number (`8.`) stays: statuteStructure reads it. */
function dropDebrisHeadings(blocks: Block[]): Block[] {
  const watermarked = hasWatermarkLetters(blocks);
  return blocks
    .map((b) => (b.headingLevel !== undefined && watermarked ? { ...b, text: withoutWatermarkLetters(b.text) } : b))
    .filter((b) => b.headingLevel === undefined || !isDebrisHeading(b.text) || ARTICLE_START.test(b.text));
}

/** A heading that numbers a part of the document: `1.5 Titre`, `2. Titre`, `A.2 Titre`, `Chapitre 3 — Titre`, `Annexe B`. */
const PART_HEADING = /^(?:\d{1,2}(?:\.\d{1,2})*\.?\s|[A-Z](?:\.\d{1,2})+\.?\s|(?:chapitre|chapter|partie|part|section|annexe|appendix|article)\s+(?:[\dIVXLC]{1,6}|[A-Z])\b)/iu;

/** True when a heading can be a title: a few letters, not a sentence, not debris. */
function looksLikeTitle(text: string): boolean {
  return text.replace(/[^\p{L}]/gu, '').length >= 3 && !/[.;]$/.test(text) && !isDebris(text);
}

/**
 * The longest run of MIN_CAPITALISED_TITLE_WORDS words or more in capitals (two letters or more each) in the text
 * before the first heading: a title page that sets the title in capitals (`LOI FICTIVE SUR LES NUAGES`) when the
 * extraction marked no heading for it. Null when there is none.
 */
function capitalisedTitle(blocks: Block[]): string | null {
  let best: string[] = [];
  for (const b of blocks) {
    if (b.headingLevel !== undefined) break;
    let run: string[] = [];
    for (const w of [...b.text.split(' '), '']) {
      const letters = w.replace(/[^\p{L}]/gu, '');
      if (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
        run.push(w);
        continue;
      }
      if (run.length > best.length) best = run;
      run = [];
    }
  }
  return best.length >= MIN_CAPITALISED_TITLE_WORDS ? best.join(' ') : null;
}

/**
 * The document title: the only heading of the highest level, if it has three words or more (`# Title` over `##`
 * sections), else the first heading of five words or more, else the first heading, numbered or labelled divisions
 * (`1.5 Mesures`, `Chapitre 1 — Contexte`, `Annexe A`) passed over; cut to its longest prefix of
 * three words or more that the body quotes (a title page often runs the title and the publisher together: the body
 * names the document by its title alone). Headings that cannot be titles (sentences, runs of stray letters) are
 * passed over. When the first heading is such debris, a run of capitalised words before the first heading of
 * `uncleaned` (the blocks before furniture was removed: a title page's text often sits in its table of contents)
 * is the title.
 */
export function detectTitle(blocks: Block[], uncleaned: Block[] = blocks): string | null {
  const merged = mergeHeadingRuns(blocks);
  const headings = merged.filter((b) => b.headingLevel !== undefined);
  const topLevel = headings.reduce((top, h) => Math.min(top, h.headingLevel!), Infinity);
  const top = headings.filter((h) => h.headingLevel === topLevel);
  // A single heading above all others (a Markdown `#`, an HTML h1) of a few words is the title; a lone word
  // there is more likely a label (`Sommaire`). Two words are enough when it opens the document (« # Charte
  // fictive » over its sections): passed over, the first heading of five words was taken for the title, and its
  // section's text was cited under « Préambule ».
  const words = top.length === 1 ? top[0]!.text.split(' ').length : 0;
  const unique = headings.length > 1 && (words >= 3 || (words === 2 && headings[0] === top[0])) ? top[0] : undefined;
  const titles = headings.filter((h) => looksLikeTitle(h.text));
  // A numbered or labelled division (`1.5 Mesures de base`, `Chapitre 1 — Contexte`) is a part of the document, never
  // its title: a plain-text manual whose headings all number parts was titled after its first chapter, and its
  // file's name is the better title.
  const whole = titles.filter((h) => !PART_HEADING.test(h.text));
  const byLength = whole.find((h) => h.text.split(' ').length >= 5) ?? whole[0];
  // When the first heading is debris, the extraction lost the title page's structure: its text is a better witness.
  const debris = headings.length > 0 && titles[0] !== headings[0];
  const capitalised = debris && !unique ? capitalisedTitle(uncleaned) : null;
  const spellings = capitalsSpellings(merged);
  if (capitalised) return headingCase(capitalised, spellings);
  const chosen = (unique && looksLikeTitle(unique.text) ? unique : undefined) ?? byLength;
  if (!chosen) return null;
  const body = ` ${merged
    .filter((b) => b.headingLevel === undefined)
    .map((b) => fold(b.text).replace(/[^a-z0-9]+/g, ' '))
    .join(' ')} `;
  const titleWords = chosen.text.split(' ');
  for (let n = titleWords.length; n >= 3; n--) {
    const prefix = titleWords.slice(0, n).join(' ');
    if (body.includes(` ${fold(prefix).replace(/[^a-z0-9]+/g, ' ').trim()} `)) return headingCase(prefix, spellings);
  }
  return headingCase(chosen.text, spellings);
}

/**
 * Drops text that precedes the document proper on a shared first page (e.g. another instrument printed on the same
 * Gazette page). The document starts at the first instrument designation followed, within 800 characters, by a
 * mention of the document's title. When there is none, nothing is dropped.
 * @returns the blocks from the start of the document, and the designation found (used to name the preamble)
 */
export function dropForeignFrontMatter(blocks: Block[], title: string): { blocks: Block[]; instrument: string | null } {
  const titleIndex = blocks.findIndex((b) => b.headingLevel !== undefined && mentionsTitle(b.text, title));
  const limit = titleIndex < 0 ? blocks.length : titleIndex;
  for (let i = 0; i < limit; i++) {
    const text = blocks[i]!.text;
    for (const m of text.matchAll(INSTRUMENT)) {
      let window = text.slice(m.index);
      for (let j = i + 1; j < limit && window.length < TITLE_MATCH_WINDOW_CHARS; j++) window += ` ${blocks[j]!.text}`;
      if (!mentionsTitle(window.slice(0, TITLE_MATCH_WINDOW_CHARS), title)) continue;
      const designation = /(?:Arrêté|Décret|Règlement|Loi)(?=\s).*$/u.exec(m[0])?.[0] ?? m[0];
      const first: Block = { ...blocks[i]!, text: text.slice(m.index) };
      delete first.headingLevel;
      return { blocks: [first, ...blocks.slice(i + 1)], instrument: designation };
    }
  }
  return { blocks, instrument: null };
}

interface Heading {
  title: string;
  number: number | null;
  key: string | null;
  body: string;
}

function numberedHeading(text: string): Heading | null {
  const m = NUMBERED.exec(text);
  if (!m) return null;
  const title = m[2]!.replace(/,$/, '');
  const body = text.slice(m[0].length);
  if (!body || splitSentences(title).length > 1) return null;
  return { title, number: Number(m[1]), key: title.split(' ')[0]!, body };
}

/** Longest heading, in words; a longer "heading" is a paragraph an extraction marked up. */
const MAX_HEADING_WORDS = 24;
/** A heading ending like a sentence and longer than this is a paragraph too. */
const MAX_SENTENCE_HEADING_WORDS = 8;

/** Undoes heading markup on admonition labels (`Note`, `Avertissement`): the caption of a box, not a section. Done
 *  before heading runs are merged, so a label is never glued to the heading that follows it. */
function demoteAdmonitionLabels(blocks: Block[]): Block[] {
  return blocks.map((b) => {
    if (b.headingLevel === undefined || !isAdmonitionLabel(b.text)) return b;
    const body: Block = { ...b };
    delete body.headingLevel;
    return body;
  });
}

/** Longest numbered question kept as a heading, in words: a FAQ's entry may ask two questions, or add a remark (`2.5
 *  Pourquoi le registre fictif … ? Je pensais qu'il était privé !`). */
const MAX_QUESTION_HEADING_WORDS = 48;

/** True for a heading numbered as a subdivision (`6.3.8. Installation …`, see SUBDIVISION_NUMBER) whose words after
 *  the number make one sentence: a manual's title, even ending with a full stop (`… ou d'un disque Blu-ray.`). */
function isSubdivisionTitle(text: string): boolean {
  const number = /^\S+\s+/u.exec(text)?.[0] ?? '';
  return SUBDIVISION_NUMBER.test(text) && splitSentences(text.slice(number.length)).length === 1;
}

/** Undoes heading markup on blocks that read as prose: too long, or a sentence of more than a few words. A question
 *  is a heading (a FAQ's entries are questions), up to MAX_HEADING_WORDS, or MAX_QUESTION_HEADING_WORDS when it is
 *  numbered as a part of the document (`3.1.12 Que deviendra le nuage fictif … ?`): a paragraph marked up by mistake is
 *  neither numbered so nor a question. So is one sentence numbered as a subdivision (see isSubdivisionTitle), up to
 *  MAX_HEADING_WORDS. */
function demoteProseHeadings(blocks: Block[]): Block[] {
  return blocks.map((b) => {
    if (b.headingLevel === undefined) return b;
    const count = b.text.split(' ').length;
    if (count <= MAX_QUESTION_HEADING_WORDS && PART_HEADING.test(b.text) && b.text.includes('?')) return b;
    if (count <= MAX_HEADING_WORDS && isSubdivisionTitle(b.text)) return b;
    if (count <= MAX_HEADING_WORDS && !(count > MAX_SENTENCE_HEADING_WORDS && /[.;:!]$/.test(b.text))) return b;
    const prose: Block = { ...b };
    delete prose.headingLevel;
    return prose;
  });
}

/**
 * Splits cleaned blocks into the document's own sections.
 * - Numbered headings glued to their paragraph (`3 Principe de … Des mesures…`) become top-level sections when at
 *   least two share their first word; a heading of that family whose number was lost (or replaced by a page
 *   number) gets its number back from its neighbours (`5450 Principe de la sécurité` between 3 and 5 → 4).
 * - Capitals glued to a paragraph (`INTRODUCTION Les…`, followed by MIN_GLUED_BODY_WORDS words or more) are
 *   top-level sections too, unless the format's headings come in two levels or more. Format headings nest by their
 *   level (`h2 › h3`); under a glued heading they are its subsections (`Principe 7 › Illustration`); a heading
 *   numbered in a division set at its level is its subsection (`Chapitre 2 — Nuages › 2.1 Portée`, see
 *   isUnderItsDivision).
 * - A labelled list item (`Proportionnalité : …`), unless the format's headings come in two levels or more, and a
 *   definitions clause (`Dans le présent énoncé, on entend par…`) are subsections of their own
 *   (`Introduction › Définitions`).
 * - The title heading, the headings of a title page (see titlePageHeadings) and text before the document proper are
 *   not sections (see dropForeignFrontMatter); format
 *   headings that read as prose (over MAX_HEADING_WORDS words, or a sentence, not a question, over
 *   MAX_SENTENCE_HEADING_WORDS) and
 *   admonition labels (`Note`, `AVERTISSEMENT`, see isAdmonitionLabel), as headings or in capitals before their
 *   paragraph, are body text.
 * - Headings without a word (`.`, `, .`) or made of a watermark's lone letters (`E`, `T E`) name no section (see
 *   dropDebrisHeadings): their text stays with the nearest real heading, since a heading of punctuation locates
 *   nothing for a reader; a watermark's letters are taken out of real headings (`SECTION IV E`).
 * - A statute or regulation, a document that numbers its articles in its text (`12. Un renseignement…`), is
 *   structured by its divisions and articles instead (see statuteStructure): `Section III — Caractère confidentiel…
 *   › § 1. — Détention… › Article 12`, whatever heading markup the extraction left.
 * - A section holding a colophon block (see isColophon) is left out: credits and legal deposit are not rules.
 * Section ids are deterministic slugs: `principe-4`, `principe-4/illustration`, `introduction/proportionnalite`.
 */
export function detectSections(input: Block[], title: string): SectionedBlocks[] {
  const { blocks: fromStart, instrument } = dropForeignFrontMatter(demoteProseHeadings(mergeHeadingRuns(dropDebrisHeadings(demoteAdmonitionLabels(input)))), title);

  // Only the first heading naming the document is its title; later headings that share its words are sections.
  const named = fromStart.findIndex((b) => b.headingLevel !== undefined && mentionsTitle(b.text, title));
  // Without pages (HTML, DOCX, Markdown), a heading after text of the document is one of its sections, whose text
  // would otherwise be cited under the section before it (« Préambule »), even when its words make the title.
  const paged = fromStart.some((b) => b.page !== null && b.page !== undefined);
  const afterText = !paged && fromStart.slice(0, Math.max(named, 0)).some((b) => b.headingLevel === undefined && /\p{L}/u.test(b.text));
  const titleIndex = afterText ? -1 : named;
  const titlePage = titlePageHeadings(fromStart, titleIndex);
  const numbered = fromStart.map((b) => (b.headingLevel === undefined ? numberedHeading(b.text) : null));
  const keyCounts = new Map<string, number>();
  for (const h of numbered) if (h?.key) keyCounts.set(h.key, (keyCounts.get(h.key) ?? 0) + 1);
  const families = new Set([...keyCounts].filter(([, n]) => n >= 2).map(([k]) => k));

  // Headings at two levels or more mean the format carries the structure (a typeset PDF, a Markdown guide): there,
  // a word in capitals opening a paragraph is a term (`ASCII`, `SIGTERM`), not a heading the extraction glued, and
  // a list of labelled items (`**Soyez précis** : …`) is one list of its section, not one subsection per item.
  const structuredByFormat = new Set(fromStart.flatMap((b) => (b.headingLevel === undefined ? [] : [b.headingLevel]))).size >= 2;
  const outline = new SectionOutline(instrument ?? 'Préambule', slug(instrument ?? 'preambule'));
  const spellings = capitalsSpellings(fromStart);
  const { stack } = outline;
  let lastNumber = 0;

  const statute = statuteStructure(fromStart.filter((_, i) => i !== titleIndex));
  if (statute) {
    fillStatuteSections(statute, outline);
    return withoutColophons(outline.groups);
  }

  fromStart.forEach((block, i) => {
    if (block.headingLevel !== undefined) {
      if (i === titleIndex || titlePage.has(i)) {
        outline.closeAll();
        return;
      }
      const heading = headingCase(block.text, spellings);
      // A format heading under a heading glued to its paragraph (level 0) is its subsection: extractions give
      // every heading the same level, so the glued numbering is the better guide to the structure.
      const level = stack.some((s) => s.level === 0) ? Math.max(block.headingLevel, 1) : block.headingLevel;
      outline.push(heading, isUnderItsDivision(heading, level, stack) ? level + SUBDIVISION_STEP : level, slug(heading.split(' ')[0]!));
      return;
    }

    let text = block.text;
    const found = numbered[i];
    const unnumbered = !found ? UNNUMBERED.exec(text) : null;
    const family = found?.key ?? unnumbered?.[1]!.split(' ')[0];
    if (family && families.has(family)) {
      const headingTitle = found ? found.title : unnumbered![1]!.replace(/,$/, '');
      const number = found ? found.number! : lastNumber + 1;
      lastNumber = number;
      text = found ? found.body : text.slice(unnumbered![0].length);
      // Inside a section the format opened (and no glued heading), the family is that section's own numbered rows
      // or items (a table of modes `1 Uses an external…` on page 740 of 1 280): taken for top-level sections, they
      // held every later chapter.
      const formatSection = stack.every((s) => s.level > 0) ? stack.findLast((s) => !s.glued) : undefined;
      if (!formatSection) outline.closeAll();
      outline.push(`${number}. ${headingTitle}`, formatSection ? formatSection.level + SUBDIVISION_STEP : 0, `${slug(family)}-${number}`, true);
    } else {
      const caps = GLUED_CAPS.exec(text);
      if (caps && !structuredByFormat && !isAdmonitionLabel(caps[1]!) && wordCount(text.slice(caps[0].length)) >= MIN_GLUED_BODY_WORDS) {
        const heading = headingCase(caps[1]!, spellings);
        outline.closeAll();
        outline.push(heading, 0, slug(heading.split(' ')[0]!));
        text = text.slice(caps[0].length);
      }
    }

    const label = block.listItem ? (structuredByFormat ? undefined : labelOf(text)) : DEFINITION.test(text) ? DEFINITION_TITLE : undefined;
    outline.add({ ...block, text }, label);
  });

  return withoutColophons(outline.groups);
}

/** How far below its division's level a section numbered in it is placed when both are set alike: between that
 *  level and the next, so that the format's deeper headings stay below it. */
const SUBDIVISION_STEP = 0.5;

/** A multi-level section number opening a heading, whatever follows (group 1: its first part): a manual's title may
 *  open with a command's name in lower case (`2.3 ubuntu-dev-tools : …`). */
const SUBDIVISION_PREFIX = /^(\d{1,3}|[A-Z])(?:\.\d{1,3})+\.?\s+\S/u;

/**
 * True when a heading numbered in a division (`2.1 Portée`, `2.3 nuage-compter : …`) follows that division's heading of the same level
 * (`Chapitre 2 — Nuages`, open on `stack`): a typeset manual sets a chapter's title and its sections alike, yet its
 * readers see `2.1` inside chapter 2, not beside it.
 */
function isUnderItsDivision(heading: string, level: number, stack: readonly OpenHeading[]): boolean {
  const part = SUBDIVISION_PREFIX.exec(heading)?.[1];
  if (part === undefined) return false;
  const division = stack.find((s) => s.level === level);
  return division !== undefined && LABELLED_DIVISION.exec(division.group.section.path.at(-1) ?? '')?.[1]?.toUpperCase() === part.toUpperCase();
}

/**
 * Indices of the headings of a title page: headings set on a page before the one where the text starts (a cover:
 * title, publisher, author, date in large type) whose level is above every heading of the text, or that share the
 * page of the title's heading (`titleIndex`, -1 when none), whatever their size, unless they name a division
 * (`Partie 1 — Contexte`: the first part opening under the title). Like the title, they name no
 * section: otherwise the author's or the ministry's name, set larger than the chapter headings, held the whole
 * document (`Camille Fictive › 1 Objet`), and a cover's date set smaller (`oct. 24, 2031`) held the introduction.
 * Only paged formats have a title page.
 */
function titlePageHeadings(blocks: Block[], titleIndex: number): Set<number> {
  // A cover's date in figures (`2031-03-06`) is no text: the text starts with words.
  const firstText = blocks.findIndex((b) => b.headingLevel === undefined && /\p{L}/u.test(b.text));
  const textPage = blocks[firstText]?.page;
  if (firstText < 0 || textPage === null || textPage === undefined) return new Set();
  const levels = blocks.slice(firstText).flatMap((b) => (b.headingLevel === undefined ? [] : [b.headingLevel]));
  // A loop, not Math.min(...levels): spread past ~150 000 headings overflows the call stack.
  const topOfText = levels.reduce((top, level) => Math.min(top, level), Infinity);
  const found = new Set<number>();
  const titlePage = titleIndex >= 0 && titleIndex < firstText ? blocks[titleIndex]!.page : null;
  blocks.slice(0, firstText).forEach((b, i) => {
    const onCover = b.page === titlePage && !LABELLED_DIVISION.test(b.text);
    if (b.page !== null && b.page < textPage && (b.headingLevel! < topOfText || onCover)) found.add(i);
  });
  return found;
}

/** Sections with text, those holding a colophon block (see isColophon) left out. */
function withoutColophons(sections: SectionedBlocks[]): SectionedBlocks[] {
  const colophons = new Set(sections.filter((s) => s.blocks.some((b) => isColophon(b.text))).map((s) => s.section.id));
  return sections.filter((s) => s.blocks.length > 0 && !colophons.has(s.section.id));
}

/** Puts a statute's blocks (see statuteStructure) into sections of `outline`: one per division or article, in
 *  reading order; blocks before the first division or article go to the preamble. */
function fillStatuteSections(blocks: StatuteBlock[], outline: SectionOutline): void {
  let current = outline.preamble;
  let key = '';
  for (const { block, path } of blocks) {
    const here = path.map((p) => p.id).join('/');
    if (path.length > 0 && here !== key) {
      current = outline.open(
        path.map((p) => p.title),
        here,
      );
      key = here;
    }
    current.blocks.push(block);
  }
}

/**
 * Marks of a publication's colophon (legal deposit, ISBN, copyright notice, contact lines): publishing conventions
 * of Quebec government documents, not the words of any one document.
 */
const COLOPHON_MARKS = [/\bISBN\b/, /\bISSN\b/, /Dépôt légal/i, /Tous droits réservés/i, /©/, /Bibliothèque et Archives nationales/i, /\bCourriel\s*:/i, /\bTéléphone\s*:/i];

/** A block with two colophon marks or more is a colophon: who edited and printed the document, not what it says. */
function isColophon(text: string): boolean {
  return COLOPHON_MARKS.filter((m) => m.test(text)).length >= 2;
}
