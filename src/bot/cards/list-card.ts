import type { Language } from '../../answers/types.js';
import { isDeletableDraft, LEAVABLE_STATES, sameUser, type DeclarationEvent, type DeclarationRecord, type GivenUpNotification } from '../../inventory/index.js';
import { MAX_CARD_BYTES, card, cardBytes, container, execute, heading, safeClip, textBlock, type Card, type CardElement, type ExecuteAction } from './card.js';
import { clip } from '../render/text.js';
import { givenUpLabel, LABELS, STATE_WORDS, formatDate } from './labels.js';
import { LIFECYCLE_TEXT } from './lifecycle-labels.js';
import { REVIEWABLE_STATES, type InventoryFilter, type InventoryOrigin } from './review-card.js';
import type { ChangesRequest } from './step-card.js';
import { MAX_SHOWN_NAME_CHARS, MAX_SHOWN_VALUE_CHARS, asSubmitted, shownName, shownPerson } from './summary.js';
import { DECLARATION_VERBS, REVIEW_VERBS } from './verbs.js';

/** Declarations listed at most; the others are counted (« et 3 autres déclarations », « et 1 autre déclaration »). */
export const MAX_LISTED_DECLARATIONS = 40;
/** Longest reviewer comment shown in the list, in characters (the form shows it whole). */
const MAX_LISTED_COMMENT_CHARS = 300;
/** States in which the declarant can edit (and the list offers « Reprendre »). */
const EDITABLE_STATES = new Set(['draft', 'changes_requested']);

/**
 * What the list is: the person's own declarations, or the inventory (with the state filter in words, if any, and
 * as a state, which « Examiner » carries so that the review card can lead back to the same list).
 */
export type ListKind =
  | {
      kind: 'mine';
      /**
       * The reader's user id (as stored, see Actor). The declarations shared with them (declared by someone else)
       * offer only what a collaborator may do: no « Supprimer », no buttons on a draft its declarant set aside (only
       * they restore or delete it), and « Nouvelle déclaration »'s note speaks of the reader's own draft only. When
       * absent, every declaration listed is taken as the reader's own.
       */
      reader?: string;
      /**
       * In a personal chat (the default when `reader` is given): the reader's own declarations get « Partager »
       * (`declaration.share`), the ones shared with them say who declared them. Not in a channel's list.
       */
      personal?: boolean;
    }
  | {
      kind: 'inventory';
      filter: string | null;
      state?: InventoryFilter | null;
      /**
       * Ids of the declarations the reader declared or collaborates on: « Voir », never « Examiner », since nobody
       * decides on their own declaration (its review card would only say so). None when absent.
       */
      own?: ReadonlySet<string>;
      /** The notifications given up (their conversation gone), by declaration id: said under the declaration. */
      givenUp?: ReadonlyMap<string, readonly GivenUpNotification[]>;
      /** The display names Balises knows of the people those notifications were for (knownNames), by Entra id. */
      recipientNames?: ReadonlyMap<string, string>;
      /**
       * For declarations in review, by id, the `in_review` event of the reviewer who has it (reviewTakenBy): « En
       * examen par NAME depuis le DATE » under the declaration.
       */
      takenBy?: ReadonlyMap<string, DeclarationEvent>;
    };

