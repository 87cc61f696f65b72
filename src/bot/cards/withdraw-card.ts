import type { Language } from '../../answers/types.js';
import { card, execute, factSet, heading, safeClip, textBlock, type Card } from './card.js';
import { clip } from '../render/text.js';
import { formatDate } from './labels.js';

/** The `Action.Execute` verbs of the withdrawal confirmation card, served by routes/document-withdrawal.ts. */
export const WITHDRAW_VERBS = {
  /** « Retirer le document »: withdraws the document, if its published version is still the one shown. */
  confirm: 'documents.withdraw',
  /** « Annuler »: withdraws nothing. */
  cancel: 'documents.withdraw_cancel',
} as const;

/** Characters of a document title shown on these cards (as `historique` and the command replies clip it). */
const MAX_TITLE_CHARS = 150;
/** Characters of a document id, a version label or a person's name shown on these cards. */
const MAX_NAME_CHARS = 120;

const TEXT = {
  fr: {
    question: 'Retirer ce document?',
    document: 'Document',
    id: 'Identifiant',
    version: 'Version publiée',
    publishedOn: (label: string, when: string) => `${label}, publiée le ${when}`,
    effect: 'Si vous choisissez « Retirer le document », il cessera d’être publié dès maintenant, pour tout le monde : les réponses aux employés ne le citeront plus.',
    undo: (command: string) => `Ses versions restent enregistrées : pour le publier de nouveau, il suffira de taper « ${command} » (un aperçu à confirmer, comme toujours).`,
    nothingYet: 'Rien n’est retiré tant que vous n’avez pas choisi « Retirer le document ».',
    confirm: 'Retirer le document',
    confirmTooltip: (title: string) => `Retirer « ${title} » : les réponses ne le citeront plus`,
    cancel: 'Annuler',
    cancelTooltip: 'Annuler : le document reste publié',
    withdrawn: (title: string, id: string, label: string, command: string) =>
      `Document retiré : « ${title} » (identifiant : ${id}, version ${label}) n’est plus publié ; les réponses ne le citent plus. Ses versions restent enregistrées : pour le publier de nouveau, tapez « ${command} ».`,
    withdrawnBy: (who: string, when: string) => `Retiré par ${who} le ${when}.`,
    kept: (title: string, id: string, label: string) => `Retrait annulé : « ${title} » (identifiant : ${id}) reste publié, version ${label}. Rien n’a été modifié.`,
    alreadyWithdrawn: (title: string, id: string, by: string | null) =>
      `Rien n’a été modifié : « ${title} » (identifiant : ${id}) a déjà été retiré${by ?? ''} ; aucune de ses versions n’est publiée.`,
    by: (who: string, when: string) => ` par ${who} le ${when}`,
    changed: (title: string, id: string, label: string, command: string) =>
      `Rien n’a été retiré : cette demande n’est plus à jour. « ${title} » (identifiant : ${id}) a été publié de nouveau depuis (version publiée : ${label}). Pour le retirer, tapez de nouveau « ${command} ».`,
    unknown: (id: string) => `Rien n’a été retiré : aucun document n’a l’identifiant ${id}.`,
    invalid: 'Rien n’a été retiré : cette demande de retrait n’est plus valide. Tapez de nouveau « retirer » suivi de l’identifiant du document.',
    rollbackWord: 'rétablir',
    withdrawWord: 'retirer',
  },
  en: {
    question: 'Withdraw this document?',
    document: 'Document',
    id: 'Id',
    version: 'Published version',
    publishedOn: (label: string, when: string) => `${label}, published on ${when}`,
    effect: 'If you choose "Withdraw the document", it stops being published now, for everyone: employees’ answers will no longer quote it.',
    undo: (command: string) => `Its versions stay on record: to publish it again, type "${command}" (a preview to confirm, as always).`,
    nothingYet: 'Nothing is withdrawn until you choose "Withdraw the document".',
    confirm: 'Withdraw the document',
    confirmTooltip: (title: string) => `Withdraw "${title}": answers will no longer quote it`,
    cancel: 'Cancel',
    cancelTooltip: 'Cancel: the document stays published',
    withdrawn: (title: string, id: string, label: string, command: string) =>
      `Document withdrawn: "${title}" (id: ${id}, version ${label}) is no longer published; answers no longer quote it. Its versions stay on record: to publish it again, type "${command}".`,
    withdrawnBy: (who: string, when: string) => `Withdrawn by ${who} on ${when}.`,
    kept: (title: string, id: string, label: string) => `Withdrawal cancelled: "${title}" (id: ${id}) stays published, version ${label}. Nothing was changed.`,
    alreadyWithdrawn: (title: string, id: string, by: string | null) => `Nothing was changed: "${title}" (id: ${id}) was already withdrawn${by ?? ''}; none of its versions is published.`,
    by: (who: string, when: string) => ` by ${who} on ${when}`,
    changed: (title: string, id: string, label: string, command: string) =>
      `Nothing was withdrawn: this request is out of date. "${title}" (id: ${id}) was published again since (published version: ${label}). To withdraw it, type "${command}" again.`,
    unknown: (id: string) => `Nothing was withdrawn: no document has the id ${id}.`,
    invalid: 'Nothing was withdrawn: this withdrawal request is no longer valid. Type "withdraw" and the document’s id again.',
    rollbackWord: 'rollback',
    withdrawWord: 'withdraw',
  },
} as const;

/** A document version as these cards name it (StoredVersion's fields they show). */
export interface ShownVersion {
  docId: string;
  title: string;
  label: string;
}

