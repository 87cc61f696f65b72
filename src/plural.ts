/**
 * Counts written with their noun in the form the count takes, for every reply: Teams messages and cards (French and
 * English) and the command line's own messages (English).
 */

/** The CLDR plural rules of each reply language (Node's ICU), read once. */
const PLURAL_RULES = { fr: new Intl.PluralRules('fr-CA'), en: new Intl.PluralRules('en-CA') } as const;

/**
 * `n` and the noun phrase in the form its count takes, by the Unicode CLDR plural rules that Intl.PluralRules
 * applies: French takes the singular for 0 and 1 (« 0 section inchangée », « 1 bloc retiré »), English for 1 only
 * (`0 sections unchanged`). Replaces « section(s) », which reads as a form left unfilled.
 * @param forms the phrase's singular (`one`) and plural (`other`) forms, without the number
 */
export function counted(n: number, language: 'fr' | 'en', forms: { one: string; other: string }): string {
  return `${n} ${PLURAL_RULES[language].select(n) === 'one' ? forms.one : forms.other}`;
}
