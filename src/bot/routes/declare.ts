import { createHash } from 'node:crypto';
import type { Application } from '@microsoft/teams-ai';
import type { Activity } from 'botbuilder';
import { ActivityTypes, TurnContext } from '../bot-framework.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Language } from '../../answers/types.js';
import {
  type AccessFailure,
  type Actor,
  DECLARATION_FIELDS,
  sameUser,
  type DeclarationDraft,
  type DeclarationField,
  type DeclarationRecord,
  type DraftDefaults,
  isDeletableDraft,
  SCHEMA_VERSION,
  type Step,
  type StepFingerprints,
  STEPS,
  validateStep,
} from '../../inventory/index.js';
import {
  confirmDeleteDraftCard,
  DECLARATION_VERBS,
  deletedDraftCard,
  draftDeletedCard,
  LABELS,
  lastDecision,
  messageCard,
  readStepInputs,
  shownName,
  receiptCard,
  showMineAction,
  refusalCard,
  withdrawAction,
  sameStepValues,
  staleCard,
  statusCard,
  stepCard,
  type Card,
  type ReceiptIntro,
  type ChangesRequest,
} from '../cards/index.js';
import { actorOf, referenceOf, respondWithCard, sendCard } from '../activities.js';
import { isPersonal } from '../audience.js';
import { actionLanguage, fallbackLanguage, messageLanguage } from '../language.js';
import { message } from '../render/answer.js';
import { rosterEmail } from '../roster.js';
import { markRoute, turnLogger } from '../turn.js';
import { GOVERNANCE_CHANNEL_KEY, storedReference, userConversationKey, type InventoryDeps, type RouteDeps } from './deps.js';

/** `/déclarer`, `déclarer`, `/declarer`, `declare`, `/declare`, any case, optional trailing punctuation. */
export const DECLARE_COMMAND = /^\s*\/?(d[ée]clarer|declare)\s*(?:[.!?]+\s*)?$/i;

/** The verbs this route serves (a unit test checks every card's verbs against the routes' lists). */
export const DECLARE_VERBS = [
  DECLARATION_VERBS.next,
  DECLARATION_VERBS.back,
  DECLARATION_VERBS.submit,
  DECLARATION_VERBS.reopen,
  DECLARATION_VERBS.deleteSetAside,
  DECLARATION_VERBS.confirmDeleteSetAside,
  DECLARATION_VERBS.startNew,
] as const;

/**
 * The answer to `/déclarer` outside a personal chat, naming the command as `command` writes it: as code in a message
 * (Teams draws Markdown there), as is on a card (an Adaptive Card's TextBlock shows backticks literally).
 */
const PERSONAL_CHAT_ONLY: Record<Language, (command: (word: string) => string) => string> = {
  fr: (command) => `Les déclarations se font dans une conversation personnelle avec moi : ouvrez une conversation avec Balises et tapez ${command('/déclarer')}.`,
  en: (command) => `Declarations are made in a personal chat with me: open a chat with Balises and type ${command('/declare')}.`,
};
/** A command as code, for a Markdown message. */
const asCode = (word: string): string => `\`${word}\``;
/** A command as typed, for a card. */
const asTyped = (word: string): string => word;

/** Personal-chat conversation references remembered as saved, to skip rewriting an unchanged one. */
const MAX_REMEMBERED_REFERENCES = 10_000;

/** What a step card's buttons send besides the inputs (see DeclarationActionData). */
const StepAction = z.object({
  declarationId: z.string().min(1).max(200),
  revision: z.number().int().min(0),
  step: z.enum(STEPS),
  /** Absent on cards from before versioning; any other value than SCHEMA_VERSION is an old card. */
  schemaVersion: z.number().int().optional(),
  /** Digests of the values the card showed (StepFingerprints); absent on cards from before them. */
  shown: z.record(z.string().max(40), z.string().max(64)).optional(),
});
const ReopenAction = z.object({ declarationId: z.string().min(1).max(200) });
/**
 * The confirmation's « Oui, supprimer ce brouillon »: `setAside` absent on cards from before current drafts could be
 * deleted, `revision` (the draft's when the question was asked) on cards from before drafts changed since were kept.
 */
const ConfirmDeleteAction = z.object({ setAside: z.boolean().optional(), revision: z.number().int().min(0).optional() });

