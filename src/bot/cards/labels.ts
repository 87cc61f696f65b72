import type { Language } from '../../answers/types.js';
import type { FlagChange } from '../../documents/store.js';
import { STATE_LABELS, STATES, type DeclarationState, type GivenUpNotification, type Step } from '../../inventory/index.js';
import { FRENCH_HOUR_SEPARATOR } from '../../quebec-time.js';
import { counted } from '../../plural.js';
import type { InventoryFilter } from './review-card.js';

/**
 * What a notice given up was, as the inventory list says it (LABELS.givenUp): its kind, the « en examen » step's
 * notice and copy told apart from the decision's (GivenUpNotification.step). Each label is called with when it was
 * given up and `who`, the person a personal notice was for (their display name, else their id: see listCard), which the
 * labels of notices to the channel or the declarant leave out.
 */
export type GivenUpLabel = GivenUpNotification['kind'] | 'in_review_notice' | 'in_review_copy';

/** The label of `notice` (see GivenUpLabel). */
export function givenUpLabel(notice: Pick<GivenUpNotification, 'kind' | 'step'>): GivenUpLabel {
  if (notice.step !== 'in_review') return notice.kind;
  if (notice.kind === 'decision_notice') return 'in_review_notice';
  return notice.kind === 'decision_copy' ? 'in_review_copy' : notice.kind;
}

/**
 * What the receipt says of the way to the governance team: `sent` once a governance channel is registered (the
 * outbox posts the review card there); `awaitingChannel` while none is (the card waits in the outbox until
 * `gouvernance enregistrer`); `awaitingDecision` when the receipt is shown again later as the declaration's state;
 * `decided` (approved, rejected) and `changesRequested` when the receipt is shown again (« Voir ») after a decision.
 */
export type ReceiptIntro = 'sent' | 'awaitingChannel' | 'awaitingDecision' | 'decided' | 'changesRequested';

/**
 * Where the preliminary assessment stands, as a card says it: `preliminary` while the declaration awaits the
 * governance team's decision; `reviewed` once the team approved or rejected it (the assessment was on the card it
 * decided from; nobody edits the level or the obligations); `redo` when the team asked for changes (the assessment
 * is computed again at the next submission, see InventoryService.submit).
 */
export type AssessmentStanding = 'preliminary' | 'reviewed' | 'redo';

