import type { Language } from '../../answers/types.js';
import type { DeclarationRecord } from '../../inventory/index.js';
import { card, execute, factSet, heading, textBlock, type Card } from './card.js';
import { formatDate, LABELS } from './labels.js';
import { showMineAction } from './list-card.js';
import { summaryFacts } from './summary.js';
import { DECLARATION_VERBS } from './verbs.js';

/**
 * The question asked before a draft never submitted is deleted (« Supprimer définitivement ce brouillon mis de côté? »
 * for a draft set aside, « … ce brouillon? » for the current one): which draft (its summary), that what was typed
 * will be erased for good (and, when it is shared, that its collaborators lose it and what they typed), and two buttons in words, « Oui, supprimer ce brouillon »
 * (`declaration.delete_set_aside.confirm`, its data saying whether the draft was set aside, for the words of the
 * answer, and the draft's revision, so that a draft changed since is not deleted) and « Non, garder ce brouillon »
 * (back to the person's list, `declaration.list_mine`). The confirm button's destructive style only adds colour to
 * words that already say what it does. `notices` (already safe) come first.
 */
export function confirmDeleteDraftCard(record: DeclarationRecord, language: Language, notices: string[] = []): Card {
  const t = LABELS[language];
  const setAside = record.setAsideAt !== null;
  const question = setAside ? t.confirmDeleteQuestion : t.confirmDeleteDraftQuestion;
  const data = { declarationId: record.id, setAside, revision: record.revision, lang: language };
  return card(
    [
      ...notices.map((notice) => textBlock(notice, { weight: 'Bolder' })),
      heading(question),
      textBlock(t.confirmDeleteNote, { weight: 'Bolder' }),
      // The colleagues it is shared with lose it too, and what they typed: the declarant decides knowing it.
      ...(record.collaborators.length > 0 ? [textBlock(t.confirmDeleteShared(record.collaborators.length), { weight: 'Bolder' })] : []),
      factSet(summaryFacts(record, language)),
    ],
    [
      execute(t.confirmDelete, DECLARATION_VERBS.confirmDeleteSetAside, data, { style: 'destructive', associatedInputs: 'none' }),
      execute(t.cancelDelete, DECLARATION_VERBS.listMine, { lang: language }, { associatedInputs: 'none' }),
    ],
  );
}

/**
 * `deleted`: after a confirmed deletion, the draft is gone (also when it was gone before this press: a double
 * click on « Oui » gets the same answer twice), « Le brouillon mis de côté est supprimé. » or, with `setAside`
 * false, « Le brouillon est supprimé. ». `already_deleted`: a deletion asked (not confirmed) of a draft gone before,
 * nothing else touched. Both offer the person's list.
 */
export function draftDeletedCard(outcome: 'deleted' | 'already_deleted', language: Language, setAside = true): Card {
  const t = LABELS[language];
  const text = outcome === 'already_deleted' ? t.alreadyDeleted : setAside ? t.setAsideDeleted : t.draftDeleted;
  return card([textBlock(text)], [showMineAction(language)]);
}

/**
 * A button pressed on a card of a draft its declarant deleted since (an older step card still in the chat): that
 * the draft was deleted, on `deletedAt` (ISO 8601, shown in Quebec time), and « Nouvelle déclaration »
 * (`declaration.start_new`) beside « Voir mes déclarations », rather than « introuvable ».
 */
export function deletedDraftCard(deletedAt: string, language: Language): Card {
  const t = LABELS[language];
  return card(
    [textBlock(t.deletedOn(formatDate(deletedAt, language)))],
    [execute(t.startNew, DECLARATION_VERBS.startNew, { lang: language }, { associatedInputs: 'none' }), showMineAction(language)],
  );
}
