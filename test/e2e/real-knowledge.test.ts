import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../helpers/harness.js';
import { startIngestedBot, type IngestedBot } from '../helpers/ingested-bot.js';
import { postActivity, teamsMessage } from '../helpers/teams-activity.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/charte-fictive-ia.md');
const URL_OFFICIAL = 'https://exemple.gouv.qc.ca/charte-fictive-ia';

describe('Teams bot over the real knowledge service', () => {
  let bot: IngestedBot;
  let h: Harness;

  beforeAll(async () => {
    bot = await startIngestedBot(FIXTURE, {
      docId: 'charte-fictive-ia',
      versionLabel: '2031',
      publishedOn: '2031-03-14',
      url: URL_OFFICIAL,
    });
    h = bot.h;
  });
  afterAll(async () => {
    await bot?.stop();
  });

  async function reply(text: string, locale = 'fr-CA', options: Partial<Parameters<typeof teamsMessage>[1]> = {}) {
    const activity = teamsMessage(text, { serviceUrl: h.connector.serviceUrl, locale, ...options });
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const [first] = await h.connector.waitForMessages(activity.conversation.id, 1);
    return first!.body;
  }

  it('quotes the ingested passage verbatim with its citation on the wire', async () => {
    const body = await reply('Doit-on dire à la personne qu’elle échange avec un système automatisé?');
    expect(body.text).toMatch(/Tout organisme informe clairement la personne qu.elle échange avec un système automatisé\. \[\d+\]/);
    expect(body.text).toContain(URL_OFFICIAL);
    expect(body.text).toContain('version 2031');
    const root = (body.entities as Array<Record<string, any>>).find((e) => e.type === 'https://schema.org/Message');
    const citations = root!.citation as Array<Record<string, any>>;
    expect(citations.length).toBeGreaterThan(0);
    expect(citations.length).toBeLessThanOrEqual(20);
    for (const c of citations) {
      expect(body.text).toContain(`[${c.position}]`);
      expect(c.appearance.name.length).toBeLessThanOrEqual(80);
      expect(c.appearance.abstract.length).toBeLessThanOrEqual(160);
      expect(c.appearance.url).toBe(URL_OFFICIAL);
    }
  });

  it('answers in a channel where a colleague is mentioned as well as the bot as it answers the question alone', async () => {
    const question = 'Doit-on dire à la personne qu’elle échange avec un système automatisé?';
    const alone = await reply(question);
    const alsoMention = [{ id: '29:1-fictional-colleague', name: 'Marie-Ève Tremblay-Gagnon' }];
    const withColleague = await reply(question, 'fr-CA', { conversationType: 'channel', mentionBot: true, alsoMention });
    expect(withColleague.text).toBe(alone.text);
  });

  it('abstains on a question the charter does not cover and lists what it covers', async () => {
    const body = await reply('Quelle est la recette de la tourtière du Lac-Saint-Jean?');
    expect(body.text).toContain('ne couvrent pas');
    expect(body.text).toContain('Charte fictive');
    expect(body.text).not.toMatch(/\[\d+\]/);
  });

  it.each([
    ["C'est quoi?", 'fr-CA', /sujet/],
    ['Pourquoi?', 'fr-CA', /sujet/],
    ['Et ça?', 'fr-CA', /sujet/],
    ['What is it?', 'en-US', /subject/],
  ])('asks what « %s » is about instead of quoting passages', async (question, locale, subject) => {
    const body = await reply(question, locale);
    expect(body.text).toMatch(subject);
    expect(body.text).not.toMatch(/\[\d+\]|Charte fictive|ne couvrent pas|do not cover/);
  });

  it('searches a question that names its subject, French or English', async () => {
    const french = await reply("C'est quoi l'EFVP?");
    expect(french.text).toMatch(/Voici ce que disent|Réponse incertaine|ne couvrent pas/);
    expect(french.text).not.toContain('ne dit pas sur quoi');
    const english = await reply('What is transparency?', 'en-US');
    expect(english.text).toMatch(/Here is what the indexed documents say|Uncertain answer|do not cover this question/);
    expect(english.text).not.toContain('does not say what it is about');
  });

  it('replies in English to words with no language signal from an English client', async () => {
    const body = await reply('AI transparency citizens', 'en-US');
    expect(body.text).toMatch(
      /Here is what the indexed documents say|I found no passage that answers your question exactly|The indexed documents do not cover this question/,
    );
    expect(body.text).not.toMatch(/Voici ce que|ne couvrent pas/);
  });

  it('lists the ingested document with its version for sources', async () => {
    const body = await reply('sources');
    expect(body.text).toContain('Charte fictive');
    expect(body.text).toContain('version 2031 du 14 mars 2031');
  });

  it('reports ready once the database is open', async () => {
    expect((await fetch(`${h.baseUrl}/readyz`)).status).toBe(200);
  });
});
