import type { Language } from '../../answers/types.js';
import { shownPerson } from './summary.js';
import { LEAVABLE_STATES, reviewTakenBy, sameUser, type AccessEvent, type DeclarationEvent, type DeclarationRecord } from '../../inventory/index.js';
import { accessHistoryElements, type KnownNames } from './collaborators-card.js';
import { execute, type Card } from './card.js';
import { LABELS, formatDate, type ReceiptIntro } from './labels.js';
import { withdrawAction } from './lifecycle-cards.js';
import { LIFECYCLE_TEXT } from './lifecycle-labels.js';
import { showMineAction } from './list-card.js';
import { receiptCard } from './receipt-card.js';
import { REVIEWABLE_STATES, lastDecision } from './review-card.js';
import { DECLARATION_VERBS } from './verbs.js';

/**
 * A submitted declaration's receipt as it stands now (« Voir » on « mes déclarations »): IA number, summary with
 * its state, the declarant's answers as the governance team reads them (see receiptCard's `answers`), and the assessment with the quotes stored at submission (see receiptCard). While it awaits a decision
 * the intro says so, and once a reviewer took it, « En examen par NAME depuis le DATE » on top; once decided (approved, rejected) or sent back for changes, the decision in words, who, when
 * and the comment, from `events` (the declaration's, oldest first). Ends with « Modifier la déclaration »
 * (`declaration.reopen`) when changes are requested, and « Voir mes déclarations » (`declaration.list_mine`), since
 * this card replaces the list it was opened from. With `access`, the declaration's access changes (who gave or took
 * away whose access, when: accessHistoryElements) close its body, the people named by `names` where known.
 * While submitted and not yet taken for review, « Reprendre en brouillon » (`declaration.withdraw`) comes first; for
 * `reader` a collaborator (not its declarant), « Ne plus suivre » (`declaration.leave`) until approved or rejected.
 */
export function viewCard(
  record: DeclarationRecord,
  events: readonly DeclarationEvent[],
  language: Language,
  access: { events: readonly AccessEvent[]; names: KnownNames } = { events: [], names: new Map() },
  reader?: string,
): Card {
  const t = LABELS[language];
  const editable = record.state === 'changes_requested';
  const intro: ReceiptIntro = REVIEWABLE_STATES.includes(record.state) ? 'awaitingDecision' : editable ? 'changesRequested' : 'decided';
  const collaborator = reader !== undefined && !sameUser(record.declarant.id, reader);
  const lifecycle = LIFECYCLE_TEXT[language];
  const actions = [
    ...(record.state === 'submitted' ? [withdrawAction(record, language)] : []),
    ...(collaborator && LEAVABLE_STATES.includes(record.state)
      ? [execute(lifecycle.leave, DECLARATION_VERBS.leave, { declarationId: record.id, lang: language }, { associatedInputs: 'none', tooltip: lifecycle.leaveTooltip })]
      : []),
    ...(editable ? [execute(t.reopen, DECLARATION_VERBS.reopen, { declarationId: record.id, lang: language }, { associatedInputs: 'none' })] : []),
    showMineAction(language),
  ];
  const taken = reviewTakenBy(record, events);
  const notices = taken ? [t.inReviewBy(shownPerson(taken.actor, 120, language), formatDate(taken.at, language))] : [];
  const history = accessHistoryElements(access.events, access.names, language);
  return receiptCard(record, language, { intro, notices, decision: lastDecision(record, events), actions, answers: true, history });
}
