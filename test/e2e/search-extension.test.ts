import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredResult } from '../helpers/answers.js';
import { cardText, labelledValues, typedNodes, type Json } from '../helpers/card-walk.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { startIngestedBot, type IngestedBot } from '../helpers/ingested-bot.js';
import { composeExtensionQuery, postActivity, postActivityForResponse, teamsMessage } from '../helpers/teams-activity.js';

/**
 * The search message extension as Teams uses it: a `composeExtension/query` invoke posted over HTTP to the running
 * bot, answered in the HTTP response (nothing is posted to the conversation), over a real SQLite knowledge base
 * holding one small fictional guide.
 */

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/guide-fictif-nuageville.md');
const TITLE = 'Guide fictif des assistants conversationnels de Nuageville';
const URL_OFFICIAL = 'https://exemple.gouv.qc.ca/nuageville/guide-fictif';
/** What the compose box writes in a message's text for a card inserted by a message extension (seen from the Agents Playground). */
const INSERTED_CARD_TEXT = '\n<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension">\n  <span content="0" itemprop="cardId"></span>\n</span>\n';

/** The passage of section 2.1 of the fixture, as ingested (the fixture's own words). */
const NOTICE_PASSAGE =
  'Tout service de Nuageville avise le citoyen, dès le premier échange, qu\'il converse avec un assistant conversationnel et non avec une personne. L\'avis est rédigé dans un langage simple.';

/** The quoted passage of an Adaptive Card: its TextRuns. */
const quoteOf = (card: Json): string =>
  typedNodes(card)
    .filter((n) => n.type === 'TextRun')
    .map((n) => String(n.text))
    .join('');

async function search(h: Harness, text: string | null, options: { locale?: string; parameterName?: string; commandId?: string } = {}) {
  const activity = composeExtensionQuery(options.commandId ?? 'searchPassages', text, { serviceUrl: h.connector.serviceUrl, locale: options.locale, parameterName: options.parameterName });
  const response = await postActivityForResponse(h.baseUrl, activity);
  return { ...response, json: response.body ? (JSON.parse(response.body) as Json) : null, conversationId: activity.conversation.id as string };
}

