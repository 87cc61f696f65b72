import { eng, fra } from 'stopword';

/**
 * Masks personal information in free text before it is stored or sent out: e-mail addresses, telephone numbers (North
 * American and international forms, `+` or `00` first), social insurance numbers (NAS/SIN: 9 digits, spaced or not),
 * Quebec health insurance numbers (RAMQ: 4 letters and 8 digits), file or case numbers (a word such as « dossier »,
 * « file », « no » followed by an identifier with digits; any other run of 5 or more digits too, and 12 or more in
 * groups, as a payment card or a driver's licence is printed), dates of birth and people's names where the words
 * around them say so (see BIRTH_DATE and the NAME_* patterns). General by design: it masks a little too much rather
 * than too little, and never reads the meaning of the text nor consults a list of names. Pure; never throws.
 *
 * Source: a personal information is any information about a natural person that allows them to be identified,
 * directly or indirectly (Act respecting access to documents held by public bodies and the protection of personal
 * information, CQLR c., s. 54, as amended by the Act to modernize legislative provisions as regards the
 * protection of personal information, S.Q. 2021, c. 25, « Loi 25 »): a name and a date of birth are the plainest.
 */

/** What replaces each kind of masked information (kept readable, so a question stays understandable). */
export const MASKS = {
  email: '[courriel]',
  phone: '[téléphone]',
  sin: '[NAS]',
  healthCard: '[RAMQ]',
  fileNumber: '[numéro]',
  birthDate: '[date de naissance]',
  name: '[nom]',
} as const;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Between two groups of digits: a space, a dot or a dash, with a space on either side or not (`418 - 555`). */
const SEP = String.raw`(?:\s?[.-]\s?|\s{1,2})?`;
/**
 * A Quebec health insurance number (NAM, RAMQ): four letters (the surname's first three, the given name's first),
 * then the birth date as year, month (plus 50 for a woman) and day, and two digits, printed `TREM 8001 0112`. Any
 * eight digits are read as one (a mistyped number is as personal), but two years after a four-letter word whose
 * month could be no one's (« pour 2024 2025 »: month 24): see isYearRange. The four letters open a word: `\b` is
 * ASCII-only, and read the end of « Décret 1741-2021 » as a card's letters (« Dé[RAMQ] »).
 */
const HEALTH_CARD = new RegExp(String.raw`(?<![\p{L}\p{N}])[A-Z]{4}${SEP}\d{4}${SEP}\d{4}\b`, 'giu');
/**
 * 3-3-3 digits, separated by spaces, dashes or dots, or 9 digits in a row; glued to the word before it too
 * (« NAS123456789 »), where no word boundary opens the number.
 */
const SIN = new RegExp(String.raw`(?<!\d)\d{3}${SEP}\d{3}${SEP}\d{3}\b`, 'g');
/** +1 (418) 555-0199, 418-555-0199, 418 555 0199, 4185550199, with an optional extension. */
const PHONE = new RegExp(String.raw`(?:\+\d{1,3}${SEP})?(?:\(\d{3}\)|\b\d{3})${SEP}\d{3}${SEP}\d{4}\b(?:\s*(?:poste|ext\.?|x)\s*\d{1,6})?`, 'gi');
/**
 * A number dialled from abroad: `+` or an international call prefix (`00`, `011`), a country code, then groups of
 * digits as each country prints them (`+33 1 42 68 53 00`, `+44 20 7946 0958`, `00 32 2 555 12 34`). ITU-T E.164
 * caps a number at 15 digits; from INTERNATIONAL_MIN_DIGITS on it is a telephone number, not an amount.
 */
const INTERNATIONAL_PHONE = new RegExp(String.raw`(?:\+|\b0{2}${SEP}|\b011${SEP})\d{1,3}(?:${SEP}\(?\d{1,5}\)?){1,6}\b(?:\s*(?:poste|ext\.?|x)\s*\d{1,6})?`, 'gi');
/**
 * Fewest digits (country code included) read as an international number: European numbers have 10 to 13
 * (`+45 12 34 56 78`, `+33 1 42 68 53 00`), and a signed amount (« +15 000 000 $ ») has fewer.
 */
