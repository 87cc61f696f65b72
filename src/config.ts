import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { GENERATION_TIMEOUT_MS } from './answers/generative.js';
import { userIdKey } from './inventory/identity.js';
import { DEFAULT_LEASE_MS } from './inventory/outbox.js';

/**
 * An optional variable set to the empty string (`PORT=` in a .env file or a deployment template) counts as unset,
 * so it gets its default instead of an odd value: `Number('')` is 0, which would listen on a random port.
 */
function unsetWhenEmpty<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema);
}

/**
 * Messages one person may send the bot by default: ten at once, then one every three seconds; far above a person
 * typing questions, far below a script.
 */
export const DEFAULT_RATE_LIMIT = { burst: 10, perMinute: 20 } as const;

/**
 * An Azure AI Search endpoint that may be plain http: only a local stand-in on the loopback interface (tests, a
 * local emulator); the real service is https, and the SDK refuses http elsewhere.
 */
const LOCAL_HTTP_ENDPOINT = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/;

/** Azure OpenAI's generally available API version in use when ANSWER_MODEL_AZURE_API_VERSION is unset. */
export const DEFAULT_AZURE_OPENAI_API_VERSION = '2024-10-21';
/** Where an OpenAI-compatible API is reached when ANSWER_MODEL_OPENAI_BASE_URL is unset: OpenAI's own. */
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** A Microsoft Entra object id: a GUID, hyphenated, any case. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Balises configuration, read once from the environment at start-up (server and CLI alike).
 * Nothing else reads `process.env`: modules receive the parts of `AppConfig` they need.
 */
