import type { ConversationReference } from 'botbuilder';
import type { Language } from '../answers/types.js';
import type { ProposalService } from '../documents/proposals.js';
import type { AssessmentFlag, ProposalAnnouncement } from '../documents/store.js';
import type { DeclarationRecord, DeliveryOutcome, InventoryRepository, NotificationDelivery, NotificationItem } from '../inventory/index.js';
import { documentPreviewCard, proposalLanguage } from './cards/document-preview-card.js';
import { decisionNoticeCard, flagNotices, inReviewNoticeCard, leftNoticeCard, REVIEWABLE_STATES, reviewCard, sharedNoticeCard, takenBackNoticeCard, withdrawnChannelCard } from './cards/index.js';
import { isSubmission, isUntouchedDraft, sameUser } from '../inventory/index.js';
import { localeLanguage } from './language.js';
import { cardMessage } from './activities.js';
import { GOVERNANCE_CHANNEL_KEY, parsedReference, userConversationKey, type ProactiveSend, type ProactiveUpdate } from './routes/deps.js';

/** What delivering a notification needs: the inventory's records and conversations, and a proactive sender. */
export interface NotificationDeliveryDeps {
  repository: Pick<
    InventoryRepository,
    'get' | 'events' | 'accessEvents' | 'getConversation' | 'notifications' | 'saveReviewCard' | 'postedReviewCard' | 'forgetReviewCard' | 'listForUser'
  >;
  proactive: ProactiveSend;
  /** Updates a message posted earlier: the governance channel's review card (`card_update`). */
  update: ProactiveUpdate;
  /** Entra object ids of the governance admins (the review card's refresh list). */
  governanceAdminIds: readonly string[];
  /**
   * The assessment flags still open of one declaration (ProposalService.openFlags), shown on its review card as on
   * every other review card; absent without document administration.
   */
  openFlags?: (declarationId: string) => Promise<AssessmentFlag[]>;
  /**
   * The language `userId` (an Entra id) last wrote in, in the conversation of `reference` (their personal chat), if
   * remembered (see LanguageMemory, SpeakerLanguageStore); absent or undefined: French.
   */
  rememberedLanguage?: (reference: Partial<ConversationReference>, userId: string) => Promise<Language | undefined>;
}

