import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Language } from '../../answers/types.js';
import { isUntouchedDraft, reviewTakenBy, type Actor, type DeclarationEvent, type GivenUpNotification } from '../../inventory/index.js';
import {
  DECLARATION_VERBS,
  INVENTORY_FILTERS,
  MAX_LISTED_DECLARATIONS,
  REVIEW_VERBS,
  STATE_FILTER_WORDS,
  statesOf,
  lastDecision,
  listCard,
  messageCard,
  refusalCard,
  viewCard,
  withdrawnViewCard,
  type Card,
  type ChangesRequest,
  type InventoryFilter,
} from '../cards/index.js';
import { isPersonal } from '../audience.js';
import { actionLanguage } from '../language.js';
import { message } from '../render/answer.js';
import { MAX_LISTED_NAME_CHARS } from '../render/size.js';
import { clip } from '../render/text.js';
import { actorOf, respondWithCard, sendCard } from '../activities.js';
import type { InventoryDeps, RouteDeps } from './deps.js';
import { governanceChannelRegistered, governancePlace, inChannel, registerHint } from './governance-place.js';
import { inventoryOriginOf, shownReviewCard } from './review.js';
import { markRoute, turnLogger } from '../turn.js';
import { knownNames } from './collaborators.js';
import { typedDocId } from '../../documents/document-lookup.js';

/**
 * `mes déclarations` / `my declarations`, optional slash, any case, accent and final s optional (`mes declaration`),
 * also after a verb asking to see them, as the cards' own button says it: « Voir mes déclarations », "Show my
 * declarations" (found in the Playground: typed, they were searched in the documents and quoted an unrelated passage).
 */
export const MY_DECLARATIONS_COMMAND = /^\s*\/?(?:(?:voir|afficher|show|see|view|list)\s+)?(mes\s+d[ée]clarations?|my\s+declarations?)\s*(?:[.!?]+\s*)?$/i;
/**
 * `inventaire [état | IA-AAAA-NNNN]` / `inventory [state | IA-YYYY-NNNN]`, also `inventaires` and with the word's
 * own punctuation (`inventaire.`, `inventaire : approuvées`). Whether words after it make it the command or a
 * question is isInventoryCommand's to say.
 */
export const INVENTORY_COMMAND = /^\s*\/?(inventaires?|inventory)\s*[.:!?]*(\s+[^\n]*)?\s*$/i;

/** Words after `inventaire` that may be a mistyped state (`inventaire bleues`, `en attentes`): the longest state is four words. */
const MAX_FILTER_WORDS = 4;

/** What « Voir » and « Examiner » carry besides `lang`: the declaration they act on. */
const OneDeclaration = z.object({ declarationId: z.string().min(1).max(200) });
/** What « Retour à l’inventaire » carries besides `lang`: the list's state filter (null: every declaration). */
const InventoryFilterAction = z.object({ filter: z.enum(INVENTORY_FILTERS).nullable() });

/** Words for each filter a governance admin may use (folded: lower case, no accents), French and English: a state,
 *  or the declarations awaiting a decision (submitted or in review), which a reviewer asks for as a whole. French
 *  states in any gender and number: « inventaire approuvé » (a project, a use case) was met with « Je ne connais pas
 *  cet état » in the Playground. */
export const STATE_FILTERS: Record<string, InventoryFilter> = {
  brouillon: 'draft',
  brouillons: 'draft',
  draft: 'draft',
  drafts: 'draft',
  soumis: 'submitted',
  soumise: 'submitted',
  soumises: 'submitted',
  submitted: 'submitted',
  'en examen': 'in_review',
  examen: 'in_review',
  'in review': 'in_review',
  review: 'in_review',
  approuve: 'approved',
  approuves: 'approved',
  approuvee: 'approved',
  approuvees: 'approved',
  approved: 'approved',
  'changements demandes': 'changes_requested',
  changements: 'changes_requested',
  'changes requested': 'changes_requested',
  changes: 'changes_requested',
  refuse: 'rejected',
  refuses: 'rejected',
  refusee: 'rejected',
  refusees: 'rejected',
  rejected: 'rejected',
  'en attente': 'awaiting_decision',
  'en attente de decision': 'awaiting_decision',
  'a examiner': 'awaiting_decision',
  pending: 'awaiting_decision',
  'awaiting decision': 'awaiting_decision',
  'to review': 'awaiting_decision',
};

