import type { Attachment } from 'botbuilder';
import type { Language } from '../answers/types.js';
import { cutAtWord } from './render/text.js';

/**
 * Longest question passed to retrieval, in characters. Real questions are a sentence or two; beyond this, filler
 * swamps the signal and costs time, so the text is cut at a word boundary and the user is told.
 */
export const MAX_QUESTION_CHARS = 2_000;

/** The help command's words per language, as regular-expression sources: `aide`, `aide-moi`, `aidez-moi`; `help`,
 *  `help me` (hyphen or space). */
export const HELP_WORDS: Readonly<Record<Language, readonly string[]>> = { fr: ['aide(?:[\\s-]+moi)?', 'aidez[\\s-]+moi'], en: ['help(?:\\s+me)?'] };
/**
 * `aide`, `help`, `/aide`, `/help`, and the whole-message pleas `aide-moi`, `aidez-moi`, `help me` (see HELP_WORDS),
 * any case, optional trailing punctuation. `aide-moi à comprendre…` stays a question.
 */
export const HELP_COMMAND = new RegExp(`^\\s*\\/?(${[...HELP_WORDS.fr, ...HELP_WORDS.en].join('|')})\\s*(?:[.!?]+\\s*)?$`, 'i');
/** `sources`, `/sources` or `source` (`/source` is the admins' official-sources command). */
export const SOURCES_COMMAND = /^\s*(?:\/?sources|source)\s*(?:[.!?]+\s*)?$/i;
/** Any other word after a slash at the start, e.g. `/foo`. */
const SLASH_COMMAND = /^\s*\/[\p{L}\p{N}_-]+(\s|$)/u;
/** A letter or a digit that is not an emoji: ℹ️ (U+2139) is a letter to Unicode, yet says no more than 🤖. */
const HAS_WORD = /(?!\p{Extended_Pictographic})[\p{L}\p{N}]/u;
/** Teams adds a `text/html` copy of the message body as an attachment: it is not a file. */
const BODY_COPY_TYPES = new Set(['text/html', 'text/plain']);
/** An Adaptive Card attachment: what a message extension inserts in the compose box. */
const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * What a message of small talk does: greets, thanks, acknowledges an answer (`ok`, `parfait`, `got it`), or asks
 * for more about the previous answer without naming what (`plus de détails`, `pourquoi?`, `tell me more`): Balises
 * answers each question on its own, so such a follow-up has nothing to search for.
 */
export type SmallTalkAct = 'greeting' | 'thanks' | 'acknowledgement' | 'followUp';

/** Words that make a message small talk, by what they do and language; `any` are said in French and English alike. */
const SMALL_TALK_HEADS: Record<SmallTalkAct, Record<'fr' | 'en' | 'any', ReadonlySet<string>>> = {
  greeting: {
    fr: new Set(['bonjour', 'bonsoir', 'salut', 'allo', 'allô', 'coucou']),
    en: new Set(['hello', 'hi', 'hey']),
    any: new Set(),
  },
  thanks: { fr: new Set(['merci']), en: new Set(['thanks', 'thank', 'cheers']), any: new Set() },
  acknowledgement: {
    fr: new Set(['parfait', 'compris', 'entendu', 'accord', 'génial', 'excellent', 'bien', 'reçu']),
    en: new Set(['okay', 'perfect', 'great', 'noted', 'understood', 'awesome', 'got']),
    any: new Set(['ok', 'super', 'cool', 'top']),
  },
  followUp: {
    fr: new Set([
      'plus', 'davantage', 'pourquoi', 'comment', 'détails', 'détail', 'précisions', 'précision', 'préciser', 'précise',
      'précisez', 'explique', 'expliquez', 'expliquer', 'développe', 'développez', 'développer', 'exemple', 'exemples',
      'suite', 'ensuite',
    ]),
    en: new Set(['more', 'why', 'how', 'details', 'detail', 'elaborate', 'explain', 'expand', 'example', 'examples', 'further']),
    any: new Set(),
  },
};
/**
 * Words that may come with them: politeness (`merci beaucoup`, `bonjour à tous`, `thank you very much`), a word
 * of appreciation for the answer (`c’est très utile`, `that was helpful`, `d’accord`, `got it`), and the pronouns and
 * verbs of a request that names no subject (`peux-tu m’en dire plus`, `can you give me some examples`): never a
 * word that names what is asked about.
 */
