// The class's own module, not teams-ai's root (which loads the unused AI planners: see server/adapter.ts).
import { Utilities } from '@microsoft/teams-ai/lib/Utilities.js';
// teams-ai 1.7.4 does not re-export this type from its root; the deep path is stable within the pinned version.
import type { ClientCitation } from '@microsoft/teams-ai/lib/types/ClientCitation.js';
import type { Activity } from 'botbuilder';
import { headingsToList } from '../../answers/coverage.js';
import type { GeneratedAnswer, QuotedResult as GeneratedFrom } from '../../answers/generative.js';
import { groupByDocumentVersion, type DocumentVersionSources } from '../../answers/source-groups.js';
import { continuesAfter, continuesBefore, withNoteCallsRaised } from '../../answers/quotes.js';
import type { AskResult, CountedSeries, CoveredDocument, Language, QuotedSentence, Source } from '../../answers/types.js';
import {
  fitsInMessage,
  MAX_LISTED_DOCUMENTS,
  MAX_LISTED_NAME_CHARS,
  MAX_MESSAGE_BYTES,
  renderListThatFits,
} from './size.js';
import { counted } from '../../plural.js';
import { bindPunctuation, BOUND_SPACE, clip, cutAtWord, escapeMarkdown, formatPages, isWebUrl, markdownLink } from './text.js';
import { formatDay } from '../cards/labels.js';

export { MAX_MESSAGE_BYTES } from './size.js';

/**
 * Limits Teams sets on citations (https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/bot-messages-ai-generated-content):
 * claim `appearance.name` ≤ 80 characters, `abstract` ≤ 160, ≤ 3 keywords of ≤ 28 characters, ≤ 20 citations per
 * message. Beyond them Teams drops or rejects the citations.
 */
export const MAX_CITATION_NAME_CHARS = 80;
export const MAX_CITATION_ABSTRACT_CHARS = 160;
export const MAX_CITATION_KEYWORDS = 3;
export const MAX_CITATION_KEYWORD_CHARS = 28;
export const MAX_CITATIONS = 20;
/**
 * Longest passage text in a generated answer's citation pop-up, in characters (a verbatim prefix, then
 * {@link CUT_MARK}): five passages of a few paragraphs fit whole; a passage made of a long table still leaves the
 * message under {@link MAX_MESSAGE_BYTES}.
 */
export const MAX_CITATION_CARD_CHARS = 8_000;
/** Longest section path shown for a source, in characters (clipped with `…` beyond). */
export const MAX_SOURCE_PATH_CHARS = 300;
/**
 * Appended to a quote cut to fit the message (the quote before it is a verbatim prefix of the sentence), and to a
 * quote whose text goes on past it (see continuesAfter).
 */
export const CUT_MARK = ' […]';
/** Put before a quote that starts after its text began: mid-list or mid-sentence (see continuesBefore). */
export const LEAD_MARK = '[…] ';

/** Options of {@link renderAnswer}. */
export interface RenderOptions {
  /** Set when the question was cut before retrieval: its original and used lengths, in characters. */
  truncatedQuestion?: { originalChars: number; usedChars: number };
  /**
   * Set when the question is about declaring (see declarationTip): a line opens the answer, pointing to `/déclarer`
   * (`declare`), or to `mes déclarations` then `/déclarer` for declarations already made (`follow`).
   */
  declareTip?: DeclareTip;
}

/** Which pointer to the declaration commands a question gets (see declarationTip in ../input.ts). */
export type DeclareTip = 'declare' | 'follow';

/**
 * The line pointing a question about declaring to `/déclarer` (`/declare` in English), or one about declarations
 * already made to `mes déclarations` (`my declarations`) and `/déclarer`: it opens the answer, and the « nothing
 * indexed yet » reply too, since the inventory needs no indexed document.
 */
export function declareTipText(language: Language, tip: DeclareTip): string {
  return tip === 'follow' ? TEXT[language].followTip : TEXT[language].declareTip;
}

