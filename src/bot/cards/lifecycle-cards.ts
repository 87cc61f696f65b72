import type { Language } from '../../answers/types.js';
import { reviewTakenBy, type AccessEvent, type DeclarationEvent, type DeclarationRecord } from '../../inventory/index.js';
import { card, execute, factSet, heading, textBlock, type Card, type ExecuteAction } from './card.js';
import { LABELS, formatDate } from './labels.js';
import { LIFECYCLE_TEXT } from './lifecycle-labels.js';
import { withdrawalOf } from './review-card.js';
import { showMineAction } from './list-card.js';
import { summaryFacts, shownName, shownPerson } from './summary.js';
import { DECLARATION_VERBS } from './verbs.js';

/** Longest person's name shown in these cards, in characters (as the review card clips them). */
const MAX_PERSON_CHARS = 120;

/** The IA number of `record`, or « sans numéro ». */
function numberOf(record: DeclarationRecord, language: Language): string {
  return record.publicId ?? LIFECYCLE_TEXT[language].noNumber;
}

/**
 * « Reprendre en brouillon » (`declaration.withdraw`) for a declaration's own card (the receipt « Voir » opens): its
 * id and the card's language; its tooltip says what it does. For the list card, see listCard.
 */
export function withdrawAction(record: DeclarationRecord, language: Language): ExecuteAction {
  const t = LIFECYCLE_TEXT[language];
  return execute(t.withdraw, DECLARATION_VERBS.withdraw, { declarationId: record.id, lang: language }, { associatedInputs: 'none', tooltip: t.withdrawTooltip });
}

/**
 * The answer to « Reprendre en brouillon » once the declaration is a draft again (or was already, by this same
 * person's press): that the answers are kept and the number stays, that it no longer awaits review, with « Modifier
 * la déclaration » (`declaration.reopen`) and « Voir mes déclarations ».
 */
export function withdrawnCard(record: DeclarationRecord, language: Language): Card {
  const t = LIFECYCLE_TEXT[language];
  const lines = [t.withdrawn(numberOf(record, language), shownName(record, language)), t.withdrawnNotPending];
  return card(lines.map((line) => textBlock(line)), [
    execute(LABELS[language].reopen, DECLARATION_VERBS.reopen, { declarationId: record.id, lang: language }, { associatedInputs: 'none' }),
    showMineAction(language),
  ]);
}

/**
 * « Voir » pressed on a declaration taken back to draft (`record`, a draft with its IA number; `events`, its
 * history), from a list or a receipt shown while it was submitted: that it is a draft again, who took it back and
 * when, that its receipt comes back with the next submission, with « Modifier la déclaration » and « Voir mes
 * déclarations ». A colleague's withdrawal is how its declarant learns of it.
 */
export function withdrawnViewCard(record: DeclarationRecord, events: readonly DeclarationEvent[], language: Language): Card {
  const t = LIFECYCLE_TEXT[language];
  const withdrawal = withdrawalOf(record, events);
  const text = withdrawal
    ? t.viewWithdrawn(numberOf(record, language), shownName(record, language), shownPerson(withdrawal.actor, MAX_PERSON_CHARS, language), formatDate(withdrawal.at, language))
    : t.withdrawn(numberOf(record, language), shownName(record, language));
  return card([textBlock(text)], [
    execute(LABELS[language].reopen, DECLARATION_VERBS.reopen, { declarationId: record.id, lang: language }, { associatedInputs: 'none' }),
    showMineAction(language),
  ]);
}

/**
 * Why « Reprendre en brouillon » recorded nothing, from the declaration as it is now (`current`, with its `events`):
 * a reviewer took it (named, since when), it was decided, another author took it back already (named, when: then
 * « Modifier la déclaration » too), or it is no submitted declaration. Ends with « Voir mes déclarations ».
 */
export function withdrawRefusedCard(current: DeclarationRecord, events: readonly DeclarationEvent[], language: Language): Card {
  const t = LIFECYCLE_TEXT[language];
  const taken = reviewTakenBy(current, events);
  const withdrawal = withdrawalOf(current, events);
  const decision = LABELS[language].decisionWords[current.state];
  const text = taken
    ? t.cannotWithdrawTaken(shownPerson(taken.actor, MAX_PERSON_CHARS, language), formatDate(taken.at, language))
    : withdrawal
      ? t.alreadyWithdrawn(shownPerson(withdrawal.actor, MAX_PERSON_CHARS, language), formatDate(withdrawal.at, language))
      : decision
        ? t.cannotWithdrawDecided(decision)
        : t.cannotWithdrawDraft;
  const reopen = withdrawal ? [execute(LABELS[language].reopen, DECLARATION_VERBS.reopen, { declarationId: current.id, lang: language }, { associatedInputs: 'none' })] : [];
  return card([textBlock(text, { weight: 'Bolder' })], [...reopen, showMineAction(language)]);
}

