import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerGenerator, loadAnswerPrompt } from '../../src/answers/generative.js';
import type { AskResult } from '../../src/answers/types.js';
import { createOpenAiChatModel } from '../../src/models/openai-chat-model.js';
import { ANSWER_PROMPT_DIR, start, type RunningBalises } from '../../src/server/main.js';
import { answeredResult, CHARTER, CLARITY_QUOTE, charterSource } from '../helpers/answers.js';
import { ChatCompletionsStub } from '../helpers/chat-completions-stub.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { FakeKnowledge } from '../helpers/fake-knowledge.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { botInstalled, postActivity, teamsMessage } from '../helpers/teams-activity.js';
import { dataDirWith } from '../helpers/ingested-bot.js';

const KEY = 'sk-fictional-key';
const FICTIONAL = path.resolve(import.meta.dirname, '../fixtures/charte-fictive-ia.md');

/** The Message entity of a reply as it reached the connector (citations, AI label). */
function messageEntity(body: Record<string, any>): Record<string, any> | undefined {
  return (body.entities ?? []).find((e: Record<string, any>) => e.type === 'https://schema.org/Message');
}

describe('Generative answers, OpenAI-compatible endpoint', () => {
  let h: Harness;
  const stub = new ChatCompletionsStub(KEY);
  let next: AskResult = answeredResult();
  const knowledge = new FakeKnowledge(() => next, [CHARTER]);

  beforeAll(async () => {
    await stub.start();
    const model = createOpenAiChatModel({ kind: 'openai', baseUrl: `${stub.url}/v1`, apiKey: KEY, model: 'modele-fictif', timeoutMs: 1_000 });
    h = await startHarness(knowledge, null, { generator: createAnswerGenerator({ model, prompt: loadAnswerPrompt(ANSWER_PROMPT_DIR), timeoutMs: 1_000 }) });
  });
  afterAll(async () => {
    await h.stop();
    await stub.stop();
  });
  beforeEach(() => {
    h.connector.reset();
    h.logs.lines.length = 0;
    stub.received.length = 0;
    next = answeredResult();
  });

  /** Sends `text` in a new personal chat and resolves with the one reply. */
  async function ask(text: string, locale = 'fr-CA'): Promise<Record<string, any>> {
    const conversationId = `a:gen-${randomUUID()}`;
    expect(await postActivity(h.baseUrl, teamsMessage(text, { serviceUrl: h.connector.serviceUrl, conversationId, locale }))).toBe(200);
    const [reply] = await h.connector.waitForMessages(conversationId, 1);
    return reply!.body;
  }

  it('answers with the generated sentences, each citing its passage, the AI-generated label and the feedback buttons', async () => {
    stub.reply = () => ({ kind: 'text', content: 'Un organisme doit informer clairement la personne qu’elle échange avec un système automatisé [1]. Les systèmes choisis restent sobres en ressources [2].' });
    const reply = await ask('Doit-on dire aux gens qu’ils parlent à un robot?');
    expect(reply.text).toContain('Un organisme doit informer clairement la personne qu’elle échange avec un système automatisé. [1]');
    expect(reply.text).toContain('Les systèmes choisis restent sobres en ressources. [2]');
    expect(reply.text).toContain('rédigée par une IA');
    expect(reply.text).toContain(CHARTER.title);
    const entity = messageEntity(reply)!;
    expect(entity.additionalType).toEqual(['AIGeneratedContent']);
    expect(entity.citation.map((c: any) => c.position)).toEqual([1, 2]);
    const first = entity.citation[0].appearance;
    expect(first).toMatchObject({ name: CHARTER.title, url: CHARTER.url, encodingFormat: 'application/vnd.microsoft.card.adaptive' });
    expect(first.keywords).toEqual(['Illustration', 'version 2031', 'p. 12–13']);
    // The pop-up's card holds the passage verbatim, with its document, version, section and page.
    const card = JSON.parse(first.text);
    expect(card.body[0].inlines[0].text).toBe(charterSource(1).passageText);
    expect(card.body[1].text).toContain('Principe 1 — Clarté');
    expect(card.body[1].text).toContain('version 2031');
    expect(reply.channelData).toMatchObject({ feedbackLoopEnabled: true });
    // What the model was given: the passages only, numbered, and the answer's language.
    const [request] = stub.received;
    expect(request).toMatchObject({ api: 'openai', key: KEY, body: { model: 'modele-fictif', temperature: 0, max_tokens: 500 } });
    const system = request!.body.messages[0]!.content;
    expect(system).toContain(`[1] ${CHARTER.title}, version 2031`);
    expect(system).toContain(charterSource(2).passageText);
    expect(system).toContain('français du Québec');
    expect(request!.body.messages[1]).toEqual({ role: 'user', content: 'Doit-on dire aux gens qu’ils parlent à un robot?' });
    expect(h.logs.records().find((r) => r.msg === 'generative answer')).toMatchObject({ sentences: 2, droppedSentences: 0 });
  });

  it('drops the sentences that cite no passage and the markers of passages it was not given', async () => {
    stub.reply = () => ({
      kind: 'text',
      content: 'Une règle sans source. Il faut informer la personne [1][7]. Une amende de 500 $ s’applique [9]. Bref, tout va bien.',
    });
    const reply = await ask('Faut-il informer la personne?');
    expect(reply.text).toContain('Il faut informer la personne. [1]');
    for (const invented of ['sans source', 'amende', 'Bref', '[7]', '[9]', '[2]']) expect(reply.text).not.toContain(invented);
    expect(messageEntity(reply)!.citation.map((c: any) => c.position)).toEqual([1]);
    expect(h.logs.records().find((r) => r.msg === 'generative answer')).toMatchObject({ sentences: 1, droppedSentences: 3 });
  });

  it('answers at once, and keeps answering others, when the endpoint sends an enormous reply', async () => {
    stub.reply = () => ({ kind: 'text', content: `Il faut informer la personne [1]. ${'mot [1] '.repeat(60_000)}a.${'a.'.repeat(60_000)}` });
    const started = Date.now();
    const reply = await ask('Faut-il informer la personne?');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(reply.text).toContain('Il faut informer la personne. [1]');
    expect(reply.text).not.toContain('mot mot');
  });

  it('drops a deadline the passage does not state even when it is the number of the passage’s page', async () => {
    stub.reply = () => ({ kind: 'text', content: 'La personne est informée dans les 12 jours [1]. Il faut informer la personne, voir la page 12 [1].' });
    const reply = await ask('Dans quel délai faut-il informer la personne?');
    expect(reply.text).not.toContain('12 jours');
    expect(reply.text).toContain('Il faut informer la personne, voir la page 12. [1]');
  });

  it('shows a sentence holding an abbreviation whole, not its end alone', async () => {
    stub.reply = () => ({ kind: 'text', content: 'Il faut informer la personne (p. 12) [1]. M. le dirigeant fictif ne le fait pas lui-même [2].' });
    const reply = await ask('Qui informe la personne?');
    expect(reply.text).toContain('Il faut informer la personne (p. 12). [1]');
    expect(reply.text).toContain('M. le dirigeant fictif ne le fait pas lui-même. [2]');
    expect(reply.text).not.toMatch(/^12\)/mu);
  });

  it('gives the model a note call of a passage in superscript, so that it cannot read or copy it as passage 1', async () => {
    const answered = answeredResult() as Extract<AskResult, { kind: 'answered' }>;
    const noted = charterSource(2, { passageText: 'Les usagers [1] sont informés clairement [2][3].' });
    next = { ...answered, sources: [answered.sources[0]!, noted] };
    stub.reply = () => ({ kind: 'text', content: 'Les usagers sont informés clairement [2].' });
    await ask('Les usagers sont-ils informés?');
    const system = stub.received[0]!.body.messages[0]!.content;
    expect(system).toContain('Les usagers¹ sont informés clairement²,³.');
    expect(system).not.toContain('usagers [1]');
  });

  it('numbers the cited passages from 1 in the order the answer cites them', async () => {
    stub.reply = () => ({ kind: 'text', content: 'Les systèmes restent sobres [2].' });
    const reply = await ask('Les systèmes doivent-ils être sobres?');
    expect(reply.text).toContain('Les systèmes restent sobres. [1]');
    expect(reply.text).toContain('Principe 3 — Sobriété');
    const [claim] = messageEntity(reply)!.citation;
    expect(JSON.parse(claim.appearance.text).body[0].inlines[0].text).toBe(charterSource(2).passageText);
  });

  it('keeps the uncertain label on a generated answer from the closest passages', async () => {
    const answered = answeredResult() as Extract<AskResult, { kind: 'answered' }>;
    next = { ...answered, kind: 'uncertain' };
    stub.reply = () => ({ kind: 'text', content: 'Le passage le plus proche demande d’informer la personne [1].' });
    const reply = await ask('Faut-il un registre des robots conversationnels?');
    expect(reply.text).toMatch(/^\*\*Réponse incertaine\.\*\*/);
    expect(reply.text).toContain('Le passage le plus proche demande d’informer la personne. [1]');
    expect(reply.text).toContain('reformulez-la');
    expect(messageEntity(reply)!.additionalType).toEqual(['AIGeneratedContent']);
  });

  it('answers an English question in English, the passages staying in French', async () => {
    next = answeredResult('en');
    stub.reply = () => ({ kind: 'text', content: 'A public body must clearly tell people they are dealing with an automated system [1].' });
    const reply = await ask('Must we tell people they are talking to a bot?', 'en-US');
    expect(stub.received[0]!.body.messages[0]!.content).toContain('Write in English');
    expect(reply.text).toContain('According to the indexed documents:');
    expect(reply.text).toContain('A public body must clearly tell people they are dealing with an automated system. [1]');
    expect(reply.text).toContain('original French');
  });

  it('gives the quoted answer in English when the model answers an English question in French, but keeps English naming a French title', async () => {
    next = answeredResult('en');
    stub.reply = () => ({ kind: 'text', content: 'Un organisme doit informer clairement la personne qu’elle échange avec un système automatisé [1].' });
    const fallback = await ask('Must we tell people they are talking to a bot?', 'en-US');
    expect(fallback.text).not.toContain('Un organisme doit informer');
    expect(fallback.text).toContain(`> ${CLARITY_QUOTE} [1]`);
    expect(messageEntity(fallback)!.additionalType).toBeUndefined();
    expect(h.logs.records().find((r) => r.msg === 'generative answer fell back to the extractive answer')).toMatchObject({ reason: 'wrong_language' });
    stub.reply = () => ({ kind: 'text', content: `The ${CHARTER.title} says, under « Principe 1 — Clarté », that the person is told [1].` });
    const kept = await ask('Must we tell people they are talking to a bot?', 'en-US');
    expect(kept.text).toContain(`The ${CHARTER.title} says`);
    expect(messageEntity(kept)!.additionalType).toEqual(['AIGeneratedContent']);
  });

  it('masks the personal information of the question before sending it to the model', async () => {
    stub.reply = () => ({ kind: 'text', content: 'Il faut informer la personne [1].' });
    await ask(
      'Je suis Marie, marie.tremblay@exemple.qc.ca, 418 555-0199, NAS 046 454 286, NAM TREM 8001 0112, code postal G1R 4S9, dossier 2031-00123 : dois-je informer la personne?',
    );
    const sent = stub.received[0]!.body.messages[1]!.content;
    expect(sent).toBe('Je suis Marie, [courriel], [téléphone], NAS [NAS], NAM [RAMQ], code postal [code postal], dossier [numéro] : dois-je informer la personne?');
    expect(h.logs.text()).not.toContain('marie.tremblay');
    expect(h.logs.text()).not.toContain('G1R');
  });

  it('masks a telephone number dialled from abroad and a NAS glued to its word before sending the question', async () => {
    stub.reply = () => ({ kind: 'text', content: 'Il faut informer la personne [1].' });
    await ask('Ma collègue à Paris (+33 1 42 68 53 00, ou 0033 1 42 68 53 01) a le NAS123456789 : dois-je informer la personne?');
    const sent = stub.received[0]!.body.messages[1]!.content;
    expect(sent).toBe('Ma collègue à Paris ([téléphone], ou [téléphone]) a le NAS[NAS] : dois-je informer la personne?');
  });

  it('masks a name typed in lower case after « je m’appelle » or "my name is", and after « Mme. », before sending the question', async () => {
    stub.reply = () => ({ kind: 'text', content: 'Il faut informer la personne [1].' });
    await ask('Bonjour, je m’appelle julie gagnon et ma gestionnaire Mme. Fictive demande : dois-je informer la personne?');
    expect(stub.received[0]!.body.messages[1]!.content).toBe('Bonjour, je m’appelle [nom] et ma gestionnaire Mme. [nom] demande : dois-je informer la personne?');
    expect(h.logs.text()).not.toContain('gagnon');
  });

  describe('falls back to the extractive answer, logging why without the text', () => {
    it.each([
      ['an HTTP 500', { kind: 'status', status: 500 } as const, { reason: 'http_error', status: 500 }],
      ['an HTTP 429', { kind: 'status', status: 429 } as const, { reason: 'http_error', status: 429 }],
      ['a reply later than the timeout', { kind: 'hang', ms: 5_000 } as const, { reason: 'timeout' }],
      ['an HTML page', { kind: 'raw', body: '<html><body>Maintenance</body></html>', contentType: 'text/html' } as const, { reason: 'invalid_response' }],
      ['JSON that is no completion', { kind: 'raw', body: '{"result":"ok"}', contentType: 'application/json' } as const, { reason: 'invalid_response' }],
      ['JSON cut short', { kind: 'raw', body: '{"choices":[{"mess', contentType: 'application/json' } as const, { reason: 'invalid_response' }],
      ['a reply that cites nothing', { kind: 'text', content: 'Je pense que oui, sans doute.' } as const, { reason: 'nothing_cited' }],
      ['a reply in English to a French question', { kind: 'text', content: 'The public body must clearly tell the person that it is a bot [1].' } as const, { reason: 'wrong_language' }],
    ])('on %s', async (_name, stubReply, logged) => {
      stub.reply = () => stubReply;
      const started = Date.now();
      const reply = await ask('Dois-je informer la personne qui échange avec le système?');
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(reply.text).toContain('Voici ce que disent les documents indexés');
      expect(reply.text).toContain(`> ${CLARITY_QUOTE} [1]`);
      expect(reply.text).not.toContain('IA');
      expect(messageEntity(reply)!.additionalType).toBeUndefined();
      expect(messageEntity(reply)!.citation.length).toBe(2);
      expect(stub.received).toHaveLength(1);
      const warning = h.logs.records().find((r) => r.msg === 'generative answer fell back to the extractive answer');
      expect(warning).toMatchObject({ level: 40, ...logged });
      expect(h.logs.text()).not.toContain('informer la personne');
      expect(h.logs.text()).not.toContain('Maintenance');
    });
  });

  it('shows no markdown of the model’s: no link, no bold', async () => {
    stub.reply = () => ({ kind: 'text', content: '**Important** : remplissez [le formulaire](#ancre) pour informer la personne [1].' });
    const reply = await ask('Comment informer la personne?');
    // The link's text only: escaped, `[le formulaire](…)` still showed its address, which the client (the
    // Playground, Teams) makes clickable on its own.
    expect(reply.text).toMatch(/Selon les documents indexés\s:\n\nImportant\s: remplissez le formulaire pour informer la personne\./u);
    expect(reply.text).not.toContain('#ancre');
  });

  it('drops a sentence holding a web or e-mail address its passage does not hold: Teams would show it as a link', async () => {
    stub.reply = () => ({
      kind: 'text',
      content:
        'Déclarez-le sur https://hameconnage.example/formulaire [1]. Écrivez à aide@hameconnage.example [1]. Voir www.hameconnage.example/guide [2]. Consultez formulaire-ia.example/declarer [2]. Il faut informer la personne [1].',
    });
    const reply = await ask('Comment informer la personne?');
    expect(reply.text).not.toContain('hameconnage');
    expect(reply.text).not.toContain('formulaire-ia');
    expect(reply.text).toContain('Il faut informer la personne. [1]');
    expect(h.logs.records().find((r) => r.msg === 'generative answer')).toMatchObject({ sentences: 1, droppedSentences: 4 });
  });

  it('welcomes saying that an AI writes the answers from the cited passages, not that it never paraphrases', async () => {
    const conversationId = `a:gen-${randomUUID()}`;
    expect(await postActivity(h.baseUrl, botInstalled({ serviceUrl: h.connector.serviceUrl, conversationId }))).toBe(200);
    const [welcome] = await h.connector.waitForMessages(conversationId, 1);
    expect(welcome!.body.text).toContain('une IA rédige une réponse courte à partir des seuls passages trouvés');
    expect(welcome!.body.text).not.toContain('je ne reformule pas');
  });

  it('says in `aide` and `help` that an AI writes the answers, as the welcome does', async () => {
    expect((await ask('aide')).text).toContain('Une IA rédige une réponse courte à partir des seuls passages trouvés');
    expect((await ask('help', 'en-US')).text).toContain('An AI writes a short answer from the passages found');
  });

  it('never calls the model when the documents do not cover the question: the plain refusal stays', async () => {
    next = { kind: 'not_covered', language: 'fr', covered: [CHARTER] };
    stub.reply = () => ({ kind: 'text', content: 'Il fera beau demain [1].' });
    const reply = await ask('Quelle est la météo demain à Québec?');
    expect(reply.text).toContain('Les documents indexés ne couvrent pas cette question');
    expect(reply.text).not.toContain('beau');
    expect(stub.received).toHaveLength(0);
  });

  it('never calls the model for a count answered by numbered headings: the headings stay quoted word for word', async () => {
    const heading = (m: number) => `${m}. Principe fictif ${m}`;
    next = {
      kind: 'counted',
      language: 'fr',
      noun: 'principes',
      series: [{ docId: CHARTER.docId, title: CHARTER.title, versionLabel: CHARTER.versionLabel, publishedOn: null, url: CHARTER.url, count: 2, headings: [1, 2].map((m) => ({ number: String(m), heading: heading(m), marker: m })) }],
      sources: [1, 2].map((m) => charterSource(m, { sectionPath: [heading(m)] })),
    };
    stub.reply = () => ({ kind: 'text', content: 'La charte compte une douzaine de principes [1].' });
    const reply = await ask('Combien de principes compte la charte?');
    expect(reply.text).toMatch(/numérote 2 principes\s:/u);
    expect(reply.text).toContain('> 1\\. Principe fictif 1 [1]');
    expect(reply.text).not.toContain('douzaine');
    expect(messageEntity(reply)?.additionalType).toBeUndefined();
    expect(stub.received).toHaveLength(0);
  });
});

