import { APIConnectionTimeoutError, APIError, APIUserAbortError, AzureOpenAI, OpenAI } from 'openai';
import { z } from 'zod';
import { ModelCallError, type ChatModel } from '../answers/generative.js';
import type { AnswerModelConfig } from '../config.js';

/** The part of a chat-completions reply Balises reads: the first choice's text. */
const Completion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().min(1) }) })).min(1),
});

/**
 * A {@link ChatModel} over the chat-completions API, with the `openai` client (the one teams-ai's OpenAIModel wraps):
 * Azure OpenAI (`POST {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=…`, key in the
 * `api-key` header) or an OpenAI-compatible API (`POST {baseUrl}/chat/completions`, key as a bearer token).
 * No retry (the caller's timeout is shorter than a retry would need) and the client's own timeout is the
 * configured one. teams-ai's OpenAIModel is not used: it refuses an Azure endpoint in plain http even on the
 * loopback interface (so no local stand-in can test it), prints failed calls to the console outside the logger,
 * and renders prompts from a TurnContext, which the answers use case does not have.
 * @throws ModelCallError: `http_error` (with the status) when the endpoint answers an error, `timeout`, `network`
 *   when it cannot be reached, `invalid_response` when the reply is not a chat completion with text
 */
export function createOpenAiChatModel(config: AnswerModelConfig): ChatModel {
  const common = { apiKey: config.apiKey, timeout: config.timeoutMs, maxRetries: 0, organization: null, project: null };
  // Every option is given, so that the client reads none of the environment variables it falls back on
  // (OPENAI_BASE_URL, AZURE_OPENAI_ENDPOINT, OPENAI_ORG_ID, OPENAI_PROJECT_ID…), which other tools set.
  const client =
    config.kind === 'azure'
      ? new AzureOpenAI({ ...common, baseURL: `${config.endpoint.replace(/\/+$/, '')}/openai`, deployment: config.deployment, apiVersion: config.apiVersion })
      : new OpenAI({ ...common, baseURL: config.baseUrl });
  const model = config.kind === 'azure' ? config.deployment : config.model;
  return {
    async complete({ messages, maxTokens, temperature, signal }) {
      let reply: unknown;
      try {
        reply = await client.chat.completions.create({ model, messages, max_tokens: maxTokens, temperature }, { signal });
      } catch (err) {
        if (err instanceof APIConnectionTimeoutError || err instanceof APIUserAbortError) throw new ModelCallError('timeout');
        if (err instanceof APIError && err.status !== undefined) throw new ModelCallError('http_error', err.status);
        if (err instanceof APIError) throw new ModelCallError('network');
        // A body announced as JSON that does not parse.
        throw new ModelCallError('invalid_response');
      }
      const parsed = Completion.safeParse(reply);
      if (!parsed.success) throw new ModelCallError('invalid_response');
      return parsed.data.choices[0]!.message.content;
    },
  };
}