const EnvSchema = z
  .object({
    BALISES_DATA_DIR: unsetWhenEmpty(
      z
        .string()
        .min(1)
        // Only a shell expands `~`: from a .env file or a service definition it would make a folder named `~` in the
        // current directory, where the next command run from elsewhere finds no database.
        .refine((dir) => !/^~(?:[\\/]|$)/.test(dir), 'BALISES_DATA_DIR starts with ~, which is only expanded by a shell: give the full path (e.g. /home/balises/data)')
        .optional(),
    ),
    PORT: unsetWhenEmpty(
      z.coerce
        .number({ invalid_type_error: 'PORT must be a port number, 0 to 65535' })
        .int('PORT must be a port number, 0 to 65535')
        .min(0, 'PORT must be a port number, 0 to 65535')
        .max(65535, 'PORT must be a port number, 0 to 65535')
        .default(3978),
    ),
    HOST: unsetWhenEmpty(z.string().min(1).optional()),
    LOG_LEVEL: unsetWhenEmpty(
      z
        .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
          errorMap: () => ({ message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' }),
        })
        .default('info'),
    ),
    BOT_ID: unsetWhenEmpty(z.string().uuid('BOT_ID must be the bot\'s Microsoft Entra app id (a GUID)').optional()),
    BOT_PASSWORD: unsetWhenEmpty(z.string().min(1, 'BOT_PASSWORD must not be empty').optional()),
    BOT_TENANT_ID: unsetWhenEmpty(z.string().min(1).optional()),
    BOT_TYPE: unsetWhenEmpty(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
    AZURE_SEARCH_ENDPOINT: unsetWhenEmpty(
      z.string().url('AZURE_SEARCH_ENDPOINT must be a URL such as https://<service>.search.windows.net').optional(),
    ),
    AZURE_SEARCH_INDEX: unsetWhenEmpty(
      z
        .string()
        // Azure AI Search's own naming rule: 2 to 128 characters, so a one-letter name is refused by length, which
        // the message must say, since « i » is made of lower-case letters.
        .regex(
          /^[a-z0-9][a-z0-9-]{1,127}$/,
          'AZURE_SEARCH_INDEX must be 2 to 128 lower-case letters, digits and dashes, starting with a letter or digit',
        )
        .optional(),
    ),
    AZURE_SEARCH_API_KEY: unsetWhenEmpty(z.string().min(1, 'AZURE_SEARCH_API_KEY must not be empty').optional()),
    INVENTORY_DATABASE_URL: unsetWhenEmpty(
      z
        .string()
        .regex(/^postgres(ql)?:\/\/\S+$/, 'INVENTORY_DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/balises')
        .optional(),
    ),
    GOVERNANCE_ADMIN_IDS: unsetWhenEmpty(
      z
        .string()
        .transform((list) => list.split(',').map((id) => id.trim()).filter((id) => id !== ''))
        .superRefine((ids, ctx) => {
          for (const id of ids) {
            if (!GUID.test(id)) {
              ctx.addIssue({
                code: z.ZodIssueCode.custom,
                message: `GOVERNANCE_ADMIN_IDS must be Microsoft Entra object ids (GUIDs) separated by commas; "${id}" is not one`,
              });
            }
          }
        })
        .optional(),
    ),
    FEEDBACK_KEEP_QUESTIONS: unsetWhenEmpty(
      z
        .enum(['true', 'false', '1', '0'], { errorMap: () => ({ message: 'FEEDBACK_KEEP_QUESTIONS must be true or false' }) })
        .default('false')
        .transform((v) => v === 'true' || v === '1'),
    ),
    FEEDBACK_RETENTION_DAYS: unsetWhenEmpty(
      z.coerce
        .number({ invalid_type_error: 'FEEDBACK_RETENTION_DAYS must be a whole number of days' })
        .int('FEEDBACK_RETENTION_DAYS must be a whole number of days')
        .min(1, 'FEEDBACK_RETENTION_DAYS must be at least 1')
        .max(3650, 'FEEDBACK_RETENTION_DAYS must be at most 3650 (ten years)')
        .default(365),
    ),
    RATE_LIMIT_BURST: unsetWhenEmpty(
      z.coerce
        .number({ invalid_type_error: 'RATE_LIMIT_BURST must be a whole number of messages' })
        .int('RATE_LIMIT_BURST must be a whole number of messages')
        .min(1, 'RATE_LIMIT_BURST must be at least 1')
        .default(DEFAULT_RATE_LIMIT.burst),
    ),
    RATE_LIMIT_PER_MINUTE: unsetWhenEmpty(
      z.coerce
        .number({ invalid_type_error: 'RATE_LIMIT_PER_MINUTE must be a number of messages per minute' })
        .positive('RATE_LIMIT_PER_MINUTE must be above 0')
        .default(DEFAULT_RATE_LIMIT.perMinute),
    ),
    OUTBOX_LEASE_SECONDS: unsetWhenEmpty(
      z.coerce
        .number({ invalid_type_error: 'OUTBOX_LEASE_SECONDS must be a whole number of seconds' })
        .int('OUTBOX_LEASE_SECONDS must be a whole number of seconds')
        .min(1, 'OUTBOX_LEASE_SECONDS must be at least 1')
        .max(3600, 'OUTBOX_LEASE_SECONDS must be at most 3600')
        .default(DEFAULT_LEASE_MS / 1000),
    ),
    SOURCES_DAILY_SYNC: unsetWhenEmpty(
      z
        .enum(['true', 'false', '1', '0'], { errorMap: () => ({ message: 'SOURCES_DAILY_SYNC must be true or false' }) })
        .default('false')
        .transform((v) => v === 'true' || v === '1'),
    ),
    DOWNLOADS_ALLOW_PRIVATE_ADDRESSES: unsetWhenEmpty(
      z
        .enum(['true', 'false', '1', '0'], { errorMap: () => ({ message: 'DOWNLOADS_ALLOW_PRIVATE_ADDRESSES must be true or false' }) })
        .default('false')
        .transform((v) => v === 'true' || v === '1'),
    ),
    ANSWER_MODEL_AZURE_ENDPOINT: unsetWhenEmpty(
      z.string().url('ANSWER_MODEL_AZURE_ENDPOINT must be a URL such as https://<resource>.openai.azure.com').optional(),
    ),
    ANSWER_MODEL_AZURE_API_KEY: unsetWhenEmpty(z.string().min(1).optional()),
    ANSWER_MODEL_AZURE_DEPLOYMENT: unsetWhenEmpty(
      z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'ANSWER_MODEL_AZURE_DEPLOYMENT must be a deployment name: letters, digits, dots, dashes and underscores')
        .optional(),
    ),
    ANSWER_MODEL_AZURE_API_VERSION: unsetWhenEmpty(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'ANSWER_MODEL_AZURE_API_VERSION must be an Azure OpenAI API version such as 2024-10-21')
        .default(DEFAULT_AZURE_OPENAI_API_VERSION),
    ),
    ANSWER_MODEL_OPENAI_BASE_URL: unsetWhenEmpty(
      z.string().url('ANSWER_MODEL_OPENAI_BASE_URL must be the URL of an OpenAI-compatible API, such as https://api.openai.com/v1').optional(),
    ),
    ANSWER_MODEL_OPENAI_API_KEY: unsetWhenEmpty(z.string().min(1).optional()),
    ANSWER_MODEL_OPENAI_MODEL: unsetWhenEmpty(z.string().min(1).max(200, 'ANSWER_MODEL_OPENAI_MODEL must be at most 200 characters').optional()),
    ANSWER_MODEL_TIMEOUT_SECONDS: unsetWhenEmpty(
      z.coerce
        .number({ invalid_type_error: 'ANSWER_MODEL_TIMEOUT_SECONDS must be a number of seconds' })
        .min(1, 'ANSWER_MODEL_TIMEOUT_SECONDS must be at least 1')
        // Teams redelivers a message left unanswered for about 15 s, and retrieval comes before the model.
        .max(12, 'ANSWER_MODEL_TIMEOUT_SECONDS must be at most 12 (Teams sends a message again after about 15 s without an answer)')
        .default(GENERATION_TIMEOUT_MS / 1000),
    ),
    ORGANISME_PUBLIC: unsetWhenEmpty(z.string().trim().min(1, 'ORGANISME_PUBLIC must not be blank').max(200, 'ORGANISME_PUBLIC must be at most 200 characters').optional()),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_ID && !env.BOT_PASSWORD && env.BOT_TYPE !== 'UserAssignedMSI') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['BOT_PASSWORD'], message: 'BOT_PASSWORD is required when BOT_ID is set' });
    }
    if (!env.BOT_ID && (env.BOT_PASSWORD || env.BOT_TENANT_ID)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['BOT_ID'], message: 'BOT_ID is required when BOT_PASSWORD or BOT_TENANT_ID is set' });
    }
    const azure = [env.AZURE_SEARCH_ENDPOINT, env.AZURE_SEARCH_INDEX, env.AZURE_SEARCH_API_KEY];
    if (azure.some(Boolean) && !azure.every(Boolean)) {
      for (const name of ['AZURE_SEARCH_ENDPOINT', 'AZURE_SEARCH_INDEX', 'AZURE_SEARCH_API_KEY'] as const) {
        if (!env[name]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: `${name} is required when any AZURE_SEARCH_* variable is set` });
      }
    }
    if (env.AZURE_SEARCH_ENDPOINT && /^http:/i.test(env.AZURE_SEARCH_ENDPOINT) && !LOCAL_HTTP_ENDPOINT.test(env.AZURE_SEARCH_ENDPOINT)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['AZURE_SEARCH_ENDPOINT'],
        message: 'AZURE_SEARCH_ENDPOINT must be https, such as https://<service>.search.windows.net (plain http only on 127.0.0.1 or localhost)',
      });
    }
    const azureOpenAi = ['ANSWER_MODEL_AZURE_ENDPOINT', 'ANSWER_MODEL_AZURE_API_KEY', 'ANSWER_MODEL_AZURE_DEPLOYMENT'] as const;
    const openAi = ['ANSWER_MODEL_OPENAI_API_KEY', 'ANSWER_MODEL_OPENAI_MODEL'] as const;
    const usesAzureOpenAi = azureOpenAi.some((name) => env[name]);
    const usesOpenAi = openAi.some((name) => env[name]) || env.ANSWER_MODEL_OPENAI_BASE_URL !== undefined;
    if (usesAzureOpenAi && usesOpenAi) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['ANSWER_MODEL_OPENAI_API_KEY'],
        message: 'set either the ANSWER_MODEL_AZURE_* variables (Azure OpenAI) or the ANSWER_MODEL_OPENAI_* ones (an OpenAI-compatible API), not both',
      });
    } else {
      for (const [used, names, family] of [
        [usesAzureOpenAi, azureOpenAi, 'ANSWER_MODEL_AZURE_*'],
        [usesOpenAi, openAi, 'ANSWER_MODEL_OPENAI_*'],
      ] as const) {
        if (!used) continue;
        for (const name of names) {
          if (!env[name]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: `${name} is required when any ${family} variable is set (generative answers)` });
        }
      }
    }
    for (const name of ['ANSWER_MODEL_AZURE_ENDPOINT', 'ANSWER_MODEL_OPENAI_BASE_URL'] as const) {
      const url = env[name];
      // The key travels with every request: plain http only to a local stand-in.
      if (url && /^http:/i.test(url) && !LOCAL_HTTP_ENDPOINT.test(url)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: `${name} must be https (plain http only on 127.0.0.1 or localhost)` });
      }
    }
    if (env.BOT_TYPE === 'SingleTenant' && !env.BOT_TENANT_ID) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['BOT_TENANT_ID'], message: 'BOT_TENANT_ID is required when BOT_TYPE is SingleTenant' });
    }
  });