/** Wording of the declaration cards, French first, English for English-locale users. */
export const LABELS = {
  fr: {
    declareTitle: 'Déclarer un usage de l’intelligence artificielle',
    stepNumber: (id: string) => `Numéro de la déclaration : ${id}`,
    progress: (n: number, total: number, title: string) => `Étape ${n} sur ${total} — ${title}`,
    steps: { identification: 'Identification', nature: 'Nature et données', effects: 'Effets et supervision' } satisfies Record<Step, string>,
    required: '(obligatoire)',
    requiredAtLeast: (n: number) => `(obligatoire, au moins ${n} caractères)`,
    choose: 'Choisir…',
    yes: 'Oui',
    no: 'Non',
    errorWord: 'Erreur :',
    errorSummary: (n: number) =>
      n === 1 ? 'un champ est à corriger (voir « Erreur » à côté de son nom).' : `${n} champs sont à corriger (voir « Erreur » à côté du nom de chaque champ).`,
    // Only a button press saves: what is typed on a card and never sent is lost when Teams closes (seen in the
    // Playground, where « enregistré à chaque étape » read as if typing were enough).
    savedNote: 'Vos réponses sont enregistrées chaque fois que vous appuyez sur un bouton de cette carte, même incomplètes : vous pouvez ensuite fermer Teams et reprendre avec /déclarer.',
    back: 'Précédent',
    next: 'Suivant',
    submit: 'Soumettre',
    receiptTitle: (id: string) => `Déclaration reçue : ${id}`,
    changesRequestedTitle: (id: string) => `Déclaration à modifier : ${id}`,
    decidedTitle: (id: string) => `Déclaration examinée : ${id}`,
    receiptIntro: {
      sent: 'Votre déclaration est transmise à l’équipe de gouvernance. Sa décision vous sera communiquée ici.',
      awaitingChannel:
        'Votre déclaration est enregistrée. Elle parviendra à l’équipe de gouvernance dès que son canal Teams sera configuré ; les administrateurs de la gouvernance la voient déjà avec la commande « inventaire ». Sa décision vous sera communiquée ici.',
      awaitingDecision: 'Elle attend la décision de l’équipe de gouvernance. Cette décision vous sera communiquée ici.',
      decided: 'L’équipe de gouvernance a rendu sa décision sur cette déclaration.',
      changesRequested: 'L’équipe de gouvernance demande des changements : « Modifier la déclaration » la rouvre, pour la soumettre de nouveau.',
    } satisfies Record<ReceiptIntro, string>,
    assessment: {
      preliminary: {
        title: 'Évaluation préliminaire',
        note: 'Établie automatiquement à partir des réponses ; à confirmer par l’équipe de gouvernance.',
      },
      reviewed: {
        title: 'Évaluation examinée par l’équipe de gouvernance',
        note: 'Établie automatiquement à partir des réponses soumises.',
      },
      redo: {
        title: 'Évaluation préliminaire',
        note: 'Établie automatiquement à partir des réponses soumises ; elle sera refaite quand la déclaration modifiée sera soumise de nouveau.',
      },
    } satisfies Record<AssessmentStanding, { title: string; note: string }>,
    impact: (level: number) => `Niveau d’impact : ${level} sur 4`,
    levels: {
      1: 'impact faible ou nul : effets probablement réversibles et brefs.',
      2: 'impact modéré : effets probablement réversibles et de courte durée.',
      3: 'impact élevé : effets difficiles à renverser et continus.',
      4: 'impact très élevé : effets probablement irréversibles et permanents.',
    } as Record<1 | 2 | 3 | 4, string>,
    obligations: 'Obligations déclenchées',
    declaredDone: {
      preliminary: 'selon la déclaration, c’est déjà fait (à vérifier par l’équipe de gouvernance)',
      reviewed: 'selon la déclaration, c’est déjà fait',
      redo: 'selon la déclaration, c’est déjà fait',
    } satisfies Record<AssessmentStanding, string>,
    noObligation: 'Aucune obligation particulière n’a été déclenchée par les règles.',
    quotesLeftOut: 'Les passages qui fondent ces obligations ne tiennent pas sur cette carte avec vos réponses : le reçu de la soumission les cite.',
    reviewQuotesLeftOut: 'Les passages qui fondent ces obligations ne tiennent pas sur cette carte avec les réponses : le reçu envoyé à la personne déclarante les cite.',
    quoteMissing: 'Le passage qui fonde cette obligation ne se trouve pas dans les documents indexés (document pas encore indexé, ou passage retiré depuis) : consultez le texte officiel.',
    source: 'Source :',
    quotedFrom: 'Citations tirées de :',
    documentRef: (n: number) => `document ${n}`,
    version: (v: string) => `version ${v}`,
    cutMark: '[…]',
    notAssessed: 'L’évaluation préliminaire n’est pas encore disponible.',
    facts: {
      publicId: 'Numéro',
      name: 'Initiative',
      organismePublic: 'Organisme',
      portefeuille: 'Portefeuille ministériel',
      category: 'Catégorie',
      status: 'État de l’initiative',
      declarant: 'Déclarée par',
      contactName: 'Personne-ressource',
      contactEmail: 'Courriel de la personne-ressource',
      submittedAt: 'Soumise le',
      state: 'État de la déclaration',
    },
    purpose: 'Ce qu’elle fait et pourquoi',
    benefits: 'Bénéfices attendus',
    reviewTitle: (id: string) => `Déclaration à examiner : ${id}`,
    resubmittedTitle: (id: string) => `Déclaration soumise de nouveau, à examiner : ${id}`,
    previousRequest: 'Demande de changements précédente',
    changedSince: (fields: string) => `Champs modifiés depuis cette demande : ${fields}.`,
    nothingChanged: 'Aucun champ modifié depuis cette demande.',
    reviewedTitle: (id: string, decision: string) => `Déclaration examinée : ${id} (${decision})`,
    commentLabel: 'Commentaire (obligatoire pour demander des changements ou refuser)',
    commentRequired: 'un commentaire est obligatoire pour demander des changements ou refuser.',
    commentWithoutWords: 'le commentaire doit dire en mots ce qu’il faut changer, ou pourquoi la déclaration est refusée.',
    approve: 'Approuver',
    requestChanges: 'Demander des changements',
    reject: 'Refuser',
    decided: (decision: string, who: string, when: string) => `Décision : ${decision}, par ${who}, le ${when}.`,
    decisionWords: { approved: 'approuvée', changes_requested: 'changements demandés', rejected: 'refusée' } as Record<string, string>,
    takeForReview: 'Prendre en charge',
    releaseReview: 'Remettre en attente',
    inReviewBy: (who: string, when: string) => `En examen par ${who} depuis le ${when}.`,
    alreadyTaken: (who: string, button: string) => `${who} a déjà pris en charge cette déclaration : votre choix « ${button} » n’a pas été enregistré.`,
    notInReview: (button: string) => `Cette déclaration n’est plus en examen : votre choix « ${button} » n’a pas été enregistré.`,
    inReviewNotice: (id: string, name: string, who: string) => `Votre déclaration ${id} « ${name} » est en examen : ${who} l’a prise en charge.`,
    comment: 'Commentaire :',
    listMine: (n: number) => `Mes déclarations (${n})`,
    listAll: (n: number, filter: string | null) => (filter ? `Inventaire — ${filter} (${n})` : `Inventaire (${n})`),
    listEmptyMine: 'Vous n’avez encore aucune déclaration. Tapez /déclarer pour en commencer une.',
    listEmptyAll: (filter: string | null) => (filter ? 'Aucune déclaration dans cet état.' : 'L’inventaire ne compte encore aucune déclaration.'),
    wholeInventory: 'Voir tout l’inventaire',
    listMore: (n: number) => `et ${counted(n, 'fr', { one: 'autre déclaration', other: 'autres déclarations' })}`,
    noNumber: 'sans numéro',
    updated: (when: string) => `mise à jour le ${when}`,
    resume: 'Reprendre',
    view: 'Voir',
    share: 'Partager',
    shareWith: 'Partager avec des collègues',
    sharedBy: (name: string) => `Partagée avec vous par ${name}`,
    setAsideByDeclarant: (name: string) => `${name} a mis ce brouillon de côté : seule cette personne peut le reprendre ou le supprimer.`,
    examine: 'Examiner',
    setAside: 'Brouillon mis de côté',
    givenUp: {
      review_card: (when: string) =>
        `Carte d’examen non publiée : le bot n’a plus accès au canal de gouvernance (abandon le ${when}). Une fois le bot rajouté au canal, « gouvernance enregistrer » la publie.`,
      decision_notice: (when: string) =>
        `Avis de décision non remis : la conversation personnelle du déclarant avec le bot n’existe plus (abandon le ${when}). Informez-le directement.`,
      in_review_notice: (when: string) =>
        `Avis de prise en charge (« en examen ») non remis : la conversation personnelle du déclarant avec le bot n’existe plus (abandon le ${when}). Informez-le directement.`,
      decision_copy: (when: string, who: string) =>
        `Copie de l’avis de décision non remise à ${who}, qui suit la déclaration : sa conversation personnelle avec le bot n’existe plus (abandon le ${when}). Informez cette personne directement.`,
      in_review_copy: (when: string, who: string) =>
        `Copie de l’avis de prise en charge (« en examen ») non remise à ${who}, qui suit la déclaration : sa conversation personnelle avec le bot n’existe plus (abandon le ${when}). Informez cette personne directement.`,
      shared_notice: (when: string, who: string) =>
        `Avis de partage non remis à ${who}, à qui la déclaration a été partagée : sa conversation personnelle avec le bot n’existe plus (abandon le ${when}). Dites à cette personne qu’elle a accès à la déclaration.`,
      withdrawn_notice: (when: string) =>
        `Avis de reprise en brouillon non publié : le bot n’a plus accès au canal de gouvernance (abandon le ${when}). La carte d’examen qui y reste ne vaut plus.`,
      left_notice: (when: string) =>
        `Avis de départ d’un collaborateur non remis : la conversation personnelle du déclarant avec le bot n’existe plus (abandon le ${when}). Informez-le directement.`,
      card_update: (when: string) =>
        `Carte d’examen du canal non mise à jour : le bot n’a plus accès au canal de gouvernance (abandon le ${when}). L’état qu’elle montre peut être périmé ; « Voir » donne l’état actuel.`,
      taken_back_notice: (when: string, who: string) =>
        `Avis de reprise en brouillon non remis à ${who} : sa conversation personnelle avec le bot n’existe plus (abandon le ${when}). Informez cette personne directement.`,
    } satisfies Record<GivenUpLabel, (when: string, who: string) => string>,
    setAsideNote:
      'Ce brouillon a été mis de côté, avec tout ce que vous y aviez saisi : une autre déclaration est devenue votre brouillon (une nouvelle, un brouillon repris, ou une déclaration reprise en brouillon par vous ou un collaborateur), et une seule peut l’être à la fois. « Reprendre » le rouvre et met l’autre de côté à sa place ; « Supprimer » l’efface.',
    resumeSetAside: 'Reprendre ce brouillon',
    deleteDraft: 'Supprimer ce brouillon',
    delete: 'Supprimer',
    setAsideDeleted: 'Le brouillon mis de côté est supprimé.',
    draftDeleted: 'Le brouillon est supprimé.',
    confirmDeleteQuestion: 'Supprimer définitivement ce brouillon mis de côté?',
    confirmDeleteDraftQuestion: 'Supprimer définitivement ce brouillon?',
    confirmDeleteNote: 'Tout ce que vous y avez saisi sera effacé. Cette action ne peut pas être annulée.',
    confirmDeleteShared: (n: number) =>
      n === 1
        ? 'Vous l’avez partagé avec une personne : elle n’y aura plus accès, et ce qu’elle y a saisi sera effacé aussi.'
        : `Vous l’avez partagé avec ${n} personnes : elles n’y auront plus accès, et ce qu’elles y ont saisi sera effacé aussi.`,
    confirmDelete: 'Oui, supprimer ce brouillon',
    cancelDelete: 'Non, garder ce brouillon',
    alreadyDeleted: 'Ce brouillon n’existe plus : il a déjà été supprimé. Rien d’autre n’a été effacé.',
    deletedOn: (when: string) =>
      `Ce brouillon a été supprimé le ${when} : il ne peut plus être modifié ni soumis. « Nouvelle déclaration » en commence une autre.`,
    deleteQuestionStale:
      'Ce brouillon a changé depuis l’affichage de cette question (autre fenêtre ou autre appareil) : il n’est pas supprimé. Le voici tel qu’il est maintenant.',
    showMine: 'Voir mes déclarations',
    backToInventory: 'Retour à l’inventaire',
    startNew: 'Nouvelle déclaration',
    draftResumed: (when: string) => `Brouillon repris : vos réponses enregistrées le ${when} sont conservées.`,
    resumedNote:
      'Vous reprenez votre brouillon. « Nouvelle déclaration » le met de côté, avec tout ce que vous y avez saisi, et en commence une autre.',
    startNewNote:
      '« Nouvelle déclaration » met votre brouillon en cours de côté, avec tout ce que vous y avez saisi : vous le reprendrez ou le supprimerez depuis cette liste.',
    startNewBesideChanges:
      '« Nouvelle déclaration » en commence une autre ; celle dont des changements sont demandés reste dans cette liste, à reprendre avec « Reprendre ».',
    resumedChangesNote: '« Nouvelle déclaration » en commence une autre ; celle-ci reste dans « mes déclarations », à modifier.',
    sentBackKept: (name: string) => `« ${name} » reste dans « mes déclarations », avec ce que vous y avez saisi, en attente de vos modifications.`,
    previousSetAside: (name: string) =>
      `Votre brouillon « ${name} » est mis de côté, avec tout ce que vous y aviez saisi : « mes déclarations » permet de le reprendre ou de le supprimer.`,
    untitled: '(sans nom)',
    unnamedPerson: (id: string) => `(nom inconnu, identifiant Microsoft Entra ${id})`,
    staleNotice: 'Cette déclaration a changé depuis l’affichage de cette carte : voici la version actuelle.',
    decisionNotRecorded: (button: string) => `Cette déclaration avait déjà été examinée : votre choix « ${button} » n’a pas été enregistré.`,
    commentNotRecorded: 'Votre commentaire, non enregistré :',
    flaggedAssessment: (section: string, doc: string, version: string, change: FlagChange, publicId: string) =>
      change === 'withdrawn'
        ? `À revoir — document retiré : l’évaluation préliminaire cite « ${section} » (${doc}), document qui n’est plus publié depuis le retrait de sa version ${version}. Une fois l’évaluation revue, « signalement traité ${publicId} » retire ce signalement ; il disparaît aussi si le document est rétabli.`
        : `À revoir : l’évaluation préliminaire cite « ${section} » (${doc}), que la version ${version} a ${change === 'changed' ? 'modifié' : 'retiré'}. Une fois l’évaluation revue, « signalement traité ${publicId} » retire ce signalement.`,
    staleMerged:
      'Cette déclaration avait changé ailleurs depuis l’affichage de la carte (autre fenêtre, autre appareil ou collaborateur) : vos saisies y sont enregistrées, sans effacer ces changements.',
    staleMergedSubmit:
      'Cette déclaration avait changé ailleurs depuis l’affichage de cette carte (autre fenêtre, autre appareil ou collaborateur) : vos saisies y sont enregistrées, sans effacer ces changements. Rien n’est encore soumis : vérifiez au besoin (« Précédent »), puis appuyez de nouveau sur « Soumettre ».',
    staleConflicts: (n: number) =>
      `Cette déclaration a changé ailleurs depuis l’affichage de cette carte (autre fenêtre, autre appareil ou collaborateur). ${
        n === 1 ? 'Un champ que vous avez modifié l’a aussi été ailleurs : il garde ici votre saisie' : `${n} champs que vous avez modifiés l’ont aussi été ailleurs : chacun garde ici votre saisie`
      }, et la version enregistrée est indiquée dessous (« Modifié ailleurs »). Vos autres saisies sont enregistrées. Le prochain bouton enregistre ce que montrent les champs ; pour garder l’autre version, recopiez-la dans le champ.`,
    changedElsewhere: 'Modifié ailleurs :',
    savedVersion: (value: string) => `version enregistrée : « ${value} ».`,
    emptyValue: '(vide)',
    notEditable: (state: string) => `Cette déclaration ne peut plus être modifiée : son état est « ${state} ».`,
    lateChangesNotApplied:
      'Cette déclaration a déjà été soumise : ce que vous avez tapé sur cette carte n’a pas été appliqué. Pour la modifier, demandez à l’équipe de gouvernance de vous la renvoyer.',
    statusTitle: (id: string) => `Déclaration ${id}`,
    notAuthor: 'Vous ne pouvez pas modifier la déclaration de quelqu’un d’autre : seuls la personne qui l’a déclarée et ses collaborateurs peuvent la modifier.',
    invalidReviewCard: 'Cette carte d’examen n’est plus valide (version périmée ou contenu modifié). Tapez « inventaire » pour voir les déclarations à examiner.',
    commentInvalid: (max: number) => `le commentaire doit être un texte d’au plus ${max} caractères.`,
    forbidden: 'Vous n’avez pas accès à cette déclaration. Seuls la personne qui l’a déclarée, ses collaborateurs et l’équipe de gouvernance peuvent la voir.',
    notFound: 'Cette déclaration est introuvable. Tapez « mes déclarations » pour voir les vôtres.',
    invalidCard: 'Cette carte n’est plus valide (version périmée ou contenu modifié). Tapez /déclarer pour reprendre votre déclaration.',
    unknownAction: 'Cette action n’est pas reconnue. Tapez /déclarer pour reprendre votre déclaration, ou « aide ».',
    unknownIdentity: 'Je ne peux pas vous identifier (compte Microsoft Entra absent) : la déclaration n’est pas possible ici.',
    notAdmin: 'Désolé, cette action est réservée à l’équipe de gouvernance. Tapez « mes déclarations » pour voir les vôtres.',
    ownDeclaration:
      'Vous ne pouvez pas examiner une déclaration que vous avez faite ou à laquelle vous collaborez : un autre membre de l’équipe de gouvernance doit rendre la décision.',
    declarantOnly:
      'Seule la personne qui a fait cette déclaration peut supprimer son brouillon ou reprendre un brouillon qu’elle a mis de côté. Vous la retrouvez dans « mes déclarations ».',
    decisionNotice: (id: string, name: string, decision: string, who: string) => `Votre déclaration ${id} « ${name} » : ${decision}, par ${who}.`,
    reopen: 'Modifier la déclaration',
    viewDeclaration: 'Voir la déclaration',
    reopenHint: 'Modifiez votre déclaration puis soumettez-la de nouveau.',
    changesRequestedBy: (who: string, when: string) => `Changements demandés par ${who}, le ${when}`,
  },
  en: {
    declareTitle: 'Declare a use of artificial intelligence',
    stepNumber: (id: string) => `Declaration number: ${id}`,
    progress: (n: number, total: number, title: string) => `Step ${n} of ${total} — ${title}`,
    steps: { identification: 'Identification', nature: 'Nature and data', effects: 'Effects and oversight' } satisfies Record<Step, string>,
    required: '(required)',
    requiredAtLeast: (n: number) => `(required, at least ${n} characters)`,
    choose: 'Choose…',
    yes: 'Yes',
    no: 'No',
    errorWord: 'Error:',
    errorSummary: (n: number) =>
      n === 1 ? 'one field needs correcting (see "Error" beside its name).' : `${n} fields need correcting (see "Error" beside each field’s name).`,
    savedNote: 'Your answers are saved whenever you press a button on this card, even incomplete: you can then close Teams and resume with /declare.',
    back: 'Back',
    next: 'Next',
    submit: 'Submit',
    receiptTitle: (id: string) => `Declaration received: ${id}`,
    changesRequestedTitle: (id: string) => `Declaration to edit: ${id}`,
    decidedTitle: (id: string) => `Declaration reviewed: ${id}`,
    receiptIntro: {
      sent: 'Your declaration has been sent to the governance team. You will be notified of its decision here.',
      awaitingChannel:
        'Your declaration is recorded. It will reach the governance team as soon as its Teams channel is set up; governance admins can already see it with the “inventory” command. You will be notified of its decision here.',
      awaitingDecision: 'It awaits the governance team’s decision. You will be notified of it here.',
      decided: 'The governance team has decided on this declaration.',
      changesRequested: 'The governance team asks for changes: "Edit the declaration" reopens it, to submit it again.',
    } satisfies Record<ReceiptIntro, string>,
    assessment: {
      preliminary: {
        title: 'Preliminary assessment',
        note: 'Computed automatically from the answers; to be confirmed by the governance team.',
      },
      reviewed: {
        title: 'Assessment reviewed by the governance team',
        note: 'Computed automatically from the submitted answers.',
      },
      redo: {
        title: 'Preliminary assessment',
        note: 'Computed automatically from the submitted answers; it will be redone when the amended declaration is submitted again.',
      },
    } satisfies Record<AssessmentStanding, { title: string; note: string }>,
    impact: (level: number) => `Impact level: ${level} of 4`,
    levels: {
      1: 'little to no impact: effects likely reversible and brief.',
      2: 'moderate impact: effects likely reversible and short-term.',
      3: 'high impact: effects difficult to reverse and ongoing.',
      4: 'very high impact: effects likely irreversible and perpetual.',
    } as Record<1 | 2 | 3 | 4, string>,
    obligations: 'Obligations triggered',
    declaredDone: {
      preliminary: 'the declaration says this is already done (for the governance team to check)',
      reviewed: 'the declaration says this is already done',
      redo: 'the declaration says this is already done',
    } satisfies Record<AssessmentStanding, string>,
    noObligation: 'The rules triggered no particular obligation.',
    quotesLeftOut: 'The passages behind these obligations do not fit on this card with your answers: the receipt of the submission quotes them.',
    reviewQuotesLeftOut: 'The passages behind these obligations do not fit on this card with the answers: the receipt sent to the declarant quotes them.',
    quoteMissing: 'The passage behind this obligation is not in the indexed documents (the document is not indexed yet, or the passage was removed since): see the official text.',
    source: 'Source:',
    quotedFrom: 'Quotes, in the original French of the documents, taken from:',
    documentRef: (n: number) => `document ${n}`,
    version: (v: string) => `version ${v}`,
    cutMark: '[…]',
    notAssessed: 'The preliminary assessment is not available yet.',
    facts: {
      publicId: 'Number',
      name: 'Initiative',
      organismePublic: 'Public body',
      portefeuille: 'Ministerial portfolio',
      category: 'Category',
      status: 'Status of the initiative',
      declarant: 'Declared by',
      contactName: 'Contact person',
      contactEmail: 'Contact e-mail',
      submittedAt: 'Submitted on',
      state: 'Declaration state',
    },
    purpose: 'What it does and why',
    benefits: 'Expected benefits',
    reviewTitle: (id: string) => `Declaration to review: ${id}`,
    resubmittedTitle: (id: string) => `Declaration resubmitted, to review: ${id}`,
    previousRequest: 'Earlier request for changes',
    changedSince: (fields: string) => `Fields changed since this request: ${fields}.`,
    nothingChanged: 'No field changed since this request.',
    reviewedTitle: (id: string, decision: string) => `Declaration reviewed: ${id} (${decision})`,
    commentLabel: 'Comment (required to request changes or reject)',
    commentRequired: 'a comment is required to request changes or reject.',
    commentWithoutWords: 'the comment must say in words what to change, or why the declaration is rejected.',
    approve: 'Approve',
    requestChanges: 'Request changes',
    reject: 'Reject',
    decided: (decision: string, who: string, when: string) => `Decision: ${decision}, by ${who}, on ${when}.`,
    decisionWords: { approved: 'approved', changes_requested: 'changes requested', rejected: 'rejected' } as Record<string, string>,
    takeForReview: 'Take for review',
    releaseReview: 'Return to pending',
    inReviewBy: (who: string, when: string) => `In review by ${who} since ${when}.`,
    alreadyTaken: (who: string, button: string) => `${who} has already taken this declaration for review: your “${button}” was not recorded.`,
    notInReview: (button: string) => `This declaration is no longer in review: your “${button}” was not recorded.`,
    inReviewNotice: (id: string, name: string, who: string) => `Your declaration ${id} "${name}" is in review: ${who} has taken it.`,
    comment: 'Comment:',
    listMine: (n: number) => `My declarations (${n})`,
    listAll: (n: number, filter: string | null) => (filter ? `Inventory — ${filter} (${n})` : `Inventory (${n})`),
    listEmptyMine: 'You have no declaration yet. Type /declare to start one.',
    listEmptyAll: (filter: string | null) => (filter ? 'No declaration in this state.' : 'The inventory holds no declaration yet.'),
    wholeInventory: 'See the whole inventory',
    listMore: (n: number) => `and ${counted(n, 'en', { one: 'more declaration', other: 'more declarations' })}`,
    noNumber: 'no number yet',
    updated: (when: string) => `updated on ${when}`,
    resume: 'Resume',
    view: 'View',
    share: 'Share',
    shareWith: 'Share with colleagues',
    sharedBy: (name: string) => `Shared with you by ${name}`,
    setAsideByDeclarant: (name: string) => `${name} set this draft aside: only they can resume or delete it.`,
    examine: 'Review',
    setAside: 'Draft set aside',
    givenUp: {
      review_card: (when: string) =>
        `Review card not posted: the bot no longer has access to the governance channel (given up on ${when}). Once the bot is back in the channel, "governance register" posts it.`,
      decision_notice: (when: string) =>
        `Decision notice not delivered: the declarant's personal chat with the bot is gone (given up on ${when}). Let them know directly.`,
      in_review_notice: (when: string) =>
        `"In review" notice not delivered: the declarant's personal chat with the bot is gone (given up on ${when}). Let them know directly.`,
      decision_copy: (when: string, who: string) =>
        `Copy of the decision notice not delivered to ${who}, who follows the declaration: their personal chat with the bot is gone (given up on ${when}). Let them know directly.`,
      in_review_copy: (when: string, who: string) =>
        `Copy of the "in review" notice not delivered to ${who}, who follows the declaration: their personal chat with the bot is gone (given up on ${when}). Let them know directly.`,
      shared_notice: (when: string, who: string) =>
        `Sharing notice not delivered to ${who}, with whom the declaration was shared: their personal chat with the bot is gone (given up on ${when}). Tell them they have access to the declaration.`,
      withdrawn_notice: (when: string) =>
        `Back-to-draft notice not posted: the bot no longer has access to the governance channel (given up on ${when}). The review card left there no longer stands.`,
      left_notice: (when: string) =>
        `Notice of a collaborator leaving not delivered: the declarant's personal chat with the bot is gone (given up on ${when}). Let them know directly.`,
      card_update: (when: string) =>
        `Review card in the channel not updated: the bot no longer has access to the governance channel (given up on ${when}). The state it shows may be out of date; "View" gives the current one.`,
      taken_back_notice: (when: string, who: string) =>
        `Back-to-draft notice not delivered to ${who}: their personal chat with the bot is gone (given up on ${when}). Let them know directly.`,
    } satisfies Record<GivenUpLabel, (when: string, who: string) => string>,
    setAsideNote:
      'This draft was set aside, with everything you typed in it: another declaration became your draft (a new one, a draft resumed, or a declaration taken back to draft by you or a collaborator), and only one can be at a time. "Resume" reopens it and sets the other aside instead; "Delete" erases it.',
    resumeSetAside: 'Resume this draft',
    deleteDraft: 'Delete this draft',
    delete: 'Delete',
    setAsideDeleted: 'The set-aside draft has been deleted.',
    draftDeleted: 'The draft has been deleted.',
    confirmDeleteQuestion: 'Delete this set-aside draft for good?',
    confirmDeleteDraftQuestion: 'Delete this draft for good?',
    confirmDeleteNote: 'Everything you typed in it will be erased. This cannot be undone.',
    confirmDeleteShared: (n: number) =>
      n === 1
        ? 'You shared it with one person: they will lose access to it, and what they typed in it will be erased too.'
        : `You shared it with ${n} people: they will lose access to it, and what they typed in it will be erased too.`,
    confirmDelete: 'Yes, delete this draft',
    cancelDelete: 'No, keep this draft',
    alreadyDeleted: 'This draft no longer exists: it was already deleted. Nothing else was erased.',
    deletedOn: (when: string) => `This draft was deleted on ${when}: it can no longer be changed or submitted. "New declaration" starts another.`,
    deleteQuestionStale: 'This draft changed since this question was shown (another window or device): it is not deleted. Here it is as it is now.',
    showMine: 'Show my declarations',
    backToInventory: 'Back to the inventory',
    startNew: 'New declaration',
    draftResumed: (when: string) => `Draft resumed: your answers saved on ${when} are kept.`,
    resumedNote: 'You are resuming your draft. "New declaration" sets it aside, with everything you typed in it, and starts another.',
    startNewNote: '"New declaration" sets your current draft aside, with everything you typed in it: you can resume or delete it from this list.',
    startNewBesideChanges: '"New declaration" starts another; the one sent back for changes stays in this list, to resume with "Resume".',
    resumedChangesNote: '"New declaration" starts another; this one stays in "my declarations", to be changed.',
    sentBackKept: (name: string) => `"${name}" stays in "my declarations", with what you typed in it, awaiting your changes.`,
    previousSetAside: (name: string) =>
      `Your draft "${name}" is set aside, with everything you typed in it: "my declarations" lets you resume or delete it.`,
    untitled: '(untitled)',
    unnamedPerson: (id: string) => `(name unknown, Microsoft Entra id ${id})`,
    staleNotice: 'This declaration changed since this card was shown: here is the current version.',
    decisionNotRecorded: (button: string) => `This declaration had already been reviewed: your “${button}” was not recorded.`,
    commentNotRecorded: 'Your comment, not recorded:',
    flaggedAssessment: (section: string, doc: string, version: string, change: FlagChange, publicId: string) =>
      change === 'withdrawn'
        ? `To review — document withdrawn: the preliminary assessment quotes "${section}" (${doc}), a document no longer published since its version ${version} was withdrawn. Once the assessment is reviewed, "flag handled ${publicId}" clears this flag; so does restoring the document.`
        : `To review: the preliminary assessment quotes "${section}" (${doc}), which version ${version} ${change}. Once the assessment is reviewed, "flag handled ${publicId}" clears this flag.`,
    staleMerged:
      'This declaration had changed elsewhere since the card was shown (another window, another device or a collaborator): what you typed is saved into it, without erasing those changes.',
    staleMergedSubmit:
      'This declaration had changed elsewhere since this card was shown (another window, another device or a collaborator): what you typed is saved into it, without erasing those changes. Nothing is submitted yet: check if needed ("Back"), then press "Submit" again.',
    staleConflicts: (n: number) =>
      `This declaration changed elsewhere since this card was shown (another window, another device or a collaborator). ${
        n === 1 ? 'A field you changed was also changed elsewhere: it keeps what you typed here' : `${n} fields you changed were also changed elsewhere: each keeps what you typed here`
      }, with the saved version shown under it ("Changed elsewhere"). Your other entries are saved. The next button saves what the fields show; to keep the other version, copy it into the field.`,
    changedElsewhere: 'Changed elsewhere:',
    savedVersion: (value: string) => `saved version: “${value}”.`,
    emptyValue: '(empty)',
    notEditable: (state: string) => `This declaration can no longer be edited: its state is "${state}".`,
    lateChangesNotApplied:
      'This declaration was already submitted: what you typed on this card was not applied. To change it, ask the governance team to send it back to you.',
    statusTitle: (id: string) => `Declaration ${id}`,
    notAuthor: 'You cannot edit someone else’s declaration: only its declarant and their collaborators can edit it.',
    invalidReviewCard: 'This review card is no longer valid (outdated version or altered content). Type "inventory" to see the declarations to review.',
    commentInvalid: (max: number) => `the comment must be a text of at most ${max} characters.`,
    forbidden: 'You do not have access to this declaration. Only its declarant, their collaborators and the governance team can see it.',
    notFound: 'This declaration cannot be found. Type “my declarations” to see yours.',
    invalidCard: 'This card is no longer valid (outdated version or altered content). Type /declare to resume your declaration.',
    unknownAction: 'This action is not recognised. Type /declare to resume your declaration, or "help".',
    unknownIdentity: 'I cannot identify you (no Microsoft Entra account): declaring is not possible here.',
    notAdmin: 'Sorry, this action is reserved for the governance team. Type “my declarations” to see yours.',
    ownDeclaration: 'You cannot review a declaration you made or collaborate on: another governance team member must decide.',
    declarantOnly: 'Only the person who made this declaration can delete its draft or resume a draft they set aside. You will find it in "my declarations".',
    decisionNotice: (id: string, name: string, decision: string, who: string) => `Your declaration ${id} "${name}": ${decision}, by ${who}.`,
    reopen: 'Edit the declaration',
    viewDeclaration: 'View the declaration',
    reopenHint: 'Edit your declaration, then submit it again.',
    changesRequestedBy: (who: string, when: string) => `Changes requested by ${who} on ${when}`,
  },
} as const;

