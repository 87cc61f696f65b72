import type { Language } from '../../answers/types.js';
import { MAX_COLLABORATORS, stripControlCharacters, type AccessEvent, type DeclarationRecord } from '../../inventory/index.js';
import { clip } from '../render/text.js';
import { card, container, execute, heading, labelWithProblem, safeClip, textBlock, type Card, type CardElement, type ExecuteAction } from './card.js';
import { LIFECYCLE_TEXT } from './lifecycle-labels.js';
import { LABELS, STATE_WORDS, formatDate } from './labels.js';
import { MAX_LIST_BUTTON_TITLE_CHARS, showMineAction } from './list-card.js';
import { REVIEWABLE_STATES } from './review-card.js';
import { MAX_SHOWN_VALUE_CHARS, shownName, shownPerson } from './summary.js';
import { DECLARATION_VERBS } from './verbs.js';

/** The id of the sharing card's people picker: the Entra object ids picked, comma-separated (Teams' multi-select). */
export const COLLABORATORS_INPUT = 'collaborators';

/** How a collaborator is shown: their Teams display name when Balises knows it, else null (see unknownPerson). */
export type KnownNames = ReadonlyMap<string, string>;

/** What the sharing card says of one person just added: whether a notice could be sent to their chat with Balises. */
export interface AddedPerson {
  id: string;
  notified: boolean;
}

/** What the sharing card says above the list, after a press. */
export type ShareOutcome =
  | { kind: 'added'; people: readonly AddedPerson[]; already: number }
  | { kind: 'removed'; id: string }
  | { kind: 'not_a_collaborator' }
  | { kind: 'nobody_picked' }
  /** A picked value is not a Microsoft Entra object id: nobody added. */
  | { kind: 'unrecognised' }
  | { kind: 'self' }
  | { kind: 'too_many' };

