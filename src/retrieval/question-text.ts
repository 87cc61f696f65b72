import { analysable } from './analyse.js';

/**
 * The text of a question as both index backends analyse it, whatever the user pasted around it: format characters
 * removed and compatibility forms read as plain letters (see `analysable`), so that a question copied from Word or a
 * PDF (`prin\u00ADcipe`, `ｔｒａｎｓｐａｒｅｎｃｅ`) asks what its visible words ask. Never throws.
 */
export function questionText(question: string): string {
  return analysable(question);
}
