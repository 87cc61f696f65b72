import type { Activity } from 'botbuilder';
import type { CoveredDocument, Language } from '../../answers/types.js';
import { declareTipText, message, type DeclareTip } from './answer.js';
import type { SmallTalkAct } from '../input.js';
import { MAX_LISTED_DOCUMENTS, MAX_LISTED_NAME_CHARS, renderListThatFits } from './size.js';
import { counted } from '../../plural.js';
import { bindPunctuation, clip, escapeMarkdown, markdownLink } from './text.js';
import { formatDay } from '../cards/labels.js';

/**
 * The bot's fixed messages, in French and English. Pure functions returning message activities; none of them
 * echoes what the user typed.
 */

const WELCOME = {
  fr: [
    'Bonjour! Je suis **Balises**. Je réponds aux questions sur les règles de gouvernance de l’intelligence artificielle dans l’administration publique québécoise en citant les documents officiels indexés.',
    '**Ce que je fais** : je cherche dans les documents indexés et je cite mot pour mot les passages pertinents, avec le document, la version, la section et la page. Si les documents ne couvrent pas votre question, je vous le dis.',
    '**Ce que je ne fais pas** : je ne donne pas d’avis juridique, je n’invente aucune règle et je ne reformule pas les documents. Mes réponses sont produites automatiquement à partir des documents indexés : vérifiez le texte officiel avant de décider.',
    'Tapez `aide` pour savoir comment m’utiliser, ou `sources` pour la liste des documents indexés.',
  ],
  en: [
    'Hello! I am **Balises**. I answer questions about the rules governing artificial intelligence in the Québec public administration, citing the indexed official documents.',
    '**What I do**: I search the indexed documents and quote the relevant passages word for word, with the document, version, section and page. If the documents do not cover your question, I say so.',
    '**What I do not do**: I do not give legal advice, I do not invent rules and I do not paraphrase the documents. My answers are produced automatically from the indexed documents: check the official text before deciding.',
    'Type `help` to learn how to use me, or `sources` to list the indexed documents.',
  ],
} as const;

/**
 * What the welcome says Balises does and does not do when a model writes its answers (docs/teams.md « Generative answers »):
 * the default lines say it never paraphrases, which a generated answer does.
 */
const WELCOME_GENERATIVE = {
  fr: [
    '**Ce que je fais** : je cherche dans les documents indexés, puis une IA rédige une réponse courte à partir des seuls passages trouvés ; chaque phrase renvoie par un numéro [n] au passage cité, que vous pouvez lire mot pour mot, avec le document, la version, la section et la page. Si les documents ne couvrent pas votre question, je vous le dis.',
    '**Ce que je ne fais pas** : je ne donne pas d’avis juridique et je n’invente aucune règle : une phrase qui ne renvoie à aucun passage est retirée. Mes réponses sont produites automatiquement à partir des documents indexés : vérifiez le texte officiel avant de décider.',
  ],
  en: [
    '**What I do**: I search the indexed documents, then an AI writes a short answer from the passages found and nothing else; each sentence points with a number [n] to the cited passage, which you can read word for word, with the document, version, section and page. If the documents do not cover your question, I say so.',
    '**What I do not do**: I do not give legal advice and I do not invent rules: a sentence that points to no passage is removed. My answers are produced automatically from the indexed documents: check the official text before deciding.',
  ],
} as const;

/**
 * The welcome's last line in a group chat or a channel, where the bot hears only the messages that mention it: « Tapez
 * `aide` » there led to a message the bot never received.
 */
const WELCOME_SHARED_LAST = {
  fr: 'Ici, mentionnez-moi (@Balises) avec votre question, avec `aide` pour savoir comment m’utiliser ou avec `sources` pour la liste des documents indexés.',
  en: 'Here, mention me (@Balises) with your question, with `help` to learn how to use me or with `sources` to list the indexed documents.',
} as const;

