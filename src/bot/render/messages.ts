import type { Activity } from 'botbuilder';
import type { CoveredDocument, Language } from '../../answers/types.js';
import { message } from './answer.js';
import { MAX_LISTED_DOCUMENTS, MAX_LISTED_NAME_CHARS, renderListThatFits } from './size.js';
import { clip, escapeMarkdown, markdownLink } from './text.js';

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
    'Hello! I am **Balises**. I answer questions about the rules governing artificial intelligence in the Québec public administration by quoting the indexed official documents.',
    '**What I do**: I search the indexed documents and quote the relevant passages word for word, with the document, version, section and page. If the documents do not cover your question, I say so.',
    '**What I do not do**: I do not give legal advice, I do not invent rules and I do not paraphrase the documents. My answers are produced automatically from the indexed documents: check the official text before deciding.',
    'Type `help` to learn how to use me, or `sources` to list the indexed documents.',
  ],
} as const;

const HELP = {
  fr: [
    '**Comment utiliser Balises**',
    'Posez votre question en une phrase, en français ou en anglais. Par exemple : « Doit-on dire aux citoyens qu’ils parlent à une IA? »',
    'Je réponds en citant les documents officiels indexés, avec un numéro [n] qui renvoie à la source (document, version, section, page).',
    'Commandes :\n- `aide` : ce message\n- `sources` : les documents indexés et leurs versions',
    'Dans une conversation de groupe ou un canal, mentionnez-moi (@Balises) pour que je réponde.',
    'Je ne lis pas les fichiers joints : l’équipe de gouvernance ajoute les documents officiels à l’index.',
  ],
  en: [
    '**How to use Balises**',
    'Ask your question in one sentence, in French or English. For example: "Do we have to tell citizens they are talking to an AI?"',
    'I answer by quoting the indexed official documents, with a number [n] pointing to the source (document, version, section, page). The quotes stay in French.',
    'Commands:\n- `help`: this message\n- `sources`: the indexed documents and their versions',
    'In a group chat or a channel, mention me (@Balises) so that I answer.',
    'I do not read attached files: the governance team adds the official documents to the index.',
  ],
} as const;

const SHORT = {
  fr: {
    empty: 'Je n’ai reçu aucune question. Écrivez votre question en une phrase, ou tapez `aide`.',
    noWords: 'Je ne trouve pas de mots dans ce message. Écrivez votre question en une phrase, ou tapez `aide`.',
    attachment:
      'Je ne lis pas encore les fichiers joints. L’équipe de gouvernance ajoute les documents officiels à l’index ; posez-moi plutôt votre question par écrit.',
    unknownCommand: 'Je ne connais pas cette commande.',
    apology: (ref: string) =>
      `Désolé, un problème m’empêche de répondre pour le moment. Réessayez dans quelques minutes; si cela persiste, donnez cette référence au soutien : ${ref}.`,
    sourcesTitle: '**Documents indexés**',
    moreDocuments: (n: number) => `et ${n} autre(s) document(s)`,
    version: (label: string, date: string | null) => (date ? `version ${label} du ${date}` : `version ${label}`),
    noSources:
      "Aucun document n’est encore indexé. L’équipe de gouvernance doit d’abord ingérer les documents officiels.",
  },
  en: {
    empty: 'I received no question. Write your question in one sentence, or type `help`.',
    noWords: 'I cannot find any words in this message. Write your question in one sentence, or type `help`.',
    attachment:
      'I do not read attached files yet. The governance team adds the official documents to the index; please type your question instead.',
    unknownCommand: 'I do not know this command.',
    apology: (ref: string) =>
      `Sorry, a problem prevents me from answering right now. Try again in a few minutes; if it persists, give this reference to support: ${ref}.`,
    sourcesTitle: '**Indexed documents**',
    moreDocuments: (n: number) => `and ${n} more document(s)`,
    version: (label: string, date: string | null) => (date ? `version ${label} of ${date}` : `version ${label}`),
    noSources: 'No document is indexed yet. The governance team must first ingest the official documents.',
  },
} as const;

/** Welcome on installation: what the bot does and does not do, and that its answers are automatic. */
export function welcomeMessage(language: Language): Partial<Activity> {
  return message(WELCOME[language].join('\n\n'));
}

/** Usage text for `aide` / `help`. */
export function helpMessage(language: Language): Partial<Activity> {
  return message(HELP[language].join('\n\n'));
}

/**
 * The indexed documents with version label and date (title linked to the official URL), or "none indexed".
 * At most MAX_LISTED_DOCUMENTS are listed, then "and N more document(s)"; fewer when they would not fit in one
 * Teams message (see `renderListThatFits`).
 */
export function sourcesMessage(language: Language, documents: CoveredDocument[]): Partial<Activity> {
  const t = SHORT[language];
  if (documents.length === 0) return message(t.noSources);
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

/** Reply to a message with no letter or digit (emoji, punctuation only). */
export function noWordsMessage(language: Language): Partial<Activity> {
  return message(SHORT[language].noWords);
}

/** Reply to a message carrying only attachments: files are not read; the governance team ingests documents. */
export function attachmentOnlyMessage(language: Language): Partial<Activity> {
  return message(SHORT[language].attachment);
}

/** Reply to an unknown `/command`: says so (without echoing it) and shows the help. */
export function unknownCommandMessage(language: Language): Partial<Activity> {
  return message(`${SHORT[language].unknownCommand}\n\n${HELP[language].join('\n\n')}`);
}

/** Short apology after a failure, with the reference id that is also in the log. */
export function apologyMessage(language: Language, referenceId: string): Partial<Activity> {
  return message(SHORT[language].apology(referenceId));
}
