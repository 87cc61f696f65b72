import type { Language } from '../../answers/types.js';
import type { AssessmentFlag } from '../../documents/store.js';
import {
  DECLARATION_FIELDS,
  type DeclarationEvent,
  type DeclarationField,
  type DeclarationRecord,
  type DeclarationState,
  MAX_REVIEW_COMMENT_CHARS,
  type ReviewDecision,
  reviewTakenBy,
  SCHEMA_VERSION,
  STATES,
} from '../../inventory/index.js';
import {
  MAX_CARD_BYTES,
  MAX_REFRESH_USERS,
  card,
  cardBytes,
  container,
  execute,
  factRows,
  factSet,
  heading,
  labelWithProblem,
  safeClip,
  safeLines,
  textBlock,
  type Card,
  type CardElement,
} from './card.js';
import { LABELS, formatDate } from './labels.js';
import { LIFECYCLE_TEXT } from './lifecycle-labels.js';
import { QUOTE_CHARS_STEPS, assessmentElements } from './receipt-card.js';
import { answerElements, asSubmitted, summaryFacts, type FactLayout, shownPerson } from './summary.js';
import { REVIEW_VERBS } from './verbs.js';

/** States in which governance can still decide. */
export const REVIEWABLE_STATES: readonly DeclarationState[] = ['submitted', 'in_review'];

/**
 * What an inventory list may be filtered on: one state, or `awaiting_decision`, the declarations governance can still
 * decide on (REVIEWABLE_STATES: submitted or in review), which is what a reviewer looks for (« inventaire en
 * attente »).
 */
export const INVENTORY_FILTERS = [...STATES, 'awaiting_decision'] as const;
/** One of INVENTORY_FILTERS. */
export type InventoryFilter = (typeof INVENTORY_FILTERS)[number];

/** The states an inventory filter lists. */
export function statesOf(filter: InventoryFilter): readonly DeclarationState[] {
  return filter === 'awaiting_decision' ? REVIEWABLE_STATES : [filter];
}
const DECISION_STATES: readonly DeclarationState[] = ['approved', 'changes_requested', 'rejected'];

/** Id of the review card's comment input (not a declaration field). */
export const REVIEW_COMMENT_INPUT = 'comment';
/** Longest review comment kept, in characters: the workflow's limit, also the comment input's maxLength. */
export { MAX_REVIEW_COMMENT_CHARS };

/**
 * Longest comment given back, in characters, to a reviewer whose decision was not recorded (see
 * notRecordedNotices): half a full comment, so that the card still fits MAX_CARD_BYTES beside the longest decision
 * comment and the longest answers a declaration sent back for changes can show (the draft being edited, whose
 * values may pass the form's limits), all of escaped characters; a full one passed it.
 */
const MAX_UNRECORDED_COMMENT_CHARS = 500;

/** What every review button carries. */
export interface ReviewActionData {
  declarationId: string;
  revision: number;
  schemaVersion: number;
  /** The card's language (the route answers in the declaration's or the list's: see review.ts). */
  lang: Language;
  [key: string]: unknown;
}

/**
 * Where a review card was opened from, when it was « Examiner » on an `inventaire` list: that list's state filter
 * (null: every declaration) and language. Carried in the card's buttons and refresh (`inventory`), so the card keeps
 * its « Retour à l’inventaire » and a decision made on it leaves the shared list message alone.
 */
export interface InventoryOrigin {
  filter: InventoryFilter | null;
  lang: Language;
}

/** What the review card shows besides the declaration. */
export interface ReviewCardOptions {
  /** Opened from an inventory list: « Retour à l’inventaire » (`review.inventory`) ends the card. */
  fromInventory?: InventoryOrigin;
  /** Entra object ids of the governance admins: the refresh's `userIds` (as `8:orgid:<id>` MRIs, at most 60). */
  adminIds: readonly string[];
  /** The declaration's events, to show who decided and when. */
  events?: readonly DeclarationEvent[];
  /** Sentences shown at the top (already safe). */
  notices?: string[];
  /**
   * Sentences answering the press that made this card (« Vous ne pouvez pas examiner une déclaration que vous avez
   * faite… », « … n’a pas été enregistré »; already safe): shown at the top, before `notices`, and again at the end,
   * where the pressed button was. The card is several screens tall: found in the Playground, a refusal shown only at
   * the top was out of sight of the person who had just pressed « Approuver », whose buttons simply vanished.
   */
  pressNotices?: string[];
  /**
   * The problem shown in the comment input's label (see labelWithProblem): `true` or `'required'` (request changes or reject without a
   * comment), `'without_words'` (a comment with no letter, « . »), `'invalid'` (not a text, or longer than
   * MAX_REVIEW_COMMENT_CHARS).
   */
  commentError?: boolean | 'required' | 'without_words' | 'invalid';
  /** Read-only (someone outside the governance team): no comment input, no decision buttons. */
  readOnly?: boolean;
  /** A comment already typed, prefilled in the comment input (a decision pressed on an out-of-date card): never lost. */
  comment?: string;
}

