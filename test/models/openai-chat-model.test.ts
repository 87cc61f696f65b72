import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelCallError, type ChatRequest } from '../../src/answers/generative.js';
import { createOpenAiChatModel } from '../../src/models/openai-chat-model.js';
import { ChatCompletionsStub } from '../helpers/chat-completions-stub.js';

const request = (): ChatRequest => ({
  messages: [
    { role: 'system', content: 'Passages fictifs.' },
    { role: 'user', content: 'Question fictive?' },
  ],
  maxTokens: 100,
  temperature: 0,
  signal: new AbortController().signal,
});

/** A port where nothing listens: one just freed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('createOpenAiChatModel', () => {
  const stub = new ChatCompletionsStub('sk-fictional');
  beforeAll(async () => {
    await stub.start();
  });
  afterAll(async () => {
    await stub.stop();
  });
  const openAi = (apiKey = 'sk-fictional') => createOpenAiChatModel({ kind: 'openai', baseUrl: `${stub.url}/v1`, apiKey, model: 'modele-fictif', timeoutMs: 1_000 });

  it('returns the text of the first choice, sending the model, the messages and the settings', async () => {
    stub.reply = () => ({ kind: 'text', content: 'Réponse fictive [1].' });
    expect(await openAi().complete(request())).toBe('Réponse fictive [1].');
    expect(stub.received.at(-1)!.body).toMatchObject({ model: 'modele-fictif', max_tokens: 100, temperature: 0, messages: request().messages });
  });

  it('reports a refused key as an HTTP error with its status', async () => {
    await expect(openAi('sk-wrong').complete(request())).rejects.toMatchObject({ reason: 'http_error', status: 401 });
  });

  it('reports an endpoint nobody listens on as a network failure', async () => {
    const port = await closedPort();
    const model = createOpenAiChatModel({ kind: 'openai', baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: 'k', model: 'm', timeoutMs: 1_000 });
    await expect(model.complete(request())).rejects.toEqual(new ModelCallError('network'));
  });

  it('reports a completion without text as an invalid response', async () => {
    stub.reply = () => ({ kind: 'raw', body: JSON.stringify({ choices: [{ message: { role: 'assistant', content: null } }] }), contentType: 'application/json' });
    await expect(openAi().complete(request())).rejects.toMatchObject({ reason: 'invalid_response' });
  });

  it('reports a call aborted by the caller as a timeout', async () => {
    stub.reply = () => ({ kind: 'hang', ms: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(openAi().complete({ ...request(), signal: controller.signal })).rejects.toMatchObject({ reason: 'timeout' });
  });
});
