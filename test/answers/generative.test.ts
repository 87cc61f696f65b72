import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createAnswerGenerator,
  groundReply,
  loadAnswerPrompt,
  ModelCallError,
  PromptError,
  type AnswerPrompt,
  type ChatModel,
  type ChatRequest,
  type QuotedResult,
} from '../../src/answers/generative.js';
import { maskForModel } from '../../src/answers/outbound-mask.js';
import { ANSWER_PROMPT_DIR } from '../../src/server/main.js';
import { answeredResult, charterSource } from '../helpers/answers.js';

const SOURCES = [charterSource(1), charterSource(2), charterSource(3)];
const PROMPT: AnswerPrompt = { template: 'Langue : {{$language}}\n{{$passages}}', maxTokens: 300, temperature: 0 };

describe('groundReply', () => {
  it('keeps each sentence that ends with markers of given passages, markers apart', () => {
    const answer = groundReply('L’organisme informe la personne [1]. Il choisit un système sobre [3].', SOURCES);
    expect(answer.sentences).toEqual([
      { text: 'L’organisme informe la personne.', markers: [1] },
      { text: 'Il choisit un système sobre.', markers: [2] },
    ]);
    expect(answer.sources.map((s) => [s.marker, s.passageId])).toEqual([
      [1, SOURCES[0]!.passageId],
      [2, SOURCES[2]!.passageId],
    ]);
    expect(answer.droppedSentences).toBe(0);
  });

  it('reads markers before or after the full stop, grouped or apart', () => {
    expect(groundReply('Première phrase. [1] Deuxième phrase [1, 2]. Troisième [2][3].', SOURCES).sentences).toEqual([
      { text: 'Première phrase.', markers: [1] },
      { text: 'Deuxième phrase.', markers: [1, 2] },
      { text: 'Troisième.', markers: [2, 3] },
    ]);
  });

  it('drops a sentence before the cited one in the same run, and the sentences after the last markers', () => {
    const answer = groundReply('Une affirmation sans appui. Une autre, citée [2]. Une conclusion libre.', SOURCES);
    expect(answer.sentences).toEqual([{ text: 'Une autre, citée.', markers: [1] }]);
    expect(answer.droppedSentences).toBe(2);
  });

  it('removes markers of passages it was not given, and drops a sentence left with none', () => {
    const answer = groundReply('Citée à moitié [2][8]. Inventée [9].', SOURCES);
    expect(answer.sentences).toEqual([{ text: 'Citée à moitié.', markers: [1] }]);
    expect(answer.sources).toHaveLength(1);
    expect(answer.droppedSentences).toBe(1);
  });

  it('counts a marker inside a sentence with the sentence it belongs to', () => {
    expect(groundReply('Selon la charte [1], l’organisme informe la personne [2].', SOURCES).sentences).toEqual([
      { text: 'Selon la charte, l’organisme informe la personne.', markers: [1, 2] },
    ]);
  });

  it('drops a sentence stating a number its cited passages do not hold', () => {
    const sources = [charterSource(1, { passageText: 'La personne est informée dans les 30 jours, au plus tard le 1er avril.' }), charterSource(2)];
    const answer = groundReply('Elle est informée dans les 30 jours [1]. Une amende de 5 000 $ s’applique [1]. Le délai est de 45 jours [1][2].', sources);
    expect(answer.sentences).toEqual([{ text: 'Elle est informée dans les 30 jours.', markers: [1] }]);
    expect(answer.droppedSentences).toBe(2);
  });

  it('keeps a web or e-mail address only when its cited passage holds it', () => {
    const sources = [charterSource(1, { passageText: 'Le formulaire est en ligne sur https://formulaire.exemple.quebec/ia, et les questions vont à ia@exemple.quebec.' }), charterSource(2)];
    const answer = groundReply(
      'Le formulaire est sur https://formulaire.exemple.quebec/ia [1]. Écrivez à IA@exemple.quebec [1]. Ou sur https://autre.example/ia [1]. Ou à aide@autre.example [1][2]. Voir autre.example/guide [2].',
      sources,
    );
    expect(answer.sentences.map((s) => s.text)).toEqual(['Le formulaire est sur https://formulaire.exemple.quebec/ia.', 'Écrivez à IA@exemple.quebec.']);
    expect(answer.droppedSentences).toBe(3);
  });

  it('takes a number from the cited passage’s section headings, version, date or page', () => {
    expect(groundReply('Le principe 1 de la version 2031, publiée le 14 mars, page 12, demande d’informer la personne [1].', [charterSource(1)]).sentences).toHaveLength(1);
    expect(groundReply('Le principe 2 le demande [1].', [charterSource(1)]).sentences).toHaveLength(0);
  });

  it('takes a cited passage’s page only as a page: a deadline of the same number is dropped', () => {
    const reply = 'Elle est informée dans les 12 jours [1]. Voir la page 12 [1]. Voir les pages 12 à 13 [1]. Voir p. 13 [1]. Voir la page 40 [1].';
    expect(groundReply(reply, [charterSource(1)]).sentences.map((s) => s.text)).toEqual(['Voir la page 12.', 'Voir les pages 12 à 13.', 'Voir p. 13.']);
  });

  it('reads an abbreviation’s full stop as part of its sentence', () => {
    const sources = [charterSource(1, { passageText: 'Selon l’article 12, M. le dirigeant fictif informe la personne, p. ex. par un avis.' })];
    const reply = 'Selon l’art. 12, le dirigeant informe la personne (p. 12) [1]. M. le dirigeant le fait, p. ex. par un avis [1].';
    expect(groundReply(reply, sources).sentences.map((s) => s.text)).toEqual([
      'Selon l’art. 12, le dirigeant informe la personne (p. 12).',
      'M. le dirigeant le fait, p. ex. par un avis.',
    ]);
  });

  it('reads a list or bold text the model wrote anyway as plain sentences', () => {
    expect(groundReply('## Réponse\n- **Informer** la personne [1].\n- Rester sobre [2].\n1. Documenter [3].', SOURCES).sentences).toEqual([
      { text: 'Informer la personne.', markers: [1] },
      { text: 'Rester sobre.', markers: [2] },
      { text: 'Documenter.', markers: [3] },
    ]);
  });

  // Found in the Playground: a model's `[ce formulaire](https://…)`, `<b>` and `![img](…)` were shown as written,
  // with the address made clickable by the client under the « AI generated » label.
  it('keeps a markdown link’s text only and removes HTML tags', () => {
    expect(groundReply('Consultez [la charte](https://exemple.gouv.qc.ca/charte-fictive) pour <b>informer</b> la personne [1]. Voir ![le schéma](https://exemple.gouv.qc.ca/s.png "Schéma") aussi [2].', SOURCES).sentences).toEqual([
      { text: 'Consultez la charte pour informer la personne.', markers: [1] },
      { text: 'Voir le schéma aussi.', markers: [2] },
    ]);
    expect(groundReply('L’organisme informe la personne [1](https://exemple.gouv.qc.ca/charte-fictive).', SOURCES).sentences).toEqual([{ text: 'L’organisme informe la personne.', markers: [1] }]);
  });

  it('drops a sentence giving a web address its cited passages do not hold', () => {
    const sources = [charterSource(1, { passageText: 'Le formulaire est sur www.exemple.gouv.qc.ca/formulaire-fictif, en ligne.', url: null }), charterSource(2, { url: 'https://exemple.gouv.qc.ca/charte-fictive' })];
    const answer = groundReply(
      'Remplissez https://exemple.gouv.qc.ca/formulaire-fictif. [1] Connectez-vous sur https://hameconnage.example/login [1]. La charte est sur https://exemple.gouv.qc.ca/charte-fictive [2]. Écrivez à www.autre.example [2].',
      sources,
    );
    expect(answer.sentences.map((s) => s.text)).toEqual(['Remplissez https://exemple.gouv.qc.ca/formulaire-fictif.', 'La charte est sur https://exemple.gouv.qc.ca/charte-fictive.']);
    expect(answer.droppedSentences).toBe(2);
  });

  it('keeps nothing from a reply without markers, or an empty one', () => {
    expect(groundReply('Oui, sans aucun doute.', SOURCES)).toEqual({ sentences: [], sources: [], droppedSentences: 1 });
    expect(groundReply('', SOURCES)).toEqual({ sentences: [], sources: [], droppedSentences: 0 });
  });
});