/**
 * The line in French that opens the English welcome. The welcome follows the client locale (welcome.ts): a French-
 * speaking employee whose Teams is in English (the Agents Playground stamps every activity `en-US`) was welcomed in
 * English only, with English buttons, and told nowhere that French works; French comes first (Charte de la langue
 * française, art. 13.1: the administration uses French in an exemplary manner). `personal` says to type, `shared`
 * (group chat, channel) to mention, as WELCOME_SHARED_LAST does.
 */
const WELCOME_FRENCH_FIRST = {
  personal: 'Bonjour! Vous pouvez m’écrire en français : je réponds dans la langue de la question. Tapez `aide` pour savoir comment m’utiliser.',
  shared: 'Bonjour! Vous pouvez m’écrire en français : je réponds dans la langue de la question. Mentionnez-moi (@Balises) avec `aide` pour savoir comment m’utiliser.',
} as const;

const HELP = {
  fr: {
    intro: [
      '**Comment utiliser Balises**',
      (section: string | null) =>
        `Posez votre question en une phrase, en français ou en anglais. Par exemple : « ${exampleQuestionFr(section)} »`,
      'Je réponds en citant les documents officiels indexés, avec un numéro [n] qui renvoie à la source (document, version, section, page). Sous chaque réponse, 👍 ou 👎 nous dit si elle vous a aidé.',
    ],
    commands: 'Commandes :',
    help: '`aide` : ce message',
    sources: '`sources` : les documents indexés et leurs versions',
    declare: '`/déclarer` : déclarer un cas d’utilisation de l’IA à l’inventaire, ou reprendre votre brouillon (dans une conversation personnelle avec moi)',
    mine: '`mes déclarations` : vos déclarations, leur état et celles que des collègues partagent avec vous (« Partager » y donne accès à l’une des vôtres)',
    adminTitle: 'Pour l’équipe de gouvernance :',
    inventory:
      '`inventaire [état]` : toutes les déclarations, ou celles d’un état (en attente de décision, soumise, approuvée…) ; `inventaire IA-AAAA-NNNN` : la fiche d’examen d’une déclaration ; `inventaire exporter [état] [json]` : l’inventaire en fichier (CSV aux colonnes du Portrait, ou JSON complet), remis en conversation personnelle',
    register: '`gouvernance enregistrer` : dans le canal de gouvernance, y recevoir les déclarations à examiner',
    // Files and `/publier` are taken in the personal chat only (routes/documents.ts): elsewhere, « ici » would send
    // an admin's file to a conversation that ignores it.
    submitHere: 'un fichier envoyé ici ou `/publier URL`',
    submitElsewhere: 'un fichier ou `/publier URL`, dans une conversation personnelle avec moi',
    documents: (submit: string) =>
      `${submit} : proposer un document ou une nouvelle version (aperçu avant publication) ; \`historique DOC\`, \`rétablir DOC VERSION\`, \`retirer DOC\`, \`propositions\`, \`audit [DOC]\`, \`signalements\`, \`signalement traité IA-AAAA-NNNN\` ; \`/source DOC URL\` : adresse officielle d’une source suivie par \`balises sync\``,
    // The message extension's title as the manifest gives it (appPackage/manifest.json composeExtensions).
    searchExtension:
      'Pour citer un passage à vos collègues, dans n’importe quelle conversation : dans la zone de rédaction, ouvrez les applications (+ ou …), puis Balises › « Rechercher dans les documents » ; choisissez un passage pour l’insérer, cité, dans votre message.',
    mention: 'Dans une conversation de groupe ou un canal, mentionnez-moi (@Balises) pour que je réponde.',
    files: 'Je ne lis pas les fichiers joints : l’équipe de gouvernance ajoute les documents officiels à l’index.',
  },
  en: {
    intro: [
      '**How to use Balises**',
      'Ask your question in one sentence, in French or English. For example: "Do we have to tell citizens they are talking to an AI?"',
      'I answer by quoting the indexed official documents, with a number [n] pointing to the source (document, version, section, page). The quotes stay in French. Under each answer, 👍 or 👎 tells us whether it helped.',
    ],
    commands: 'Commands:',
    help: '`help`: this message',
    sources: '`sources`: the indexed documents and their versions',
    declare: '`/declare`: declare an AI use case to the inventory, or resume your draft (in a personal chat with me)',
    mine: '`my declarations`: your declarations, their status and those colleagues share with you ("Share" there gives colleagues access to one of yours)',
    adminTitle: 'For the governance team:',
    inventory:
      '`inventory [state]`: every declaration, or those in one state (pending a decision, submitted, approved…); `inventory IA-YYYY-NNNN`: one declaration’s review card; `inventory export [state] [json]`: the inventory as a file (CSV with the Portrait’s columns, or complete JSON), handed over in a personal chat',
    register: '`governance register`: in the governance channel, receive the declarations to review there',
    submitHere: 'a file sent here or `/publish URL`',
    submitElsewhere: 'a file or `/publish URL`, in a personal chat with me',
    documents: (submit: string) =>
      `${submit}: propose a document or a new version (preview before publishing); \`history DOC\`, \`rollback DOC VERSION\`, \`withdraw DOC\`, \`proposals\`, \`audit [DOC]\`, \`flags\`, \`flag handled IA-YYYY-NNNN\`; \`/source DOC URL\`: official address of a source followed by \`balises sync\``,
    // The title an English client shows (appPackage/en-us.json).
    searchExtension:
      'To quote a passage to colleagues, in any chat or channel: in the compose box, open the apps (+ or …), then Balises › "Search the documents"; pick a passage to insert it, cited, into your message.',
    mention: 'In a group chat or a channel, mention me (@Balises) so that I answer.',
    files: 'I do not read attached files: the governance team adds the official documents to the index.',
  },
} as const;