/** States of a declaration, in words: the inventory's labels (the same in cards and exports). */
export const STATE_WORDS: Record<Language, Record<DeclarationState, string>> = {
  fr: Object.fromEntries(STATES.map((s) => [s, STATE_LABELS[s].fr])) as Record<DeclarationState, string>,
  en: Object.fromEntries(STATES.map((s) => [s, STATE_LABELS[s].en])) as Record<DeclarationState, string>,
};

/**
 * The declarations in one state (or awaiting a decision), as the inventory's heading names them when it lists only
 * those (« Inventaire — déclarations soumises (3) »): a noun phrase, lower case, that agrees with its noun, where the state's label alone
 * (« Soumise ») agrees with nothing.
 */
export const STATE_FILTER_WORDS: Record<Language, Record<InventoryFilter, string>> = {
  fr: {
    draft: 'brouillons',
    submitted: 'déclarations soumises',
    in_review: 'déclarations en examen',
    approved: 'déclarations approuvées',
    changes_requested: 'déclarations avec changements demandés',
    rejected: 'déclarations refusées',
    awaiting_decision: 'déclarations en attente de décision',
  },
  en: {
    draft: 'drafts',
    submitted: 'submitted declarations',
    in_review: 'declarations in review',
    approved: 'approved declarations',
    changes_requested: 'declarations with changes requested',
    rejected: 'rejected declarations',
    awaiting_decision: 'declarations awaiting a decision',
  },
};

