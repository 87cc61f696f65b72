import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../src/inventory/migrations/postgres.js';
import { openInventoryRepository } from '../../src/inventory/open-repository.js';
import { openPostgresInventoryRepository } from '../../src/inventory/postgres-repository.js';
import { loadAssessmentRules } from '../../src/inventory/assessment.js';
import { InventoryStoreError } from '../../src/inventory/repository-errors.js';
import { createInventoryService } from '../../src/inventory/workflow.js';
import { startTestPostgres, type TestPostgres } from '../helpers/embedded-postgres.js';
import { describeInventoryRepository } from './repository.suite.js';
import { describeSetAsideUpgrade, type OldDraft, type OldInventory } from './set-aside.scenario.js';
import { describeUserIdCaseUpgrade } from './user-id-case.scenario.js';
import { describeWithdrawAndLeave } from './withdraw-leave.scenario.js';
import { describeReviewCardUpdates } from './review-card-updates.scenario.js';

let server: TestPostgres;

beforeAll(async () => {
  server = await startTestPostgres();
});

afterAll(async () => {
  await server?.stop();
});

/** Brings the empty database `client` is connected to where the first `version` migrations left an inventory, each
 *  recorded as applied, for a test to fill before the repository upgrades it. */
/** Inserts the submitted declaration IA-2026-0001 `id`, « Projet fictif », declared by `u1` at `at`, as the upgrade tests find it. */
async function insertSubmittedDeclaration(client: pg.Client, id: string, at: string): Promise<void> {
  await client.query(
    `INSERT INTO inventory_declarations (id, public_id, schema_version, data, submitted_data, state, declarant_id, declarant_name, revision, created_at, updated_at, submitted_at)
     VALUES ($1, 'IA-2026-0001', 1, '{"name":"Projet fictif"}', '{"name":"Projet fictif"}', 'submitted', 'u1', 'Personne fictive', 2, $2, $2, $2)`,
    [id, at],
  );
}

async function migrateTo(client: pg.Client, version: number): Promise<void> {
  await client.query('CREATE TABLE inventory_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)');
  for (const [i, sql] of POSTGRES_MIGRATIONS.slice(0, version).entries()) {
    await client.query(sql);
    await client.query('INSERT INTO inventory_migrations (version, applied_at) VALUES ($1, now())', [i + 1]);
  }
}

describeInventoryRepository('PostgreSQL', async () => {
  const url = await server.createDatabase();
  return { open: () => openPostgresInventoryRepository(url) };
});

const oldPostgresInventory = async (drafts: OldDraft[]): Promise<OldInventory> => {
  const url = await server.createDatabase();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE inventory_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)');
    await client.query(POSTGRES_MIGRATIONS[0]!);
    await client.query('INSERT INTO inventory_migrations (version, applied_at) VALUES (1, now())');
    for (const d of drafts) {
      await client.query(
        `INSERT INTO inventory_declarations (id, schema_version, data, state, declarant_id, declarant_name, revision, created_at, updated_at)
         VALUES ($1, 1, $2::jsonb, 'draft', $3, 'Personne fictive', $4, $5, $6)`,
        [d.id, JSON.stringify(d.data), d.declarantId, d.revision, d.createdAt, d.updatedAt],
      );
      for (const userId of d.collaborators ?? []) {
        await client.query('INSERT INTO inventory_declaration_collaborators (declaration_id, user_id, added_at) VALUES ($1, $2, $3)', [d.id, userId, d.createdAt]);
      }
    }
  } finally {
    await client.end();
  }
  return { open: () => openPostgresInventoryRepository(url) };
};
describeSetAsideUpgrade('PostgreSQL', oldPostgresInventory);
describeUserIdCaseUpgrade('PostgreSQL', oldPostgresInventory);