describe('Generative answers configured from the environment, Azure OpenAI endpoint', () => {
  const stub = new ChatCompletionsStub('azure-fictional-key');
  const connector = new FakeConnector();
  let dataDir = '';
  let running: RunningBalises;
  // What a shell may hold for other tools: the openai client would read them if Balises let it.
  const otherTools = { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', AZURE_OPENAI_ENDPOINT: 'http://127.0.0.1:9', OPENAI_ORG_ID: 'org-autre-outil' };
  const saved = Object.fromEntries(Object.keys(otherTools).map((k) => [k, process.env[k]]));

  beforeAll(async () => {
    Object.assign(process.env, otherTools);
    await stub.start();
    await connector.start();
    dataDir = await dataDirWith(FICTIONAL, 'balises-generative-');
    running = await start({
      BALISES_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      // A trailing slash, as the Azure portal copies it.
      ANSWER_MODEL_AZURE_ENDPOINT: `${stub.url}/`,
      ANSWER_MODEL_AZURE_API_KEY: 'azure-fictional-key',
      ANSWER_MODEL_AZURE_DEPLOYMENT: 'balises-fictif',
      ANSWER_MODEL_AZURE_API_VERSION: '2024-10-21',
    });
  });
  afterAll(async () => {
    await running?.stop();
    await connector.stop();
    await stub.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  async function ask(text: string): Promise<Record<string, any>> {
    const conversationId = `a:azure-${randomUUID()}`;
    expect(await postActivity(running.url, teamsMessage(text, { serviceUrl: connector.serviceUrl, conversationId }))).toBe(200);
    const [reply] = await connector.waitForMessages(conversationId, 1, 10_000);
    return reply!.body;
  }

  it('calls the deployment with the api-key header and the API version, and answers with the cited passage', async () => {
    stub.reply = () => ({ kind: 'text', content: 'L’organisme informe clairement la personne dès le premier échange [1].' });
    const reply = await ask('Quand l’organisme informe-t-il la personne qu’elle échange avec un système automatisé?');
    expect(stub.received).toHaveLength(1);
    expect(stub.received[0]).toMatchObject({ api: 'azure', deployment: 'balises-fictif', apiVersion: '2024-10-21', key: 'azure-fictional-key' });
    expect(stub.received[0]!.headers['openai-organization']).toBeUndefined();
    expect(stub.received[0]!.body.messages[0]!.content).toContain('dès le premier échange');
    expect(reply.text).toContain('L’organisme informe clairement la personne dès le premier échange. [1]');
    const entity = messageEntity(reply)!;
    expect(entity.additionalType).toEqual(['AIGeneratedContent']);
    expect(JSON.parse(entity.citation[0].appearance.text).body[0].inlines[0].text).toContain('Tout organisme informe clairement la personne');
  });

  it('refuses an off-topic question without calling the model', async () => {
    stub.received.length = 0;
    const reply = await ask('Quelle est la météo demain à Québec?');
    expect(reply.text).toContain('Les documents indexés ne couvrent pas cette question');
    expect(stub.received).toHaveLength(0);
  });
});
