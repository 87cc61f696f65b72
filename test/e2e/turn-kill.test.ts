import { describe, expect, it } from 'vitest';
import { userMessage, type TeamsUser } from '../helpers/card-activities.js';
import { restartableServer } from '../helpers/restartable-server.js';
import { killServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { postActivity } from '../helpers/teams-activity.js';

/**
 * The real server process is killed with SIGKILL while it answers a message (its reply held by a slow connector);
 * restarted on the same data folder, it answers Teams' redelivery of that message at once, instead of dropping it as
 * « in progress » under the dead process's two-minute claim, by which time Teams has stopped redelivering.
 */

const PERSON: TeamsUser = { id: '29:personne-tour', name: 'Personne Tour', aadObjectId: '0000000e-0000-4000-8000-0000000000d1' };
const CONVERSATION = 'a:personal-tour-interrompu';

describe('kill -9 in the middle of a turn, then Teams redelivers the message', () => {
  const app = restartableServer({ prefix: 'balises-turn-kill-' });
  const { connector } = app;
  let server: ServerProcess | undefined;

  it('answers the redelivery as soon as the process is restarted', async () => {
    server = await app.start();
    const activity = userMessage('Que demande le principe de transparence?', { serviceUrl: connector.serviceUrl, from: PERSON, conversationId: CONVERSATION });
    const release = connector.hold(CONVERSATION);
    const first = postActivity(server.url, activity).catch(() => 'connection closed');
    await new Promise((resolve) => setTimeout(resolve, 700));
    await killServerProcess(server, 'SIGKILL');
    expect(await first).toBe('connection closed');
    // The connector sees the dead process's connection closed: its reply never completed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    expect(connector.messages(CONVERSATION)).toHaveLength(0);

    server = await app.start();
    expect(await postActivity(server.url, activity)).toBe(200);
    const [reply] = await connector.waitFor((c) => c.conversationId === CONVERSATION && c.body.type === 'message', 1, 5_000);
    expect(reply!.body.text).toMatch(/^Aucun document n’est encore indexé/);
    // Answered once it is: a later redelivery is the duplicate it is.
    expect(await postActivity(server.url, activity)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(connector.messages(CONVERSATION)).toHaveLength(1);
    await killServerProcess(server, 'SIGTERM');
  }, 90_000);
});
