import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import { type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { CardConnector, type RosterMember } from '../helpers/card-connector.js';
import { actionData, asInput, cardText, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import type { DeclarationDraft } from '../../src/inventory/schema.js';

/**
 * A new declaration's contact e-mail comes from the Teams roster (TeamsInfo.getMember over the connector's real
 * REST route); the person can change it, and a roster that refuses, fails or does not answer in time only leaves
 * the field empty, as it was before.
 */

let people = 0;

/** A new Teams user (so each test starts a new draft) and their roster entry, as Teams answers it. */
function newPerson(): { user: TeamsUser; member: RosterMember } {
  const n = ++people;
  const aadObjectId = `0000000e-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const user: TeamsUser = { id: `29:1-personne-roster-${n}`, name: `Personne Roster ${n}`, aadObjectId };
  const member: RosterMember = {
    id: user.id,
    name: user.name,
    aadObjectId,
    givenName: 'Personne',
    surname: `Roster ${n}`,
    email: `personne.roster${n}@exemple.gouv.qc.ca`,
    userPrincipalName: `proster${n}@exemple.onmicrosoft.com`,
    tenantId: '00000000-0000-0000-0000-00000000ten7',
    userRole: 'user',
  };
  return { user, member };
}

describe('the contact e-mail of a new declaration, from the Teams roster, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });

  const { say, press } = cardConversation(() => running.url, () => connector);

  const contactEmail = (card: Json) => inputs(card).find((i) => i.id === 'contactEmail');

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-contact-email-'));
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
  });
  beforeEach(() => connector.roster.clear());
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prefills the e-mail the roster gives, in the labelled input the person can change', async () => {
    const { user, member } = newPerson();
    connector.roster.set(user.id, member);
    const step = await say('/déclarer', as(user));
    expect(contactEmail(step)).toMatchObject({ type: 'Input.Text', label: expect.stringContaining('Courriel de la personne-ressource'), value: member.email });
    expect(connector.rosterLookups.at(-1)).toEqual({ conversationId: `a:personal-${user.aadObjectId}`, userId: user.id });

    const typed = Object.fromEntries(inputs(step).map((i) => [i.id, asInput(validDraft()[i.id as keyof DeclarationDraft])]));
    const changed = 'autre.adresse@exemple.gouv.qc.ca';
    const next = await press('declaration.next', { ...actionData(step, 'declaration.next'), ...inputValues(step, { ...typed, contactEmail: changed }) }, as(user));
    expect(cardText(next)).toContain('Étape 2 sur 3');
    const back = await press('declaration.back', { ...actionData(next, 'declaration.back'), ...inputValues(next) }, as(user));
    expect(contactEmail(back)?.value).toBe(changed);
  });

  it('keeps what the person typed when they resume: the roster is asked for new declarations only', async () => {
    const { user, member } = newPerson();
    connector.roster.set(user.id, member);
    const step = await say('/déclarer', as(user));
    const saved = await press('declaration.next', { ...actionData(step, 'declaration.next'), ...inputValues(step, { contactEmail: '' }) }, as(user));
    expect(contactEmail(saved)?.value ?? '').toBe('');
    const lookups = connector.rosterLookups.length;
    const resumed = await say('/déclarer', as(user));
    expect(contactEmail(resumed)?.value ?? '').toBe('');
    expect(connector.rosterLookups.length).toBe(lookups);
  });

  it('uses the user principal name when the roster gives no e-mail', async () => {
    const { user, member } = newPerson();
    connector.roster.set(user.id, { ...member, email: undefined });
    expect(contactEmail(await say('/déclarer', as(user)))?.value).toBe(member.userPrincipalName);
  });

  it('leaves the e-mail empty when the roster does not know the person', async () => {
    const { user } = newPerson();
    const step = await say('/déclarer', as(user));
    expect(cardText(step)).toContain('Étape 1 sur 3');
    expect(contactEmail(step)?.value ?? '').toBe('');
  });

  it('leaves the e-mail empty when the roster refuses', async () => {
    const { user, member } = newPerson();
    connector.roster.set(user.id, member);
    connector.failRoster(403);
    const step = await say('/déclarer', as(user));
    expect(cardText(step)).toContain('Étape 1 sur 3');
    expect(contactEmail(step)?.value ?? '').toBe('');
  });

  it('opens the card without the e-mail when the roster does not answer, and keeps it empty once it does', async () => {
    const { user, member } = newPerson();
    connector.roster.set(user.id, member);
    const release = connector.holdRoster();
    try {
      const step = await say('/déclarer', as(user));
      expect(cardText(step)).toContain('Étape 1 sur 3');
      expect(contactEmail(step)?.value ?? '').toBe('');
    } finally {
      release();
    }
    expect(contactEmail(await say('/déclarer', as(user)))?.value ?? '').toBe('');
  });

  it('does not ask the roster outside Teams', async () => {
    const { user, member } = newPerson();
    connector.roster.set(user.id, member);
    const lookups = connector.rosterLookups.length;
    const step = await say('/déclarer', as(user), { channelId: 'webchat' });
    expect(contactEmail(step)?.value ?? '').toBe('');
    expect(connector.rosterLookups.length).toBe(lookups);
  });
});