const INTERNATIONAL_MIN_DIGITS = 9;
/** Hyphens and dashes other than `-`: the non-breaking hyphen of a signature, the en dash of a word processor. */
const DASHES = /[\u2010-\u2013\u2212\uFE58\uFE63]/g;
/** Full-width ASCII forms (`４１８`, `＠`), as an East Asian input method types them. */
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_OFFSET = 0xfee0;
/** Invisible characters (zero-width space, joiners, soft hyphen…) a paste can put inside a number or an address. */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
/**
 * « dossier 2024-00123 », « no 12345 », « n° AB-778 », « file #A12-3 », « réf. 889 »: the identifier after the word,
 * its letters glued to its digits or joined by a dash (the flag `i` would read the « s » of « numéros 3 », or the
 * « no » of « cas no 5 », as an identifier's letters).
 */
const FILE_NUMBER = /\b(dossier|file|case|cas|n[o°º]|num[ée]ro|r[ée]f[ée]rence|r[ée]f\.?|matricule)(\s*[:#.]?\s*)([A-Z]{0,4}-?\d[\w/-]*)(?![\w/-]|\.\d)/giu;
/**
 * The words of FILE_NUMBER that number the parts of a text as often as a file: « principe no 4 », « projet de loi
 * no 64 », « le cas 2 du guide », « le numéro 10 de la liste ». After them, a number of at most PART_NUMBER_DIGITS
 * digits alone is such a part, which names no one; « dossier », « matricule », « référence » always name a file.
 */
const PART_NUMBER_WORD = /^(?:cas|case|n[o°º]|num[ée]ro)$/iu;
const PART_NUMBER = /^\d{1,3}$/;
/** A file's word just before « no » or « numéro » (« dossier no 12 », « matricule numéro 45 »): the number is the file's. */
const FILE_WORD_BEFORE = /(?<![\p{L}\p{N}])(?:dossier|matricule|file|case|r[ée]f[ée]rence|r[ée]f\.?)\s*[:#.]?\s*$/iu;
/**
 * What names a legal or administrative instrument just before its number (« l’arrêté numéro 2024-01 », « le
 * règlement 2022-1234 », « la directive 01-2023 », « le C.T. 221234 », « projet de loi no 64 », "CVE-2024-12345"): the
 * number is the instrument's, which names no one and is what the question is about.
 */
const INSTRUMENT_BEFORE = /(?<![\p{L}\p{N}])(?:d[ée]cret|arr[êe]t[ée](?:\s+minist[ée]riel)?|r[èe]glement|directive|loi|C\.\s?T\.|CVE)(?:\s+(?:n[o°º]\.?|num[ée]ro))?[\s-]*$/iu;
/**
 * Digits in groups of 3 to 6 (the last may have 2) joined by single spaces or dashes, after an optional letter, as
 * a payment card (`4520 1234 5678 9012`), a driver's licence (`T6523-120385-08`) or a bank account is printed: an
 * identifier from MIN_GROUPED_DIGITS digits on. LONG_NUMBER sees each group of a card apart, none of 5 digits.
 */
const GROUPED_NUMBER = /\b[A-Z]?\d{3,6}(?:[ -]\d{3,6})+(?:[ -]\d{2})?\b/gi;
/** More digits than a phone number (10, 11 with its country code): an amount in words of three (« 1 250 000 ») has 7. */
const MIN_GROUPED_DIGITS = 12;
/**
 * Any remaining run of 5 or more digits (possibly grouped by dashes): an identifier of some kind, but for the number
 * of a standard (ISO/IEC 42001, ISO 27001, CEI 62443) or of a government decree (« décret 1741-2021 ») or another
 * instrument (INSTRUMENT_BEFORE), which names no one and is what the question is about.
 */
const LONG_NUMBER = /(?<!\b(?:ISO|IEC|CEI|[Dd][ée]cret)(?:\/(?:IEC|CEI))?[\s-]?)\b\d[\d-]{3,}\d\b/g;

/** French and English month names and their usual abbreviations (« févr. », "Sept."), accents optional. */
const MONTH = String.raw`(?:janvier|janv|f[ée]vrier|f[ée]vr?|mars|avril|avr|mai|juin|juillet|juil|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|d[ée]c|january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept?|october|oct|november|nov|december)(?!\p{L})\.?`;
/**
 * A date as people type one: « 3 mars 1980 », « 1er mars », "March 3, 1980", "3rd of March 1980", 1980-03-03,
 * 03/03/1980, 3.3.80, or a year after « en » / "in" (« né en 1980 »).
 */
const DATE = String.raw`(?:\d{1,2}(?:er|re|e|st|nd|rd|th)?\s+(?:de\s+|of\s+)?${MONTH}(?:,?\s+\d{4})?|${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|(?:en|in)\s+\d{4})(?!\p{N})`;
/**
 * A date of birth: the date after a word that says so, French or English (« né le », « née à Rimouski le »,
 * « date de naissance : », « ma date de naissance est le », « DDN », "DOB", "born on", "date of birth is"); the word
 * is kept, the date masked. A date
 * alone names a document or a deadline far more often than a person, and is kept.
 */
const BIRTH_DATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((?:n[ée]e?s?|n[ée]\(e\)|date\s+de\s+naiss(?:ance|\.)|naissance|D\.?D\.?N\.?|D\.?O\.?B\.?|date\s+of\s+birth|birth\s*date|birthday|born)` +
    String.raw`(?:\s+(?:à|a|in|at)\s+[\p{L}'’-]+(?:\s+[\p{L}'’-]+){0,2},?)?\s*(?:[:,-]\s*)?(?:(?:est|était|is|was)\s+)?(?:(?:le|on|the)\s+){0,2})${DATE}`,
  'giu',
);
/**
 * The apostrophes people type inside a name: ASCII `'`, the typographic `’` (U+2019) of word processors and phones,
 * the modifier letter `ʼ` (U+02BC) and the opening quote `‘` (U+2018) some keyboards put there instead.
 */
const APOSTROPHE = "['’ʼ‘]";
/**
 * One part of a name: `Tremblay`, `D’Amours`, `O'Brien`, and `O'brien` as some type it (only after `O`: a capital and
 * an apostrophe before a lower-case letter is otherwise French elision, « J'ai », « D'accord »).
 */
const NAME_PART = String.raw`(?:\p{Lu}${APOSTROPHE}\p{Lu}|O${APOSTROPHE}\p{Ll}|\p{Lu})\p{Ll}+`;
/**
 * A word of a person's name as written in running text: `Tremblay`, `Jean-François`, `D’Amours`, `O'Neil`, and
 * hyphenated surnames with an apostrophe in any part (`D'Amours-Tremblay`, `Côté-O’Brien`).
 */
const NAME_WORD = String.raw`${NAME_PART}(?:(?:-|${APOSTROPHE})(?:\p{Lu}${APOSTROPHE})?\p{Lu}?\p{Ll}+)*`;
/** A surname in capitals, an apostrophe in it or not: `TREMBLAY`, `O'BRIEN`, `D’AMOURS-ROY`. */
const CAPITALS_WORD = String.raw`(?:\p{Lu}${APOSTROPHE})?\p{Lu}{2,}(?:-(?:\p{Lu}${APOSTROPHE})?\p{Lu}{2,})*(?!\p{Ll})`;
/** A word of a name after a civility, where initials (`J.`) and surnames in capitals (`TREMBLAY`) are read too. */
const TITLED_NAME_WORD = String.raw`(?:${NAME_WORD}|${CAPITALS_WORD}|\p{Lu}\.)`;
/** Spaces within a line: a name never runs on to the next line (« Marie Côté\nDirection des TI »). */
const GAP = String.raw`[^\S\r\n]+`;
/**
 * Up to four words of a name, particles between them (`Marie de la Fontaine`, `Ludwig van Beethoven`, `Luc d’Amours`);
 * at least `least` of them (a given name and a surname: 2).
 */
const nameOf = (word: string, least = 1): string =>
  String.raw`${word}(?:(?:${GAP}(?:(?:de|du|des|van|von|der|den|da|di|del|dos|la|le)${GAP})*|${GAP}d${APOSTROPHE})${word}){${least - 1},3}`;
/**
 * A name after a civility, French or English (M., Mme, Mlle, Me, Dr, Dre, monsieur, madame, maître, Mr., Mrs., Ms.,
 * Mx., Miss, Prof.): `Mme Tremblay`, `M. J.-F. ROY`, `madame Côté`. The civility is kept, the name masked. The
 * abbreviations are read with their case (`Me` is the lawyer's, « me » the pronoun); a surname's elided particle
 * in lower case is read with it (`Mme d’Amours`). Words in lower case after a civility are read by
 * LOWER_CASE_NAME_AFTER_CIVILITY, which tells a function (« madame la ministre ») from a name.
 */
const NAME_AFTER_CIVILITY = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((?:MM?\.|Mmes?\.?|Mlles?\.?|Me|Dre?\.?|Prof\.?|Mrs?\.?|Ms\.?|Mx\.?|Miss|[Mm]onsieur|[Mm]adame|[Mm]ademoiselle|[Mm]a[îi]tre|[Dd]octeure?|[Pp]rofesseure?|Professor|Doctor)\s+)(?:d${APOSTROPHE})?${nameOf(TITLED_NAME_WORD)}(?!\p{L})`,
  'gu',
);
/** The civilities (and the space after them) a name typed in lower case is read after: see LOWER_CASE_NAME_AFTER_CIVILITY. */
const CIVILITY_BEFORE_LOWER_CASE = String.raw`(?:[Mm]onsieur|[Mm]adame|[Mm]ademoiselle|M\.|[Mm]mes?\.?|[Mm]lles?\.?|[Mm]rs?\.?|[Mm]s\.|[Dd]re?\.)${GAP}`;
/**
 * A name typed in lower case after a civility, as people type in a chat (« madame julie gagnon », « monsieur jean
 * tremblay », « Mme gagnon », "Mrs. jane doe", "mr smith", « dr. tremblay »): up to three words, kept from the first one that is no name (see
 * isLowerCaseNameWord), so that « madame la ministre », « monsieur le président » and « madame veut savoir » stay.
 * Only the civilities no other word is spelled like: not « me » (the pronoun), nor « maître » (« maître d'œuvre »).
 */
const LOWER_CASE_NAME_AFTER_CIVILITY = new RegExp(
  // A word after the first is never the next civility (« Mme gagnon et M. tremblay »): that one is matched in turn.
  String.raw`(?<![\p{L}\p{N}])(${CIVILITY_BEFORE_LOWER_CASE})` +
    String.raw`(\p{Ll}[\p{L}'’ʼ‘-]*(?:${GAP}(?!${CIVILITY_BEFORE_LOWER_CASE})\p{L}[\p{L}'’ʼ‘-]*){0,2})(?![\p{L}\p{N}])`,
  'gu',
);
/**
 * Lower-case words after a civility that are no name (folded: lower case, no accents): the functions a civility goes
 * with (« madame la ministre », « monsieur le président », "Mr. president"), the verbs a person does something with
 * in a question (« madame demande si », « monsieur voudrait savoir »), and greetings and adverbs (« merci madame
 * bonne journée »); articles, prepositions, pronouns and auxiliaries are `stopword`'s French and English lists.
 */
const NOT_A_LOWER_CASE_NAME = new Set([
  'ministre', 'sous', 'vice', 'president', 'presidente', 'juge', 'directeur', 'directrice', 'secretaire', 'depute',
  'deputee', 'maire', 'mairesse', 'commissaire', 'verificateur', 'verificatrice', 'protecteur', 'protectrice',
  'ombudsman', 'registraire', 'greffier', 'greffiere', 'senateur', 'senatrice', 'premier', 'premiere', 'chef', 'doyen',
  'doyenne', 'recteur', 'rectrice', 'prefet', 'cure', 'abbe', 'professeur', 'professeure', 'docteur', 'docteure',
  'maitre', 'avocat', 'avocate', 'notaire', 'inspecteur', 'inspectrice', 'agent', 'agente', 'conseiller', 'conseillere',
  'coordonnateur', 'coordonnatrice', 'responsable', 'gestionnaire', 'dirigeant', 'dirigeante', 'adjoint', 'adjointe',
  'madame', 'monsieur', 'mademoiselle', 'mesdames', 'messieurs',
  'minister', 'chair', 'chairman', 'chairwoman', 'chairperson', 'speaker', 'judge', 'director', 'secretary', 'mayor',
  'deputy', 'commissioner', 'clerk', 'officer',
  'demande', 'demandait', 'demanderait', 'souhaite', 'souhaitait', 'souhaiterait', 'veut', 'voulait', 'voudrait',
  'aimerait', 'aime', 'desire', 'doit', 'devait', 'devrait', 'peut', 'pouvait', 'pourrait', 'dit', 'disait', 'ecrit',
  'affirme', 'indique', 'mentionne', 'explique', 'precise', 'croit', 'pense', 'trouve', 'refuse', 'accepte', 'recoit',
  'travaille', 'utilise', 'habite', 'vient', 'va', 'fait', 'prend', 'attend', 'cherche', 'voit', 'sait',
  'repond', 'ajoute', 'propose', 'rappelle', 'confirme', 'estime', 'considere', 'suggere', 'insiste', 'constate',
  'soutient', 'signale', 'souligne', 'note', 'pose', 'repete', 'informe', 'travaillait', 'repondait', 'disait',
  'peuvent', 'veulent', 'doivent', 'demandent', 'souhaitent', 'aimeraient', 'voudraient', 'pourraient', 'devraient',
  'disent', 'pensent', 'croient', 'travaillent', 'utilisent', 'attendent', 'cherchent', 'savent', 'viennent', 'vont',
  'font', 'prennent', 'repondent', 'ajoutent', 'proposent',
  'asked', 'asks', 'said', 'says', 'wrote', 'writes', 'wants', 'wanted', 'needs', 'needed', 'thinks', 'thought',
  'works', 'worked', 'uses', 'used', 'called', 'calls', 'replied',
  'aussi', 'egalement', 'toujours', 'jamais', 'encore', 'deja', 'bien', 'tout', 'toute', 'tous', 'toutes', 'seulement',
  'non', 'oui', 'bonjour', 'bonsoir', 'bonne', 'bon', 'journee', 'soiree', 'voici', 'voila',
]);
/** `stopword`'s French and English lists, folded as NOT_A_LOWER_CASE_NAME. */
const STOP_WORDS = new Set([...fra, ...eng].map(fold));

/** Lower case without accents: how NOT_A_LOWER_CASE_NAME and STOP_WORDS are written. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The particle that opens a surname, elided before its vowel (« d’Amours », « O'Brien »), in either case. */
const SURNAME_PARTICLE = new RegExp(String.raw`^[dDoO]${APOSTROPHE}(?=\p{L}{2})`, 'u');

/**
 * Whether `word`, typed after a civility (LOWER_CASE_NAME_AFTER_CIVILITY), reads as a word of a name: each part
 * between hyphens two letters or more and none a function, a verb or a stop word (« jean-françois » is,
 * « peut-elle », « a-t-il », « sous-ministre » are not); a word opening on an elision is not (« l’abbé », « n’a »),
 * but for the particle of a surname (« d’amours », « o’brien »).
 */
function isLowerCaseNameWord(word: string): boolean {
  const bare = word.replace(SURNAME_PARTICLE, '');
  if (ELIDED.test(bare)) return false;
  return bare.split('-').every((part) => {
    const folded = fold(part);
    return /^\p{L}{2,}$/u.test(part) && !STOP_WORDS.has(folded) && !NOT_A_NAME.has(folded) && !NOT_A_LOWER_CASE_NAME.has(folded);
  });
}

/** `words` (LOWER_CASE_NAME_AFTER_CIVILITY's second group) with the name they open masked, the words after it kept. */
function maskLowerCaseName(words: string): string {
  const parts = words.split(/(\s+)/);
  let named = 0;
  while (named < parts.length && isLowerCaseNameWord(parts[named]!)) named += 2;
  if (named === 0) return words;
  return `${MASKS.name}${parts.slice(named - 1).join('')}`;
}
/**
 * Names of AI products and of their makers that people write where a person's name would stand (« un outil appelé
 * Copilot », « Merci, Copilot! »): what the question or the comment is about, never a person. Only words no one is
 * named (« Claude » is a given name as well, and stays masked).
 */
const PRODUCT_NAMES = String.raw`(?:Balises|Copilot|Gemini|Bard|Bing|Perplexity|Midjourney|DeepSeek|OpenAI|Microsoft|Google|Anthropic)(?!\p{L})`;
/** Words a thank-you goes on with, capitalised as some type them (« Merci Beaucoup! », "Thanks Again!"): no signature. */
const THANKS_GO_ON = String.raw`(?:Beaucoup|Encore|Infiniment|Mille|Bien|Pour|Again|So|Very|For|A)(?!\p{L})`;
/**
 * A name after a word that introduces one: « nommée Julie Gagnon », « appelé Marc », « je m’appelle Léa Roy », « mon
 * nom est … », "named John Smith", "called Ann", "my name is …", and a form's label or a pasted e-mail's header
 * (« Nom : Julie Gagnon », « Signé : … », « De : … », "Name: …", "From: …"). Only capitalised words, and no product (PRODUCT_NAMES): neither "called IAG" nor
 * "called ChatGPT" nor "called Copilot" (no name is written in capitals or with one inside after these words).
 */
const NAME_AFTER_CUE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((?:[Nn]omm[ée]e?s?|[Ss]urnomm[ée]e?s?|[Pp]r[ée]nomm[ée]e?s?|[Aa]ppel[ée]e?s?|[Mm]['’]appelle|[Ss]['’]appell?ent?|[Jj]e me nomme|[Mm]on nom est|[Nn]amed|[Cc]alled|[Mm]y name is|(?:[Nn]om(?: complet| de famille)?|[Pp]r[ée]nom|[Ss]ign[ée]e?|[Ss]ignature|(?:[Ff]ull )?[Nn]ame|[Ss]igned|De|À|A|Cc|From|To)[^\S\r\n]*:)\s+)(?!${PRODUCT_NAMES})${nameOf(NAME_WORD)}(?!\p{L})`,
  'gu',
);
/**
 * A name after the words by which a person gives their own (« je m’appelle », « je me nomme », « mon nom est »,
 * « mon prénom c’est », "my name is", "my name's"), written as people type in a chat: in lower case or in capitals
 * (« je m’appelle julie gagnon », "my name is JOHN SMITH"), which NAME_AFTER_CUE leaves, since after « appelé » or
 * "called" a word in lower case is a thing's name. After these words nothing but a name is said: up to three words,
 * up to the first one that goes on with the sentence (NOT_A_NAME: « je m’appelle julie et je travaille… »).
 */