/** The ingest command an operator runs to add documents (see docs/documents.md « Ingest documents »), its placeholder in each language. */
export const INGEST_COMMAND_HINT = {
  fr: 'npm run -s balises -- ingest DOSSIER_OU_FICHIER',
  en: 'npm run -s balises -- ingest FOLDER_OR_FILE',
} as const;
/** The command that loads the verified official sources of data/sources.json (see docs/documents.md « Official sources, kept current »). */
export const SYNC_COMMAND_HINT = 'npm run -s balises -- sync';

const EMPTY_INDEX = {
  fr: {
    none: 'Aucun document n’est encore indexé : je ne peux citer aucun passage pour le moment.',
    others: 'L’équipe de gouvernance doit d’abord ingérer les documents officiels. Un de ses administrateurs peut m’envoyer un document ici, dans une conversation personnelle avec moi.',
    admin: `Pour ajouter des documents : dans Teams, un administrateur de la gouvernance m’envoie le fichier en conversation personnelle (PDF, DOCX, HTML, Markdown), écrit \`/publier URL\`, ou donne l’adresse officielle d’une source suivie avec \`/source IDENTIFIANT URL\` ; sur le serveur de Balises : \`${INGEST_COMMAND_HINT.fr}\` (formats PDF, DOCX, HTML, Markdown, texte) ou \`${SYNC_COMMAND_HINT}\` (sources officielles vérifiées). Puis \`sources\` pour vérifier.`,
  },
  en: {
    none: 'No document is indexed yet: I cannot quote any passage for now.',
    others: 'The governance team must first ingest the official documents. One of its admins can send me a document here, in a personal chat with me.',
    admin: `To add documents: in Teams, a governance admin sends me the file in a personal chat (PDF, DOCX, HTML, Markdown), types \`/publish URL\`, or gives a followed source’s official address with \`/source ID URL\`; on the Balises server: \`${INGEST_COMMAND_HINT.en}\` (PDF, DOCX, HTML, Markdown, text) or \`${SYNC_COMMAND_HINT}\` (verified official sources). Then \`sources\` to check.`,
  },
} as const;