describe('PostgreSQL inventory from before migration 8 (repeated attempts, given up)', () => {
  it('keeps the attempts recorded before, one each, and counts the next repeat on the latest', async () => {
    const url = await server.createDatabase();
    const client = new pg.Client({ connectionString: url });
    const id = 'eeeeeeee-0000-4000-8000-000000000001';
    await client.connect();
    try {
      await migrateTo(client, 7);
      await client.query(
        `INSERT INTO inventory_declarations (id, public_id, schema_version, data, state, declarant_id, declarant_name, revision, created_at, updated_at, submitted_at)
         VALUES ($1, 'IA-2026-0001', 1, '{}'::jsonb, 'submitted', 'u1', 'Personne fictive', 2, $2, $2, $2)`,
        [id, '2026-03-02T14:00:00.000Z'],
      );
      const { rows } = await client.query(
        "INSERT INTO inventory_outbox (declaration_id, kind, created_at, attempts, next_attempt_at) VALUES ($1, 'review_card', $2, 2, $2) RETURNING id",
        [id, '2026-03-02T14:00:00.000Z'],
      );
      for (const [n, at] of [[1, '2026-03-02T14:00:00.000Z'], [2, '2026-03-02T14:10:00.000Z']] as const) {
        await client.query("INSERT INTO inventory_outbox_attempts (outbox_id, attempt, at, outcome, detail) VALUES ($1, $2, $3, 'failed', 'RestError 404')", [
          (rows[0] as { id: string }).id,
          n,
          at,
        ]);
      }
    } finally {
      await client.end();
    }
    const repo = await openPostgresInventoryRepository(url);
    const [item] = await repo.claimNotifications('w', '2026-03-02T14:20:00.000Z', 60_000, 1);
    expect(await repo.recordNotificationAttempt(item!.id, { outcome: 'failed', detail: 'RestError 404', at: '2026-03-02T14:20:00.000Z', nextAttemptAt: '2026-03-02T14:30:00.000Z' })).toBe('failed');
    expect((await repo.notifications(id))[0]!.attemptLog.map((a) => [a.attempt, a.repeats, a.at, a.lastAt])).toEqual([
      [1, 1, '2026-03-02T14:00:00.000Z', '2026-03-02T14:00:00.000Z'],
      [2, 2, '2026-03-02T14:10:00.000Z', '2026-03-02T14:20:00.000Z'],
    ]);
    await repo.close();
  });
});

describe('PostgreSQL inventory', () => {
  it('is what openInventoryRepository opens when the configuration names a PostgreSQL URL', async () => {
    const url = await server.createDatabase();
    const repo = await openInventoryRepository({ databaseFile: '/nonexistent/balises.db', inventory: { kind: 'postgres', url } });
    await repo.createDraft({ id: 'u1', name: 'Alice' }, { name: 'Essai' }, '2026-03-02T14:00:00.000Z');
    await repo.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM inventory_declarations')).rows).toEqual([{ n: 1 }]);
      expect((await client.query('SELECT version FROM inventory_migrations ORDER BY version')).rows).toEqual(
        POSTGRES_MIGRATIONS.map((_, i) => ({ version: i + 1 })),
      );
    } finally {
      await client.end();
    }
  });

  it('applies migrations once when several instances start together', async () => {
    const url = await server.createDatabase();
    const repos = await Promise.all([1, 2, 3].map(() => openPostgresInventoryRepository(url, { maxConnections: 1 })));
    await Promise.all(repos.map((r) => r.close()));
    const again = await openPostgresInventoryRepository(url);
    expect(await again.list()).toEqual([]);
    await again.close();
  });

  it('says what to check in INVENTORY_DATABASE_URL when PostgreSQL cannot be reached, refuses the login or the tables', async () => {
    const unreachable = openPostgresInventoryRepository('postgres://balises:secret@127.0.0.1:1/balises');
    await expect(unreachable).rejects.toThrow(
      /^inventory store postgres:\/\/balises:\*\*\*@127\.0\.0\.1:1\/balises: cannot reach PostgreSQL \(.*ECONNREFUSED.*\): check the host and port of INVENTORY_DATABASE_URL and that the server is running$/,
    );
    const wrongPassword = new URL(server.url);
    wrongPassword.password = 'pas-le-bon';
    await expect(openPostgresInventoryRepository(wrongPassword.toString())).rejects.toThrow(
      /PostgreSQL refused the connection \(password authentication failed for user "postgres"\): check the user, password and database name of INVENTORY_DATABASE_URL$/,
    );
    const noDatabase = new URL(server.url);
    noDatabase.pathname = '/base_absente';
    await expect(openPostgresInventoryRepository(noDatabase.toString())).rejects.toThrow(
      /PostgreSQL refused the connection \(database "base_absente" does not exist\): check the user/,
    );
    const url = new URL(await server.createDatabase());
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      await admin.query("CREATE ROLE balises_invite LOGIN PASSWORD 'invite-fictif'");
      await admin.query(`GRANT CONNECT ON DATABASE ${url.pathname.slice(1)} TO balises_invite`);
    } finally {
      await admin.end();
    }
    url.username = 'balises_invite';
    url.password = 'invite-fictif';
    await expect(openPostgresInventoryRepository(url.toString())).rejects.toThrow(
      /cannot create the inventory tables \(permission denied for schema public\): the user of INVENTORY_DATABASE_URL must own its database/,
    );
  });

  it('refuses a database whose inventory schema is newer than this code', async () => {
    const url = await server.createDatabase();
    await (await openPostgresInventoryRepository(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('INSERT INTO inventory_migrations (version, applied_at) VALUES ($1, now())', [POSTGRES_MIGRATIONS.length + 1]);
    await client.end();
    await expect(openPostgresInventoryRepository(url)).rejects.toThrow(/newer than this Balises knows/);
  });

  it('makes one draft of four /déclarer at once (issue #7: four drafts before the unique index)', async () => {
    const url = await server.createDatabase();
    const repository = await openPostgresInventoryRepository(url);
    const service = createInventoryService({ repository, rules: loadAssessmentRules(), lookup: async () => null, governanceAdminIds: [] });
    const actor = { id: 'aaaaaaaa-0000-4000-8000-0000000000d4', name: 'Personne pressée' };
    // Four pooled connections open first, as in a server that has been running: the four requests really race.
    await Promise.all([1, 2, 3, 4].map(() => repository.list()));
    const drafts = await Promise.all([1, 2, 3, 4].map(() => service.startOrResume(actor, {})));
    expect(new Set(drafts.map((d) => d.id)).size).toBe(1);
    expect(await service.listMine(actor)).toHaveLength(1);
    await repository.close();
  });

  it('fails with a clear error, without the password, when the server cannot be reached', async () => {
    const closedPort = 'postgres://postgres:secret-password@127.0.0.1:1/balises';
    const attempt = openPostgresInventoryRepository(closedPort);
    await expect(attempt).rejects.toBeInstanceOf(InventoryStoreError);
    await expect(attempt).rejects.toThrow(/127\.0\.0\.1:1/);
    await expect(attempt).rejects.not.toThrow(/secret-password/);
  });
});

