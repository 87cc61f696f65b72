import { z } from 'zod';
import { loadConfig } from '../../config.js';
import { openSourcesState } from '../../documents/sources-state.js';
import { followedSources, loadOfficialSources, SourcesFileError } from '../../documents/sources.js';
import { buildOutline, openKnowledgeStore, type OutlineNode, type PageRange, type PassageRecord } from '../../knowledge/index.js';
import { quebecDay } from '../../quebec-time.js';
import { EXIT_OK, passageCount, type Command } from './command.js';
import { DB_OPTION, DB_USAGE, existingDatabase, parseCommandArgs } from './options.js';

const Args = z.object({
  positionals: z.array(z.string()).max(0, 'sources takes no arguments'),
  db: z.string().min(1).optional(),
});

/**
 * `balises sources`: each published document with its version, then its sections as an indented tree. The ingest
 * day is the Quebec day, as the default version label and the Teams history are.
 */
export const sourcesCommand: Command = {
  summary: 'list the indexed documents, their versions and their sections',
  usage: ['sources [--db FILE]', DB_USAGE].join('\n'),
  async run(argv, { io }) {
    const args = parseCommandArgs(argv, DB_OPTION, Args);
    const file = existingDatabase(args.db, () => loadConfig(io.env).databaseFile, io.env);
    const store = openKnowledgeStore(file);
    try {
      const documents = store.documents();
      if (documents.length === 0) {
        io.stdout.write(
          [
            'No documents are indexed yet. Add some with: balises ingest PATH...',
            anySourceFollowed(file) === false
              ? '(balises sync has nothing to load yet: no official source of data/sources.json has a verified address)'
              : 'or load the verified official sources of data/sources.json with: balises sync',
            '(in Teams, a governance admin sends the file in a personal chat, types /publier URL, or sets a source with /source DOC URL)',
            '',
          ].join('\n'),
        );
        return EXIT_OK;
      }
      const passagesByDoc = new Map<string, PassageRecord[]>();
      for (const passage of store.publishedPassages()) {
        const list = passagesByDoc.get(passage.docId);
        if (list) list.push(passage);
        else passagesByDoc.set(passage.docId, [passage]);
      }
      const blocks = documents.map((doc) => {
        const details = [
          `version ${doc.versionLabel}`,
          doc.publishedOn ? `published ${doc.publishedOn}` : null,
          `ingested ${quebecDay(new Date(doc.ingestedAt))} by ${doc.ingestedBy}`,
          passageCount(doc.passageCount),
        ].filter((d): d is string => d !== null);
        const lines = [`${doc.title} [${doc.docId}]`, `  ${details.join(' · ')}`];
        if (doc.url) lines.push(`  ${doc.url}`);
        lines.push(...renderOutline(buildOutline(passagesByDoc.get(doc.docId) ?? []), 2));
        return lines.join('\n');
      });
      io.stdout.write(`${blocks.join('\n\n')}\n`);
      return EXIT_OK;
    } finally {
      store.close();
    }
  },
};

/**
 * Whether `balises sync` would download anything: a source of data/sources.json verified there, or given an address
 * by an admin (`/source`, kept in `databaseFile`). As shipped no address is verified, and pointing a newcomer to sync
 * then sent them to a command that only answers « not followed ».
 * @returns null when the sources file cannot be read: its fault is `balises sync`'s to report, not `sources`'
 */
function anySourceFollowed(databaseFile: string): boolean | null {
  let fileSources;
  try {
    fileSources = loadOfficialSources();
  } catch (error) {
    if (error instanceof SourcesFileError) return null;
    throw error;
  }
  const state = openSourcesState(databaseFile);
  try {
    return followedSources(fileSources, state.urls()).some((source) => source.url !== null);
  } finally {
    state.close();
  }
}

function renderOutline(nodes: OutlineNode[], depth: number): string[] {
  return nodes.flatMap((node) => [
    `${'  '.repeat(depth)}${node.title}${node.pages ? ` (${pagesLabel(node.pages)})` : ''}`,
    ...renderOutline(node.children, depth + 1),
  ]);
}

function pagesLabel({ from, to }: PageRange): string {
  return from === to ? `p. ${from}` : `p. ${from}–${to}`;
}