const SMALL_TALK_COMPANIONS = {
  fr: new Set([
    'beaucoup', 'mille', 'fois', 'bien', 'bonne', 'journée', 'soirée', 'à', 'tous', 'toutes', 'toi', 'vous', 'encore',
    'c', 'est', 'ça', 'était', 'très', 'vraiment', 'utile', 'clair', 'gentil', 'm', 'a', 'aidé', 'd', 'pour', 'l', 'aide',
    'la', 'réponse', 'et', 'peux', 'pouvez', 'pourrais', 'pourriez', 'tu', 'me', 'moi', 'en', 'y', 'dire', 'donner',
    'donne', 'donnez', 'des', 'de', 'un', 'une', 'svp', 'stp', 's', 'il', 'te', 'plaît', 'plait', 'cela', 'ceci', 'quoi',
    'le', 'les', 'sur', 'ce', 'sujet', 'point', 'là', 'alors', 'mais', 'ton', 'ta', 'tes', 'votre', 'vos',
    'réponses', 'explication', 'explications', 'info', 'infos', 'information', 'informations', 'temps',
  ]),
  en: new Set([
    'you', 'very', 'much', 'a', 'lot', 'good', 'morning', 'afternoon', 'evening', 'there', 'all', 'again',
    'that', 's', 'it', 'is', 'was', 'this', 'so', 'really', 'helpful', 'useful', 'clear', 'nice', 'for', 'the', 'help',
    'answer', 'and', 'can', 'could', 'me', 'tell', 'give', 'some', 'please', 'about', 'on', 'an', 'then', 'but', 'your',
    'answers', 'explanation', 'info', 'information', 'time',
  ]),
} as const;

/**
 * Set phrases that greet (« ça va? », « comment allez-vous? », "how are you?") or ask who Balises is and what it does
 * (« qui es-tu? », « qu’est-ce que tu peux faire? », « Balises, c’est quoi? », « à quoi sers-tu? », "who are you?",
 * "what can you do?", "what is Balises?"), in lower case: each is a
 * greeting, which Balises' greeting answers (what it does, how to ask). Found in the Playground: « Salut Balises, ça
 * va? » and « Qui es-tu? » got « Les documents indexés ne couvrent pas cette question » and the list of every
 * document. Announcing a question without asking it (« Bonjour, j’ai une question », "quick question") is a greeting
 * too: Balises' greeting asks for the question in one sentence, where searching those words quoted a contact address.
 * So are Quebec's « bon matin », asking its name (« c’est quoi ton nom? », "what's your name?"), what it does (« tu
 * fais quoi? », « qu’est-ce que tu sais faire? », "what are you?"), how it works (« comment ça marche? ») and for help
 * (« peux-tu m’aider? », "can you help me?"), each of which was searched and answered with passages.
 * A phrase among other words (« comment ça va se passer pour l’EFVP? », « j’ai une question sur l’EFVP ») leaves
 * those words: a question.
 */
