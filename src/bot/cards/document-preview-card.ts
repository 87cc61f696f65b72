import type { Language } from '../../answers/types.js';
import { MAX_VERSION_LABEL_CHARS } from '../../documents/proposal-decisions.js';
import type { CleaningWarning, DocumentDiff, Proposal } from '../../documents/types.js';
import {
  MAX_CARD_BYTES,
  MAX_REFRESH_USERS,
  card,
  cardBytes,
  container,
  execute,
  factSet,
  heading,
  labelWithProblem,
  problemBlock,
  safeClip,
  textBlock,
  verbatim,
  type Card,
  type CardElement,
} from './card.js';
import { counted } from '../../plural.js';
import { bindPunctuation, endSentence, joinHyphens } from '../render/text.js';
import { cutChars, FIELD_ERRORS } from './fields.js';
import { LABELS, formatDate, formatDay } from './labels.js';
import { userMri } from './review-card.js';

/** The `Action.Execute` verbs of the document preview card, served by routes/documents.ts. */
export const DOCUMENT_VERBS = {
  publish: 'documents.publish',
  cancel: 'documents.cancel',
  /** Universal Actions automatic refresh of the preview card (governance admins). */
  refresh: 'documents.refresh',
} as const;

/** Ids of the card's editable inputs. */
export const DOCUMENT_INPUTS = { versionLabel: 'versionLabel', publishedOn: 'publishedOn' } as const;

/** Table-of-contents entries shown; the rest are counted. */
const MAX_OUTLINE_ENTRIES = 30;
/** Section titles listed per diff category; the rest are counted. */
const MAX_LISTED_SECTIONS = 12;

