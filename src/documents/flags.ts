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

/** A declaration as far as flagging needs it: its id and the quotes of its current preliminary assessment (may be none). */
export interface QuotingDeclaration {
  id: string;
  publicId: string | null;
  quotes: AssessmentQuote[];
}

/**
 * The flags a publication raises: for each declaration quoting a passage of `docId` from another version than
 * `newVersionLabel`, the quote is `changed` when no passage of the new version contains its text but its section
 * still exists, `removed` when the section is gone too; a quote found verbatim in the new version raises nothing.
 * Text is compared with its white space collapsed: a new ingestion may lay the same words out on other lines (list
 * items now end on a line break), and what the person read is unchanged.
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
  const texts = newPassages.map((p) => collapsed(p.text));
  const flags: AssessmentFlag[] = [];
  for (const declaration of declarations) {
    for (const quote of declaration.quotes) {
      if (quote.docId !== docId || quote.versionLabel === newVersionLabel) continue;
      const quoted = collapsed(quote.text);
      if (texts.some((t) => t.includes(quoted))) continue;
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

/**
 * The flags a withdrawal raises: one `withdrawn` flag for each quote of `docId`, whatever version it was quoted from
 * (none of them is published any more), `withdrawnVersion` being the version published until then. Stored, a flag
 * identical to one already there (the same version withdrawn, restored, then withdrawn again) keeps the stored one:
 * open again as long as the document is withdrawn (see openFlags), or still handled when a reviewer marked it so,
 * having judged the declaration without that document already.
 * Pure. Dates are ISO strings.
 */
export function flagsAfterWithdrawal(
  declarations: readonly QuotingDeclaration[],
  docId: string,
  withdrawnVersion: string,
  flaggedAt: string,
): AssessmentFlag[] {
  return declarations.flatMap((declaration) =>
    declaration.quotes
      .filter((quote) => quote.docId === docId)
      .map(
        (quote): AssessmentFlag => ({
          declarationId: declaration.id,
          publicId: declaration.publicId,
          docId,
          quotedVersion: quote.versionLabel,
          sectionPath: quote.sectionPath,
          newVersion: withdrawnVersion,
          change: 'withdrawn',
          flaggedAt,
        }),
      ),
  );
}

/** `text` with every run of white space one space, trimmed. */
function collapsed(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * The quotes of each declaration's current preliminary assessment. Declarations without an assessment (drafts never
 * submitted) are left out; one whose assessment quotes nothing is kept with no quote, so that a flag on it is known
 * to apply no more (see openFlags).
 */
export function quotingDeclarations(records: readonly DeclarationRecord[]): QuotingDeclaration[] {
  return records.flatMap((record) => {
    if (!record.assessment) return [];
    const quotes = record.assessment.obligations.flatMap((o) =>
      o.quote ? [{ docId: o.quote.docId, versionLabel: o.quote.versionLabel, sectionPath: o.quote.sectionPath, text: o.quote.text }] : [],
    );
    return [{ id: record.id, publicId: record.publicId, quotes }];
  });
}

/**
 * The flags governance still has to look at: not marked handled, and whose declaration's current assessment still
 * quotes the flagged version of the flagged section. A resubmission re-assesses the declaration with the published
 * versions, so its flags stop applying once its new assessment quotes the new text (or no longer that section).
 * A `withdrawn` flag applies only while its document stays withdrawn (`isPublished(docId)` false): once a version is
 * published again (`rétablir`), what the assessment quotes is judged like any publication — nothing to review when
 * the restored version holds the quoted text, a `changed` or `removed` flag otherwise — and a reviewer would only
 * be misled by « document retiré » about a document readers see again. Withdrawn again, the same flag (not marked
 * handled) is open again.
 * A flag whose declaration is not among `declarations` is kept: nothing shows that it was dealt with.
 * Pure; order kept.
 */
export function openFlags(
  flags: readonly AssessmentFlag[],
  declarations: readonly QuotingDeclaration[],
  isPublished: (docId: string) => boolean,
): AssessmentFlag[] {
  const byId = new Map(declarations.map((d) => [d.id, d]));
  return flags.filter((flag) => {
    if (flag.handled) return false;
    if (flag.change === 'withdrawn' && isPublished(flag.docId)) return false;
    const declaration = byId.get(flag.declarationId);
    if (!declaration) return true;
    const section = JSON.stringify(flag.sectionPath);
    return declaration.quotes.some((q) => q.docId === flag.docId && q.versionLabel === flag.quotedVersion && JSON.stringify(q.sectionPath) === section);
  });
}