describe('createAnswerGenerator', () => {
  const result = answeredResult() as QuotedResult;
  const model = (complete: (request: ChatRequest) => Promise<string>): ChatModel & { requests: ChatRequest[] } => {
    const requests: ChatRequest[] = [];
    return {
      requests,
      complete: (request) => {
        requests.push(request);
        return complete(request);
      },
    };
  };

  it('sends the filled prompt as the system message and the masked question as the user message', async () => {
    const fake = model(async () => 'Réponse [1].');
    const outcome = await createAnswerGenerator({ model: fake, prompt: PROMPT }).generate('Écrivez-moi à marie@exemple.qc.ca : faut-il informer?', result);
    expect(outcome.kind).toBe('generated');
    const [request] = fake.requests;
    expect(request!.messages[0]!.content).toBe(`Langue : français du Québec\n[1] ${result.sources[0]!.title}, version 2031, Charte › Principe 1 — Clarté › Illustration, p. 12\n${result.sources[0]!.passageText}\n\n[2] ${result.sources[1]!.title}, version 2031, Charte › Principe 3 — Sobriété, p. 12\n${result.sources[1]!.passageText}`);
    expect(request!.messages[1]).toEqual({ role: 'user', content: 'Écrivez-moi à [courriel] : faut-il informer?' });
    expect(request).toMatchObject({ maxTokens: 300, temperature: 0 });
  });

  it('copies a passage holding $& or $1 as written', async () => {
    const fake = model(async () => 'Réponse [1].');
    const odd = { ...result, sources: [charterSource(1, { passageText: 'Un montant de 5 $& ou $1 reste tel quel.' })] };
    await createAnswerGenerator({ model: fake, prompt: PROMPT }).generate('Quel montant?', odd);
    expect(fake.requests[0]!.messages[0]!.content).toContain('Un montant de 5 $& ou $1 reste tel quel.');
  });

  it('gives up after its timeout even when the model ignores the abort, and aborts the call', async () => {
    const fake = model(() => new Promise<string>(() => undefined));
    const started = Date.now();
    expect(await createAnswerGenerator({ model: fake, prompt: PROMPT, timeoutMs: 50 }).generate('Question?', result)).toEqual({ kind: 'fallback', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fake.requests[0]!.signal.aborted).toBe(true);
  });

  it('falls back with the reason and status a model call failed with', async () => {
    const failing = model(async () => {
      throw new ModelCallError('http_error', 503);
    });
    expect(await createAnswerGenerator({ model: failing, prompt: PROMPT }).generate('Question?', result)).toEqual({ kind: 'fallback', reason: 'http_error', status: 503 });
  });

  it('falls back as an invalid response when the model throws something else', async () => {
    const broken = model(async () => {
      throw new TypeError('fictional bug');
    });
    expect(await createAnswerGenerator({ model: broken, prompt: PROMPT }).generate('Question?', result)).toEqual({ kind: 'fallback', reason: 'invalid_response' });
  });

  it('falls back when nothing in the reply cites a passage', async () => {
    expect(await createAnswerGenerator({ model: model(async () => 'Sans doute [4].'), prompt: PROMPT }).generate('Question?', result)).toEqual({
      kind: 'fallback',
      reason: 'nothing_cited',
    });
  });
});

describe('loadAnswerPrompt', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'balises-prompt-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const promptDir = (name: string, config: string | null, template: string | null): string => {
    const folder = path.join(dir, name);
    mkdirSync(folder);
    if (config !== null) writeFileSync(path.join(folder, 'config.json'), config);
    if (template !== null) writeFileSync(path.join(folder, 'skprompt.txt'), template);
    return folder;
  };
  const config = JSON.stringify({ schema: 1.1, type: 'completion', completion: { max_tokens: 400, temperature: 0.2 } });

  it('reads the shipped answer prompt', () => {
    expect(loadAnswerPrompt(ANSWER_PROMPT_DIR)).toMatchObject({ maxTokens: 500, temperature: 0 });
  });

  it('reads the completion settings and the template of a prompt folder', () => {
    expect(loadAnswerPrompt(promptDir('ok', config, '{{$language}} {{$passages}}'))).toEqual({ template: '{{$language}} {{$passages}}', maxTokens: 400, temperature: 0.2 });
  });

  it('names a missing file', () => {
    expect(() => loadAnswerPrompt(promptDir('no-template', config, null))).toThrow(/skprompt\.txt cannot be read \(ENOENT\)/);
  });

  it('names a config.json that is not JSON', () => {
    expect(() => loadAnswerPrompt(promptDir('not-json', '{ schema: 1.1', '{{$language}} {{$passages}}'))).toThrow(/config\.json is not JSON/);
  });

  it('names a completion setting out of range', () => {
    const hot = JSON.stringify({ schema: 1.1, type: 'completion', completion: { max_tokens: 400, temperature: 3 } });
    expect(() => loadAnswerPrompt(promptDir('hot', hot, '{{$language}} {{$passages}}'))).toThrow(/completion\.temperature/);
  });

  it('refuses a template that would not show the passages', () => {
    expect(() => loadAnswerPrompt(promptDir('no-passages', config, 'Répondez en {{$language}}.'))).toThrow(PromptError);
  });
});