/** Who withdrew a document and when (an audit event's actor name or id, and its ISO time). */
export interface WithdrawalBy {
  who: string;
  at: string;
}

/** What both buttons of the confirmation card carry: the publication shown (see ShownPublication) and the card's language. */
export interface WithdrawActionData {
  docId: string;
  versionId: number;
  publishedAt: string | null;
  lang: Language;
  [key: string]: unknown;
}

/**
 * The question `retirer DOC` / `withdraw DOC` answers with before anything is withdrawn: which document (title, id,
 * published version and when it was published), what withdrawing does in plain words (no longer published, now,
 * for everyone; employees' answers stop quoting it), that `rétablir DOC VERSION` undoes it, that nothing happens
 * until « Retirer le document » is chosen; then « Retirer le document » (`documents.withdraw`) and « Annuler »
 * (`documents.withdraw_cancel`), each with a tooltip saying what it does. The destructive style only adds colour
 * to words that already say it. `data`: the publication shown, so that a press after it changed does nothing.
 */
export function withdrawConfirmCard(version: ShownVersion & { publishedAt: string | null }, data: WithdrawActionData, language: Language): Card {
  const t = TEXT[language];
  const title = safeClip(version.title, MAX_TITLE_CHARS);
  const label = safeClip(version.label, MAX_NAME_CHARS);
  const published = version.publishedAt === null ? label : t.publishedOn(label, formatDate(version.publishedAt, language));
  return card(
    [
      heading(t.question),
      factSet([
        [t.document, title],
        [t.id, safeClip(version.docId, MAX_NAME_CHARS)],
        [t.version, published],
      ]),
      textBlock(t.effect, { weight: 'Bolder' }),
      textBlock(t.undo(rollbackCommand(version, language))),
      textBlock(t.nothingYet),
    ],
    [
      // A tooltip is plain text, not markdown: the title as it is, clipped.
      execute(t.confirm, WITHDRAW_VERBS.confirm, data, { style: 'destructive', associatedInputs: 'none', tooltip: t.confirmTooltip(clip(version.title, MAX_TITLE_CHARS)) }),
      execute(t.cancel, WITHDRAW_VERBS.cancel, data, { associatedInputs: 'none', tooltip: t.cancelTooltip }),
    ],
  );
}

/**
 * The confirmation card once the document is withdrawn (by this press, or by the same person's earlier press of it):
 * « Document retiré : « T » (identifiant : …, version …) n’est plus publié… » with the `rétablir` to type, and who
 * withdrew it and when; no buttons.
 */
export function documentWithdrawnCard(version: ShownVersion, by: WithdrawalBy | null, language: Language): Card {
  const t = TEXT[language];
  const lines = [t.withdrawn(safeClip(version.title, MAX_TITLE_CHARS), safeClip(version.docId, MAX_NAME_CHARS), safeClip(version.label, MAX_NAME_CHARS), rollbackCommand(version, language))];
  if (by) lines.push(t.withdrawnBy(safeClip(by.who, MAX_NAME_CHARS), formatDate(by.at, language)));
  return card(lines.map((line) => textBlock(line)));
}

/** The confirmation card after « Annuler »: the document stays published (`version`: the one published now); no buttons. */
export function withdrawalCancelledCard(version: ShownVersion, language: Language): Card {
  const t = TEXT[language];
  return card([textBlock(t.kept(safeClip(version.title, MAX_TITLE_CHARS), safeClip(version.docId, MAX_NAME_CHARS), safeClip(version.label, MAX_NAME_CHARS)))]);
}

/**
 * Why a press of the confirmation card did nothing, as a card of one sentence: `already_withdrawn` (someone else,
 * or the command line, withdrew it: who and when when known), `changed` (a version was published since: which, and
 * the command to type again), `unknown` (no such document), `invalid` (a payload that is not one of this card's).
 */
export function withdrawalNotChangedCard(
  reason: { kind: 'already_withdrawn'; version: Pick<ShownVersion, 'docId' | 'title'>; by: WithdrawalBy | null } | { kind: 'changed'; version: ShownVersion } | { kind: 'unknown'; docId: string } | { kind: 'invalid' },
  language: Language,
): Card {
  const t = TEXT[language];
  const text = (() => {
    switch (reason.kind) {
      case 'already_withdrawn': {
        const by = reason.by ? t.by(safeClip(reason.by.who, MAX_NAME_CHARS), formatDate(reason.by.at, language)) : null;
        return t.alreadyWithdrawn(safeClip(reason.version.title, MAX_TITLE_CHARS), safeClip(reason.version.docId, MAX_NAME_CHARS), by);
      }
      case 'changed': {
        const { version } = reason;
        const command = safeClip(`${t.withdrawWord} ${version.docId}`, MAX_NAME_CHARS);
        return t.changed(safeClip(version.title, MAX_TITLE_CHARS), safeClip(version.docId, MAX_NAME_CHARS), safeClip(version.label, MAX_NAME_CHARS), command);
      }
      case 'unknown':
        return t.unknown(safeClip(reason.docId, MAX_NAME_CHARS));
      case 'invalid':
        return t.invalid;
    }
  })();
  return card([textBlock(text)]);
}

/** `rétablir DOC VERSION` (`rollback …` in English) for `version`, markdown-safe. */
function rollbackCommand(version: Pick<ShownVersion, 'docId' | 'label'>, language: Language): string {
  return safeClip(`${TEXT[language].rollbackWord} ${version.docId} ${version.label}`, MAX_TITLE_CHARS);
}
