/**
 * Feedback on answers (Teams' 👍/👎): what each sent answer carried, one rating per (message, person), retention,
 * and the report for the governance team. src/bot, src/cli and src/server reach it only through this file.
 */
export * from './types.js';
export { maskPersonalInformation, MASKS } from './mask.js';
export * from './service.js';
export { formatFeedbackReport, type FeedbackView } from './export.js';
export { FeedbackStoreError, openSqliteFeedbackRepository } from './sqlite-repository.js';
