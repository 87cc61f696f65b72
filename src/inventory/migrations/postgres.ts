/**
 * Inventory schema migrations for PostgreSQL, applied in order under an advisory lock; the table
 * `inventory_migrations` records which have run. Append only: a shipped migration is never edited, a change is a
 * new entry (one exception, migration 2's one-draft index, moved to 3: see ./sqlite.ts). Same tables and semantics
 * as ./sqlite.ts.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE inventory_declarations (
    id uuid PRIMARY KEY,
    public_id text UNIQUE,
    schema_version integer NOT NULL,
    data jsonb NOT NULL,
    state text NOT NULL CHECK (state IN ('draft', 'submitted', 'in_review', 'approved', 'changes_requested', 'rejected')),
    declarant_id text NOT NULL,
    declarant_name text NOT NULL,
    revision integer NOT NULL,
    assessment jsonb,
    submission_key text UNIQUE,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    submitted_at timestamptz
  );
  CREATE INDEX inventory_declarations_by_declarant ON inventory_declarations (declarant_id, updated_at);
  CREATE INDEX inventory_declarations_by_state ON inventory_declarations (state, updated_at);
  CREATE TABLE inventory_declaration_collaborators (
    declaration_id uuid NOT NULL REFERENCES inventory_declarations(id) ON DELETE CASCADE,
    user_id text NOT NULL,
    added_at timestamptz NOT NULL,
    PRIMARY KEY (declaration_id, user_id)
  );
  CREATE INDEX inventory_collaborators_by_user ON inventory_declaration_collaborators (user_id);
  CREATE TABLE inventory_declaration_events (
    declaration_id uuid NOT NULL REFERENCES inventory_declarations(id) ON DELETE CASCADE,
    seq integer NOT NULL,
    at timestamptz NOT NULL,
    actor_id text NOT NULL,
    actor_name text NOT NULL,
    from_state text,
    to_state text NOT NULL,
    comment text,
    PRIMARY KEY (declaration_id, seq)
  );
  CREATE TABLE inventory_declaration_counters (
    year integer PRIMARY KEY,
    last_number integer NOT NULL
  );
  CREATE TABLE inventory_conversations (
    key text PRIMARY KEY,
    reference jsonb NOT NULL,
    updated_at timestamptz NOT NULL
  );
  `,
  // 2. As ./sqlite.ts migration 2: last submitted version, one draft per declarant, notification outbox.
  `
  ALTER TABLE inventory_declarations ADD COLUMN submitted_data jsonb;
  UPDATE inventory_declarations SET submitted_data = data WHERE public_id IS NOT NULL;
  DELETE FROM inventory_declarations d WHERE d.state = 'draft' AND d.revision = 1 AND EXISTS (
    SELECT 1 FROM inventory_declarations o WHERE o.declarant_id = d.declarant_id AND o.state = 'draft'
      AND o.id <> d.id AND (o.revision > 1 OR o.id < d.id));
  CREATE TABLE inventory_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    declaration_id uuid NOT NULL REFERENCES inventory_declarations(id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('review_card', 'decision_notice')),
    event_seq integer,
    created_at timestamptz NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_owner text,
    lease_until timestamptz,
    delivered_at timestamptz
  );
  CREATE INDEX inventory_outbox_due ON inventory_outbox (next_attempt_at) WHERE delivered_at IS NULL;
  CREATE INDEX inventory_outbox_by_declaration ON inventory_outbox (declaration_id);
  CREATE TABLE inventory_outbox_attempts (
    outbox_id bigint NOT NULL REFERENCES inventory_outbox(id) ON DELETE CASCADE,
    attempt integer NOT NULL,
    at timestamptz NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'waiting', 'obsolete')),
    detail text,
    PRIMARY KEY (outbox_id, attempt)
  );
  `,
  // 3. As ./sqlite.ts migration 3: drafts set aside, the one-draft index rebuilt without them.
  `
  ALTER TABLE inventory_declarations ADD COLUMN set_aside_at timestamptz;
  UPDATE inventory_declarations d SET set_aside_at = now()
  WHERE d.state = 'draft' AND EXISTS (
    SELECT 1 FROM inventory_declarations o WHERE o.declarant_id = d.declarant_id AND o.state = 'draft'
      AND (o.updated_at, o.created_at, o.id) > (d.updated_at, d.created_at, d.id));
  DROP INDEX IF EXISTS inventory_declarations_one_draft;
  CREATE UNIQUE INDEX inventory_declarations_one_draft ON inventory_declarations (declarant_id) WHERE state = 'draft' AND set_aside_at IS NULL;
  `,
  // 4. As ./sqlite.ts migration 4: user ids in lower case, a draft this brings together set aside, one row per collaborator.
  `
  DROP INDEX inventory_declarations_one_draft;
  UPDATE inventory_declarations SET declarant_id = lower(declarant_id) WHERE declarant_id <> lower(declarant_id);
  UPDATE inventory_declarations d SET set_aside_at = now()
  WHERE d.state = 'draft' AND d.set_aside_at IS NULL AND EXISTS (
    SELECT 1 FROM inventory_declarations o WHERE o.declarant_id = d.declarant_id AND o.state = 'draft' AND o.set_aside_at IS NULL
      AND (o.updated_at, o.created_at, o.id) > (d.updated_at, d.created_at, d.id));
  CREATE UNIQUE INDEX inventory_declarations_one_draft ON inventory_declarations (declarant_id) WHERE state = 'draft' AND set_aside_at IS NULL;
  DELETE FROM inventory_declaration_collaborators d WHERE EXISTS (
    SELECT 1 FROM inventory_declaration_collaborators c WHERE c.declaration_id = d.declaration_id
      AND lower(c.user_id) = lower(d.user_id) AND c.user_id < d.user_id);
  UPDATE inventory_declaration_collaborators SET user_id = lower(user_id) WHERE user_id <> lower(user_id);
  `,
  // 5. The language a declaration was submitted in (see ./sqlite.ts, 5).
  `
  ALTER TABLE inventory_declarations ADD COLUMN language TEXT CHECK (language IS NULL OR language IN ('fr', 'en'));
  `,
  // 6. The fields a resubmission changed (see ./sqlite.ts, 6).
  `
  ALTER TABLE inventory_declarations ADD COLUMN changed_fields jsonb;
  `,
  // 7. Tombstones of drafts deleted by their declarant (see ./sqlite.ts, 7).
  `
  CREATE TABLE inventory_deleted_drafts (
    id uuid PRIMARY KEY,
    declarant_id text NOT NULL,
    deleted_at timestamptz NOT NULL
  );
  `,
  // 8. Repeated attempts kept as one row, and `given_up` (see ./sqlite.ts, 8).
  `
  ALTER TABLE inventory_outbox_attempts DROP CONSTRAINT inventory_outbox_attempts_outcome_check;
  ALTER TABLE inventory_outbox_attempts ADD CONSTRAINT inventory_outbox_attempts_outcome_check
    CHECK (outcome IN ('delivered', 'failed', 'waiting', 'obsolete', 'given_up'));
  ALTER TABLE inventory_outbox_attempts ADD COLUMN repeats integer NOT NULL DEFAULT 1 CHECK (repeats >= 1);
  ALTER TABLE inventory_outbox_attempts ADD COLUMN last_at timestamptz;
  UPDATE inventory_outbox_attempts SET last_at = at;
  ALTER TABLE inventory_outbox_attempts ALTER COLUMN last_at SET NOT NULL;
  `,
  // 9. Notices to one person besides the declarant: `shared_notice`, `decision_copy`, and their `recipient_id` (see ./sqlite.ts, 9).
  `
  ALTER TABLE inventory_outbox DROP CONSTRAINT inventory_outbox_kind_check;
  ALTER TABLE inventory_outbox ADD CONSTRAINT inventory_outbox_kind_check
    CHECK (kind IN ('review_card', 'decision_notice', 'shared_notice', 'decision_copy'));
  ALTER TABLE inventory_outbox ADD COLUMN recipient_id text;
  ALTER TABLE inventory_outbox ADD CONSTRAINT inventory_outbox_recipient_check
    CHECK ((recipient_id IS NOT NULL) = (kind IN ('shared_notice', 'decision_copy')));
  `,
  // 10. Access changes of a declaration (see ./sqlite.ts, 10).
  `
  CREATE TABLE inventory_access_events (
    declaration_id uuid NOT NULL REFERENCES inventory_declarations(id) ON DELETE CASCADE,
    seq integer NOT NULL,
    at timestamptz NOT NULL,
    actor_id text NOT NULL,
    actor_name text NOT NULL,
    change text NOT NULL CHECK (change IN ('added', 'removed')),
    user_id text NOT NULL,
    PRIMARY KEY (declaration_id, seq)
  );
  `,
  // 11. `withdrawn_notice` and `left_notice` (see ./sqlite.ts, 11).
  `
  ALTER TABLE inventory_outbox DROP CONSTRAINT inventory_outbox_kind_check;
  ALTER TABLE inventory_outbox ADD CONSTRAINT inventory_outbox_kind_check
    CHECK (kind IN ('review_card', 'decision_notice', 'shared_notice', 'decision_copy', 'withdrawn_notice', 'left_notice'));
  `,
  // 12. The review card posted in the governance channel, and `card_update` (see ./sqlite.ts, 12).
  `
  CREATE TABLE inventory_review_cards (
    declaration_id uuid PRIMARY KEY REFERENCES inventory_declarations(id) ON DELETE CASCADE,
    reference jsonb NOT NULL,
    activity_id text NOT NULL,
    posted_at timestamptz NOT NULL
  );
  ALTER TABLE inventory_outbox DROP CONSTRAINT inventory_outbox_kind_check;
  ALTER TABLE inventory_outbox ADD CONSTRAINT inventory_outbox_kind_check
    CHECK (kind IN ('review_card', 'decision_notice', 'shared_notice', 'decision_copy', 'withdrawn_notice', 'left_notice', 'card_update'));
  `,
  // 13. `taken_back_notice`, which names its recipient (see ./sqlite.ts, 13).
  `
  ALTER TABLE inventory_outbox DROP CONSTRAINT inventory_outbox_kind_check;
  ALTER TABLE inventory_outbox ADD CONSTRAINT inventory_outbox_kind_check
    CHECK (kind IN ('review_card', 'decision_notice', 'shared_notice', 'decision_copy', 'withdrawn_notice', 'left_notice', 'card_update', 'taken_back_notice'));
  ALTER TABLE inventory_outbox DROP CONSTRAINT inventory_outbox_recipient_check;
  ALTER TABLE inventory_outbox ADD CONSTRAINT inventory_outbox_recipient_check
    CHECK ((recipient_id IS NOT NULL) = (kind IN ('shared_notice', 'decision_copy', 'taken_back_notice')));
  `,
];