/**
 * Declaring an AI use case through Adaptive Cards (Universal Actions):
 * - `/déclarer` (and `déclarer`, `/declarer`, `declare`, `/declare`) resumes the person's unfinished draft (its card
 *   saying so, with the time of its last save, when something was saved in it) or starts one (defaults: the configured public body, the person's Teams name as contact, and their e-mail from the Teams
 *   roster when it answers within ROSTER_TIMEOUT_MS; see rosterEmail) and sends the card of the first
 *   step with problems, else step 1 — in a personal chat only: in a group chat or a channel it says so and sends
 *   nothing else (the card carries the draft's values). The flow speaks the command's language (the client locale's when
 *   the word says nothing: `/declare`), and every card's buttons carry it (`lang`) to the next card;
 * - `declaration.next` / `declaration.back` save the step's values as typed and return the next (previous) step's
 *   card, or the same card with the problems and every value kept; `declaration.submit` saves the last step and
 *   submits: the receipt card at once; the review card, queued in the outbox with the submission, is posted to the
 *   governance channel by the outbox worker (src/bot/notifications.ts). While no governance channel is registered
 *   the receipt says the declaration is recorded and will reach the team once the channel is set up, not that it
 *   was sent. The answer replaces the card in place. Someone else's declaration gets a refusal.
 * - a stale card (the draft changed since it was shown: another window, device or collaborator) loses nothing of what
 *   was typed (see InventoryService.saveStep): values changed only on the card are saved into the current draft and
 *   the flow goes on, saying so (a stale « Soumettre » shows the step again instead of submitting, since the person
 *   has not seen the current version); values changed on both sides come back in their inputs with the saved
 *   version under each; the same press again (a double click on « Suivant », a redelivered invoke: every value on
 *   the card is already the draft's) gets what the first got; an untouched card showing values changed elsewhere
 *   since gets the current version, saying so.
 * - `declaration.reopen` (list card, "changes requested" notice) shows the declaration's first step to fix, to its
 *   declarant as /déclarer does (« Brouillon repris : … » on a draft already edited, see resumeCard); on a
 *   draft set aside (see DeclarationRecord.setAsideAt), its declarant gets it back as their draft, the current one
 *   set aside in its place (discarded when never edited: nothing typed to keep); `declaration.delete_set_aside` asks its declarant to confirm the deletion of a draft never
 *   submitted, set aside or current (nothing is deleted yet), `declaration.delete_set_aside.confirm` deletes it, answering the same
 *   confirmation when the draft is already gone (a double click on confirm, a redelivered invoke, an old card:
 *   idempotent from the person's view); asking to delete a draft already gone says it is gone, nothing else touched;
 *   a confirmation older than the draft (edited since on another window or device) deletes nothing and asks again.
 * - `declaration.start_new` (« Nouvelle déclaration » on the person's list, and on the step card of a draft that
 *   `/déclarer` resumed) sets their draft aside, with everything typed in it (on that step card too), and starts a new
 *   one (defaults as for `/déclarer`), saying which draft was set aside; a draft never edited is resumed instead (a
 *   double click makes one new draft, and says the same). A declaration sent back for changes (which /déclarer
 *   resumes too, and whose card and the list offer the button as well) is not set aside: what was typed on its card
 *   is saved in it, and the new draft's card says it stays in « mes déclarations ». In a personal chat only.
 * Every personal-chat activity refreshes the person's stored conversation reference (`user:<entra id>`) for
 * decision notices. Without `deps.inventory` nothing is registered.
 */
export function register(app: Application, deps: RouteDeps): void {
  const inventory = deps.inventory;
  if (!inventory) return;
  const saved = new Map<string, string>();
  const logger = deps.logger;

  app.turn('beforeTurn', async (context) => {
    await rememberPersonalChat(context, inventory, saved, logger);
    return true;
  });
  app.message(DECLARE_COMMAND, (context) => declareCommand(context, inventory, logger));
  app.adaptiveCards.actionExecute(DECLARATION_VERBS.next, stepHandler(inventory, 'next'));
  app.adaptiveCards.actionExecute(DECLARATION_VERBS.back, stepHandler(inventory, 'back'));
  app.adaptiveCards.actionExecute(DECLARATION_VERBS.submit, (context, _state, data: Record<string, unknown>) => submitDeclaration(context, data, inventory, logger));
  app.adaptiveCards.actionExecute(DECLARATION_VERBS.reopen, onDeclaration((actor, id, language) => reopenDeclaration(inventory, actor, id, language)));
  app.adaptiveCards.actionExecute(DECLARATION_VERBS.startNew, (context, _state, data: Record<string, unknown>) => startNewDeclaration(context, data, inventory, logger));
  app.adaptiveCards.actionExecute(DECLARATION_VERBS.deleteSetAside, onDeclaration((actor, id, language) => askDeleteDraft(inventory, actor, id, language)));
  app.adaptiveCards.actionExecute(
    DECLARATION_VERBS.confirmDeleteSetAside,
    onDeclaration((actor, id, language, data) => confirmDeleteDraft(inventory, actor, id, language, data)),
  );
}