/** The Teams user MRI of an Entra object id, as `refresh.userIds` expects. */
export function userMri(entraObjectId: string): string {
  return `8:orgid:${entraObjectId}`;
}

/** The last decision event that led to the current state, if the declaration is decided. */
export function lastDecision(record: DeclarationRecord, events: readonly DeclarationEvent[]): DeclarationEvent | null {
  if (!DECISION_STATES.includes(record.state)) return null;
  return [...events].reverse().find((e) => e.to === record.state) ?? null;
}

/**
 * The last event that took `record` back to draft (`submitted` → `draft`, InventoryService.withdraw), while it is
 * still a draft holding an IA number; null otherwise (a draft never submitted, or submitted again since).
 */
export function withdrawalOf(record: Pick<DeclarationRecord, 'state' | 'publicId'>, events: readonly DeclarationEvent[]): DeclarationEvent | null {
  if (record.state !== 'draft' || record.publicId === null) return null;
  const last = events.at(-1);
  return last && last.from === 'submitted' && last.to === 'draft' ? last : null;
}

/**
 * The request for changes a declaration was resubmitted after, while it awaits a decision again: the last
 * `changes_requested` event before the last resubmission (`submitted` from `changes_requested`); null for a first
 * submission, or once decided.
 */
function previousChangesRequest(record: DeclarationRecord, events: readonly DeclarationEvent[]): DeclarationEvent | null {
  if (!REVIEWABLE_STATES.includes(record.state)) return null;
  const resubmitted = events.findLastIndex((e) => e.to === 'submitted' && e.from === 'changes_requested');
  if (resubmitted < 0) return null;
  return events.slice(0, resubmitted).findLast((e) => e.to === 'changes_requested') ?? null;
}

/**
 * The card the governance channel sees: summary (with the ministerial portfolio, the declarant, the contact person
 * and e-mail), purpose, expected benefits, the answers of the nature and effects steps, the assessment (level, where
 * it stands, each obligation with the verbatim quote of its passage and its citation: see assessmentElements), and
 * while undecided, titled « Déclaration à examiner » (« Déclaration soumise de nouveau, à examiner » after a request
 * for changes, which is shown under the title: who, when, comment, and the names of the fields changed since), a
 * labelled comment input with Approuver / Demander des changements / Refuser (`Action.Execute`), after « Prendre en
 * charge » (`review.take`) while submitted; once a reviewer took it (in review), « En examen par … depuis le … »
 * under the title and « Remettre en attente » (`review.release`) after the decisions.
 * Once decided: titled « Déclaration examinée : … (décision) », who decided, when, the comment, and no more decision
 * buttons. Taken back to draft by its authors (withdrawalOf): titled « Déclaration reprise en brouillon : … », who
 * took it back and when, that there is nothing to decide, no buttons. Opened from an inventory list (`fromInventory`), « Retour à l’inventaire » ends it, decided or not.
 * Always carries `refresh` (verb `review.refresh`, `userIds` the governance admins) so it is current for each admin.
 * Tried with fact rows, then FactSets, at each quote length in turn (quotes shortened, then left out, saying so)
 * until it fits MAX_CARD_BYTES.
 * @throws Error when even the shortest layout exceeds MAX_CARD_BYTES: a bug (a field left unclipped), not an outcome
 */
