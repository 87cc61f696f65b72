import { historyNoteSpans, type TextSpan } from '../knowledge/history-notes.js';
import { splitSentences } from '../knowledge/sentences.js';
import { isArticleSectionId } from '../knowledge/statute.js';
import { terms, type Analyser } from '../retrieval/analyse.js';
import { BoundedMemo } from '../retrieval/memo.js';
import type { RetrievedPassage } from '../retrieval/types.js';
import { dependsOnPreviousSentence } from './anaphora.js';

/** At most this many passages are quoted in one answer. */
export const MAX_QUOTED_PASSAGES = 3;
/**
 * A passage after the best one is quoted only if its score is at least this share of the best passage's score.
 * Measured on the two development question sets (70 in-scope questions, the passages ranked 2–5): below 0.4 of the
 * best score, none of 71 passages held the expected evidence; from 0.4 to 0.6, 3 of 73 (4 %); from 0.6 up, 27 of 136
 * (20 %). The cut sits where that share jumps.
 */
export const MIN_RELATIVE_PASSAGE_SCORE = 0.6;
/**
 * A query term is a key term when its importance (weight × idf, from retrieval) is at least this share of the most
 * important query term that any retrieved passage contains. A passage after the best one must contain a key term
 * in its text: one matching only frequent words (« intelligence artificielle », « organisme ») or only through its
 * heading is off-topic however it scored.
 */
export const MIN_KEY_TERM_SHARE = 0.4;
/**
 * The passage of a section enclosing a quoted one (a principle over its illustration) is quoted whole when this
 * short (in characters): the rule states its subject in its heading, so picking its sentences by query words would
 * keep its opening and drop the operative sentence. The Énoncé's principles run 100 to 500 characters.
 */
export const MAX_WHOLE_RULE_CHARS = 500;
/**
 * A statute's article (the stretch of an article's passage between its amendment-history notes) this short, in
 * characters, is quoted whole: its sentences qualify one another (a rule, then its condition, exception or the
 * form of a consent), and picking them by query words drops the qualification whenever it does not repeat the
 * question's words. The same bound as a rule quoted whole (MAX_WHOLE_RULE_CHARS): a few lines of reading.
 */
export const MAX_WHOLE_ARTICLE_CHARS = MAX_WHOLE_RULE_CHARS;
/**
 * The best passage is quoted whole when its own heading carries more of the question than any of its sentences and
 * it is this short (in characters): the question names the section (« le calendrier prévisionnel ») and the section
 * is the answer, so picking its sentences (a table's rows, a list's items) by the question's words would quote a few
 * rows at random. The bound is the median length of all the quotes of an answer on the development question sets
 * (776 characters over 83 answers, combined index, at the time of writing): a section quoted whole makes an answer
 * no longer than a typical one.
 */
export const MAX_WHOLE_SECTION_CHARS = 750;
/** At most this many sentences are chosen from one passage (sentences they depend on come with them). */
export const MAX_SENTENCES_PER_PASSAGE = 2;
/** A second sentence is quoted only if it is worth at least this share of the passage's best sentence. */
export const MIN_RELATIVE_SENTENCE_SCORE = 0.6;

/**
 * What to quote from one passage: `excerpts` in the passage's order, each a verbatim substring of the passage text:
 * a chosen sentence, preceded (when it starts mid-thought) by the sentences of the passage it depends on.
 */
export interface PassageQuote {
  passage: RetrievedPassage;
  excerpts: string[];
}

/** Analysed passages and sentences remembered per analyser (see analysedTerms). */
export const MAX_REMEMBERED_TEXTS = 5_000;

const analysedTexts = new WeakMap<Analyser, BoundedMemo<string, readonly string[]>>();

/** `terms(text, analyser)`, remembered: every answer analyses its passages and their sentences again, and the same
 *  passages come back across questions (folding and splitting them was an eighth of a turn's allocations). */
function analysedTerms(text: string, analyser: Analyser): readonly string[] {
  let memo = analysedTexts.get(analyser);
  if (!memo) {
    memo = new BoundedMemo(MAX_REMEMBERED_TEXTS);
    analysedTexts.set(analyser, memo);
  }
  return memo.get(text, (t) => terms(t, analyser));
}

