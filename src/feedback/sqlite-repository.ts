import Database from 'better-sqlite3';
import { z } from 'zod';
import { openMigratedSqliteFile, SQLITE_BUSY_TIMEOUT_MS } from '../storage/sqlite.js';
import { AnswerPassage, REACTIONS, type AnswerTrace, type FeedbackRepository, type MessageRef, type StoredRating } from './types.js';

/**
 * Feedback schema migrations for SQLite, applied in order and recorded in `feedback_migrations` (the knowledge store
 * owns `PRAGMA user_version`, the inventory `inventory_migrations`). Append only. Dates are ISO 8601 text in UTC.
 */
export const FEEDBACK_SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE feedback_answers (
    conversation_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    language TEXT NOT NULL,
    passages TEXT NOT NULL CHECK (json_valid(passages)),
    question TEXT,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, message_id)
  );
  CREATE INDEX feedback_answers_by_time ON feedback_answers (sent_at);
  CREATE TABLE feedback_ratings (
    conversation_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    user_key TEXT NOT NULL,
    reaction TEXT NOT NULL CHECK (reaction IN ('like', 'dislike')),
    rated_at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    language TEXT,
    passages TEXT NOT NULL CHECK (json_valid(passages)),
    question TEXT,
    PRIMARY KEY (conversation_id, message_id, user_key)
  );
  CREATE INDEX feedback_ratings_by_time ON feedback_ratings (rated_at);
  `,
  'ALTER TABLE feedback_ratings ADD COLUMN comment TEXT;',
];

/** Thrown when the feedback tables cannot be opened or prepared; the message names the file. */
export class FeedbackStoreError extends Error {
  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super(`feedback store ${file}: ${reason}`, options);
    this.name = 'FeedbackStoreError';
  }
}

const Passages = z.string().transform((json, ctx) => {
  const parsed = z.array(AnswerPassage).safeParse(JSON.parse(json));
  if (!parsed.success) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'stored passages are not a passage list' });
    return z.NEVER;
  }
  return parsed.data;
});
const AnswerRow = z.object({ outcome: z.string(), language: z.string(), passages: Passages, question: z.string().nullable() });
const RatingRow = z.object({
  conversation_id: z.string(),
  message_id: z.string(),
  user_key: z.string(),
  reaction: z.enum(REACTIONS),
  rated_at: z.string(),
  outcome: z.string(),
  language: z.string().nullable(),
  passages: Passages,
  question: z.string().nullable(),
  comment: z.string().nullable(),
});
const MigrationRow = z.object({ version: z.number().int().nullable() });

/**
 * Opens the feedback tables in a SQLite file (by default the knowledge base's file, beside the inventory's tables)
 * and applies pending migrations.
 * @param busyTimeoutMs how long a write waits for another process's lock (see openSqliteFile)
 * @throws FeedbackStoreError when the file cannot be opened or holds a newer feedback schema
 */
export function openSqliteFeedbackRepository(file: string, busyTimeoutMs: number = SQLITE_BUSY_TIMEOUT_MS): FeedbackRepository {
  const db = openMigratedSqliteFile(file, { migrate: (opened) => migrate(opened, file), errorClass: FeedbackStoreError, what: 'the feedback schema', busyTimeoutMs });
  return new SqliteFeedbackRepository(db);
}

function migrate(db: Database.Database, file: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS feedback_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = (): number => MigrationRow.parse(db.prepare('SELECT MAX(version) AS version FROM feedback_migrations').get()).version ?? 0;
  if (applied() > FEEDBACK_SQLITE_MIGRATIONS.length) {
    throw new FeedbackStoreError(file, `feedback schema version ${applied()} is newer than this Balises knows (${FEEDBACK_SQLITE_MIGRATIONS.length})`);
  }
  FEEDBACK_SQLITE_MIGRATIONS.forEach((sql, i) => {
    const version = i + 1;
    db.transaction(() => {
      // Another process may have applied it between our read and our write lock.
      if (applied() >= version) return;
      db.exec(sql);
      db.prepare('INSERT INTO feedback_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
    }).immediate();
  });
}

class SqliteFeedbackRepository implements FeedbackRepository {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      saveAnswer: db.prepare(
        `INSERT OR REPLACE INTO feedback_answers (conversation_id, message_id, outcome, language, passages, question, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      latestAnswer: db.prepare('SELECT message_id FROM feedback_answers WHERE conversation_id = ? ORDER BY sent_at DESC, rowid DESC LIMIT 1'),
      getAnswer: db.prepare('SELECT outcome, language, passages, question FROM feedback_answers WHERE conversation_id = ? AND message_id = ?'),
      insertRating: db.prepare(
        `INSERT INTO feedback_ratings (conversation_id, message_id, user_key, reaction, rated_at, outcome, language, passages, question, comment)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id, message_id, user_key) DO NOTHING`,
      ),
      ratings: db.prepare('SELECT * FROM feedback_ratings ORDER BY rated_at DESC, conversation_id, message_id, user_key'),
      purgeAnswers: db.prepare('DELETE FROM feedback_answers WHERE sent_at < ?'),
      purgeRatings: db.prepare('DELETE FROM feedback_ratings WHERE rated_at < ?'),
    };
  }

  async saveAnswer(ref: MessageRef, trace: AnswerTrace, question: string | null, sentAt: string): Promise<void> {
    this.statements.saveAnswer.run(ref.conversationId, ref.messageId, trace.outcome, trace.language, JSON.stringify(trace.passages), question, sentAt);
  }

  async latestAnswerId(conversationId: string): Promise<string | null> {
    const row = this.statements.latestAnswer.get(conversationId);
    return row === undefined ? null : z.object({ message_id: z.string() }).parse(row).message_id;
  }

  async getAnswer(ref: MessageRef): Promise<{ trace: AnswerTrace; question: string | null } | null> {
    const row = this.statements.getAnswer.get(ref.conversationId, ref.messageId);
    if (row === undefined) return null;
    const { outcome, language, passages, question } = AnswerRow.parse(row);
    return { trace: { outcome, language, passages }, question };
  }

  async insertRating(r: StoredRating): Promise<boolean> {
    const result = this.statements.insertRating.run(
      r.conversationId, r.messageId, r.userKey, r.reaction, r.ratedAt, r.outcome, r.language, JSON.stringify(r.passages), r.question, r.comment,
    );
    return result.changes === 1;
  }

  async ratings(): Promise<StoredRating[]> {
    return this.statements.ratings.all().map((raw) => {
      const row = RatingRow.parse(raw);
      return {
        conversationId: row.conversation_id,
        messageId: row.message_id,
        userKey: row.user_key,
        reaction: row.reaction,
        ratedAt: row.rated_at,
        outcome: row.outcome,
        language: row.language,
        passages: row.passages,
        question: row.question,
        comment: row.comment,
      };
    });
  }

  async purgeBefore(before: string): Promise<number> {
    return this.db.transaction(() => this.statements.purgeAnswers.run(before).changes + this.statements.purgeRatings.run(before).changes)();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