describe('maskForModel', () => {
  it.each([
    ['courriel : marie.tremblay@exemple.qc.ca', 'courriel : [courriel]'],
    ['au (418) 555-0199 poste 12', 'au [téléphone]'],
    ['mon NAS est 046 454 286', 'mon NAS est [NAS]'],
    ['NAM TREM80010112', 'NAM [RAMQ]'],
    ['j’habite au G1R 4S9, à Québec', 'j’habite au [code postal], à Québec'],
    ['code h2x-1y4', 'code [code postal]'],
    ['carte 4520 1234 5678 9012', 'carte [numéro]'],
    ['référence 8812345', 'référence [numéro]'],
    ['Mme Tremblay, née le 3 mars 1980, peut-elle refuser?', 'Mme [nom], née le [date de naissance], peut-elle refuser?'],
    ['Can a clerk named John Smith (DOB 03/03/1980) see it?', 'Can a clerk named [nom] (DOB [date de naissance]) see it?'],
    ['M. D’Amours-Tremblay et Mme O\'Brien peuvent-ils refuser?', 'M. [nom] et Mme [nom] peuvent-ils refuser?'],
    ['madame julie gagnon peut-elle refuser?', 'madame [nom] peut-elle refuser?'],
  ])('masks %s', (question, masked) => {
    expect(maskForModel(question)).toBe(masked);
  });

  it('leaves the words, numbered parts and dates of a question alone', () => {
    const question = 'Que dit le principe 4 de l’Énoncé de 2024-08-07 sur l’article 12?';
    expect(maskForModel(question)).toBe(question);
  });

  it('leaves the function a civility goes with: « madame la ministre », « monsieur le président »', () => {
    const question = 'Madame la ministre ou monsieur le président doivent-ils approuver le projet?';
    expect(maskForModel(question)).toBe(question);
  });
});
