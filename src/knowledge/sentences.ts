/**
 * French-aware sentence splitting, used to bound passages (never cut mid-sentence) and to pick quotes.
 */

/** Tokens ending in a period that do not end a sentence: abbreviations and initials common in Quebec official text. */
const ABBREVIATIONS = new Set([
  'art', 'al', 'ch', 'chap', 'p', 'pp', 'no', 'nos', 'par', 'c', 'cf', 'etc', 'ex', 'M', 'MM', 'Mme', 'Mmes', 'Me', 'Dr',
  'St', 'Ste', 'vol', 'éd', 'min', 'max', 'env', 'approx', 'av', 'bd', 'boul', 'inc', 'ltée', 'R', 'L', 'Q', 'RLRQ',
  'e.g', 'i.e', 'vs', 'fig', 'sect', 'para',
]);

/**
 * Abbreviated month names, French as the Office québécois de la langue française writes them (Banque de dépannage
 * linguistique, « Abréviations des noms de mois »: janv., févr., avr., juill., sept., oct., nov., déc.) plus common
 * variants, and English ones. Only an abbreviation before a number (`oct. 2025`, `Sept. 30`) is kept in its sentence:
 * `sept.` is also the French word seven, which can end one.
 */
const MONTH_ABBREVIATIONS = new Set([
  'janv', 'févr', 'fév', 'avr', 'juil', 'juill', 'sept', 'oct', 'nov', 'déc',
  'jan', 'feb', 'mar', 'apr', 'aug', 'sep', 'dec',
]);

/**
 * A line break that ends a sentence without punctuation: after a letter, a digit or a closing bracket or quote (not
 * after `:`, `;` or `,`, which continue a list), before what starts a sentence. Passages hold a line break only
 * between a list item and its neighbour when the first ends on no punctuation (see knowledge/passages.ts): each item
 * is its own sentence, never run into the next (`Aide à la réflexion (brainstorming)` / `Transcription…`).
 */
const UNPUNCTUATED_ITEM_END = /(?<=[\p{L}\p{N})\]»”"])[^\S\n]*\n\s*(?=[\p{Lu}\d«“"•(])/u;

/**
 * Splits text into sentences. A sentence ends at `.`, `!`, `?` or `…` (optionally followed by a closing quote or
 * bracket, with or without the French space before `»`) when the next word starts with an upper-case letter, a digit, a bullet or an opening quote, unless the
 * period belongs to an abbreviation, an initial (`A.M.`), or a number (`22.2`); and at a line break after no
 * punctuation (see UNPUNCTUATED_ITEM_END).
 * @returns sentences in order, each a substring of `text`; joined with the white space between them they give back
 * `text` (normalised input assumed)
 */
export function splitSentences(text: string): string[] {
  const lines = text.split(new RegExp(UNPUNCTUATED_ITEM_END.source, 'gu'));
  return lines.length > 1 ? lines.flatMap(splitPunctuated) : splitPunctuated(text);
}

function splitPunctuated(text: string): string[] {
  const sentences: string[] = [];
  const re = /([.!?…]+(?:\s?["»”)\]])?)\s+(?=[\p{Lu}\d«“"•(])/gu;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const end = m.index + m[1]!.length;
    // The word before the period is read from its position: copying the sentence so far at each period made a
    // paragraph of thousands of abbreviations (`art.`, `p. ex.`, never a sentence end) take time growing with its
    // square.
    if (m[1] === '.') {
      const lastWord = lastWordBefore(text, start, m.index);
      if (isAbbreviation(lastWord)) continue;
      const beforeNumber = /\d/u.test(text[m.index + m[0].length] ?? '');
      if (beforeNumber && (isMonthAbbreviation(lastWord) || isCitedArticle(text, start, m.index, lastWord))) continue;
    }
    sentences.push(text.slice(start, end));
    start = end + (m[0].length - m[1]!.length);
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/**
 * True when `lastWord`, the word a period ends, is the `a.` (article) of a statute's citation after a comma (`1993,
 * c. 17, a. 99.`, `(Modification intégrée au c., a. 88.1).`), as the Quebec statutes cite articles. Only
 * before a number (see splitPunctuated) and after `, `: the verb « a » may end a sentence, never after a comma.
 */
function isCitedArticle(text: string, from: number, period: number, lastWord: string): boolean {
  return lastWord === 'a' && period - 3 >= from && text.slice(period - 3, period - 1) === ', ';
}

/** True when `lastWord`, the word a period ends (see lastWordBefore), ends on an abbreviated month, alone or after a
 *  hyphen (`Septembre-Oct`). */
function isMonthAbbreviation(lastWord: string): boolean {
  const letters = /\p{L}+$/u.exec(lastWord)?.[0] ?? '';
  return MONTH_ABBREVIATIONS.has(letters.toLowerCase());
}

/** The characters other than white space just before `period` (not before `from`): the word the period ends. */
function lastWordBefore(text: string, from: number, period: number): string {
  let i = period;
  while (i > from && !/\s/.test(text[i - 1]!)) i--;
  return text.slice(i, period);
}

/** True when `lastWord`, the word a period ends (see lastWordBefore), is an abbreviation or initials. */
function isAbbreviation(lastWord: string): boolean {
  // `l’art.`: the abbreviation is what follows the elided article.
  const bare = lastWord.replace(/^[«(“"]+/, '').replace(/^.*['’]/, '');
  if (ABBREVIATIONS.has(bare) || ABBREVIATIONS.has(bare.toLowerCase())) return true;
  // Initials such as "A.M" or a single capital letter ("J. Tremblay").
  return /^(\p{Lu}\.)*\p{Lu}$/u.test(bare);
}