/**
 * `mes déclarations` / `inventaire`: each declaration's name, IA number (or « sans numéro ») and state in words,
 * most recent first. Every button's title names the declaration it acts on (« Reprendre « Tri des courriels » »,
 * see namedAction). In `mine`, a declaration the person can still edit has a « Reprendre » button
 * (`declaration.reopen`), and every draft never submitted, the current one included, « Supprimer »
 * (`declaration.delete_set_aside`, which asks first); a draft set aside says so and offers to resume it or delete
 * it; a declaration submitted at least once has « Voir » (`declaration.view`: its receipt as it stands now). In
 * `inventory`, a declaration awaiting a decision has « Examiner », one already decided (approved, rejected, sent back
 * for changes) or the reader's own « Voir »: both `review.open`, its review card, with the decision buttons only while undecided; its
 * data says which list it came from, `inventory`: InventoryOrigin. When the
 * person has a draft, « Nouvelle déclaration » (`declaration.start_new`) ends the card, with a sentence saying it sets that draft
 * aside, nothing erased; without a draft but with a declaration sent back for changes, it is offered too, the
 * sentence saying that declaration stays in the list to resume. In `mine`, a declaration sent back for changes with
 * its request in `requests` (by id) says who asked, when, and their comment (clipped to MAX_LISTED_COMMENT_CHARS).
 * In `inventory`, a declaration in review says who has it since when (`takenBy`); a notification of the declaration given up (`givenUp`) is said under it, in the attention colour,
 * with when, which notice it was (givenUpLabel: the « en examen » step's notice told from a decision's, a copy to a
 * collaborator, a sharing notice…), whom a personal one was for (their known display name, `recipientNames`, else their
 * Entra id) and what to do: a review card only while the declaration awaits a decision, any other always.
 * An inventory filtered to a state that holds nothing offers « Voir tout l’inventaire » (`review.inventory`, no filter).
 * At most MAX_LISTED_DECLARATIONS, fewer when the card would pass MAX_CARD_BYTES.
 */
export function listCard(
  listed: readonly DeclarationRecord[],
  list: ListKind,
  language: Language,
  requests: ReadonlyMap<string, ChangesRequest> = new Map(),
): Card {
  const t = LABELS[language];
  // The inventory names each declaration as submitted (see asSubmitted); the declarant's own list, as they left it.
  const records = list.kind === 'inventory' ? listed.map(asSubmitted) : listed;
  const title = list.kind === 'mine' ? t.listMine(records.length) : t.listAll(records.length, list.filter);
  if (records.length === 0) {
    // An empty filtered list would end the conversation: the button leads to the whole inventory, as the command does.
    const wholeInventory = list.kind === 'inventory' && list.filter ? [execute(t.wholeInventory, REVIEW_VERBS.inventory, { filter: null, lang: language }, { associatedInputs: 'none' })] : [];
    return card([heading(title), textBlock(list.kind === 'mine' ? t.listEmptyMine : t.listEmptyAll(list.filter))], wholeInventory);
  }
  // « Nouvelle déclaration » sets aside the reader's own draft, never one shared with them.
  const open = (state: DeclarationRecord['state']) => list.kind === 'mine' && records.some((r) => r.state === state && !r.setAsideAt && declaredByReader(r, list));
  // A declaration sent back for changes is what /déclarer resumes: without the button, its declarant could declare
  // nothing else before resubmitting it. It is not set aside (only a draft is); the note says it stays.
  const startNewNote = open('draft') ? t.startNewNote : open('changes_requested') ? t.startNewBesideChanges : null;
  const actions = startNewNote ? [execute(t.startNew, DECLARATION_VERBS.startNew, { lang: language }, { associatedInputs: 'none' })] : [];
  for (let shown = Math.min(records.length, MAX_LISTED_DECLARATIONS); ; shown = Math.floor(shown / 2)) {
    const body: CardElement[] = [heading(title), ...records.slice(0, shown).map((r) => item(r, list, language, requests.get(r.id)))];
    if (shown < records.length) body.push(textBlock(t.listMore(records.length - shown), { isSubtle: true }));
    if (startNewNote) body.push(textBlock(startNewNote, { isSubtle: true, spacing: 'Large' }));
    const built = card(body, actions);
    if (shown <= 1 || cardBytes(built) <= MAX_CARD_BYTES) return built;
  }
}