/** The query terms that `text` contains. */
function matchedTerms(text: string, queryTerms: ReadonlyMap<string, number>, analyser: Analyser): Set<string> {
  return new Set(analysedTerms(text, analyser).filter((t) => queryTerms.has(t)));
}

/** Importance of a sentence: the sum of the importance of the distinct query terms it contains. */
function sentenceScore(sentence: string, queryTerms: ReadonlyMap<string, number>, analyser: Analyser): number {
  let total = 0;
  for (const t of matchedTerms(sentence, queryTerms, analyser)) total += queryTerms.get(t)!;
  return total;
}

/** True when `parent`'s section encloses `child`'s (same document version, a shorter path that starts the other). */
function enclosesSection(parent: RetrievedPassage, child: RetrievedPassage): boolean {
  const p = parent.passage;
  const c = child.passage;
  return (
    p.docId === c.docId &&
    p.versionLabel === c.versionLabel &&
    p.section.path.length < c.section.path.length &&
    p.section.path.every((part, i) => c.section.path[i] === part)
  );
}

/**
 * The passages worth quoting, best first: always the best one; after it, a passage that (1) scores at least
 * MIN_RELATIVE_PASSAGE_SCORE of the best, (2) contains a key term (MIN_KEY_TERM_SHARE) in its text and (3) contains
 * a query term that no passage kept before it contains (otherwise it repeats them); at most MAX_QUOTED_PASSAGES.
 * On the development sets (70 answered in-scope questions), (2) and (3) left out 10 of the 96 passages that (1)
 * kept without the expected evidence, and 1 of the 64 with it (a second passage adding no query term to the first,
 * which held the evidence too). A passage of the section enclosing a kept one (a principle over its illustration, a
 * rule over its example) is exempt from (2) and (3) and quoted before it: the rule and its example share their
 * words, the rule often names its subject only in its heading, and an example quoted without its rule misleads.
 */
function choosePassages(
  passages: readonly RetrievedPassage[],
  queryTerms: ReadonlyMap<string, number>,
  analyser: Analyser,
): RetrievedPassage[] {
  const [first] = passages;
  if (!first) return [];
  const matched = passages.map((p) => matchedTerms(p.passage.text, queryTerms, analyser));
  const topImportance = Math.max(0, ...matched.flatMap((m) => [...m].map((t) => queryTerms.get(t)!)));
  const isKey = (t: string) => queryTerms.get(t)! >= topImportance * MIN_KEY_TERM_SHARE;
  const kept = [first];
  const seen = new Set(matched[0]);
  for (let i = 1; i < passages.length && kept.length < MAX_QUOTED_PASSAGES; i++) {
    const candidate = passages[i]!;
    const found = [...matched[i]!];
    if (candidate.score < first.score * MIN_RELATIVE_PASSAGE_SCORE) continue;
    const child = kept.findIndex((k) => enclosesSection(candidate, k));
    if (child < 0 && (!found.some(isKey) || found.every((t) => seen.has(t)))) continue;
    if (child < 0) kept.push(candidate);
    else kept.splice(child, 0, candidate);
    for (const t of found) seen.add(t);
  }
  return kept;
}

/** A sentence of a passage: its text and offsets, and the stretch of the passage (see quotableStretches) it is in. */
interface LocatedSentence {
  text: string;
  start: number;
  end: number;
  stretch: number;
}

/**
 * Numbering debris at the start of a sentence, never quoted: punctuation an extraction left (`, Le consentement…`),
 * an article number followed by stray digits (`72. 2 La demande…`, read as article 72.2), and the year of an
 * amendment-history note whose rest the extraction lost, before the next article's number (`2021, 90.10. L’imposition…`:
 * a statute's note opens `2021, c. 25, a. 150.`, see knowledge/history-notes.ts; its year alone reads as part of the
 * article). A clean article number (`12.4. Le registre…`) stays: it says which article the quote comes from.
 */
const LEADING_DEBRIS =
  /^(?:[,.;:]\s+)+|^\d{1,3}(?:\.\d{1,2})*\.\s+(?:\d{1,2}\s+)+(?=\p{Lu})|^\d{4},\s+(?=\d{1,3}(?:\.\d{1,2})*\.\s+\p{Lu})/u;

