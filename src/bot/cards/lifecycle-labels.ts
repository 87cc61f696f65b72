/**
 * Wording of « Reprendre en brouillon » (a submitted declaration taken back by its authors) and « Ne plus suivre » (a
 * collaborator leaving a declaration shared with them), French first, English for English-locale users. Arguments
 * are safe card text already (safeClip, formatDate, shownName). Kept apart from labels.ts so the list card, the
 * receipt, the review card and the notices share it without importing each other.
 */
export const LIFECYCLE_TEXT = {
  fr: {
    withdraw: 'Reprendre en brouillon',
    withdrawTooltip: 'Reprendre en brouillon (retirer de l’examen pour la modifier)',
    withdrawn: (id: string, name: string) =>
      `La déclaration ${id} « ${name} » est de nouveau un brouillon : vos réponses sont conservées. Modifiez-la, puis soumettez-la de nouveau : elle gardera le numéro ${id}.`,
    withdrawnNotPending: 'Elle n’est plus en attente d’examen par l’équipe de gouvernance.',
    alreadyWithdrawn: (who: string, when: string) => `${who} a déjà repris cette déclaration en brouillon le ${when} : rien d’autre n’a été modifié.`,
    cannotWithdrawTaken: (who: string, when: string) =>
      `${who} a pris cette déclaration en charge pour l’examiner le ${when} : elle ne peut plus être reprise en brouillon, rien n’a été modifié. Pour y changer quelque chose, écrivez à cette personne.`,
    cannotWithdrawDecided: (state: string) => `Cette déclaration est déjà examinée (${state}) : elle ne peut plus être reprise en brouillon, rien n’a été modifié.`,
    cannotWithdrawDraft: 'Cette déclaration n’est pas soumise : il n’y a rien à reprendre. Vous pouvez la modifier depuis « mes déclarations ».',
    reviewWithdrawnTitle: (id: string) => `Déclaration reprise en brouillon : ${id}`,
    reviewWithdrawn: (who: string, when: string) =>
      `${who} a repris cette déclaration en brouillon le ${when} : il n’y a rien à décider pour l’instant. Si elle est soumise de nouveau, une nouvelle carte d’examen sera publiée ici.`,
    pressWithdrawn: (button: string) => `Votre choix « ${button} » n’a pas été enregistré : la déclaration a été reprise en brouillon par ses auteurs.`,
    viewWithdrawn: (id: string, name: string, who: string, when: string) =>
      `La déclaration ${id} « ${name} » est de nouveau un brouillon : ${who} l’a reprise le ${when}. Elle n’est plus en attente d’examen ; son reçu reviendra quand elle sera soumise de nouveau.`,
    channelNotice: (id: string, name: string, who: string, when: string) =>
      `**${id} « ${name} » n’est plus à examiner** : ${who} l’a reprise en brouillon le ${when}. La carte d’examen publiée plus tôt ne vaut plus ; si la déclaration est soumise de nouveau, une nouvelle carte sera publiée ici.`,
    leave: 'Ne plus suivre',
    leaveTooltip: 'Ne plus suivre cette déclaration partagée avec vous',
    confirmLeaveQuestion: 'Ne plus suivre cette déclaration ?',
    confirmLeaveNote: (declarant: string) =>
      `Elle ne paraîtra plus dans « mes déclarations » et vous ne recevrez plus ses avis. Un avis sera envoyé à ${declarant}, qui l’a déclarée ; seule cette personne pourra vous la partager de nouveau. Ce que vous y avez écrit reste dans la déclaration.`,
    confirmLeave: 'Confirmer : ne plus suivre',
    cancelLeave: 'Annuler : continuer à suivre',
    left: (id: string, name: string, declarant: string) => `Vous ne suivez plus la déclaration ${id} « ${name} ». Un avis est envoyé à ${declarant}.`,
    alreadyLeft: (when: string) => `Vous ne suivez déjà plus cette déclaration depuis le ${when} : rien d’autre n’a été enregistré.`,
    removedBy: (who: string, when: string) => `${who} vous a retiré l’accès à cette déclaration le ${when} : vous ne la suivez déjà plus, rien n’a été enregistré.`,
    leaveDeclarant: 'Vous avez fait cette déclaration : elle reste dans « mes déclarations ». Pour retirer l’accès d’un collègue, utilisez « Partager ».',
    leaveDecided: (state: string) =>
      `Cette déclaration est ${state} : la liste des personnes qui la suivent reste telle qu’elle était à la décision, rien n’a été enregistré.`,
    leftNotice: (who: string, id: string, name: string, when: string) => `${who} ne suit plus votre déclaration ${id} « ${name} » (depuis le ${when}).`,
    takenBackNotice: (who: string, id: string, name: string, when: string) =>
      `${who} a repris en brouillon la déclaration ${id} « ${name} » le ${when} : elle n’est plus en attente d’examen par l’équipe de gouvernance. Ses réponses sont conservées ; soumise de nouveau, elle gardera le numéro ${id}.`,
    takenBackSetAside: (draft: string) =>
      `Votre brouillon en cours « ${draft} » a été mis de côté pour lui faire place, puisqu’une seule déclaration peut être en brouillon à la fois : rien n’est effacé. Vos réponses y sont conservées, y compris ce que vous enregistrerez encore avec « Suivant » sur sa carte déjà ouverte ; « mes déclarations » permet de le reprendre ou de le supprimer.`,
    accessLeft: (when: string, who: string) => `${when} : ${who} ne suit plus la déclaration.`,
    noNumber: 'sans numéro',
  },
  en: {
    withdraw: 'Take back to draft',
    withdrawTooltip: 'Take back to draft (withdraw from review to edit it)',
    withdrawn: (id: string, name: string) =>
      `Declaration ${id} "${name}" is a draft again: your answers are kept. Edit it, then submit it again: it keeps the number ${id}.`,
    withdrawnNotPending: 'It no longer awaits review by the governance team.',
    alreadyWithdrawn: (who: string, when: string) => `${who} already took this declaration back to draft on ${when}: nothing else was changed.`,
    cannotWithdrawTaken: (who: string, when: string) =>
      `${who} took this declaration for review on ${when}: it can no longer be taken back to draft, nothing was changed. To change something in it, write to them.`,
    cannotWithdrawDecided: (state: string) => `This declaration was already reviewed (${state}): it can no longer be taken back to draft, nothing was changed.`,
    cannotWithdrawDraft: 'This declaration is not submitted: there is nothing to take back. You can edit it from "my declarations".',
    reviewWithdrawnTitle: (id: string) => `Declaration taken back to draft: ${id}`,
    reviewWithdrawn: (who: string, when: string) =>
      `${who} took this declaration back to draft on ${when}: there is nothing to decide for now. If it is submitted again, a new review card will be posted here.`,
    pressWithdrawn: (button: string) => `Your “${button}” was not recorded: the declaration was taken back to draft by its authors.`,
    viewWithdrawn: (id: string, name: string, who: string, when: string) =>
      `Declaration ${id} "${name}" is a draft again: ${who} took it back on ${when}. It no longer awaits review; its receipt will be back once it is submitted again.`,
    channelNotice: (id: string, name: string, who: string, when: string) =>
      `**${id} "${name}" no longer awaits review**: ${who} took it back to draft on ${when}. The review card posted earlier no longer stands; if the declaration is submitted again, a new card will be posted here.`,
    leave: 'Stop following',
    leaveTooltip: 'Stop following this declaration shared with you',
    confirmLeaveQuestion: 'Stop following this declaration?',
    confirmLeaveNote: (declarant: string) =>
      `It will no longer be in "my declarations" and you will no longer get its notices. ${declarant} (who declared it) will be told; only they can share it with you again. What you wrote in it stays in the declaration.`,
    confirmLeave: 'Confirm: stop following',
    cancelLeave: 'Cancel: keep following',
    left: (id: string, name: string, declarant: string) => `You no longer follow declaration ${id} "${name}". ${declarant} will be notified.`,
    alreadyLeft: (when: string) => `You already stopped following this declaration on ${when}: nothing else was recorded.`,
    removedBy: (who: string, when: string) => `${who} took away your access to this declaration on ${when}: you no longer follow it, nothing was recorded.`,
    leaveDeclarant: 'You made this declaration: it stays in "my declarations". To take a colleague’s access away, use "Share".',
    leaveDecided: (state: string) => `This declaration is ${state}: the people following it stay as they were at the decision, nothing was recorded.`,
    leftNotice: (who: string, id: string, name: string, when: string) => `${who} no longer follows your declaration ${id} "${name}" (since ${when}).`,
    takenBackNotice: (who: string, id: string, name: string, when: string) =>
      `${who} took declaration ${id} "${name}" back to draft on ${when}: it no longer awaits review by the governance team. Its answers are kept; submitted again, it keeps the number ${id}.`,
    takenBackSetAside: (draft: string) =>
      `Your draft in progress "${draft}" was set aside to make room for it, since only one declaration can be a draft at a time: nothing is erased. Your answers in it are kept, including what you still save with "Next" on its card already open; "my declarations" lets you resume or delete it.`,
    accessLeft: (when: string, who: string) => `${when}: ${who} stopped following the declaration.`,
    noNumber: 'without a number',
  },
} as const;
