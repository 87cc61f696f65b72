/** Public surface of the Adaptive Cards: pure builders from the declaration schema and records, and the verbs they carry. */
export { CARD_VERSION, MAX_CARD_BYTES, MAX_REFRESH_USERS, cardBytes, safeClip, safeLines, safeText, type Card, type CardElement, type ExecuteAction } from './card.js';
export { collaboratorsCard, COLLABORATORS_INPUT, shareRefusedCard, sharedNoticeCard, type AddedPerson, type KnownNames, type ShareOutcome } from './collaborators-card.js';
export { confirmDeleteDraftCard, deletedDraftCard, draftDeletedCard } from './delete-draft-cards.js';
export { isRequiredField, maxLengthOf, readStepInputs, sameStepValues } from './fields.js';
export { LABELS, STATE_FILTER_WORDS, STATE_WORDS, type ReceiptIntro } from './labels.js';
export { listCard, MAX_LISTED_DECLARATIONS, MAX_LIST_BUTTON_TITLE_CHARS, showMineAction, type ListKind } from './list-card.js';
export { decisionNoticeCard, inReviewNoticeCard, messageCard, refusalCard, staleCard, statusCard, type Refusal } from './notice-cards.js';
export { receiptCard } from './receipt-card.js';
export {
  flagNotices,
  lastDecision,
  MAX_REVIEW_COMMENT_CHARS,
  notRecordedNotices,
  commentNotRecordedNotices,
  REVIEW_COMMENT_INPUT,
  INVENTORY_FILTERS,
  REVIEWABLE_STATES,
  reviewCard,
  statesOf,
  userMri,
  type InventoryFilter,
  type InventoryOrigin,
  type ReviewActionData,
  type ReviewCardOptions,
} from './review-card.js';
export { stepCard, type ChangesRequest, type DeclarationActionData, type StepCardInput } from './step-card.js';
export { shownName } from './summary.js';
export { viewCard } from './view-card.js';
export {
  confirmLeaveCard,
  leaveRefusedCard,
  leftCard,
  leftNoticeCard,
  takenBackNoticeCard,
  withdrawAction,
  withdrawnCard,
  withdrawnViewCard,
  withdrawnChannelCard,
  withdrawRefusedCard,
} from './lifecycle-cards.js';
export { LIFECYCLE_TEXT } from './lifecycle-labels.js';
export { withdrawalOf } from './review-card.js';
export { DECLARATION_VERBS, REVIEW_VERBS, type DeclarationVerb, type ReviewVerb } from './verbs.js';