const TEXT = {
  fr: {
    title: (name: string) => `Partager « ${name} »`,
    explanation:
      'Les personnes ajoutées ici voient cette déclaration dans « mes déclarations » et peuvent la modifier et la soumettre. Elles ne peuvent ni la supprimer, ni ajouter d’autres personnes, ni l’examiner, même si elles font partie de l’équipe de gouvernance.',
    listHeading: (n: number) => (n === 1 ? 'Une personne y a accès avec vous :' : `${n} personnes y ont accès avec vous :`),
    none: 'Personne d’autre que vous n’y a accès pour l’instant.',
    unknownPerson: (id: string) => `Personne de votre organisation (identifiant Microsoft Entra ${id}), qui n’a pas encore écrit à Balises`,
    unknownInSentence: (id: string) => `une personne de votre organisation (identifiant Microsoft Entra ${id})`,
    accessHeading: 'Accès à la déclaration',
    accessAdded: (when: string, by: string, whom: string) => `${when} : ${by} a donné accès à ${whom}.`,
    accessRemoved: (when: string, by: string, whom: string) => `${when} : ${by} a retiré l’accès ${frenchDe(whom)}.`,
    accessEarlier: (count: number) => `(${count} changement${count > 1 ? 's' : ''} plus ancien${count > 1 ? 's' : ''} non affiché${count > 1 ? 's' : ''})`,
    pickLabel: 'Personnes à ajouter (cherchez par nom ; plusieurs possibles)',
    pickPlaceholder: 'Tapez un nom',
    pickError: 'choisissez au moins une personne.',
    unrecognised: 'une personne choisie n’a pas été reconnue (Teams donne d’habitude son identifiant Microsoft Entra) ; personne n’a été ajouté.',
    add: 'Ajouter',
    remove: 'Retirer',
    removeTooltip: (person: string) => `Retirer l’accès de ${person} à cette déclaration`,
    full: `Cette déclaration a atteint le maximum de ${MAX_COLLABORATORS} personnes : retirez-en une pour en ajouter une autre.`,
    addedOne: (person: string) => `${person} a maintenant accès à cette déclaration.`,
    addedMany: (n: number) => `${n} personnes ont maintenant accès à cette déclaration.`,
    justAdded: (notified: boolean) =>
      notified
        ? 'Ajoutée à l’instant : un avis lui est envoyé dans sa conversation avec Balises.'
        : 'Ajoutée à l’instant. Pas encore de conversation avec Balises : dites-lui d’écrire « mes déclarations » à Balises pour retrouver la déclaration.',
    already: (n: number) => (n === 1 ? 'Une des personnes choisies y avait déjà accès.' : `${n} des personnes choisies y avaient déjà accès.`),
    removed: (person: string) => `${person} n’a plus accès à cette déclaration.`,
    notACollaborator: 'Cette personne n’avait déjà plus accès à cette déclaration.',
    self: 'Vous avez déclaré cette déclaration : vous y avez déjà accès. Choisissez une autre personne.',
    tooMany: `Personne n’a été ajouté : la déclaration aurait plus de ${MAX_COLLABORATORS} personnes. Retirez-en d’abord.`,
    someone: 'Une personne de votre organisation',
    declarantOnly: 'Seule la personne qui a fait cette déclaration peut choisir qui y a accès.',
    personalOnly: 'Le partage d’une déclaration se fait dans votre conversation personnelle avec Balises : tapez « mes déclarations » là-bas.',
    notice: (sharer: string, declaration: string, number: string | null, rights: NoticeRights) =>
      `${sharer} vous donne accès à la déclaration « ${declaration} »${number ? ` (${number})` : ''} : ${
        {
          editable: 'vous pouvez la consulter, la modifier et la soumettre.',
          awaiting: 'elle attend la décision de l’équipe de gouvernance ; vous pouvez la consulter, et la modifier si des changements sont demandés.',
          decided: 'l’équipe de gouvernance l’a examinée ; vous pouvez la consulter.',
        }[rights]
      } Vous la trouverez dans « mes déclarations ».`,
  },
  en: {
    title: (name: string) => `Share "${name}"`,
    explanation:
      'People added here see this declaration in "my declarations" and can edit and submit it. They cannot delete it, add other people or review it, even if they are on the governance team.',
    listHeading: (n: number) => (n === 1 ? 'One person has access with you:' : `${n} people have access with you:`),
    none: 'Nobody but you has access yet.',
    unknownPerson: (id: string) => `Someone in your organisation (Microsoft Entra id ${id}) who has not written to Balises yet`,
    unknownInSentence: (id: string) => `someone in your organisation (Microsoft Entra id ${id})`,
    accessHeading: 'Access to the declaration',
    accessAdded: (when: string, by: string, whom: string) => `${when}: ${by} gave access to ${whom}.`,
    accessRemoved: (when: string, by: string, whom: string) => `${when}: ${by} took away the access of ${whom}.`,
    accessEarlier: (count: number) => `(${count} earlier change${count > 1 ? 's' : ''} not shown)`,
    pickLabel: 'People to add (search by name; several allowed)',
    pickPlaceholder: 'Type a name',
    pickError: 'choose at least one person.',
    unrecognised: 'a person chosen was not recognised (Teams normally gives their Microsoft Entra id); nobody was added.',
    add: 'Add',
    remove: 'Remove',
    removeTooltip: (person: string) => `Remove ${person}'s access to this declaration`,
    full: `This declaration has reached the maximum of ${MAX_COLLABORATORS} people: remove one to add another.`,
    addedOne: (person: string) => `${person} now has access to this declaration.`,
    addedMany: (n: number) => `${n} people now have access to this declaration.`,
    justAdded: (notified: boolean) =>
      notified
        ? 'Just added: a notice is sent to their chat with Balises.'
        : 'Just added. No chat with Balises yet: tell them to write "my declarations" to Balises to find the declaration.',
    already: (n: number) => (n === 1 ? 'One of the people chosen already had access.' : `${n} of the people chosen already had access.`),
    removed: (person: string) => `${person} no longer has access to this declaration.`,
    notACollaborator: 'This person no longer had access to this declaration.',
    self: 'You made this declaration: you already have access. Choose someone else.',
    tooMany: `Nobody was added: the declaration would have more than ${MAX_COLLABORATORS} people. Remove some first.`,
    someone: 'Someone in your organisation',
    declarantOnly: 'Only the person who made this declaration can choose who has access to it.',
    personalOnly: 'Declarations are shared from your personal chat with Balises: type "my declarations" there.',
    notice: (sharer: string, declaration: string, number: string | null, rights: NoticeRights) =>
      `${sharer} gave you access to the declaration "${declaration}"${number ? ` (${number})` : ''}: ${
        {
          editable: 'you can view, edit and submit it.',
          awaiting: 'it awaits the governance team’s decision; you can view it, and edit it if changes are requested.',
          decided: 'the governance team has reviewed it; you can view it.',
        }[rights]
      } You will find it in "my declarations".`,
  },
} as const;

/**
 * Longest display name shown, in characters: Teams names are a few words, and the card lists up to
 * MAX_COLLABORATORS of them under Teams' card size whatever a directory holds.
 */
const MAX_SHOWN_PERSON_CHARS = 80;

/** A person's known display name without control or bidirectional-formatting characters, or '' (see KnownNames). */
function nameOf(id: string, names: KnownNames): string {
  return stripControlCharacters(names.get(id) ?? '').trim();
}

/** A person as the card's list of people names them: their known display name (safe card text), else who they are in words. */
function personText(id: string, names: KnownNames, language: Language): string {
  const name = nameOf(id, names);
  return name ? safeClip(name, MAX_SHOWN_PERSON_CHARS) : TEXT[language].unknownPerson(id);
}

