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

  it('refuses a BALISES_DATA_DIR starting with ~, which nothing but a shell expands, instead of making a folder named ~', () => {
    for (const dir of ['~/balises-donnees', '~']) {
      expect(() => loadConfig({ BALISES_DATA_DIR: dir }, '/srv/fictif')).toThrow(
        'BALISES_DATA_DIR starts with ~, which is only expanded by a shell: give the full path (e.g. /home/balises/data)',
      );
    }
    expect(loadConfig({ BALISES_DATA_DIR: 'donnees~2' }, '/srv/fictif').dataDir).toBe('/srv/fictif/donnees~2');
  });

  it('still uses an explicit PORT=0 (any free port)', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });

  it('still refuses a PORT that is not a number', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
  });

  it('says what a PORT must be, in words, whatever is wrong with it', () => {
    for (const port of ['abc', '3978abc', '80.5', '-1', '70000']) {
      expect(() => loadConfig({ PORT: port })).toThrow('Invalid configuration:\n  - PORT must be a port number, 0 to 65535');
    }
  });

  it('says which LOG_LEVEL values exist, in words, for a level pino does not have', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(
      'Invalid configuration:\n  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    );
  });

  it('still requires BOT_PASSWORD when BOT_ID is set and BOT_PASSWORD is empty', () => {
    expect(() => loadConfig({ BOT_ID: '11111111-2222-3333-4444-555555555555', BOT_PASSWORD: '' })).toThrow(/BOT_PASSWORD/);
  });
});

describe('loadConfig: Azure AI Search', () => {
  const azure = { AZURE_SEARCH_INDEX: 'balises-fictif', AZURE_SEARCH_API_KEY: 'cle-fictive' };

  it('refuses a plain http endpoint off the loopback interface, saying it must be https', () => {
    expect(() => loadConfig({ ...azure, AZURE_SEARCH_ENDPOINT: 'http://recherche-fictive.search.windows.net' })).toThrow(
      'AZURE_SEARCH_ENDPOINT must be https, such as https://<service>.search.windows.net (plain http only on 127.0.0.1 or localhost)',
    );
  });

  it('says an index name is 2 to 128 characters, since a one-letter name is made of the allowed letters', () => {
    for (const name of ['i', 'Balises', '-balises']) {
      expect(() => loadConfig({ ...azure, AZURE_SEARCH_ENDPOINT: 'https://recherche-fictive.search.windows.net', AZURE_SEARCH_INDEX: name })).toThrow(
        'AZURE_SEARCH_INDEX must be 2 to 128 lower-case letters, digits and dashes, starting with a letter or digit',
      );
    }
  });

  it('accepts https anywhere and plain http on the loopback interface only, for a local stand-in', () => {
    expect(loadConfig({ ...azure, AZURE_SEARCH_ENDPOINT: 'https://recherche-fictive.search.windows.net' }).search).toMatchObject({ kind: 'azure', allowInsecureConnection: false });
    expect(loadConfig({ ...azure, AZURE_SEARCH_ENDPOINT: 'http://127.0.0.1:8443' }).search).toMatchObject({ kind: 'azure', allowInsecureConnection: true });
  });
});