const TEXT = {
  fr: {
    unknownFilter:
      'Je ne connais pas cet état. Essayez : `inventaire`, ou `inventaire` suivi d’un état : en attente (soumises ou en examen), brouillon, soumise, en examen, approuvée, changements demandés ou refusée ; ou suivi du numéro d’une déclaration pour la voir (`inventaire IA-2026-0001`).',
    unknownNumber: (number: string) =>
      `Aucune déclaration ne porte le numéro ${number}. Vérifiez le numéro sur l’accusé de réception, ou tapez \`inventaire\` pour voir toutes les déclarations.`,
    notHere:
      'Les listes de déclarations ne s’affichent pas ici, pour ne pas les montrer à tous les membres. Demandez-les dans une conversation personnelle avec moi, ou, pour l’équipe de gouvernance, dans son canal.',
  },
  en: {
    unknownFilter:
      'I do not know this state. Try: `inventory`, or `inventory` followed by a state: pending (submitted or in review), draft, submitted, in review, approved, changes requested or rejected; or followed by a declaration’s number to see it (`inventory IA-2026-0001`).',
    unknownNumber: (number: string) =>
      `No declaration has the number ${number}. Check the number on the receipt, or type \`inventory\` to see every declaration.`,
    notHere:
      'Declaration lists are not shown here, so that not every member sees them. Ask for them in a personal chat with me or, for the governance team, in its channel.',
  },
} as const;

/**
 * A declaration's number as typed after `inventaire` (`IA-2026-0001`, `« ia‑2026‑0001 ».`: any case, quotes, a
 * final full stop, a dash pasted from Word, read as typedDocId reads a document id), in the form receipts write it
 * (formatPublicId: `IA-`, the year, the serial on at least four digits); null when the words are not a number (a
 * state, say). A number typed from memory or read out over the phone is the same number: `IA 2026 0001`,
 * `IA2026-0001`, `ia-2026-1`, `IA-2026-00001`, `IA_2026_0001`, `IA/2026/0001`, `2026-0001` and `n° IA-2026-0001` are
 * all `IA-2026-0001` (they were met with « Je ne
 * connais pas cet état »). Numbers keep every digit past 9999, however many.
 */
function typedDeclarationNumber(typed: string): string | null {
  const folded = typedDocId(typed.trim())
    .replace(/[\s_/]+/g, ' ')
    .replace(NUMBER_WORD, '');
  const parts = /^(?:ia[- ]?)?(\d{4}) ?[- ] ?(\d+)$/.exec(folded) ?? /^ia(\d{4})(\d+)$/.exec(folded);
  if (!parts) return null;
  const [, year, serial] = parts as unknown as [string, string, string];
  return `IA-${year}-${serial.replace(/^0+(?=\d)/, '').padStart(4, '0')}`;
}

/** A word for « number » before one (`n° IA-2026-0001`, `no`, `nº`, `numéro`, `number`, `#` being punctuation), accents folded. */
const NUMBER_WORD = /^(?:n\s?[°º]|no\.?|numero|number|num\.?)\s*/;

/** Lower case, accents removed, spaces collapsed, trailing punctuation dropped. */
export function fold(text: string): string {
  const folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  // A loop, not `[.!?]+$`, which reads a long run of « ! » that does not reach the end in quadratic time.
  let end = folded.length;
  while (end > 0 && '.!?'.includes(folded[end - 1]!)) end--;
  return folded.slice(0, end).trim();
}

/**
 * `mes déclarations` / `my declarations`: the person's declarations (declared or collaborating) with number and
 * state; `inventaire [état]` / `inventory [state]`: every declaration, for governance admins, optionally one state
 * (brouillon, soumise, en examen, approuvée, changements demandés, refusée, or the English words) or those awaiting a
 * decision (en attente, à examiner, pending: submitted or in review); `inventaire IA-AAAA-NNNN` (see
 * typedDeclarationNumber) that declaration's review card, as « Examiner » opens it, or words saying no declaration
 * has that number; others get a polite refusal. The command's own word says the language. Both answer only in a personal chat and in the
 * registered governance channel; anywhere else (a group chat, another channel) they say where to ask. A declaration
 * sent back for changes says who asked, when and why in the person's list. The card verb
 * `declaration.list_mine` answers with the person's list in place of the card pressed, under the same rule, as do
 * the list's buttons: `declaration.view` (« Voir ») the receipt of a declaration submitted at least once, to its
 * declarant and collaborators only (anyone else, a governance admin included, gets the `forbidden` refusal), and
 * `review.open` (« Examiner », « Voir » once decided) its review card, to governance admins only (`not_admin` for anyone else), read-only
 * with the reason on top for a declaration they made or collaborate on (see shownReviewCard), in place of the list
 * for the person who pressed only, ending with « Retour à l’inventaire » (`review.inventory`: the same list, same
 * filter, as it stands now). Refusals speak the list's language (`lang`), the review card the declaration's.
 */