export function reviewCard(record: DeclarationRecord, language: Language, options: ReviewCardOptions): Card {
  const t = LABELS[language];
  const origin = options.fromInventory ? { inventory: options.fromInventory } : {};
  // `lang`: what the bot says about a press before any route reads it (the card-press limit) speaks the card's language.
  const data: ReviewActionData = { declarationId: record.id, revision: record.revision, schemaVersion: SCHEMA_VERSION, lang: language, ...origin };
  const decision = lastDecision(record, options.events ?? []);
  const taken = reviewTakenBy(record, options.events ?? []);
  const id = record.publicId ?? t.noNumber;
  const request = previousChangesRequest(record, options.events ?? []);
  // Taken back to draft by its authors before any reviewer took it: nothing to decide, and the card says why.
  const withdrawal = withdrawalOf(record, options.events ?? []);
  // What was submitted, on which the decision is (or was) made: never the declarant's unsent edits.
  const submitted = asSubmitted(record);
  const summary = summaryFacts(submitted, language, { declarant: true, review: true });

  const pressNotices = options.pressNotices ?? [];
  const ending: CardElement[] = [];
  let actions = [] as ReturnType<typeof execute>[];
  if (decision) {
    const who = shownPerson(decision.actor, 120, language);
    ending.push(textBlock(`**${t.decided(t.decisionWords[decision.to] ?? decision.to, who, formatDate(decision.at, language))}**`, { spacing: 'Large' }));
    if (decision.comment) ending.push(textBlock(`${t.comment} ${safeLines(decision.comment, MAX_REVIEW_COMMENT_CHARS)}`));
  } else if (REVIEWABLE_STATES.includes(record.state) && !options.readOnly) {
    const problem = !options.commentError
      ? null
      : options.commentError === 'invalid'
        ? t.commentInvalid(MAX_REVIEW_COMMENT_CHARS)
        : options.commentError === 'without_words'
          ? t.commentWithoutWords
          : t.commentRequired;
    ending.push({
      type: 'Input.Text',
      id: REVIEW_COMMENT_INPUT,
      // The problem is in the label, read with the input by screen readers (see labelWithProblem).
      label: labelWithProblem(t.commentLabel, t.errorWord, problem),
      isMultiline: true,
      maxLength: MAX_REVIEW_COMMENT_CHARS,
      spacing: 'Large',
      ...(options.comment ? { value: options.comment.slice(0, MAX_REVIEW_COMMENT_CHARS) } : {}),
    });
    // Taking it sends the comment typed too, only to give it back in the card's input: nothing typed is lost.
    actions = [
      ...(record.state === 'submitted' ? [execute(t.takeForReview, REVIEW_VERBS.take, data)] : []),
      execute(t.approve, REVIEW_VERBS.approve, data, { style: 'positive' }),
      execute(t.requestChanges, REVIEW_VERBS.requestChanges, data),
      execute(t.reject, REVIEW_VERBS.reject, data, { style: 'destructive' }),
      ...(record.state === 'in_review' ? [execute(t.releaseReview, REVIEW_VERBS.release, data)] : []),
    ];
  }
  if (options.fromInventory) {
    // Nothing typed is sent: the comment is not a decision, and the list has no use for it.
    actions.push(execute(t.backToInventory, REVIEW_VERBS.inventory, { ...options.fromInventory }, { associatedInputs: 'none' }));
  }
  const refresh = {
    action: { type: 'Action.Execute' as const, verb: REVIEW_VERBS.refresh, data: { declarationId: record.id, lang: language, ...origin } },
    userIds: options.adminIds.slice(0, MAX_REFRESH_USERS).map(userMri),
  };
  // The label–value sections (summary, nature, effects) as rows rather than FactSets, so that every section's labels
  // take the same width (see factRows); FactSets again if the rows would pass the size limit (values near their
  // longest, in escaped characters: about 3 KB more than FactSets). Each obligation carries its quote and citation, as
  // on the declarant's receipt: shortened first when the card would not fit, then left out, saying so.
  const build = (layout: FactLayout, quoteChars: number): Card =>
    card(
      [
        heading(
          decision
            ? t.reviewedTitle(id, t.decisionWords[decision.to] ?? decision.to)
            : withdrawal
              ? LIFECYCLE_TEXT[language].reviewWithdrawnTitle(id)
              : request
                ? t.resubmittedTitle(id)
                : t.reviewTitle(id),
        ),
        ...[...pressNotices, ...(options.notices ?? [])].map((n) => textBlock(n, { weight: 'Bolder' })),
        ...(withdrawal
          ? [textBlock(`**${LIFECYCLE_TEXT[language].reviewWithdrawn(shownPerson(withdrawal.actor, 120, language), formatDate(withdrawal.at, language))}**`)]
          : []),
        // Who has it in review, in words: every reviewer and the declarant read it, whatever colours their client shows.
        ...(taken ? [textBlock(`**${t.inReviewBy(shownPerson(taken.actor, 120, language), formatDate(taken.at, language))}**`)] : []),
        ...(request ? [previousRequestBlock(request, record.changedSinceReview, language)] : []),
        layout(summary),
        // What the reviewer decides on: the answers that drive the assessment (data, hosting, decisions, oversight).
        ...answerElements(submitted, language, layout),
        ...assessmentElements(record, language, quoteChars),
        ...(quoteChars <= 0 && record.assessment?.obligations.some((o) => o.quote) ? [textBlock(t.reviewQuotesLeftOut, { isSubtle: true, spacing: 'Small' })] : []),
        ...ending,
        ...pressNotices.map((n, i) => textBlock(n, { weight: 'Bolder', spacing: i === 0 ? 'Large' : 'Default' })),
      ],
      actions,
      refresh,
    );
  let built = card([]);
  for (const quoteChars of [...QUOTE_CHARS_STEPS, 0]) {
    for (const layout of [factRows, factSet]) {
      built = build(layout, quoteChars);
      if (cardBytes(built) <= MAX_CARD_BYTES) return built;
    }
  }
  // Every part is clipped, so the last try fits; kept as a guard against a future field.
  throw new Error(`review card of ${record.id} is ${cardBytes(built)} bytes`);
}