/**
 * The number of a list's first item written inline after its introducing colon, which the splitter leaves at the
 * end of that sentence (`tu dois : 1. Calculer…` reads as `tu dois : 1.` then `Calculer…`): group 1 is the number
 * with its period, which belongs to the sentence after it. A quote then ends on the colon (and reads as going on),
 * and the item keeps its number.
 */
const INLINE_ITEM_NUMBER = /:\s+(\d{1,3}\.)$/u;

/**
 * A colon that introduces items written on after it (« …si : Vous accédez… », « L’outil propose : Dialogue… »), as an
 * extraction joins a bulleted list whose items end on a full stop: `: ` then a capital, after a clause of two words
 * or more that no table cell opens. A one-word label (« NB : La… », « Objectif : Ton… ») introduces a sentence, not
 * items; a table row reads `Nom ; Colonne : Valeur`, and a value after its column header is no list.
 */
const ITEMS_INTRODUCED = /(?:^|[.!?…]\s+)[^;:.!?…\s]+\s+[^;:.!?…\s][^;.!?…]*:\s+\p{Lu}/gu;
/** Items run on within one sentence (`: Comprendre…, Identifier…` or `: Une boîte… ; Une plateforme…`). */
const ITEMS_IN_SENTENCE = /[,;]\s+\p{Lu}/u;

/**
 * True when `sentence` introduces items (ITEMS_INTRODUCED) that go on after it: the text after its last introducing
 * colon holds one item only, not items run on within the sentence (ITEMS_IN_SENTENCE), which end with it.
 */
function opensUnfinishedList(sentence: string): boolean {
  const introductions = [...sentence.matchAll(ITEMS_INTRODUCED)];
  const last = introductions.at(-1);
  if (!last) return false;
  return !ITEMS_IN_SENTENCE.test(sentence.slice(last.index + last[0].length - 1));
}

/** The first letter of a sentence that starts, rather than ends one begun elsewhere: a capital. */
const STARTS_SENTENCE = /^[^\p{L}]*\p{Lu}/u;

/**
 * The stretches of `text` a quote may draw from, in order: the text between its amendment-history notes (see
 * knowledge/history-notes.ts), which are legislative history and never quoted.
 */
function quotableStretches(text: string): TextSpan[] {
  const stretches: TextSpan[] = [];
  let from = 0;
  for (const note of [...historyNoteSpans(text), { start: text.length, end: text.length }]) {
    const slice = text.slice(from, note.start);
    const start = from + (slice.length - slice.trimStart().length);
    const end = from + slice.trimEnd().length;
    if (end > start) stretches.push({ start, end });
    from = note.end;
  }
  return stretches;
}

/**
 * Each sentence of `text` with its start and end offsets (sentences are substrings of the text, in order), found in
 * each quotable stretch (see quotableStretches): a sentence never runs across an amendment-history note. A
 * "sentence" without a letter (an article number such as `90.12.` that the splitter cut off) is joined to the
 * sentence it numbers, so it is never quoted alone; numbering debris at a sentence's start is left out (see
 * LEADING_DEBRIS). A letterless remainder at a stretch's end (`16.`) is no sentence. An item number written inline
 * after a colon goes to the item it numbers (see INLINE_ITEM_NUMBER).
 */
function locateSentences(text: string): LocatedSentence[] {
  const located: LocatedSentence[] = [];
  quotableStretches(text).forEach((stretch, index) => {
    const part = text.slice(stretch.start, stretch.end);
    let cursor = 0;
    let pending: number | null = null;
    const split = splitSentences(part);
    split.forEach((sentence, i) => {
      const found = part.indexOf(sentence, cursor);
      // splitSentences returns substrings in order; a miss would be a bug there, so the sentence is skipped, not guessed.
      if (found < 0) return;
      cursor = found + sentence.length;
      if (!/\p{L}/u.test(sentence)) {
        pending ??= found;
        return;
      }
      let start = pending ?? found;
      pending = null;
      start += LEADING_DEBRIS.exec(part.slice(start, cursor))?.[0].length ?? 0;
      const item = i < split.length - 1 ? INLINE_ITEM_NUMBER.exec(sentence) : null;
      // The colon stays with its sentence; the white space and the number go to the next one.
      const end = item ? cursor - item[0].length + 1 : cursor;
      located.push({ text: part.slice(start, end), start: stretch.start + start, end: stretch.start + end, stretch: index });
      if (item) pending = cursor - item[1]!.length;
    });
  });
  return located;
}