const SELF_NAMED = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((?:je${GAP}m${APOSTROPHE}(?:${GAP})?appelle|je${GAP}me${GAP}nomme|mon${GAP}(?:nom|pr[ée]nom)(?:${GAP}complet|${GAP}de${GAP}famille)?${GAP}(?:est|c${APOSTROPHE}est)|my${GAP}(?:full${GAP})?name${GAP}is|my${GAP}name${APOSTROPHE}s)${GAP})(\p{L}[\p{L}'’ʼ‘-]*(?:${GAP}\p{L}[\p{L}'’ʼ‘-]*){0,2})`,
  'giu',
);
/**
 * Words that go on with the sentence after a name given in lower case (SELF_NAMED): conjunctions, pronouns,
 * prepositions, the verbs of « je travaille », "I work", greetings; a word opening on an elision (« j’aimerais »,
 * « d’abord ») too.
 */
const NOT_A_NAME = new Set([
  'et', 'ou', 'mais', 'pis', 'puis', 'donc', 'car', 'je', 'tu', 'il', 'elle', 'on', 'nous', 'vous', 'moi', 'suis', 'est',
  'de', 'du', 'des', 'la', 'le', 'les', 'un', 'une', 'à', 'a', 'au', 'aux', 'chez', 'pour', 'dans', 'avec', 'sur', 'par',
  'en', 'qui', 'que', 'ici', 'travaille', 'merci', 'bonjour', 'salut', 'svp', 'stp',
  'and', 'or', 'but', 'so', 'i', 'am', 'from', 'at', 'in', 'for', 'with', 'of', 'to', 'the', 'who', 'here', 'work',
  'working', 'please', 'thanks', 'hello', 'hi', 'is',
]);
/** A word opening on an elision (« j’aimerais », « c’est », « qu’on »): never a name typed in lower case. */
const ELIDED = new RegExp(String.raw`^(?:j|c|qu|l|d|m|n|s|t)${APOSTROPHE}`, 'i');

/** `words` (SELF_NAMED's second group) with the name they open masked, the words after it kept. */
function maskSelfNamed(words: string): string {
  const parts = words.split(/(\s+)/);
  let named = 0;
  while (named < parts.length) {
    const word = parts[named]!;
    // After a given name, « d’amours » is the surname's particle, not an elided word going on with the sentence.
    const bare = named > 0 ? word.replace(SURNAME_PARTICLE, '') : word;
    if (NOT_A_NAME.has(bare.toLowerCase()) || ELIDED.test(bare)) break;
    named += 2;
  }
  if (named === 0) return words;
  return `${MASKS.name}${parts.slice(named - 1).join('')}`;
}

/**
 * A given name and a surname (two capitalised words or more) after a word that introduces oneself or a person by
 * their role: « je suis Julie Gagnon », "I'm John Smith", « mon collègue Jean Tremblay », « ma gestionnaire, Julie
 * Gagnon », « la cliente Marie Côté », « le citoyen Marc Roy », "customer Jane Doe". The people a public servant's
 * question is about (a citizen's file, a colleague) are named so, and the question goes to a model's provider. Two
 * words at least, so that a role or an origin said in one capitalised word (« je suis Québécoise », « le client
 * Hydro-Québec ») stays; no product (PRODUCT_NAMES).
 */
const NAME_AFTER_PERSON_WORD = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((?:[Jj]e suis|I['’]m|I am|[Cc]oll[èe]gues?|[Gg]estionnaires?|[Ss]up[ée]rieure?s?|[Pp]atron(?:ne)?s?|[Ee]mploy[ée]e?s?|[Cc]lient(?:e|s|es)?|[Cc]itoyen(?:ne)?s?|[Uu]sag(?:er|ère)s?|[Pp]atient(?:e|s|es)?|[Bb][ée]n[ée]ficiaires?|[Rr]equ[ée]rant(?:e|s|es)?|[Pp]laignant(?:e|s|es)?|[Cc]olleagues?|[Cc]oworkers?|[Mm]anagers?|[Bb]oss|[Ee]mployees?|[Cc]ustomers?|[Cc]itizens?|[Aa]pplicants?|[Cc]omplainants?|[Pp]atients?),?${GAP})(?!${PRODUCT_NAMES})${nameOf(NAME_WORD, 2)}(?!\p{L})`,
  'gu',
);
/**
 * A signature: the capitalised words after a closing word and a comma or a line break, up to a punctuation mark or the
 * end of the line (« Merci, Jean Tremblay », « Merci, Léa, pour… », « Cordialement,\nMarie », "Thanks,\n— Ann Lee"),
 * after « Merci », « Cordialement » or "Thanks" without the comma a chat message leaves out (« Merci Julie Gagnon »),
 * or after a dash opening the last line, two or three of them (« …\n— Julie Gagnon »). Balises, the bot thanked by
 * name, and the products of PRODUCT_NAMES are no signature. Capitalised words alone
 * on a line are not read as a name: « Santé Québec » or « Revenu Québec » closing a comment is written like « Julie
 * Gagnon », and only a list of names would tell them apart.
 */
