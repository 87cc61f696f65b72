import type { ConversationOptions, TeamsUser } from './card-activities.js';
import { cardOf } from './card-connector.js';
import { cardConversation } from './card-conversation.js';
import { actionData, asInput, executeActions, inputs, inputValues, type Json } from './card-walk.js';
import { validDraft } from './declarations.js';
import { runningBot } from './running-bot.js';

/**
 * A bot whose governance team is `admins`, and what its review tests drive it with: the card conversation, each
 * person's personal chat (`a:personal-<Entra id>`), the governance channel's thread (`<channel>;messageid=7`), and
 * `submitted(user)`, which registers the channel as `admins[0]` (first call only), declares a valid use case as `user`
 * through the three steps (`/declare`, English, with `english`) and returns the review card the channel got.
 * Call it inside `describe`: runningBot registers its hooks there. `ports`: fixed ports for the bot and its
 * connector (free ones by default).
 */
export function reviewBot(prefix: string, admins: readonly [TeamsUser, ...TeamsUser[]], channel: string, ports?: { bot: number; connector: number }) {
  const portEnv: Record<string, string> = ports ? { PORT: String(ports.bot) } : {};
  const bot = runningBot(prefix, { GOVERNANCE_ADMIN_IDS: admins.map((a) => a.aadObjectId).join(','), ...portEnv }, ports?.connector ?? 0);
  const conversation = cardConversation(() => bot.url, () => bot.connector);
  const { say, message, press } = conversation;
  const personal = (user: TeamsUser) => `a:personal-${user.aadObjectId}`;
  const as = (from: TeamsUser, extra: Partial<ConversationOptions> = {}): ConversationOptions => ({
    serviceUrl: bot.connector.serviceUrl,
    from,
    conversationId: personal(from),
    ...extra,
  });
  const inChannel = (user: TeamsUser, locale = 'fr-CA') =>
    as(user, { conversationId: `${channel};messageid=7`, conversationType: 'channel', replyToId: 'msg-1', locale });
  let registered = false;
  async function submitted(user: TeamsUser, english = false): Promise<Json> {
    if (!registered) {
      await message('gouvernance enregistrer', inChannel(admins[0]));
      registered = true;
    }
    const who = as(user, english ? { locale: 'en-CA' } : {});
    const draft = validDraft();
    let card = await say(english ? '/declare' : '/déclarer', who);
    for (;;) {
      const values = inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      const verb = executeActions(card).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      card = await press(verb, { ...actionData(card, verb), ...values }, who);
      if (verb === 'declaration.submit') break;
    }
    const [posted] = await bot.connector.waitFor((c) => c.conversationId === channel && JSON.stringify(c.body).includes(user.name), 1, 10_000);
    return cardOf(posted!);
  }
  return { bot, ...conversation, personal, as, inChannel, submitted };
}

/**
 * New fictional declarants, one per call (each test declares its own use case): `29:<slug>-NN`, « <name> NN », Entra
 * id `<aadPrefix>NN`, NN counting from 01; `aadPrefix` is a GUID but for its last two hex digits.
 */
export function declarants(slug: string, name: string, aadPrefix: string): () => TeamsUser {
  let next = 0;
  return () => {
    next++;
    const n = String(next).padStart(2, '0');
    return { id: `29:${slug}-${n}`, name: `${name} ${n}`, aadObjectId: `${aadPrefix}${n}` };
  };
}