/**
 * The notices of a review card answering a decision pressed once the declaration was already decided: that the
 * choice (named by its button, « Refuser ») was not recorded, then the comment typed with it, which is kept nowhere
 * else (clipped to MAX_UNRECORDED_COMMENT_CHARS, safe card text). For ReviewCardOptions.notices.
 */
export function notRecordedNotices(language: Language, decision: ReviewDecision, comment: string | null): string[] {
  const t = LABELS[language];
  const button = { approve: t.approve, request_changes: t.requestChanges, reject: t.reject }[decision];
  return [t.decisionNotRecorded(button), ...commentNotRecordedNotices(language, comment)];
}

/**
 * « Votre commentaire, non enregistré : … », the comment typed with a press that recorded nothing, for a card that has
 * no input to give it back in (a decided declaration's), clipped to MAX_UNRECORDED_COMMENT_CHARS (safe card text);
 * none without a comment. For ReviewCardOptions.notices.
 */
export function commentNotRecordedNotices(language: Language, comment: string | null | undefined): string[] {
  return comment ? [`${LABELS[language].commentNotRecorded} ${safeClip(comment, MAX_UNRECORDED_COMMENT_CHARS)}`] : [];
}

/**
 * The notices of a declaration's open assessment flags (documents/flags.ts openFlags): for each passage its
 * assessment quotes that a later publication changed or removed, which section of which document, the version that
 * did, and the command that marks the flag handled once the assessment is reviewed (safe card text). For
 * ReviewCardOptions.notices; [] for a declaration never submitted (no public id, no assessment to flag).
 */
export function flagNotices(record: Pick<DeclarationRecord, 'id' | 'publicId'>, flags: readonly AssessmentFlag[], language: Language): string[] {
  const { publicId } = record;
  if (!publicId) return [];
  return flags
    .filter((f) => f.declarationId === record.id)
    .map((f) =>
      LABELS[language].flaggedAssessment(safeClip(f.sectionPath.join(' › '), 200), safeClip(f.docId, 100), safeClip(f.newVersion, 60), f.change, publicId),
    );
}

/**
 * « Demande de changements précédente », who asked, when and their comment, then which fields the resubmission
 * changed (their names; nothing said when unknown: resubmitted before this was recorded), in an emphasis frame.
 */
function previousRequestBlock(request: DeclarationEvent, changed: readonly DeclarationField[] | null, language: Language): CardElement {
  const t = LABELS[language];
  const items = [
    textBlock(`**${t.previousRequest}**`),
    textBlock(`${t.changesRequestedBy(shownPerson(request.actor, 120, language), formatDate(request.at, language))}.`, { spacing: 'Small' }),
  ];
  if (request.comment) items.push(textBlock(`**${t.comment}** ${safeLines(request.comment, MAX_REVIEW_COMMENT_CHARS)}`, { spacing: 'Small' }));
  if (changed !== null) {
    const names = changed.map((field) => DECLARATION_FIELDS[field].label[language]).join(language === 'fr' ? ' ; ' : '; ');
    items.push(textBlock(changed.length > 0 ? t.changedSince(names) : t.nothingChanged, { spacing: 'Small' }));
  }
  return container(items, { style: 'emphasis', spacing: 'Medium' });
}
