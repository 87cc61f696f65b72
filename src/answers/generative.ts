import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ownLanguage } from './language.js';
import { maskForModel } from './outbound-mask.js';
import { withNoteCallsRaised } from './quotes.js';
import type { AskResult, Language, Source } from './types.js';

/** One message of a chat-completions request. */
export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** A chat-completions request, as the answer prompt makes it. */
export interface ChatRequest {
  messages: ChatMessage[];
  /** Upper bound of the reply, in tokens (the prompt's `completion.max_tokens`). */
  maxTokens: number;
  temperature: number;
  /** Aborted when the generator gives up waiting (see GENERATION_TIMEOUT_MS): the call must stop then. */
  signal: AbortSignal;
}

/** Why a model call gave no usable text; closed, so the bot logs one of these and never the text itself. */
export type ModelFailure = 'http_error' | 'timeout' | 'network' | 'invalid_response';

/** Thrown by a {@link ChatModel} when the endpoint gives no usable reply. `status` is the HTTP status when there was one. */
export class ModelCallError extends Error {
  constructor(
    readonly reason: ModelFailure,
    readonly status?: number,
  ) {
    super(status === undefined ? `model call failed: ${reason}` : `model call failed: ${reason} (HTTP ${status})`);
    this.name = 'ModelCallError';
  }
}

/**
 * The seam to a language model: one chat completion, its reply's text. Implemented over OpenAI and Azure OpenAI in
 * src/models; tests pass a stub server or a fake.
 * @throws ModelCallError when the endpoint fails, times out, or replies with something other than a completion
 */
export interface ChatModel {
  complete(request: ChatRequest): Promise<string>;
}

/** The answer prompt: `prompts/<name>/skprompt.txt` and the completion settings of its `config.json` (teams-ai layout). */
export interface AnswerPrompt {
  /** The template, with `{{$language}}` and `{{$passages}}` to fill (teams-ai's variable syntax). */
  template: string;
  maxTokens: number;
  temperature: number;
}

/** The part of teams-ai's prompt `config.json` (schema 1.1) that Balises reads; other keys are allowed and ignored. */
const PromptConfig = z
  .object({
    schema: z.literal(1.1),
    type: z.literal('completion'),
    completion: z
      .object({
        max_tokens: z.number().int().min(16).max(4096),
        temperature: z.number().min(0).max(2),
      })
      .passthrough(),
  })
  .passthrough();

/** Thrown when a prompt folder is missing a file or its config.json is not what {@link loadAnswerPrompt} reads. */
export class PromptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromptError';
  }
}

/**
 * Reads a prompt in teams-ai's layout: `dir/config.json` (schema 1.1, `completion.max_tokens` 16–4096,
 * `completion.temperature` 0–2) and `dir/skprompt.txt`, which must hold `{{$passages}}` and `{{$language}}`.
 * @throws PromptError naming the file and what is wrong with it
 */