/** A new draft's defaults: the configured public body, the person's Teams name and their e-mail from the roster. */
async function draftDefaults(inventory: InventoryDeps, context: TurnContext, actor: Actor, logger: Logger): Promise<DraftDefaults> {
  return {
    organismePublic: inventory.organismePublic,
    contactName: actor.name || undefined,
    contactEmail: await rosterEmail(context, logger),
  };
}

/** `/déclarer`: the person's open draft, or a new one, as a step card; in a personal chat only. */
async function declareCommand(context: TurnContext, inventory: InventoryDeps, logger: Logger): Promise<void> {
  markRoute(context, 'declare');
  // The flow speaks the command's language (« /déclarer » French; when the word says nothing, the one the person last
  // wrote in, else the client's: see fallbackLanguage); every
  // card then carries it (`lang`), so step 2 speaks as step 1 did.
  const language = messageLanguage(context.activity.text ?? '', fallbackLanguage(context));
  if (!isPersonal(context)) {
    // The step card carries the draft's values: never in a group chat or a channel.
    await context.sendActivity(message(PERSONAL_CHAT_ONLY[language](asCode)));
    return;
  }
  const actor = actorOf(context.activity);
  if (!actor) {
    await sendCard(context, refusalCard('unknown_identity', language));
    return;
  }
  // The roster is asked only for a new draft: a resumed one keeps what the person typed.
  const record = await inventory.service.startOrResume(actor, () => draftDefaults(inventory, context, actor, logger));
  await sendCard(context, resumeCard(record, language, await changesRequestOf(inventory, actor, record)));
}

/**
 * `declaration.next` / `declaration.back`: saves the step as typed, then the next (previous) step's card, the same
 * step with its errors (`next` only), the conflicts to settle, or why not.
 */
function stepHandler(inventory: InventoryDeps, direction: 'next' | 'back') {
  return async (context: TurnContext, _state: unknown, data: Record<string, unknown>): Promise<Card> => {
    markRoute(context, 'declare');
    const language = actionLanguage(context.activity);
    const action = await saveStepAction(inventory, context.activity, data, language);
    if ('card' in action) return action.card;
    const { declarationId, step, values, saved: result, changesRequested } = action;
    if (result.kind !== 'saved' && result.kind !== 'merged') return failureCard(result, step, language, changesRequested, values);
    if (result.kind === 'merged' && Object.keys(result.conflicts).length > 0) return conflictCard(result.record, step, result.conflicts, language, changesRequested);
    const record = result.record;
    const notices = result.kind === 'merged' ? [LABELS[language].staleMerged] : [];
    const index = STEPS.indexOf(step);
    if (direction === 'next' && Object.keys(result.errors).length > 0) {
      return stepCard({ declarationId, revision: record.revision, publicId: record.publicId, step, values: record.data, errors: result.errors, notices, changesRequested }, language);
    }
    const target = STEPS[direction === 'next' ? Math.min(index + 1, STEPS.length - 1) : Math.max(index - 1, 0)]!;
    return stepCard({ declarationId, revision: record.revision, publicId: record.publicId, step: target, values: record.data, notices, changesRequested }, language);
  };
}

/**
 * `declaration.submit`: saves the last step, then submits at the revision the person saw (see submissionKey): the
 * receipt card, the first step with errors, the current version when the card was stale, or why not.
 */
