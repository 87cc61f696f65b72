import { z } from 'zod';
import { DOC_ID_PATTERN, type StoredVersion } from '../../knowledge/index.js';
import { counted } from '../../plural.js';
import { EXIT_FAILURE, EXIT_OK, passageCount, type Command } from './command.js';
import { DB_OPTION, DB_USAGE, openStore, parseCommandArgs } from './options.js';

/** Characters of the source SHA-256 shown: enough to tell files apart, short enough to read. */
const SHA_PREFIX_CHARS = 12;

const Args = z.object({
  positionals: z
    .array(z.string())
    .length(1, 'give the id of one document (see balises sources)')
    .refine(([docId]) => docId !== undefined && DOC_ID_PATTERN.test(docId), 'a document id is lower-case letters, digits and dashes (see balises sources)'),
  db: z.string().min(1).optional(),
});

/**
 * `balises versions DOC_ID`: every stored version of a document, newest first, the published one marked `*`
 * (none when the document is withdrawn). Exit 1 for an unknown document.
 */
export const versionsCommand: Command = {
  summary: 'list every stored version of a document and which one is published',
  usage: ['versions DOC_ID [--db FILE]', DB_USAGE].join('\n'),
  async run(argv, { io }) {
    const args = parseCommandArgs(argv, DB_OPTION, Args);
    const docId = args.positionals[0] ?? '';
    const store = openStore(io, args.db);
    try {
      const versions = store.versions(docId);
      const newest = versions[0];
      if (!newest) {
        io.stderr.write(`balises versions: no document "${docId}" in the knowledge store; "balises sources" lists the published ones\n`);
        return EXIT_FAILURE;
      }
      const published = versions.find((v) => v.published);
      const status = published ? `version ${published.label} published` : 'withdrawn: no version published';
      io.stdout.write(
        // The legend only beside a marked line: under a withdrawn document it would announce a `*` shown nowhere.
        [`${newest.title} [${docId}]: ${counted(versions.length, 'en', { one: 'version', other: 'versions' })}, ${status}`, ...versions.map(versionLine), ...(published ? ['  (* published)'] : []), ''].join('\n'),
      );
      return EXIT_OK;
    } finally {
      store.close();
    }
  },
};

function versionLine(v: StoredVersion): string {
  const details = [
    v.publishedOn ? `published ${v.publishedOn}` : null,
    `sha ${v.sourceSha256.slice(0, SHA_PREFIX_CHARS)}`,
    `ingested ${v.ingestedAt.slice(0, 16).replace('T', ' ')} UTC by ${v.ingestedBy}`,
    passageCount(v.passageCount),
  ].filter((d): d is string => d !== null);
  return `${v.published ? '*' : ' '} ${v.label} · ${details.join(' · ')}`;
}