const SIGNATURE = new RegExp(
  String.raw`((?:(?<![\p{L}\p{N}])(?:[Mm]erci(?: beaucoup)?|[Cc]ordialement|(?:[Ss]inc[èe]res |[Mm]eilleures |[Bb]ien )?[Ss]alutations(?: distingu[ée]es)?|[Bb]ien à vous|[Bb]onne journée|[Aa]micalement|(?:[Bb]est |[Kk]ind |[Ww]arm )?[Rr]egards|[Tt]hanks(?: again)?|[Tt]hank you|[Ss]incerely(?: yours)?|[Cc]heers|[Bb]est)(?:\s*,\s*|\s*\n\s*)(?:[-—]\s*)?|(?<![\p{L}\p{N}])(?:[Mm]erci|[Cc]ordialement|[Tt]hanks|[Tt]hank you)[^\S\r\n]+|\n\s*[-—]\s*))(?!${PRODUCT_NAMES}|${THANKS_GO_ON})` +
    String.raw`(${nameOf(TITLED_NAME_WORD)})(?=[^\S\r\n]*(?:[.,;:!]|\r?\n|$))`,
  'gu',
);

/**
 * `text` with personal information replaced by the {@link MASKS} labels. It is first read as a reader sees it, so that
 * nothing in how a number or an address was written hides it: full-width forms as ASCII (`４１８`, `＠`), hyphens,
 * en dashes and minus signs as `-`, invisible characters removed; the text kept is that reading.
 */
