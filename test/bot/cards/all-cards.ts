import type { Language } from '../../../src/answers/types.js';
import { MAX_COLLABORATORS } from '../../../src/inventory/workflow.js';
import {
  collaboratorsCard,
  confirmDeleteDraftCard,
  confirmLeaveCard,
  leaveRefusedCard,
  leftCard,
  leftNoticeCard,
  takenBackNoticeCard,
  withdrawnCard,
  withdrawnViewCard,
  withdrawnChannelCard,
  withdrawRefusedCard,
  shareRefusedCard,
  sharedNoticeCard,
  decisionNoticeCard,
  deletedDraftCard,
  inReviewNoticeCard,
  draftDeletedCard,
  listCard,
  MAX_REVIEW_COMMENT_CHARS,
  notRecordedNotices,
  receiptCard,
  refusalCard,
  reviewCard,
  staleCard,
  statusCard,
  stepCard,
  viewCard,
  type Card,
  type Refusal,
} from '../../../src/bot/cards/index.js';
import { MAX_DRAFT_VALUE_CHARS, STEPS, type DeclarationDraft } from '../../../src/inventory/schema.js';
import { decisionEvent, sampleRecord, submittedRecord, validDraft } from '../../helpers/declarations.js';

/** A draft holding the longest value the draft schema keeps in every text field. */
export function hugeDraft(): DeclarationDraft {
  const long = 'é'.repeat(MAX_DRAFT_VALUE_CHARS);
  const draft = validDraft();
  for (const key of Object.keys(draft) as Array<keyof DeclarationDraft>) {
    if (typeof draft[key] === 'string') draft[key] = long;
  }
  return draft;
}

/**
 * A draft whose every text field holds the longest value the draft schema keeps, made of what weighs most once
 * serialised: control characters (`\u0001` is 6 bytes of JSON), quotes and backslashes (2 bytes), markdown
 * specials (escaped in text blocks), a lone surrogate (6 bytes) — what a paste from another program can hold.
 */
export function hostileDraft(unit = '\u0001"\\*_[\u0007\uD800'): DeclarationDraft {
  const hostile = unit.repeat(Math.ceil(MAX_DRAFT_VALUE_CHARS / unit.length)).slice(0, MAX_DRAFT_VALUE_CHARS);
  const draft = validDraft();
  for (const key of Object.keys(draft) as Array<keyof DeclarationDraft>) {
    if (typeof draft[key] === 'string') draft[key] = hostile;
  }
  return draft;
}