export function register(app: Application, deps: RouteDeps): void {
  const inventory = deps.inventory;
  if (!inventory) return;
  app.message(MY_DECLARATIONS_COMMAND, (context) => myDeclarationsCommand(context, inventory));
  app.adaptiveCards.actionExecute(DECLARATION_VERBS.listMine, (context) => listMine(context, inventory));
  app.adaptiveCards.actionExecute(DECLARATION_VERBS.view, (context, _state, data: Record<string, unknown>) => viewDeclaration(context, data, inventory, deps.logger));
  app.adaptiveCards.actionExecute(REVIEW_VERBS.open, (context, _state, data: Record<string, unknown>) => openReview(context, data, inventory));
  app.adaptiveCards.actionExecute(REVIEW_VERBS.inventory, (context, _state, data: Record<string, unknown>) => backToInventory(context, data, inventory, deps.logger));
  app.message((context) => isInventoryCommand(context, inventory), (context) => inventoryCommand(context, inventory, deps.logger));
}

/** `mes déclarations` / `my declarations`: the person's list (see myList), where lists may be read (see answersHere). */
async function myDeclarationsCommand(context: TurnContext, inventory: InventoryDeps): Promise<void> {
  markRoute(context, 'inventory');
  const language: Language = /mes\s/i.test(context.activity.text ?? '') ? 'fr' : 'en';
  if (!(await answersHere(context, inventory, language))) return;
  const actor = actorOf(context.activity);
  if (!actor) {
    await sendCard(context, refusalCard('unknown_identity', language));
    return;
  }
  await sendCard(context, await myList(inventory.service, actor, language, isPersonal(context)));
}

/** A card's « Voir mes déclarations » / « Non, garder ce brouillon »: the same list, in place of the card. */
async function listMine(context: TurnContext, inventory: InventoryDeps): Promise<Card> {
  markRoute(context, 'inventory');
  const language = actionLanguage(context.activity);
  if (!(await governancePlace(context, inventory.conversations))) return messageCard([TEXT[language].notHere]);
  const actor = actorOf(context.activity);
  if (!actor) return refusalCard('unknown_identity', language);
  return myList(inventory.service, actor, language, isPersonal(context));
}

/**
 * « Voir » on « mes déclarations »: the receipt as it stands now, for the people who made the declaration, with who
 * gave or took away a colleague's access and when (the people named as Balises knows them, see knownNames).
 */
async function viewDeclaration(context: TurnContext, data: Record<string, unknown>, inventory: InventoryDeps, logger: Logger): Promise<Card> {
  const service = inventory.service;
  markRoute(context, 'inventory');
  const language = actionLanguage(context.activity);
  if (!(await governancePlace(context, inventory.conversations))) return messageCard([TEXT[language].notHere]);
  const actor = actorOf(context.activity);
  if (!actor) return refusalCard('unknown_identity', language);
  const action = OneDeclaration.safeParse(data);
  if (!action.success) return refusalCard('invalid_card', language);
  const found = await service.get(actor, action.data.declarationId);
  if (found.kind !== 'found') return refusalCard(found.kind === 'not_found' ? 'not_found' : 'forbidden', language);
  // A governance admin may read every declaration, but through « Examiner » on the inventory: « Voir » is the
  // receipt of its declarant and collaborators, so a forged one naming someone else's declaration is refused.
  if (!service.isAuthor(actor, found.record)) return refusalCard('forbidden', language);
  // Only a declaration submitted at least once has a receipt; the list offers « Reprendre » for the others. One taken
  // back to draft since the list or receipt was shown says so, and who took it back (a colleague, maybe).
  if (found.record.publicId === null) return refusalCard('invalid_card', language);
  if (found.record.state === 'draft') return withdrawnViewCard(found.record, found.events, language);
  const people = [...new Set(found.accessEvents.map((event) => event.userId))];
  return viewCard(found.record, found.events, language, { events: found.accessEvents, names: await knownNames(inventory, people, turnLogger(context, logger)) }, actor.id);
}