/**
 * Who reads a help or welcome message, which decides what it lists: the declaration commands only when the
 * inventory is configured, the governance commands and the ingest command only for a governance admin.
 */
export interface Audience {
  /** The inventory is configured: `/déclarer` and `mes déclarations` exist. */
  declarations: boolean;
  /** The reader is a governance admin: the governance commands are listed. */
  admin: boolean;
  /**
   * The reader is told how to add documents: a governance admin, or anyone when no admin is configured (a local
   * or trial install, where the reader is the operator).
   */
  operator: boolean;
  /** A personal chat: prompt buttons (suggested actions) are offered; Teams shows none elsewhere. */
  personal: boolean;
}

const SHORT = {
  fr: {
    empty: 'Je n’ai reçu aucune question. Écrivez votre question en une phrase, ou tapez `aide`.',
    noWords: 'Je ne trouve pas de mots dans ce message. Écrivez votre question en une phrase, ou tapez `aide`.',
    attachment:
      'Je ne lis pas encore les fichiers joints. L’équipe de gouvernance ajoute les documents officiels à l’index ; posez-moi plutôt votre question par écrit.',
    insertedCard:
      'Ce message ne contient qu’un passage inséré, sans question : je n’y réponds pas. Pour chercher dans les documents, écrivez votre question en une phrase, ou tapez `aide`.',
    unknownCommand: 'Je ne connais pas cette commande.',
    smallTalk:
      'Bonjour! Je réponds aux questions sur les règles d’utilisation de l’IA dans l’administration en citant les documents officiels indexés. Écrivez votre question en une phrase, ou tapez `aide`.',
    thanks: 'Avec plaisir! Pour une autre question, écrivez-la en une phrase, ou tapez `aide`.',
    acknowledgement: 'C’est noté. Pour une autre question, écrivez-la en une phrase, ou tapez `aide`.',
    followUp:
      'Je réponds à chaque question séparément, sans me souvenir de la précédente : écrivez votre question en entier, avec son sujet (par exemple « Que demande le principe de transparence? »), ou tapez `aide`.',
    rateLimited: 'Vous m’envoyez beaucoup de messages en peu de temps : je ne réponds pas à ceux qui arrivent trop vite. Attendez quelques secondes, puis renvoyez votre dernière question.',
    cardRateLimited:
      'Vous appuyez sur beaucoup de boutons en peu de temps : je n’ai pas traité celui-ci. Rien n’est perdu, la fiche garde ce que vous y avez saisi : attendez quelques secondes, puis appuyez de nouveau sur le bouton.',
    apology: (ref: string) =>
      `Désolé, un problème m’empêche de répondre pour le moment. Réessayez dans quelques minutes; si cela persiste, donnez cette référence au soutien : ${ref}.`,
    sourcesTitle: '**Documents indexés**',
    moreDocuments: (n: number) => `et ${counted(n, 'fr', { one: 'autre document', other: 'autres documents' })}`,
    version: (label: string, date: string | null) => (date ? `version ${label} du ${formatDay(date, 'fr')}` : `version ${label}`),
  },
  en: {
    empty: 'I received no question. Write your question in one sentence, or type `help`.',
    noWords: 'I cannot find any words in this message. Write your question in one sentence, or type `help`.',
    attachment:
      'I do not read attached files yet. The governance team adds the official documents to the index; please type your question instead.',
    insertedCard:
      'This message holds only an inserted passage, with no question: I do not answer it. To search the documents, write your question in one sentence, or type `help`.',
    unknownCommand: 'I do not know this command.',
    smallTalk:
      'Hello! I answer questions on the rules for using AI in public administration, citing the indexed official documents. Write your question in one sentence, or type `help`.',
    thanks: 'You are welcome! For another question, write it in one sentence, or type `help`.',
    acknowledgement: 'Noted. For another question, write it in one sentence, or type `help`.',
    followUp:
      'I answer each question on its own, without remembering the previous one: write your whole question, with its subject (for example "What does the transparency principle require?"), or type `help`.',
    rateLimited: 'You are sending many messages in a short time: I do not answer those that arrive too fast. Wait a few seconds, then send your last question again.',
    cardRateLimited:
      'You are pressing many buttons in a short time: I did not act on this one. Nothing is lost, the card keeps what you typed in it: wait a few seconds, then press the button again.',
    apology: (ref: string) =>
      `Sorry, a problem prevents me from answering right now. Try again in a few minutes; if it persists, give this reference to support: ${ref}.`,
    sourcesTitle: '**Indexed documents**',
    moreDocuments: (n: number) => `and ${counted(n, 'en', { one: 'more document', other: 'more documents' })}`,
    version: (label: string, date: string | null) => (date ? `version ${label}, dated ${formatDay(date, 'en')}` : `version ${label}`),
  },
} as const;