/** The Teams root `https://schema.org/Message` entity carrying citation claims (one per message, Teams rule). */
export interface CitationMessageEntity {
  type: 'https://schema.org/Message';
  '@type': 'Message';
  '@context': 'https://schema.org';
  '@id': '';
  /** `['AIGeneratedContent']` on a generated answer only: Teams then labels the message "AI generated". */
  additionalType?: string[];
  citation: ClientCitation[];
}

const TEXT = {
  fr: {
    intro: 'Voici ce que disent les documents indexés :',
    uncertainIntro:
      '**Réponse incertaine.** Je n’ai pas trouvé de passage qui réponde exactement à votre question. Voici les passages les plus proches :',
    uncertainHint:
      'Si ces passages ne répondent pas à votre question, reformulez-la avec les termes des documents, ou tapez `sources` pour la liste des documents.',
    frenchNote: '',
    sources: 'Sources',
    version: (label: string, date: string | null) => (date ? `version ${label} du ${formatDay(date, 'fr')}` : `version ${label}`),
    transparency:
      "_Réponse assemblée automatiquement à partir des documents indexés : les passages sont cités mot pour mot, sans texte généré. Ce n’est pas un avis juridique._",
    // Written on a quote's block-quote line, which bindPunctuation leaves as it is: the guillemets are bound here.
    answers: (heading: string) => ` _(réponse à la question «${BOUND_SPACE}${heading}${BOUND_SPACE}»)_`,
    declareTip: 'Pour déclarer un projet d’IA à l’inventaire gouvernemental, tapez `/déclarer` : je vous guide étape par étape.',
    followTip: 'Pour suivre vos déclarations (état, décision de l’équipe de gouvernance), tapez `mes déclarations` ; pour déclarer un nouveau projet d’IA, tapez `/déclarer`.',
    truncated: (original: number, used: number) =>
      `Votre message est long (${original.toLocaleString('fr-CA')} caractères) : seuls les ${used.toLocaleString('fr-CA')} premiers ont servi à la recherche.`,
    notCovered: 'Les documents indexés ne couvrent pas cette question. Je préfère ne citer aucun passage plutôt qu’un passage hors sujet.',
    missingPart: (part: string) => `Aucun document indexé n’a de partie numérotée « ${part} ».`,
    coverageIntro: 'Voici ce qu’ils couvrent :',
    noCoverage: 'Aucun document n’est indexé pour le moment.',
    rephrase: 'Vous pouvez reformuler avec les termes des documents, ou taper `sources` pour la liste des documents.',
    moreSections: (n: number) => `et ${counted(n, 'fr', { one: 'autre section', other: 'autres sections' })}`,
    moreDocuments: (n: number) => `et ${counted(n, 'fr', { one: 'autre document', other: 'autres documents' })}`,
    colon: ' : ',
    semicolon: ' ; ',
    emptyIndex:
      "Aucun document n’est encore indexé, je ne peux donc citer aucun passage. L’équipe de gouvernance doit d’abord ingérer les documents officiels.",
    noSubject:
      'Votre question ne dit pas sur quoi elle porte : je n’ai rien à chercher. Écrivez-la avec son sujet (par exemple « C’est quoi l’EFVP? » ou « Que demande le principe de transparence? »), ou tapez `aide`.',
    countedIntro: 'Voici ce que montrent les titres numérotés des documents indexés :',
    counted: (title: string, version: string, count: number, noun: string) => `${title} (${version}) numérote ${count} ${noun} :`,
    moreHeadings: (n: number) => `et ${counted(n, 'fr', { one: 'autre titre numéroté', other: 'autres titres numérotés' })}, non ${n === 1 ? 'affiché' : 'affichés'} ici`,
    countedTransparency:
      '_Réponse assemblée automatiquement à partir des documents indexés : le nombre est celui des numéros que portent les titres trouvés dans chaque document, cités mot pour mot, sans texte généré. Ce n’est pas un avis juridique._',
    generatedIntro: 'Selon les documents indexés :',
    generatedUncertainIntro:
      '**Réponse incertaine.** Je n’ai pas trouvé de passage qui réponde exactement à votre question. Voici ce que disent les passages les plus proches :',
    generatedFrenchNote: '',
    generatedTransparency:
      '_Réponse rédigée par une IA à partir des seuls passages cités : chaque phrase renvoie à son passage, que vous pouvez lire mot pour mot en ouvrant la citation. Vérifiez-le avant de vous y fier. Ce n’est pas un avis juridique._',
  },
  en: {
    intro: 'Here is what the indexed documents say:',
    uncertainIntro:
      '**Uncertain answer.** I found no passage that answers your question exactly. Here are the closest passages:',
    uncertainHint:
      'If these passages do not answer your question, rephrase it with the words of the documents, or type `sources` to list the documents.',
    frenchNote: 'The quotes stay in the original French of the documents.',
    sources: 'Sources',
    version: (label: string, date: string | null) => (date ? `version ${label}, dated ${formatDay(date, 'en')}` : `version ${label}`),
    transparency:
      '_This answer was assembled automatically from the indexed documents: the passages are quoted word for word, not generated. It is not legal advice._',
    answers: (heading: string) => ` _(answer to the question “${heading}”)_`,
    declareTip: 'To declare an AI project to the government inventory, type `/declare`: I will guide you step by step.',
    followTip: 'To follow your declarations (state, the governance team’s decision), type `my declarations`; to declare a new AI project, type `/declare`.',
    truncated: (original: number, used: number) =>
      `Your message is long (${original.toLocaleString('en-CA')} characters): only the first ${used.toLocaleString('en-CA')} were used for the search.`,
    notCovered: 'The indexed documents do not cover this question. I would rather quote nothing than an unrelated passage.',
    missingPart: (part: string) => `No indexed document has a part numbered “${part}”.`,
    coverageIntro: 'Here is what they cover:',
    noCoverage: 'No document is indexed at the moment.',
    rephrase: 'You can rephrase with the words of the documents, or type `sources` to list the documents.',
    moreSections: (n: number) => `and ${counted(n, 'en', { one: 'more section', other: 'more sections' })}`,
    moreDocuments: (n: number) => `and ${counted(n, 'en', { one: 'more document', other: 'more documents' })}`,
    colon: ': ',
    semicolon: '; ',
    emptyIndex:
      'No document is indexed yet, so I cannot quote any passage. The governance team must first ingest the official documents.',
    noSubject:
      'Your question does not say what it is about, so I have nothing to search for. Write it with its subject (for example "What is an EFVP?" or "What does the transparency principle require?"), or type `help`.',
    countedIntro: 'Here is what the numbered headings of the indexed documents show:',
    counted: (title: string, version: string, count: number, noun: string) => `${title} (${version}) numbers ${count} ${noun}:`,
    moreHeadings: (n: number) => `and ${counted(n, 'en', { one: 'more numbered heading', other: 'more numbered headings' })}, not shown here`,
    countedTransparency:
      '_This answer was assembled automatically from the indexed documents: the count is that of the numbers on the headings found in each document, quoted word for word, not generated. It is not legal advice._',
    generatedIntro: 'According to the indexed documents:',
    generatedUncertainIntro:
      '**Uncertain answer.** I found no passage that answers your question exactly. Here is what the closest passages say:',
    generatedFrenchNote: 'The cited passages are in the original French of the documents.',
    generatedTransparency:
      '_This answer was written by AI from the cited passages only: each sentence points to its passage, which you can read word for word by opening the citation. Check it before relying on it. It is not legal advice._',
  },
} as const;