/**
 * Delivers the outbox's notifications as Teams messages (see src/inventory/outbox.ts), each rendered from the
 * declaration as it is at delivery:
 * - `review_card`: the review card, posted as a new message to the registered governance channel, in the
 *   declaration's language (DeclarationRecord.language; the channel's locale for one submitted before it was
 *   recorded), with a notice for each assessment flag still open on it (see flagNotices: a card waiting for a channel,
 *   or queued again by `gouvernance enregistrer`, may go out after a publication or withdrawal flagged the
 *   declaration; flags that cannot be read leave the notices out, not the card); `waiting` while no channel is registered; `obsolete` once the declaration is no longer awaiting a
 *   decision (the card would offer buttons for nothing: `inventaire` shows it), and for a card queued before the
 *   declaration's latest submission (that submission queued its own: posting both would show the channel the same
 *   card twice); once posted, the message's id and the channel's reference are recorded (saveReviewCard), so
 *   that later state changes update that card in place;
 * - `decision_notice`: the decision card (or, for a reviewer taking the declaration for review, « … est en examen :
 *   NAME l’a prise en charge », `obsolete` once a later transition followed it), posted in the declarant's personal chat in the declaration's language (the
 *   chat's locale for one submitted before it was recorded, or last submitted by a collaborator: the declaration's
 *   language is then theirs); `waiting` until the bot knows that chat;
 * - `decision_copy`: the same card for one collaborator (the item's recipient), in the declaration's language if they
 *   submitted it last, else in their chat's locale;
 * - `shared_notice`: « … vous donne accès » (sharedNoticeCard, naming the declarant) for a colleague just added, in
 *   their chat's locale.
 * - `card_update`: the review card recorded for the declaration's latest submission, replaced in place (PUT of the
 *   same message) by the review card as the declaration is now, for everyone in the channel: taken for review,
 *   handed back, decided, taken back to draft, whether from that card, another one, `inventaire en examen` or the
 *   declarant's chat (the same rendering as `review_card`); `obsolete` when no card is recorded (none posted yet, or
 *   a new submission since: its own card goes out). A message the connector says is gone (404: deleted), or one in a
 *   channel that is no longer the registered one and refuses the bot (403), is forgotten and the change falls back to
 *   what a card without a recorded id gets: for a withdrawal, the `withdrawn_notice` card posted in the registered
 *   channel; for anything else, nothing (`obsolete`). A 403 from the registered channel is retried and given up as
 *   any post there (outbox.ts GIVE_UP_AFTER_MS);
 * - `withdrawn_notice`: « IA-… n’est plus à examiner : NAME l’a reprise en brouillon le … » (withdrawnChannelCard),
 *   posted as a new message to the governance channel, whose review card of it no longer stands (queued for a card
 *   posted before the cards' ids were recorded, whose message cannot be updated; the card also says so itself when
 *   refreshed), in the declaration's language; `obsolete` without a channel, and once the declaration was submitted
 *   again after it (a notice retried after Teams refused it would otherwise reach the channel after the new review
 *   card, telling the reviewers it is no longer to be reviewed while it is);
 * - `left_notice`: « NAME ne suit plus votre déclaration … » (leftNoticeCard, the access event eventSeq), in the
 *   declarant's personal chat, in the declaration's language if the declarant submitted it last, else in the chat's
 *   locale; `waiting` until the bot knows that chat.
 * - `taken_back_notice`: « NAME a repris en brouillon la déclaration IA-… » (takenBackNoticeCard, the `draft` event
 *   eventSeq) for one author who did not press, in their personal chat, in the language remembered for them there
 *   (`rememberedLanguage`), French otherwise; for the declarant, saying that their own draft in progress was set aside
 *   when this take-back did it (InventoryRepository.withdraw: the draft set aside at the event's time) and it holds
 *   something they typed (not isUntouchedDraft: a blank one is not in « mes déclarations »); `obsolete` once
 *   the declaration was submitted again since, or for someone no longer its author or with no personal chat known
 *   (a collaborator), `waiting` for the declarant's unknown chat.
 * `shared_notice` and `decision_copy` are `obsolete` once the person is no longer a collaborator (their access taken away, or they left),
 * and when the bot knows no personal chat with them (they never wrote to Balises: the sharing card told the
 * declarant to tell them, and « mes déclarations » shows them the declaration and its decision).
 * A connector refusal rejects (the worker retries with backoff, each notice on its own: a collaborator's refused copy
 * never makes the declarant's notice go twice); nothing is sent to the channel about it. One that says the
 * conversation is gone (403, 404) for a week is given up, and `inventaire` says which notice it was (outbox.ts
 * GIVE_UP_AFTER_MS, givenUpLabel).
 */
