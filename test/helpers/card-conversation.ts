import { expect } from 'vitest';
import { cardAction, invoke, userMessage, type ConversationOptions } from './card-activities.js';
import type { CardConnector } from './card-connector.js';
import { actionData, asInput, inputs, inputValues, type Json } from './card-walk.js';
import { validDraft } from './declarations.js';

/** The content type of an Adaptive Card in a reply or an invoke response. */
export const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * A user's side of a card conversation with a running bot: `message` posts a message and returns the reply the
 * connector receives (the activity's body); `say` does the same and returns that reply's card; `press` posts a card
 * action (Universal Actions) and returns the card of the invoke response. All assert HTTP 200. The bot's URL and
 * connector are read at each call (tests start them in beforeAll).
 */
export function cardConversation(baseUrl: () => string, connector: () => CardConnector) {
  async function message(text: string, options: ConversationOptions, activity: Json = {}): Promise<Json> {
    const before = connector().messages(options.conversationId).length;
    const res = await fetch(`${baseUrl()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...userMessage(text, options), ...activity }),
    });
    expect(res.status).toBe(200);
    await connector().waitFor((c) => c.method === 'POST' && c.conversationId === options.conversationId && c.body.type === 'message', before + 1);
    return connector().messages(options.conversationId)[before]!.body as Json;
  }
  return {
    message,
    async say(text: string, options: ConversationOptions, activity: Json = {}): Promise<Json> {
      return (await message(text, options, activity)).attachments[0].content as Json;
    },
    async press(verb: string, data: Json, options: ConversationOptions): Promise<Json> {
      const res = await invoke(baseUrl(), cardAction(verb, data, options));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
      return res.body.value;
    },
  };
}

/**
 * Starts a declaration as `user` (`/déclarer`) and saves its first step, filled from validDraft() named `name`, with
 * « Suivant »: an edited draft, listed in « mes déclarations ». Returns the declaration's id.
 */
export async function savedFirstStep(conversation: ReturnType<typeof cardConversation>, user: ConversationOptions, name: string): Promise<string> {
  const first = await conversation.say('/déclarer', user);
  const draft = { ...validDraft(), name };
  const values = inputValues(first, Object.fromEntries(inputs(first).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
  await conversation.press('declaration.next', { ...actionData(first, 'declaration.next'), ...values }, user);
  return actionData(first).declarationId as string;
}