/**
 * Renders the result of a question as one Teams message.
 *
 * - `answered`: each quote verbatim (markdown-escaped; a note call of the document, `[1]`, set as a superscript so
 *   that it never reads as a citation marker: see withNoteCallsRaised; {@link LEAD_MARK} before a quote starting
 *   mid-list, {@link CUT_MARK} after one stopping on a list item or before the next items of a list it opens) followed by ` [n]`
 *   (and, after a quote opening with a bare « Oui » / « Non », the heading question it answers, in italics), then the sources: one line per document
 *   version (title linked to the official URL, version, then each quoted location: `(n)` section path joined with
 *   ' › ', pages; markers sharing a location share it), an English note when the question was English, and a line
 *   saying the answer was assembled automatically from verbatim quotes; plus one citation entity whose claims (one
 *   per source, naming its section and pages) respect the Teams limits (see constants above) and are all
 *   referenced in the text.
 * - `uncertain`: the same, opened by a bold « Réponse incertaine. » / "Uncertain answer." sentence saying these are
 *   the closest passages and may not answer exactly (in words, not by colour), and closed by a hint to rephrase.
 * - `not_covered`: a plain abstention (after the sentence naming the numbered part no document has, when that is
 *   why) listing the covered documents (at most {@link MAX_LISTED_DOCUMENTS}, then
 *   "and N more documents"): title, version and its first few top-level headings (see answers/coverage.ts), then
 *   how many more; no passage.
 * - `counted`: per document version, a line saying how many parts its numbered headings number (« … numérote 10
 *   principes : »), then those headings verbatim as block quotes, each followed by ` [n]`; the sources, citations and
 *   notes as for `answered`, the transparency line saying the count is that of the numbers on the headings found. At most
 *   {@link MAX_CITATIONS} headings are quoted (fewer if the message would not fit); the others are counted.
 * - `empty_index`: says no document is indexed yet and who must ingest them.
 * - `no_subject`: asks what the question is about, with an example (nothing was searched).
 *
 * Pure: no I/O. The serialised activity, with the envelope the adapter adds, always stays under
 * {@link MAX_MESSAGE_BYTES}: trailing quotes are dropped, then a lone quote too long for the message is cut at a word
 * boundary and marked with {@link CUT_MARK}; listed documents are dropped from the end. The user's question is never
 * echoed.
 */
