import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBalises } from '../../src/server/main.js';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { CardConnector } from '../helpers/card-connector.js';

const ADMIN: TeamsUser = { id: '29:admin-move', name: 'Admin Fictive', aadObjectId: '0000000c-0000-4000-8000-0000000004ad' };
const GOVERNANCE = '19:gouvernance-move@thread.tacv2';
const GENERAL = '19:general-move@thread.tacv2';

/**
 * Found in the Playground: with « Gouvernance de l’IA » registered, an admin who typed `inventaire` in « General »
 * was told « Si ce canal est celui de l’équipe de gouvernance, mentionnez-moi avec `gouvernance enregistrer` »;
 * doing so moved the governance channel to « General » without a word, and every declaration to review (names,
 * contacts, answers) went to every member of « General » from then on. The hint now says a governance channel is
 * registered already, and a registration that replaces one says so.
 */
describe('the governance channel, registered once and then asked for elsewhere, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const inChannel = (conversationId: string): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from: ADMIN, conversationId, conversationType: 'channel' });
  const { message: say } = cardConversation(() => running.url, () => connector);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-channel-move-'));
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId! });
  });

  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells an admin how to register a channel while none is registered', async () => {
    const reply = await say('inventaire', inChannel(GENERAL));
    expect(reply.text).toContain('Si ce canal est celui de l’équipe de gouvernance, mentionnez-moi avec `gouvernance enregistrer`');
  });

  it('once a channel is registered, says so in another one instead of inviting to register it too', async () => {
    expect((await say('gouvernance enregistrer', inChannel(GOVERNANCE))).text).toBe(
      'Ce canal est maintenant celui de l’équipe de gouvernance\u00a0: les nouvelles déclarations d’usage de l’IA y seront publiées pour examen.',
    );
    for (const command of ['inventaire', 'audit']) {
      const reply = await say(command, inChannel(GENERAL));
      expect(reply.text, command).not.toContain('Si ce canal est celui de l’équipe de gouvernance');
      expect(reply.text, command).toContain('Le canal de l’équipe de gouvernance est déjà enregistré\u00a0: mentionnez-moi dans celui-là.');
      expect(reply.text, command).toContain('tous les membres de ce canal-ci verraient les déclarations à examiner');
    }
    const english = await say('inventory', inChannel(GENERAL));
    expect(english.text).toContain('The governance team’s channel is registered already: mention me there.');
  });

  it('says that a registration replaces the channel registered before, and not when it is the same one again', async () => {
    const moved = await say('gouvernance enregistrer', inChannel(GENERAL));
    expect(moved.text).toContain('Ce canal est maintenant celui de l’équipe de gouvernance, à la place du canal enregistré auparavant');
    expect(moved.text).toContain('seront publiées ici, et non plus dans l’autre canal.');
    const again = await say('gouvernance enregistrer', inChannel(GENERAL));
    expect(again.text).not.toContain('à la place');
    const english = await say('governance register', inChannel(GOVERNANCE));
    expect(english.text).toContain('This channel is now the governance team’s, instead of the channel registered before');
  });

  it('tells the channel replaced that it no longer gets the declarations to review, and who moved them', async () => {
    // Registered last: GOVERNANCE. A registration in GENERAL (by mistake, say) must not leave its reviewers waiting
    // for cards that now go to every member of GENERAL.
    const before = connector.messages(GOVERNANCE).length;
    await say('gouvernance enregistrer', inChannel(GENERAL));
    const [notice] = (await connector.waitFor((c) => c.method === 'POST' && c.conversationId === GOVERNANCE && c.body.type === 'message', before + 1, 5_000)).slice(before);
    expect(notice!.body.text).toContain(`Ce canal n’est plus celui de l’équipe de gouvernance\u00a0: ${ADMIN.name} a enregistré un autre canal à sa place`);
    expect(notice!.body.text).toContain('mentionnez-moi ici avec `gouvernance enregistrer`');
    // The same channel again tells nobody else.
    await say('gouvernance enregistrer', inChannel(GENERAL));
    expect(connector.messages(GOVERNANCE)).toHaveLength(before + 1);
  });
});
