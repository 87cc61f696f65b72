import { stringify } from 'csv-stringify/sync';
import type { FeedbackReport } from './service.js';

/** What `balises feedback --format csv` lists: one row per rating, or one row per disliked passage. */
export type FeedbackView = 'ratings' | 'passages';

/** Free text starting with one of these is a formula to a spreadsheet (CSV injection); it gets a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The feedback report as text.
 * - `json`: `{ ratings, dislikedPassages }` as in {@link FeedbackReport}, indented.
 * - `csv`, view `ratings`: rated_at, reaction, outcome, language, documents (`docId version`, each once), passages
 *   (ids), question and comment (empty unless kept; formula-safe), most recent first; lists are joined by ` ; `; view `passages`: passage_id, doc_id, version,
 *   dislikes, likes, most disliked first. UTF-8 with a byte order mark for Excel, CRLF line ends (RFC 4180), like
 *   the inventory export.
 */
export function formatFeedbackReport(report: FeedbackReport, format: 'csv' | 'json', view: FeedbackView = 'ratings'): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const csv = (columns: string[], rows: Array<Array<string | number>>) =>
    stringify(rows, { bom: true, header: true, columns, record_delimiter: 'windows' });
  if (view === 'passages') {
    return csv(
      ['passage_id', 'doc_id', 'version', 'dislikes', 'likes'],
      report.dislikedPassages.map((p) => [p.passageId, p.docId, p.versionLabel, p.dislikes, p.likes]),
    );
  }
  return csv(
    ['rated_at', 'reaction', 'outcome', 'language', 'documents', 'passages', 'question', 'comment'],
    report.ratings.map((r) => [
      r.ratedAt,
      r.reaction,
      r.outcome,
      r.language ?? '',
      [...new Set(r.passages.map((p) => `${p.docId} ${p.versionLabel}`))].join(' ; '),
      r.passages.map((p) => p.passageId).join(' ; '),
      formulaSafe(r.question),
      formulaSafe(r.comment),
    ]),
  );
}

/** Free text as a cell: empty when not kept, a leading apostrophe when it would start a formula. */
function formulaSafe(text: string | null): string {
  if (text === null) return '';
  return FORMULA_START.test(text) ? `'${text}` : text;
}
