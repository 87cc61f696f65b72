import type { MessagingExtensionAttachment, MessagingExtensionResult } from 'botbuilder';
import type { AskResult, CountedSeries, CoveredDocument, Language, Source } from '../../answers/types.js';
import { card, cardBytes, cardLink, container, MAX_CARD_BYTES, safeClip, safeText, textBlock, verbatim, type Card, type CardElement } from '../cards/card.js';
import { CUT_MARK, MAX_SOURCE_PATH_CHARS } from './answer.js';
import { MAX_LISTED_NAME_CHARS } from './size.js';
import { counted } from '../../plural.js';
import { clip, cutAtWord, formatPages, isWebUrl } from './text.js';
import { formatDay } from '../cards/labels.js';

/**
 * What the search message extension (routes/search-extension.ts) shows in the compose box's result list and inserts
 * into the conversation. Pure: no I/O, no Teams SDK call; the shapes are Bot Framework's `composeExtension` result.
 */

/** Longest passage quoted in an inserted card, in characters: passages are ≤ 2 400 (knowledge/passages.ts), so every one fits whole. */
export const MAX_QUOTED_PASSAGE_CHARS = 4_000;
/** Longest opening of a passage shown in a result's preview, in characters (Teams shows about two lines). */
export const MAX_PREVIEW_TEXT_CHARS = 160;
/** Longest preview title (a section heading), in characters. */
export const MAX_PREVIEW_TITLE_CHARS = 80;
/** Documents listed on the « not covered » card; the others are counted. */
export const MAX_COVERED_LISTED = 5;

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const THUMBNAIL = 'application/vnd.microsoft.card.thumbnail';

const TEXT = {
  fr: {
    hint: 'Tapez une question ou quelques mots (par exemple « transparence envers les citoyens ») : je cherche dans les documents officiels indexés et vous choisissez le passage cité à insérer dans la conversation.',
    rateLimited: 'Vous lancez beaucoup de recherches en peu de temps. Attendez quelques secondes, puis tapez de nouveau votre recherche.',
    shortened: (original: number, used: number) =>
      `Recherche raccourcie : seuls les ${used.toLocaleString('fr-CA')} premiers caractères sur ${original.toLocaleString('fr-CA')} ont servi. `,
    emptyIndex: 'Aucun document n’est encore indexé : il n’y a aucun passage à insérer. L’équipe de gouvernance doit d’abord ingérer les documents officiels.',
    noSubject: 'Cette recherche ne dit pas sur quoi elle porte : tapez son sujet, par exemple « EFVP » ou « principe de transparence ».',
    apology: (ref: string) => `La recherche a échoué de notre côté. Réessayez dans un instant ; si cela persiste, donnez ce numéro à l’équipe de soutien : ${ref}.`,
    uncertainLabel: 'Réponse incertaine',
    uncertain: 'Réponse incertaine : c’est le passage le plus proche trouvé ; il pourrait ne pas répondre exactement à la recherche.',
    notCoveredTitle: 'Non couvert par les documents indexés',
    notCovered: 'Les documents officiels indexés ne couvrent pas cette recherche : Balises ne cite aucun passage plutôt qu’un passage hors sujet.',
    missingPart: (part: string) => `Aucun document indexé n’a de partie numérotée « ${part} ».`,
    covered: 'Documents indexés :',
    moreDocuments: (n: number) => `et ${counted(n, 'fr', { one: 'autre document', other: 'autres documents' })}`,
    rephrase: 'Reformulez avec les termes des documents.',
    quoteLabel: 'Passage cité mot pour mot',
    document: 'Document',
    version: 'Version',
    section: 'Section',
    page: 'Page',
    pageRange: 'Pages',
    link: 'Lien officiel',
    dated: (label: string, date: string | null) => (date ? `${label} (${formatDay(date, 'fr')})` : label),
    frenchNote: null,
    footer: 'Inséré avec Balises à partir des documents officiels indexés, sans texte généré. Ce n’est pas un avis juridique.',
    counted: (title: string, count: number, noun: string) => `${title} numérote ${count} ${noun} :`,
    countedLabel: 'Titres numérotés cités mot pour mot',
    moreHeadings: (n: number) => `et ${counted(n, 'fr', { one: 'autre titre numéroté', other: 'autres titres numérotés' })}, non ${n === 1 ? 'affiché' : 'affichés'} ici`,
    countedFooter:
      'Inséré avec Balises à partir des documents officiels indexés : le nombre est celui des numéros que portent les titres trouvés dans le document, cités mot pour mot, sans texte généré. Ce n’est pas un avis juridique.',
  },
  en: {
    hint: 'Type a question or a few words (for example “transparency towards citizens”): I search the indexed official documents and you pick the cited passage to insert into the conversation.',
    rateLimited: 'You are running many searches in a short time. Wait a few seconds, then type your search again.',
    shortened: (original: number, used: number) =>
      `Search shortened: only the first ${used.toLocaleString('en-CA')} of ${original.toLocaleString('en-CA')} characters were used. `,
    emptyIndex: 'No document is indexed yet: there is no passage to insert. The governance team must first ingest the official documents.',
    noSubject: 'This search does not say what it is about: type its subject, for example "EFVP" or "transparency principle".',
    apology: (ref: string) => `The search failed on our side. Try again in a moment; if it persists, give this number to the support team: ${ref}.`,
    uncertainLabel: 'Uncertain answer',
    uncertain: 'Uncertain answer: this is the closest passage found; it may not answer the search exactly.',
    notCoveredTitle: 'Not covered by the indexed documents',
    notCovered: 'The indexed official documents do not cover this search: Balises quotes no passage rather than an unrelated one.',
    missingPart: (part: string) => `No indexed document has a part numbered “${part}”.`,
    covered: 'Indexed documents:',
    moreDocuments: (n: number) => `and ${counted(n, 'en', { one: 'more document', other: 'more documents' })}`,
    rephrase: 'Rephrase with the words of the documents.',
    quoteLabel: 'Passage quoted word for word',
    document: 'Document',
    version: 'Version',
    section: 'Section',
    page: 'Page',
    pageRange: 'Pages',
    link: 'Official link',
    dated: (label: string, date: string | null) => (date ? `${label} (${formatDay(date, 'en')})` : label),
    frenchNote: 'The quote stays in the original French of the document.',
    footer: 'Inserted with Balises from the indexed official documents, with no generated text. It is not legal advice.',
    counted: (title: string, count: number, noun: string) => `${title} numbers ${count} ${noun}:`,
    countedLabel: 'Numbered headings quoted word for word',
    moreHeadings: (n: number) => `and ${counted(n, 'en', { one: 'more numbered heading', other: 'more numbered headings' })}, not shown here`,
    countedFooter:
      'Inserted with Balises from the indexed official documents: the count is that of the numbers on the headings found in the document, quoted word for word, with no generated text. It is not legal advice.',
  },
} as const;