async function submitDeclaration(context: TurnContext, data: Record<string, unknown>, inventory: InventoryDeps, logger: Logger): Promise<Card> {
  markRoute(context, 'declare');
  const language = actionLanguage(context.activity);
  const action = await saveStepAction(inventory, context.activity, data, language);
  if ('card' in action) return action.card;
  const { actor, declarationId, revision, step, values, saved, changesRequested } = action;
  let submitRevision: number;
  if (saved.kind === 'merged') {
    // The card was stale: what was typed is kept, but the person has not seen the declaration as it now is, so
    // nothing is submitted before they press « Soumettre » on the current version.
    if (Object.keys(saved.conflicts).length > 0) return conflictCard(saved.record, step, saved.conflicts, language, changesRequested);
    const notices = [LABELS[language].staleMergedSubmit];
    return stepCard({ declarationId, revision: saved.record.revision, publicId: saved.record.publicId, step, values: saved.record.data, errors: saved.errors, notices, changesRequested }, language);
  } else if (saved.kind === 'saved') {
    if (Object.keys(saved.errors).length > 0) {
      return stepCard({ declarationId, revision: saved.record.revision, publicId: saved.record.publicId, step, values: saved.record.data, errors: saved.errors, changesRequested }, language);
    }
    submitRevision = saved.record.revision;
  } else if ((saved.kind === 'stale' || saved.kind === 'wrong_state') && sameStepValues(step, saved.current.data, values)) {
    // This very card was already saved (a double click, or Teams redelivering the invoke): the submission key
    // below makes the service answer with the declaration that the first click submitted.
    submitRevision = saved.current.revision;
  } else {
    return failureCard(saved, step, language, changesRequested, values);
  }
  const result = await inventory.service.submit(actor, declarationId, submitRevision, submissionKey(declarationId, revision), language);
  switch (result.kind) {
    case 'submitted':
      // The review card was queued with the submission (a duplicate made a card that never went out due again):
      // the outbox posts it after this answer, so the receipt never waits for the channel.
      inventory.notifications.wake();
      // The actions of the receipt « Voir » opens later: this card replaces the form, and is where a declaration
      // submitted by mistake is noticed first (« Reprendre en brouillon » while nobody has taken it); the list is
      // where the declarant follows it next.
      return receiptCard(result.record, language, {
        intro: await receiptIntro(inventory, context, logger),
        actions: [...(result.record.state === 'submitted' ? [withdrawAction(result.record, language)] : []), showMineAction(language)],
      });
    case 'invalid': {
      const first = STEPS.find((s) => Object.keys(result.errors).some((f) => fieldStep(f) === s)) ?? step;
      const errors = Object.fromEntries(Object.entries(result.errors).filter(([f]) => fieldStep(f) === first));
      return stepCard({ declarationId, revision: result.record.revision, publicId: result.record.publicId, step: first, values: result.record.data, errors, changesRequested }, language);
    }
    default:
      return failureCard(result, step, language, await changesRequestOf(inventory, actor, 'current' in result ? result.current : null));
  }
}

/** A verb on one declaration named by its card (reopen, delete a draft): who and which, or a refusal. */
function onDeclaration(
  handle: (actor: Actor, declarationId: string, language: Language, data: Record<string, unknown>) => Promise<Card>,
) {
  return async (context: TurnContext, _state: unknown, data: Record<string, unknown>): Promise<Card> => {
      markRoute(context, 'declare');
      const language = actionLanguage(context.activity);
      const actor = actorOf(context.activity);
      if (!actor) return refusalCard('unknown_identity', language);
      const action = ReopenAction.safeParse(data);
      if (!action.success) return refusalCard('invalid_card', language);
      return handle(actor, action.data.declarationId, language, data);
  };
}

/**
 * `declaration.reopen`: the declaration's first step to fix, to its declarant as /déclarer gives it back (a draft set
 * aside is restored, the current one set aside in its place), to a collaborator for editing; or its status card.
 */
