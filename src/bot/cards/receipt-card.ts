import type { Language } from '../../answers/types.js';
import { continuesAfter, continuesBefore, withNoteCallsRaised } from '../../answers/quotes.js';
import { MAX_REVIEW_COMMENT_CHARS, type DeclarationEvent, type DeclarationRecord, type DeclarationState, type Obligation } from '../../inventory/index.js';
import { cutAtWord, formatPages } from '../render/text.js';
import {
  MAX_CARD_BYTES,
  card,
  cardBytes,
  cardLink,
  container,
  factRows,
  factSet,
  heading,
  safeClip,
  safeLines,
  safeText,
  textBlock,
  type Card,
  type CardElement,
  type ExecuteAction,
  verbatim,
} from './card.js';
import { LABELS, STATE_WORDS, formatDate, type AssessmentStanding, type ReceiptIntro } from './labels.js';
import { answerElements, summaryFacts, type FactLayout, shownPerson } from './summary.js';

/** Longest quote shown per obligation, in characters, tried in this order until the card fits MAX_CARD_BYTES. */
export const QUOTE_CHARS_STEPS = [1_500, 800, 400, 200] as const;
/** Obligations shown at most (the rules file has a handful). */
export const MAX_SHOWN_OBLIGATIONS = 12;
/** Longest name of the person who decided, in characters (as on the review card). */
const MAX_DECIDER_NAME_CHARS = 120;

/**
 * The receipt after submission: the IA-AAAA-NNNN number, a summary, and the preliminary assessment: impact level
 * (1–4) with its meaning in words, and each obligation with its label, the verbatim quote of the passage that
 * imposes it in a quote block and its citation (document, version, section, pages, link), under « Évaluation
 * préliminaire » with, once, « à confirmer par l’équipe de gouvernance ». A long quote is cut at a word and marked « […] »: nothing is reworded.
 * `intro` (default `sent`) says where the declaration is on its way to the governance team (see ReceiptIntro);
 * `notices` come first, in bold; `decision` (the event that decided the current state, see lastDecision) is shown
 * under the intro: the decision in words, who, when, and the comment; `actions` end the card.
 * With `answers` (the card « Voir » opens), the summary gives the portfolio and contact person too, and is followed by
 * what the declarant answered, with the review card's labels and order (see answerElements), as rows whose labels
 * line up (FactSets if the rows would not fit; the quotes are shortened first, and left out, saying so, if even
 * MAX_SHOWN_OBLIGATIONS quotes at their shortest would not fit beside the longest answers).
 */
export function receiptCard(
  record: DeclarationRecord,
  language: Language,
  {
    intro = 'sent',
    notices = [],
    decision = null,
    actions = [],
    answers = false,
    history = [],
  }: { intro?: ReceiptIntro; notices?: string[]; decision?: DeclarationEvent | null; actions?: ExecuteAction[]; answers?: boolean; history?: CardElement[] } = {},
): Card {
  const t = LABELS[language];
  const id = record.publicId ?? t.noNumber;
  // Opened again later (« Voir »), the card is no longer a receipt once the team has answered: its title says where it stands.
  const title = intro === 'changesRequested' ? t.changesRequestedTitle(id) : intro === 'decided' ? t.decidedTitle(id) : t.receiptTitle(id);
  const summary = summaryFacts(record, language, { review: answers });
  const layouts: FactLayout[] = answers ? [factRows, factSet] : [factSet];
  // With the answers, a card of many long quotes may still not fit at the shortest: the quotes give way (labels kept, see quotesLeftOut).
  const quoteSteps = answers ? [...QUOTE_CHARS_STEPS, 0] : QUOTE_CHARS_STEPS;
  let built = card([]);
  for (const quoteChars of quoteSteps) {
    for (const layout of layouts) {
      built = card(
        [
          heading(title),
          ...notices.map((n) => textBlock(n, { weight: 'Bolder' })),
          textBlock(t.receiptIntro[intro]),
          ...(decision ? decisionElements(decision, language) : []),
          layout(summary),
          ...(answers ? answerElements(record, language, layout) : []),
          ...assessmentElements(record, language, quoteChars),
          ...(quoteChars <= 0 && record.assessment?.obligations.some((o) => o.quote) ? [textBlock(t.quotesLeftOut, { isSubtle: true, spacing: 'Small' })] : []),
          ...history,
        ],
        actions,
      );
      if (cardBytes(built) <= MAX_CARD_BYTES) return built;
    }
  }
  return built;
}

/** « Décision : approuvée, par …, le … » in bold, then the decider's comment (clipped to MAX_REVIEW_COMMENT_CHARS). */
function decisionElements(decision: DeclarationEvent, language: Language): CardElement[] {
  const t = LABELS[language];
  const words = t.decisionWords[decision.to] ?? STATE_WORDS[language][decision.to];
  const elements = [textBlock(`**${t.decided(words, shownPerson(decision.actor, MAX_DECIDER_NAME_CHARS, language), formatDate(decision.at, language))}**`)];
  if (decision.comment) elements.push(textBlock(`**${t.comment}** ${safeLines(decision.comment, MAX_REVIEW_COMMENT_CHARS)}`, { spacing: 'Small' }));
  return elements;
}

/** A quoted document, as the receipt names it once: id, title, version, link. */
type QuotedDocument = Pick<NonNullable<Obligation['quote']>, 'docId' | 'title' | 'versionLabel' | 'url'>;

/** Longest document title shown, in characters. */
const MAX_DOCUMENT_TITLE_CHARS = 200;

