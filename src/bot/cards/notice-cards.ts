import type { Language } from '../../answers/types.js';
import type { DeclarationEvent, DeclarationRecord, Step } from '../../inventory/index.js';
import { card, execute, factSet, heading, safeClip, safeLines, textBlock, type Card } from './card.js';
import { LABELS, STATE_WORDS, formatDate } from './labels.js';
import { setAsideActions, showMineAction } from './list-card.js';
import { receiptCard } from './receipt-card.js';
import { MAX_REVIEW_COMMENT_CHARS, REVIEWABLE_STATES } from './review-card.js';
import { stepCard, type ChangesRequest } from './step-card.js';
import { summaryFacts, shownPerson } from './summary.js';
import { DECLARATION_VERBS } from './verbs.js';

/** A card of fixed sentences (our wording: already safe), e.g. a refusal. */
export function messageCard(lines: string[]): Card {
  return card(lines.map((line) => textBlock(line)));
}

/** Why an action on a declaration is refused, in words. */
export type Refusal = 'forbidden' | 'not_found' | 'invalid_card' | 'invalid_review_card' | 'unknown_action' | 'unknown_identity' | 'not_admin' | 'not_author' | 'own_declaration' | 'declarant_only';

/** The refusal of an action on a declaration, as a card of one sentence in `language` (LABELS). */
export function refusalCard(reason: Refusal, language: Language): Card {
  const t = LABELS[language];
  const text = {
    forbidden: t.forbidden,
    not_found: t.notFound,
    invalid_card: t.invalidCard,
    invalid_review_card: t.invalidReviewCard,
    unknown_action: t.unknownAction,
    unknown_identity: t.unknownIdentity,
    not_admin: t.notAdmin,
    not_author: t.notAuthor,
    own_declaration: t.ownDeclaration,
    declarant_only: t.declarantOnly,
  }[reason];
  return messageCard([text]);
}

/**
 * « Cette déclaration a changé, voici la version actuelle »: the current step card (current values and revision,
 * and `changesRequested`, see StepCardInput) when the declaration is still editable, else its current status
 * (receipt with the assessment when submitted).
 */
export function staleCard(current: DeclarationRecord, step: Step, language: Language, changesRequested?: ChangesRequest): Card {
  const t = LABELS[language];
  if (!current.setAsideAt && (current.state === 'draft' || current.state === 'changes_requested')) {
    const input = { declarationId: current.id, revision: current.revision, publicId: current.publicId, step, values: current.data, notices: [t.staleNotice], changesRequested };
    return stepCard(input, language);
  }
  return statusCard(current, language, [t.staleNotice]);
}

/**
 * A declaration that can no longer be edited: its state in words and its summary. A draft set aside: that it is set
 * aside and why, its summary, and buttons to resume it or delete it. While it awaits the governance
 * team's decision (submitted, in review), the receipt with the assessment, saying it awaits the decision (not that it
 * was sent: the review card may still wait for a governance channel); once decided (approved, rejected), only the
 * notice of its state, without the receipt's « transmise à l’équipe de gouvernance ». Both end with « Voir mes
 * déclarations » (`declaration.list_mine`), as the receipt of a submission does.
 */
export function statusCard(record: DeclarationRecord, language: Language, notices: string[] = []): Card {
  const t = LABELS[language];
  if (record.setAsideAt) {
    return card([
      heading(t.declareTitle),
      ...notices.map((n) => textBlock(n, { weight: 'Bolder' })),
      textBlock(t.setAsideNote, { weight: 'Bolder' }),
      factSet(summaryFacts(record, language)),
      { type: 'ActionSet', actions: setAsideActions(record, language) },
    ]);
  }
  const state = t.notEditable(STATE_WORDS[language][record.state]);
  // The card replaces the form pressed (an out-of-date one): « Voir mes déclarations » as on the ordinary receipt.
  const actions = [showMineAction(language)];
  if (record.assessment && REVIEWABLE_STATES.includes(record.state)) return receiptCard(record, language, { intro: 'awaitingDecision', notices: [...notices, state], actions });
  const title = record.publicId ? t.statusTitle(record.publicId) : t.declareTitle;
  return card([heading(title), ...notices.map((n) => textBlock(n, { weight: 'Bolder' })), textBlock(state, { weight: 'Bolder' }), factSet(summaryFacts(record, language))], actions);
}

/**
 * The proactive message to the declarant after a governance decision: the decision in words, by whom and when, the
 * comment, and for « changements demandés » a button that reopens the declaration (`declaration.reopen`), for any
 * other decision « Voir la déclaration » (`declaration.view`: its receipt as it stands now).
 */
export function decisionNoticeCard(record: DeclarationRecord, decision: DeclarationEvent, language: Language): Card {
  const t = LABELS[language];
  const name = safeClip(typeof record.data.name === 'string' ? record.data.name : '', 150) || t.untitled;
  const body = [
    heading(t.decisionNotice(record.publicId ?? t.noNumber, name, t.decisionWords[decision.to] ?? decision.to, shownPerson(decision.actor, 120, language))),
    textBlock(formatDate(decision.at, language), { isSubtle: true, spacing: 'None' }),
  ];
  if (decision.comment) body.push(textBlock(`**${t.comment}** ${safeLines(decision.comment, MAX_REVIEW_COMMENT_CHARS)}`));
  // Approved or refused, the notice still leads somewhere: the declaration as it stands, with the decision and the
  // obligations its assessment quotes, which an approval leaves the declarant to meet.
  if (record.state !== 'changes_requested') return card(body, [execute(t.viewDeclaration, DECLARATION_VERBS.view, { declarationId: record.id, lang: language }, { associatedInputs: 'none' })]);
  body.push(textBlock(t.reopenHint));
  return card(body, [execute(t.reopen, DECLARATION_VERBS.reopen, { declarationId: record.id, lang: language }, { associatedInputs: 'none' })]);
}

/**
 * The proactive message to the declarant when a governance reviewer takes their declaration for review (the
 * `in_review` event `taken`): « Votre déclaration IA-… « nom » est en examen : NAME l’a prise en charge. », the
 * date, and « Voir la déclaration » (`declaration.view`: its receipt as it stands now, which says who has it).
 */
export function inReviewNoticeCard(record: DeclarationRecord, taken: DeclarationEvent, language: Language): Card {
  const t = LABELS[language];
  const name = safeClip(typeof record.data.name === 'string' ? record.data.name : '', 150) || t.untitled;
  return card(
    [
      heading(t.inReviewNotice(record.publicId ?? t.noNumber, name, shownPerson(taken.actor, 120, language))),
      textBlock(formatDate(taken.at, language), { isSubtle: true, spacing: 'None' }),
    ],
    [execute(t.viewDeclaration, DECLARATION_VERBS.view, { declarationId: record.id, lang: language }, { associatedInputs: 'none' })],
  );
}