async function reopenDeclaration(inventory: InventoryDeps, actor: Actor, declarationId: string, language: Language): Promise<Card> {
  const found = await inventory.service.get(actor, declarationId);
  if (found.kind !== 'found') return failureCard(found, 'identification', language);
  const declarant = sameUser(found.record.declarant.id, actor.id);
  // Set aside by its declarant: restoring it would set aside their current draft, which is theirs alone to do.
  if (found.record.setAsideAt && !declarant && inventory.service.isAuthor(actor, found.record)) return refusalCard('declarant_only', language);
  if (found.record.setAsideAt && declarant) {
    // Dated from the draft's last save before this restore, which stamps it anew.
    const restored = await inventory.service.restoreDraft(actor, found.record.id);
    return restored.kind === 'restored' ? resumeCard(restored.record, language, undefined, found.record.updatedAt) : failureCard(restored, 'identification', language);
  }
  const changesRequested = lastDecision(found.record, found.events) ?? undefined;
  // Its declarant takes it up as /déclarer would give it back; a collaborator only edits it.
  return authorOrStatusCard(found.record, actor, language, (record) =>
    declarant ? resumeCard(record, language, changesRequested) : editCard(record, language, changesRequested),
  );
}

/**
 * `declaration.start_new`: sets the person's draft aside (with what its step card had typed) and starts a new one;
 * resumes a draft never edited instead; in a personal chat only.
 */
async function startNewDeclaration(context: TurnContext, data: Record<string, unknown>, inventory: InventoryDeps, logger: Logger): Promise<Card> {
  markRoute(context, 'declare');
  const language = actionLanguage(context.activity);
  // The step card carries the draft's values: never in a group chat or a channel.
  if (!isPersonal(context)) return messageCard([PERSONAL_CHAT_ONLY[language](asTyped)]);
  const actor = actorOf(context.activity);
  if (!actor) return refusalCard('unknown_identity', language);
  let shownDraft: DeclarationRecord | null = null;
  let sentBack: DeclarationRecord | null = null;
  if (StepAction.safeParse(data).success) {
    // Pressed on a resumed draft's step card: what was typed there goes with the draft set aside, or the person
    // gets the card that says why not (a conflict to settle, a declaration no longer editable) and nothing starts.
    const parsed = await readStepAction(inventory, context.activity, data, language);
    if ('card' in parsed) return parsed.card;
    const { declarationId, revision, step, shown } = parsed;
    const values = readStepInputs(step, data);
    const saved = await inventory.service.saveStep(actor, declarationId, revision, step, values, shown);
    if (saved.kind === 'merged' && Object.keys(saved.conflicts).length > 0) return conflictCard(saved.record, step, saved.conflicts, language);
    if (saved.kind === 'wrong_state' && saved.current.setAsideAt && sameStepValues(step, saved.current.data, values)) {
      // Already set aside by the first press of a double click (or a redelivered invoke): the same answer again.
      shownDraft = saved.current;
    } else if (saved.kind !== 'saved' && saved.kind !== 'merged') {
      return failureCard(saved, step, language);
    } else if (saved.record.state === 'changes_requested') {
      sentBack = saved.record;
    }
  }
  const started = await inventory.service.startNew(actor, () => draftDefaults(inventory, context, actor, logger));
  const { record } = started;
  const setAside = started.setAside ?? shownDraft;
  const notice = setAside
    ? LABELS[language].previousSetAside(shownName(setAside, language))
    : sentBack
      ? LABELS[language].sentBackKept(shownName(sentBack, language))
      : null;
  if (!notice) return editCard(record, language);
  return stepCard({ declarationId: record.id, revision: record.revision, publicId: record.publicId, step: STEPS[0], values: record.data, notices: [notice] }, language);
}

/** `declaration.delete_set_aside`: asks its declarant to confirm the deletion of a draft never submitted (nothing is deleted yet). */
async function askDeleteDraft(inventory: InventoryDeps, actor: Actor, declarationId: string, language: Language): Promise<Card> {
  const found = await inventory.service.get(actor, declarationId);
  if (found.kind === 'not_found') return draftDeletedCard('already_deleted', language);
  if (found.kind !== 'found') return failureCard(found, 'identification', language);
  if (!sameUser(found.record.declarant.id, actor.id)) return refusalCard(inventory.service.isAuthor(actor, found.record) ? 'declarant_only' : 'forbidden', language);
  if (!isDeletableDraft(found.record)) return failureCard({ kind: 'wrong_state', current: found.record }, 'identification', language);
  return confirmDeleteDraftCard(found.record, language);
}

/**
 * `declaration.delete_set_aside.confirm`: deletes the draft; the same confirmation when it is already gone, the
 * question again when it changed since it was asked; a collaborator (forged or old card) is told only its declarant
 * deletes it.
 */