const GREETING_PHRASES: Record<'fr' | 'en', RegExp> = {
  fr: /(?<!\p{L})(?:(?:comment\s+)?(?:ça|ca)\s+va(?:\s+bien)?|comment\s+(?:allez[\s-]+vous|vas[\s-]+tu)|qui\s+(?:es[\s-]+tu|êtes[\s-]+vous)|t['’]es\s+qui|c['’]est\s+quoi\s+balises|balises\s*,?\s*c['’]est\s+quoi|qu['’]est[\s-]+ce\s+que\s+(?:c['’]est\s+que\s+)?balises|à\s+quoi\s+(?:sert\s+balises|sers[\s-]+tu|servez[\s-]+vous|tu\s+sers|vous\s+servez)|que\s+(?:fais|faites|peux|pouvez)[\s-]+(?:tu|vous)(?:\s+faire)?|qu['’]est[\s-]+ce\s+que\s+(?:tu|vous)\s+(?:fais|faites|peux|pouvez)(?:\s+faire)?|j['’](?:ai|aurais)\s+(?:une|deux|quelques)\s+(?:petites?\s+)?questions?|(?:petite\s+)?question\s+rapide|(?:(?:est[\s-]+ce\s+que\s+)?je\s+(?:peux|pourrais)|puis[\s-]+je)\s+(?:te|vous)\s+poser\s+une\s+question|bon\s+matin|(?:c['’]est\s+quoi|quel\s+est)\s+(?:ton|votre)\s+nom|comment\s+(?:tu\s+t['’]appelles|t['’]appelles[\s-]+tu|vous\s+appelez[\s-]+vous)|(?:tu\s+fais|vous\s+faites)\s+quoi|qu['’]est[\s-]+ce\s+que\s+(?:tu\s+sais|vous\s+savez)\s+faire|que\s+(?:sais[\s-]+tu|savez[\s-]+vous)\s+faire|(?:peux|pourrais|pouvez|pourriez)[\s-]+(?:tu|vous)\s+m['’]aider|(?:tu\s+peux|vous\s+pouvez)\s+m['’]aider|comment\s+(?:ça|ca)\s+(?:marche|fonctionne))(?!\p{L})/gu,
  en: /(?<!\p{L})(?:how\s+are\s+you(?:\s+doing)?|how['’]s\s+it\s+going|who\s+are\s+you|what\s+(?:can|do)\s+you\s+do|what(?:\s+is|['’]s)\s+balises|what\s+does\s+balises\s+do|what\s+are\s+you\s+for|i\s+have\s+a\s+(?:quick\s+)?question|quick\s+question|(?:can|may)\s+i\s+ask\s+(?:you\s+)?a\s+question|what\s+are\s+you|what(?:\s+is|['’]s)\s+your\s+name|(?:can|could)\s+you\s+help(?:\s+me)?|what['’]s\s+up|how\s+does\s+(?:it|this)\s+work)(?!\p{L})/gu,
};

/** The name people address Balises by (« Salut Balises », "thanks Balises"): a companion of small talk in both languages. */
const BOT_NAME = 'balises';

/**
 * « Et pour ça? », « pis ça? », "what about that?": a message opening on « et » (Quebec « pis ») or "and"/"what" whose
 * other words only point back (`ça`, "that") among small-talk companions names no subject: it asks about the previous
 * answer, which Balises does not remember, so it is a follow-up, not a question the documents fail to cover.
 */
const POINTING_BACK = {
  fr: { openers: new Set(['et', 'pis', 'puis']), pointers: new Set(['ça', 'cela', 'ceci']) },
  en: { openers: new Set(['and', 'what']), pointers: new Set(['that', 'this', 'it']) },
} as const;

/** True when `words` (lower case) open like a follow-up in `language` and only point back (see POINTING_BACK). */
function pointsBack(words: readonly string[], language: 'fr' | 'en'): boolean {
  const { openers, pointers } = POINTING_BACK[language];
  return (
    words.length > 0 &&
    openers.has(words[0]!) &&
    words.some((w) => pointers.has(w)) &&
    words.every((w) => openers.has(w) || pointers.has(w) || SMALL_TALK_COMPANIONS[language].has(w))
  );
}

/**
 * What a message made only of small talk does and its language (null when its words are said in both, `ok`, `super`:
 * the client's language then), or null when the message says anything else: small talk is answered with how to ask,
 * not searched for (« Merci, c’est très utile! » found statute articles to quote).
 */
function smallTalkOf(text: string): { language: 'fr' | 'en' | null; act: SmallTalkAct } | null {
  const lower = text.toLowerCase();
  // The greeting phrases said (see GREETING_PHRASES), and the text without them.
  const phrased = (['fr', 'en'] as const).filter((language) => lower.search(GREETING_PHRASES[language]) >= 0);
  const rest = phrased.reduce((left, language) => left.replace(GREETING_PHRASES[language], ' '), lower);
  const words = (rest.match(/[\p{L}]+/gu) ?? []).filter((w) => w !== BOT_NAME);
  if (words.length === 0 && phrased.length === 0) return null;
  const acts = Object.keys(SMALL_TALK_HEADS) as SmallTalkAct[];
  const headOf = (word: string, language: 'fr' | 'en' | 'any') => acts.find((act) => SMALL_TALK_HEADS[act][language].has(word));
  const fits = (language: 'fr' | 'en') =>
    words.every((w) => headOf(w, language) !== undefined || headOf(w, 'any') !== undefined || SMALL_TALK_COMPANIONS[language].has(w));
  const found = words.map((w) => ({ own: headOf(w, 'fr') ?? headOf(w, 'en'), any: headOf(w, 'any') }));
  const heads = [...found.flatMap((f) => [f.own, f.any]), ...phrased.map((): SmallTalkAct => 'greeting')].filter((act): act is SmallTalkAct => act !== undefined);
  if (heads.length === 0) {
    const language = (['fr', 'en'] as const).find((l) => pointsBack(words, l));
    return language ? { language, act: 'followUp' } : null;
  }
  // A request for more outweighs the thanks or greeting around it (« Merci, peux-tu m’en dire plus? »).
  const act = (['followUp', 'thanks', 'greeting'] as const).find((a) => heads.includes(a)) ?? 'acknowledgement';
  const french = (phrased.includes('fr') || words.some((w) => headOf(w, 'fr') !== undefined)) && fits('fr');
  const english = (phrased.includes('en') || words.some((w) => headOf(w, 'en') !== undefined)) && fits('en');
  if (french !== english) return { language: french ? 'fr' : 'en', act };
  if (!french && (fits('fr') || fits('en'))) return { language: null, act };
  return null;
}

/** What a message asks for, once the bot's mention is removed. */
export type MessageInput =
  | { kind: 'empty' }
  | { kind: 'small_talk'; language: 'fr' | 'en' | null; act: SmallTalkAct }
  | { kind: 'no_words' }
  | { kind: 'attachment_only' }
  /** Only a card, as a message extension inserts one (a Balises passage shared from the compose box): not a file. */
  | { kind: 'card_only' }
  | { kind: 'unknown_command' }
  | { kind: 'question'; text: string; truncated?: { originalChars: number; usedChars: number } };

/**
 * Classifies a message for the ask route. Help and sources commands are matched earlier by their own routes.
 * @param text activity text with the bot mention already removed (may be undefined)
 * @param attachments activity attachments (files, images, Teams' HTML copy of the body)
 */
export function classifyMessage(text: string | undefined, attachments: Attachment[] | undefined): MessageInput {
  const trimmed = (text ?? '').trim();
  if (trimmed.length === 0) {
    const files = (attachments ?? []).filter((a) => !BODY_COPY_TYPES.has(a.contentType));
    if (files.length === 0) return { kind: 'empty' };
    return files.every((a) => a.contentType === ADAPTIVE_CARD_TYPE) ? { kind: 'card_only' } : { kind: 'attachment_only' };
  }
  if (SLASH_COMMAND.test(trimmed)) return { kind: 'unknown_command' };
  if (!HAS_WORD.test(trimmed)) return { kind: 'no_words' };
  const smallTalk = smallTalkOf(trimmed);
  if (smallTalk) return { kind: 'small_talk', ...smallTalk };
  if (trimmed.length <= MAX_QUESTION_CHARS) return { kind: 'question', text: trimmed };
  const used = cutAtWord(trimmed, MAX_QUESTION_CHARS);
  return { kind: 'question', text: used, truncated: { originalChars: trimmed.length, usedChars: used.length } };
}

/** A word of the family of « déclarer » / "declare", accents folded: `déclarer`, `déclaration`, `declaring`. */
const DECLARE_FAMILY = /^declar(?:er|e|es|ons|ez|ent|ation|ations|ing|ed)?$/;

/**
 * Words and phrases of what the inventory records (text accents folded, lowercase, every non-letter a space): an AI
 * system or use, a project, the inventory itself. « Déclaration » alone says nothing of what is declared (income
 * tax, rights, a conflict of interest…); with one of these it is the inventory's. Words as common elsewhere as in
 * AI governance (`usage`, `use`, `outil`, `tool`, `modèle`) count only in a set phrase (« cas d’usage », "use case")
 * or not at all.
 */
const INVENTORY_FIELD = [
  /\b(?:ia|intelligence artificielle|systemes?|algorithmes?|projets?|pilotes?|inventaire|cas d usages?)\b/,
  /\b(?:ai|artificial intelligence|systems?|algorithms?|projects?|pilots?|inventory|use cases?)\b/,
  /\b(?:chatbots?|robots? conversationnels?|chatgpt|copilot|genai)\b/,
];

/**
 * True when a question speaks of declaring something to the AI inventory (« Je veux déclarer mon projet d’IA,
 * comment faire? », "How do I declare a use case?"): a word of the family of « déclarer » together with a word of
 * the inventory's field (see INVENTORY_FIELD). Its answer then also points to the `/déclarer` command, which a search
 * of the documents cannot do; « ma déclaration de revenus » gets no such pointer.
 */
export function mentionsDeclaring(text: string): boolean {
  const folded = foldWords(text);
  const declares = folded.split(' ').some((word) => DECLARE_FAMILY.test(word));
  return declares && INVENTORY_FIELD.some((field) => field.test(folded));
}

/** `text` accents folded, lowercase, every run of non-letters one space, with a space at each end. */
function foldWords(text: string): string {
  return ` ${text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]+/g, ' ')} `;
}

/** A declaration's number as Balises gives it on receipts and notices (`IA-2026-0001`). */
const DECLARATION_NUMBER = /\bIA-\d{4}-\d{4}\b/i;
/**
 * « ma / mes / notre / nos déclaration(s) », "my / our declaration(s)", accents folded (see foldWords), with the
 * word after it, if any.
 */
const OWN_DECLARATION = / (?:ma|mes|notre|nos|my|our) declarations? (?:([a-z]+) )?/;
/**
 * Words that, right after « ma déclaration », say which other declaration it is (« de revenus », « d’impôts »,
 * « fiscale », "of income", "for customs"): then only a word of the inventory's field makes it the inventory's.
 */
const OTHER_DECLARATION = /^(?:de|d|du|des|of|for|fiscales?|sous|sur|on)$/;

/**
 * Which pointer to the declaration commands opens the answer to a question (see RenderOptions.declareTip):
 * `follow` when it is about declarations already made (« Où en est ma déclaration IA-2026-0001? », "Were my AI
 * declarations approved?", « Où sont mes déclarations? »): it names a declaration's number, or speaks of « ma / mes
 * / notre / nos déclaration(s) » with a word of the inventory's field (see mentionsDeclaring) or alone, in a chat
 * with the bot that takes them (not « ma déclaration de revenus », « fiscale »…: see OTHER_DECLARATION); their state and the governance team's decision are
 * in `mes déclarations`, which the pointer names before `/déclarer`. `declare` for any other question about
 * declaring (see mentionsDeclaring); undefined otherwise.
 */
export function declarationTip(text: string): 'follow' | 'declare' | undefined {
  if (DECLARATION_NUMBER.test(text)) return 'follow';
  const own = OWN_DECLARATION.exec(foldWords(text));
  if (!mentionsDeclaring(text)) return own && !OTHER_DECLARATION.test(own[1] ?? '') ? 'follow' : undefined;
  return own ? 'follow' : 'declare';
}