/**
 * Welcome on installation: what the bot does and does not do, that its answers are automatic, how to ask (in a group
 * chat or a channel, by mentioning it: see WELCOME_SHARED_LAST), and — when nothing is indexed yet — that it cannot
 * quote anything (with the ingest command for an admin). In English, opened by a line in French saying French works
 * (see WELCOME_FRENCH_FIRST). Followed by {@link promptsMessage} in a personal chat.
 * @param generative a model writes the answers (see WELCOME_GENERATIVE); default false: answers are quotes
 */
export function welcomeMessage(language: Language, audience: Audience, indexed: boolean, generative = false): Partial<Activity> {
  const lines: string[] = [...WELCOME[language]];
  if (generative) lines.splice(1, 2, ...WELCOME_GENERATIVE[language]);
  const blocks = audience.personal ? lines : [...lines.slice(0, -1), WELCOME_SHARED_LAST[language]];
  if (language === 'en') blocks.unshift(WELCOME_FRENCH_FIRST[audience.personal ? 'personal' : 'shared']);
  if (!indexed) blocks.push(emptyIndexText(language, audience.operator));
  return message(blocks.join('\n\n'));
}

/**
 * The help's line on what an answer is when a model writes the answers (see WELCOME_GENERATIVE), in place of « Je
 * réponds en citant… »: the help must not tell a person that answers are quotes when an AI wrote them.
 */
const HELP_GENERATIVE = {
  fr: 'Une IA rédige une réponse courte à partir des seuls passages trouvés dans les documents officiels indexés ; chaque phrase renvoie par un numéro [n] au passage cité, que vous pouvez lire mot pour mot, avec sa source (document, version, section, page). Sous chaque réponse, 👍 ou 👎 nous dit si elle vous a aidé.',
  en: 'An AI writes a short answer from the passages found in the indexed official documents and nothing else; each sentence points with a number [n] to the cited passage, which you can read word for word, with its source (document, version, section, page). The passages stay in French. Under each answer, 👍 or 👎 tells us whether it helped.',
} as const;

/**
 * Usage text for `aide` / `help`: how to ask, with (in French) an example question on a section of an indexed document
 * (one the index answers, whatever documents are loaded; a general example while none is), then every command the reader
 * may use (declaration commands when the inventory is configured; governance commands for an admin), and where the
 * message extension is (the compose box, in any conversation). Followed by {@link promptsMessage} in a personal chat.
 * @param documents the indexed documents (their top-level section titles give the example)
 * @param generative a model writes the answers (see HELP_GENERATIVE); default false: answers are quotes
 */
export function helpMessage(language: Language, audience: Audience, documents: readonly CoveredDocument[] = [], generative = false): Partial<Activity> {
  return message(helpText(language, audience, exampleSection(documents), generative));
}

/**
 * The help's French example: a question on a section of the indexed documents, or a general one while none is. The
 * example stands between « »; a title quoted inside it takes the second-level marks “ ” (French typography never
 * nests « » in « »).
 */
function exampleQuestionFr(section: string | null): string {
  return section ? escapeMarkdown(`Que dit la section “${section}”?`) : 'Doit-on dire aux citoyens qu’ils parlent à une IA?';
}