/**
 * Day and time in Quebec's zone with the zone's generic name (the same all year, daylight saving time or not):
 * French spells it out, « heure de l’Est », English writes the usual « ET » (CLDR data shipped with Node's ICU).
 */
const DATE_FORMATS: Record<Language, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-CA', { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'America/Toronto', timeZoneName: 'longGeneric' }),
  en: new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'America/Toronto', timeZoneName: 'shortGeneric' }),
};

/** Calendar days (no time, no zone: an official date names a day, not an instant), as formatDay writes them. */
const DAY_FORMATS: Record<Language, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-CA', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
};

/**
 * A calendar date `YYYY-MM-DD` (a document's official date) as people read it, the day formatDate writes:
 * « 15 janvier 2026 », "January 15, 2026". The input unchanged when it is not such a date (`2026-02-31` included).
 */
export function formatDay(date: string, language: Language): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) return date;
  return DAY_FORMATS[language]
    .formatToParts(day)
    .map((part) => (language === 'fr' ? frenchDay(part) : part.value))
    .join('');
}

/**
 * A date part as French writes it: the first of a month is « 1er » (OQLF, Banque de dépannage linguistique,
 * « Date »: « le 1er mai »), which ICU's fr-CA pattern writes « 1 ». Other parts unchanged.
 */