/** The short hint shown when the search box opens (Teams' `initialRun` query) or holds no words: not an error. */
export function searchHint(language: Language): MessagingExtensionResult {
  return { type: 'message', text: TEXT[language].hint };
}

/** Said instead of results when the person is over the per-person rate limit (bot/rate-limit.ts). */
export function searchRateLimited(language: Language): MessagingExtensionResult {
  return { type: 'message', text: TEXT[language].rateLimited };
}

/** Said instead of results when the search failed; `referenceId` is the one the error log carries. */
export function searchApology(language: Language, referenceId: string): MessagingExtensionResult {
  return { type: 'message', text: TEXT[language].apology(referenceId) };
}

/**
 * The result list of a search, from the outcome of the same `ask` use case that answers questions in chat:
 * - `answered` / `uncertain`: one item per quoted passage, in marker order (the answer's order), sliced by
 *   `skip`/`count` (Teams' paging). Each item is an Adaptive Card quoting the whole passage verbatim (a TextRun,
 *   which renders no markdown; cut at a word with « […] » past {@link MAX_QUOTED_PASSAGE_CHARS}) with its document
 *   (linked to the official URL when there is one), version, section path, pages and link as labelled rows, and a
 *   thumbnail preview (title: the passage's section heading; text: the passage's opening). An `uncertain` item says
 *   « Réponse incertaine » in words, on the card and in the preview, never by colour alone.
 * - `not_covered` (or an answer that quotes nothing): a single item, a card saying the documents do not cover the
 *   search and listing what they cover; no passage.
 * - `counted`: one item per document version whose numbered headings answer the count (answers/types.ts), sliced as
 *   above: a card saying how many parts the document numbers (« … numérote 10 principes : »), those headings verbatim
 *   (a TextRun each, with its page), the document, version and link as labelled rows, and a footer saying the number
 *   is that of the numbers the headings found bear (« Articles 47 à 49 » three); the preview names the count and opens the list of headings.
 * - `empty_index`: a plain message saying nothing is indexed yet.
 * - `no_subject`: a plain message asking for the search's subject (only stop words: nothing was searched).
 * Texts are in `result.language`; quotes stay in the documents' language. A search cut before it was run
 * (`shortened`, from bot/input.ts: longer than MAX_QUESTION_CHARS) says so at the head of the first item's preview
 * on the first page, « Recherche raccourcie : seuls les 2 000 premiers caractères sur 2 600 ont servi. », where the
 * person looks first; the inserted cards, which colleagues read, do not.
 */