/**
 * A person as a sentence names them (« … a maintenant accès », the access history): their known display name, else
 * « une personne de votre organisation (identifiant …) », capitalised when it opens the sentence. The list's
 * « qui n’a pas encore écrit à Balises » is left out: it says what is true now, not when an access changed, and
 * running it into the verb made « Personne de votre organisation … a maintenant accès » read as « nobody ».
 */
function personInSentence(id: string, names: KnownNames, language: Language, opensSentence: boolean): string {
  const name = nameOf(id, names);
  if (name) return safeClip(name, MAX_SHOWN_PERSON_CHARS);
  const words = TEXT[language].unknownInSentence(id);
  return opensSentence ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}

/** French « de » before `words`, elided before a vowel or a mute h (« d’une personne », « d’Alexis »), as French writes it. */
function frenchDe(words: string): string {
  return /^[aeiouyhàâäéèêëîïôöùûü]/iu.test(words) ? `d’${words}` : `de ${words}`;
}

/** Most access changes a card lists (the latest ones): a declaration shared and unshared many times stays readable. */
const MAX_SHOWN_ACCESS_EVENTS = 20;

/**
 * A declaration's access history for a card (« Voir »): a heading, then one line per change, oldest first (the last
 * MAX_SHOWN_ACCESS_EVENTS, saying how many earlier ones are left out), each with when (Eastern time, as cards date),
 * who (the Teams name recorded with the change) and whose access (their known name, else their Entra id in words);
 * nothing when the declaration was never shared.
 */
export function accessHistoryElements(events: readonly AccessEvent[], names: KnownNames, language: Language): CardElement[] {
  if (events.length === 0) return [];
  const t = TEXT[language];
  const shown = events.slice(-MAX_SHOWN_ACCESS_EVENTS);
  const lines = shown.map((event) => {
    // A collaborator who stopped following it (« Ne plus suivre ») removed themselves: said as such, not as a removal.
    if (event.change === 'removed' && event.actor.id === event.userId) return LIFECYCLE_TEXT[language].accessLeft(formatDate(event.at, language), shownPerson(event.actor, MAX_SHOWN_PERSON_CHARS, language));
    const words = event.change === 'added' ? t.accessAdded : t.accessRemoved;
    return words(formatDate(event.at, language), shownPerson(event.actor, MAX_SHOWN_PERSON_CHARS, language), personInSentence(event.userId, names, language, false));
  });
  const earlier = events.length - shown.length;
  return [
    textBlock(t.accessHeading, { weight: 'Bolder', style: 'heading', spacing: 'Medium' }),
    ...(earlier > 0 ? [textBlock(t.accessEarlier(earlier), { isSubtle: true, spacing: 'Small' })] : []),
    ...lines.map((line) => textBlock(line, { spacing: 'Small' })),
  ];
}

/** The same as plain text, for a button's title and tooltip (not markdown): the name, else the Entra id. */
function plainPerson(id: string, names: KnownNames, maxChars: number): string {
  return clip(nameOf(id, names) || id, maxChars);
}

/**
 * The sharing card of a declaration, for its declarant (« Partager » on « mes déclarations »): what sharing lets
 * colleagues do, then `outcome` in words (bold, never colour alone), the people who have access (each named by
 * their Teams display name from `names`, else by their Entra id, those just added saying whether a notice reaches them,
 * with « Retirer « nom » »,
 * `declaration.share.remove`), then Teams' people picker (an `Input.ChoiceSet` over the dataset
 * `graph.microsoft.com/users`, labelled, several allowed; its label carries the problem when nobody was picked or a pick was not recognised) and
 * « Ajouter » (`declaration.share.add`), or, at MAX_COLLABORATORS, a sentence saying to remove someone first; and
 * « Voir mes déclarations ». Every button carries the card's language (`lang`).
 */