function item(record: DeclarationRecord, list: ListKind, language: Language, request: ChangesRequest | undefined): CardElement {
  const t = LABELS[language];
  const name = shownName(record, language);
  const state = record.setAsideAt ? t.setAside : STATE_WORDS[language][record.state];
  const line = [record.publicId ?? t.noNumber, state, t.updated(formatDate(record.updatedAt, language))].join(' · ');
  const items: CardElement[] = [textBlock(`**${name}**`), textBlock(line, { isSubtle: true, spacing: 'None' })];
  const declarant = shownPerson(record.declarant, MAX_SHOWN_VALUE_CHARS, language);
  if (list.kind === 'mine' && inPersonalChat(list) && !declaredByReader(record, list) && declarant) {
    items.push(textBlock(t.sharedBy(declarant), { isSubtle: true, spacing: 'None' }));
    if (record.setAsideAt) items.push(textBlock(t.setAsideByDeclarant(declarant), { isSubtle: true, spacing: 'None' }));
  }
  if (list.kind === 'mine' && request && record.state === 'changes_requested' && !record.setAsideAt) {
    const asked = `${t.changesRequestedBy(shownPerson(request.actor, MAX_SHOWN_VALUE_CHARS, language), formatDate(request.at, language))}.`;
    const comment = request.comment ? ` **${t.comment}** ${safeClip(request.comment, MAX_LISTED_COMMENT_CHARS)}` : '';
    items.push(textBlock(`${asked}${comment}`, { spacing: 'Small' }));
  }
  if (list.kind === 'inventory') {
    const taken = record.state === 'in_review' ? list.takenBy?.get(record.id) : undefined;
    if (taken) items.push(textBlock(t.inReviewBy(shownPerson(taken.actor, MAX_SHOWN_VALUE_CHARS, language), formatDate(taken.at, language)), { spacing: 'None' }));
    for (const notice of list.givenUp?.get(record.id) ?? []) {
      if (notice.kind === 'review_card' && !REVIEWABLE_STATES.includes(record.state)) continue;
      const who = notice.recipientId === null ? '' : safeClip(list.recipientNames?.get(notice.recipientId)?.trim() || notice.recipientId, MAX_SHOWN_VALUE_CHARS);
      items.push(textBlock(t.givenUp[givenUpLabel(notice)](formatDate(notice.at, language), who), { color: 'Attention', spacing: 'Small' }));
    }
  }
  const actions = itemActions(record, list, language);
  if (actions.length > 0) items.push({ type: 'ActionSet', actions });
  return container(items, { separator: true, spacing: 'Medium' });
}

/**
 * The buttons under one declaration. In `mine`: a draft set aside, « Reprendre » and « Supprimer »
 * (see setAsideActions); an editable declaration, « Reprendre » (and « Supprimer » while never submitted); a
 * declaration submitted at least once (it has an IA number), « Voir » (`declaration.view`); one submitted and not yet
 * taken for review, « Reprendre en brouillon » (`declaration.withdraw`), for its declarant and collaborators alike;
 * one shared with the reader, « Ne plus suivre » (`declaration.leave`) until approved or rejected. In `inventory`: a
 * declaration awaiting a decision, « Examiner » (`review.open`); one decided, or the reader's own (`own`), « Voir »
 * (`review.open` too: « Examiner » would promise a decision its card does not offer); a draft never submitted has no
 * review card.
 */
function itemActions(record: DeclarationRecord, list: ListKind, language: Language): ExecuteAction[] {
  const t = LABELS[language];
  const submitted = record.publicId !== null && record.state !== 'draft';
  if (list.kind === 'inventory') {
    const inventory: InventoryOrigin = { filter: list.state ?? null, lang: language };
    if (!submitted) return [];
    const decidable = REVIEWABLE_STATES.includes(record.state) && !list.own?.has(record.id);
    return [namedAction(decidable ? t.examine : t.view, REVIEW_VERBS.open, record, language, { inventory })];
  }
  const declarant = declaredByReader(record, list);
  if (record.setAsideAt) return declarant ? setAsideActions(record, language) : [];
  const actions: ExecuteAction[] = [];
  if (EDITABLE_STATES.has(record.state)) {
    actions.push(namedAction(t.resume, DECLARATION_VERBS.reopen, record, language));
    if (isDeletableDraft(record) && declarant) actions.push(deleteDraftAction(record, language));
  }
  if (submitted) actions.push(namedAction(t.view, DECLARATION_VERBS.view, record, language));
  const lifecycle = LIFECYCLE_TEXT[language];
  // Its authors (declarant and collaborators, who may submit it) take it back while no reviewer has it.
  if (record.state === 'submitted' && list.reader !== undefined) actions.push(namedAction(lifecycle.withdrawTooltip, DECLARATION_VERBS.withdraw, record, language, {}, lifecycle.withdraw));
  if (list.reader !== undefined && declarant && inPersonalChat(list)) actions.push(namedAction(t.shareWith, DECLARATION_VERBS.share, record, language, {}, t.share));
  if (list.reader !== undefined && !declarant && LEAVABLE_STATES.includes(record.state)) {
    actions.push(namedAction(lifecycle.leaveTooltip, DECLARATION_VERBS.leave, record, language, {}, lifecycle.leave));
  }
  return actions;
}