/** The whole quotable text of a passage: one excerpt per stretch, from its first sentence to its last. */
function wholeStretches(text: string, sentences: readonly LocatedSentence[]): string[] {
  const excerpts: string[] = [];
  sentences.forEach((s, i) => {
    const next = sentences[i + 1];
    if (next?.stretch === s.stretch) return;
    const first = sentences.find((f) => f.stretch === s.stretch)!;
    excerpts.push(text.slice(first.start, s.end));
  });
  return excerpts;
}

/**
 * An opening of a list item, as a drafting convention marks it: `2°`, `3)`, a bullet, a lettered item (`b)`, `iv)`),
 * or, outside a statute's article, a number `2. ` (see opensMidList: in an article, it is the article's number).
 */
const ITEM_MARK = /^\s*(?:\d{1,3}\s?[°)]|[•▪◦●■*–—-]\s|\p{Ll}{1,4}\)\s)/u;

/**
 * A colon of punctuation: not one between digits (a time, `8:30`, a ratio) or opening an address's `//`
 * (`https://…`), which introduce nothing.
 */
const PUNCTUATION_COLON = /(?<!\d(?=:\d)):(?!\/\/)/u;

/**
 * The index of the sentence introducing the list whose item `sentences[i]` is: the first sentence before it in its
 * stretch that opens no item (ITEM_MARK), when it holds a colon of punctuation (« En cas de panne : », « l’organisme
 * doit: », see PUNCTUATION_COLON); null when `sentences[i]` opens no item, or its list began before the passage (no
 * such sentence in its stretch).
 */
function listIntroduction(sentences: readonly LocatedSentence[], i: number, article: boolean): number | null {
  const stretch = sentences[i]!.stretch;
  if (!opensItem(sentences[i]!.text, article)) return null;
  let j = i - 1;
  while (j >= 0 && sentences[j]!.stretch === stretch && opensItem(sentences[j]!.text, article)) j--;
  return j >= 0 && sentences[j]!.stretch === stretch && PUNCTUATION_COLON.test(sentences[j]!.text) ? j : null;
}

/** True when `text` opens a list item (ITEM_MARK; a number `2. ` too outside a statute's `article`). */
function opensItem(text: string, article: boolean): boolean {
  return ITEM_MARK.test(text) || (!article && NUMBERED_ITEM.test(text));
}

/** The index of the last of the items that follow `sentences[i]` in its stretch, one after the other; `i` when none does. */
function listEnd(sentences: readonly LocatedSentence[], i: number, article: boolean): number {
  let j = i;
  while (j + 1 < sentences.length && sentences[j + 1]!.stretch === sentences[i]!.stretch && opensItem(sentences[j + 1]!.text, article)) j++;
  return j;
}

/**
 * Where each chosen sentence's run starts and ends, before anaphora: a list item (listIntroduction) starts at the
 * sentence introducing its list, with the items before it, when that run is at most MAX_WHOLE_RULE_CHARS (a few lines
 * of reading), and then ends on the list's last item (listEnd) when the whole list is at most that long too: a short
 * list stopped at the item chosen reads as complete (two obligations where the document sets three); a longer run
 * quotes the introduction as a run of its own before the item. An item quoted without its introduction (« […] 2. Si
 * le problème persiste… ») does not say what it is an item of. Ascending, one per index.
 */
function runStarts(sentences: readonly LocatedSentence[], chosen: readonly number[], article: boolean): Array<{ at: number; from: number; to: number }> {
  const runs = new Map<number, { from: number; to: number }>();
  for (const i of chosen) {
    const intro = listIntroduction(sentences, i, article);
    if (intro !== null && sentences[i]!.end - sentences[intro]!.start <= MAX_WHOLE_RULE_CHARS) {
      const last = listEnd(sentences, i, article);
      const to = sentences[last]!.end - sentences[intro]!.start <= MAX_WHOLE_RULE_CHARS ? last : i;
      const known = runs.get(i);
      runs.set(i, { from: Math.min(intro, known?.from ?? i), to: Math.max(to, known?.to ?? i) });
      continue;
    }
    if (intro !== null && !runs.has(intro)) runs.set(intro, { from: intro, to: intro });
    if (!runs.has(i)) runs.set(i, { from: i, to: i });
  }
  return [...runs].map(([at, run]) => ({ at, ...run })).sort((a, b) => a.at - b.at);
}