/**
 * The preliminary assessment: a heading and one note saying where it stands (see AssessmentStanding: to be
 * confirmed while awaiting the decision, reviewed once approved or rejected, to be redone after a request for
 * changes), level, its meaning, the obligations with quotes (`quoteChars` ≤ 0: labels only).
 * The quoted documents are named once, before the obligations (« Citations tirées de : » title, version, link);
 * each obligation's source line then gives only the section and pages, plus « document n » when several
 * documents are quoted.
 */
export function assessmentElements(record: DeclarationRecord, language: Language, quoteChars: number): CardElement[] {
  const t = LABELS[language];
  const assessment = record.assessment;
  if (!assessment) return [textBlock(t.notAssessed, { isSubtle: true })];
  const standing = assessmentStanding(record.state);
  const elements: CardElement[] = [
    heading(t.assessment[standing].title),
    textBlock(t.assessment[standing].note, { isSubtle: true, spacing: 'None' }),
    textBlock(`**${t.impact(assessment.level)}** — ${t.levels[assessment.level]}`),
    textBlock(`**${t.obligations}**`, { spacing: 'Medium' }),
  ];
  const shown = assessment.obligations.slice(0, MAX_SHOWN_OBLIGATIONS);
  if (shown.length === 0) elements.push(textBlock(t.noObligation));
  const documents = quoteChars > 0 ? quotedDocuments(shown) : [];
  if (documents.length > 0) elements.push(documentsBlock(documents, language));
  for (const obligation of shown) {
    elements.push(...obligationElements(obligation, language, quoteChars, documents, standing));
  }
  return elements;
}

/** Where an assessment stands in a declaration's state (see AssessmentStanding). */
function assessmentStanding(state: DeclarationState): AssessmentStanding {
  if (state === 'approved' || state === 'rejected') return 'reviewed';
  return state === 'changes_requested' ? 'redo' : 'preliminary';
}

/** Each quoted document version once, in order of first quote. */
function quotedDocuments(obligations: Obligation[]): QuotedDocument[] {
  const seen = new Map<string, QuotedDocument>();
  for (const { quote } of obligations) {
    if (quote && !seen.has(documentKey(quote))) {
      seen.set(documentKey(quote), { docId: quote.docId, title: quote.title, versionLabel: quote.versionLabel, url: quote.url });
    }
  }
  return [...seen.values()];
}

function documentKey(d: QuotedDocument): string {
  return `${d.docId}\u0000${d.versionLabel}`;
}

function documentsBlock(documents: QuotedDocument[], language: Language): CardElement {
  const t = LABELS[language];
  const name = (d: QuotedDocument) => `${cardLink(clipTitle(d.title), d.url)}, ${safeText(t.version(d.versionLabel))}`;
  // French sets a space before the colon; English does not.
  const colon = language === 'fr' ? ' : ' : ': ';
  const text =
    documents.length === 1
      ? `${t.quotedFrom} ${name(documents[0]!)}`
      : `${t.quotedFrom}\n${documents.map((d, i) => `- ${safeText(t.documentRef(i + 1))}${colon}${name(d)}`).join('\n')}`;
  return textBlock(text, { isSubtle: true, size: 'Small', spacing: 'Small' });
}

function clipTitle(title: string): string {
  return title.length > MAX_DOCUMENT_TITLE_CHARS ? `${cutAtWord(title, MAX_DOCUMENT_TITLE_CHARS - 1)}…` : title;
}

/**
 * One obligation: its label in bold, then its quote and source line (`quoteChars` > 0). An obligation the declarant
 * says is met is marked « selon la déclaration, c’est déjà fait »: worded so that nothing agrees with the label (« Avis
 * écrit… » is masculine, « Réaliser une EFVP » a verb), and « à vérifier par l’équipe de gouvernance » only while
 * the team has not decided (`standing` preliminary).
 */
function obligationElements(obligation: Obligation, language: Language, quoteChars: number, documents: QuotedDocument[], standing: AssessmentStanding): CardElement[] {
  const t = LABELS[language];
  const done = obligation.declaredDone ? ` — ${t.declaredDone[standing]}` : '';
  const title = textBlock(`**${safeClip(obligation.label[language], 200)}**${done}`, { spacing: 'Medium' });
  if (quoteChars <= 0) return [title];
  const quote = obligation.quote;
  if (!quote) return [title, textBlock(t.quoteMissing, { isSubtle: true })];
  const shown = withNoteCallsRaised(quote.text);
  const cut = cutAtWord(shown, quoteChars);
  // Cut here to fit, or a list item whose next items the quote leaves out (see continuesAfter): « […] » says so;
  // likewise before a quote that starts mid-list (see continuesBefore).
  const continues = cut.length < shown.length || continuesAfter(quote.text);
  const lead = continuesBefore(quote.text) ? `${t.cutMark} ` : '';
  // Verbatim below (see card.ts `verbatim`): our own guillemets are bound here, the document's text left as written.
  const quoted = `«\u00a0${lead}${safeText(cut.replace(/\s+/g, ' '))}${continues ? ` ${t.cutMark}` : ''}\u00a0»`;
  const documentIndex = documents.findIndex((d) => documentKey(d) === documentKey(quote));
  const citation = [
    quote.sectionPath.length > 0 ? safeClip(quote.sectionPath.join(' › '), 300) : null,
    formatPages(quote.pages),
    documents.length > 1 ? safeText(t.documentRef(documentIndex + 1)) : null,
  ].filter((p): p is string => p !== null && p !== '');
  const source = citation.length > 0 ? citation.join(', ') : cardLink(clipTitle(quote.title), quote.url);
  return [
    title,
    container([verbatim(textBlock(quoted, { fontType: 'Default' }))], { style: 'emphasis', spacing: 'Small' }),
    textBlock(`${t.source} ${source}`, { isSubtle: true, size: 'Small', spacing: 'Small' }),
  ];
}