/** Whether the reader of `list` declared `record` (true when the list names no reader: see ListKind). */
function declaredByReader(record: DeclarationRecord, list: ListKind): boolean {
  return list.kind !== 'mine' || list.reader === undefined || sameUser(record.declarant.id, list.reader);
}

/** Whether `list` is read in a personal chat, where sharing is offered (see ListKind). */
function inPersonalChat(list: ListKind & { kind: 'mine' }): boolean {
  return list.reader !== undefined && list.personal !== false;
}

/**
 * Longest title of a list button, in characters: two of them side by side fit a Teams card on a laptop screen. A
 * title of 53 characters (« Supprimer ce brouillon » and a name of 26) ran past the card's edge, its closing » cut.
 */
export const MAX_LIST_BUTTON_TITLE_CHARS = 32;

/**
 * A button acting on one declaration: its id and the list's language in `data`, no inputs. Its title names the
 * declaration (« Reprendre « Tri des courriels » »): the title is the button's accessible name in the renderers (the
 * tooltip is at most a description, and only on hover), so a screen reader moving from button to button hears which
 * declaration each one acts on. The title says the verb `short` (« Supprimer », not « Supprimer ce brouillon »), the
 * name clipped so that the whole title fits MAX_LIST_BUTTON_TITLE_CHARS; the tooltip has `title` and the whole name.
 */
function namedAction(title: string, verb: string, record: DeclarationRecord, language: Language, extra: Record<string, unknown> = {}, short = title): ExecuteAction {
  const [open, close] = language === 'fr' ? [' « ', ' »'] : [' "', '"'];
  const name = plainName(record, language, MAX_LIST_BUTTON_TITLE_CHARS - short.length - open.length - close.length);
  return execute(`${short}${open}${name}${close}`, verb, { declarationId: record.id, lang: language, ...extra }, { associatedInputs: 'none', tooltip: namedTooltip(title, record, language) });
}

/** « Voir mes déclarations »: the person's list card (`declaration.list_mine`), where a card replaced it. */
export function showMineAction(language: Language): ExecuteAction {
  return execute(LABELS[language].showMine, DECLARATION_VERBS.listMine, { lang: language }, { associatedInputs: 'none' });
}

/** « Reprendre » and « Supprimer » a draft set aside (tooltips « Reprendre ce brouillon : … », « Supprimer ce brouillon : … »). */
export function setAsideActions(record: DeclarationRecord, language: Language): ExecuteAction[] {
  const t = LABELS[language];
  return [
    namedAction(t.resumeSetAside, DECLARATION_VERBS.reopen, record, language, {}, t.resume),
    deleteDraftAction(record, language),
  ];
}

/** « Supprimer « nom » » (tooltip « Supprimer ce brouillon : nom »): asks to confirm the deletion of a draft never submitted (set aside or current). */
function deleteDraftAction(record: DeclarationRecord, language: Language): ExecuteAction {
  const t = LABELS[language];
  return namedAction(t.deleteDraft, DECLARATION_VERBS.deleteSetAside, record, language, {}, t.delete);
}

/**
 * A button's tooltip naming the declaration it acts on: « Reprendre : Tri des courriels », "Resume: Mail triage",
 * « Voir : … », « Examiner : … » (every item's buttons share their titles; screen readers read the tooltip).
 */
function namedTooltip(title: string, record: DeclarationRecord, language: Language): string {
  return `${title}${language === 'fr' ? ' : ' : ': '}${plainName(record, language, MAX_SHOWN_NAME_CHARS)}`;
}

/** The declaration's name as plain text (button titles and tooltips are not markdown), clipped, or « (sans nom) ». */
function plainName(record: DeclarationRecord, language: Language, maxChars: number): string {
  const name = record.data.name;
  return typeof name === 'string' && name.trim() ? clip(name, maxChars) : LABELS[language].untitled;
}