const TEXT = {
  fr: {
    titleNew: (t: string) => `Nouveau document proposé : ${t}`,
    titleVersion: (t: string) => `Nouvelle version proposée : ${t}`,
    titleRollback: (t: string) => `Rétablissement proposé : ${t}`,
    titlePublished: { new_document: (t: string) => `Document publié : ${t}`, new_version: (t: string) => `Version publiée : ${t}`, rollback: (t: string) => `Version rétablie : ${t}` },
    titleCancelled: (t: string) => `Proposition annulée : ${t}`,
    titleSuperseded: (t: string) => `Proposition remplacée : ${t}`,
    titleOutdated: (t: string) => `Proposition périmée, non publiée : ${t}`,
    recognised: 'Reconnu comme',
    newDocument: 'un nouveau document',
    newVersion: (title: string, label: string | null, by: string, published: boolean) =>
      `une nouvelle version de « ${title} »${label ? (published ? ` (à la place de la version ${label})` : ` (version publiée : ${label})`) : ' (retiré)'}, reconnu par ${by}`,
    by: { doc_id: 'son identifiant', url: 'son adresse', title: 'son titre' },
    rollback: (label: string | null, published: boolean) =>
      `une version antérieure, ${published ? 'publiée de nouveau' : 'à publier de nouveau'}${label ? ` à la place de la version ${label}` : ''}`,
    document: 'Document',
    file: 'Fichier',
    source: 'Adresse',
    proposedBy: 'Proposé par',
    system: 'vérification automatique des sources',
    // Held on one line: the fact's label column wrapped « Empreinte SHA- » ⏎ « 256 » (see joinHyphens).
    sha: `Empreinte ${joinHyphens('SHA-256')}`,
    passages: 'Passages',
    labelInput: 'Libellé de la version',
    dateInput: 'Date officielle du document (facultative)',
    datePlaceholder: 'AAAA-MM-JJ',
    label: 'Version',
    date: 'Date officielle',
    none: 'non précisée',
    outline: 'Table des matières',
    more: (n: number) => `… et ${counted(n, 'fr', { one: 'autre', other: 'autres' })}`,
    warnings: 'Avertissements du nettoyage',
    noWarnings: 'Aucun avertissement du nettoyage.',
    warning: {
      pages_without_text: (w: { pages: number[] }) => endSentence(`Pages sans texte (image ou numérisation ?) : ${w.pages.slice(0, 20).join(', ')}${w.pages.length > 20 ? '…' : ''}`),
      furniture_removed: (w: { blocks: number }) => `${counted(w.blocks, 'fr', { one: 'bloc retiré', other: 'blocs retirés' })} comme éléments de mise en page (en-têtes, pieds de page, numéros, table des matières).`,
      sections_lost: (w: { titles: string[] }) => endSentence(`Titres sans passage (texte retiré ou fusionné) : ${w.titles.slice(0, 10).map((t) => `« ${t} »`).join(', ')}${w.titles.length > 10 ? '…' : ''}`),
    },
    diff: 'Changements par rapport à la version publiée',
    noPublished: 'Aucune version publiée à comparer : tout le document est nouveau.',
    noPublishedWithdrawn: 'Aucune version publiée à comparer : le document est retiré.',
    noChange: 'Le texte est identique à la version publiée.',
    added: (n: number) => `Sections ajoutées (${n})`,
    removed: (n: number) => `Sections retirées (${n})`,
    changed: (n: number) => `Sections modifiées (${n})`,
    unchanged: (n: number) => `${counted(n, 'fr', { one: 'section inchangée', other: 'sections inchangées' })}.`,
    before: 'Avant :',
    after: 'Après :',
    moreChanges: (n: number) => `… et ${counted(n, 'fr', { one: 'autre passage modifié', other: 'autres passages modifiés' })}.`,
    publish: 'Publier',
    cancel: 'Annuler',
    nothingPublished: 'Rien n’est publié tant qu’un membre de l’équipe de gouvernance n’a pas choisi « Publier ».',
    published: (who: string, when: string, label: string) => `Publié par ${who} le ${when} (version ${label}).`,
    cancelled: (who: string, when: string) => `Annulé par ${who} le ${when} : rien n’a été publié.`,
    superseded: 'Remplacée par une proposition plus récente du même document : rien n’a été publié.',
    outdated: (who: string, when: string, basedOn: string | null, published: string | null, rollback: RollbackCommand | null) =>
      `${published === null ? 'Ce document a été retiré' : `La version ${published} de ce document a été publiée`} après cette proposition, ` +
      `faite ${basedOn === null ? 'quand aucune version n’était publiée' : `par rapport à la version ${basedOn}`} : les changements affichés ici ` +
      `ne sont plus à jour${published === null ? '' : ` et la publier aurait remplacé la version ${published}`}. Rien n’a été publié ` +
      `(${who}, le ${when}). ${rollback === null ? 'Pour publier ce fichier, soumettez-le de nouveau' : `Pour rétablir la version ${rollback.label}, tapez de nouveau « rétablir ${rollback.docId} ${rollback.label} »`} : ` +
      'la nouvelle proposition montrera les changements par rapport à la version publiée.',
    labelTaken: 'ce libellé est déjà celui d’une autre version de ce document ; choisissez-en un autre.',
    labelInvalid: `le libellé doit compter de 1 à ${MAX_VERSION_LABEL_CHARS} caractères, sans @, # ni caractère de contrôle ou invisible (saut de ligne, tabulation, espace sans largeur…).`,
    dateInvalid: 'la date doit être au format AAAA-MM-JJ.',
  },
  en: {
    titleNew: (t: string) => `New document proposed: ${t}`,
    titleVersion: (t: string) => `New version proposed: ${t}`,
    titleRollback: (t: string) => `Rollback proposed: ${t}`,
    titlePublished: { new_document: (t: string) => `Document published: ${t}`, new_version: (t: string) => `Version published: ${t}`, rollback: (t: string) => `Version restored: ${t}` },
    titleCancelled: (t: string) => `Proposal cancelled: ${t}`,
    titleSuperseded: (t: string) => `Proposal replaced: ${t}`,
    titleOutdated: (t: string) => `Proposal out of date, not published: ${t}`,
    recognised: 'Recognised as',
    newDocument: 'a new document',
    newVersion: (title: string, label: string | null, by: string, published: boolean) =>
      `a new version of "${title}"${label ? (published ? ` (in place of version ${label})` : ` (published version: ${label})`) : ' (withdrawn)'}, recognised by ${by}`,
    by: { doc_id: 'its id', url: 'its address', title: 'its title' },
    rollback: (label: string | null, published: boolean) =>
      `an earlier version, ${published ? 'published again' : 'to publish again'}${label ? ` in place of version ${label}` : ''}`,
    document: 'Document',
    file: 'File',
    source: 'Address',
    proposedBy: 'Proposed by',
    system: 'automatic source check',
    sha: `${joinHyphens('SHA-256')} fingerprint`,
    passages: 'Passages',
    labelInput: 'Version label',
    dateInput: 'Official date of the document (optional)',
    datePlaceholder: 'YYYY-MM-DD',
    label: 'Version',
    date: 'Official date',
    none: 'not given',
    outline: 'Table of contents',
    more: (n: number) => `… and ${n} more`,
    warnings: 'Cleaning warnings',
    noWarnings: 'No cleaning warning.',
    warning: {
      pages_without_text: (w: { pages: number[] }) => endSentence(`Pages without text (image or scan?): ${w.pages.slice(0, 20).join(', ')}${w.pages.length > 20 ? '…' : ''}`),
      furniture_removed: (w: { blocks: number }) => `${counted(w.blocks, 'en', { one: 'block', other: 'blocks' })} removed as page furniture (headers, footers, page numbers, table of contents).`,
      sections_lost: (w: { titles: string[] }) => endSentence(`Headings without a passage (text removed or merged): ${w.titles.slice(0, 10).map((t) => `"${t}"`).join(', ')}${w.titles.length > 10 ? '…' : ''}`),
    },
    diff: 'Changes from the published version',
    noPublished: 'No published version to compare with: the whole document is new.',
    noPublishedWithdrawn: 'No published version to compare with: the document is withdrawn.',
    noChange: 'The text is the same as the published version.',
    added: (n: number) => `Sections added (${n})`,
    removed: (n: number) => `Sections removed (${n})`,
    changed: (n: number) => `Sections changed (${n})`,
    unchanged: (n: number) => `${counted(n, 'en', { one: 'section', other: 'sections' })} unchanged.`,
    before: 'Before:',
    after: 'After:',
    moreChanges: (n: number) => `… and ${counted(n, 'en', { one: 'more changed passage', other: 'more changed passages' })}.`,
    publish: 'Publish',
    cancel: 'Cancel',
    nothingPublished: 'Nothing is published until a governance team member chooses "Publish".',
    published: (who: string, when: string, label: string) => `Published by ${who} on ${when} (version ${label}).`,
    cancelled: (who: string, when: string) => `Cancelled by ${who} on ${when}: nothing was published.`,
    superseded: 'Replaced by a newer proposal of the same document: nothing was published.',
    outdated: (who: string, when: string, basedOn: string | null, published: string | null, rollback: RollbackCommand | null) =>
      `${published === null ? 'This document was withdrawn' : `Version ${published} of this document was published`} after this proposal was made ` +
      `${basedOn === null ? 'when no version was published' : `against version ${basedOn}`}: the changes shown here are out of date` +
      `${published === null ? '' : ` and publishing it would have replaced version ${published}`}. Nothing was published ` +
      `(${who}, ${when}). ${rollback === null ? 'To publish this file, submit it again' : `To restore version ${rollback.label}, type "rollback ${rollback.docId} ${rollback.label}" again`}: ` +
      'the new proposal will show the changes from the published version.',
    labelTaken: 'this label is already another version’s of this document; choose another one.',
    labelInvalid: `the label must have 1 to ${MAX_VERSION_LABEL_CHARS} characters, without @, # or control or invisible character (line break, tab, zero-width space…).`,
    dateInvalid: 'the date must be in the YYYY-MM-DD format.',
  },
} as const;