/**
 * The runs of sentences to quote, as [from, to] indexes into `sentences`, in order, for the chosen sentence indexes
 * (ascending): each chosen sentence with the introduction of the list it is an item of (see runStarts) and the
 * sentences before it in its stretch that it depends on (anaphora.ts); in
 * a statute's `article`, its whole stretch when at most MAX_WHOLE_ARTICLE_CHARS (from its first sentence that opens
 * with a capital: one opening in lower case is the end of a sentence an extraction moved, `physique. Aux fins…`);
 * overlapping runs merged, adjacent runs of one stretch too when they are one list or sentence (the first stops on
 * a list item or the second opens on one), and two runs of one stretch joined when the one sentence between them
 * depends on the first.
 */
function excerptSpans(sentences: readonly LocatedSentence[], chosen: readonly number[], article: boolean): Array<{ from: number; to: number }> {
  const spans: Array<{ from: number; to: number }> = [];
  for (const { at: i, from: start, to: end } of runStarts(sentences, chosen, article)) {
    let from = start;
    let to = end;
    const stretch = sentences[i]!.stretch;
    while (from > 0 && sentences[from - 1]!.stretch === stretch && dependsOnPreviousSentence(sentences[from]!.text)) from--;
    if (article) {
      const first = sentences.findIndex((s) => s.stretch === stretch && STARTS_SENTENCE.test(s.text));
      const last = sentences.findLastIndex((s) => s.stretch === stretch);
      if (first >= 0 && sentences[last]!.end - sentences[first]!.start <= MAX_WHOLE_ARTICLE_CHARS) [from, to] = [Math.min(from, first), last];
    }
    const previous = spans.at(-1);
    // One sentence left out between two quoted ones, continuing the first (« Ce consentement… »), is quoted too.
    const between = previous && sentences[previous.to + 1];
    const continues =
      between !== undefined &&
      from === previous!.to + 2 &&
      sentences[previous!.to]!.stretch === stretch &&
      between.stretch === stretch &&
      dependsOnPreviousSentence(between.text);
    // A run right after the previous one in the same stretch, the two being one list or sentence (see continuesAfter,
    // continuesBefore), is one excerpt with it: quoted apart, each would be marked « […] » where nothing is left out.
    // So is a run right after one that introduces items (opensUnfinishedList): it is the list's next item, which
    // quoted apart would read as a statement of its own.
    const adjacent =
      previous !== undefined &&
      from === previous.to + 1 &&
      sentences[previous.to]!.stretch === stretch &&
      (continuesAfter(sentences[previous.to]!.text) ||
        continuesBefore(sentences[from]!.text) ||
        sentences.slice(previous.from, previous.to + 1).some((s) => opensUnfinishedList(s.text)));
    if (previous && (from <= previous.to || continues || adjacent)) previous.to = Math.max(previous.to, to);
    else spans.push({ from, to });
  }
  return spans;
}

/**
 * Picks what to quote: the passages {@link choosePassages} keeps (a rule enclosing a kept passage whole, up to
 * MAX_WHOLE_RULE_CHARS; the best passage whole, up to MAX_WHOLE_SECTION_CHARS, when its heading carries more of the
 * question than any of its sentences), and in each the sentences that carry the most query terms (≤ MAX_SENTENCES_PER_PASSAGE,
 * each worth ≥ MIN_RELATIVE_SENTENCE_SCORE of the best). A passage whose
 * sentences match no query term is quoted by its first sentence, so a passage chosen for its heading still says
 * something. A chosen sentence that starts mid-thought (see anaphora.ts) brings the sentences before it in the same
 * passage, back to one that stands alone or to the passage's first sentence (passages are a few sentences long);
 * they form one excerpt, cut verbatim from the passage text. A sentence left out between two chosen ones and
 * continuing the first (it depends on it) joins them in one excerpt. A statute's article up to
 * MAX_WHOLE_ARTICLE_CHARS is quoted whole. Overlapping excerpts are merged. Amendment-history
 * notes of a statute are never quoted, nor crossed by an excerpt (see locateSentences); a passage holding nothing
 * else is not quoted.
 * @param queryTerms analysed query term → importance, as retrieval returns them
 * @param analyser the analyser of the passages' language (French)
 * @returns one PassageQuote per kept passage, best first, each with at least one excerpt; [] when `passages` is
 *   empty
 */