function frenchDay(part: Intl.DateTimeFormatPart): string {
  return part.type === 'day' && part.value === '1' ? '1er' : part.value;
}

/**
 * An ISO date as people in Québec read it, in Eastern time and saying so, so that a reader elsewhere is not misled:
 * « 2 décembre 2026 à 9 h 15 (heure de l’Est) », "December 2, 2026 at 9:15 a.m. ET". The input unchanged when it
 * is not a date.
 */
export function formatDate(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // French puts the zone in parentheses: « à 9 h 15 heure de l’Est » would read as one run of words. Its « h » is
  // held to the hour and the minutes by no-break spaces, so that a narrow card never ends a line on « 1 h ». ICU's
  // fr-CA pattern with a zone pads the hour (« 08 h 05 »), which the OQLF writes without its zero in running text
  // (Banque de dépannage linguistique, « Écriture de l’heure »: « 8 h 05 »), as English does ("8:05 a.m.").
  // English: ICU 72+ puts a narrow no-break space (U+202F) before « a.m. »/« p.m. », which Teams' and the Agents
  // Playground's fonts draw so thin that people read « 10:30p.m. »; a full-width no-break space keeps the time whole.
  return DATE_FORMATS[language]
    .formatToParts(date)
    .map((part) => {
      if (language !== 'fr') return part.type === 'literal' ? part.value.replace(/\u202f/gu, '\u00a0') : part.value;
      if (part.type === 'timeZoneName') return `(${part.value})`;
      if (part.type === 'hour') return part.value.replace(/^0(?=\d)/u, '');
      if (part.type === 'day') return frenchDay(part);
      return part.value.replace(/^ h $/u, FRENCH_HOUR_SEPARATOR);
    })
    .join('');
}