describe('search message extension over the real knowledge service', () => {
  let bot: IngestedBot;
  let h: Harness;

  beforeAll(async () => {
    bot = await startIngestedBot(FIXTURE, {
      docId: 'guide-fictif-nuageville',
      title: TITLE,
      versionLabel: '2031-04',
      publishedOn: '2031-04-02',
      url: URL_OFFICIAL,
    });
    h = bot.h;
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('answers a French search with one card per passage quoting it verbatim with its citation, and a preview', async () => {
    const { status, json, conversationId } = await search(h, 'Doit-on aviser le citoyen qu’il converse avec un assistant conversationnel?');
    expect(status).toBe(200);
    const result = json!.composeExtension;
    expect(result).toMatchObject({ type: 'result', attachmentLayout: 'list' });
    expect(result.attachments.length).toBeGreaterThanOrEqual(1);
    const [first] = result.attachments as Json[];
    expect(first!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = first!.content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(quoteOf(card)).toBe(NOTICE_PASSAGE);
    const rows = Object.fromEntries(labelledValues(card).map((r) => [r.label, r.value]));
    expect(rows).toMatchObject({
      Document: `[${TITLE}](${URL_OFFICIAL})`,
      Version: expect.stringContaining('2031-04'),
      Section: '2\\. Transparence envers les citoyens › 2.1 Avis au citoyen',
      'Lien officiel': `[${URL_OFFICIAL}](${URL_OFFICIAL})`,
    });
    expect(cardText(card)).toContain('Passage cité mot pour mot');
    expect(cardText(card)).not.toMatch(/incertain/i);
    expect(first!.preview).toEqual({
      contentType: 'application/vnd.microsoft.card.thumbnail',
      content: { title: '2.1 Avis au citoyen', subtitle: `${TITLE} — version 2031-04`, text: expect.stringMatching(/^Tout service de Nuageville avise le citoyen, dès le premier échange/) },
    });
    // The search answers in the compose box only: nothing is posted to the conversation.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.connector.activities.filter((a) => a.conversationId === conversationId)).toHaveLength(0);
  });

  it('says in one result that the documents do not cover a search they do not, quoting no passage', async () => {
    const { status, json } = await search(h, 'Quelle est la recette de la tourtière du Lac-Saint-Jean?');
    expect(status).toBe(200);
    const result = json!.composeExtension;
    expect(result.attachments).toHaveLength(1);
    const [only] = result.attachments as Json[];
    expect(only!.preview.content.title).toBe('Non couvert par les documents indexés');
    const text = cardText(only!.content);
    expect(text).toContain('ne couvrent pas cette recherche');
    expect(text).toContain(TITLE);
    expect(quoteOf(only!.content)).toBe('');
    expect(JSON.stringify(result)).not.toContain('Tout service de Nuageville');
  });

  it('tells the person that a search longer than a question may be was shortened, and still finds the passage', async () => {
    const long = `Doit-on aviser le citoyen qu’il converse avec un assistant conversationnel? ${'Contexte fictif du projet. '.repeat(100)}`;
    const { status, json } = await search(h, long);
    expect(status).toBe(200);
    const [first] = json!.composeExtension.attachments as Json[];
    expect(first!.preview.content.text).toMatch(new RegExp(`^Recherche raccourcie : seuls les [\\d\\s]+ premiers caractères sur 2\\s${long.trim().length - 2_000} ont servi\\. Tout service`));
    expect(quoteOf(first!.content)).toBe(NOTICE_PASSAGE);
    expect(cardText(first!.content)).not.toContain('raccourcie');
  });

  it('answers an English search in English, the quote kept in the French of the document', async () => {
    const { status, json } = await search(h, 'What about personal information and social insurance numbers?');
    expect(status).toBe(200);
    const [first] = json!.composeExtension.attachments as Json[];
    expect(quoteOf(first!.content)).toContain('ne saisit jamais le numéro d\'assurance sociale');
    const text = cardText(first!.content);
    expect(text).toContain('Passage quoted word for word');
    expect(text).toContain('The quote stays in the original French of the document.');
    expect(labelledValues(first!.content).map((r) => r.label)).toEqual(['Document', 'Version', 'Section', 'Official link']);
    expect(first!.preview.content.title).toBe('3. Protection des renseignements personnels');
  });

  it('does not answer the passage card inserted in its own chat as a question, and answers a question sent with it', async () => {
    const { json } = await search(h, 'Doit-on aviser le citoyen qu’il converse avec un assistant conversationnel?');
    const inserted = { contentType: 'application/vnd.microsoft.card.adaptive', content: json!.composeExtension.attachments[0].content };
    const alone = teamsMessage(INSERTED_CARD_TEXT, { serviceUrl: h.connector.serviceUrl, attachments: [inserted] });
    expect(await postActivity(h.baseUrl, alone)).toBe(200);
    const [reply] = await h.connector.waitForMessages(alone.conversation.id, 1);
    expect(reply!.body.text).toMatch(/^Ce message ne contient qu’un passage inséré, sans question/);

    const withQuestion = teamsMessage(`${INSERTED_CARD_TEXT}Les journaux des échanges sont-ils effacés?`, { serviceUrl: h.connector.serviceUrl, attachments: [inserted] });
    expect(await postActivity(h.baseUrl, withQuestion)).toBe(200);
    const [answer] = await h.connector.waitForMessages(withQuestion.conversation.id, 1);
    expect(answer!.body.text).toContain('Les journaux des échanges sont effacés après quatre-vingt-dix jours.');
  });

  it('gives a short hint, not an error, for the query Teams sends when the box opens', async () => {
    const french = await search(h, null);
    expect(french.status).toBe(200);
    expect(french.json!.composeExtension).toEqual({ type: 'message', text: expect.stringMatching(/^Tapez une question ou quelques mots/) });
    const english = await search(h, null, { locale: 'en-US' });
    expect(english.json!.composeExtension).toEqual({ type: 'message', text: expect.stringMatching(/^Type a question or a few words/) });
    const blank = await search(h, '   ');
    expect(blank.json!.composeExtension.type).toBe('message');
  });
});

describe('search message extension limits and failures', () => {
  it("limits each person's searches, says so in the results, the opening hint free, and leaves their chat questions answered", async () => {
    const knowledge = new FakeKnowledge(() => answeredResult());
    const h = await startHarness(knowledge, null, { rateLimit: { burst: 2, perMinute: 1 } });
    try {
      expect((await search(h, null)).json!.composeExtension.type).toBe('message');
      for (const word of ['clarté', 'sobriété']) expect((await search(h, word)).json!.composeExtension.type).toBe('result');
      const limited = await search(h, 'loyauté');
      expect(limited.status).toBe(200);
      expect(limited.json!.composeExtension).toEqual({ type: 'message', text: expect.stringContaining('beaucoup de recherches') });
      expect(knowledge.questions).toEqual(['clarté', 'sobriété']);
      const conversationId = 'a:conv-after-searches';
      expect(await postActivity(h.baseUrl, teamsMessage('Et la loyauté?', { serviceUrl: h.connector.serviceUrl, conversationId }))).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(h.connector.messages(conversationId).map((m) => m.body.text as string)).toEqual([expect.stringContaining('[1]')]);
    } finally {
      await h.stop();
    }
  });

  it('searches for a query whose command the client names otherwise (an app package of another version), rather than fail it', async () => {
    const knowledge = new FakeKnowledge(() => answeredResult());
    const h = await startHarness(knowledge);
    try {
      const named = await search(h, 'clarté', { commandId: 'searchQuery' });
      expect(named.status).toBe(200);
      expect(named.json!.composeExtension.type).toBe('result');
      const opening = await search(h, null, { commandId: 'searchQuery', locale: 'en-US' });
      expect(opening.json!.composeExtension).toEqual({ type: 'message', text: expect.stringMatching(/^Type a question or a few words/) });
      expect(knowledge.questions).toEqual(['clarté']);
    } finally {
      await h.stop();
    }
  });

  it('answers a failed search with an apology in the results, posting nothing to the conversation', async () => {
    const h = await startHarness(new FakeKnowledge(() => Promise.reject(new Error('fictional index failure'))));
    try {
      const { status, json, conversationId } = await search(h, 'Doit-on aviser le citoyen?');
      expect(status).toBe(200);
      const referenceId = h.logs.records().find((r) => r.msg === 'turn failed')?.referenceId as string;
      expect(json!.composeExtension).toEqual({ type: 'message', text: expect.stringContaining(referenceId) });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(h.connector.activities.filter((a) => a.conversationId === conversationId)).toHaveLength(0);
    } finally {
      await h.stop();
    }
  });
});
