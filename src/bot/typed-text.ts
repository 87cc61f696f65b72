/**
 * Control characters (C0 but tab and line feed, DEL, C1) and unpaired surrogates: invisible or meaningless in typed
 * text, and each one weighs 6 bytes once serialised in a card's JSON (`\u0001`), which can push a card past Teams'
 * limit. Carriage returns go too: a line break is `\n`.
 */
const UNTYPABLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text typed in a card input or a message, as kept: `\r\n` and lone `\r` become `\n`, other control characters and
 * unpaired surrogates are removed. Applied where text enters the bot (card submissions, review comments).
 */
export function cleanTypedText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNTYPABLE, '');
}

/**
 * Unicode's default-ignorable code points (DerivedCoreProperties.txt): zero-width space and joiners, direction marks,
 * byte order mark, soft hyphen, variation selectors… Nothing a reader sees.
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * A message's text as the routes read it: accents composed (NFC) and default-ignorable characters removed, so that
 * text pasted from elsewhere — accents stored decomposed (`e` + U+0301, as macOS file names do), a zero-width space
 * or a byte order mark a web page or a document carries along — matches the command it reads as (`/déclarer`,
 * `aide`). Retrieval drops the same characters from questions (src/retrieval/question-text.ts).
 */
export function messageText(text: string): string {
  return withoutIgnorables(text.normalize('NFC'));
}

/**
 * `text` without its default-ignorable characters (see IGNORABLE). For values that can hold none, such as an e-mail
 * address: one pasted from an HTML e-mail often carries a zero-width space (put there to keep it from becoming a
 * link), which made the address look right and fail validation.
 */
export function withoutIgnorables(text: string): string {
  return text.replace(IGNORABLE, '');
}

/**
 * Where Teams' compose box writes a card inserted by a message extension into the message's text: a
 * `<span itemtype="http://schema.skype.com/InputExtension">` holding only empty spans (`itemprop="cardId"`); the
 * card itself is an attachment. Seen from the Microsoft 365 Agents Playground, which writes what Teams writes.
 */
const INSERTED_CARD = /<span\b[^>]*\bitemtype="https?:\/\/schema\.skype\.com\/InputExtension"[^>]*>(?:\s*<span\b[^>]*>\s*<\/span>)*\s*<\/span>/gi;

/**
 * `text` without the placeholders of cards inserted by a message extension (see INSERTED_CARD): they are markup,
 * not words, and read as a question they were answered « not covered ». Other text is returned as it is.
 */
export function withoutInsertedCards(text: string): string {
  return text.includes('InputExtension') ? text.replace(INSERTED_CARD, ' ').trim() : text;
}