export function collaboratorsCard(record: DeclarationRecord, names: KnownNames, language: Language, outcome?: ShareOutcome): Card {
  const t = TEXT[language];
  const declaration = shownName(record, language);
  const status = [record.publicId ?? LABELS[language].noNumber, record.setAsideAt ? LABELS[language].setAside : STATE_WORDS[language][record.state]].join(' · ');
  const body: CardElement[] = [heading(t.title(declaration)), textBlock(status, { isSubtle: true, spacing: 'None' }), textBlock(t.explanation)];
  for (const line of outcomeLines(outcome, names, language)) body.push(textBlock(line, { weight: 'Bolder' }));
  const people = record.collaborators;
  if (people.length === 0) body.push(textBlock(t.none, { spacing: 'Medium' }));
  else {
    body.push(textBlock(t.listHeading(people.length), { spacing: 'Medium' }));
    const justAdded = new Map(outcome?.kind === 'added' ? outcome.people.map((p) => [p.id, p.notified]) : []);
    for (const id of people) {
      const notified = justAdded.get(id);
      const items: CardElement[] = [textBlock(personText(id, names, language))];
      if (notified !== undefined) items.push(textBlock(t.justAdded(notified), { isSubtle: true, spacing: 'None' }));
      items.push({ type: 'ActionSet', actions: [removeAction(record, id, names, language)] });
      body.push(container(items, { separator: true }));
    }
  }
  const actions: ExecuteAction[] = [];
  if (people.length < MAX_COLLABORATORS) {
    const problem = outcome?.kind === 'nobody_picked' ? t.pickError : outcome?.kind === 'unrecognised' ? t.unrecognised : null;
    body.push({
      type: 'Input.ChoiceSet',
      id: COLLABORATORS_INPUT,
      label: labelWithProblem(t.pickLabel, LABELS[language].errorWord, problem),
      placeholder: t.pickPlaceholder,
      isMultiSelect: true,
      style: 'filtered',
      choices: [],
      // Teams fills the choices from the organisation's directory as the person types; the value is the Entra object id.
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
      isRequired: true,
      errorMessage: `${LABELS[language].errorWord} ${t.pickError}`,
      spacing: 'Large',
    });
    actions.push(execute(t.add, DECLARATION_VERBS.shareAdd, { declarationId: record.id, lang: language }, { style: 'positive' }));
  } else {
    body.push(textBlock(t.full, { spacing: 'Large' }));
  }
  actions.push(showMineAction(language));
  return card(body, actions);
}

/** « Retirer « nom » » under one person (tooltip « Retirer l’accès de nom »). */
function removeAction(record: DeclarationRecord, id: string, names: KnownNames, language: Language): ExecuteAction {
  const t = TEXT[language];
  const [open, close] = language === 'fr' ? [' « ', ' »'] : [' "', '"'];
  const short = plainPerson(id, names, MAX_LIST_BUTTON_TITLE_CHARS - t.remove.length - open.length - close.length);
  return execute(
    `${t.remove}${open}${short}${close}`,
    DECLARATION_VERBS.shareRemove,
    { declarationId: record.id, userId: id, lang: language },
    { associatedInputs: 'none', tooltip: t.removeTooltip(plainPerson(id, names, MAX_SHOWN_PERSON_CHARS)) },
  );
}

/** The sentences saying what a press did (see ShareOutcome). */
function outcomeLines(outcome: ShareOutcome | undefined, names: KnownNames, language: Language): string[] {
  const t = TEXT[language];
  switch (outcome?.kind) {
    case undefined:
    case 'nobody_picked':
    case 'unrecognised':
      return [];
    case 'added': {
      const [first] = outcome.people;
      const added = outcome.people.length === 1 && first ? [t.addedOne(personInSentence(first.id, names, language, true))] : outcome.people.length > 1 ? [t.addedMany(outcome.people.length)] : [];
      return [...added, ...(outcome.already > 0 ? [t.already(outcome.already)] : [])];
    }
    case 'removed':
      return [t.removed(personInSentence(outcome.id, names, language, true))];
    case 'not_a_collaborator':
      return [t.notACollaborator];
    case 'self':
      return [t.self];
    case 'too_many':
      return [t.tooMany];
  }
}

/** What a colleague may do with a declaration in its state now: edit it, wait for the decision, or only view it. */
type NoticeRights = 'editable' | 'awaiting' | 'decided';

/**
 * The notice posted in a colleague's personal chat with Balises when a declarant gives them access: who shared
 * (`sharer`, their Teams name), which declaration (its name and IA number, if any), what they may do with it as it
 * stands (a declaration submitted or decided is not edited until changes are requested), and « Voir mes
 * déclarations ». In the colleague's language (their chat's locale).
 */
export function sharedNoticeCard(record: DeclarationRecord, sharer: string, language: Language): Card {
  const who = sharer.trim() ? safeClip(sharer, MAX_SHOWN_VALUE_CHARS) : TEXT[language].someone;
  const rights: NoticeRights =
    record.state === 'draft' || record.state === 'changes_requested' ? 'editable' : REVIEWABLE_STATES.includes(record.state) ? 'awaiting' : 'decided';
  return card([textBlock(TEXT[language].notice(who, shownName(record, language), record.publicId, rights))], [showMineAction(language)]);
}

/**
 * Why the sharing card is not shown: `declarant_only` to a collaborator (only the declarant chooses who has
 * access), `personal_only` outside a personal chat (the card names the people who have access). With « Voir mes
 * déclarations ».
 */
export function shareRefusedCard(reason: 'declarant_only' | 'personal_only', language: Language): Card {
  const t = TEXT[language];
  return card([textBlock(reason === 'declarant_only' ? t.declarantOnly : t.personalOnly)], reason === 'declarant_only' ? [showMineAction(language)] : []);
}
