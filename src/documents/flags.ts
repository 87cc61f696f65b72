import type { DeclarationRecord } from '../inventory/index.js';
import type { Passage } from '../knowledge/types.js';
import type { AssessmentFlag } from './store.js';

/** A passage quoted by a declaration's assessment: the quoted text, verbatim, and where it was quoted from. */
export interface AssessmentQuote {
  docId: string;
  versionLabel: string;
  sectionPath: string[];
  text: string;
}

/** A declaration as far as flagging needs it: its id and the quotes of its preliminary assessment. */
export interface QuotingDeclaration {
  id: string;
  publicId: string | null;
  quotes: AssessmentQuote[];
}

/**
 * The flags a publication raises: for each declaration quoting a passage of `docId` from another version than
 * `newVersionLabel`, the quote is `changed` when no passage of the new version contains its text but its section
 * still exists, `removed` when the section is gone too; a quote found verbatim in the new version raises nothing.
 * Pure. Dates are ISO strings.
 */
export function flagsAfterPublication(
  declarations: readonly QuotingDeclaration[],
  docId: string,
  newPassages: readonly Passage[],
  newVersionLabel: string,
  flaggedAt: string,
): AssessmentFlag[] {
  const sections = new Set(newPassages.map((p) => JSON.stringify(p.section.path)));
  const flags: AssessmentFlag[] = [];
  for (const declaration of declarations) {
    for (const quote of declaration.quotes) {
      if (quote.docId !== docId || quote.versionLabel === newVersionLabel) continue;
      if (newPassages.some((p) => p.text.includes(quote.text))) continue;
      flags.push({
        declarationId: declaration.id,
        publicId: declaration.publicId,
        docId,
        quotedVersion: quote.versionLabel,
        sectionPath: quote.sectionPath,
        newVersion: newVersionLabel,
        change: sections.has(JSON.stringify(quote.sectionPath)) ? 'changed' : 'removed',
        flaggedAt,
      });
    }
  }
  return flags;
}

/** The quotes of each declaration's preliminary assessment (declarations without one are left out). */
export function quotingDeclarations(records: readonly DeclarationRecord[]): QuotingDeclaration[] {
  return records.flatMap((record) => {
    const quotes = (record.assessment?.obligations ?? []).flatMap((o) =>
      o.quote ? [{ docId: o.quote.docId, versionLabel: o.quote.versionLabel, sectionPath: o.quote.sectionPath, text: o.quote.text }] : [],
    );
    return quotes.length > 0 ? [{ id: record.id, publicId: record.publicId, quotes }] : [];
  });
}
