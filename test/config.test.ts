import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('treats an empty PORT as unset and listens on the default port, not on a random one', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3978);
  });

  it('treats empty optional variables as unset', () => {
    const config = loadConfig({
      BALISES_DATA_DIR: '',
      HOST: '',
      LOG_LEVEL: '',
      BOT_ID: '',
      BOT_PASSWORD: '',
      BOT_TENANT_ID: '',
      BOT_TYPE: '',
      AZURE_SEARCH_ENDPOINT: '',
      AZURE_SEARCH_INDEX: '',
      AZURE_SEARCH_API_KEY: '',
    });
    expect(config).toMatchObject({ host: '127.0.0.1', logLevel: 'info', bot: null, search: { kind: 'local' } });
    expect(config.databaseFile.endsWith('.data/balises.db')).toBe(true);
  });

  it('still uses an explicit PORT=0 (any free port)', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });

  it('still refuses a PORT that is not a number', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
  });

  it('still requires BOT_PASSWORD when BOT_ID is set and BOT_PASSWORD is empty', () => {
    expect(() => loadConfig({ BOT_ID: '11111111-2222-3333-4444-555555555555', BOT_PASSWORD: '' })).toThrow(/BOT_PASSWORD/);
  });
});
