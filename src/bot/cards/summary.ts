import type { Language } from '../../answers/types.js';
import { type Choice, DECLARATION_FIELDS, type DeclarationField, type DeclarationRecord, fieldsOf, type Step, visibleLength } from '../../inventory/index.js';
import { safeClip, safeLines, textBlock, type CardElement } from './card.js';
import { LABELS, STATE_WORDS, formatDate } from './labels.js';

/** Longest name shown in a summary or a list, in characters. */
export const MAX_SHOWN_NAME_CHARS = 150;
/** Longest other typed value shown in a summary. */
export const MAX_SHOWN_VALUE_CHARS = 200;
/** Longest purpose shown with the answers, in characters. */
const MAX_SHOWN_PURPOSE_CHARS = 1_000;
/** Longest statement of benefits shown with the answers (the schema's own limit). */
const MAX_SHOWN_BENEFITS_CHARS = 1_000;

/**
 * The declaration as the governance team reads it: its answers as last submitted (`submittedData`), not the edits
 * its declarant has saved since governance asked for changes and not yet resubmitted (unvalidated, perhaps half
 * typed). A declaration never submitted is returned as it is.
 */
export function asSubmitted(record: DeclarationRecord): DeclarationRecord {
  return record.submittedData ? { ...record, data: record.submittedData } : record;
}

/** The typed value of a text field, as safe card text (clipped; a multiline field line by line), or an empty string. */
function shownText(record: DeclarationRecord, field: DeclarationField, maxChars = MAX_SHOWN_VALUE_CHARS): string {
  const value = record.data[field];
  if (typeof value !== 'string') return '';
  return DECLARATION_FIELDS[field].kind === 'multiline' ? safeLines(value, maxChars) : safeClip(value, maxChars);
}

/** The declaration's name as safe text, or « (sans nom) ». */
export function shownName(record: DeclarationRecord, language: Language): string {
  return shownText(record, 'name', MAX_SHOWN_NAME_CHARS) || LABELS[language].untitled;
}

/**
 * A person's Teams display name (a declarant, a reviewer, a collaborator acting) as safe card text clipped to
 * `maxChars`; when Teams sent none the reader could see (an activity without `from.name`, or one of control or
 * invisible characters only, which ActorInput strips), « (nom inconnu, identifiant Microsoft Entra …) »: a sentence
 * naming who acted never names nobody (« … est de nouveau un brouillon :  l’a reprise le … »).
 */
export function shownPerson(person: { id: string; name: string }, maxChars: number, language: Language): string {
  return visibleLength(person.name) > 0 ? safeClip(person.name, maxChars) : LABELS[language].unnamedPerson(safeClip(person.id, maxChars));
}

/** The label of a coded value in the user's language; an unknown code is shown as safe text. */
export function choiceLabel(field: DeclarationField, code: unknown, language: Language): string {
  if (typeof code !== 'string') return '';
  const choice = (DECLARATION_FIELDS[field].choices ?? []).find((c: Choice) => c.code === code);
  return choice ? choice[language] : safeClip(code, MAX_SHOWN_VALUE_CHARS);
}

/** What summaryFacts adds to the identifying facts. */
export interface SummaryOptions {
  /** Who declared it (Teams name). */
  declarant?: boolean;
  /** The ministerial portfolio (portefeuille) after the public body, and the contact person and e-mail: for governance. */
  review?: boolean;
}

/**
 * The facts that identify a declaration: number, name, body, category, status of the initiative, state; with
 * `review`, also the portfolio and the contact person with their e-mail. Unanswered facts are left out.
 */
export function summaryFacts(record: DeclarationRecord, language: Language, options: SummaryOptions = {}): Array<[string, string]> {
  const t = LABELS[language];
  const facts: Array<[string, string]> = [
    [t.facts.publicId, record.publicId ?? t.noNumber],
    [t.facts.name, shownName(record, language)],
    [t.facts.organismePublic, shownText(record, 'organismePublic')],
    ...(options.review ? [[t.facts.portefeuille, choiceLabel('portefeuille', record.data.portefeuille, language)] as [string, string]] : []),
    [t.facts.category, choiceLabel('category', record.data.category, language)],
    [t.facts.status, choiceLabel('status', record.data.status, language)],
  ];
  if (options.declarant) facts.push([t.facts.declarant, shownPerson(record.declarant, MAX_SHOWN_VALUE_CHARS, language)]);
  if (options.review) {
    facts.push([t.facts.contactName, shownText(record, 'contactName')], [t.facts.contactEmail, shownText(record, 'contactEmail')]);
  }
  if (record.submittedAt) facts.push([t.facts.submittedAt, formatDate(record.submittedAt, language)]);
  facts.push([t.facts.state, STATE_WORDS[language][record.state]]);
  return facts.filter(([, value]) => value !== '');
}

/**
 * The answers of one step of the form as `[label, value]` facts in the user's language, in form order: typed
 * text clipped, codes as their labels, toggles as Oui / Non; unanswered fields are left out.
 */
function answerFacts(record: DeclarationRecord, language: Language, step: Step): Array<[string, string]> {
  const t = LABELS[language];
  return fieldsOf(step)
    .map((field): [string, string] => {
      const { kind, label } = DECLARATION_FIELDS[field];
      const value = record.data[field];
      if (kind === 'toggle') return [label[language], value === true ? t.yes : value === false ? t.no : ''];
      if (kind === 'choice') return [label[language], choiceLabel(field, value, language)];
      if (kind === 'multichoice') {
        const codes = Array.isArray(value) ? value : [];
        return [label[language], codes.map((code) => choiceLabel(field, code, language)).join(', ')];
      }
      return [label[language], shownText(record, field)];
    })
    .filter(([, value]) => value !== '');
}

/**
 * How a card lays out label–value facts: `factRows` (rows whose labels line up across the card's sections) or
 * `factSet` (smaller, for a card that would otherwise pass the size limit). See card.ts.
 */
export type FactLayout = (facts: Array<[string, string]>) => CardElement;

/**
 * What the declaration says beyond its summary, in form order, as the governance team reads it before deciding and
 * the declarant reads it again (« Voir »): « Ce qu’elle fait et pourquoi » (purpose, clipped to
 * MAX_SHOWN_PURPOSE_CHARS), « Bénéfices attendus » (MAX_SHOWN_BENEFITS_CHARS), then the answers of the nature and
 * effects steps (data, hosting, decisions, oversight, measures…) under each step's title, laid out by `layout`
 * (see answerFacts). Unanswered parts are left out.
 */
export function answerElements(record: DeclarationRecord, language: Language, layout: FactLayout): CardElement[] {
  const t = LABELS[language];
  const elements: CardElement[] = [];
  const purpose = shownText(record, 'purpose', MAX_SHOWN_PURPOSE_CHARS);
  if (purpose) elements.push(textBlock(`**${t.purpose}**`, { spacing: 'Medium' }), textBlock(purpose, { spacing: 'None' }));
  const benefits = shownText(record, 'benefits', MAX_SHOWN_BENEFITS_CHARS);
  if (benefits) elements.push(textBlock(`**${t.benefits}**`, { spacing: 'Medium' }), textBlock(benefits, { spacing: 'None' }));
  for (const step of ['nature', 'effects'] as const) {
    const facts = answerFacts(record, language, step);
    if (facts.length > 0) elements.push(textBlock(`**${t.steps[step]}**`, { spacing: 'Medium' }), layout(facts));
  }
  return elements;
}