async function confirmDeleteDraft(inventory: InventoryDeps, actor: Actor, declarationId: string, language: Language, data: Record<string, unknown>): Promise<Card> {
  const confirmed = ConfirmDeleteAction.safeParse(data).data;
  const result = await inventory.service.deleteDraft(actor, declarationId, confirmed?.revision);
  // Gone already (the first of a double click, Teams redelivering the invoke): what the person asked for holds,
  // so they get the same confirmation. A draft of someone else is `forbidden`, never `not_found`: nothing leaks.
  const setAside = confirmed?.setAside ?? true;
  if (result.kind === 'deleted' || result.kind === 'not_found') return draftDeletedCard('deleted', language, setAside);
  if (result.kind === 'forbidden') return askDeleteDraft(inventory, actor, declarationId, language);
  // Changed since the question (typed in on another window or device): asked again, about the draft as it is now.
  if (result.kind === 'stale' && isDeletableDraft(result.current)) {
    return confirmDeleteDraftCard(result.current, language, [LABELS[language].deleteQuestionStale]);
  }
  return failureCard(result, 'identification', language);
}


/**
 * Answers any other `adaptiveCard/action` invoke — an unknown or missing verb, a card from a removed feature, no
 * `value`, `value: {}`, an `Action.Submit` — with a card that says so, instead of teams-ai's bare 501. Register
 * after every route that serves verbs: teams-ai runs the first invoke route that matches.
 */
export function registerUnknownVerb(app: Application, deps: RouteDeps): void {
  app.addRoute(
    async (context: TurnContext) => context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action',
    async (context) => {
      markRoute(context, 'declare');
      const action: unknown = (context.activity.value as { action?: unknown } | null | undefined)?.action;
      const { verb, type } = (action && typeof action === 'object' ? action : {}) as { verb?: unknown; type?: unknown };
      turnLogger(context, deps.logger).warn(
        { verb: typeof verb === 'string' ? verb.slice(0, 80) : typeof verb, actionType: typeof type === 'string' ? type.slice(0, 40) : typeof type },
        'unknown card action',
      );
      await respondWithCard(context, refusalCard('unknown_action', actionLanguage(context.activity)));
    },
    true,
  );
}

/** Same card, same declaration and revision: same key, so a double click or a redelivered invoke submits once. */
export function submissionKey(declarationId: string, revision: number): string {
  return createHash('sha256').update(`${declarationId}\u0000${revision}\u0000submit`).digest('hex');
}

/**
 * What the receipt says of the way to the governance team: `sent` when a usable governance channel is stored (the
 * outbox posts there, as src/bot/notifications.ts decides), else `awaitingChannel`.
 */
async function receiptIntro(inventory: InventoryDeps, context: TurnContext, fallback: Logger): Promise<ReceiptIntro> {
  const channel = await storedReference(inventory, GOVERNANCE_CHANNEL_KEY, turnLogger(context, fallback));
  return channel ? 'sent' : 'awaitingChannel';
}

/**
 * The card to edit a declaration: its first step with problems (shown without them yet), else step 1, with the
 * governance request when it was sent back for changes (`changesRequested`), with `offerNew` « Nouvelle
 * déclaration », and with `resumedAt` (the draft's last save, ISO 8601) « Brouillon repris : … » (see StepCardInput);
 * its status when it cannot be edited (submitted or decided, or a draft set aside).
 */
function editCard(record: DeclarationRecord, language: Language, changesRequested?: ChangesRequest, offerNew = false, resumedAt?: string): Card {
  if (record.setAsideAt || (record.state !== 'draft' && record.state !== 'changes_requested')) return statusCard(record, language);
  const touched = Object.keys(record.data).length > 0;
  const step = (touched && STEPS.find((s) => Object.keys(validateStep(s, record.data)).length > 0)) || STEPS[0];
  return stepCard({ declarationId: record.id, revision: record.revision, publicId: record.publicId, step, values: record.data, changesRequested, offerNew, resumedAt }, language);
}

/**
 * The card of a declaration its declarant takes up again, the same whichever way they came (/déclarer, « Reprendre »
 * in « mes déclarations », on a draft set aside or not): editCard, and for a draft already edited (revision > 1; 1 is
 * a draft just made or never edited, nothing saved to speak of, which « Nouvelle déclaration » would only resume
 * again) « Brouillon repris : … » dated `savedAt` (its last save, ISO 8601; by default its update time) and
 * « Nouvelle déclaration », which sets it aside; for a declaration sent back for changes (its governance request
 * already says what it is) « Nouvelle déclaration » only, which starts another beside it.
 */
