import type { Language } from '../../answers/types.js';
import type { DeclarationRecord, Obligation } from '../../inventory/index.js';
import { cutAtWord, formatPages, markdownLink } from '../render/text.js';
import { MAX_CARD_BYTES, card, cardBytes, container, factSet, heading, safeClip, safeText, textBlock, type Card, type CardElement } from './card.js';
import { LABELS } from './labels.js';
import { summaryFacts } from './summary.js';

/** Longest quote shown per obligation, in characters, tried in this order until the card fits MAX_CARD_BYTES. */
const QUOTE_CHARS_STEPS = [1_500, 800, 400, 200] as const;
/** Obligations shown at most (the rules file has a handful). */
export const MAX_SHOWN_OBLIGATIONS = 12;

/**
 * The receipt after submission: the IA-AAAA-NNNN number, a summary, and the preliminary assessment: impact level
 * (1–4) with its meaning in words, and each obligation with its label, the verbatim quote of the passage that
 * imposes it in a quote block and its citation (document, version, section, pages, link), and « préliminaire — à
 * confirmer par l’équipe de gouvernance ». A long quote is cut at a word and marked « […] »: nothing is reworded.
 */
export function receiptCard(record: DeclarationRecord, language: Language, notices: string[] = []): Card {
  const t = LABELS[language];
  let built = card([]);
  for (const quoteChars of QUOTE_CHARS_STEPS) {
    built = card([
      heading(t.receiptTitle(record.publicId ?? t.noNumber)),
      ...notices.map((n) => textBlock(n, { weight: 'Bolder' })),
      textBlock(t.receiptIntro),
      factSet(summaryFacts(record, language)),
      ...assessmentElements(record, language, quoteChars),
    ]);
    if (cardBytes(built) <= MAX_CARD_BYTES) break;
  }
  return built;
}

/** The preliminary assessment: level, its meaning, the obligations with quotes (`quoteChars` ≤ 0: labels only). */
export function assessmentElements(record: DeclarationRecord, language: Language, quoteChars: number): CardElement[] {
  const t = LABELS[language];
  const assessment = record.assessment;
  if (!assessment) return [textBlock(t.notAssessed, { isSubtle: true })];
  const elements: CardElement[] = [
    heading(t.preliminary),
    textBlock(`**${t.impact(assessment.level)}** — ${t.levels[assessment.level]}`),
    textBlock(`_${t.preliminaryShort}_`, { isSubtle: true, spacing: 'None' }),
    textBlock(`**${t.obligations}**`, { spacing: 'Medium' }),
  ];
  if (assessment.obligations.length === 0) elements.push(textBlock(t.noObligation));
  for (const obligation of assessment.obligations.slice(0, MAX_SHOWN_OBLIGATIONS)) {
    elements.push(...obligationElements(obligation, language, quoteChars));
  }
  return elements;
}

function obligationElements(obligation: Obligation, language: Language, quoteChars: number): CardElement[] {
  const t = LABELS[language];
  const title = textBlock(`**${safeClip(obligation.label[language], 200)}**`, { spacing: 'Medium' });
  if (quoteChars <= 0) return [title];
  const quote = obligation.quote;
  if (!quote) return [title, textBlock(t.quoteMissing, { isSubtle: true })];
  const cut = cutAtWord(quote.text, quoteChars);
  const quoted = `« ${safeText(cut.replace(/\s+/g, ' '))}${cut.length < quote.text.length ? ` ${t.cutMark}` : ''} »`;
  const citation = [
    markdownLink(quote.title, quote.url),
    safeText(t.version(quote.versionLabel)),
    quote.sectionPath.length > 0 ? safeClip(quote.sectionPath.join(' › '), 300) : null,
    formatPages(quote.pages),
  ].filter((p): p is string => p !== null && p !== '');
  return [
    title,
    container([textBlock(quoted, { fontType: 'Default' })], { style: 'emphasis', spacing: 'Small' }),
    textBlock(`${t.source} ${citation.join(', ')}`, { isSubtle: true, size: 'Small', spacing: 'Small' }),
  ];
}