export function renderAnswer(result: AskResult, options: RenderOptions = {}): Partial<Activity> {
  const t = TEXT[result.language];
  const truncated = options.truncatedQuestion
    ? t.truncated(options.truncatedQuestion.originalChars, options.truncatedQuestion.usedChars)
    : null;
  const notice = joinBlocks([options.declareTip ? declareTipText(result.language, options.declareTip) : null, truncated]) || null;
  switch (result.kind) {
    case 'answered':
    case 'uncertain':
      return renderAnswered(result, notice);
    case 'counted': {
      const total = result.series.reduce((n, s) => n + s.headings.length, 0);
      return renderListThatFits(total, MAX_CITATIONS, (shown) => buildCounted(result, shown, notice));
    }
    case 'not_covered': {
      const { language, covered, missingPart } = result;
      const missing = missingPart === undefined ? null : t.missingPart(escapeMarkdown(clip(missingPart, MAX_LISTED_NAME_CHARS)));
      return renderListThatFits(covered.length, MAX_LISTED_DOCUMENTS, (shown) =>
        message(joinBlocks([notice, renderNotCovered(language, covered, shown, missing)])),
      );
    }
    case 'empty_index':
      return message(joinBlocks([notice, t.emptyIndex]));
    case 'no_subject':
      return message(joinBlocks([notice, t.noSubject]));
  }
}

/**
 * Renders a generated answer (see answers/generative.ts) as one Teams message: each sentence, markdown-escaped (the
 * model's text never makes a link or a heading), followed by its markers (`[1][2]`); then the sources of the cited
 * passages (as for quotes), the English note on French passages, and a line saying an AI wrote it from the cited
 * passages; an `uncertain` result keeps its « Réponse incertaine. » opening and its hint. The citation entity is
 * marked `AIGeneratedContent` (Teams shows its "AI generated" label) and has one claim per cited passage: title,
 * link, the passage's opening as abstract, section, version and pages as keywords, and the whole passage, verbatim,
 * with its document, version, section and pages, as the Adaptive Card the citation pop-up shows.
 * @returns null when the message would not fit under {@link MAX_MESSAGE_BYTES} (the caller gives the extractive answer)
 */
