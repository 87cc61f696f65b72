/**
 * Article numbers as statutes and regulations print them in their text (Quebec and federal drafting: `12. Un
 * renseignement…`, `3.1. Toute personne…`, `90.12. Le montant…`): one to three digits, dotted sub-numbers, then a
 * full stop. Shared by ingestion (statute structure, see statute.ts) and retrieval (article reference keys).
 */

/** An article number: `12`, `3.1`, `21.0.1`. */
const ARTICLE_NUMBER = String.raw`\d{1,3}(?:\.\d{1,2})*`;

/**
 * An article started anywhere in a text: its number (group 1) and full stop after the start of the text or a space,
 * `;` or `:`, then a capital (a stray footnote digit between, as PDF extractions leave it: `12. 2 Un…`).
 */
export const ARTICLE_MARKER = new RegExp(String.raw`(?:^|[\s;:])(${ARTICLE_NUMBER})\.\s+(?:\d\s+)?(?=\p{Lu})`, 'gu');

/**
 * An article number opening a paragraph (group 1), whatever follows: a dirty extraction may leave the number before
 * the end of its text or before nothing (`3.1. 1 personnels…`, `8.`). Only statute.ts decides whether such a
 * number starts an article (it must follow the previous article's).
 */
export const ARTICLE_START = new RegExp(String.raw`^(${ARTICLE_NUMBER})\.(?=\s|$)`, 'u');

/** An article number's parts (`3.1` → [3, 1]). */
export function articleParts(numbers: string): number[] {
  return numbers.split('.').map(Number);
}

/** True when article `a` comes after article `b` in a statute's order (`3.1` after `3`, `10` after `9.2`). */
export function comesAfter(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? -1;
    const y = b[i] ?? -1;
    if (x !== y) return x > y;
  }
  return false;
}
