import { fold } from './analyse.js';

/**
 * The kind of answer a question asks for, when it asks for a quantity (the NUM answer types of question
 * classification in open-domain question answering: Li & Roth, "Learning question classifiers", COLING 2002). A
 * passage answers such a question only if it states one: `count` needs a number next to the counted noun
 * (`combien de pièces jointes` → `5 pièces jointes`), `money` an amount, `duration` a number and a unit of time.
 * `person` (HUM:ind, "who is the premier?") needs a person's name. Dates are left out on purpose: "when" is often
 * answered without one ("not yet", "after the pilot"); so is "who is responsible" (« qui est le responsable »),
 * answered by a role. A duration is stated by a number and a unit, or by the limits rules give without one
 * (« sans délai », « avec diligence »). A count of parts the documents number under their headings is stated by that
 * numbering instead (numbered-series.ts), which the indexes check when no passage states the count.
 */
export type AnswerType = { kind: 'count'; noun: string } | { kind: 'money' } | { kind: 'duration' } | { kind: 'person' };

const NUMBER_WORDS =
  'un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|cinquante|soixante|cent|cents|mille|million|millions|milliard|milliards|' +
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand|million|billion';
const NUMBER = `(?:\\d[\\d\\s.,]*|(?:${NUMBER_WORDS}))`;
const TIME_UNITS =
  'secondes?|minutes?|heures?|jours?|semaines?|mois|ans|annees?|seconds?|minutes?|hours?|days?|weeks?|months?|years?';
const MONEY = new RegExp(`(?:[$€£]\\s*${NUMBER}|${NUMBER}\\s*(?:[$€£]|\\$|dollars?|euros?|k\\$|m\\$))`, 'u');
const DURATION = new RegExp(`\\b${NUMBER}\\s*(?:${TIME_UNITS})\\b`, 'u');
/** Time limits the law and policy state without a number: `sans délai`, `avec diligence`, `dans les meilleurs
 *  délais`, `dans un délai raisonnable`, `promptement`, `dès que possible`; `without delay`, `promptly`, `as soon as`. */
const QUALITATIVE_DURATION =
  /\b(?:sans (?:delai|retard)|avec diligence|dans les meilleurs delais|dans (?:un|le) delai raisonnable|promptement|des que possible|aussitot que possible|without (?:undue )?delay|promptly|as soon as (?:possible|practicable)|within a reasonable time)\b/u;

/** Question frames, on folded text with apostrophes as spaces. Order matters: money and duration before count. */
const FRAMES: { pattern: RegExp; type: (m: RegExpExecArray) => AnswerType | null }[] = [
  { pattern: /\b(?:combien (?:ca |ça )?(?:coute|coutent|couter|va couter)|quel (?:est le )?(?:prix|cout|tarif)|how much (?:[a-z]+ ){0,5}cost|how much money|what(?: is|'s)? the (?:price|cost))\b/u, type: () => ({ kind: 'money' }) },
  { pattern: /\b(?:how much (?:[a-z]+ ){0,3}budget|combien de budget)\b/u, type: () => ({ kind: 'money' }) },
  { pattern: /\b(?:combien de (?:temps|jours|semaines|mois|ans|annees|heures|minutes)|pendant combien|how long|how many (?:days|weeks|months|years|hours|minutes)|quel (?:est le )?delai|dans quel delai)\b/u, type: () => ({ kind: 'duration' }) },
  { pattern: /\b(?:combien d (?:annees|heures)|combien d ans)\b/u, type: () => ({ kind: 'duration' }) },
  { pattern: /(?:^|[^a-z])(?:qui (?:est|sont|etait) (?:le|la|les|l) |c est qui (?:le|la|les|l) |who (?:is|are|was|s) the )(?!responsables?\b)/u, type: () => ({ kind: 'person' }) },
  { pattern: /\bcombien (?:de |d )([a-z]+)/u, type: (m) => ({ kind: 'count', noun: m[1]! }) },
  // « Combien y a-t-il de principes? », « Combien l’énoncé compte-t-il de principes? », « Quel est le nombre de… »
  { pattern: /\bcombien (?:y a[ -]t[ -]il|y a[ -]il|existe[ -]t[ -]il) (?:de |d )([a-z]+)/u, type: (m) => ({ kind: 'count', noun: m[1]! }) },
  { pattern: /\bcombien (?:[a-z]+ ){1,4}(?:compte|comporte|contient|prevoit|definit|enumere|enonce)[ -]t[ -](?:il|elle) (?:de |d )([a-z]+)/u, type: (m) => ({ kind: 'count', noun: m[1]! }) },
  { pattern: /\bquel est le nombre (?:de |d )([a-z]+)/u, type: (m) => ({ kind: 'count', noun: m[1]! }) },
  { pattern: /\bhow many ([a-z]+)/u, type: (m) => ({ kind: 'count', noun: m[1]! }) },
];

/** Folds text for matching and turns apostrophes into spaces (`d’années` → `d annees`). */
function prepare(text: string): string {
  return fold(text).replace(/['’‘ʼ`]/g, ' ').replace(/\s+/g, ' ');
}

/**
 * The answer type of a question, or null when it asks for no quantity (most questions).
 * Never throws.
 */
export function answerType(question: string): AnswerType | null {
  const q = prepare(question);
  for (const { pattern, type } of FRAMES) {
    const m = pattern.exec(q);
    if (m) return type(m);
  }
  return null;
}

/** A person's name as written: a civility, or two capitalised words in a row that do not open a sentence. */
const PERSON = /\b(?:M\.|Mme|Mmes|MM\.|Dr|Me)\s+\p{Lu}|[^.!?:;\s]\s+\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s+\p{Lu}(?:\p{Ll}+|\p{Lu}+)\b/u;

/** True when `text` states an answer of this type (see AnswerType). */
export function statesAnswer(type: AnswerType, text: string): boolean {
  if (type.kind === 'person') return PERSON.test(text);
  const t = prepare(text);
  switch (type.kind) {
    case 'money':
      return MONEY.test(t);
    case 'duration':
      return DURATION.test(t) || QUALITATIVE_DURATION.test(t);
    case 'count': {
      // The counted noun, singular or plural, within a few words after a number (`10 000 agents publics`).
      const stem = type.noun.replace(/(?:es|s|x)$/, '');
      return new RegExp(`\\b${NUMBER}\\s+(?:[a-z]+\\s+){0,2}${stem}[a-z]*\\b`, 'u').test(t);
    }
  }
}
