import { surfaceWords } from '../retrieval/analyse.js';
import type { Language } from './types.js';

/** Very frequent function words: enough to tell French from English in a chat message. */
const MARKERS: Record<Language, ReadonlySet<string>> = {
  fr: new Set(['le', 'la', 'les', 'des', 'du', 'de', 'un', 'une', 'est', 'et', 'pour', 'que', 'qui', 'quoi', 'dans', 'sur', 'avec', 'pas', 'on', 'nous', 'vous', 'je', 'il', 'ce', 'cette', 'mon', 'notre', 'nos', 'au', 'aux', 'faut', 'doit', 'peut', 'comment', 'quel', 'quelle', 'quels', 'quelles', 'ca', 'est-ce', 'pis', 'aussi', 'ou', 'si', 'se', 'sont', 'etre', 'avoir', 'tu', 'moi', 'bonjour', 'allo', 'merci', 'oui', 'non', 'enonce', 'principe', 'principes']),
  en: new Set(['the', 'a', 'an', 'of', 'to', 'and', 'is', 'are', 'for', 'what', 'which', 'who', 'how', 'do', 'does', 'we', 'our', 'us', 'you', 'your', 'i', 'my', 'in', 'on', 'with', 'that', 'this', 'it', 'can', 'should', 'must', 'be', 'there', 'any', 'have', 'has', 'need', 'if', 'about', 'statement', 'hello', 'hi', 'thanks', 'yes', 'no', 'please', 'principles', 'under', 'from']),
};

/** « no » before a number abbreviates « numéro » / "number" in both languages (`principe no 4`): no English signal. */
const NUMBER_SIGN = /\bno\.?\s*(?=\d)/gi;

/** Emoji, some of which are letters to Unicode (ℹ️, U+2139, folds to « i »): never a word of either language. */
const EMOJI = /\p{Extended_Pictographic}/gu;

/**
 * The language a message's own words are written in, counting function words; accented letters count for French.
 * Null for a tie and for a message with no signal (`audit`, `ok`, acronyms only, emoji).
 */
export function ownLanguage(text: string): Language | null {
  let fr = /[àâçéèêëîïôûùüÿœ]/i.test(text) ? 1 : 0;
  let en = 0;
  for (const w of surfaceWords(text.replace(EMOJI, ' ').replace(/[’']/g, ' ').replace(NUMBER_SIGN, ' '))) {
    if (MARKERS.fr.has(w)) fr++;
    if (MARKERS.en.has(w)) en++;
  }
  return en > fr ? 'en' : fr > en ? 'fr' : null;
}

/**
 * Detects whether a message is French or English (see {@link ownLanguage}). Ties and messages with no signal go to
 * `fallback`: what the transport knows of the user's language, else French (Balises speaks fr-CA first).
 */
export function detectLanguage(text: string, fallback: Language = 'fr'): Language {
  return ownLanguage(text) ?? fallback;
}