export function notificationDelivery({ repository, proactive, update, governanceAdminIds, openFlags, rememberedLanguage }: NotificationDeliveryDeps): NotificationDelivery {
  async function reference(key: string) {
    return parsedReference(await repository.getConversation(key));
  }

  /** Delivers a `taken_back_notice` (see above). */
  async function postTakenBackNotice(record: DeclarationRecord, item: NotificationItem): Promise<DeliveryOutcome> {
    const recipient = item.recipientId;
    const declarant = recipient !== null && sameUser(recipient, record.declarant.id);
    if (recipient === null || (!declarant && !record.collaborators.includes(recipient))) return { outcome: 'obsolete', detail: 'no longer an author' };
    const events = await repository.events(record.id);
    const taken = item.eventSeq === null ? undefined : events[item.eventSeq - 1];
    if (!taken || taken.to !== 'draft') return { outcome: 'obsolete', detail: 'withdrawal event not found' };
    if (events.slice(item.eventSeq ?? 0).some(isSubmission)) return { outcome: 'obsolete', detail: 'superseded by a later submission' };
    const chat = await reference(userConversationKey(recipient));
    if (!chat) return declarant ? { outcome: 'waiting', detail: 'no personal chat with the declarant' } : { outcome: 'obsolete', detail: 'no personal chat with the collaborator' };
    const language = (await rememberedLanguage?.(chat, recipient)) ?? 'fr';
    // The withdrawal set the declarant's open draft aside in its own transaction, stamped with the event's time. One
    // still blank (isUntouchedDraft) holds nothing of theirs, and « mes déclarations », where the sentence sends
    // them to find it, leaves it out.
    const setAside = declarant
      ? ((await repository.listForUser(record.declarant.id)).find(
          (other) =>
            other.id !== record.id &&
            other.state === 'draft' &&
            other.setAsideAt !== null &&
            Date.parse(other.setAsideAt) === Date.parse(taken.at) &&
            !isUntouchedDraft(other),
        ) ?? null)
      : null;
    await proactive(chat, cardMessage(takenBackNoticeCard(record, taken, setAside, language)));
    return { outcome: 'delivered' };
  }

  /** The channel's review card of `record` as it is now, and the events it was rendered from. */
  async function channelReviewCard(record: DeclarationRecord, locale: string | undefined) {
    const language = record.language ?? localeLanguage(locale);
    const flags = (await openFlags?.(record.id).catch(() => [])) ?? [];
    const events = await repository.events(record.id);
    return { card: reviewCard(record, language, { adminIds: governanceAdminIds, events, notices: flagNotices(record, flags, language) }), events };
  }

  /** The `withdrawn_notice` card for the `draft` event `eventSeq`, posted in the registered channel (see above). */
  async function postWithdrawnNotice(record: DeclarationRecord, eventSeq: number | null): Promise<DeliveryOutcome> {
    const events = await repository.events(record.id);
    const event = eventSeq === null ? undefined : events[eventSeq - 1];
    if (!event) return { outcome: 'obsolete', detail: 'withdrawal event not found' };
    if (events.slice(eventSeq ?? 0).some(isSubmission)) return { outcome: 'obsolete', detail: 'superseded by a later submission' };
    const channel = await reference(GOVERNANCE_CHANNEL_KEY);
    // Queued only once its review card was posted there: a channel unregistered since has nobody to tell.
    if (!channel) return { outcome: 'obsolete', detail: 'no governance channel registered' };
    await proactive(channel, cardMessage(withdrawnChannelCard(record, event, record.language ?? localeLanguage(channel.locale))));
    return { outcome: 'delivered' };
  }

  /** Delivers a `card_update` (see above). */
  async function updateReviewCard(record: DeclarationRecord, item: NotificationItem): Promise<DeliveryOutcome> {
    const posted = await repository.postedReviewCard(record.id);
    const target = posted && parsedReference(posted.reference);
    if (posted && target) {
      const { card } = await channelReviewCard(record, target.locale);
      try {
        await update(target, posted.activityId, cardMessage(card));
        return { outcome: 'delivered' };
      } catch (error) {
        const status = statusOf(error);
        const registered = await reference(GOVERNANCE_CHANNEL_KEY);
        const elsewhere = registered?.conversation?.id !== target.conversation?.id;
        if (status !== 404 && !(status === 403 && elsewhere)) throw error;
        await repository.forgetReviewCard(record.id, posted.activityId);
      }
    }
    // No card to update (gone, found so now or at an earlier attempt whose notice was refused): a take-back still owes
    // the channel its notice, as long as it is the latest change.
    const events = await repository.events(record.id);
    const event = item.eventSeq === null ? undefined : events[item.eventSeq - 1];
    if (record.state === 'draft' && event?.to === 'draft' && item.eventSeq === events.length) return postWithdrawnNotice(record, item.eventSeq);
    return { outcome: 'obsolete', detail: posted ? 'review card gone' : 'no review card recorded' };
  }

  return async (item) => {
    const record = await repository.get(item.declarationId);
    if (!record) return { outcome: 'obsolete', detail: 'declaration not found' };
    if (item.kind === 'review_card') {
      if (!REVIEWABLE_STATES.includes(record.state)) return { outcome: 'obsolete', detail: `declaration ${record.state}` };
      // Queued for an earlier submission (changes were requested, then it was submitted again, all while the card
      // waited for a channel): the later submission queued its own card, which shows the same current state.
      if (record.submittedAt !== null && Date.parse(item.createdAt) < Date.parse(record.submittedAt)) {
        return { outcome: 'obsolete', detail: 'superseded by a later submission' };
      }
      const channel = await reference(GOVERNANCE_CHANNEL_KEY);
      if (!channel) return { outcome: 'waiting', detail: 'no governance channel registered' };
      const { card, events } = await channelReviewCard(record, channel.locale);
      const activityId = await proactive(channel, cardMessage(card));
      if (activityId) await repository.saveReviewCard(record.id, { reference: channel, activityId }, events.length, new Date().toISOString());
      return { outcome: 'delivered' };
    }
    if (item.kind === 'card_update') return updateReviewCard(record, item);
    if (item.kind === 'withdrawn_notice') return postWithdrawnNotice(record, item.eventSeq);
    if (item.kind === 'taken_back_notice') return postTakenBackNotice(record, item);
    if (item.kind === 'left_notice') {
      const event = item.eventSeq === null ? undefined : (await repository.accessEvents(record.id))[item.eventSeq - 1];
      if (!event) return { outcome: 'obsolete', detail: 'access event not found' };
      const chat = await reference(userConversationKey(record.declarant.id));
      if (!chat) return { outcome: 'waiting', detail: 'no personal chat with the declarant' };
      // As for a decision: a declarant who submitted it last wrote in the declaration's language, which their Teams
      // client's locale may not be (the Agents Playground says en-US to a person who writes only French).
      const submitter = (await repository.events(record.id)).findLast(isSubmission)?.actor.id;
      const language = (submitter !== undefined && sameUser(submitter, record.declarant.id) ? record.language : null) ?? localeLanguage(chat.locale);
      await proactive(chat, cardMessage(leftNoticeCard(record, event, language)));
      return { outcome: 'delivered' };
    }
    if (item.kind === 'shared_notice' || item.kind === 'decision_copy') {
      const recipient = item.recipientId;
      if (recipient === null || !record.collaborators.includes(recipient)) return { outcome: 'obsolete', detail: 'no longer a collaborator' };
      const chat = await reference(userConversationKey(recipient));
      if (!chat) return { outcome: 'obsolete', detail: 'no personal chat with the collaborator' };
      if (item.kind === 'shared_notice') {
        await proactive(chat, cardMessage(sharedNoticeCard(record, record.declarant.name, localeLanguage(chat.locale))));
        return { outcome: 'delivered' };
      }
    }
    const events = await repository.events(record.id);
    const decision = item.eventSeq === null ? undefined : events[item.eventSeq - 1];
    if (!decision) return { outcome: 'obsolete', detail: 'decision event not found' };
    // « En examen » is news only while it is so: decided or handed back since, the declarant hears of that instead.
    if (decision.to === 'in_review' && item.eventSeq !== events.length) return { outcome: 'obsolete', detail: 'superseded by a later transition' };
    if (decision.to === 'in_review' && (await toldOfSameReviewer(repository, item, events))) return { outcome: 'obsolete', detail: 'already told of this reviewer' };
    const noticeCard = decision.to === 'in_review' ? inReviewNoticeCard : decisionNoticeCard;
    // The declaration's language is the flow of whoever submitted it last, declarant or collaborator: the others
    // are told in their own chat's language.
    const submitter = events.slice(0, item.eventSeq ?? 0).findLast(isSubmission)?.actor.id;
    const userId = item.recipientId ?? record.declarant.id;
    const chat = await reference(userConversationKey(userId));
    if (!chat) return { outcome: 'waiting', detail: 'no personal chat with the declarant' };
    const language = (submitter === undefined || sameUser(submitter, userId) ? record.language : null) ?? localeLanguage(chat.locale);
    await proactive(chat, cardMessage(noticeCard(record, decision, language)));
    return { outcome: 'delivered' };
  };
}

