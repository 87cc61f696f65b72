import { headingsToList } from '../answers/coverage.js';
import { groupByDocumentVersion, type DocumentVersionSources } from '../answers/source-groups.js';
import { continuesAfter, continuesBefore, withNoteCallsRaised } from '../answers/quotes.js';
import type { AskResult } from '../answers/types.js';

const TEXT = {
  fr: {
    quotes: 'Ce que disent les documents indexés :',
    countedIntro: 'Ce que montrent les titres numérotés des documents indexés :',
    counted: (title: string, version: string, count: number, noun: string) => `${title} (version ${version}) numérote ${count} ${noun} :`,
    countedNote: 'Réponse assemblée automatiquement : le nombre est celui des numéros que portent les titres trouvés dans chaque document, cités mot pour mot, sans texte généré.',
    uncertain: [
      'RÉPONSE INCERTAINE : je n’ai pas trouvé de passage qui réponde exactement à votre question.',
      'Voici les passages les plus proches :',
    ],
    uncertainHint: 'Si ces passages ne répondent pas à votre question, reformulez-la avec les termes des documents.',
    sources: 'Sources :',
    note: 'Réponse assemblée automatiquement : passages cités mot pour mot, sans texte généré.',
    notCovered: 'Les documents indexés ne couvrent pas cette question.',
    missingPart: (part: string) => `Aucun document indexé n’a de partie numérotée « ${part} ».`,
    covered: 'Ils couvrent :',
    rephrase: 'Vous pouvez reformuler avec les termes des documents ; balises sources les liste.',
    empty: 'Aucun document n’est indexé. Ajoutez-en avec : balises ingest CHEMIN...',
    noSubject: 'Votre question ne dit pas sur quoi elle porte : je n’ai rien à chercher. Écrivez-la avec son sujet, par exemple : balises ask "C’est quoi l’EFVP?"',
    pages: 'p.',
    version: 'version',
    moreSections: (n: number) => (n === 1 ? 'et 1 autre section' : `et ${n} autres sections`),
    colon: ' : ',
    semicolon: ' ; ',
    answers: (heading: string) => ` (réponse à la question « ${heading} »)`,
  },
  en: {
    quotes: 'What the indexed documents say (quoted in the original French):',
    countedIntro: 'What the numbered headings of the indexed documents show (quoted in the original French):',
    counted: (title: string, version: string, count: number, noun: string) => `${title} (version ${version}) numbers ${count} ${noun}:`,
    countedNote: 'Assembled automatically: the count is that of the numbers on the headings found in each document, quoted word for word, no generated text.',
    uncertain: [
      'UNCERTAIN ANSWER: I found no passage that answers your question exactly.',
      'Here are the closest passages (quoted in the original French):',
    ],
    uncertainHint: 'If these passages do not answer your question, rephrase it with the words of the documents.',
    sources: 'Sources:',
    note: 'Assembled automatically: passages quoted word for word, no generated text.',
    notCovered: 'The indexed documents do not cover this question.',
    missingPart: (part: string) => `No indexed document has a part numbered “${part}”.`,
    covered: 'They cover:',
    rephrase: 'You can rephrase with the words of the documents; balises sources lists them.',
    empty: 'No document is indexed. Add some with: balises ingest PATH...',
    noSubject: 'Your question does not say what it is about, so I have nothing to search for. Write it with its subject, for example: balises ask "What is an EFVP?"',
    pages: 'p.',
    version: 'version',
    moreSections: (n: number) => (n === 1 ? 'and 1 more section' : `and ${n} more sections`),
    colon: ': ',
    semicolon: '; ',
    answers: (heading: string) => ` (answer to the question “${heading}”)`,
  },
} as const;

type Text = (typeof TEXT)['fr' | 'en'];

/**
 * `  Title, version V (date), shared › sections : [1] section › path, p. N ; [2] …` then the link on its own line;
 * the sections all locations lie in (DocumentVersionSources.sharedPath) are named once.
 */