/** Characters of a date as Input.Date sends it (`YYYY-MM-DD`). */
const DATE_INPUT_CHARS = 10;

/** What the preview card shows besides the proposal. */
export interface PreviewCardOptions {
  /** Entra object ids of the governance admins: the refresh's `userIds` (first MAX_REFRESH_USERS). */
  adminIds: readonly string[];
  /** Sentences shown at the top (already safe). */
  notices?: string[];
  /** A refused edited value, shown in its input's label (see labelWithProblem). */
  problem?: { field: 'versionLabel' | 'publishedOn'; reason: 'label_required' | 'label_taken' | 'label_invalid' | 'date_invalid' };
  /**
   * Values typed on the card, kept when it comes back with a problem; each is cut to what its input accepts
   * (`maxLength`, a date's 10 characters), as a Teams client would, so a hand-made value cannot overflow the card.
   */
  typed?: { versionLabel?: string; publishedOn?: string | null };
}

/** What every button of the preview card carries. */
export interface DocumentActionData {
  proposalId: string;
  revision: number;
  [key: string]: unknown;
}

/**
 * The language of a proposal's preview card as posted to its proposer and the governance channel, whoever reads or
 * presses it: the one it was proposed in (Proposal.language), French when none was recorded (sync, older
 * proposals). `propositions` / `proposals` shows it in the reader's language instead; a press answers in the
 * pressed card's (document-decisions.ts).
 */
