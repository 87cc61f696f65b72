/**
 * Inventory schema migrations for SQLite, applied in order; the table `inventory_migrations` records which have
 * run (not `PRAGMA user_version`, which belongs to the knowledge store sharing the file). Append only: a shipped
 * migration is never edited, a change is a new entry; one exception, migration 2's one-draft index, moved to
 * migration 3 because building it in 2 failed on inventories holding two edited drafts of one declarant (so no
 * inventory ever got past 2 with them, and those that did keep their index until 3 rebuilds it). Same tables and
 * semantics as ./postgres.ts.
 *
 * Dates are ISO 8601 text in UTC (`2026-03-01T10:00:00.000Z`, so text order is time order); JSON is text.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE inventory_declarations (
    id TEXT PRIMARY KEY,
    public_id TEXT UNIQUE,
    schema_version INTEGER NOT NULL,
    data TEXT NOT NULL CHECK (json_valid(data)),
    state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'in_review', 'approved', 'changes_requested', 'rejected')),
    declarant_id TEXT NOT NULL,
    declarant_name TEXT NOT NULL,
    revision INTEGER NOT NULL,
    assessment TEXT CHECK (assessment IS NULL OR json_valid(assessment)),
    submission_key TEXT UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT
  );
  CREATE INDEX inventory_declarations_by_declarant ON inventory_declarations (declarant_id, updated_at);
  CREATE INDEX inventory_declarations_by_state ON inventory_declarations (state, updated_at);
  CREATE TABLE inventory_declaration_collaborators (
    declaration_id TEXT NOT NULL REFERENCES inventory_declarations(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (declaration_id, user_id)
  );
  CREATE INDEX inventory_collaborators_by_user ON inventory_declaration_collaborators (user_id);
  CREATE TABLE inventory_declaration_events (
    declaration_id TEXT NOT NULL REFERENCES inventory_declarations(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    comment TEXT,
    PRIMARY KEY (declaration_id, seq)
  );
  CREATE TABLE inventory_declaration_counters (
    year INTEGER PRIMARY KEY,
    last_number INTEGER NOT NULL
  );
  CREATE TABLE inventory_conversations (
    key TEXT PRIMARY KEY,
    reference TEXT NOT NULL CHECK (json_valid(reference)),
    updated_at TEXT NOT NULL
  );
  `,
  // 2. The last submitted version of each declaration (exports never show unsubmitted edits); one draft per
  // declarant, enforced here (concurrent `/déclarer` made several); the notification outbox and its attempts.
  // Duplicate drafts never edited (revision 1) left by the old race are removed (the index is built in 3).
  `
  ALTER TABLE inventory_declarations ADD COLUMN submitted_data TEXT CHECK (submitted_data IS NULL OR json_valid(submitted_data));
  UPDATE inventory_declarations SET submitted_data = data WHERE public_id IS NOT NULL;
  DELETE FROM inventory_declarations WHERE state = 'draft' AND revision = 1 AND EXISTS (
    SELECT 1 FROM inventory_declarations o WHERE o.declarant_id = inventory_declarations.declarant_id AND o.state = 'draft'
      AND o.id <> inventory_declarations.id AND (o.revision > 1 OR o.id < inventory_declarations.id));
  CREATE TABLE inventory_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    declaration_id TEXT NOT NULL REFERENCES inventory_declarations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('review_card', 'decision_notice')),
    event_seq INTEGER,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_owner TEXT,
    lease_until TEXT,
    delivered_at TEXT
  );
  CREATE INDEX inventory_outbox_due ON inventory_outbox (next_attempt_at) WHERE delivered_at IS NULL;
  CREATE INDEX inventory_outbox_by_declaration ON inventory_outbox (declaration_id);
  CREATE TABLE inventory_outbox_attempts (
    outbox_id INTEGER NOT NULL REFERENCES inventory_outbox(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    at TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'failed', 'waiting', 'obsolete')),
    detail TEXT,
    PRIMARY KEY (outbox_id, attempt)
  );
  `,
  // 3. Drafts set aside: of several edited drafts of one declarant (left by the old concurrent `/déclarer`), the most
  // recently updated stays the draft and the others are set aside, data kept, out of the one-draft index; their
  // declarant reopens (swapping) or deletes them from `mes déclarations`.
  `
  ALTER TABLE inventory_declarations ADD COLUMN set_aside_at TEXT;
  UPDATE inventory_declarations SET set_aside_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE state = 'draft' AND EXISTS (
    SELECT 1 FROM inventory_declarations o WHERE o.declarant_id = inventory_declarations.declarant_id AND o.state = 'draft'
      AND (o.updated_at, o.created_at, o.id) > (inventory_declarations.updated_at, inventory_declarations.created_at, inventory_declarations.id));
  DROP INDEX IF EXISTS inventory_declarations_one_draft;
  CREATE UNIQUE INDEX inventory_declarations_one_draft ON inventory_declarations (declarant_id) WHERE state = 'draft' AND set_aside_at IS NULL;
  `,
  // 4. User ids in the one case they are compared in (lower: identity.ts userIdKey). Microsoft Entra object ids were
  // stored as the activity spelled them, and channels differ in case, so a person could miss their own declarations.
  // Two open drafts of one person that this brings together (one stored under each case) are handled as in 3: the
  // most recently updated stays the draft, the other is set aside. A collaborator added under two cases keeps one row.
  // Event actors stay as recorded (history, only shown). lower() folds ASCII only, which is all an Entra id holds.
  `
  DROP INDEX inventory_declarations_one_draft;
  UPDATE inventory_declarations SET declarant_id = lower(declarant_id) WHERE declarant_id <> lower(declarant_id);
  UPDATE inventory_declarations SET set_aside_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE state = 'draft' AND set_aside_at IS NULL AND EXISTS (
    SELECT 1 FROM inventory_declarations o WHERE o.declarant_id = inventory_declarations.declarant_id AND o.state = 'draft'
      AND o.set_aside_at IS NULL
      AND (o.updated_at, o.created_at, o.id) > (inventory_declarations.updated_at, inventory_declarations.created_at, inventory_declarations.id));
  CREATE UNIQUE INDEX inventory_declarations_one_draft ON inventory_declarations (declarant_id) WHERE state = 'draft' AND set_aside_at IS NULL;
  DELETE FROM inventory_declaration_collaborators WHERE EXISTS (
    SELECT 1 FROM inventory_declaration_collaborators c WHERE c.declaration_id = inventory_declaration_collaborators.declaration_id
      AND lower(c.user_id) = lower(inventory_declaration_collaborators.user_id) AND c.user_id < inventory_declaration_collaborators.user_id);
  UPDATE inventory_declaration_collaborators SET user_id = lower(user_id) WHERE user_id <> lower(user_id);
  `,
  // 5. The language a declaration was submitted in (its declarant's flow: `fr` or `en`), so the review card and the
  // decision notice speak it rather than the client locale of whoever's activity is at hand. Unknown (NULL) for
  // declarations submitted before: those keep the locale rule.
  `
  ALTER TABLE inventory_declarations ADD COLUMN language TEXT CHECK (language IS NULL OR language IN ('fr', 'en'));
  `,
  // 6. Which fields a resubmission changed since the version governance asked changes on (a JSON array of field
  // names, never values), for the review card. NULL for first submissions and for resubmissions made before.
  `
  ALTER TABLE inventory_declarations ADD COLUMN changed_fields TEXT CHECK (changed_fields IS NULL OR json_valid(changed_fields));
  `,
  // 7. Tombstones of drafts deleted by their declarant (types.ts DeletedDraft): which draft, whose, when; nothing of
  // what was typed. A button pressed later on an old card of the draft says it was deleted, not that it is unknown.
  `
  CREATE TABLE inventory_deleted_drafts (
    id TEXT PRIMARY KEY,
    declarant_id TEXT NOT NULL,
    deleted_at TEXT NOT NULL
  );
  `,
  // 8. Repeated attempts kept as one row: consecutive `failed` or `waiting` attempts of one notification with the same
  // detail are one row, `repeats` counting them and `last_at` the latest (a refused or waiting notification retried
  // every 10 minutes added 144 rows a day); `given_up`, a notification refused as gone (HTTP 403, 404) for long
  // enough (outbox.ts GIVE_UP_AFTER_MS). SQLite cannot change a CHECK in place: the table is rebuilt, rows kept as
  // one attempt each.
  `
  CREATE TABLE inventory_outbox_attempts_8 (
    outbox_id INTEGER NOT NULL REFERENCES inventory_outbox(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    at TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'failed', 'waiting', 'obsolete', 'given_up')),
    detail TEXT,
    repeats INTEGER NOT NULL DEFAULT 1 CHECK (repeats >= 1),
    last_at TEXT NOT NULL,
    PRIMARY KEY (outbox_id, attempt)
  );
  INSERT INTO inventory_outbox_attempts_8 (outbox_id, attempt, at, outcome, detail, repeats, last_at)
    SELECT outbox_id, attempt, at, outcome, detail, 1, at FROM inventory_outbox_attempts;
  DROP TABLE inventory_outbox_attempts;
  ALTER TABLE inventory_outbox_attempts_8 RENAME TO inventory_outbox_attempts;
  `,
  // 9. Notices to one person besides the declarant, through the outbox too (a restart or an outage no longer loses
  // them): `shared_notice` (« … vous donne accès », to a colleague just added) and `decision_copy` (a governance
  // decision, to a collaborator), each naming its `recipient_id` (an Entra object id as stored; NULL for the review
  // card and the declarant's own notice). SQLite cannot change a CHECK in place, and a migration runs in a
  // transaction, where foreign keys cannot be turned off: both tables are rebuilt (attempts first dropped, so
  // dropping the outbox cascades to nothing), rows, ids and the id counter kept; renaming the new outbox points the
  // new attempts' foreign key at it.
  `
  CREATE TABLE inventory_outbox_9 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    declaration_id TEXT NOT NULL REFERENCES inventory_declarations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('review_card', 'decision_notice', 'shared_notice', 'decision_copy')),
    recipient_id TEXT CHECK ((recipient_id IS NOT NULL) = (kind IN ('shared_notice', 'decision_copy'))),
    event_seq INTEGER,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_owner TEXT,
    lease_until TEXT,
    delivered_at TEXT
  );
  INSERT INTO inventory_outbox_9 (id, declaration_id, kind, event_seq, created_at, attempts, next_attempt_at, lease_owner, lease_until, delivered_at)
    SELECT id, declaration_id, kind, event_seq, created_at, attempts, next_attempt_at, lease_owner, lease_until, delivered_at FROM inventory_outbox;
  DELETE FROM sqlite_sequence WHERE name = 'inventory_outbox_9';
  INSERT INTO sqlite_sequence (name, seq) SELECT 'inventory_outbox_9', seq FROM sqlite_sequence WHERE name = 'inventory_outbox';
  CREATE TABLE inventory_outbox_attempts_9 (
    outbox_id INTEGER NOT NULL REFERENCES inventory_outbox_9(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    at TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'failed', 'waiting', 'obsolete', 'given_up')),
    detail TEXT,
    repeats INTEGER NOT NULL DEFAULT 1 CHECK (repeats >= 1),
    last_at TEXT NOT NULL,
    PRIMARY KEY (outbox_id, attempt)
  );
  INSERT INTO inventory_outbox_attempts_9 (outbox_id, attempt, at, outcome, detail, repeats, last_at)
    SELECT outbox_id, attempt, at, outcome, detail, repeats, last_at FROM inventory_outbox_attempts;
  DROP TABLE inventory_outbox_attempts;
  DROP TABLE inventory_outbox;
  ALTER TABLE inventory_outbox_9 RENAME TO inventory_outbox;
  ALTER TABLE inventory_outbox_attempts_9 RENAME TO inventory_outbox_attempts;
  CREATE INDEX inventory_outbox_due ON inventory_outbox (next_attempt_at) WHERE delivered_at IS NULL;
  CREATE INDEX inventory_outbox_by_declaration ON inventory_outbox (declaration_id);
  `,
  // 10. Who gave or took away a colleague's access to a declaration, when, and whose (types.ts AccessEvent): the
  // declaration's events are its state transitions, so access changes are a history of their own.
  `
  CREATE TABLE inventory_access_events (
    declaration_id TEXT NOT NULL REFERENCES inventory_declarations(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('added', 'removed')),
    user_id TEXT NOT NULL,
    PRIMARY KEY (declaration_id, seq)
  );
  `,
  // 11. Two notices besides those of 9 (see outbox.ts NotificationKind): `withdrawn_notice`, to the governance channel,
  // that a declaration whose review card was posted there was taken back to draft by its authors; `left_notice`, to
  // the declarant, that a colleague stopped following their declaration. Neither names a recipient (the channel, the
  // declarant); `event_seq` numbers the event they announce (a state event, an access event). The CHECK is rebuilt
  // as in 9, rows, ids and the id counter kept.
  `
  CREATE TABLE inventory_outbox_11 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    declaration_id TEXT NOT NULL REFERENCES inventory_declarations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('review_card', 'decision_notice', 'shared_notice', 'decision_copy', 'withdrawn_notice', 'left_notice')),
    recipient_id TEXT CHECK ((recipient_id IS NOT NULL) = (kind IN ('shared_notice', 'decision_copy'))),
    event_seq INTEGER,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_owner TEXT,
    lease_until TEXT,
    delivered_at TEXT
  );
  INSERT INTO inventory_outbox_11 (id, declaration_id, kind, recipient_id, event_seq, created_at, attempts, next_attempt_at, lease_owner, lease_until, delivered_at)
    SELECT id, declaration_id, kind, recipient_id, event_seq, created_at, attempts, next_attempt_at, lease_owner, lease_until, delivered_at FROM inventory_outbox;
  DELETE FROM sqlite_sequence WHERE name = 'inventory_outbox_11';
  INSERT INTO sqlite_sequence (name, seq) SELECT 'inventory_outbox_11', seq FROM sqlite_sequence WHERE name = 'inventory_outbox';
  CREATE TABLE inventory_outbox_attempts_11 (
    outbox_id INTEGER NOT NULL REFERENCES inventory_outbox_11(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    at TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'failed', 'waiting', 'obsolete', 'given_up')),
    detail TEXT,
    repeats INTEGER NOT NULL DEFAULT 1 CHECK (repeats >= 1),
    last_at TEXT NOT NULL,
    PRIMARY KEY (outbox_id, attempt)
  );
  INSERT INTO inventory_outbox_attempts_11 (outbox_id, attempt, at, outcome, detail, repeats, last_at)
    SELECT outbox_id, attempt, at, outcome, detail, repeats, last_at FROM inventory_outbox_attempts;
  DROP TABLE inventory_outbox_attempts;
  DROP TABLE inventory_outbox;
  ALTER TABLE inventory_outbox_11 RENAME TO inventory_outbox;
  ALTER TABLE inventory_outbox_attempts_11 RENAME TO inventory_outbox_attempts;
  CREATE INDEX inventory_outbox_due ON inventory_outbox (next_attempt_at) WHERE delivered_at IS NULL;
  CREATE INDEX inventory_outbox_by_declaration ON inventory_outbox (declaration_id);
  `,
  // 12. The review card posted in the governance channel for a declaration's latest submission (the connector's
  // activity id, and the conversation reference it was posted with), so that a state change made elsewhere updates
  // it in place; `card_update` (see outbox.ts NotificationKind), the outbox item that does, numbering the state event
  // it follows (`event_seq`). The CHECK is rebuilt as in 11, rows, ids and the id counter kept.
  `
  CREATE TABLE inventory_review_cards (
    declaration_id TEXT PRIMARY KEY REFERENCES inventory_declarations(id) ON DELETE CASCADE,
    reference TEXT NOT NULL CHECK (json_valid(reference)),
    activity_id TEXT NOT NULL,
    posted_at TEXT NOT NULL
  );
  CREATE TABLE inventory_outbox_12 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    declaration_id TEXT NOT NULL REFERENCES inventory_declarations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('review_card', 'decision_notice', 'shared_notice', 'decision_copy', 'withdrawn_notice', 'left_notice', 'card_update')),
    recipient_id TEXT CHECK ((recipient_id IS NOT NULL) = (kind IN ('shared_notice', 'decision_copy'))),
    event_seq INTEGER,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_owner TEXT,
    lease_until TEXT,
    delivered_at TEXT
  );
  INSERT INTO inventory_outbox_12 (id, declaration_id, kind, recipient_id, event_seq, created_at, attempts, next_attempt_at, lease_owner, lease_until, delivered_at)
    SELECT id, declaration_id, kind, recipient_id, event_seq, created_at, attempts, next_attempt_at, lease_owner, lease_until, delivered_at FROM inventory_outbox;
  DELETE FROM sqlite_sequence WHERE name = 'inventory_outbox_12';
  INSERT INTO sqlite_sequence (name, seq) SELECT 'inventory_outbox_12', seq FROM sqlite_sequence WHERE name = 'inventory_outbox';
  CREATE TABLE inventory_outbox_attempts_12 (
    outbox_id INTEGER NOT NULL REFERENCES inventory_outbox_12(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    at TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'failed', 'waiting', 'obsolete', 'given_up')),
    detail TEXT,
    repeats INTEGER NOT NULL DEFAULT 1 CHECK (repeats >= 1),
    last_at TEXT NOT NULL,
    PRIMARY KEY (outbox_id, attempt)
  );
  INSERT INTO inventory_outbox_attempts_12 (outbox_id, attempt, at, outcome, detail, repeats, last_at)
    SELECT outbox_id, attempt, at, outcome, detail, repeats, last_at FROM inventory_outbox_attempts;
  DROP TABLE inventory_outbox_attempts;
  DROP TABLE inventory_outbox;
  ALTER TABLE inventory_outbox_12 RENAME TO inventory_outbox;
  ALTER TABLE inventory_outbox_attempts_12 RENAME TO inventory_outbox_attempts;
  CREATE INDEX inventory_outbox_due ON inventory_outbox (next_attempt_at) WHERE delivered_at IS NULL;
  CREATE INDEX inventory_outbox_by_declaration ON inventory_outbox (declaration_id);
  `,
  // 13. `taken_back_notice` (see outbox.ts NotificationKind): a declaration taken back to draft, told to each of its
  // other authors; it names its recipient (`recipient_id`) and the `draft` event (`event_seq`). The CHECKs are rebuilt
  // as in 12, rows, ids and the id counter kept.
  `
  CREATE TABLE inventory_outbox_13 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    declaration_id TEXT NOT NULL REFERENCES inventory_declarations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('review_card', 'decision_notice', 'shared_notice', 'decision_copy', 'withdrawn_notice', 'left_notice', 'card_update', 'taken_back_notice')),
    recipient_id TEXT CHECK ((recipient_id IS NOT NULL) = (kind IN ('shared_notice', 'decision_copy', 'taken_back_notice'))),
    event_seq INTEGER,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_owner TEXT,
    lease_until TEXT,
    delivered_at TEXT
  );
  INSERT INTO inventory_outbox_13 (id, declaration_id, kind, recipient_id, event_seq, created_at, attempts, next_attempt_at, lease_owner, lease_until, delivered_at)
    SELECT id, declaration_id, kind, recipient_id, event_seq, created_at, attempts, next_attempt_at, lease_owner, lease_until, delivered_at FROM inventory_outbox;
  DELETE FROM sqlite_sequence WHERE name = 'inventory_outbox_13';
  INSERT INTO sqlite_sequence (name, seq) SELECT 'inventory_outbox_13', seq FROM sqlite_sequence WHERE name = 'inventory_outbox';
  CREATE TABLE inventory_outbox_attempts_13 (
    outbox_id INTEGER NOT NULL REFERENCES inventory_outbox_13(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    at TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'failed', 'waiting', 'obsolete', 'given_up')),
    detail TEXT,
    repeats INTEGER NOT NULL DEFAULT 1 CHECK (repeats >= 1),
    last_at TEXT NOT NULL,
    PRIMARY KEY (outbox_id, attempt)
  );
  INSERT INTO inventory_outbox_attempts_13 (outbox_id, attempt, at, outcome, detail, repeats, last_at)
    SELECT outbox_id, attempt, at, outcome, detail, repeats, last_at FROM inventory_outbox_attempts;
  DROP TABLE inventory_outbox_attempts;
  DROP TABLE inventory_outbox;
  ALTER TABLE inventory_outbox_13 RENAME TO inventory_outbox;
  ALTER TABLE inventory_outbox_attempts_13 RENAME TO inventory_outbox_attempts;
  CREATE INDEX inventory_outbox_due ON inventory_outbox (next_attempt_at) WHERE delivered_at IS NULL;
  CREATE INDEX inventory_outbox_by_declaration ON inventory_outbox (declaration_id);
  `,
];