export function renderGeneratedAnswer(result: GeneratedFrom, generated: GeneratedAnswer, options: RenderOptions = {}): Partial<Activity> | null {
  const { language } = result;
  const t = TEXT[language];
  const truncated = options.truncatedQuestion
    ? t.truncated(options.truncatedQuestion.originalChars, options.truncatedQuestion.usedChars)
    : null;
  const notice = joinBlocks([options.declareTip ? declareTipText(language, options.declareTip) : null, truncated]) || null;
  const sources = generated.sources.slice(0, MAX_CITATIONS);
  const shown = new Set(sources.map((s) => s.marker));
  const body = generated.sentences
    .map((s) => ({ text: s.text, markers: s.markers.filter((m) => shown.has(m)) }))
    .filter((s) => s.markers.length > 0)
    .map((s) => `${escapeMarkdown(flatten(s.text))} ${s.markers.map((m) => `[${m}]`).join('')}`)
    .join(' ');
  const sourceLines = groupByDocumentVersion(sources)
    .map((group) => `- ${describeDocumentVersion(language, group)}`)
    .join('\n');
  const uncertain = result.kind === 'uncertain';
  const text = joinBlocks([
    notice,
    uncertain ? t.generatedUncertainIntro : t.generatedIntro,
    body,
    `**${t.sources}**\n\n${sourceLines}`,
    language === 'en' ? t.generatedFrenchNote : null,
    uncertain ? t.uncertainHint : null,
    t.generatedTransparency,
  ]);
  const citations = Utilities.getUsedCitations(text, sources.map((s) => generatedCitationOf(language, s))) ?? [];
  const activity = message(text);
  const entity: CitationMessageEntity = {
    type: 'https://schema.org/Message',
    '@type': 'Message',
    '@context': 'https://schema.org',
    '@id': '',
    additionalType: ['AIGeneratedContent'],
    citation: citations,
  };
  activity.entities = [entity];
  return fitsInMessage(activity) ? activity : null;
}

/** A claim of a generated answer: the passage's opening as abstract, the whole passage in the pop-up's card. */
function generatedCitationOf(language: Language, s: Source): ClientCitation {
  const claim = citationOf(s, undefined);
  const where = [
    s.title,
    TEXT[language].version(s.versionLabel, s.publishedOn),
    s.sectionPath.length > 0 ? s.sectionPath.join(' › ') : null,
    formatPages(s.pages),
  ].filter((part): part is string => part !== null);
  const passage = withNoteCallsRaised(s.passageText);
  claim.appearance.text = JSON.stringify({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      // A TextRun is shown as written, where a TextBlock would read the passage's `*`, `_` or `- ` as markdown.
      {
        type: 'RichTextBlock',
        inlines: [{ type: 'TextRun', text: passage.length > MAX_CITATION_CARD_CHARS ? `${cutAtWord(passage, MAX_CITATION_CARD_CHARS)}${CUT_MARK}` : passage }],
      },
      { type: 'TextBlock', text: where.join(' — '), wrap: true, isSubtle: true, size: 'Small' },
    ],
  });
  claim.appearance.encodingFormat = 'application/vnd.microsoft.card.adaptive';
  return claim;
}

/**
 * A quote as rendered: `cut` when `text` is only the start of the sentence (then followed by {@link CUT_MARK});
 * `lead` (see QuotedSentence) when the quote, before it was cut, started mid-list (then preceded by {@link LEAD_MARK}).
 */
type RenderedQuote = QuotedSentence & { cut?: boolean };

/** A result with quotes to show: answered, or uncertain (then labelled as such). */
type QuotedResult = Extract<AskResult, { kind: 'answered' | 'uncertain' }>;

