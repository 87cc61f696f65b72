import { z } from 'zod';
import { loadConfig } from '../../config.js';
import { runOfficialSourcesSync } from '../../documents/sources-check.js';
import type { SourceOutcome, SyncReport } from '../../documents/sources-sync.js';
import { counted } from '../../plural.js';
import { EXIT_FAILURE, EXIT_OK, passageCount, type Command } from './command.js';
import { DB_OPTION, DB_USAGE, parseCommandArgs } from './options.js';

const OPTIONS = { ...DB_OPTION, sources: { type: 'string' } } as const;

const Args = z.object({
  positionals: z.array(z.string()).max(0, 'sync takes no arguments'),
  db: z.string().min(1).optional(),
  sources: z.string().min(1).optional(),
});

/**
 * `balises sync`: checks every followed official source once (see `syncOfficialSources`): one line per source and a
 * summary. Without network, one line saying so, exit 0 (an offline machine is not an error: nothing changed, the
 * next sync tries again). Exit 1 when a source failed (HTTP error, wrong format, unreadable file).
 */
export const syncCommand: Command = {
  summary: 'check the official sources (data/sources.json) and propose their new versions to the admins',
  usage: [
    'sync [--sources FILE] [--db FILE]',
    '  --sources FILE   official sources list (default: data/sources.json)',
    DB_USAGE,
  ].join('\n'),
  async run(argv, { io }) {
    const args = parseCommandArgs(argv, OPTIONS, Args);
    const config = loadConfig(io.env);
    const report = await runOfficialSourcesSync({
      databaseFile: args.db ?? config.databaseFile,
      ...(args.sources !== undefined ? { sourcesFile: args.sources } : {}),
      downloadOptions: { allowPrivateAddresses: config.downloads.allowPrivateAddresses },
    });
    if (report.offline !== null) {
      io.stdout.write(`balises sync: ${report.offline}; nothing checked, try again when the network is back\n`);
      return EXIT_OK;
    }
    for (const outcome of report.outcomes) (outcome.kind === 'failed' ? io.stderr : io.stdout).write(`${describe(outcome)}\n`);
    io.stdout.write(`${summarise(report)}\n`);
    return report.outcomes.some((o) => o.kind === 'failed') ? EXIT_FAILURE : EXIT_OK;
  },
};

function describe(outcome: SourceOutcome): string {
  switch (outcome.kind) {
    case 'proposed':
      return `proposed          ${outcome.docId}: new version proposed to the admins (label ${outcome.versionLabel}); nothing is published until one of them decides`;
    case 'published_initial':
      return `published         ${outcome.docId}: first version ${outcome.versionLabel} (${passageCount(outcome.passageCount)}), the knowledge base was empty`;
    case 'unchanged':
      return `unchanged         ${outcome.docId}: same content as the published version ${outcome.versionLabel}`;
    case 'already_proposed':
      return `already proposed  ${outcome.docId}: this content was already proposed to the admins`;
    case 'not_followed':
      return `not followed      ${outcome.docId}: no verified official address; an admin sets one in Teams with /source ${outcome.docId} URL`;
    case 'not_checked':
      return `not checked       ${outcome.docId}`;
    case 'failed':
      return `failed            ${outcome.docId}: ${outcome.reason}`;
  }
}

function summarise({ outcomes }: SyncReport): string {
  const count = (kind: SourceOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
  return `${counted(outcomes.length, 'en', { one: 'source', other: 'sources' })}: ${count('proposed')} proposed, ${count('published_initial')} published, ${count('unchanged')} unchanged, ${count('already_proposed')} already proposed, ${count('not_followed')} not followed, ${count('failed')} failed`;
}