export function selectQuotes(
  passages: readonly RetrievedPassage[],
  queryTerms: ReadonlyMap<string, number>,
  analyser: Analyser,
): PassageQuote[] {
  const located = new Map(passages.map((p) => [p, locateSentences(p.passage.text)]));
  // A passage that holds only legislative history (an amendment note cut off from its article) has nothing to quote.
  const quotable = passages.filter((p) => located.get(p)!.length > 0);
  const kept = choosePassages(quotable, queryTerms, analyser);
  const rules = new Set(kept.filter((p) => kept.some((other) => enclosesSection(p, other))));
  return kept.map((passage) => {
    const text = passage.passage.text;
    const sentences = located.get(passage)!;
    if (rules.has(passage) && text.length <= MAX_WHOLE_RULE_CHARS) return { passage, excerpts: wholeStretches(text, sentences) };
    const scored = sentences.map((s, i) => ({ i, score: sentenceScore(s.text, queryTerms, analyser) }));
    const top = Math.max(0, ...scored.map((s) => s.score));
    const heading = passage.passage.section.path.at(-1);
    const namesSection = passage === kept[0] && heading !== undefined && sentenceScore(heading, queryTerms, analyser) > top;
    if (namesSection && text.length <= MAX_WHOLE_SECTION_CHARS) return { passage, excerpts: wholeStretches(text, sentences) };
    const chosen =
      top === 0
        ? scored.slice(0, 1)
        : [...scored]
            .sort((a, b) => b.score - a.score || a.i - b.i)
            .filter((s) => s.score >= top * MIN_RELATIVE_SENTENCE_SCORE)
            .slice(0, MAX_SENTENCES_PER_PASSAGE)
            .sort((a, b) => a.i - b.i);
    const spans = excerptSpans(sentences, chosen.map((c) => c.i), isArticleSectionId(passage.passage.section.id));
    return {
      passage,
      excerpts: spans.map(({ from, to }) => text.slice(sentences[from]!.start, sentences[to]!.end)),
    };
  });
}

/**
 * True when a quoted excerpt stops where its text goes on: it ends on `;`, `:` or `,` (an item of a list whose next
 * items are not quoted, as in a statute's article split across passages: « 5° les règles … à l’article 78; »). The
 * reader is told the quote continues (renderers append « […] »), instead of reading a list as complete.
 */
export function continuesAfter(excerpt: string): boolean {
  return /[;:,]\s*$/u.test(excerpt);
}

/**
 * An opening that is no sentence's: an enumerated item (`2° …`, `3) …`), a bulleted one (`• …`, `– …`), or a
 * lower-case letter: a lettered item (`b) …`, `iv) …`) or the end of a sentence begun before the quote. Drafting
 * conventions of French lists (legislative `1°`, `a)`), not words of any text.
 */
const OPENS_MID_THOUGHT = /^\s*(?:\d{1,3}\s?[°)]|[•▪◦●■*–—-]\s|\p{Ll})/u;
/**
 * The first item of a quote, when it is an item of a list whose bullet an extraction removed (list items are joined
 * into one paragraph): text up to a `;` that the next item follows with a capital (French prose goes on in lower
 * case after `;`), with no end of sentence before it.
 */
const BARE_ITEM = /^[^.!?;]*;\s+\p{Lu}/u;
/** `: ` then a capital: a sentence introducing a list of items. */
const INTRODUCES_ITEMS = /:\s+\p{Lu}/u;
/**
 * Fewest words of a bare item (see BARE_ITEM): a list item is a clause; fewer words before `;` are a table's cells,
 * which the extractors join with ` ; ` too (`Date ; Activité`, `Février 2031 ; Lancement…`), and a table row is
 * not an item cut from its list.
 */
const MIN_BARE_ITEM_WORDS = 6;

/**
 * True when a quoted excerpt starts where its text began earlier: on an item of a list whose introducing sentence
 * is not quoted (`2° …`, `b) …`, a bulleted item, or a bare item running to `;` then a capital, as when a
 * passage opens in the middle of a list begun in the passage before), or on a lower-case continuation. The
 * counterpart of {@link continuesAfter}: renderers put « […] » before such a quote, so the reader knows it is not
 * the list's or the sentence's beginning. A quote that opens a sentence normally (a capital, an article number
 * `12. Le…`) is not marked.
 */
