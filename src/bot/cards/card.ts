/**
 * Adaptive Card 1.5 building blocks (what Teams renders), as plain JSON. Pure: no Teams SDK import, so the card
 * builders can be tested by walking their output.
 */
import { bindPunctuation, clip, isWebUrl } from '../render/text.js';

/** Adaptive Cards schema version Teams renders with Universal Actions (`Action.Execute`, `refresh`). */
export const CARD_VERSION = '1.5';

/** Teams refuses an Adaptive Card whose JSON is larger than about 28 KB; builders keep their output under this. */
export const MAX_CARD_BYTES = 28_000;

/** One element of a card body (TextBlock, Container, Input.*, FactSet, ...). */
export interface CardElement {
  type: string;
  [key: string]: unknown;
}

/** A Universal Action: the only kind of button our cards carry. `verb` is served by a registered route. */
export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, unknown>;
  style?: 'positive' | 'destructive';
  /** `none` sends no input values (used where the inputs must not be saved). Default `auto`. */
  associatedInputs?: 'auto' | 'none';
  /**
   * Shown on hover and read by screen readers (Adaptive Cards 1.5): says what a button acts on when several buttons
   * of a card share a title (« Reprendre » on each declaration of a list).
   */
  tooltip?: string;
}

/** Universal Actions automatic refresh; Teams allows at most 60 `userIds` (user MRIs). */
export interface CardRefresh {
  action: { type: 'Action.Execute'; verb: string; data: Record<string, unknown> };
  userIds: string[];
}

/** An Adaptive Card as sent to Teams (compatible with teams-ai's `AdaptiveCard`). */
export interface Card {
  type: 'AdaptiveCard';
  $schema: string;
  version: typeof CARD_VERSION;
  body: CardElement[];
  actions?: ExecuteAction[];
  refresh?: CardRefresh;
  [key: string]: unknown;
}

/** Teams allows at most this many user MRIs in `refresh.userIds`. */
export const MAX_REFRESH_USERS = 60;

/**
 * A card as sent, every text of it that people read passed through bindPunctuation (« and » held to their words, and
 * a colon to the word before it, by a no-break space: see boundText), as message text is; input values, action data
 * and {@link verbatim} elements are left exactly as given.
 */
export function card(body: CardElement[], actions: ExecuteAction[] = [], refresh?: CardRefresh): Card {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: boundText(body) as CardElement[],
    ...(actions.length > 0 ? { actions: boundText(actions) as ExecuteAction[] } : {}),
    ...(refresh ? { refresh: { ...refresh, userIds: refresh.userIds.slice(0, MAX_REFRESH_USERS) } } : {}),
  };
}

/** Elements whose text is a document's, shown verbatim (see {@link verbatim}). */
const VERBATIM = new WeakSet<object>();

/**
 * Marks `element` (a TextBlock quoting a document, a document's headings) as verbatim: {@link card} leaves its text
 * exactly as given, the spaces beside guillemets and colons included. Returns the element itself.
 */
export function verbatim<T extends CardElement>(element: T): T {
  VERBATIM.add(element);
  return element;
}

/** Properties whose string value people read: a TextBlock's text, a label, a title, a button's tooltip. */
const READ_TEXT = new Set(['text', 'title', 'label', 'placeholder', 'tooltip', 'errorMessage', 'altText']);

/**
 * A copy of card JSON with bindPunctuation applied to what people read (READ_TEXT properties, and a fact's value);
 * left as given: {@link verbatim} elements, input values, choices' values and actions' data (what is sent back).
 */
function boundText(node: unknown, inFacts = false): unknown {
  if (Array.isArray(node)) return node.map((item) => boundText(item, inFacts));
  if (!node || typeof node !== 'object' || VERBATIM.has(node)) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'data') copy[key] = value;
    else if (typeof value === 'string') copy[key] = READ_TEXT.has(key) || (inFacts && key === 'value') ? bindPunctuation(value) : value;
    else copy[key] = boundText(value, key === 'facts');
  }
  return copy;
}