/** « Examiner » on the inventory: the declaration's review card, as the governance channel has it. */
async function openReview(context: TurnContext, data: Record<string, unknown>, inventory: InventoryDeps): Promise<Card> {
  const service = inventory.service;
  markRoute(context, 'inventory');
  const language = actionLanguage(context.activity);
  let card: Card;
  const actor = actorOf(context.activity);
  const action = OneDeclaration.safeParse(data);
  if (!(await governancePlace(context, inventory.conversations))) card = messageCard([TEXT[language].notHere]);
  else if (!actor) card = refusalCard('unknown_identity', language);
  else if (!service.isGovernanceAdmin(actor)) card = refusalCard('not_admin', language);
  else if (!action.success) card = refusalCard('invalid_review_card', language);
  else {
    // A list from before « Examiner » said its filter leads back to the whole inventory.
    const fromInventory = inventoryOriginOf(data) ?? { filter: null, lang: language };
    card = await shownReviewCard(inventory, actor, action.data.declarationId, language, { ownNotice: true, fromInventory });
  }
  // Answered here rather than by teams-ai, which would also update the message for a card with `refresh`. The card
  // replaces the list for the person who pressed only: everyone else in the channel keeps the list.
  await respondWithCard(context, card);
  return card;
}

/** « Retour à l’inventaire » on a review card opened from the list: the same list, as it stands now, for that person. */
async function backToInventory(context: TurnContext, data: Record<string, unknown>, inventory: InventoryDeps, logger: Logger): Promise<Card> {
  const service = inventory.service;
  markRoute(context, 'inventory');
  const language = actionLanguage(context.activity);
  const actor = actorOf(context.activity);
  const origin = InventoryFilterAction.safeParse(data);
  let card: Card;
  if (!(await governancePlace(context, inventory.conversations))) card = messageCard([TEXT[language].notHere]);
  else if (!actor || !service.isGovernanceAdmin(actor)) card = refusalCard('not_admin', language);
  else card = await inventoryList(inventory, turnLogger(context, logger), actor, origin.success ? origin.data.filter : null, language, isPersonal(context));
  await respondWithCard(context, card);
  return card;
}

/**
 * True when a message is the `inventaire` command: alone, or followed by a state or a declaration's number (an
 * employee is then refused). Other words after it make it a question on AI governance (« Inventaire des systèmes
 * d’IA : est-ce obligatoire? » was refused to employees and met with « Je ne connais pas cet état » for admins),
 * except, for an admin, a few words without a question mark: a mistyped state, which the command's unknown-state
 * message helps with.
 */
async function isInventoryCommand(context: TurnContext, inventory: InventoryDeps): Promise<boolean> {
  if (context.activity.type !== 'message') return false;
  const match = INVENTORY_COMMAND.exec(context.activity.text ?? '');
  if (!match) return false;
  const words = fold(match[2] ?? '');
  if (words === '' || STATE_FILTERS[words] || typedDeclarationNumber(match[2] ?? '')) return true;
  const actor = actorOf(context.activity);
  const admin = actor !== null && inventory.service.isGovernanceAdmin(actor);
  return admin && !(match[2] ?? '').includes('?') && words.split(' ').length <= MAX_FILTER_WORDS;
}

/** `inventaire [état | IA-AAAA-NNNN]` / `inventory …`: the filtered inventory or one declaration's review card, for governance admins. */
async function inventoryCommand(context: TurnContext, inventory: InventoryDeps, logger: Logger): Promise<void> {
  const service = inventory.service;
  markRoute(context, 'inventory');
  const match = INVENTORY_COMMAND.exec(context.activity.text ?? '');
  const language: Language = /inventaire/i.test(match?.[1] ?? '') ? 'fr' : 'en';
  if (!(await answersHere(context, inventory, language))) return;
  const actor = actorOf(context.activity);
  if (!actor || !inventory.service.isGovernanceAdmin(actor)) {
    await sendCard(context, refusalCard('not_admin', language));
    return;
  }
  const number = typedDeclarationNumber(match?.[2] ?? '');
  if (number) {
    const id = await service.idOfNumber(actor, number);
    // Echoed clipped: a pasted run of digits (120 000 of them) made a message over Teams' size limit.
    if (id === null) await context.sendActivity(message(TEXT[language].unknownNumber(clip(number, MAX_LISTED_NAME_CHARS))));
    else await sendCard(context, await shownReviewCard(inventory, actor, id, language, { ownNotice: true, fromInventory: { filter: null, lang: language } }));
    return;
  }
  const filterText = fold(match?.[2] ?? '');
  const state = filterText ? STATE_FILTERS[filterText] : undefined;
  if (filterText && !state) {
    await context.sendActivity(message(TEXT[language].unknownFilter));
    return;
  }
  await sendCard(context, await inventoryList(inventory, turnLogger(context, logger), actor, state ?? null, language, isPersonal(context)));
}