export function proposalLanguage(proposal: Pick<Proposal, 'language'>): Language {
  return proposal.language ?? 'fr';
}

/**
 * The preview of a proposed document version (issue #9): what it was recognised as, the proposed label and date
 * (labelled inputs while pending), table of contents, cleaning warnings, the diff against the published version
 * (sections added, removed, changed; each changed passage's short before/after), and Publier / Annuler
 * (`Action.Execute`). Once decided, the title says what happened (« Version publiée : … », « Proposition
 * annulée : … »…), with who decided and when right under it, and no buttons. Always carries `refresh` (verb
 * `documents.refresh`, `userIds` the governance admins) so every admin sees the current state.
 * Document text is shown through `safeClip` (clipped, markdown-safe). Stays under MAX_CARD_BYTES.
 * @throws Error when the card is larger than MAX_CARD_BYTES all the same: a bug (a part left unclipped), not an outcome
 */
export function documentPreviewCard(proposal: Proposal, language: Language, options: PreviewCardOptions): Card {
  const t = TEXT[language];
  const title = safeClip(proposal.title, 150);
  const r = proposal.recognition;
  const headingText = {
    pending: () => (r.kind === 'new_document' ? t.titleNew(title) : r.kind === 'rollback' ? t.titleRollback(title) : t.titleVersion(title)),
    published: () => t.titlePublished[r.kind](title),
    cancelled: () => t.titleCancelled(title),
    superseded: () => t.titleSuperseded(title),
    outdated: () => t.titleOutdated(title),
  }[proposal.status]();
  const recognised =
    r.kind === 'new_document'
      ? t.newDocument
      : r.kind === 'rollback'
        ? t.rollback(r.previousLabel ? safeClip(r.previousLabel, 80) : null, proposal.status === 'published')
        : t.newVersion(safeClip(r.previousTitle, 150), r.previousLabel ? safeClip(r.previousLabel, 80) : null, t.by[r.by], proposal.status === 'published');
  // An outdated proposal was recognised, and diffed, against a version that is no longer the published one: both
  // would contradict the notice that says so.
  const outdated = proposal.status === 'outdated';
  const facts: Array<[string, string]> = [...(outdated ? [] : [[t.recognised, recognised] as [string, string]]), [t.document, safeClip(proposal.docId, 80)]];
  if (proposal.fileName) facts.push([t.file, safeClip(proposal.fileName, 120)]);
  if (proposal.origin.url) facts.push([t.source, safeClip(proposal.origin.url, 200)]);
  const proposer = proposal.proposedBy === 'system' ? t.system : safeClip(proposal.proposedBy.name || proposal.proposedBy.id, 120);
  facts.push([t.proposedBy, `${proposer}, ${formatDate(proposal.proposedAt, language)}`]);
  facts.push([t.sha, proposal.sourceSha256.slice(0, 16)], [t.passages, String(proposal.passageCount)]);

  const pending = proposal.status === 'pending';
  const editable = pending && proposal.rollbackVersionId === null;
  // Not editable: the label and date are facts like the others, in the same fact set so that their values line up.
  if (!editable) facts.push([t.label, safeClip(proposal.versionLabel, MAX_VERSION_LABEL_CHARS)], [t.date, proposal.publishedOn === null ? t.none : formatDay(proposal.publishedOn, language)]);
  const body: CardElement[] = [
    heading(headingText),
    // Once decided, what happened goes first: who decided and when, under the title that says it.
    ...(pending ? [] : [decisionElement(proposal, language)]),
    ...(options.notices ?? []).map((n) => textBlock(n, { weight: 'Bolder' })),
    factSet(facts),
  ];
  if (editable) body.push(...inputs(proposal, language, options));
  body.push(...outlineElements(proposal.outline, language), ...warningElements(proposal.warnings, language), ...(outdated ? [] : diffElements(proposal.diff, r.kind !== 'new_document', language)));
  // The problem is in its input's label, far above the buttons once the outline and changes are long: say so here too.
  if (editable && options.problem) body.push(problemBlock(LABELS[language].errorWord, LABELS[language].errorSummary(1)));
  if (pending) body.push(decisionElement(proposal, language));

  // `lang`: a button press or refresh answers in the card's language (see actionLanguage), not the client's.
  const data: DocumentActionData = { proposalId: proposal.id, revision: proposal.revision, lang: language };
  const actions =
    pending
      ? [execute(t.publish, DOCUMENT_VERBS.publish, data, { style: 'positive' }), execute(t.cancel, DOCUMENT_VERBS.cancel, data, { associatedInputs: 'none' })]
      : [];
  const built = card(body, actions, {
    action: { type: 'Action.Execute', verb: DOCUMENT_VERBS.refresh, data: { proposalId: proposal.id, lang: language } },
    userIds: options.adminIds.slice(0, MAX_REFRESH_USERS).map(userMri),
  });
  // Every list is bounded and every text clipped, so this holds; kept as a guard against a future field.
  if (cardBytes(built) > MAX_CARD_BYTES) throw new Error(`preview card of proposal ${proposal.id} is ${cardBytes(built)} bytes`);
  return built;
}

