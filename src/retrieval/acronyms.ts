import { fold } from './analyse.js';

/** `(EFVP)`: a parenthesised acronym of 2–8 capitals or digits, starting with a capital. */
const PARENTHESISED = /\(\s*(\p{Lu}[\p{Lu}\d]{1,7})\s*\)/gu;

/** Words read before an acronym when looking for its long form (Schwartz & Hearst: min(|A| + 5, 2|A|)). */
function maxLongFormWords(acronym: string): number {
  return Math.min(acronym.length + 5, acronym.length * 2);
}

/**
 * The long form of `acronym` at the end of `before`, by the algorithm of Schwartz & Hearst ("A simple algorithm for
 * identifying abbreviation definitions in biomedical text", PSB 2003): the acronym's letters are matched right to
 * left against the text's characters, its first letter at the start of a word; the long form is the shortest run of
 * words ending at the parenthesis that holds them in order. Comparison is on folded text (case and accents); a
 * leading elided article (`l’Agence`) is not part of the long form.
 * @returns the long form, verbatim from `before`, or null when none matches
 */
export function longFormBefore(before: string, acronym: string): string | null {
  const words = before.trimEnd().split(/\s+/);
  const window = words.slice(-maxLongFormWords(acronym)).join(' ');
  const text = fold(window);
  const letters = fold(acronym).replace(/[^a-z0-9]/g, '');
  let t = text.length - 1;
  for (let a = letters.length - 1; a >= 0; a--) {
    const c = letters[a]!;
    while (t >= 0 && (text[t] !== c || (a === 0 && t > 0 && /[a-z0-9]/.test(text[t - 1]!)))) t--;
    if (t < 0) return null;
    t--;
  }
  const start = text.lastIndexOf(' ', t + 1) + 1;
  const longForm = window
    .slice(start)
    .replace(/^(?:qu|[ldjmnstc])['’]/iu, '')
    .replace(/[\s,;:–—-]+$/u, '')
    .trim();
  return longForm.split(/\s+/).length >= 2 ? longForm : null;
}

/**
 * Acronyms defined in the documents' own text, `long form (ACRONYM)`, as documents introduce them. Mined at index
 * time so they follow whatever documents are loaded.
 * @param texts passage texts
 * @returns acronym folded to lower case → its most frequent long form (verbatim)
 */
export function mineAcronyms(texts: Iterable<string>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const text of texts) {
    for (const m of text.matchAll(PARENTHESISED)) {
      const acronym = m[1]!;
      const longForm = longFormBefore(text.slice(Math.max(0, m.index - 300), m.index), acronym);
      if (!longForm) continue;
      const key = fold(acronym);
      const forms = counts.get(key) ?? new Map<string, number>();
      forms.set(longForm, (forms.get(longForm) ?? 0) + 1);
      counts.set(key, forms);
    }
  }
  const out = new Map<string, string>();
  for (const [acronym, forms] of counts) {
    out.set(acronym, [...forms].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]![0]);
  }
  return out;
}

/** Acronyms shorter than this are never looked for in the text: two letters match too many phrases. */
export const MIN_UNDEFINED_ACRONYM_LENGTH = 3;

/**
 * The long form of an acronym the documents use the words of but never define (`EFVP` for « évaluation des facteurs
 * relatifs à la vie privée »): a run of the text's words whose initials spell the acronym in order, each letter the
 * initial of a word, stop words allowed between them and at most one other word that gives no letter (`relatifs`),
 * the whole within Schwartz & Hearst's window of min(|A| + 5, 2|A|) words. Their constraint read in the other
 * direction: the text is searched for the phrase instead of the phrase being read before a parenthesis.
 * @param acronym the acronym as typed (letters only count)
 * @param texts passage texts, each as folded surface words (see `surfaceWords`)
 * @param isStopWord words that never give a letter (articles, prepositions)
 * @returns the most frequent such phrase as folded words, or null when none occurs or the acronym is too short
 */
export function findLongForm(
  acronym: string,
  texts: Iterable<readonly string[]>,
  isStopWord: (word: string) => boolean,
): string[] | null {
  const letters = fold(acronym).replace(/[^a-z]/g, '');
  if (letters.length < MIN_UNDEFINED_ACRONYM_LENGTH) return null;
  const maxSkipped = 1;
  const window = Math.min(letters.length + 5, letters.length * 2);
  const counts = new Map<string, number>();
  for (const words of texts) {
    for (let start = 0; start < words.length; start++) {
      if (!words[start]!.startsWith(letters[0]!) || isStopWord(words[start]!)) continue;
      let l = 1;
      let skipped = 0;
      let end = start + 1;
      for (; end < words.length && end - start < window && l < letters.length && skipped <= maxSkipped; end++) {
        const w = words[end]!;
        if (isStopWord(w)) continue;
        if (w.startsWith(letters[l]!)) l++;
        else skipped++;
      }
      if (l === letters.length && skipped <= maxSkipped) {
        const phrase = words.slice(start, end).join(' ');
        counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
      }
    }
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0];
  return best ? best[0].split(' ') : null;
}