export function continuesBefore(excerpt: string): boolean {
  if (OPENS_MID_THOUGHT.test(excerpt)) return true;
  const item = BARE_ITEM.exec(excerpt)?.[0];
  return item !== undefined && !INTRODUCES_ITEMS.test(item) && item.split(/\s+/u).length - 2 >= MIN_BARE_ITEM_WORDS;
}

/**
 * True when a quoted excerpt of `passageText` introduces a list and stops before the passage's next item: one of its
 * sentences introduces items that go on after it (`…si : Vous accédez au registre.`, see opensUnfinishedList), and
 * the passage goes on after the excerpt with a capital (the next item, as an extraction joins items that end on a
 * full stop). Renderers append « […] » to such a quote, as to one that continuesAfter: without it, the items quoted
 * read as the whole list (one condition where the document sets three). Text that follows a fully quoted list is
 * marked too: the passage does go on there.
 * @param excerpt a quote, a verbatim substring of `passageText`
 */
export function stopsMidList(excerpt: string, passageText: string): boolean {
  if (!splitSentences(excerpt).some(opensUnfinishedList)) return false;
  const at = passageText.indexOf(excerpt);
  return at >= 0 && /^\s*[^\p{L}]*\p{Lu}/u.test(passageText.slice(at + excerpt.length));
}

/**
 * True when a quoted excerpt of a passage of section `sectionId` ends on an item of a list (its last sentence opens
 * one, see opensItem) and the passage goes on with the list's next item: an item of a long list quoted apart (see
 * runStarts) would otherwise read as the list's last. Renderers append « […] » to such a quote, as to one that
 * stopsMidList.
 * @param excerpt a quote, a verbatim substring of `passageText`
 */
export function stopsBeforeNextItem(excerpt: string, passageText: string, sectionId: string): boolean {
  const article = isArticleSectionId(sectionId);
  const at = passageText.indexOf(excerpt);
  const last = locateSentences(excerpt).at(-1)?.text;
  return at >= 0 && last !== undefined && opensItem(last, article) && opensItem(passageText.slice(at + excerpt.length), article);
}

/** An article's number opening a quote (`18.2. Elle peut…`): the article starts there, whatever its words refer to. */
const ARTICLE_NUMBER_OPENING = /^\s*\d{1,3}(?:\.\d{1,2})*\.\s/u;

/** A demonstrative and the noun it points with (« Ce principe », « Ces données », "This principle"): group 1. */
const DEMONSTRATIVE_NOUN = /^[^\p{L}]*(?:ce|cet|cette|ces|this|these)\s+(\p{L}+)/iu;

/** A word without its case and plural ending, to compare a noun with a heading's words (`Principes` → `principe`). */
function singularWord(word: string): string {
  return word.toLocaleLowerCase('fr').replace(/(?<=\p{L}{3})[sx]$/u, '');
}

/**
 * True when a quoted excerpt opens its passage (only letterless debris before it) on a sentence that depends on the
 * one before it (« Ces considérations… », « Elle peut aussi… », see anaphora.ts), and the passage is not the
 * first of its document (`ordinal` 0): the sentence it refers to ends the passage before, which the quote cannot
 * bring (a quote is a substring of one passage). Renderers put « […] » before such a quote, so the reader knows
 * its subject was named earlier. Not marked: a quote opening on an article's number (it starts its article), and
 * one whose demonstrative's noun is a word of its section's headings (« Ce principe… » under « 3. Principe de la
 * fiabilité »: the source line names the section, so the reader has the antecedent), the first word of its
 * document's title, which says what kind of document it is (« Cette charte… » in « Charte de… », « Ce guide… » in
 * « Guide sur… »; a later word, « Ces données… » in « Guide sur les données », may be data the passage before
 * described), or names a part of a document (« Cette section… », "This document…", see DOCUMENT_PARTS): such a
 * sentence points at the text it stands in, not at the passage before.
 * @param excerpt a quote, a verbatim substring of `passageText`
 * @param ordinal the passage's position in its document (Passage.ordinal)
 * @param sectionPath the headings of the passage's section, top level first (Section.path)
 * @param title the passage's document title (Passage.title), shown on the source line
 */