function resumeCard(record: DeclarationRecord, language: Language, changesRequested?: ChangesRequest, savedAt = record.updatedAt): Card {
  const resumedDraft = !record.setAsideAt && record.state === 'draft' && record.revision > 1;
  const offerNew = resumedDraft || (!record.setAsideAt && record.state === 'changes_requested');
  return editCard(record, language, changesRequested, offerNew, resumedDraft ? savedAt : undefined);
}

/** The declaration an operation's result carries: the one saved, or the current one it was refused against. */
function declarationOf(result: { record: DeclarationRecord } | AccessFailure): DeclarationRecord | null {
  if ('record' in result) return result.record;
  return 'current' in result ? result.current : null;
}

/**
 * The latest `changes_requested` event of a declaration in that state (not set aside), for its form to show on every
 * step until resubmitted; undefined for any other record (no look-up) and when the actor may not see its events.
 */
async function changesRequestOf(inventory: InventoryDeps, actor: Actor, record: DeclarationRecord | null): Promise<ChangesRequest | undefined> {
  if (!record || record.state !== 'changes_requested' || record.setAsideAt) return undefined;
  const found = await inventory.service.get(actor, record.id);
  if (found.kind !== 'found') return undefined;
  return lastDecision(found.record, found.events) ?? undefined;
}

/**
 * A stale card whose typed values met other changes to the same fields: the current step card, the fields in
 * conflict showing what the person typed (with the saved version under each), the others the current draft.
 */
function conflictCard(record: DeclarationRecord, step: Step, conflicts: DeclarationDraft, language: Language, changesRequested?: ChangesRequest): Card {
  const fields = Object.keys(conflicts) as DeclarationField[];
  return stepCard(
    {
      declarationId: record.id,
      revision: record.revision, publicId: record.publicId,
      step,
      values: { ...record.data, ...conflicts },
      saved: record.data,
      conflicts: fields,
      notices: [LABELS[language].staleConflicts(fields.length)],
      changesRequested,
    },
    language,
  );
}

function fieldStep(field: string): Step | undefined {
  return DECLARATION_FIELDS[field as DeclarationField]?.step;
}

/**
 * The acting person and the step action a card's button sent, or the card that answers instead: a refusal when
 * the sender has no Entra id or the payload is malformed, the current version when the card predates the schema.
 */
async function readStepAction(
  inventory: InventoryDeps,
  activity: Activity,
  data: Record<string, unknown>,
  language: Language,
): Promise<{ card: Card } | { actor: Actor; declarationId: string; revision: number; step: Step; shown: StepFingerprints | undefined }> {
  const actor = actorOf(activity);
  if (!actor) return { card: refusalCard('unknown_identity', language) };
  const action = StepAction.safeParse(data);
  if (!action.success) return { card: refusalCard('invalid_card', language) };
  const { declarationId, revision, step, schemaVersion, shown } = action.data;
  if (schemaVersion !== SCHEMA_VERSION) return { card: await currentVersionCard(inventory, actor, declarationId, step, language) };
  return { actor, declarationId, revision, step, shown: shown as StepFingerprints | undefined };
}

/**
 * What the « Suivant », « Précédent » and « Soumettre » buttons of a step card do first: read the card's action
 * (readStepAction), save the step's inputs as typed (`saveStep`, merged with changes made elsewhere when the card
 * was stale) and find the pending change request the reply shows again.
 * @returns `{ card }` when the action is refused (unknown person, malformed card, older schema version); else the
 *   action, the values read from the card, the save's outcome and the change request (undefined when none)
 * @throws what the inventory throws (broken storage is not an outcome)
 */
async function saveStepAction(
  inventory: InventoryDeps,
  activity: Activity,
  data: Record<string, unknown>,
  language: Language,
): Promise<
  | { card: Card }
  | {
      actor: Actor;
      declarationId: string;
      revision: number;
      step: Step;
      values: DeclarationDraft;
      saved: Awaited<ReturnType<InventoryDeps['service']['saveStep']>>;
      changesRequested: ChangesRequest | undefined;
    }