function renderAnswered(result: QuotedResult, notice: string | null): Partial<Activity> {
  const cited = [...result.sources].sort((a, b) => a.marker - b.marker).slice(0, MAX_CITATIONS);
  const citedMarkers = new Set(cited.map((s) => s.marker));
  let kept = result.quotes.filter((q) => citedMarkers.has(q.marker));
  if (kept.length === 0) {
    // A result with no quotable sentence must not become a message with sources but nothing quoted.
    return message(joinBlocks([notice, renderNotCovered(result.language, [], 0)]));
  }
  for (;;) {
    const activity = buildAnswered(result, kept, cited, notice);
    if (fitsInMessage(activity)) return activity;
    if (kept.length === 1) return cutQuoteToFit(result, kept[0]!, cited, notice);
    kept = kept.slice(0, -1);
  }
}

/**
 * The answer with its one quote cut, at a word boundary, to the longest verbatim prefix that lets the message fit.
 * Everything else in a one-source answer is bounded (names clipped, URLs ≤ MAX_URL_CHARS, citation limits), so a
 * prefix always fits; the prefix may be empty only if that bound were broken.
 */
function cutQuoteToFit(result: QuotedResult, quote: QuotedSentence, sources: Source[], notice: string | null): Partial<Activity> {
  const flat = flatten(withNoteCallsRaised(quote.text));
  const lead = quote.lead === true || continuesBefore(quote.text);
  const build = (chars: number): Partial<Activity> =>
    buildAnswered(
      result,
      [{ text: cutAtWord(flat, chars), marker: quote.marker, cut: true, lead, ...(quote.answersHeading !== undefined ? { answersHeading: quote.answersHeading } : {}) }],
      sources,
      notice,
    );
  // Largest prefix length that fits, by bisection; each character is at least one byte, which bounds the search.
  let lo = 0;
  let hi = Math.min(flat.length - 1, MAX_MESSAGE_BYTES);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fitsInMessage(build(mid))) lo = mid;
    else hi = mid - 1;
  }
  return build(lo);
}

/**
 * Between the lines of a quote (a passage's list items end on a line break when they end on no punctuation, see
 * knowledge/passages.ts): a new paragraph of the same Markdown block quote, so that items are not read as one run-on
 * sentence. A single line break inside a block quote is a soft break that Markdown renders as a space.
 */
const QUOTED_LINE_BREAK = '\n>\n> ';

function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function buildAnswered(result: QuotedResult, quotes: RenderedQuote[], sources: Source[], notice: string | null): Partial<Activity> {
  const { language } = result;
  const t = TEXT[language];
  const uncertain = result.kind === 'uncertain';
  const usedMarkers = new Set(quotes.map((q) => q.marker));
  const used = sources.filter((s) => usedMarkers.has(s.marker));
  const quoteBlock = quotes
    .map((q) => {
      const lead = q.lead === true || continuesBefore(q.text) ? LEAD_MARK : '';
      const tail = q.cut || q.trail === true || continuesAfter(q.text) ? CUT_MARK : '';
      const lines = withNoteCallsRaised(q.text).split('\n').map(flatten).filter(Boolean).map(escapeMarkdown);
      const answers = q.answersHeading !== undefined ? t.answers(escapeMarkdown(clip(q.answersHeading, MAX_LISTED_NAME_CHARS))) : '';
      return `> ${lead}${lines.join(QUOTED_LINE_BREAK)}${tail} [${q.marker}]${answers}`;
    })
    .join('\n\n');
  const sourceLines = groupByDocumentVersion(used)
    .map((group) => `- ${describeDocumentVersion(language, group)}`)
    .join('\n');
  const text = joinBlocks([
    notice,
    uncertain ? t.uncertainIntro : t.intro,
    language === 'en' ? t.frenchNote : null,
    quoteBlock,
    `**${t.sources}**\n\n${sourceLines}`,
    uncertain ? t.uncertainHint : null,
    t.transparency,
  ]);
  return quotedMessage(text, used.map((s) => citationOf(s, quotes.find((q) => q.marker === s.marker))));
}

