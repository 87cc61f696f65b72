import { z } from 'zod';
import { buildOutline, type OutlineNode, type PageRange, type PassageRecord } from '../../knowledge/index.js';
import { quebecDay } from '../../quebec-time.js';
import { EXIT_OK, passageCount, type Command } from './command.js';
import { DB_OPTION, DB_USAGE, openStore, parseCommandArgs } from './options.js';

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
    const store = openStore(io, args.db);
    try {
      const documents = store.documents();
      if (documents.length === 0) {
        io.stdout.write(
          [
            'No documents are indexed yet. Add some with: balises ingest PATH...',
            'or load the verified official sources of data/sources.json with: balises sync',
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

function renderOutline(nodes: OutlineNode[], depth: number): string[] {
  return nodes.flatMap((node) => [
    `${'  '.repeat(depth)}${node.title}${node.pages ? ` (${pagesLabel(node.pages)})` : ''}`,
    ...renderOutline(node.children, depth + 1),
  ]);
}

function pagesLabel({ from, to }: PageRange): string {
  return from === to ? `p. ${from}` : `p. ${from}–${to}`;
}