function sourceLine(group: DocumentVersionSources, t: Text): string {
  const date = group.publishedOn ? ` (${group.publishedOn})` : '';
  const shared = group.sharedPath.length > 0 ? `, ${group.sharedPath.join(' › ')}` : '';
  const locations = group.locations.map(({ markers, sectionPath, pages }) => {
    const own = sectionPath.slice(group.sharedPath.length);
    const where = [markers.map((m) => `[${m}]`).join(''), own.join(' › ')].filter(Boolean).join(' ');
    const page = pages ? `${own.length > 0 ? ',' : ''} ${t.pages} ${pages.from === pages.to ? pages.from : `${pages.from}–${pages.to}`}` : '';
    return `${where}${page}`;
  });
  const url = group.url ? `\n      ${group.url}` : '';
  return `  ${group.title}, ${t.version} ${group.versionLabel}${date}${shared}${t.colon}${locations.join(t.semicolon)}${url}`;
}

/**
 * A quote's lines (a passage's list items end on a line break when they end on no punctuation, see
 * knowledge/passages.ts), each after the first indented under the quote's opening « .
 */
function quotedLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter(Boolean)
    .join('\n    ');
}

/**
 * Renders an answer for a terminal: quotes with their `[n]` markers (« […] » before a quote starting mid-list and
 * after one stopping on a list item or before the next items of a list it opens; after a quote opening with a bare
 * « Oui » / « Non », the heading question it answers; a document's note call `[1]` as a superscript, see withNoteCallsRaised), the sources (one line per document version:
 * title, version, then each quoted section and pages after its `[n]`, the link below), and the transparency note.
 * An uncertain answer opens with an upper-case « RÉPONSE INCERTAINE » / "UNCERTAIN ANSWER" line (readable without
 * colour) and ends with a hint to rephrase. An abstention lists the covered documents with their first few top-level
 * headings (see answers/coverage.ts). A count answered by numbered headings (`counted`) gives, per document version, a
 * line saying how many parts it numbers, then those headings quoted with their `[n]` markers, the sources and a note
 * saying the count is that of the numbers on the headings found.
 * @returns plain text ending with a newline
 */
export function renderAnswerText(result: AskResult): string {
  const t = TEXT[result.language];
  switch (result.kind) {
    case 'empty_index':
      return `${t.empty}\n`;
    case 'no_subject':
      return `${t.noSubject}\n`;
    case 'not_covered':
      return [
        t.notCovered,
        ...(result.missingPart !== undefined ? [t.missingPart(result.missingPart)] : []),
        t.covered,
        ...result.covered.map((d) => {
          const { listed, more } = headingsToList(d);
          const headings = [...listed, ...(more > 0 ? [t.moreSections(more)] : [])];
          return `  - ${d.title} (${t.version} ${d.versionLabel})${headings.length > 0 ? `${t.colon}${headings.join(t.semicolon)}` : ''}`;
        }),
        t.rephrase,
        '',
      ].join('\n');
    case 'counted':
      return [
        t.countedIntro,
        '',
        ...result.series.flatMap((s) => [
          t.counted(s.title, s.versionLabel, s.count, result.noun),
          ...s.headings.map((h) => `  « ${quotedLines(h.heading)} » [${h.marker}]`),
          '',
        ]),
        t.sources,
        ...groupByDocumentVersion(result.sources).map((g) => sourceLine(g, t)),
        '',
        t.countedNote,
        '',
      ].join('\n');
    case 'answered':
    case 'uncertain': {
      const uncertain = result.kind === 'uncertain';
      return [
        ...(uncertain ? t.uncertain : [t.quotes]),
        '',
        ...result.quotes.map(
          (q) =>
            `  « ${q.lead === true || continuesBefore(q.text) ? '[…] ' : ''}${quotedLines(withNoteCallsRaised(q.text))}${q.trail === true || continuesAfter(q.text) ? ' […]' : ''} » [${q.marker}]${q.answersHeading !== undefined ? t.answers(q.answersHeading) : ''}`,
        ),
        '',
        t.sources,
        ...groupByDocumentVersion(result.sources).map((g) => sourceLine(g, t)),
        '',
        ...(uncertain ? [t.uncertainHint, ''] : []),
        t.note,
        '',
      ].join('\n');
    }
  }
}