/**
 * The label and date inputs, as the declaration cards write theirs: « (obligatoire) » after the required label's
 * name, and a refused value's problem in its input's label (« Libellé de la version (obligatoire) — Erreur : ce champ
 * est obligatoire. »), read with the input by screen readers; the label's rule only for a non-empty value that
 * breaks it. The server validates: no client-side `isRequired` (its `errorMessage` would be a second, unprefixed
 * message under the input).
 */
function inputs(proposal: Proposal, language: Language, options: PreviewCardOptions): CardElement[] {
  const t = TEXT[language];
  const words = LABELS[language];
  const problem = options.problem;
  const labelProblem =
    problem?.field !== 'versionLabel' ? null : problem.reason === 'label_required' ? FIELD_ERRORS[language].required : problem.reason === 'label_taken' ? t.labelTaken : t.labelInvalid;
  const typedDate = options.typed?.publishedOn;
  const date = typedDate !== undefined ? typedDate && cutChars(typedDate, DATE_INPUT_CHARS) : proposal.publishedOn;
  return [
    {
      type: 'Input.Text',
      id: DOCUMENT_INPUTS.versionLabel,
      label: labelWithProblem(`${t.labelInput} ${words.required}`, words.errorWord, labelProblem),
      value: cutChars(options.typed?.versionLabel ?? proposal.versionLabel, MAX_VERSION_LABEL_CHARS),
      maxLength: MAX_VERSION_LABEL_CHARS,
      spacing: 'Medium',
    },
    {
      type: 'Input.Date',
      id: DOCUMENT_INPUTS.publishedOn,
      label: labelWithProblem(t.dateInput, words.errorWord, problem?.field === 'publishedOn' ? t.dateInvalid : null),
      // Without one, the renderer writes its own words in the client's language ("Select a date...").
      placeholder: t.datePlaceholder,
      ...(date ? { value: date } : {}),
    },
  ];
}

/**
 * The outline with the headings of sections holding no passage of their own put back before their first
 * subsection: `outline` lists the sections passages sit in, so a heading followed directly by subheadings (« Sécurité »
 * then « Sécurité › Qui lit ? ») was missing, its subsections indented under nothing.
 */
function withParentHeadings(outline: readonly (readonly string[])[]): (readonly string[])[] {
  const entries: (readonly string[])[] = [];
  let previous: readonly string[] = [];
  for (const path of outline) {
    for (let depth = 1; depth < path.length; depth++) {
      if (!path.slice(0, depth).every((heading, i) => heading === previous[i])) entries.push(path.slice(0, depth));
    }
    entries.push(path);
    previous = path;
  }
  return entries;
}

function outlineElements(sections: readonly string[][], language: Language): CardElement[] {
  const t = TEXT[language];
  const outline = withParentHeadings(sections);
  const lines = outline.slice(0, MAX_OUTLINE_ENTRIES).map((path) => `${'\u2003'.repeat(Math.max(0, path.length - 1))}${safeClip(path.at(-1) ?? '', 120)}`);
  if (outline.length > MAX_OUTLINE_ENTRIES) lines.push(t.more(outline.length - MAX_OUTLINE_ENTRIES));
  // The document's own headings: verbatim (see card.ts `verbatim`).
  return [textBlock(`**${t.outline}**`, { spacing: 'Large' }), verbatim(textBlock(lines.join('\n\n'), { spacing: 'Small', isSubtle: true }))];
}