export function opensAfterItsAntecedent(excerpt: string, passageText: string, ordinal: number, sectionPath: readonly string[], title: string): boolean {
  const at = passageText.indexOf(excerpt);
  if (ordinal === 0 || at < 0 || /\p{L}/u.test(passageText.slice(0, at)) || ARTICLE_NUMBER_OPENING.test(excerpt)) return false;
  const [first] = splitSentences(excerpt);
  if (first === undefined || !dependsOnPreviousSentence(first)) return false;
  const noun = DEMONSTRATIVE_NOUN.exec(first)?.[1];
  if (noun === undefined) return true;
  const kind = /\p{L}+/u.exec(title)?.[0];
  const named = new Set([...sectionPath.flatMap((h) => h.split(/[^\p{L}]+/u)), ...(kind === undefined ? [] : [kind])].map(singularWord));
  const word = singularWord(noun);
  return !named.has(word) && !DOCUMENT_PARTS.has(word);
}

/**
 * Nouns by which a text names itself or one of its parts (« ce document », « cette section », "this chapter"), as
 * {@link singularWord} leaves them: after a demonstrative they point at where the sentence stands, not at a
 * sentence before it. General vocabulary of document structure in French and English, not drawn from any document.
 */
const DOCUMENT_PARTS: ReadonlySet<string> = new Set(
  ['document', 'texte', 'section', 'chapitre', 'partie', 'annexe', 'chapter', 'part', 'appendix', 'annex'].map(singularWord),
);

/** An item numbered `2. `, `10. `: how Markdown and word processors number a list, and how statutes number articles. */
const NUMBERED_ITEM = /^\s*\d{1,3}\.\s/u;

/**
 * True when a quoted excerpt of a passage of section `sectionId` opens on an item numbered `N. ` (« 2. Si le
 * problème persiste… »): an item of a list whose introducing sentence is not quoted, as `2°` is (see
 * continuesBefore). The text alone cannot tell such an item from an article number, which statutes print the same
 * way (`12. Le registre…`, a quote that opens its article): outside a statute's article (isArticleSectionId) it is
 * an item. Renderers put « […] » before such a quote, as before one that continuesBefore.
 */
export function opensMidList(excerpt: string, sectionId: string): boolean {
  return NUMBERED_ITEM.test(excerpt) && !isArticleSectionId(sectionId);
}

/** Superscript digits, `0` to `9`. */
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** A note call as documents print it on the line (`usagers [1].`, a PDF's or an escaped Markdown `\\[1]`), with
 *  the space before it (group 1): the shape of our own `[n]` citation markers. */
const BRACKETED_NOTE_CALL = /(\s?)\[(\d{1,3})\]/gu;
/** What a note call is glued to: the end of a word, a number or a closing quote or bracket. */
const CALLED_WORD_END = /[\p{L}\p{N}»)”’]/u;

/** `12` → `¹²`. */
function superscriptNumber(digits: string): string {
  return digits.replace(/\d/gu, (d) => SUPERSCRIPT_DIGITS[Number(d)]!);
}

/** A note call ending right where the next one starts (`[1][2]`). */
const NOTE_CALL_BEFORE = /\[\d{1,3}\]$/u;

/**
 * A quote's text as shown: each bracketed number (`usagers [1].`, a note call of the quoted document) set as a
 * superscript (`usagers¹.`), glued to the word it follows as printed documents set note calls; one opening a note
 * (`. [1] Selon…`) keeps its space. Two calls in a row (`[1][2]`) are kept apart by a comma (`¹,²`), as printed
 * documents do, so they cannot read as note 12. Our citation markers are bracketed numbers after the quote (`[1]`),
 * so a note call left as written reads as one of them, pointing at the wrong source; nothing else changes.
 * @param text a quote, verbatim
 * @returns the text with every `[n]` (n of 1 to 3 digits) in superscript digits
 */
export function withNoteCallsRaised(text: string): string {
  return text.replace(BRACKETED_NOTE_CALL, (_call, space: string, digits: string, offset: number) => {
    const glued = space !== '' && CALLED_WORD_END.test(text.charAt(offset - 1));
    const afterCall = space === '' && NOTE_CALL_BEFORE.test(text.slice(Math.max(0, offset - 5), offset));
    return `${afterCall ? ',' : glued ? '' : space}${superscriptNumber(digits)}`;
  });
}