/** Longest section title quoted in the help's example, in characters. */
const MAX_EXAMPLE_TITLE_CHARS = 60;

/**
 * The section the help's French example asks about, in reading order of the documents' top-level sections of two
 * words or more and at most MAX_EXAMPLE_TITLE_CHARS: the middle one of the numbered sections (`4. Principe…`, which
 * a question finds by its number, numbered-references.ts), else the middle one of all; null when there is none.
 */
function exampleSection(documents: readonly CoveredDocument[]): string | null {
  const named = documents.flatMap((d) => d.sections).filter((s) => s.length <= MAX_EXAMPLE_TITLE_CHARS && (s.match(/\p{L}{2,}/gu) ?? []).length >= 2);
  const numbered = named.filter((s) => /^\d+[.)]?\s/.test(s));
  const pool = numbered.length ? numbered : named;
  return pool.length ? pool[Math.floor(pool.length / 2)]! : null;
}

/** « No document indexed yet », with how to add documents for an operator, or who must add them for the others. */
function emptyIndexText(language: Language, operator: boolean): string {
  const t = EMPTY_INDEX[language];
  return `${t.none} ${operator ? t.admin : t.others}`;
}

/**
 * The message for `sources` or a question while nothing is indexed (same words as {@link emptyIndexText}), opened
 * by the pointer to the declaration commands when `declareTip` is set (a question about declaring: the inventory
 * works without documents; see declareTipText).
 */
export function emptyIndexMessage(language: Language, operator: boolean, declareTip?: DeclareTip): Partial<Activity> {
  const text = emptyIndexText(language, operator);
  return message(declareTip ? `${declareTipText(language, declareTip)}\n\n${text}` : text);
}

function helpText(language: Language, audience: Audience, section: string | null, generative: boolean): string {
  const t = HELP[language];
  const commands = [t.help, t.sources, ...(audience.declarations ? [t.declare, t.mine] : [])];
  const intro = t.intro.map((line) => (typeof line === 'function' ? line(section) : line));
  if (generative) intro.splice(2, 1, HELP_GENERATIVE[language]);
  const blocks: string[] = [...intro, `${t.commands}\n${commands.map((c) => `- ${c}`).join('\n')}`, t.searchExtension];
  const documents = t.documents(audience.personal ? t.submitHere : t.submitElsewhere);
  if (audience.admin && audience.declarations) blocks.push(`${t.adminTitle}\n- ${t.inventory}\n- ${t.register}\n- ${documents}`);
  // An admin's file is read as a proposed document (see the documents line above); everyone else's is not read.
  blocks.push(t.mention, ...(audience.admin && audience.declarations ? [] : [t.files]));
  return blocks.join('\n\n');
}

/**
 * The commands offered as buttons under the welcome and the help, in the reader's language: the same commands as
 * the manifest's personal-chat prompt starters (appPackage/manifest.json `commandLists`). A button sends its title
 * as the person's own message (`imBack`).
 */
export function promptStarters(language: Language, audience: Pick<Audience, 'declarations'>): string[] {
  const base = language === 'fr' ? ['aide', 'sources'] : ['help', 'sources'];
  if (!audience.declarations) return base;
  return [...base, ...(language === 'fr' ? ['/déclarer', 'mes déclarations'] : ['/declare', 'my declarations'])];
}

/**
 * The prompt buttons (suggested actions, `imBack`) as a short message of their own, sent after the welcome and the
 * help in a personal chat; null elsewhere, where Teams shows no suggested actions. A message of their own because
 * some clients (the Agents Playground) show a message carrying suggested actions as plain text, markdown unrendered.
 */
export function promptsMessage(language: Language, audience: Audience): Partial<Activity> | null {
  if (!audience.personal) return null;
  const starters = promptStarters(language, audience);
  const actions = starters.map((title) => ({ type: 'imBack', title, value: title }));
  // The text names the commands too: Teams hides the buttons once the person has replied, and the text stays.
  return { ...message(`${language === 'fr' ? 'Essayez :' : 'Try:'} ${starters.join(' · ')}`), suggestedActions: { to: [], actions } };
}