describe('loadConfig: inventory', () => {
  it('stores the inventory in the knowledge base file when INVENTORY_DATABASE_URL is unset or empty', () => {
    expect(loadConfig({}).inventory).toEqual({ kind: 'sqlite' });
    expect(loadConfig({ INVENTORY_DATABASE_URL: '' }).inventory).toEqual({ kind: 'sqlite' });
  });

  it('uses PostgreSQL when INVENTORY_DATABASE_URL is a postgres:// or postgresql:// URL', () => {
    expect(loadConfig({ INVENTORY_DATABASE_URL: 'postgres://balises:pw@db.internal:5432/balises' }).inventory).toEqual({
      kind: 'postgres',
      url: 'postgres://balises:pw@db.internal:5432/balises',
    });
    expect(loadConfig({ INVENTORY_DATABASE_URL: 'postgresql://db/balises' }).inventory).toMatchObject({ kind: 'postgres' });
  });

  it('refuses an INVENTORY_DATABASE_URL that is not a PostgreSQL URL, naming the variable', () => {
    expect(() => loadConfig({ INVENTORY_DATABASE_URL: 'mysql://db/balises' })).toThrow(/INVENTORY_DATABASE_URL must be a PostgreSQL URL/);
    expect(() => loadConfig({ INVENTORY_DATABASE_URL: '/var/lib/balises.db' })).toThrow(ConfigError);
  });

  it('reads GOVERNANCE_ADMIN_IDS as trimmed, lower-case, distinct Entra object ids', () => {
    const config = loadConfig({
      GOVERNANCE_ADMIN_IDS: ' 11111111-2222-3333-4444-555555555555 ,AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE,,aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee ',
    });
    expect(config.governanceAdminIds).toEqual(['11111111-2222-3333-4444-555555555555', 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee']);
  });

  it('has no governance admins when GOVERNANCE_ADMIN_IDS is unset or empty', () => {
    expect(loadConfig({}).governanceAdminIds).toEqual([]);
    expect(loadConfig({ GOVERNANCE_ADMIN_IDS: '' }).governanceAdminIds).toEqual([]);
  });

  it('refuses a GOVERNANCE_ADMIN_IDS entry that is not a GUID, quoting it', () => {
    expect(() => loadConfig({ GOVERNANCE_ADMIN_IDS: '11111111-2222-3333-4444-555555555555, alice@example.org' })).toThrow(
      /GOVERNANCE_ADMIN_IDS must .*"alice@example.org" is not one/,
    );
  });

  it('reads ORGANISME_PUBLIC as the default public body, trimmed, null when unset or empty', () => {
    expect(loadConfig({ ORGANISME_PUBLIC: '  Ministère de la Cybersécurité et du Numérique ' }).organismePublic).toBe(
      'Ministère de la Cybersécurité et du Numérique',
    );
    expect(loadConfig({}).organismePublic).toBeNull();
    expect(loadConfig({ ORGANISME_PUBLIC: '' }).organismePublic).toBeNull();
  });

  it('lists every bad inventory variable at once', () => {
    try {
      loadConfig({ INVENTORY_DATABASE_URL: 'sqlite://x', GOVERNANCE_ADMIN_IDS: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^INVENTORY_DATABASE_URL must /),
        expect.stringMatching(/^GOVERNANCE_ADMIN_IDS must /),
      ]);
    }
  });
});

describe('loadConfig: feedback', () => {
  it('keeps no question and a year of feedback by default', () => {
    expect(loadConfig({ FEEDBACK_KEEP_QUESTIONS: '', FEEDBACK_RETENTION_DAYS: '' }).feedback).toEqual({ keepQuestions: false, retentionDays: 365 });
  });

  it('keeps questions and another retention when configured', () => {
    expect(loadConfig({ FEEDBACK_KEEP_QUESTIONS: 'true', FEEDBACK_RETENTION_DAYS: '90' }).feedback).toEqual({ keepQuestions: true, retentionDays: 90 });
  });

  it.each([
    [{ FEEDBACK_KEEP_QUESTIONS: 'oui' }, /FEEDBACK_KEEP_QUESTIONS must be true or false/],
    [{ FEEDBACK_RETENTION_DAYS: '0' }, /FEEDBACK_RETENTION_DAYS must be at least 1/],
    [{ FEEDBACK_RETENTION_DAYS: '1.5' }, /FEEDBACK_RETENTION_DAYS must be a whole number of days/],
    [{ FEEDBACK_RETENTION_DAYS: 'un an' }, /FEEDBACK_RETENTION_DAYS must be a whole number of days/],
  ])('refuses %o, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('limits each person to a burst of 10 messages refilled at 20 a minute by default, or as configured', () => {
    expect(loadConfig({}).rateLimit).toEqual({ burst: 10, perMinute: 20 });
    expect(loadConfig({ RATE_LIMIT_BURST: '30', RATE_LIMIT_PER_MINUTE: '60' }).rateLimit).toEqual({ burst: 30, perMinute: 60 });
  });

  it.each([
    [{ RATE_LIMIT_BURST: '0' }, /RATE_LIMIT_BURST must be at least 1/],
    [{ RATE_LIMIT_BURST: 'beaucoup' }, /RATE_LIMIT_BURST must be a whole number of messages/],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, /RATE_LIMIT_PER_MINUTE must be above 0/],
  ])('refuses the rate limit %o, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('loadConfig: downloads', () => {
  it('refuses internal addresses by default, and allows them with DOWNLOADS_ALLOW_PRIVATE_ADDRESSES=true', () => {
    expect(loadConfig({}).downloads).toEqual({ allowPrivateAddresses: false });
    expect(loadConfig({ DOWNLOADS_ALLOW_PRIVATE_ADDRESSES: '' }).downloads).toEqual({ allowPrivateAddresses: false });
    expect(loadConfig({ DOWNLOADS_ALLOW_PRIVATE_ADDRESSES: 'true' }).downloads).toEqual({ allowPrivateAddresses: true });
  });

  it('refuses a DOWNLOADS_ALLOW_PRIVATE_ADDRESSES that is not true or false, naming the variable', () => {
    expect(() => loadConfig({ DOWNLOADS_ALLOW_PRIVATE_ADDRESSES: 'oui' })).toThrow(/DOWNLOADS_ALLOW_PRIVATE_ADDRESSES must be true or false/);
  });
});