function warningElements(warnings: readonly CleaningWarning[], language: Language): CardElement[] {
  const t = TEXT[language];
  if (warnings.length === 0) return [textBlock(t.noWarnings, { spacing: 'Medium' })];
  const lines = warnings.map((w) => {
    switch (w.kind) {
      case 'pages_without_text':
        return t.warning.pages_without_text(w);
      case 'furniture_removed':
        return t.warning.furniture_removed(w);
      case 'sections_lost':
        return t.warning.sections_lost({ titles: w.titles.map((title) => safeClip(title, 80)) });
    }
  });
  return [textBlock(`**${t.warnings}**`, { spacing: 'Large' }), ...lines.map((line) => textBlock(`⚠ ${line}`, { spacing: 'Small' }))];
}

/**
 * The « Changements par rapport à la version publiée » section. `known`: the document has versions already (a new
 * version or a rollback), so no diff means none of them is published now — it was withdrawn — and the document is
 * not new: a rollback of a withdrawn document read « tout le document est nouveau » (found in the Playground).
 */
function diffElements(diff: DocumentDiff | null, known: boolean, language: Language): CardElement[] {
  const t = TEXT[language];
  const elements: CardElement[] = [textBlock(`**${t.diff}**`, { spacing: 'Large' })];
  if (diff === null) return [...elements, textBlock(known ? t.noPublishedWithdrawn : t.noPublished)];
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) return [...elements, textBlock(t.noChange)];
  const list = (label: string, paths: string[][]): void => {
    if (paths.length === 0) return;
    const lines = paths.slice(0, MAX_LISTED_SECTIONS).map((p) => `- ${safeClip(p.join(' › '), 160)}`);
    if (paths.length > MAX_LISTED_SECTIONS) lines.push(`- ${t.more(paths.length - MAX_LISTED_SECTIONS)}`);
    elements.push(textBlock(`**${label}**`, { spacing: 'Small' }), verbatim(textBlock(lines.join('\n'), { spacing: 'None' })));
  };
  list(t.added(diff.added.length), diff.added);
  list(t.removed(diff.removed.length), diff.removed);
  list(t.changed(diff.changed.length), diff.changed);
  for (const change of diff.passageChanges) {
    elements.push(
      container(
        [
          // The document's section and passage texts, verbatim (see card.ts `verbatim`); our own « Avant : » and
          // « Après : » labels beside them are bound here, as card() would bind them anywhere else.
          verbatim(textBlock(`**${safeClip(change.sectionPath.join(' › '), 160)}**`)),
          verbatim(textBlock(`**${bindPunctuation(t.before)}** ${safeClip(change.before, 400)}`, { spacing: 'Small' })),
          verbatim(textBlock(`**${bindPunctuation(t.after)}** ${safeClip(change.after, 400)}`, { spacing: 'Small' })),
        ],
        { style: 'emphasis', spacing: 'Small' },
      ),
    );
  }
  if (diff.moreChanges > 0) elements.push(textBlock(t.moreChanges(diff.moreChanges), { isSubtle: true }));
  if (diff.unchangedCount > 0) elements.push(textBlock(t.unchanged(diff.unchangedCount), { isSubtle: true }));
  return elements;
}

function decisionElement(proposal: Proposal, language: Language): CardElement {
  const t = TEXT[language];
  const who = safeClip(proposal.decidedBy?.name || proposal.decidedBy?.id || '', 120);
  const when = proposal.decidedAt ? formatDate(proposal.decidedAt, language) : '';
  const text = {
    pending: t.nothingPublished,
    published: t.published(who, when, safeClip(proposal.versionLabel, MAX_VERSION_LABEL_CHARS)),
    cancelled: t.cancelled(who, when),
    superseded: t.superseded,
    outdated: t.outdated(
      who,
      when,
      clipLabel(proposal.outdated?.basedOn ?? null),
      clipLabel(proposal.outdated?.published ?? null),
      // A rollback has no file to submit again: the command that proposes it does it again.
      proposal.rollbackVersionId === null ? null : { docId: safeClip(proposal.docId, 80), label: safeClip(proposal.versionLabel, MAX_VERSION_LABEL_CHARS) },
    ),
  }[proposal.status];
  return proposal.status === 'pending' ? textBlock(text, { spacing: 'Large' }) : textBlock(`**${text}**`, { spacing: 'Small' });
}

/** The document and version a rollback proposal restores, as `rétablir DOC VERSION` names them (clipped, markdown-safe). */
interface RollbackCommand {
  docId: string;
  label: string;
}

/** A version label shown in a sentence (clipped, markdown-safe); null stays null. */
function clipLabel(label: string | null): string | null {
  return label === null ? null : safeClip(label, MAX_VERSION_LABEL_CHARS);
}