> {
  const parsed = await readStepAction(inventory, activity, data, language);
  if ('card' in parsed) return parsed;
  const { actor, declarationId, revision, step, shown } = parsed;
  const values = readStepInputs(step, data);
  const saved = await inventory.service.saveStep(actor, declarationId, revision, step, values, shown);
  const changesRequested = await changesRequestOf(inventory, actor, declarationOf(saved));
  return { actor, declarationId, revision, step, values, saved, changesRequested };
}

/** A card from another schema version: the declaration as it is now (if the person may see it). */
async function currentVersionCard(inventory: InventoryDeps, actor: Actor, id: string, step: Step, language: Language): Promise<Card> {
  const found = await inventory.service.get(actor, id);
  if (found.kind !== 'found') return failureCard(found, step, language);
  const changesRequested = lastDecision(found.record, found.events) ?? undefined;
  return authorOrStatusCard(found.record, actor, language, (record) => staleCard(record, step, language, changesRequested));
}

/**
 * `forAuthor` for the declarant or a collaborator. Someone else who may see it (a governance admin) gets its state,
 * or, while it is still editable, that they cannot edit someone else's declaration.
 */
function authorOrStatusCard(record: DeclarationRecord, actor: Actor, language: Language, forAuthor: (record: DeclarationRecord) => Card): Card {
  if (sameUser(record.declarant.id, actor.id) || record.collaborators.some((id) => sameUser(id, actor.id))) return forAuthor(record);
  return record.state === 'draft' || record.state === 'changes_requested' ? refusalCard('not_author', language) : statusCard(record, language);
}

/**
 * The card for an operation that did not go through: refusal (a draft the person deleted: that it was, and when,
 * with « Nouvelle déclaration »), or the declaration's current version (with
 * `changesRequested` on its step card, see StepCardInput). `typed`: the values the card sent for `step`; when the
 * declaration can no longer be edited (submitted or decided) and they differ from its own, its status card says
 * they were not applied (typed on another device, or an old card, after it was submitted).
 */
function failureCard(failure: AccessFailure, step: Step, language: Language, changesRequested?: ChangesRequest, typed?: DeclarationDraft): Card {
  switch (failure.kind) {
    case 'forbidden':
      return refusalCard('forbidden', language);
    case 'not_found':
      return failure.deletedAt ? deletedDraftCard(failure.deletedAt, language) : refusalCard('not_found', language);
    case 'stale':
      if (lateChanges(failure.current, step, typed)) return statusCard(failure.current, language, [LABELS[language].lateChangesNotApplied]);
      return staleCard(failure.current, step, language, changesRequested);
    case 'wrong_state':
      if (!failure.current.setAsideAt && (failure.current.state === 'draft' || failure.current.state === 'changes_requested')) {
        return staleCard(failure.current, step, language, changesRequested);
      }
      return statusCard(failure.current, language, lateChanges(failure.current, step, typed) ? [LABELS[language].lateChangesNotApplied] : []);
  }
}

/**
 * True when a card typed, for `step`, values that a declaration no longer editable (submitted or decided; not a
 * draft, set aside or sent back for changes) does not hold.
 */
function lateChanges(record: DeclarationRecord, step: Step, typed: DeclarationDraft | undefined): boolean {
  const editable = record.state === 'draft' || record.state === 'changes_requested';
  return typed !== undefined && !record.setAsideAt && !editable && !sameStepValues(step, record.data, typed);
}

/** Keeps the person's personal-chat reference current (decision notices go there). Never fails the turn. */
async function rememberPersonalChat(context: TurnContext, inventory: InventoryDeps, saved: Map<string, string>, fallback: Logger): Promise<void> {
  const { activity } = context;
  const conversationType = activity.conversation?.conversationType ?? 'personal';
  const actor = actorOf(activity);
  if (conversationType !== 'personal' || !actor || !activity.serviceUrl) return;
  const reference = referenceOf(activity);
  const json = JSON.stringify(reference);
  const key = userConversationKey(actor.id);
  if (saved.get(key) === json) return;
  try {
    await inventory.conversations.saveConversation(key, reference);
    if (saved.size >= MAX_REMEMBERED_REFERENCES) saved.clear();
    saved.set(key, json);
  } catch (err) {
    turnLogger(context, fallback).error({ err }, 'personal conversation reference could not be saved');
  }
}