export function loadAnswerPrompt(dir: string): AnswerPrompt {
  const read = (name: string): string => {
    try {
      return readFileSync(path.join(dir, name), 'utf8');
    } catch (err) {
      throw new PromptError(`${path.join(dir, name)} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  let json: unknown;
  try {
    json = JSON.parse(read('config.json'));
  } catch (err) {
    if (err instanceof PromptError) throw err;
    throw new PromptError(`${path.join(dir, 'config.json')} is not JSON`);
  }
  const config = PromptConfig.safeParse(json);
  if (!config.success) {
    throw new PromptError(`${path.join(dir, 'config.json')}: ${config.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const template = read('skprompt.txt');
  for (const variable of ['{{$passages}}', '{{$language}}']) {
    if (!template.includes(variable)) throw new PromptError(`${path.join(dir, 'skprompt.txt')} must contain ${variable}`);
  }
  return { template, maxTokens: config.data.completion.max_tokens, temperature: config.data.completion.temperature };
}

/** One sentence of a generated answer, as the model wrote it (markers taken out), with the passages it cites. */
export interface GeneratedSentence {
  text: string;
  /** Markers of {@link GeneratedAnswer.sources} (1-based, distinct, in the order the sentence cites them). */
  markers: number[];
}

/**
 * A generated answer kept after checking: only sentences that cite a retrieved passage, and the sources they cite,
 * renumbered 1…n in order of first citation (each source's `passageText` is the verbatim passage).
 */
export interface GeneratedAnswer {
  sentences: GeneratedSentence[];
  sources: Source[];
  /** Sentences of the reply dropped because they cited no retrieved passage. */
  droppedSentences: number;
}

/**
 * Why a generated answer was not given: the model failed (see ModelFailure), nothing it wrote cited a passage, or
 * what it kept is written in the other language than the question's (see writtenIn).
 */
export type FallbackReason = ModelFailure | 'nothing_cited' | 'wrong_language';

/** What the generator gives: an answer to render, or why the extractive answer is given instead. */
export type GenerationOutcome =
  | { kind: 'generated'; answer: GeneratedAnswer }
  | { kind: 'fallback'; reason: FallbackReason; status?: number };

/** A result with passages to answer from. */
export type QuotedResult = Extract<AskResult, { kind: 'answered' | 'uncertain' }>;

/** Writes short answers from retrieved passages (see {@link createAnswerGenerator}). */
export interface AnswerGenerator {
  generate(question: string, result: QuotedResult): Promise<GenerationOutcome>;
}

/**
 * How long the model may take, in ms. Teams redelivers a message its bot has not answered in about 15 s
 * (PLATFORM.md), and retrieval comes first: past this, the extractive answer is given.
 */
export const GENERATION_TIMEOUT_MS = 8_000;
/** Longest passage text given to the model, in characters (a passage is a few paragraphs; a table may be more). */
export const MAX_PROMPT_PASSAGE_CHARS = 3_000;
/** Longest generated answer kept, in characters: sentences past it are left out (the prompt asks for a short answer). */
export const MAX_GENERATED_CHARS = 2_000;
/**
 * Longest part of a reply read, in characters: the most the prompt's largest `max_tokens` (4 096) writes, a few
 * characters a token. An endpoint that ignores it (a proxy, a faulty deployment) sent replies of hundreds of
 * kilobytes, which the checks below read in seconds while every conversation waited.
 */
export const MAX_REPLY_CHARS = 16_000;

const LANGUAGE_NAMES: Record<Language, string> = { fr: 'français du Québec', en: 'English' };

/**
 * Writes a short answer in the question's language from the retrieved passages only, through `model`.
 * The question is masked (see maskForModel) before it is sent; the passages are numbered by their source marker.
 * The reply is checked (see groundReply): a sentence that cites no retrieved passage is dropped, a marker naming
 * no retrieved passage removed. Never throws: a failed, late (after `timeoutMs`, default GENERATION_TIMEOUT_MS) or
 * malformed call, a reply with nothing cited, or one written in the other language than the question's (the prompt
 * asks for the question's language; a model may follow the passages' French instead), gives `fallback` with its reason.
 */
export function createAnswerGenerator(deps: { model: ChatModel; prompt: AnswerPrompt; timeoutMs?: number }): AnswerGenerator {
  const timeoutMs = deps.timeoutMs ?? GENERATION_TIMEOUT_MS;
  return {
    async generate(question, result) {
      const system = deps.prompt.template
        .replaceAll('{{$language}}', () => LANGUAGE_NAMES[result.language])
        // A function, so that a `$&` or `$1` in a passage is copied as written, not read as a replacement pattern.
        .replaceAll('{{$passages}}', () => numberedPassages(result.sources));
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new ModelCallError('timeout'));
        }, timeoutMs);
      });
      let reply: string;
      try {
        reply = await Promise.race([
          deps.model.complete({
            messages: [
              { role: 'system', content: system },
              { role: 'user', content: maskForModel(question) },
            ],
            maxTokens: deps.prompt.maxTokens,
            temperature: deps.prompt.temperature,
            signal: controller.signal,
          }),
          late,
        ]);
      } catch (err) {
        if (err instanceof ModelCallError) return { kind: 'fallback', reason: err.reason, ...(err.status !== undefined ? { status: err.status } : {}) };
        return { kind: 'fallback', reason: 'invalid_response' };
      } finally {
        clearTimeout(timer);
      }
      const answer = groundReply(reply, result.sources);
      if (answer.sentences.length === 0) return { kind: 'fallback', reason: 'nothing_cited' };
      const written = writtenIn(answer);
      return written !== null && written !== result.language ? { kind: 'fallback', reason: 'wrong_language' } : { kind: 'generated', answer };
    },
  };
}

