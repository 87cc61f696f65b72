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