/**
 * The message of an extractive answer: `text`, with Teams' citation entity for the claims its `[n]` markers use (none
 * when it uses none). No `additionalType: ['AIGeneratedContent']`: Teams would label the message "AI generated", which
 * is untrue of a verbatim quote of an official document (or of its numbered headings and their count); the
 * transparency line in the text says how it was assembled.
 */
function quotedMessage(text: string, claims: ClientCitation[]): Partial<Activity> {
  const citations = Utilities.getUsedCitations(text, claims) ?? [];
  const activity = message(text);
  if (citations.length > 0) {
    const entity: CitationMessageEntity = {
      type: 'https://schema.org/Message',
      '@type': 'Message',
      '@context': 'https://schema.org',
      '@id': '',
      citation: citations,
    };
    activity.entities = [entity];
  }
  return activity;
}

/**
 * A `counted` answer quoting the first `shown` headings (in document, then number order) and counting the others
 * under their document's line.
 */
function buildCounted(result: Extract<AskResult, { kind: 'counted' }>, shown: number, notice: string | null): Partial<Activity> {
  const { language } = result;
  const t = TEXT[language];
  let left = shown;
  const quoted: QuotedSentence[] = [];
  const blocks = result.series.map((series: CountedSeries) => {
    const listed = series.headings.slice(0, Math.max(0, left));
    left -= listed.length;
    const version = t.version(series.versionLabel, series.publishedOn);
    const line = t.counted(markdownLink(clip(series.title, MAX_LISTED_NAME_CHARS), series.url), escapeMarkdown(clip(version, MAX_LISTED_NAME_CHARS)), series.count, escapeMarkdown(clip(result.noun, MAX_LISTED_NAME_CHARS)));
    const quotes = listed.map((h) => {
      quoted.push({ text: h.heading, marker: h.marker });
      return `> ${escapeMarkdown(flatten(h.heading))} [${h.marker}]`;
    });
    const hidden = series.headings.length - listed.length;
    return joinBlocks([line, quotes.join('\n>\n'), hidden > 0 ? `(${t.moreHeadings(hidden)})` : null]);
  });
  const usedMarkers = new Set(quoted.map((q) => q.marker));
  const used = result.sources.filter((s) => usedMarkers.has(s.marker));
  const sourceLines = groupByDocumentVersion(used)
    .map((group) => `- ${describeDocumentVersion(language, group)}`)
    .join('\n');
  const text = joinBlocks([
    notice,
    t.countedIntro,
    language === 'en' ? t.frenchNote : null,
    ...blocks,
    used.length > 0 ? `**${t.sources}**\n\n${sourceLines}` : null,
    t.countedTransparency,
  ]);
  return quotedMessage(text, used.map((s) => citationOf(s, quoted.find((q) => q.marker === s.marker))));
}

/**
 * One source line: the document title once (linked to its official URL), its version, the sections all its quoted
 * locations lie in (see DocumentVersionSources.sharedPath), then each quoted location as `(n) section › path, p. N`
 * (`(1, 2) …` when two quotes share it), its path below the shared sections.
 */
function describeDocumentVersion(language: Language, group: DocumentVersionSources): string {
  const t = TEXT[language];
  const shared = group.sharedPath.length > 0 ? `, ${escapeMarkdown(clip(group.sharedPath.join(' › '), MAX_SOURCE_PATH_CHARS))}` : '';
  const head = `${markdownLink(clip(group.title, MAX_LISTED_NAME_CHARS), group.url)} — ${escapeMarkdown(
    clip(t.version(group.versionLabel, group.publishedOn), MAX_LISTED_NAME_CHARS),
  )}${shared}`;
  const entries = group.locations.map(({ markers, sectionPath, pages }) => {
    const parts = [`(${markers.join(', ')})`];
    const own = sectionPath.slice(group.sharedPath.length);
    if (own.length > 0) parts.push(escapeMarkdown(clip(own.join(' › '), MAX_SOURCE_PATH_CHARS)));
    const where = [parts.join(' '), formatPages(pages)].filter((p): p is string => p !== null);
    // `(1) p. 12` after a marker alone (the location is the shared section itself), `(2) Article 4, p. 12` else.
    return where.join(own.length > 0 ? ', ' : ' ');
  });
  return `${head}${t.colon}${entries.join(t.semicolon)}`;
}

