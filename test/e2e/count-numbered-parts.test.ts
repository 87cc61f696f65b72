import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, labelledValues, typedNodes, type Json } from '../helpers/card-walk.js';
import type { Harness } from '../helpers/harness.js';
import { startIngestedBot, type IngestedBot } from '../helpers/ingested-bot.js';
import { composeExtensionQuery, postActivity, postActivityForResponse, teamsMessage } from '../helpers/teams-activity.js';

/**
 * A count question (« Combien de règles compte le guide? ») over HTTP, on the real knowledge service holding a
 * fictional guide that numbers four rules under its headings and never writes the count out: the Teams reply and
 * the search message extension say how many the headings number and quote those headings, each cited.
 */

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/guide-fictif-observatoires.md');
const TITLE = 'Guide fictif des observatoires de Nuageville';
const URL_OFFICIAL = 'https://exemple.gouv.qc.ca/observatoires-fictif';
const RULES = ['1. Règle de prudence', '2. Règle de sobriété', '3. Règle de clarté', '4. Règle de partage'];

describe('a count question answered by numbered headings, over HTTP', () => {
  let bot: IngestedBot;
  let h: Harness;

  beforeAll(async () => {
    bot = await startIngestedBot(FIXTURE, { docId: 'guide-fictif-observatoires', title: TITLE, versionLabel: '2031-05', url: URL_OFFICIAL });
    h = bot.h;
  });
  afterAll(async () => {
    await bot?.stop();
  });

  async function reply(text: string, locale = 'fr-CA') {
    const activity = teamsMessage(text, { serviceUrl: h.connector.serviceUrl, locale });
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    const [first] = await h.connector.waitForMessages(activity.conversation.id, 1);
    return first!.body;
  }

  /** Text with the spaces that bind guillemets and colons to their words (bindPunctuation) read as plain spaces. */
  const plain = (text: string) => text.replace(/[\u00a0\u202f\u2060]/g, ' ');

  /** The headings quoted in a reply: its block-quote lines, markdown escapes removed. */
  const quotedLines = (text: string) => text.split('\n').filter((l) => l.startsWith('> ')).map((l) => l.slice(2).replace(/\\(.)/g, '$1'));

  it('says in French how many rules the guide numbers and quotes their headings in number order, each cited', async () => {
    const body = await reply('Combien de règles compte le guide?');
    const text = plain(body.text as string);
    expect(text).toContain(`[${TITLE}](${URL_OFFICIAL}) (version 2031-05) numérote 4 règles :`);
    expect(quotedLines(text)).toEqual(RULES.map((r, i) => `${r} [${i + 1}]`));
    expect(text).not.toContain('ne couvrent pas');
    expect(text).toContain('le nombre est celui des numéros que portent les titres trouvés');
    const root = (body.entities as Array<Record<string, any>>).find((e) => e.type === 'https://schema.org/Message');
    const citations = root!.citation as Array<Record<string, any>>;
    expect(citations.map((c) => c.position)).toEqual([1, 2, 3, 4]);
    expect(citations.map((c) => c.appearance.abstract)).toEqual(RULES);
    expect(citations[0]!.appearance.keywords).toEqual(['1. Règle de prudence', 'version 2031-05']);
  });

  it('answers the English question in English, the headings in the French of the document', async () => {
    const body = await reply('How many rules does the guide have?', 'en-US');
    const text = plain(body.text as string);
    expect(text).toContain(`[${TITLE}](${URL_OFFICIAL}) (version 2031-05) numbers 4 rules:`);
    expect(quotedLines(text)).toEqual(RULES.map((r, i) => `${r} [${i + 1}]`));
    expect(text).toContain('The quotes stay in the original French of the documents.');
  });

  it('still refuses a count of things the guide neither numbers nor counts', async () => {
    const body = await reply('Combien de licences faut-il acheter?');
    expect(body.text).toContain('ne couvrent pas');
    expect(body.text).not.toMatch(/numérote|\[\d+\]/);
  });

  it('gives the message extension one card saying the count and quoting the headings with their document', async () => {
    const activity = composeExtensionQuery('searchPassages', 'Combien de règles compte le guide?', { serviceUrl: h.connector.serviceUrl });
    const response = await postActivityForResponse(h.baseUrl, activity);
    expect(response.status).toBe(200);
    const result = (JSON.parse(response.body) as Json).composeExtension;
    expect(result.attachments).toHaveLength(1);
    const [only] = result.attachments as Json[];
    const card = only!.content;
    expect(plain(cardText(card))).toContain(`${TITLE} numérote 4 règles :`);
    const runs = typedNodes(card).filter((n) => n.type === 'TextRun').map((n) => String(n.text));
    expect(runs).toEqual(RULES);
    expect(Object.fromEntries(labelledValues(card).map((r) => [r.label, r.value]))).toMatchObject({
      Document: `[${TITLE}](${URL_OFFICIAL})`,
      Version: '2031-05',
    });
    expect(only!.preview.content).toMatchObject({ title: expect.stringContaining('numérote 4 règles'), text: expect.stringContaining('1. Règle de prudence ; 2. Règle de sobriété') });
  });
});