export function searchResults(
  result: AskResult,
  page: { skip: number; count: number },
  shortened?: { originalChars: number; usedChars: number },
): MessagingExtensionResult {
  if (result.kind === 'empty_index') return { type: 'message', text: TEXT[result.language].emptyIndex };
  if (result.kind === 'no_subject') return { type: 'message', text: TEXT[result.language].noSubject };
  const notice = shortened && page.skip === 0 ? TEXT[result.language].shortened(shortened.originalChars, shortened.usedChars) : null;
  if (result.kind === 'not_covered') return list([notCoveredItem(result.language, result.covered, result.missingPart)], notice);
  if (result.kind === 'counted') {
    const { language, noun, sources } = result;
    return list(result.series.slice(page.skip, page.skip + page.count).map((s) => countedItem(language, s, noun, sources)), notice);
  }
  const quoted = new Set(result.quotes.map((q) => q.marker));
  const sources = [...result.sources].sort((a, b) => a.marker - b.marker).filter((s) => quoted.has(s.marker));
  if (sources.length === 0) return list([notCoveredItem(result.language, [], undefined)], notice);
  const uncertain = result.kind === 'uncertain';
  return list(sources.slice(page.skip, page.skip + page.count).map((s) => passageItem(result.language, s, uncertain)), notice);
}

/** The result list; `notice`, when given, opens the first item's preview text (cut to fit as the text was). */
function list(attachments: MessagingExtensionAttachment[], notice: string | null): MessagingExtensionResult {
  const [first] = attachments;
  if (notice && first?.preview) {
    const preview = first.preview.content as { text: string };
    first.preview = { ...first.preview, content: { ...preview, text: clip(`${notice}${preview.text}`, MAX_PREVIEW_TEXT_CHARS) } };
  }
  return { type: 'result', attachmentLayout: 'list', attachments };
}

function passageItem(language: Language, s: Source, uncertain: boolean): MessagingExtensionAttachment {
  const t = TEXT[language];
  const passage = s.passageText.length > MAX_QUOTED_PASSAGE_CHARS ? `${cutAtWord(s.passageText, MAX_QUOTED_PASSAGE_CHARS)}${CUT_MARK}` : s.passageText;
  const rows: Array<[string, string]> = [
    [t.document, cardLink(clip(s.title, MAX_LISTED_NAME_CHARS), s.url)],
    [t.version, safeClip(t.dated(s.versionLabel, s.publishedOn), MAX_LISTED_NAME_CHARS)],
  ];
  if (s.sectionPath.length > 0) rows.push([t.section, safeClip(s.sectionPath.join(' › '), MAX_SOURCE_PATH_CHARS)]);
  const pages = formatPages(s.pages);
  if (pages) rows.push([s.pages && s.pages.from !== s.pages.to ? t.pageRange : t.page, safeText(pages)]);
  if (isWebUrl(s.url)) rows.push([t.link, cardLink(s.url, s.url)]);
  const body: CardElement[] = [
    ...(uncertain ? [textBlock(`**${t.uncertain}**`)] : []),
    textBlock(t.quoteLabel, { weight: 'Bolder', spacing: uncertain ? 'Medium' : 'None' }),
    // Shown as written: a TextBlock would read the passage's `*`, `_` or `- ` as markdown.
    verbatim(container([{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: passage }] }], { style: 'emphasis' })),
    ...(t.frenchNote ? [textBlock(t.frenchNote, { isSubtle: true, size: 'Small' })] : []),
    verbatim({ type: 'FactSet', facts: rows.map(([title, value]) => ({ title, value })) }),
    textBlock(t.footer, { isSubtle: true, size: 'Small' }),
  ];
  const heading = s.sectionPath.at(-1) ?? s.title;
  const subtitle = [uncertain ? t.uncertainLabel : null, s.title, `${t.version.toLowerCase()} ${s.versionLabel}`, pages].filter((p): p is string => p !== null);
  return item(card(body), {
    title: clip(heading, MAX_PREVIEW_TITLE_CHARS),
    subtitle: clip(subtitle.join(' — '), MAX_LISTED_NAME_CHARS),
    text: clip(s.passageText, MAX_PREVIEW_TEXT_CHARS),
  });
}