/** Every card builder's output, in both languages, in ordinary and extreme cases, named for failure messages. */
export function everyCard(): Array<[string, Card]> {
  const cards: Array<[string, Card]> = [];
  const admins = Array.from({ length: 70 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
  for (const language of ['fr', 'en'] as Language[]) {
    const draft = sampleRecord();
    const huge = sampleRecord({ data: hugeDraft() });
    const submitted = submittedRecord();
    const hugeSubmitted = submittedRecord({ data: hugeDraft() });
    const hostile = sampleRecord({ data: hostileDraft() });
    const hostileSubmitted = submittedRecord({ data: hostileDraft() });
    cards.push([`${language} receipt hostile`, receiptCard(hostileSubmitted, language)]);
    cards.push([`${language} review hostile`, reviewCard(hostileSubmitted, language, { adminIds: admins })]);
    cards.push([`${language} status hostile`, statusCard(hostileSubmitted, language)]);
    cards.push([`${language} list hostile`, listCard(Array.from({ length: 120 }, () => hostileSubmitted), { kind: 'inventory', filter: null }, language)]);
    const controls = sampleRecord({ data: hostileDraft('\u0001') });
    for (const step of STEPS) {
      cards.push([`${language} step ${step} hostile`, stepCard({ declarationId: hostile.id, revision: 1, step, values: hostile.data }, language)]);
      const errors = Object.fromEntries(Object.keys(controls.data).map((k) => [k, 'at most 150 characters']));
      cards.push([`${language} step ${step} control characters with errors`, stepCard({ declarationId: controls.id, revision: 1, step, values: controls.data, errors }, language)]);
      cards.push([`${language} stale ${step} hostile`, staleCard(hostile, step, language)]);
      cards.push([`${language} step ${step}`, stepCard({ declarationId: draft.id, revision: 1, step, values: draft.data }, language)]);
      cards.push([`${language} step ${step} empty`, stepCard({ declarationId: draft.id, revision: 1, step, values: {} }, language)]);
      cards.push([
        `${language} step ${step} huge with errors`,
        stepCard(
          {
            declarationId: huge.id,
            revision: 2,
            step,
            values: huge.data,
            errors: Object.fromEntries(Object.keys(huge.data).map((k) => [k, 'at most 150 characters'])),
          },
          language,
        ),
      ]);
      cards.push([`${language} stale ${step}`, staleCard(draft, step, language)]);
      cards.push([`${language} step ${step} taken back, with its number`, stepCard({ declarationId: huge.id, revision: 3, publicId: 'IA-2031-0001', step, values: huge.data }, language)]);
    }
    cards.push([`${language} stale submitted`, staleCard(submitted, 'effects', language)]);
    cards.push([`${language} receipt`, receiptCard(submitted, language)]);
    cards.push([`${language} receipt huge`, receiptCard(hugeSubmitted, language)]);
    cards.push([`${language} view submitted`, viewCard(submitted, [], language)]);
    cards.push([`${language} view hostile`, viewCard(hostileSubmitted, [], language)]);
    {
      const colleague = '00000000-0000-0000-0000-0000000000cc';
      const shared = submittedRecord({ collaborators: [colleague] });
      const hugeShared = submittedRecord({ data: hugeDraft(), collaborators: [colleague] });
      const back = { declarationId: shared.id, at: '2031-03-15T13:45:00.000Z', actor: { id: colleague, name: 'Collègue '.repeat(40) }, from: 'submitted' as const, to: 'draft' as const, comment: null };
      const withdrawn = submittedRecord({ state: 'draft', data: hostileSubmitted.data, submittedData: hostileSubmitted.data });
      const left = { declarationId: shared.id, at: back.at, actor: back.actor, change: 'removed' as const, userId: colleague };
      cards.push([`${language} list mine shared with the reader`, listCard([shared, hugeShared], { kind: 'mine', reader: colleague }, language)]);
      cards.push([`${language} view shared with the reader`, viewCard(hugeShared, [], language, { events: [left], names: new Map() }, colleague)]);
      cards.push([`${language} confirm leave huge`, confirmLeaveCard(hugeShared, language)]);
      cards.push([`${language} left`, leftCard(hugeShared, language)]);
      cards.push([`${language} leave refused`, leaveRefusedCard({ kind: 'not_following', ended: left }, language)]);
      cards.push([`${language} leave refused decided`, leaveRefusedCard({ kind: 'decided', current: submittedRecord({ state: 'approved' }) }, language)]);
      cards.push([`${language} left notice`, leftNoticeCard(hugeShared, left, language)]);
      cards.push([`${language} taken back notice, own draft set aside`, takenBackNoticeCard(hugeShared, back, sampleRecord({ data: hugeDraft(), setAsideAt: back.at }), language)]);
      cards.push([`${language} taken back notice`, takenBackNoticeCard(withdrawn, back, null, language)]);
      cards.push([`${language} withdrawn`, withdrawnCard(withdrawn, language)]);
      cards.push([`${language} withdraw refused`, withdrawRefusedCard(withdrawn, [back], language)]);
      cards.push([`${language} withdrawn view`, withdrawnViewCard(withdrawn, [back], language)]);
      cards.push([`${language} withdrawn channel notice`, withdrawnChannelCard(hugeShared, back, language)]);
      cards.push([`${language} review withdrawn hostile`, reviewCard(withdrawn, language, { adminIds: admins, events: [back] })]);
    }
    cards.push([`${language} status`, statusCard(sampleRecord({ state: 'approved' }), language)]);
    cards.push([`${language} review pending`, reviewCard(submitted, language, { adminIds: admins })]);
    cards.push([`${language} review comment error`, reviewCard(hugeSubmitted, language, { adminIds: admins, commentError: true })]);
    cards.push([
      `${language} review from the inventory`,
      reviewCard(hugeSubmitted, language, { adminIds: admins, commentError: true, fromInventory: { filter: 'submitted', lang: language } }),
    ]);
    // Taken for review by someone with the longest, most hostile name, on the longest answers, opened from a list.
    const inReview = submittedRecord({ state: 'in_review', data: hostileDraft('\\*') });
    const taken = { ...decisionEvent(inReview, 'in_review'), actor: { id: 'aad-hostile', name: `**[x](javascript:alert(1))** ${'\\*'.repeat(300)}` } };
    cards.push([
      `${language} review in review`,
      reviewCard(inReview, language, { adminIds: admins, events: [taken], commentError: true, fromInventory: { filter: 'in_review', lang: language } }),
    ]);
    cards.push([`${language} notice in review`, inReviewNoticeCard(inReview, taken, language)]);
    cards.push([`${language} view in review`, viewCard(inReview, [taken], language)]);
    for (const to of ['approved', 'changes_requested', 'rejected'] as const) {
      const decided = submittedRecord({ state: to });
      const event = decisionEvent(decided, to, 'x'.repeat(5_000));
      cards.push([`${language} review ${to}`, reviewCard(decided, language, { adminIds: admins, events: [event] })]);
      cards.push([`${language} notice ${to}`, decisionNoticeCard(decided, event, language)]);
      cards.push([`${language} view ${to} huge`, viewCard(submittedRecord({ state: to, data: hugeDraft() }), [event], language)]);
      // A decision pressed too late, with the longest comment, beside the longest answers and decision comment, all of
      // escaped characters (`\*` weighs 7 bytes of JSON once escaped), opened from an inventory list.
      const escaped = '\\*'.repeat(MAX_REVIEW_COMMENT_CHARS / 2);
      const heavy = submittedRecord({ state: to, data: hostileDraft('\\*') });
      cards.push([
        `${language} review ${to} with a late decision not recorded`,
        reviewCard(heavy, language, {
          adminIds: admins,
          events: [decisionEvent(heavy, to, escaped)],
          notices: notRecordedNotices(language, 'reject', escaped),
          fromInventory: { filter: null, lang: language },
        }),
      ]);
    }
    const many = Array.from({ length: 120 }, (_, i) =>
      sampleRecord({ id: `id-${i}`, data: hugeDraft(), state: i % 2 ? 'draft' : 'approved', publicId: i % 2 ? null : `IA-2031-${String(i).padStart(4, '0')}` }),
    );
    cards.push([`${language} list mine`, listCard(many, { kind: 'mine' }, language)]);
    cards.push([`${language} list mine empty`, listCard([], { kind: 'mine' }, language)]);
    const setAside = sampleRecord({ setAsideAt: '2031-03-15T09:00:00.000Z' });
    cards.push([`${language} list mine with a draft set aside`, listCard([sampleRecord({ id: 'current' }), setAside], { kind: 'mine' }, language)]);
    cards.push([`${language} status set aside`, statusCard(setAside, language)]);
    cards.push([`${language} confirm deletion of a draft set aside`, confirmDeleteDraftCard(setAside, language)]);
    cards.push([`${language} confirm deletion of a hostile draft set aside`, confirmDeleteDraftCard(sampleRecord({ data: hostileDraft(), setAsideAt: setAside.setAsideAt }), language)]);
    cards.push([`${language} confirm deletion of the current draft`, confirmDeleteDraftCard(sampleRecord({ id: 'current' }), language)]);
    cards.push([`${language} draft deleted`, draftDeletedCard('deleted', language)]);
    cards.push([`${language} current draft deleted`, draftDeletedCard('deleted', language, false)]);
    cards.push([`${language} draft already deleted`, draftDeletedCard('already_deleted', language)]);
    cards.push([`${language} draft deleted since the card`, deletedDraftCard('2026-03-02T14:10:00.000Z', language)]);
    cards.push([`${language} list inventory`, listCard(many, { kind: 'inventory', filter: null }, language)]);
    // Every declaration in review, each taken by someone with the longest, most hostile name.
    const reviewing = Array.from({ length: 120 }, (_, i) => ({ ...hostileSubmitted, id: `taken-${i}`, state: 'in_review' as const }));
    const takenBy = new Map(reviewing.map((r) => [r.id, { ...decisionEvent(r, 'in_review'), actor: { id: 'aad-x', name: '\\*'.repeat(300) } }]));
    cards.push([`${language} list in review`, listCard(reviewing, { kind: 'inventory', filter: 'in_review', state: 'in_review', takenBy }, language)]);
    const reader = sampleRecord().declarant.id;
    cards.push([`${language} list mine as declarant`, listCard(many, { kind: 'mine', reader }, language)]);
    cards.push([`${language} list mine as collaborator`, listCard(many, { kind: 'mine', reader: 'aad-colleague' }, language)]);
    const team = Array.from({ length: MAX_COLLABORATORS }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const hostileNames = new Map(team.map((id) => [id, hostileDraft().name as string]));
    cards.push([`${language} sharing nobody yet`, collaboratorsCard(draft, new Map(), language)]);
    cards.push([`${language} sharing nobody picked`, collaboratorsCard(draft, new Map(), language, { kind: 'nobody_picked' })]);
    cards.push([`${language} sharing unrecognised`, collaboratorsCard(draft, new Map(), language, { kind: 'unrecognised' })]);
    cards.push([
      `${language} sharing full, hostile names, everyone just added`,
      collaboratorsCard(sampleRecord({ data: hostileDraft(), collaborators: team }), hostileNames, language, {
        kind: 'added',
        people: team.map((id, i) => ({ id, notified: i % 2 === 0 })),
        already: 3,
      }),
    ]);
    cards.push([`${language} sharing unknown names, one removed`, collaboratorsCard(submitted, new Map(), language, { kind: 'removed', id: team[0]! })]);
    for (const kind of ['self', 'too_many', 'not_a_collaborator'] as const) {
      cards.push([`${language} sharing ${kind}`, collaboratorsCard(submittedRecord({ collaborators: team.slice(0, 2) }), new Map(), language, { kind })]);
    }
    cards.push([`${language} shared notice`, sharedNoticeCard(hostileSubmitted, hostileDraft().name as string, language)]);
    for (const reason of ['declarant_only', 'personal_only'] as const) cards.push([`${language} sharing refused ${reason}`, shareRefusedCard(reason, language)]);
    for (const reason of ['forbidden', 'not_found', 'invalid_card', 'unknown_action', 'unknown_identity', 'not_admin'] as Refusal[]) {
      cards.push([`${language} refusal ${reason}`, refusalCard(reason, language)]);
    }
  }
  return cards;
}
