import type { AskResult, Source } from '../answers/types.js';

const TEXT = {
  fr: {
    quotes: 'Ce que disent les documents indexés :',
    sources: 'Sources :',
    note: 'Réponse assemblée automatiquement : passages cités mot pour mot, sans texte généré.',
    notCovered: 'Les documents indexés ne couvrent pas cette question.',
    covered: 'Ils couvrent :',
    empty: 'Aucun document n’est indexé. Ajoutez-en avec : balises ingest CHEMIN...',
    pages: 'p.',
    version: 'version',
  },
  en: {
    quotes: 'What the indexed documents say (quoted in the original French):',
    sources: 'Sources:',
    note: 'Assembled automatically: passages quoted word for word, no generated text.',
    notCovered: 'The indexed documents do not cover this question.',
    covered: 'They cover:',
    empty: 'No document is indexed. Add some with: balises ingest PATH...',
    pages: 'p.',
    version: 'version',
  },
} as const;

function sourceLine(s: Source, t: (typeof TEXT)['fr' | 'en']): string {
  const pages = s.pages ? `, ${t.pages} ${s.pages.from === s.pages.to ? s.pages.from : `${s.pages.from}–${s.pages.to}`}` : '';
  const date = s.publishedOn ? ` (${s.publishedOn})` : '';
  const url = s.url ? `\n      ${s.url}` : '';
  return `  [${s.marker}] ${s.title}, ${t.version} ${s.versionLabel}${date} — ${s.sectionPath.join(' › ')}${pages}${url}`;
}

/**
 * Renders an answer for a terminal: quotes with their `[n]` markers, the numbered sources (document, version,
 * section, pages, link), and the transparency note; or the abstention with the list of covered documents.
 * @returns plain text ending with a newline
 */
export function renderAnswerText(result: AskResult): string {
  const t = TEXT[result.language];
  switch (result.kind) {
    case 'empty_index':
      return `${t.empty}\n`;
    case 'not_covered':
      return [
        t.notCovered,
        t.covered,
        ...result.covered.map((d) => `  - ${d.title} (${t.version} ${d.versionLabel}) : ${d.sections.join(' ; ')}`),
        '',
      ].join('\n');
    case 'answered':
      return [
        t.quotes,
        '',
        ...result.quotes.map((q) => `  « ${q.text} » [${q.marker}]`),
        '',
        t.sources,
        ...result.sources.map((s) => sourceLine(s, t)),
        '',
        t.note,
        '',
      ].join('\n');
  }
}