/**
 * A document version's numbered headings that answer a count question, with its count (see searchResults). The card
 * quotes as many headings as fit under MAX_CARD_BYTES (a statute numbers hundreds of articles) and counts the others
 * (« et 103 autres titres numérotés, non affichés ici »); the preview title keeps the count whole and clips the
 * document's title instead, which the subtitle names.
 */
function countedItem(language: Language, series: CountedSeries, noun: string, sources: readonly Source[]): MessagingExtensionAttachment {
  const t = TEXT[language];
  const pagesOf = (marker: number) => formatPages(sources.find((s) => s.marker === marker)?.pages ?? null);
  const shortNoun = clip(noun, MAX_LISTED_NAME_CHARS);
  const line = t.counted(clip(series.title, MAX_LISTED_NAME_CHARS), series.count, shortNoun);
  const rows: Array<[string, string]> = [
    [t.document, cardLink(clip(series.title, MAX_LISTED_NAME_CHARS), series.url)],
    [t.version, safeClip(t.dated(series.versionLabel, series.publishedOn), MAX_LISTED_NAME_CHARS)],
  ];
  if (isWebUrl(series.url)) rows.push([t.link, cardLink(series.url, series.url)]);
  // One RichTextBlock per heading, shown as written: a TextBlock would read a heading's `1.` as a list marker.
  const headings: CardElement[] = series.headings.map((h) => {
    const pages = pagesOf(h.marker);
    return {
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', text: clip(h.heading, MAX_SOURCE_PATH_CHARS) }, ...(pages ? [{ type: 'TextRun', text: ` (${pages})`, isSubtle: true }] : [])],
    };
  });
  const build = (shown: number): Card => {
    const hidden = headings.length - shown;
    return card([
      textBlock(`**${safeText(line)}**`),
      textBlock(t.countedLabel, { weight: 'Bolder', spacing: 'Medium' }),
      verbatim(container(headings.slice(0, shown), { style: 'emphasis' })),
      ...(hidden > 0 ? [textBlock(`(${t.moreHeadings(hidden)})`, { isSubtle: true })] : []),
      ...(t.frenchNote ? [textBlock(t.frenchNote, { isSubtle: true, size: 'Small' })] : []),
      verbatim({ type: 'FactSet', facts: rows.map(([title, value]) => ({ title, value })) }),
      textBlock(t.countedFooter, { isSubtle: true, size: 'Small' }),
    ]);
  };
  let shown = headings.length;
  let built = build(shown);
  // Each heading is at most MAX_SOURCE_PATH_CHARS: dropping them one at a time from the end reaches the limit.
  while (shown > 1 && cardBytes(built) > MAX_CARD_BYTES) built = build(--shown);
  const countOnly = t.counted('', series.count, shortNoun);
  return item(built, {
    title: t.counted(clip(series.title, Math.max(1, MAX_PREVIEW_TITLE_CHARS - countOnly.length)), series.count, shortNoun),
    subtitle: clip(`${series.title} — ${t.version.toLowerCase()} ${series.versionLabel}`, MAX_LISTED_NAME_CHARS),
    text: clip(series.headings.map((h) => h.heading).join(' ; '), MAX_PREVIEW_TEXT_CHARS),
  });
}

function notCoveredItem(language: Language, covered: CoveredDocument[], missingPart: string | undefined): MessagingExtensionAttachment {
  const t = TEXT[language];
  const listed = covered.slice(0, MAX_COVERED_LISTED).map((d) => `- ${cardLink(clip(d.title, MAX_LISTED_NAME_CHARS), d.url)}, ${safeClip(t.dated(d.versionLabel, d.publishedOn), MAX_LISTED_NAME_CHARS)}`);
  if (covered.length > listed.length) listed.push(`- ${t.moreDocuments(covered.length - listed.length)}`);
  const missing = missingPart === undefined ? null : t.missingPart(clip(missingPart, MAX_LISTED_NAME_CHARS));
  const body: CardElement[] = [
    textBlock(`**${t.notCoveredTitle}**`),
    textBlock(t.notCovered),
    ...(missing ? [textBlock(safeText(missing))] : []),
    ...(listed.length > 0 ? [textBlock(t.covered, { weight: 'Bolder' }), verbatim(textBlock(listed.join('\n')))] : []),
    textBlock(t.rephrase),
  ];
  return item(card(body), { title: t.notCoveredTitle, text: clip([t.notCovered, missing].filter(Boolean).join(' '), MAX_PREVIEW_TEXT_CHARS) });
}

function item(content: Card, preview: { title: string; subtitle?: string; text: string }): MessagingExtensionAttachment {
  return { contentType: ADAPTIVE, content, preview: { contentType: THUMBNAIL, content: preview } };
}