/**
 * Whether the recipient of an `in_review` notice (or copy) `item` was already told that this same reviewer took the
 * declaration in this same review (since its latest submission, isSubmission): a reviewer who hands it back and
 * takes it again is no news to them (« … est en examen : X l’a prise en charge » twice), while another reviewer taking
 * it is. Only a notice delivered counts: one made obsolete by the hand-back never reached them.
 */
async function toldOfSameReviewer(
  repository: Pick<InventoryRepository, 'notifications'>,
  item: Parameters<NotificationDelivery>[0],
  events: Awaited<ReturnType<InventoryRepository['events']>>,
): Promise<boolean> {
  const seq = item.eventSeq ?? 0;
  const reviewer = events[seq - 1]?.actor.id;
  if (reviewer === undefined) return false;
  const reviewStart = events.slice(0, seq).findLastIndex(isSubmission);
  const earlierTakes = new Set<number>();
  events.forEach((event, index) => {
    if (index > reviewStart && index < seq - 1 && event.to === 'in_review' && sameUser(event.actor.id, reviewer)) earlierTakes.add(index + 1);
  });
  if (earlierTakes.size === 0) return false;
  return (await repository.notifications(item.declarationId)).some(
    (n) => n.kind === item.kind && n.recipientId === item.recipientId && n.eventSeq !== null && earlierTakes.has(n.eventSeq) && n.deliveredAt !== null,
  );
}

