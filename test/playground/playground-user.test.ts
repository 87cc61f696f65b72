import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { PLAYGROUND_CONFIG, withCurrentUser } from '../../scripts/playground.js';
import { ConfigError } from '../../src/config.js';

/**
 * PLAYGROUND_USER: `npm run playground` makes one of the mock people of playground/m365agentsplayground.yml the
 * Playground's current user (and the governance admin), so that a declaration made as Camille can be reviewed by
 * someone else.
 */

const yml = () => parseYaml(readFileSync(PLAYGROUND_CONFIG, 'utf8')) as unknown;
const everyone = (config: { currentUser: { name: string }; users: { name: string }[] }) => [config.currentUser, ...config.users].map((p) => p.name).sort();

describe('the Playground current user (PLAYGROUND_USER)', () => {
  it('is the yml’s own current user, Camille, when unset, blank or naming her, and the yml is used as it is', () => {
    for (const name of [undefined, '', '  ', 'camille', 'Camille']) {
      const { user, changed, config } = withCurrentUser(yml(), name);
      expect(user).toMatchObject({ name: 'Camille Tremblay', aadObjectId: '00000000-0000-4000-8000-000000000020' });
      expect(changed).toBe(false);
      expect(config).toEqual(yml());
    }
  });

  it('is Dominique for « dominique », whatever the case and spaces, with Camille among the other users and every id kept', () => {
    for (const name of ['dominique', 'DOMINIQUE', ' Dominique ']) {
      const { user, changed, config } = withCurrentUser(yml(), name);
      expect(changed).toBe(true);
      expect(user).toMatchObject({ id: 'user-id-1', name: 'Dominique Gagnon', aadObjectId: '00000000-0000-4000-8000-000000000021' });
      expect(config.currentUser).toEqual(user);
      // Same five other people (the Playground's schema), Camille in Dominique's place, with her own ids.
      expect(config.users).toHaveLength(5);
      expect(config.users[0]).toMatchObject({ id: 'user-id-0', name: 'Camille Tremblay', aadObjectId: '00000000-0000-4000-8000-000000000020', email: 'camille.tremblay@exemple.gouv.qc.ca' });
      expect(everyone(config)).toEqual(everyone(yml() as typeof config));
      // The team, channel and chats are the yml's.
      expect(config.team).toEqual((yml() as { team: unknown }).team);
    }
  });

  it('ignores accents: « maelle » and « Maëlle » are Maëlle Lavoie, « Sacha » is Sacha Côté', () => {
    expect(withCurrentUser(yml(), 'maelle').user.name).toBe('Maëlle Lavoie');
    expect(withCurrentUser(yml(), 'MAËLLE').user.name).toBe('Maëlle Lavoie');
    expect(withCurrentUser(yml(), 'sacha').user.name).toBe('Sacha Côté');
  });

  it('refuses an unknown name with a message that lists the valid given names', () => {
    const attempt = () => withCurrentUser(yml(), 'Zoé');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow('PLAYGROUND_USER: « Zoé » is none of the Playground’s people');
    expect(attempt).toThrow('Camille, Dominique, Alexis, Sacha, Noah, Maëlle');
    // A surname or a full name is not a given name.
    expect(() => withCurrentUser(yml(), 'Gagnon')).toThrow(ConfigError);
  });
});