export function maskPersonalInformation(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(IGNORABLE, '')
    .replace(DASHES, '-')
    .replace(EMAIL, MASKS.email)
    .replace(BIRTH_DATE, (_m, cue: string) => `${cue}${MASKS.birthDate}`)
    .replace(NAME_AFTER_CIVILITY, (_m, civility: string) => `${civility}${MASKS.name}`)
    .replace(LOWER_CASE_NAME_AFTER_CIVILITY, (_m, civility: string, words: string) => `${civility}${maskLowerCaseName(words)}`)
    .replace(NAME_AFTER_CUE, (_m, cue: string) => `${cue}${MASKS.name}`)
    .replace(SELF_NAMED, (_m, cue: string, words: string) => `${cue}${maskSelfNamed(words)}`)
    .replace(NAME_AFTER_PERSON_WORD, (_m, cue: string) => `${cue}${MASKS.name}`)
    .replace(SIGNATURE, (match: string, before: string, name: string, at: number, text: string) =>
      isSignature(before, name, text.slice(at + match.length)) ? `${before}${MASKS.name}` : match,
    )
    .replace(HEALTH_CARD, (match) => (isYearRange(match) ? match : MASKS.healthCard))
    .replace(GROUPED_NUMBER, (match) => (digitCount(match) >= MIN_GROUPED_DIGITS ? MASKS.fileNumber : match))
    .replace(INTERNATIONAL_PHONE, (match) => (digitCount(match) >= INTERNATIONAL_MIN_DIGITS ? MASKS.phone : match))
    .replace(PHONE, (match) => (digitCount(match) >= 10 ? MASKS.phone : match))
    .replace(SIN, (match, at: number, text: string) => (digitCount(match) === 9 && !isAmount(text, at, match) ? MASKS.sin : match))
    .replace(FILE_NUMBER, (match, word: string, separator: string, id: string, at: number, text: string) =>
      PART_NUMBER_WORD.test(word) &&
      !FILE_WORD_BEFORE.test(text.slice(0, at)) &&
      (PART_NUMBER.test(id) || isDate(id) || INSTRUMENT_BEFORE.test(text.slice(0, at + match.length - id.length)))
        ? match
        : `${word}${separator}${MASKS.fileNumber}`,
    )
    .replace(LONG_NUMBER, (match, at: number, text: string) =>
      digitCount(match) >= 5 && !isDate(match) && !INSTRUMENT_BEFORE.test(text.slice(0, at)) ? MASKS.fileNumber : match,
    );
}