describe('loadConfig: generative answers', () => {
  const azure = {
    ANSWER_MODEL_AZURE_ENDPOINT: 'https://ressource-fictive.openai.azure.com',
    ANSWER_MODEL_AZURE_API_KEY: 'cle-fictive',
    ANSWER_MODEL_AZURE_DEPLOYMENT: 'balises-fictif',
  };
  const openAi = { ANSWER_MODEL_OPENAI_API_KEY: 'sk-fictive', ANSWER_MODEL_OPENAI_MODEL: 'modele-fictif' };
  const problems = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env);
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
    return [];
  };

  it('answers extractively only when no model variable is set, or all are empty', () => {
    expect(loadConfig({}).answerModel).toBeNull();
    expect(loadConfig({ ...Object.fromEntries(Object.keys({ ...azure, ...openAi, ANSWER_MODEL_OPENAI_BASE_URL: '' }).map((k) => [k, ''])) }).answerModel).toBeNull();
  });

  it('uses Azure OpenAI with the default API version and an 8-second timeout', () => {
    expect(loadConfig(azure).answerModel).toEqual({
      kind: 'azure',
      endpoint: 'https://ressource-fictive.openai.azure.com',
      apiKey: 'cle-fictive',
      deployment: 'balises-fictif',
      apiVersion: '2024-10-21',
      timeoutMs: 8_000,
    });
    expect(loadConfig({ ...azure, ANSWER_MODEL_AZURE_API_VERSION: '2025-01-01-preview', ANSWER_MODEL_TIMEOUT_SECONDS: '5' }).answerModel).toMatchObject({
      apiVersion: '2025-01-01-preview',
      timeoutMs: 5_000,
    });
  });

  it('uses an OpenAI-compatible API, OpenAI itself when ANSWER_MODEL_OPENAI_BASE_URL is unset', () => {
    expect(loadConfig(openAi).answerModel).toEqual({ kind: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-fictive', model: 'modele-fictif', timeoutMs: 8_000 });
    expect(loadConfig({ ...openAi, ANSWER_MODEL_OPENAI_BASE_URL: 'https://llm.exemple.qc.ca/v1' }).answerModel).toMatchObject({ baseUrl: 'https://llm.exemple.qc.ca/v1' });
  });

  it('names every missing Azure OpenAI variable when one is set', () => {
    expect(problems({ ANSWER_MODEL_AZURE_ENDPOINT: azure.ANSWER_MODEL_AZURE_ENDPOINT })).toEqual([
      'ANSWER_MODEL_AZURE_API_KEY is required when any ANSWER_MODEL_AZURE_* variable is set (generative answers)',
      'ANSWER_MODEL_AZURE_DEPLOYMENT is required when any ANSWER_MODEL_AZURE_* variable is set (generative answers)',
    ]);
  });

  it('names the missing OpenAI variables when only the base URL is set', () => {
    expect(problems({ ANSWER_MODEL_OPENAI_BASE_URL: 'https://llm.exemple.qc.ca/v1' })).toEqual([
      'ANSWER_MODEL_OPENAI_API_KEY is required when any ANSWER_MODEL_OPENAI_* variable is set (generative answers)',
      'ANSWER_MODEL_OPENAI_MODEL is required when any ANSWER_MODEL_OPENAI_* variable is set (generative answers)',
    ]);
  });

  it('refuses both kinds of endpoint at once', () => {
    expect(problems({ ...azure, ...openAi })).toEqual([
      'ANSWER_MODEL_OPENAI_API_KEY: set either the ANSWER_MODEL_AZURE_* variables (Azure OpenAI) or the ANSWER_MODEL_OPENAI_* ones (an OpenAI-compatible API), not both',
    ]);
  });

  it('refuses a plain http endpoint off the loopback interface, since the key travels with every request', () => {
    expect(problems({ ...azure, ANSWER_MODEL_AZURE_ENDPOINT: 'http://ressource-fictive.openai.azure.com' })).toEqual([
      'ANSWER_MODEL_AZURE_ENDPOINT must be https (plain http only on 127.0.0.1 or localhost)',
    ]);
    expect(problems({ ...openAi, ANSWER_MODEL_OPENAI_BASE_URL: 'http://llm.exemple.qc.ca/v1' })).toEqual([
      'ANSWER_MODEL_OPENAI_BASE_URL must be https (plain http only on 127.0.0.1 or localhost)',
    ]);
    expect(loadConfig({ ...openAi, ANSWER_MODEL_OPENAI_BASE_URL: 'http://127.0.0.1:4242/v1' }).answerModel).toMatchObject({ baseUrl: 'http://127.0.0.1:4242/v1' });
  });

  it('refuses an endpoint that is no URL, a bad deployment name and a bad API version, naming each', () => {
    expect(problems({ ...azure, ANSWER_MODEL_AZURE_ENDPOINT: 'ressource-fictive', ANSWER_MODEL_AZURE_DEPLOYMENT: 'mon déploiement', ANSWER_MODEL_AZURE_API_VERSION: 'latest' })).toEqual([
      'ANSWER_MODEL_AZURE_ENDPOINT must be a URL such as https://<resource>.openai.azure.com',
      'ANSWER_MODEL_AZURE_DEPLOYMENT must be a deployment name: letters, digits, dots, dashes and underscores',
      'ANSWER_MODEL_AZURE_API_VERSION must be an Azure OpenAI API version such as 2024-10-21',
    ]);
  });

  it('refuses a timeout Teams would not wait for, or that is no number', () => {
    expect(problems({ ...azure, ANSWER_MODEL_TIMEOUT_SECONDS: '20' })).toEqual([
      'ANSWER_MODEL_TIMEOUT_SECONDS must be at most 12 (Teams sends a message again after about 15 s without an answer)',
    ]);
    expect(problems({ ...azure, ANSWER_MODEL_TIMEOUT_SECONDS: 'vite' })).toEqual(['ANSWER_MODEL_TIMEOUT_SECONDS must be a number of seconds']);
    expect(problems({ ...azure, ANSWER_MODEL_TIMEOUT_SECONDS: '0' })).toEqual(['ANSWER_MODEL_TIMEOUT_SECONDS must be at least 1']);
  });
});

describe('loadConfig: generative answers stay off for other tools’ variables', () => {
  it('ignores OPENAI_API_KEY, OPENAI_MODEL and AZURE_OPENAI_* a shell holds for other tools', () => {
    const config = loadConfig({
      OPENAI_API_KEY: 'sk-autre-outil',
      OPENAI_MODEL: 'modele-autre-outil',
      OPENAI_BASE_URL: 'https://autre-outil.exemple/v1',
      AZURE_OPENAI_ENDPOINT: 'https://autre-outil.openai.azure.com',
      AZURE_OPENAI_API_KEY: 'cle-autre-outil',
    });
    expect(config.answerModel).toBeNull();
  });
});