describe('PostgreSQL inventory shared by two instances', () => {
  it('records one of a take for review and a withdrawal made at once from two instances; the other is told', async () => {
    const url = await server.createDatabase();
    const [one, two] = await Promise.all([openPostgresInventoryRepository(url), openPostgresInventoryRepository(url)]);
    try {
      const admin = { id: 'aaaaaaaa-0000-4000-8000-0000000000e1', name: 'Admin fictif' };
      const declarant = { id: 'aaaaaaaa-0000-4000-8000-0000000000e2', name: 'Déclarant fictif' };
      const services = [one, two].map((repository) => createInventoryService({ repository, rules: loadAssessmentRules(), lookup: async () => null, governanceAdminIds: [admin.id] }));
      const draft = await one.createDraft(declarant, { name: 'Projet fictif' }, '2026-03-02T14:00:00.000Z');
      const assessment = { rulesVersion: '1', level: 1 as const, score: 0, obligations: [], assessedAt: '2026-03-02T14:00:00.000Z' };
      const record = await one.submit(draft.id, draft.revision, { assessment, actor: declarant, key: 'k', now: '2026-03-02T14:00:00.000Z' });
      const [take, withdrawal] = await Promise.all([services[0]!.takeForReview(admin, record.id, record.revision), services[1]!.withdraw(declarant, record.id)]);
      expect([take.kind, withdrawal.kind].filter((kind) => kind === 'wrong_state')).toHaveLength(1);
      expect(await one.events(record.id)).toHaveLength(3);
      expect((await two.get(record.id))?.state).toBe(take.kind === 'taken' ? 'in_review' : 'draft');
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});

describeWithdrawAndLeave('PostgreSQL', async () => {
  const url = await server.createDatabase();
  return { open: () => openPostgresInventoryRepository(url) };
});

describeReviewCardUpdates('PostgreSQL', async () => {
  const url = await server.createDatabase();
  return { open: () => openPostgresInventoryRepository(url) };
});

describe('PostgreSQL inventory from before migration 11 (notices of a declaration taken back, of a colleague leaving)', () => {
  it('keeps the outbox as it was, then queues the new notices', async () => {
    const url = await server.createDatabase();
    const client = new pg.Client({ connectionString: url });
    const id = 'eeeeeeee-0000-4000-8000-000000000011';
    const colleague = 'bbbbbbbb-0000-4000-8000-000000000002';
    const at = '2026-03-02T14:00:00.000Z';
    await client.connect();
    try {
      await migrateTo(client, 10);
      await insertSubmittedDeclaration(client, id, at);
      await client.query('INSERT INTO inventory_declaration_collaborators (declaration_id, user_id, added_at) VALUES ($1, $2, $3)', [id, colleague, at]);
      await client.query("INSERT INTO inventory_outbox (declaration_id, kind, created_at, attempts, next_attempt_at, delivered_at) VALUES ($1, 'review_card', $2, 1, $2, $2)", [id, at]);
    } finally {
      await client.end();
    }
    const repo = await openPostgresInventoryRepository(url);
    try {
      await repo.leave(id, { id: colleague, name: 'Collègue fictif' }, '2026-03-02T14:05:00.000Z');
      const record = await repo.get(id);
      await repo.withdraw(id, record!.revision, { id: 'u1', name: 'Personne fictive' }, '2026-03-02T14:10:00.000Z');
      expect((await repo.notifications(id)).map((n) => [n.kind, n.deliveredAt])).toEqual([
        ['review_card', at],
        ['left_notice', null],
        ['withdrawn_notice', null],
      ]);
    } finally {
      await repo.close();
    }
  });
});

describe('PostgreSQL inventory from before migration 12 (review cards updated in place)', () => {
  it('keeps the outbox as it was; a card posted before it still gets a notice, a new one is followed', async () => {
    const url = await server.createDatabase();
    const client = new pg.Client({ connectionString: url });
    const id = 'eeeeeeee-0000-4000-8000-000000000012';
    const at = '2026-03-02T14:00:00.000Z';
    await client.connect();
    try {
      await migrateTo(client, 11);
      await insertSubmittedDeclaration(client, id, at);
      await client.query(
        `INSERT INTO inventory_declaration_events (declaration_id, seq, at, actor_id, actor_name, from_state, to_state, comment)
         VALUES ($1, 1, $2, 'u1', 'Personne fictive', NULL, 'draft', NULL), ($1, 2, $2, 'u1', 'Personne fictive', 'draft', 'submitted', NULL)`,
        [id, at],
      );
      await client.query("INSERT INTO inventory_outbox (declaration_id, kind, created_at, attempts, next_attempt_at, delivered_at) VALUES ($1, 'review_card', $2, 1, $2, $2)", [id, at]);
    } finally {
      await client.end();
    }
    const repo = await openPostgresInventoryRepository(url);
    try {
      const record = await repo.get(id);
      const back = await repo.withdraw(id, record!.revision, { id: 'u1', name: 'Personne fictive' }, '2026-03-02T14:10:00.000Z');
      expect((await repo.notifications(id)).map((n) => [n.kind, n.deliveredAt])).toEqual([
        ['review_card', at],
        ['withdrawn_notice', null],
      ]);
      const again = await repo.submit(id, back.revision, { assessment: { rulesVersion: '2026-01', level: 1, score: 0, obligations: [], assessedAt: at }, actor: { id: 'u1', name: 'Personne fictive' }, key: 'k12', now: '2026-03-02T14:20:00.000Z' });
      await repo.saveReviewCard(id, { reference: { conversation: { id: '19:canal@thread.tacv2' } }, activityId: 'carte-12' }, 4, '2026-03-02T14:21:00.000Z');
      expect(await repo.postedReviewCard(id)).toEqual({ reference: { conversation: { id: '19:canal@thread.tacv2' } }, activityId: 'carte-12' });
      await repo.takeForReview(id, again.revision, { id: 'g1', name: 'Gouvernance fictive' }, '2026-03-02T14:30:00.000Z');
      expect((await repo.notifications(id)).map((n) => n.kind).at(-1)).toBe('card_update');
    } finally {
      await repo.close();
    }
  });
});