/**
 * A currency sign or word just after or just before the number (« 125 000 000 $ », « 150 000 000 de dollars »,
 * "$125 000 000"): an amount, which the question is about (a project's cost, a threshold), never a social insurance
 * number, which nobody writes with a currency.
 */
const CURRENCY_AFTER = /^\s*(?:[kM]?\$|(?:de\s+|d['’])?(?:dollars?|euros?)(?!\p{L})|CAD(?!\p{L})|€)/iu;
const CURRENCY_BEFORE = /(?:\$|CAD|€)\s*$/iu;

/** Whether `match`, found at `at` in `text`, is an amount (see CURRENCY_AFTER). */
function isAmount(text: string, at: number, match: string): boolean {
  return CURRENCY_AFTER.test(text.slice(at + match.length)) || CURRENCY_BEFORE.test(text.slice(0, at));
}

function digitCount(text: string): number {
  return text.replace(/\D/g, '').length;
}

/** A date or a year range (2024-08-07, 2024-01, 2024-2025) names a document or a day, not a person. */
function isDate(text: string): boolean {
  return /^(19|20)\d{2}(-\d{2}){0,2}$/.test(text) || /^(19|20)\d{2}-(19|20)\d{2}$/.test(text);
}

/**
 * Two years (1900–2099) where a health insurance number has its birth year, month and day, whose month is no NAM's
 * (01–12, 51–62 for a woman): « pour 2024 2025 » is a period, not a card.
 */
function isYearRange(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  const month = Number(digits.slice(2, 4));
  const isMonth = (month >= 1 && month <= 12) || (month >= 51 && month <= 62);
  return /^(19|20)\d{2}(19|20)\d{2}$/.test(digits) && !isMonth;
}

/**
 * After a closing word, any name is a signature; after a dash alone, only two or three capitalised
 * words (a given name and a surname) on the last line of the text (`rest`: what follows the name), where one word is
 * as often a title or a place (« — Québec »).
 */
function isSignature(before: string, name: string, rest: string): boolean {
  if (/\p{L}/u.test(before)) return true;
  if (rest.trim().replace(/^[.!]$/, '') !== '') return false;
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  return words.length >= 2 && words.length <= 3 && !/\p{Lu}{2}/u.test(name);
}