/** Bot Framework credentials; absent in local mode. */
export interface BotCredentials {
  appId: string;
  appPassword: string | undefined;
  tenantId: string | undefined;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

/** Where passages are searched: the embedded in-process index, or Azure AI Search at scale. */
export type SearchBackendConfig =
  | { kind: 'local' }
  | { kind: 'azure'; endpoint: string; indexName: string; apiKey: string; allowInsecureConnection: boolean };

/**
 * Where the inventory of declared AI use cases is stored: the knowledge base's SQLite file (its own `inventory_*`
 * tables), or PostgreSQL when INVENTORY_DATABASE_URL is set (several bot instances sharing one inventory).
 */
export type InventoryBackendConfig = { kind: 'sqlite' } | { kind: 'postgres'; url: string };

/**
 * The language model of generative answers (docs/teams.md « Generative answers »): Azure OpenAI (a deployment of a
 * resource, with its API version), or an OpenAI-compatible chat-completions API (base URL and model). `timeoutMs`
 * bounds each call, from ANSWER_MODEL_TIMEOUT_SECONDS (default 8: GENERATION_TIMEOUT_MS, the generator's own default).
 */
export type AnswerModelConfig =
  | { kind: 'azure'; endpoint: string; apiKey: string; deployment: string; apiVersion: string; timeoutMs: number }
  | { kind: 'openai'; baseUrl: string; apiKey: string; model: string; timeoutMs: number };

/** The validated configuration. Paths are absolute. */
export interface AppConfig {
  dataDir: string;
  /** SQLite file holding documents, versions and passages. */
  databaseFile: string;
  port: number;
  /** 127.0.0.1 in local mode (no credentials), 0.0.0.0 otherwise, unless HOST is set. */
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Null means local mode: inbound requests are not authenticated, so the server must only listen on loopback. */
  bot: BotCredentials | null;
  /** `azure` when AZURE_SEARCH_ENDPOINT, AZURE_SEARCH_INDEX and AZURE_SEARCH_API_KEY are all set. */
  search: SearchBackendConfig;
  /** `postgres` when INVENTORY_DATABASE_URL is set, else `sqlite` (in `databaseFile`). */
  inventory: InventoryBackendConfig;
  /** Entra object ids (lower case) of the governance team's admins, from GOVERNANCE_ADMIN_IDS; [] when unset. */
  governanceAdminIds: string[];
  /** Default responsible public body of new declarations, from ORGANISME_PUBLIC; null when unset. */
  organismePublic: string | null;
  /**
   * Ratings of answers (Teams' 👍/👎), kept in the knowledge base's SQLite file: the question and the typed comment are kept (masked of
   * personal information) only when FEEDBACK_KEEP_QUESTIONS is true (default false); ratings and answer traces
   * older than FEEDBACK_RETENTION_DAYS (default 365) are deleted.
   */
  feedback: { keepQuestions: boolean; retentionDays: number };
  /**
   * Messages one person may send the bot: a burst of RATE_LIMIT_BURST (default 10), refilled at
   * RATE_LIMIT_PER_MINUTE (default 20) a minute; over it, one polite notice, then silence (see bot/rate-limit.ts).
   * Card presses take a bucket of their own, CARD_ACTION_FACTOR times as large (bot/rate-limit.ts cardActionPolicy).
   */
  rateLimit: { burst: number; perMinute: number };
  /**
   * The notification outbox: how long an instance holds a notification it is delivering before another instance
   * (or this one, restarted after a crash) may take it over, from OUTBOX_LEASE_SECONDS (default 120: DEFAULT_LEASE_MS), in ms.
   */
  outbox: { leaseMs: number };
  /** SOURCES_DAILY_SYNC (default false): the server checks the official sources (data/sources.json) once a day. */
  sourcesDailySync: boolean;
  /**
   * Document downloads (`/publier URL`, Teams files, official sources): DOWNLOADS_ALLOW_PRIVATE_ADDRESSES (default
   * false) lets them reach addresses internal to the server's network (loopback, RFC 1918, link-local, IPv6 unique
   * local), for an organisme public whose documents live on an intranet.
   */
  downloads: { allowPrivateAddresses: boolean };
  /**
   * The model that writes generative answers from the retrieved passages: set by the ANSWER_MODEL_AZURE_* or the
   * ANSWER_MODEL_OPENAI_* variables; null (the default) when neither is set: answers are extractive only. The names
   * are Balises' own: the OPENAI_API_KEY or AZURE_OPENAI_* a shell holds for other tools never sends a question out.
   */
  answerModel: AnswerModelConfig | null;
}

/** Thrown when the environment is invalid; `problems` has one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The project folder (holding Balises' package.json), found from this module whether it runs from `src` or
 * `dist/src`: the default data folder is `.data` there, whatever the current directory of the command.
 */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

/** One problem as the start-up message lists it: the variable, then what is wrong, unless the message already opens on
 *  the variable's name (most do, so that they read alone), which printed it twice (« PORT: PORT must be… »). */
function describeIssue(issue: z.ZodIssue): string {
  const name = issue.path.join('.') || 'environment';
  return issue.message.startsWith(`${name} `) ? issue.message : `${name}: ${issue.message}`;
}

/**
 * Validates the environment and returns the configuration.
 * @param env usually `process.env`
 * @param cwd base for a relative BALISES_DATA_DIR (unset: `.data` in the project folder, see projectRoot)
 * @throws ConfigError listing every missing or bad variable
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map(describeIssue));
  }
  const e = parsed.data;
  const dataDir = e.BALISES_DATA_DIR ? path.resolve(cwd, e.BALISES_DATA_DIR) : path.join(projectRoot(), '.data');
  const bot: BotCredentials | null = e.BOT_ID
    ? { appId: e.BOT_ID, appPassword: e.BOT_PASSWORD, tenantId: e.BOT_TENANT_ID, appType: e.BOT_TYPE ?? 'MultiTenant' }
    : null;
  return {
    dataDir,
    databaseFile: path.join(dataDir, 'balises.db'),
    port: e.PORT,
    host: e.HOST ?? (bot ? '0.0.0.0' : '127.0.0.1'),
    logLevel: e.LOG_LEVEL,
    bot,
    search:
      e.AZURE_SEARCH_ENDPOINT && e.AZURE_SEARCH_INDEX && e.AZURE_SEARCH_API_KEY
        ? {
            kind: 'azure',
            endpoint: e.AZURE_SEARCH_ENDPOINT,
            indexName: e.AZURE_SEARCH_INDEX,
            apiKey: e.AZURE_SEARCH_API_KEY,
            // Plain http only ever reaches a local stand-in; the real service is https.
            allowInsecureConnection: LOCAL_HTTP_ENDPOINT.test(e.AZURE_SEARCH_ENDPOINT),
          }
        : { kind: 'local' },
    inventory: e.INVENTORY_DATABASE_URL ? { kind: 'postgres', url: e.INVENTORY_DATABASE_URL } : { kind: 'sqlite' },
    governanceAdminIds: [...new Set((e.GOVERNANCE_ADMIN_IDS ?? []).map(userIdKey))],
    organismePublic: e.ORGANISME_PUBLIC ?? null,
    feedback: { keepQuestions: e.FEEDBACK_KEEP_QUESTIONS, retentionDays: e.FEEDBACK_RETENTION_DAYS },
    rateLimit: { burst: e.RATE_LIMIT_BURST, perMinute: e.RATE_LIMIT_PER_MINUTE },
    outbox: { leaseMs: e.OUTBOX_LEASE_SECONDS * 1000 },
    sourcesDailySync: e.SOURCES_DAILY_SYNC,
    downloads: { allowPrivateAddresses: e.DOWNLOADS_ALLOW_PRIVATE_ADDRESSES },
    answerModel: answerModelOf(e),
  };
}

function answerModelOf(e: z.infer<typeof EnvSchema>): AnswerModelConfig | null {
  const timeoutMs = Math.round(e.ANSWER_MODEL_TIMEOUT_SECONDS * 1000);
  if (e.ANSWER_MODEL_AZURE_ENDPOINT && e.ANSWER_MODEL_AZURE_API_KEY && e.ANSWER_MODEL_AZURE_DEPLOYMENT) {
    return {
      kind: 'azure',
      endpoint: e.ANSWER_MODEL_AZURE_ENDPOINT,
      apiKey: e.ANSWER_MODEL_AZURE_API_KEY,
      deployment: e.ANSWER_MODEL_AZURE_DEPLOYMENT,
      apiVersion: e.ANSWER_MODEL_AZURE_API_VERSION,
      timeoutMs,
    };
  }
  if (e.ANSWER_MODEL_OPENAI_API_KEY && e.ANSWER_MODEL_OPENAI_MODEL) {
    return { kind: 'openai', baseUrl: e.ANSWER_MODEL_OPENAI_BASE_URL ?? DEFAULT_OPENAI_BASE_URL, apiKey: e.ANSWER_MODEL_OPENAI_API_KEY, model: e.ANSWER_MODEL_OPENAI_MODEL, timeoutMs };
  }
  return null;
}