function citationOf(s: Source, quote: QuotedSentence | undefined): ClientCitation {
  const keywords = [s.sectionPath.at(-1), `version ${s.versionLabel}`, formatPages(s.pages)]
    .filter((k): k is string => typeof k === 'string' && k.trim().length > 0)
    .slice(0, MAX_CITATION_KEYWORDS)
    .map((k) => clip(k, MAX_CITATION_KEYWORD_CHARS));
  const claim: ClientCitation = {
    '@type': 'Claim',
    position: s.marker,
    appearance: {
      '@type': 'DigitalDocument',
      name: clip(s.title, MAX_CITATION_NAME_CHARS),
      abstract: clip(withNoteCallsRaised(quote?.text ?? s.passageText), MAX_CITATION_ABSTRACT_CHARS),
      keywords,
    },
  };
  if (isWebUrl(s.url)) claim.appearance.url = s.url;
  return claim;
}

/** The abstention text listing the first `shown` covered documents and counting the others. */
function renderNotCovered(language: Language, covered: CoveredDocument[], shown: number, missing: string | null = null): string {
  const t = TEXT[language];
  if (covered.length === 0) return joinBlocks([t.notCovered, missing, t.noCoverage]);
  const docs = covered.slice(0, shown).map((d) => {
    const title = markdownLink(clip(d.title, MAX_LISTED_NAME_CHARS), d.url);
    const head = `- ${title}, ${escapeMarkdown(clip(t.version(d.versionLabel, d.publishedOn), MAX_LISTED_NAME_CHARS))}`;
    const { listed, more } = headingsToList(d);
    if (listed.length === 0) return head;
    const headings = listed.map((s) => escapeMarkdown(clip(s, MAX_LISTED_NAME_CHARS)));
    if (more > 0) headings.push(t.moreSections(more));
    return `${head}${t.colon}${headings.join(t.semicolon)}`;
  });
  const hidden = covered.length - docs.length;
  if (hidden > 0) docs.push(`- ${t.moreDocuments(hidden)}`);
  return joinBlocks([t.notCovered, missing, `${t.coverageIntro}\n\n${docs.join('\n')}`, t.rephrase]);
}

/**
 * A markdown message activity with the given text: every text reply of the bot is made here, so its French
 * guillemets and colons are held to their words here, once (see bindPunctuation; quoted document text is left
 * verbatim). A reply too big for a message has every run of more than {@link MAX_UNBROKEN_CHARS} characters without
 * a space cut there with `…`: what was typed and is echoed (`/publier` its address, `/source` and `audit` a
 * document id) made a reply over Teams' size limit when it was enormous, and Teams refused it, the person seeing
 * nothing. No sentence has such a run, so the reply keeps its words; lists that do not fit are shortened by their
 * builders (renderListThatFits), which this leaves to them.
 */
export function message(text: string): Partial<Activity> {
  const activity = markdownMessage(bindPunctuation(text));
  if (fitsInMessage(activity)) return activity;
  return markdownMessage((activity.text as string).replace(UNBROKEN_RUN, (run) => `${cutAtWord(run, MAX_UNBROKEN_CHARS)}…`));
}

/** Longest run of characters without a space that a reply too big for a message keeps (see message). */
const MAX_UNBROKEN_CHARS = 2_000;
const UNBROKEN_RUN = new RegExp(`\\S{${MAX_UNBROKEN_CHARS + 1},}`, 'g');

function markdownMessage(text: string): Partial<Activity> {
  return { type: 'message', textFormat: 'markdown', text };
}

function joinBlocks(blocks: Array<string | null>): string {
  return blocks.filter((b): b is string => b !== null && b.length > 0).join('\n\n');
}
