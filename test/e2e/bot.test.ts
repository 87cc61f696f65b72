import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AskResult, Language } from '../../src/answers/types.js';
import { MAX_QUESTION_CHARS } from '../../src/bot/input.js';
import { answeredResult, CHARTER, CLARITY_QUOTE, SOBRIETY_QUOTE } from '../helpers/answers.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { botInstalled, installationAdded, postActivity, teamsMessage } from '../helpers/teams-activity.js';

/**
 * Scripted answers: keywords in the question choose the outcome, as a real index would by content. Like the real
 * service, the answer is in the `language` the bot asks for (else guessed from the question's first word).
 */
function script(question: string, options: { language?: Language }): AskResult {
  const language = options.language ?? (/^(do|does|what|how|is|are|must|can)\b/i.test(question) ? 'en' : 'fr');
  if (/météo|weather|revenus|income tax/i.test(question)) return { kind: 'not_covered', language, covered: [CHARTER] };
  if (/vide/i.test(question)) return { kind: 'empty_index', language };
  const answered = answeredResult(language) as Extract<AskResult, { kind: 'answered' }>;
  if (/incertain|unsure/i.test(question)) return { ...answered, kind: 'uncertain' };
  return answered;
}

describe('Teams bot over HTTP', () => {
  let h: Harness;
  const knowledge = new FakeKnowledge(script, [CHARTER]);

  beforeAll(async () => {
    h = await startHarness(knowledge);
  });
  afterAll(async () => {
    await h.stop();
  });
  beforeEach(() => {
    h.connector.reset();
    knowledge.questions.length = 0;
    knowledge.languages.length = 0;
  });

  async function ask(text: string, options: Parameters<typeof teamsMessage>[1] extends infer O ? Partial<O> : never = {}) {
    const activity = teamsMessage(text, { serviceUrl: h.connector.serviceUrl, ...options });
    expect(await postActivity(h.baseUrl, activity)).toBe(200);
    return { activity, conversationId: activity.conversation.id as string };
  }

  async function reply(text: string, options: Parameters<typeof ask>[1] = {}) {
    const { activity, conversationId } = await ask(text, options);
    const [first] = await h.connector.waitForMessages(conversationId, 1);
    expect(first!.replyToId).toBe(activity.id);
    return first!.body;
  }

  it('answers at /api/messages/ too: a messaging endpoint set with a final slash is not a silent bot', async () => {
    const activity = teamsMessage('Doit-on informer la personne qu’elle parle à un système?', { serviceUrl: h.connector.serviceUrl });
    const res = await fetch(`${h.baseUrl}/api/messages/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    const [first] = await h.connector.waitForMessages(activity.conversation.id, 1);
    expect(first!.body.text).toContain(CLARITY_QUOTE);
  });

  describe('answers', () => {
    it('quotes the passages verbatim with [n] markers and sends the citations on the wire', async () => {
      const body = await reply('Doit-on informer la personne qu’elle parle à un système?');
      expect(body.text).toContain(`${CLARITY_QUOTE} [1]`);
      expect(body.text).toContain(`${SOBRIETY_QUOTE} [2]`);
      expect(body.text).toContain(CHARTER.url);
      expect(body.text).toContain('version 2031');
      const entities = (body.entities ?? []) as Array<Record<string, any>>;
      const roots = entities.filter((e) => e.type === 'https://schema.org/Message');
      expect(roots).toHaveLength(1);
      const root = roots[0]!;
      expect(root['@type']).toBe('Message');
      expect(root['@context']).toBe('https://schema.org');
      expect(root.additionalType).toBeUndefined();
      const citations = root.citation as Array<Record<string, any>>;
      expect(citations.map((c) => c.position).sort()).toEqual([1, 2]);
      expect(citations.length).toBeLessThanOrEqual(20);
      for (const c of citations) {
        expect(c['@type']).toBe('Claim');
        expect(body.text).toContain(`[${c.position}]`);
        expect(c.appearance['@type']).toBe('DigitalDocument');
        expect(c.appearance.name.length).toBeLessThanOrEqual(80);
        expect(c.appearance.abstract.length).toBeLessThanOrEqual(160);
        expect((c.appearance.keywords ?? []).length).toBeLessThanOrEqual(3);
      }
      expect(citations.find((c) => c.position === 1)!.appearance.url).toBe(CHARTER.url);
    });

    it('answers an English question in English and says the quotes stay in French', async () => {
      const body = await reply('Do we have to tell people they talk to a system?', { locale: 'en-US' });
      expect(body.text).toContain('original French');
      expect(body.text).toContain(`${CLARITY_QUOTE} [1]`);
      expect(body.text).toContain('assembled automatically');
    });

    it('answers in English a question with no French or English function word from an English client', async () => {
      const body = await reply('AI transparency citizens', { locale: 'en-US' });
      expect(knowledge.languages).toEqual(['en']);
      expect(body.text).toContain('Here is what the indexed documents say');
      expect(body.text).toContain('original French');
    });

    it('answers in French the same words from a French client', async () => {
      const body = await reply('AI transparency citizens', { locale: 'fr-CA' });
      expect(knowledge.languages).toEqual(['fr']);
      expect(body.text).toContain('Voici ce que disent les documents indexés');
    });

    it('answers a pasted address alone in the client’s language, not in English for the « a » of its path', async () => {
      for (const text of ['https://www.quebec.ca/gouvernement/a-propos/ia', 'mailto:a@exemple.quebec']) {
        knowledge.languages.length = 0;
        const body = await reply(text, { locale: 'fr-CA' });
        expect(knowledge.languages, text).toEqual(['fr']);
        expect(body.text, text).toContain('Voici ce que disent les documents indexés');
      }
    });

    it('answers in French a French question from an English client', async () => {
      const body = await reply('Quelles sont les règles pour les citoyens?', { locale: 'en-US' });
      expect(knowledge.languages).toEqual(['fr']);
      expect(body.text).toContain('Voici ce que disent les documents indexés');
    });

    it('labels the closest passages as uncertain and still sends their citations on the wire', async () => {
      const body = await reply('Question incertaine sur les systèmes?');
      expect(body.text).toMatch(/^\*\*Réponse incertaine\.\*\* Je n’ai pas trouvé de passage qui réponde exactement à votre question\./);
      expect(body.text).toContain('Voici les passages les plus proches');
      expect(body.text).toContain(`${CLARITY_QUOTE} [1]`);
      const root = ((body.entities ?? []) as Array<Record<string, any>>).find((e) => e.type === 'https://schema.org/Message');
      expect((root!.citation as Array<Record<string, any>>).map((c) => c.position).sort()).toEqual([1, 2]);
    });

    it('labels the closest passages as uncertain in English', async () => {
      const body = await reply('Is this unsure?', { locale: 'en-US' });
      expect(body.text).toMatch(/^\*\*Uncertain answer\.\*\* I found no passage that answers your question exactly\./);
      expect(body.text).toContain(`${CLARITY_QUOTE} [1]`);
    });

    it('says plainly when the documents do not cover the question and lists what they cover', async () => {
      const body = await reply('Quelle météo demain?');
      expect(body.text).toContain('ne couvrent pas');
      expect(body.text).toContain('Principe 2 — Clarté');
      expect(body.text).not.toMatch(/\[\d+\]/);
      expect(body.entities ?? []).toEqual([]);
    });

    it('points a question about declaring to /déclarer above the quotes, in the question’s language', async () => {
      const fr = await reply('Comment déclarer notre projet fictif de nuages?');
      expect(fr.text).toMatch(/^Pour déclarer un projet d’IA à l’inventaire gouvernemental, tapez `\/déclarer`\u00a0: je vous guide étape par étape\.\n\n/);
      expect(fr.text).toContain('[1]');
      const en = await reply('How do we declare our fictional cloud project?', { locale: 'fr-CA' });
      expect(en.text).toMatch(/^To declare an AI project to the government inventory, type `\/declare`/);
      const other = await reply('Qui tient le registre fictif?');
      expect(other.text).not.toContain('/déclarer');
    });

    it('points a question about a declaration already made to `mes déclarations`, not only to /déclarer', async () => {
      // Found in the Playground: « où en est ma déclaration IA-2026-0001? » got « Pour déclarer un projet d’IA…,
      // tapez /déclarer », as if nothing had been declared; its state and decision are in « mes déclarations ».
      for (const question of ['Où en est ma déclaration IA-2026-0001?', 'Est-ce que mes déclarations d’IA ont été approuvées?']) {
        const fr = await reply(question);
        expect(fr.text, question).toMatch(/^Pour suivre vos déclarations \(état, décision de l’équipe de gouvernance\), tapez `mes déclarations` ; pour déclarer un nouveau projet d’IA, tapez `\/déclarer`\.\n\n/);
      }
      const en = await reply('What is the status of my declaration IA-2026-0002?', { locale: 'fr-CA' });
      expect(en.text).toMatch(/^To follow your declarations \(state, the governance team’s decision\), type `my declarations`; to declare a new AI project, type `\/declare`\.\n\n/);
      const declaring = await reply('Comment déclarer notre projet fictif de nuages?');
      expect(declaring.text).toMatch(/^Pour déclarer un projet d’IA à l’inventaire gouvernemental/);
    });

    it('points « Où sont mes déclarations? » and "What are my declarations?" to `mes déclarations`, not to a dead end', async () => {
      // Found in the Playground: these got « Les documents indexés ne couvrent pas cette question » and the list of
      // the documents, nothing on where the person's declarations are.
      for (const question of ['Où sont mes déclarations?', 'Ma déclaration a-t-elle été approuvée?']) {
        const fr = await reply(`${question} météo`);
        expect(fr.text, question).toMatch(/^Pour suivre vos déclarations \(état, décision de l’équipe de gouvernance\), tapez `mes déclarations` ; /);
      }
      const en = await reply('What are my declarations? weather', { locale: 'en-US' });
      expect(en.text).toMatch(/^To follow your declarations \(state, the governance team’s decision\), type `my declarations`; /);
      for (const question of ['Quand produire ma déclaration de revenus?', 'Quand produire ma déclaration d’impôts?', 'Où envoyer ma déclaration fiscale? météo']) {
        expect((await reply(question)).text, question).not.toContain('mes déclarations');
      }
    });

    it('gives no /déclarer pointer to a question on another kind of declaration, French or English', async () => {
      const fr = await reply('Quelle est la date limite pour produire ma déclaration de revenus?');
      expect(fr.text).toMatch(/^Les documents indexés ne couvrent pas cette question\./);
      expect(fr.text).not.toContain('/déclarer');
      const en = await reply('When is my income tax declaration due?', { locale: 'en-US' });
      expect(en.text).toMatch(/^The indexed documents do not cover this question\./);
      expect(en.text).not.toContain('/declare');
    });

    it('says that no document is indexed yet when the index is empty', async () => {
      const body = await reply('Index vide?');
      expect(body.text).toContain("Aucun document n’est encore indexé");
    });

    it('answers a redelivered activity only once', async () => {
      const activity = teamsMessage('Doit-on informer la personne?', { serviceUrl: h.connector.serviceUrl });
      expect(await postActivity(h.baseUrl, activity)).toBe(200);
      expect(await postActivity(h.baseUrl, activity)).toBe(200);
      expect(h.connector.messages(activity.conversation.id)).toHaveLength(1);
    });
  });

  describe('commands', () => {
    it.each(['aide', '/aide', 'AIDE'])('shows the French usage for %s', async (command) => {
      const body = await reply(command);
      expect(body.text).toContain('Comment utiliser Balises');
      expect(knowledge.questions).toEqual([]);
    });

    it.each(['help', '/help'])('shows the English usage for %s', async (command) => {
      const body = await reply(command);
      expect(body.text).toContain('How to use Balises');
    });

    it('lists the indexed documents with version and date for sources', async () => {
      const body = await reply('sources');
      expect(body.text).toContain(CHARTER.title);
      expect(body.text).toContain('version 2031 du 14 mars 2031');
    });

    it('says a /command is unknown and shows the help', async () => {
      const body = await reply('/foo');
      expect(body.text).toContain('Je ne connais pas cette commande');
      expect(body.text).toContain('Comment utiliser Balises');
      expect(body.text).not.toContain('/foo');
    });

    it('answers an unknown command in the language of its words, not the client’s', async () => {
      const french = await reply('/déclarer nouveau', { locale: 'en-US' });
      expect(french.text).toContain('Je ne connais pas cette commande');
      const english = await reply('/declare something new please', { locale: 'fr-CA' });
      expect(english.text).toContain('I do not know this command');
    });
  });

  describe('welcome', () => {
    it('welcomes in French on installation, saying what the bot does and does not do', async () => {
      const activity = botInstalled({ serviceUrl: h.connector.serviceUrl });
      expect(await postActivity(h.baseUrl, activity)).toBe(200);
      const [welcome] = await h.connector.waitForMessages(activity.conversation.id, 1);
      expect(welcome!.body.text).toContain('Ce que je ne fais pas');
      expect(welcome!.body.text).toContain('avis juridique');
      expect(welcome!.body.text).toContain('automatiquement');
    });

    it('welcomes in English when the client locale is English', async () => {
      const activity = installationAdded({ serviceUrl: h.connector.serviceUrl, locale: 'en-GB' });
      expect(await postActivity(h.baseUrl, activity)).toBe(200);
      const [welcome] = await h.connector.waitForMessages(activity.conversation.id, 1);
      expect(welcome!.body.text).toContain('What I do not do');
    });

    it('sends one welcome when Teams posts both install events', async () => {
      const first = botInstalled({ serviceUrl: h.connector.serviceUrl });
      const second = installationAdded({ serviceUrl: h.connector.serviceUrl, conversationId: first.conversation.id });
      expect(await postActivity(h.baseUrl, first)).toBe(200);
      expect(await postActivity(h.baseUrl, second)).toBe(200);
      // One welcome: its text, then its prompt buttons.
      const sent = h.connector.messages(first.conversation.id).map((m) => m.body);
      expect(sent).toHaveLength(2);
      expect(sent.filter((m) => String(m.text).includes('Balises'))).toHaveLength(1);
      expect(sent[1]!.suggestedActions.actions.length).toBeGreaterThan(0);
    });

    it('stays quiet when someone else joins the conversation', async () => {
      const activity = botInstalled({ serviceUrl: h.connector.serviceUrl });
      activity.membersAdded = [{ id: '29:someone-else' }];
      expect(await postActivity(h.baseUrl, activity)).toBe(200);
      expect(h.connector.messages(activity.conversation.id)).toHaveLength(0);
    });
  });

  describe('group chats and channels', () => {
    it.each(['groupChat', 'channel'] as const)('does not answer an unmentioned message in a %s', async (conversationType) => {
      const { conversationId } = await ask('Doit-on informer la personne?', { conversationType });
      expect(h.connector.activities.filter((a) => a.conversationId === conversationId)).toEqual([]);
      expect(knowledge.questions).toEqual([]);
    });

    it.each(['groupChat', 'channel'] as const)('answers when mentioned in a %s, without the mention in the question', async (conversationType) => {
      const body = await reply('Doit-on informer la personne?', { conversationType, mentionBot: true });
      expect(body.text).toContain('[1]');
      expect(knowledge.questions).toEqual(['Doit-on informer la personne?']);
    });

    it('asks without the name of a colleague mentioned as well as the bot', async () => {
      const alsoMention = [{ id: '29:1-fictional-colleague', name: 'Marie Tremblay' }];
      const body = await reply('Doit-on informer la personne?', { conversationType: 'channel', mentionBot: true, alsoMention });
      expect(body.text).toContain('[1]');
      expect(knowledge.questions).toEqual(['Doit-on informer la personne?']);
    });

    it('obeys a command sent with a colleague mentioned as well as the bot', async () => {
      const alsoMention = [{ id: '29:1-fictional-colleague', name: 'Marie Tremblay' }];
      const body = await reply('aide', { conversationType: 'channel', mentionBot: true, alsoMention });
      expect(body.text).toContain('Comment utiliser Balises');
      expect(knowledge.questions).toEqual([]);
    });

    it('reads « @Balises » typed as text in a personal chat as the address it is, not as words of the question', async () => {
      const help = await reply('@Balises aide');
      expect(help.text).toContain('Comment utiliser Balises');
      const body = await reply('@balises, doit-on informer la personne?');
      expect(body.text).toContain('[1]');
      expect(knowledge.questions).toEqual(['doit-on informer la personne?']);
      const alone = await reply('@Balises');
      expect(alone.text).toContain('aucune question');
    });
  });

  describe('bad input', () => {
    it('asks for a question when the message is empty', async () => {
      const body = await reply('');
      expect(body.text).toContain('aucune question');
      expect(knowledge.questions).toEqual([]);
    });

    it('asks for a question when the message is only the mention', async () => {
      const body = await reply('', { conversationType: 'groupChat', mentionBot: true });
      expect(body.text).toContain('aucune question');
    });

    it('asks for words when the message is only emoji', async () => {
      const body = await reply('🤖👍🏽 ?!');
      expect(body.text).toContain('pas de mots');
      expect(knowledge.questions).toEqual([]);
    });

    it('asks for words, in the client’s language, when the message is only emoji drawn from letters (ℹ️, Ⓜ️)', async () => {
      for (const text of ['ℹ️', 'Ⓜ️ ℹ️ ?']) {
        const body = await reply(text, { locale: 'fr-CA' });
        expect(body.text, text).toContain('Je ne trouve pas de mots dans ce message');
      }
      expect(knowledge.questions).toEqual([]);
    });

    it('searches with the first part of a 20 000-character message and says so', async () => {
      const body = await reply(`${'Doit-on informer la personne? '.repeat(700).slice(0, 19_999)}!`);
      expect(knowledge.questions[0]!.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
      expect(body.text).toContain('20\u00a0000 caractères');
      expect(body.text).toContain('[1]');
    });

    it('says attached files are not read when the message only carries a file', async () => {
      const body = await reply('', {
        attachments: [
          {
            contentType: 'application/vnd.microsoft.teams.file.download.info',
            name: 'politique.pdf',
            content: { downloadUrl: 'https://exemple.invalid/f', fileType: 'pdf' },
          },
        ],
      });
      expect(body.text).toContain('fichiers joints');
      expect(body.text).toContain('équipe de gouvernance');
    });

    it('answers in English to empty input from an English client', async () => {
      const body = await reply('   ', { locale: 'en-US' });
      expect(body.text).toContain('no question');
    });
  });

  describe('service URLs', () => {
    it('answers each message at its own service URL, turn after turn (connector clients are kept per service URL)', async () => {
      const other = await new FakeConnector().start();
      try {
        const conversations: Array<[FakeConnector, string]> = [];
        for (const [i, connector] of [h.connector, other, h.connector, other].entries()) {
          const activity = teamsMessage(`Question ${i} sur la clarté`, { serviceUrl: connector.serviceUrl, conversationId: `a:service-url-${i}` });
          expect(await postActivity(h.baseUrl, activity)).toBe(200);
          conversations.push([connector, activity.conversation.id as string]);
        }
        for (const [connector, conversationId] of conversations) {
          const [answer] = await connector.waitForMessages(conversationId, 1);
          expect(answer!.body.text).toContain(CLARITY_QUOTE);
        }
        expect(h.connector.activities.filter((a) => a.body.type === 'message')).toHaveLength(2);
        expect(other.activities.filter((a) => a.body.type === 'message')).toHaveLength(2);
      } finally {
        await other.stop();
      }
    });
  });
});