/** Size of the card serialised as JSON, in UTF-8 bytes. */
export function cardBytes(value: Card): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * What a TextBlock renderer may interpret inline. Teams renders the Adaptive Card markdown subset: `*` and `_`
 * (emphasis), `[` and `]` (links), and a backslash before one of them (an escape); it supports no HTML, code or
 * strikethrough (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format). Other
 * renderers of the same cards (the Agents Playground, the adaptivecards SDK with markdown-it) are full CommonMark:
 * there a backtick opens code, `<b>` is an HTML tag, `&eacute;` an entity and `~~` strikethrough. Those are escaped
 * too, with the CommonMark backslash (all ASCII punctuation, so every renderer drops the backslash), but only where
 * they could be read as such: `<` before a tag's first character, `&` opening an entity, `~` doubled. A backslash
 * before a character that CommonMark cannot escape (a letter, a digit) would be shown as a backslash — the
 * « \7. Principe » of issue #8 — so `< 5 %`, `R&D`, accents and French punctuation are left as typed. A backslash
 * typed before ASCII punctuation is doubled, since CommonMark would drop it.
 */
const CARD_INLINE_SPECIALS = /\\(?=[!-/:-@[-`{-~])|[*_[\]`]|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)|~(?=~)|(?<=~)~/g;
/**
 * At line start the subset makes a list item of `- `, `+ `, `* ` and `7. `; CommonMark renderers (the adaptivecards
 * SDK's, the Agents Playground's) also make a heading of `#` and a quote of `>`. The escape goes on the punctuation.
 */
const CARD_LIST_MARKER = /^([ \t]*)(?:([-+#>])|(\d+)([.)]))/gm;

/**
 * Text typed by a user (or read from a document), made safe for a TextBlock, which renders the Adaptive Card
 * markdown subset: `*`, `_`, `[`, `]`, backticks, and `<`, `&`, `~` where they would open a tag, an entity or
 * strikethrough are escaped with a backslash (CommonMark escapes, which Teams and the adaptivecards renderers honour;
 * see CARD_INLINE_SPECIALS), a list, heading or quote marker at line start is escaped on its punctuation
 * (`7\. Principe`, `\- item`, `\# titre`); the rest is left as typed; and `{{` is broken so Adaptive Cards'
 * `{{DATE(...)}}` / `{{TIME(...)}}` functions cannot run on it.
 * Shown exactly as written otherwise. Never used for input `value`s (those are plain text and would keep the
 * backslashes).
 */
export function safeText(text: string): string {
  return text
    .replace(CARD_INLINE_SPECIALS, (c) => `\\${c}`)
    .replace(CARD_LIST_MARKER, (_m, space: string, sign: string | undefined, digits: string | undefined, dot: string | undefined) =>
      sign !== undefined ? `${space}\\${sign}` : `${space}${digits}\\${dot}`,
    )
    .replace(/\{\{/g, '{\u200B{');
}

/** A markdown link in a TextBlock, or the safe label alone when the URL is missing or not http(s). */
export function cardLink(label: string, url: string | null | undefined): string {
  const text = safeText(label);
  if (!isWebUrl(url)) return text;
  return `[${text}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}

/** {@link safeText} of a value clipped to `maxChars` (whitespace flattened, `…` when cut). */
export function safeClip(text: string, maxChars: number): string {
  return safeText(clip(text, maxChars));
}

/**
 * Typed text of several lines (a multiline field of a declaration, a review comment) as safe card text of at most
 * `maxChars` characters: each line flattened and escaped as {@link safeClip} does, the lines joined by a paragraph
 * break (`\n\n`, counted as two characters), empty lines dropped, the last line kept clipped with `…`. Clipping the
 * whole text flattened its line breaks, and card markdown joins lines a lone line break separates: either way a
 * comment typed « Ligne un. ⏎ Ligne deux. » showed as one line. A single line gives what safeClip gives.
 */
export function safeLines(text: string, maxChars: number): string {
  const lines = text.split(/\r\n?|\n/).map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line.length > 0);
  const kept: string[] = [];
  let left = maxChars;
  for (const line of lines) {
    if (kept.length > 0) left -= 2;
    if (line.length <= left) {
      kept.push(line);
      left -= line.length;
      continue;
    }
    if (left > 0) kept.push(clip(line, left));
    break;
  }
  return kept.map(safeText).join('\n\n');
}

/** A wrapping TextBlock; `text` must already be safe (our wording, or passed through {@link safeText}). */
export function textBlock(text: string, options: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

/** A heading in a card: a TextBlock with `style: 'heading'`, which screen readers announce as a heading, not as text. */
export function heading(text: string): CardElement {
  return textBlock(text, { size: 'Medium', weight: 'Bolder', style: 'heading' });
}

/**
 * A problem shown to the person: attention colour AND a word (« Erreur : ») so the meaning never rests on colour.
 * @param prefix the localised word, e.g. `Erreur :` / `Error:`
 */
export function problemBlock(prefix: string, text: string): CardElement {
  return textBlock(`**${prefix}** ${text}`, { color: 'Attention', spacing: 'Small' });
}

/**
 * An input's `label` carrying its problem: « Nom du système (obligatoire) — Erreur : au moins 3 caractères. ».
 * The label is the only text Adaptive Cards 1.5 ties to an input (renderers make it the input's accessible name, read
 * when the input gets focus); a TextBlock under the input is not tied to it, and `errorMessage` is shown only when
 * the client's own validation fails (`isRequired`, `regex`), never for a problem the server found. Plain text: labels
 * are not markdown. The word (`Erreur :` / `Error:`) says it is a problem, not a colour.
 */
export function labelWithProblem(label: string, prefix: string, problem: string | null | undefined): string {
  return problem ? `${label} — ${prefix} ${problem}` : label;
}

/** A FactSet; titles are ours, values must already be safe. */
export function factSet(facts: Array<[string, string]>): CardElement {
  return { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) };
}

/** Relative widths (Adaptive Cards column weights) of the label and the value of a {@link factRows} row: 2 to 3. */
export const FACT_LABEL_WEIGHT = 2;
export const FACT_VALUE_WEIGHT = 3;

/**
 * Label–value rows that line up with every other factRows of the card: each row is a ColumnSet whose label column
 * takes FACT_LABEL_WEIGHT parts of the width and the value FACT_VALUE_WEIGHT, whatever the labels. A FactSet sizes
 * its label column on its own longest label, so the sections of one card (summary, nature, effects) did not align.
 * Labels are ours, in bold; values must already be safe. Read in order, label then value, by screen readers.
 */
export function factRows(facts: Array<[string, string]>): CardElement {
  return container(
    facts.map(([title, value], index) => ({
      type: 'ColumnSet',
      ...(index > 0 ? { spacing: 'Small' } : {}),
      columns: [
        { type: 'Column', width: FACT_LABEL_WEIGHT, items: [textBlock(title, { weight: 'Bolder' })] },
        { type: 'Column', width: FACT_VALUE_WEIGHT, items: [textBlock(value)] },
      ],
    })),
  );
}

/** A Container of `items`; `options` are extra Container properties (`style`, `spacing`, `separator`, …). */
export function container(items: CardElement[], options: Record<string, unknown> = {}): CardElement {
  return { type: 'Container', items, ...options };
}

/**
 * A Universal Actions button (`Action.Execute`): Teams sends `verb` and `data` to the bot, which answers with the card
 * that replaces this one. `verb` must be one a route serves (see verbs.ts).
 */
export function execute(title: string, verb: string, data: Record<string, unknown>, options: Partial<ExecuteAction> = {}): ExecuteAction {
  return { type: 'Action.Execute', title, verb, data, ...options };
}