/** What a quoted title or phrase looks like: between « », “ ” or " ", as an English answer names a French document. */
const QUOTED = /«[^»]*»|“[^”]*”|"[^"]*"/gu;

/**
 * The language a kept answer is written in (see ownLanguage), the titles and section headings of the passages it
 * cites and quoted phrases left out: an English answer naming « Énoncé des principes… » is still English. Null when
 * its words say no language.
 */
function writtenIn(answer: GeneratedAnswer): Language | null {
  const names = [...new Set(answer.sources.flatMap((s) => [s.title, ...s.sectionPath]))].filter((n) => n.length > 0).sort((a, b) => b.length - a.length);
  let text = answer.sentences.map((s) => s.text).join(' ').replace(QUOTED, ' ');
  for (const name of names) text = text.split(name).join(' ');
  return ownLanguage(text);
}

/**
 * The passages as the prompt gives them: `[n] title, version, section › path, p. N`, then the text, blank-line apart.
 * A note call of the document (`usagers [1]`) is given in superscript (`usagers¹`, see withNoteCallsRaised): left
 * bracketed, the model took it for passage 1, and copied into a sentence it cited that passage.
 */
function numberedPassages(sources: readonly Source[]): string {
  return sources
    .map((s) => {
      const where = [s.title, `version ${s.versionLabel}`, s.sectionPath.join(' › '), s.pages ? `p. ${s.pages.from}` : '']
        .filter((part) => part.length > 0)
        .join(', ');
      return `[${s.marker}] ${where}\n${withNoteCallsRaised(s.passageText.slice(0, MAX_PROMPT_PASSAGE_CHARS))}`;
    })
    .join('\n\n');
}

/** Runs of digits: « 1 000 », "1,000" and « 30 jours » give 1, 000 and 30 alike in either language. */
function numbersOf(text: string): string[] {
  return text.match(/\d+/g) ?? [];
}

/** A page reference as an answer writes one: « p. 12 », « pp. 12-13 », « page 12 », « pages 12 à 13 », "pages 12–13". */
const PAGE_REFERENCE = /\b(?:pp?\.|pages?)\s*(\d+)(?:\s*(?:[-–]|à|to|and|et)\s*(\d+))?/giu;

/**
 * True when every number of `sentence` (see numbersOf) is in what the prompt showed of one of `sources`: its text
 * (up to MAX_PROMPT_PASSAGE_CHARS), title, version, publication date or section path; a page of a cited passage
 * only where the sentence writes it as a page (see PAGE_REFERENCE): a passage on page 30 does not back « dans les
 * 30 jours ».
 */
function numbersBackedBy(sentence: string, sources: readonly Source[]): boolean {
  const onCitedPage = (n: string) => sources.some((s) => s.pages !== null && Number(n) >= s.pages.from && Number(n) <= s.pages.to);
  const withoutPages = sentence.replace(PAGE_REFERENCE, (reference, from: string, to: string | undefined) =>
    onCitedPage(from) && (to === undefined || onCitedPage(to)) ? ' ' : reference,
  );
  const stated = numbersOf(withoutPages);
  if (stated.length === 0) return true;
  const held = new Set(
    sources.flatMap((s) => numbersOf([s.passageText.slice(0, MAX_PROMPT_PASSAGE_CHARS), s.title, s.versionLabel, s.publishedOn ?? '', ...s.sectionPath].join(' '))),
  );
  return stated.every((n) => held.has(n));
}

/**
 * What Teams turns into a link when a message shows it, even escaped: a web address (`https://…`, `www.…`, a bare
 * host name such as `formulaire.example/ia`) or an e-mail address.
 */