/**
 * « Ne plus suivre « nom » » on a shared declaration (`declaration.leave`): a question as the card's heading, what
 * leaving does, the declaration's summary, then two buttons whose words carry their whole meaning (no colour is
 * needed to tell them apart): « Confirmer : ne plus suivre » (`declaration.leave.confirm`) and « Annuler : continuer
 * à suivre » (back to the list, `declaration.list_mine`). No inputs.
 */
export function confirmLeaveCard(record: DeclarationRecord, language: Language): Card {
  const t = LIFECYCLE_TEXT[language];
  const declarant = shownPerson(record.declarant, MAX_PERSON_CHARS, language);
  return card(
    [heading(t.confirmLeaveQuestion), textBlock(t.confirmLeaveNote(declarant)), factSet(summaryFacts(record, language))],
    [
      execute(t.confirmLeave, DECLARATION_VERBS.confirmLeave, { declarationId: record.id, lang: language }, { associatedInputs: 'none', tooltip: t.leaveTooltip }),
      execute(t.cancelLeave, DECLARATION_VERBS.listMine, { lang: language }, { associatedInputs: 'none' }),
    ],
  );
}

/** After « Confirmer : ne plus suivre »: that the person no longer follows it and its declarant is told; their list. */
export function leftCard(record: DeclarationRecord, language: Language): Card {
  const t = LIFECYCLE_TEXT[language];
  return card([textBlock(t.left(numberOf(record, language), shownName(record, language), shownPerson(record.declarant, MAX_PERSON_CHARS, language)))], [showMineAction(language)]);
}

/**
 * Why « Ne plus suivre » recorded nothing: the person left already (`ended`, their own removal: since when), the
 * declarant took the access away (`ended`, someone else's: who, when), the person is the declarant, or the
 * declaration was decided (`decided`: its state). Ends with « Voir mes déclarations ».
 */
export function leaveRefusedCard(
  reason: { kind: 'not_following'; ended: AccessEvent } | { kind: 'declarant' } | { kind: 'decided'; current: DeclarationRecord },
  language: Language,
): Card {
  const t = LIFECYCLE_TEXT[language];
  let text: string;
  if (reason.kind === 'declarant') text = t.leaveDeclarant;
  else if (reason.kind === 'decided') text = t.leaveDecided(LABELS[language].decisionWords[reason.current.state] ?? reason.current.state);
  else {
    const { ended } = reason;
    const when = formatDate(ended.at, language);
    text = ended.actor.id === ended.userId ? t.alreadyLeft(when) : t.removedBy(shownPerson(ended.actor, MAX_PERSON_CHARS, language), when);
  }
  return card([textBlock(text, { weight: 'Bolder' })], [showMineAction(language)]);
}

/**
 * The governance channel's notice that a declaration whose review card it got was taken back to draft by `event`
 * (who, when): the card posted earlier no longer stands; a new one comes if it is submitted again.
 */
export function withdrawnChannelCard(record: DeclarationRecord, event: DeclarationEvent, language: Language): Card {
  const t = LIFECYCLE_TEXT[language];
  return card([textBlock(t.channelNotice(numberOf(record, language), shownName(record, language), shownPerson(event.actor, MAX_PERSON_CHARS, language), formatDate(event.at, language)))]);
}

/** The declarant's notice that a colleague stopped following their declaration (`event`, the self-removal), with their list. */
export function leftNoticeCard(record: DeclarationRecord, event: AccessEvent, language: Language): Card {
  const t = LIFECYCLE_TEXT[language];
  const text = t.leftNotice(shownPerson(event.actor, MAX_PERSON_CHARS, language), numberOf(record, language), shownName(record, language), formatDate(event.at, language));
  return card([textBlock(text)], [showMineAction(language)]);
}

/**
 * The notice to one of a declaration's authors that another took it back to draft (`taken`, its `draft` event):
 * who, the IA number, its name and when, that it no longer awaits review and keeps its answers and number; when that
 * set the recipient's own draft in progress aside (`setAside`, that draft), what became of their answers. With
 * « Modifier la déclaration » (`declaration.reopen`) and « Voir mes déclarations ».
 */
export function takenBackNoticeCard(record: DeclarationRecord, taken: DeclarationEvent, setAside: DeclarationRecord | null, language: Language): Card {
  const t = LIFECYCLE_TEXT[language];
  const lines = [t.takenBackNotice(shownPerson(taken.actor, MAX_PERSON_CHARS, language), numberOf(record, language), shownName(record, language), formatDate(taken.at, language))];
  if (setAside) lines.push(t.takenBackSetAside(shownName(setAside, language)));
  return card(lines.map((line) => textBlock(line)), [
    execute(LABELS[language].reopen, DECLARATION_VERBS.reopen, { declarationId: record.id, lang: language }, { associatedInputs: 'none' }),
    showMineAction(language),
  ]);
}
