import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import { userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { CardConnector } from '../helpers/card-connector.js';
import type { Json } from '../helpers/card-walk.js';

const ADMIN: TeamsUser = { id: '29:admin-fictive', name: 'Admin Fictive', aadObjectId: '0000000a-0000-4000-8000-0000000000ad' };
const PERSON: TeamsUser = { id: '29:personne-fictive', name: 'Personne Fictive', aadObjectId: '0000000a-0000-4000-8000-0000000000aa' };
/** A person of an en-US client (the Playground's) who types commands in both languages. */
const BILINGUAL: TeamsUser = { id: '29:personne-bilingue', name: 'Personne Bilingue', aadObjectId: '0000000a-0000-4000-8000-0000000000b1' };
/** A person who types commands loosely (a plea, a missing accent or s), not counting towards PERSON's rate limit. */
const HURRIED: TeamsUser = { id: '29:personne-pressee', name: 'Personne Pressée', aadObjectId: '0000000a-0000-4000-8000-0000000000a7' };
/** A person who greets and thanks Balises as people type in a Quebec chat, on their own rate limit. */
const GREETER: TeamsUser = { id: '29:personne-polie', name: 'Personne Polie', aadObjectId: '0000000a-0000-4000-8000-0000000000b2' };
/** Someone else, whose messages do not count towards PERSON's rate limit. */
const CURIOUS: TeamsUser = { id: '29:personne-curieuse', name: 'Personne Curieuse', aadObjectId: '0000000a-0000-4000-8000-0000000000ac' };

describe('what a person can discover in a fresh bot with nothing indexed, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-discover-'));
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
  });
  afterAll(async () => {
    await running.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const personal = (from: TeamsUser, locale = 'fr-CA'): ConversationOptions => ({
    serviceUrl: connector.serviceUrl,
    from,
    conversationId: `a:personal-${randomUUID()}`,
    locale,
  });

  /** Posts an activity and returns the first `count` messages the bot sends back in that conversation. */
  async function sendAll(activity: Record<string, any>, conversationId: string, count: number): Promise<Json[]> {
    const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    await connector.waitFor((c) => c.method === 'POST' && c.conversationId === conversationId && c.body.type === 'message', count);
    return connector.messages(conversationId).slice(0, count).map((c) => c.body);
  }
  const send = async (activity: Record<string, any>, conversationId: string) => (await sendAll(activity, conversationId, 1))[0]!;
  const say = (text: string, options: ConversationOptions) => send(userMessage(text, options), options.conversationId);
  const buttons = (reply: Json) => (reply.suggestedActions?.actions ?? []).map((a: Json) => [a.type, a.value]);

  it('lists every command a person may use, then offers them as prompt buttons', async () => {
    const options = personal(PERSON);
    const [reply, prompts] = await sendAll(userMessage('aide', options), options.conversationId, 2);
    for (const command of ['`aide`', '`sources`', '`/déclarer`', '`mes déclarations`']) expect(reply!.text).toContain(command);
    expect(reply!.text).not.toContain('`inventaire');
    expect(reply!.suggestedActions).toBeUndefined();
    expect(prompts!.text).toBe('Essayez\u00a0: aide · sources · /déclarer · mes déclarations');
    expect(buttons(prompts!)).toEqual([['imBack', 'aide'], ['imBack', 'sources'], ['imBack', '/déclarer'], ['imBack', 'mes déclarations']]);
  });

  it('answers `sources` in the language of the help command typed before it, whatever the client locale', async () => {
    // The Playground stamps every activity en-US: « aide » alone says French only by its word.
    const options = personal(BILINGUAL, 'en-US');
    const replies = async (text: string, count: number) => {
      const before = connector.messages(options.conversationId).length;
      await sendAll(userMessage(text, options), options.conversationId, before + count);
      return connector.messages(options.conversationId).slice(before).map((c) => c.body);
    };
    expect((await replies('aide', 2))[0]!.text).toContain('**Comment utiliser Balises**');
    expect((await replies('sources', 1))[0]!.text).toContain('Aucun document n’est encore indexé');
    expect((await replies('help', 2))[0]!.text).toContain('**How to use Balises**');
    expect((await replies('sources', 1))[0]!.text).toContain('No document is indexed yet');
  });

  it('answers « aide-moi », « help me » and « mes declaration » as the commands they mean, not as questions', async () => {
    const options = personal(HURRIED, 'en-US');
    const replies = async (text: string, count: number) => {
      const before = connector.messages(options.conversationId).length;
      await sendAll(userMessage(text, options), options.conversationId, before + count);
      return connector.messages(options.conversationId).slice(before).map((c) => c.body);
    };
    expect((await replies('aide-moi', 2))[0]!.text).toContain('**Comment utiliser Balises**');
    expect((await replies('Aidez moi!', 2))[0]!.text).toContain('**Comment utiliser Balises**');
    expect((await replies('help me', 2))[0]!.text).toContain('**How to use Balises**');
    const [mine] = await replies('mes declaration', 1);
    expect(JSON.stringify(mine)).toContain('Mes déclarations');
    expect(mine!.text ?? '').not.toContain('documents indexés');
    // The words of the cards' own button, typed (found in the Playground: searched in the documents instead).
    for (const [typed, title] of [['Voir mes déclarations', 'Mes déclarations'], ['Show my declarations', 'My declarations']]) {
      const [list] = await replies(typed!, 1);
      expect(JSON.stringify(list), typed).toContain(title);
      expect(list!.text ?? '', typed).not.toMatch(/documents indexés|indexed documents/);
    }
  });

  it('adds the governance commands for an admin, in English for help', async () => {
    const options = personal(ADMIN, 'en-US');
    const [reply, prompts] = await sendAll(userMessage('help', options), options.conversationId, 2);
    for (const command of ['`help`', '`/declare`', '`my declarations`', '`inventory [state]`', '`governance register`']) expect(reply!.text).toContain(command);
    expect(buttons(prompts!).map(([, value]: string[]) => value)).toEqual(['help', 'sources', '/declare', 'my declarations']);
  });

  it('answers a greeting or a thanks alone with what Balises does, not with a search that finds nothing', async () => {
    const fr = await say('Bonjour!', personal(PERSON));
    expect(fr.text).toContain('Écrivez votre question');
    expect(fr.text).not.toContain('ne couvrent pas');
    const en = await say('thanks a lot 🙂', personal(PERSON, 'fr-CA'));
    expect(en.text).toContain('You are welcome!');
    const merci = await say('Merci!', personal(PERSON));
    expect(merci.text).toContain('Avec plaisir!');
    expect(merci.text).not.toContain('Bonjour');
    const question = await say('Bonjour, qui tient le registre des nuages?', personal(PERSON));
    expect(question.text).not.toContain('Écrivez votre question en une phrase');
  });

  it('answers « Bon matin! », « Peux-tu m’aider? », « Merci pour ton aide! » and "What’s your name?" as small talk, not with a search', async () => {
    for (const text of ['Bon matin!', 'Peux-tu m’aider?', 'C’est quoi ton nom?', 'Comment ça marche?']) {
      const reply = await say(text, personal(GREETER));
      expect(reply.text, text).toContain('Écrivez votre question');
      expect(reply.text, text).not.toContain('ne couvrent pas');
    }
    expect((await say('Merci pour ton aide!', personal(GREETER))).text).toContain('Avec plaisir!');
    expect((await say('What’s your name?', personal(GREETER))).text).toContain('Write your question');
    expect((await say('Thanks for your help!', personal(GREETER))).text).toContain('You are welcome!');
  });

  it('answers thanks with a word of appreciation, or an acknowledgement, with how to ask again, not with quotes', async () => {
    const thanks = await say('Merci beaucoup, c’est très utile!', personal(PERSON, 'en-US'));
    expect(thanks.text).toContain('Avec plaisir!');
    const ok = await say('ok', personal(PERSON, 'en-US'));
    expect(ok.text).toBe('Noted. For another question, write it in one sentence, or type `help`.');
    const parfait = await say('Parfait, c’est clair.', personal(PERSON, 'en-US'));
    expect(parfait.text).toContain('C’est noté.');
  });

  it('answers a request for more that names no subject by saying each question is answered on its own, not that the documents do not cover it', async () => {
    // Found in the Playground: « plus de détails » after an answer got « Les documents indexés ne couvrent pas cette question ».
    const more = await say('plus de détails', personal(CURIOUS, 'en-US'));
    expect(more.text).toContain('Je réponds à chaque question séparément, sans me souvenir de la précédente');
    expect(more.text).not.toContain('ne couvrent pas');
    const why = await say('Can you tell me more?', personal(CURIOUS));
    expect(why.text).toContain('I answer each question on its own');
  });

  it('offers no prompt buttons in a channel, where Teams shows none', async () => {
    const options: ConversationOptions = { ...personal(PERSON), conversationId: `19:canal-${randomUUID()}@thread.tacv2`, conversationType: 'channel' };
    const reply = await say('aide', options);
    expect(reply.text).toContain('`aide`');
    expect(connector.messages(options.conversationId).every((m) => m.body.suggestedActions === undefined)).toBe(true);
  });

  it('welcomes a person saying nothing is indexed yet and who must add documents', async () => {
    const options = personal(PERSON);
    const install = { ...userMessage('', options), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: userMessage('', options).recipient.id }] };
    const reply = await send(install, options.conversationId);
    expect(reply.text).toContain('Aucun document n’est encore indexé');
    expect(reply.text).toContain('L’équipe de gouvernance doit d’abord ingérer les documents officiels.');
    expect(reply.text).not.toContain('npm run');
  });

  it('welcomes a channel saying to mention the bot, which hears nothing else there, and a personal chat saying to type', async () => {
    // Found in the Playground: the channel welcome said « Type `help` »; `help` posted without a mention got no answer.
    const channel: ConversationOptions = { ...personal(PERSON), conversationId: `19:canal-${randomUUID()}@thread.tacv2`, conversationType: 'channel' };
    for (const [options, locale] of [[channel, 'fr-CA'], [{ ...channel, conversationId: `19:canal-${randomUUID()}@thread.tacv2` }, 'en-US']] as const) {
      const install = { ...userMessage('', { ...options, locale }), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: userMessage('', options).recipient.id }] };
      const reply = await send(install, options.conversationId);
      expect(reply.text).toContain(locale === 'fr-CA' ? 'Ici, mentionnez-moi (@Balises) avec votre question' : 'Here, mention me (@Balises) with your question');
      expect(reply.text).not.toMatch(/^(Tapez|Type) /m);
    }
    const options = personal(CURIOUS);
    const install = { ...userMessage('', options), type: 'conversationUpdate', text: undefined, membersAdded: [{ id: userMessage('', options).recipient.id }] };
    const reply = await send(install, options.conversationId);
    expect(reply.text).toContain('Tapez `aide` pour savoir comment m’utiliser');
    expect(reply.text).not.toContain('mentionnez-moi');
  });

  it('points a question about declaring to /déclarer while nothing is indexed: the inventory needs no document', async () => {
    // Found in the Playground: « I would like to declare an AI project » on a fresh bot got only « No document is
    // indexed yet », though /declare works without documents.
    const fr = await say('Je veux déclarer mon projet d’IA fictif, comment faire?', personal(CURIOUS));
    expect(fr.text).toMatch(/^Pour déclarer un projet d’IA à l’inventaire gouvernemental, tapez `\/déclarer`\u00a0: je vous guide étape par étape\.\n\n/);
    expect(fr.text).toContain('Aucun document n’est encore indexé');
    const en = await say('I would like to declare an AI project', personal(CURIOUS, 'en-US'));
    expect(en.text).toMatch(/^To declare an AI project to the government inventory, type `\/declare`: I will guide you step by step\.\n\n/);
    expect(en.text).toContain('No document is indexed yet');
    const other = await say('Doit-on informer les citoyens?', personal(CURIOUS));
    expect(other.text).not.toContain('/déclarer');
  });

  it('tells an admin how to add documents, on `sources` and on any question', async () => {
    for (const text of ['sources', 'Doit-on informer les citoyens?']) {
      const reply = await say(text, personal(ADMIN));
      expect(reply.text).toContain('Aucun document n’est encore indexé');
      expect(reply.text).toContain('`npm run -s balises -- ingest DOSSIER_OU_FICHIER`');
    }
  });
});