// Each form starts only where a run of its characters starts, with bounded repeats (RFC 1035's 63-character labels,
// RFC 5321's 64-character local part): tried at every position of a long dotted run (« a.a.a.… »), it took seconds.
const ADDRESS =
  /(?<![\p{L}\p{N}._%+-])(?:https?:\/\/|www\.)[^\s<>()[\]]+|(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@(?:[\p{L}\p{N}-]{1,63}\.){1,10}\p{L}{2,24}|(?<![\p{L}\p{N}._%+@-])(?:[a-z0-9-]{1,63}\.){1,10}[a-z]{2,24}(?![\p{L}\p{N}-])(?:\/[^\s<>()[\]]*)?/giu;

/**
 * True when every address of `sentence` (see ADDRESS; compared as `bareAddress`) is in what the prompt showed of one
 * of `sources`: its text (up to MAX_PROMPT_PASSAGE_CHARS) or its source address. The model may repeat a link of a
 * passage, never make one up.
 */
function addressesBackedBy(sentence: string, sources: readonly Source[]): boolean {
  const stated = (sentence.match(ADDRESS) ?? []).map(bareAddress);
  if (stated.length === 0) return true;
  const held = sources.map((s) => `${s.passageText.slice(0, MAX_PROMPT_PASSAGE_CHARS)} ${s.url ?? ''}`.toLowerCase()).join('\n');
  return stated.every((address) => held.includes(address));
}

/** An address as compared: lower case, without its scheme, `www.` or the punctuation that closes the sentence. */
function bareAddress(address: string): string {
  return address
    .toLowerCase()
    .replace(/^(?:https?:\/\/)?(?:www\.)?/u, '')
    .replace(/[.,;:!?»”"')\]]+$/u, '');
}

/** What opens a list item or a heading in markdown (`- `, `* `, `• `, `1. `, `2) `, `## `): not part of a sentence. */
const LINE_OPENING = /^(?:[-*•]|\d{1,2}[.)]|#{1,6})\s+/u;
/** Markdown's bold markers: the prompt asks for plain prose, and shown escaped they would read `**Important**`. */
const BOLD = /\*\*|__/g;

/**
 * A markdown link or image, `[texte](adresse)` or `![texte](adresse "titre")`: the prompt asks for plain prose, and
 * shown escaped it would read as code around an address the client makes clickable. Its text is kept.
 */
const MARKDOWN_LINK = /!?\[([^[\]\n]*)\]\(\s*<?[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*>?(?:\s+"[^"\n]*")?\s*\)/gu;
/** An HTML tag (`<b>`, `</p>`, `<br/>`): the prompt asks for plain prose, and shown escaped it would read as code. */
const HTML_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>\n]*)?\/?>/giu;

/** A group of markers: `[1]`, `[1, 2]`, `[1][3]`, `[1] [3]`. */
const MARKER_GROUP = /(?:\s*\[\s*\d{1,3}(?:\s*[,;]\s*\d{1,3})*\s*\])+/gu;
/** Punctuation that ends a sentence, possibly after its closing quote or bracket. */
const SENTENCE_END = /[.!?…]+[»”")]*$/u;
/**
 * Abbreviations whose full stop ends no sentence, as French and English administrative prose writes them (and as the
 * prompt numbers pages, « p. 12 »): split there, « Voir l’art. 12 de la loi » was shown as « 12 de la loi. »,
 * « (p. 12) » as « 12). ». Left out, as they end sentences as often as not: « etc. », "no.", "me.", « min. », « max. »
 * (a sentence they end would be shown with the cited one after it).
 */
const ABBREVIATION = String.raw`(?<![\p{L}\p{N}])(?:p|pp|art|arts|al|par|para|ch|chap|sect|ss|vol|fig|M|MM|Mme|Mmes|Mlle|Dr|St|Ste|ex|cf|env|approx|c\.-à-d|e\.g|i\.e|vs|éd|réf)\.`;
/** Where a sentence ends inside a run of text: after terminal punctuation followed by a space (not an abbreviation's), or at a line break. */
const SENTENCE_BREAK = new RegExp(String.raw`(?<=[.!?…][»”")]*)(?<!${ABBREVIATION})\s+|\s*\n\s*`, 'iu');

/**
 * Keeps what a model's reply may show: each sentence must end with markers (`… [1]` or `… [1].`) naming passages of
 * `sources` (markers inside it, `Selon [1], …`, count with them); a sentence of a run before the run's markers, or
 * after the last markers, cites nothing and is dropped, as is a sentence whose markers all name unknown passages
 * (unknown markers are removed from the others). A sentence stating a number that none of its cited passages holds
 * (text, title, version, date, section headings, a page written as one) is dropped too (see numbersOf): a made-up deadline, amount or article number is
 * the likeliest invented rule, and digits read the same in French and English. So is a sentence holding a web or
 * e-mail address that none of its cited passages (text or source address) holds (see addressesBackedBy): a link the
 * passages never gave, which Teams would make clickable under an official bot's name. Markdown links keep their text
 * only; HTML tags are removed. Markers are renumbered 1…n in order of first citation, and the cited sources carry
 * their new marker. Sentences past MAX_GENERATED_CHARS are left out, and nothing past MAX_REPLY_CHARS is read.
 * Pure.
 */
export function groundReply(reply: string, sources: readonly Source[]): GeneratedAnswer {
  const byMarker = new Map(sources.map((s) => [s.marker, s]));
  const renumbered = new Map<number, number>();
  const sentences: GeneratedSentence[] = [];
  let dropped = 0;
  let chars = 0;
  // Line breaks are kept: a list item or a heading the model wrote ends where its line does.
  const text = reply
    .slice(0, MAX_REPLY_CHARS)
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .split('\n')
    .map((line) => line.trim().replace(LINE_OPENING, ''))
    .join('\n')
    // A link whose text is a passage number (`[1](…)`) is that passage's marker.
    .replace(MARKDOWN_LINK, (_, label: string) => (/^\s*\d{1,3}\s*$/u.test(label) ? `[${label.trim()}]` : label))
    .replace(HTML_TAG, '')
    .trim();
  let start = 0;
  let buffer = '';
  let pending: number[] = [];
  for (const match of text.matchAll(MARKER_GROUP)) {
    const end = match.index + match[0].length;
    buffer += text.slice(start, match.index);
    pending.push(...[...match[0].matchAll(/\d{1,3}/g)].map((m) => Number(m[0])));
    // Punctuation written after the markers (`… [1].`) belongs to the sentence they close.
    const after = /^[.!?…]+/u.exec(text.slice(end))?.[0] ?? '';
    start = end + after.length;
    const rest = text.slice(start);
    const next = rest.trimStart();
    const closes = after.length > 0 || SENTENCE_END.test(buffer.trimEnd()) || next === '' || /^[^\S\n]*\n/u.test(rest) || /^[\p{Lu}«"“]/u.test(next);
    if (!closes) continue;
    const parts = sentencesOf(buffer);
    buffer = '';
    const markers = pending;
    pending = [];
    const cited = parts.pop();
    dropped += parts.length;
    if (cited === undefined) continue;
    const known = [...new Set(markers)].filter((n) => byMarker.has(n));
    const citedSources = known.map((n) => byMarker.get(n)!);
    if (known.length === 0 || !numbersBackedBy(cited, citedSources) || !addressesBackedBy(cited, citedSources)) {
      dropped++;
      continue;
    }
    const sentence = SENTENCE_END.test(cited) ? cited : `${cited}${after.length > 0 ? after : '.'}`;
    if (chars + sentence.length > MAX_GENERATED_CHARS) break;
    chars += sentence.length;
    for (const n of known) if (!renumbered.has(n)) renumbered.set(n, renumbered.size + 1);
    sentences.push({ text: sentence, markers: known.map((n) => renumbered.get(n)!) });
  }
  dropped += sentencesOf(buffer + text.slice(start)).length;
  const cited = [...renumbered].map(([old, marker]) => ({ ...byMarker.get(old)!, marker }));
  return { sentences, sources: cited, droppedSentences: dropped };
}

/**
 * The sentences of a run of text (see SENTENCE_BREAK), spaces collapsed, without bold markers; pieces holding no
 * letter or digit are none.
 */
function sentencesOf(run: string): string[] {
  return run
    .replace(BOLD, '')
    .split(SENTENCE_BREAK)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => /[\p{L}\p{N}]/u.test(p));
}