/** What delivering a proposal's card to its proposer needs. */
export interface ProposalCardDeliveryDeps {
  proposals: Pick<ProposalService, 'get'>;
  conversations: Pick<InventoryRepository, 'getConversation'>;
  proactive: ProactiveSend;
  /** Entra object ids of the governance admins (the preview card's refresh list). */
  governanceAdminIds: readonly string[];
}

/** What the late card says above it, in the proposal's language: why it comes now, and that nothing was published. */
const LATE_CARD_TEXT = {
  fr: 'Le service a été interrompu avant de vous montrer la fiche du document que vous avez soumis ; la voici. Rien n’est publié sans votre décision.',
  en: 'The service was interrupted before showing you the card of the document you submitted; here it is. Nothing is published until you decide.',
} as const;

/**
 * Delivers the preview cards of proposals (src/documents/announcements.ts), rendered from the proposal as it is at
 * delivery, in its language, by audience:
 * - `proposer`: the card the turn could not reply with (the process was killed, the reply refused), posted in the
 *   proposer's personal chat under a sentence saying why it comes now; `waiting` until the bot knows that chat;
 * - `admin`: another governance admin's copy, in their personal chat; `obsolete` when the bot knows no chat with them
 *   (they have not talked to Balises: `propositions` shows them every pending proposal);
 * - `channel`: the governance channel's copy; `obsolete` while none is registered.
 * `obsolete` once the proposal is unknown or no longer pending (decided from another card, `propositions`, or
 * superseded: nothing is left to decide on it). A connector refusal rejects (retried with backoff).
 */
export function proposalCardDelivery({ proposals, conversations, proactive, governanceAdminIds }: ProposalCardDeliveryDeps): NotificationDelivery<ProposalAnnouncement> {
  return async (item) => {
    const proposal = proposals.get(item.proposalId);
    if (!proposal) return { outcome: 'obsolete', detail: 'proposal not found' };
    if (proposal.status !== 'pending') return { outcome: 'obsolete', detail: `proposal ${proposal.status}` };
    const key = item.audience === 'channel' ? GOVERNANCE_CHANNEL_KEY : userConversationKey(item.recipientId);
    const reference = parsedReference(await conversations.getConversation(key));
    if (!reference && item.audience === 'proposer') return { outcome: 'waiting', detail: 'no personal chat with the proposer' };
    if (!reference) return { outcome: 'obsolete', detail: item.audience === 'channel' ? 'no governance channel registered' : 'no personal chat with the admin' };
    const language = proposalLanguage(proposal);
    const card = cardMessage(documentPreviewCard(proposal, language, { adminIds: governanceAdminIds }));
    await proactive(reference, item.audience === 'proposer' ? { ...card, text: LATE_CARD_TEXT[language] } : card);
    return { outcome: 'delivered' };
  };
}

/** The HTTP status of a connector refusal (RestError.statusCode), or undefined for any other error. */
function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}