/**
 * The indexed documents with version label and date (title linked to the official URL), or "none indexed" (with
 * how to add documents when `operator`, see {@link Audience}).
 * At most MAX_LISTED_DOCUMENTS are listed, then "and N more documents"; fewer when they would not fit in one
 * Teams message (see `renderListThatFits`).
 */
export function sourcesMessage(language: Language, documents: CoveredDocument[], operator = false): Partial<Activity> {
  const t = SHORT[language];
  if (documents.length === 0) return emptyIndexMessage(language, operator);
  return renderListThatFits(documents.length, MAX_LISTED_DOCUMENTS, (shown) => {
    const lines = documents.slice(0, shown).map((d) => {
      const version = clip(t.version(d.versionLabel, d.publishedOn), MAX_LISTED_NAME_CHARS);
      return `- ${markdownLink(clip(d.title, MAX_LISTED_NAME_CHARS), d.url)} — ${escapeMarkdown(version)}`;
    });
    if (shown < documents.length) lines.push(`- ${t.moreDocuments(documents.length - shown)}`);
    return message(`${t.sourcesTitle}\n\n${lines.join('\n')}`);
  });
}

/** Reply to a message whose text is empty once the mention is removed. */
export function emptyQuestionMessage(language: Language): Partial<Activity> {
  return message(SHORT[language].empty);
}

/**
 * Reply to small talk instead of a search that finds nothing: to a greeting, what Balises does and how to ask; to a
 * thanks or an acknowledgement (`ok`, `parfait`), how to ask another question; to a request for more that names no
 * subject (`plus de détails`), that each question is answered on its own, so it must be written whole.
 */
export function smallTalkMessage(language: Language, act: SmallTalkAct = 'greeting'): Partial<Activity> {
  const t = SHORT[language];
  const text = { greeting: t.smallTalk, thanks: t.thanks, acknowledgement: t.acknowledgement, followUp: t.followUp }[act];
  return message(text);
}

/** Reply to a message with no letter or digit (emoji, punctuation only). */
export function noWordsMessage(language: Language): Partial<Activity> {
  return message(SHORT[language].noWords);
}

/** Reply to a message carrying only attachments: files are not read; the governance team ingests documents. */
export function attachmentOnlyMessage(language: Language): Partial<Activity> {
  return message(SHORT[language].attachment);
}

/**
 * Reply to a message carrying only a card inserted from the compose box (a passage found with the message
 * extension): nothing to answer; says how to ask instead, without treating the card as a question or a file.
 */
export function insertedCardMessage(language: Language): Partial<Activity> {
  return message(SHORT[language].insertedCard);
}

/**
 * Reply to an unknown `/command`: says so (without echoing it) and shows the help (see {@link helpMessage}, whose
 * `generative` this takes too).
 */
export function unknownCommandMessage(language: Language, audience: Audience, documents: readonly CoveredDocument[] = [], generative = false): Partial<Activity> {
  return message(`${SHORT[language].unknownCommand}\n\n${helpText(language, audience, exampleSection(documents), generative)}`);
}

/** The one notice to a person over the message rate limit (see bot/rate-limit.ts); later messages get no reply. */
export function rateLimitedMessage(language: Language): Partial<Activity> {
  return message(SHORT[language].rateLimited);
}

/**
 * What a person pressing card buttons over their limit reads (see cardActionPolicy), as the invoke's answer: the card
 * stays as it was, its inputs included, so the same press works once the wait is over.
 */
export function cardRateLimitedText(language: Language): string {
  return bindPunctuation(SHORT[language].cardRateLimited);
}

/** Short apology after a failure, with the reference id that is also in the log. */
export function apologyMessage(language: Language, referenceId: string): Partial<Activity> {
  return message(SHORT[language].apology(referenceId));
}