/**
 * True in a personal chat and in the governance channel; elsewhere sends where to ask instead, and to a governance
 * admin in a channel, how to register it as the governance channel, or that one is registered already (registerHint).
 */
async function answersHere(context: TurnContext, inventory: InventoryDeps, language: Language): Promise<boolean> {
  const allowed = await governancePlace(context, inventory.conversations);
  if (!allowed) {
    const actor = actorOf(context.activity);
    const admin = inChannel(context) && actor !== null && inventory.service.isGovernanceAdmin(actor);
    const hint = admin ? ` ${registerHint(language, await governanceChannelRegistered(inventory.conversations))}` : '';
    await context.sendActivity(message(`${TEXT[language].notHere}${hint}`));
  }
  return allowed;
}

/**
 * « mes déclarations »: the person's list, each declaration sent back for changes with its latest request; a draft
 * never edited (isUntouchedDraft) is left out, an empty « (sans nom) » entry being clutter to them. In a personal
 * chat (`personal`) their own declarations offer « Partager » and those shared with them say who declared them;
 * the sharing card names who has access, so a channel's list offers no button to it.
 */
async function myList(service: InventoryDeps['service'], actor: Actor, language: Language, personal: boolean): Promise<Card> {
  const records = (await service.listMine(actor)).filter((record) => !isUntouchedDraft(record));
  const requests = new Map<string, ChangesRequest>();
  for (const record of records.slice(0, MAX_LISTED_DECLARATIONS)) {
    if (record.state !== 'changes_requested' || record.setAsideAt) continue;
    const found = await service.get(actor, record.id);
    const request = found.kind === 'found' ? lastDecision(found.record, found.events) : null;
    if (request) requests.set(record.id, request);
  }
  return listCard(records, { kind: 'mine', reader: actor.id, personal }, language, requests);
}

/**
 * `inventaire [état]`: every declaration, or those `state` lists (one state, or those awaiting a decision), for a governance admin (`not_admin` otherwise).
 * `personal`: the list is read by `actor` alone (a personal conversation), so their own declarations get « Voir ».
 * Each declaration says its notifications given up (their conversation gone: outbox.ts GIVE_UP_AFTER_MS), naming whom
 * a personal one was for (knownNames: their display name, else their id), and one in review who has it since when.
 */
async function inventoryList(inventory: InventoryDeps, log: Logger, actor: Actor, state: InventoryFilter | null, language: Language, personal: boolean): Promise<Card> {
  const service = inventory.service;
  const records = await service.listAll(actor, state ? [...statesOf(state)] : undefined);
  if (!Array.isArray(records)) return refusalCard('not_admin', language);
  // In a channel the list is every admin's to read and press: « Examiner » stays for those who may decide.
  const own = new Set(personal ? records.filter((r) => service.isAuthor(actor, r)).map((r) => r.id) : []);
  const givenUp = new Map<string, GivenUpNotification[]>();
  for (const notice of await service.givenUpNotifications(actor)) givenUp.set(notice.declarationId, [...(givenUp.get(notice.declarationId) ?? []), notice]);
  // The people personal notices given up were for, named as the sharing card names them.
  const recipients = [...new Set([...givenUp.values()].flat().flatMap((notice) => (notice.recipientId === null ? [] : [notice.recipientId])))];
  const recipientNames = await knownNames(inventory, recipients, log);
  // Who has each one in review, so that a reviewer scanning the list leaves it to them.
  const takenBy = new Map<string, DeclarationEvent>();
  for (const record of records.slice(0, MAX_LISTED_DECLARATIONS)) {
    if (record.state !== 'in_review') continue;
    const found = await service.get(actor, record.id);
    const taken = found.kind === 'found' ? reviewTakenBy(found.record, found.events) : null;
    if (taken) takenBy.set(record.id, taken);
  }
  return listCard(records, { kind: 'inventory', filter: state ? STATE_FILTER_WORDS[language][state] : null, state, own, givenUp, recipientNames, takenBy }, language);
}

/**
 * The card verbs this route serves: `declaration.list_mine`, the person's list again (from the confirmation of a
 * deletion and after it); `declaration.view` and `review.open`, the list buttons « Voir » and « Examiner »;
 * `review.inventory`, « Retour à l’inventaire » on a review card opened with « Examiner ». The
 * list's « Reprendre » buttons are `declaration.reopen`, served by declare.ts.
 */
export const INVENTORY_LIST_VERBS = [DECLARATION_VERBS.listMine, DECLARATION_VERBS.view, REVIEW_VERBS.open, REVIEW_VERBS.inventory] as const;
