import type { Db } from './connection';

/**
 * Forward-only schema migrations. `PRAGMA user_version` holds the version a
 * file is at; each step runs in its own transaction together with the bump,
 * so a crash leaves the file at the previous version, never in between.
 *
 * Rules: never edit a released step, add a new one. Every step is tested from
 * every older version (tests/unit/store/migrations.test.ts builds each old
 * version with `migrate(db, n)` and fills it with that version's rows).
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

const CASE_STATUS_CHECK = `status IN ('new','open','pending','on-hold','solved','closed')`;
const PRIORITY_CHECK = `priority IN ('P1','P2','P3','P4')`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'customers, phones, cases, search',
    up(db) {
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

        CREATE TABLE customers (
          rid INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          name TEXT NOT NULL,
          email TEXT,
          company TEXT,
          segment TEXT,
          do_not_call INTEGER NOT NULL DEFAULT 0,
          notes TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          version INTEGER,
          dirty INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX ux_customers_id ON customers(id);

        -- number: E.164 when parseable, else digits; rev: its digits reversed, for last-digits matching.
        CREATE TABLE customer_phones (
          number TEXT NOT NULL,
          customer_id TEXT NOT NULL,
          rev TEXT NOT NULL,
          label TEXT,
          position INTEGER NOT NULL,
          PRIMARY KEY (number, customer_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_phones_rev ON customer_phones(rev, customer_id);
        CREATE INDEX ix_phones_customer ON customer_phones(customer_id, position);

        CREATE TABLE cases (
          rid INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          customer_id TEXT NOT NULL,
          subject TEXT NOT NULL,
          description TEXT NOT NULL DEFAULT '',
          status TEXT NOT NULL CHECK (${CASE_STATUS_CHECK}),
          priority TEXT NOT NULL CHECK (${PRIORITY_CHECK}),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          version INTEGER,
          dirty INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX ux_cases_id ON cases(id);
      `);
      // Frozen copies of search-index.ts as of version 1: a later change to the
      // index definitions gets its own migration, this step stays as released.
      db.exec(`
        CREATE INDEX ix_cases_pop ON cases(customer_id, status, updated_at DESC, id, priority, subject);
        CREATE VIRTUAL TABLE cases_fts USING fts5(subject, description, content='cases', content_rowid='rid', detail=none);
        CREATE VIRTUAL TABLE customers_fts USING fts5(name, email, company, content='customers', content_rowid='rid', detail=none, prefix='2 3');
        CREATE TRIGGER cases_fts_ai AFTER INSERT ON cases BEGIN
          INSERT INTO cases_fts(rowid, subject, description) VALUES (new.rid, new.subject, new.description);
        END;
        CREATE TRIGGER cases_fts_ad AFTER DELETE ON cases BEGIN
          INSERT INTO cases_fts(cases_fts, rowid, subject, description) VALUES ('delete', old.rid, old.subject, old.description);
        END;
        CREATE TRIGGER cases_fts_au AFTER UPDATE OF subject, description ON cases
        WHEN old.subject IS NOT new.subject OR old.description IS NOT new.description BEGIN
          INSERT INTO cases_fts(cases_fts, rowid, subject, description) VALUES ('delete', old.rid, old.subject, old.description);
          INSERT INTO cases_fts(rowid, subject, description) VALUES (new.rid, new.subject, new.description);
        END;
        CREATE TRIGGER customers_fts_ai AFTER INSERT ON customers BEGIN
          INSERT INTO customers_fts(rowid, name, email, company) VALUES (new.rid, new.name, new.email, new.company);
        END;
        CREATE TRIGGER customers_fts_ad AFTER DELETE ON customers BEGIN
          INSERT INTO customers_fts(customers_fts, rowid, name, email, company) VALUES ('delete', old.rid, old.name, old.email, old.company);
        END;
        CREATE TRIGGER customers_fts_au AFTER UPDATE OF name, email, company ON customers
        WHEN old.name IS NOT new.name OR old.email IS NOT new.email OR old.company IS NOT new.company BEGIN
          INSERT INTO customers_fts(customers_fts, rowid, name, email, company) VALUES ('delete', old.rid, old.name, old.email, old.company);
          INSERT INTO customers_fts(rowid, name, email, company) VALUES (new.rid, new.name, new.email, new.company);
        END;
      `);
    },
  },
  {
    version: 2,
    name: 'agent work: interactions, wrap-ups, callbacks, escalations',
    up(db) {
      db.exec(`
        -- Interactions, wrap-ups and escalations hold shared/agent/records.ts and shared/escalation/records.ts records.
        CREATE TABLE interactions (
          id TEXT PRIMARY KEY,
          agent_id TEXT NOT NULL,
          channel TEXT NOT NULL CHECK (channel IN ('call','email','chat','walk-in')),
          direction TEXT NOT NULL CHECK (direction IN ('inbound','outbound')),
          outcome TEXT NOT NULL CHECK (outcome IN ('answered','missed','declined','abandoned','failed')),
          number TEXT,
          started_at INTEGER NOT NULL,
          answered_at INTEGER,
          ended_at INTEGER,
          talk_s INTEGER NOT NULL DEFAULT 0,
          hold_s INTEGER NOT NULL DEFAULT 0,
          acw_s INTEGER NOT NULL DEFAULT 0,
          customer_id TEXT,
          case_id TEXT,
          sip_call_id TEXT,
          quality TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX ix_interactions_customer ON interactions(customer_id, started_at DESC) WHERE customer_id IS NOT NULL;
        CREATE INDEX ix_interactions_case ON interactions(case_id, started_at DESC) WHERE case_id IS NOT NULL;
        CREATE INDEX ix_interactions_started ON interactions(started_at);

        CREATE TABLE wrapup_codes (
          code TEXT PRIMARY KEY,
          label TEXT NOT NULL,
          category TEXT NOT NULL,
          needs_note INTEGER NOT NULL DEFAULT 0,
          triggers TEXT NOT NULL DEFAULT '[]',
          active INTEGER NOT NULL DEFAULT 1,
          resolves_by_default INTEGER NOT NULL DEFAULT 1,
          sort_order INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;

        CREATE TABLE wrapups (
          interaction_id TEXT PRIMARY KEY,
          agent_id TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('draft','submitted')),
          code TEXT,
          notes TEXT NOT NULL DEFAULT '',
          resolved_first_contact INTEGER NOT NULL DEFAULT 0,
          callback TEXT,
          do_not_call TEXT,
          revision INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          submitted_at INTEGER
        ) WITHOUT ROWID;

        CREATE TABLE callbacks (
          id TEXT PRIMARY KEY,
          customer_id TEXT,
          case_id TEXT,
          interaction_id TEXT,
          number TEXT NOT NULL,
          due_at INTEGER NOT NULL,
          remind_at INTEGER,
          note TEXT NOT NULL DEFAULT '',
          state TEXT NOT NULL CHECK (state IN ('scheduled','done','cancelled')),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          completed_at INTEGER
        ) WITHOUT ROWID;
        CREATE INDEX ix_callbacks_due ON callbacks(state, due_at);
        CREATE INDEX ix_callbacks_customer ON callbacks(customer_id) WHERE customer_id IS NOT NULL;

        -- Numbers whose owner asked not to be called again (from do-not-call wrap-ups).
        CREATE TABLE do_not_call (
          number TEXT PRIMARY KEY,
          customer_id TEXT,
          interaction_id TEXT,
          created_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE escalations (
          id TEXT PRIMARY KEY,
          agent_id TEXT NOT NULL,
          source TEXT NOT NULL CHECK (source IN ('call','case')),
          interaction_id TEXT,
          case_id TEXT,
          customer_id TEXT,
          tier TEXT NOT NULL,
          grp TEXT NOT NULL,
          priority TEXT NOT NULL CHECK (${PRIORITY_CHECK}),
          summary TEXT NOT NULL,
          customer_expectation TEXT NOT NULL,
          troubleshooting_done TEXT NOT NULL,
          next_steps TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          acknowledge_by INTEGER NOT NULL,
          resolve_by INTEGER NOT NULL,
          acknowledged_at INTEGER,
          resolved_at INTEGER,
          warm_transfer_at INTEGER,
          chain TEXT NOT NULL DEFAULT '[]',
          revision INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX ix_escalations_case ON escalations(case_id) WHERE case_id IS NOT NULL;
        CREATE INDEX ix_escalations_open ON escalations(resolve_by) WHERE resolved_at IS NULL;
      `);
    },
  },
  {
    version: 3,
    name: 'sync: outbox and cursors',
    up(db) {
      db.exec(`
        CREATE TABLE outbox (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          idempotency_key TEXT NOT NULL,
          entity_kind TEXT NOT NULL,
          entity_id TEXT NOT NULL,
          ordering_key TEXT NOT NULL,
          operation TEXT NOT NULL,
          payload TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER NOT NULL,
          state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','parked','conflict','sent')),
          last_error_code TEXT,
          last_error_message TEXT,
          sent_at INTEGER
        );
        CREATE UNIQUE INDEX ux_outbox_key ON outbox(idempotency_key);
        -- Head of each ordering key's queue; sent rows drop out of the index.
        CREATE INDEX ix_outbox_queue ON outbox(ordering_key, id) WHERE state <> 'sent';
        CREATE INDEX ix_outbox_due ON outbox(next_attempt_at, id) WHERE state = 'pending';
        CREATE INDEX ix_outbox_entity ON outbox(entity_kind, entity_id) WHERE state <> 'sent';
        CREATE INDEX ix_outbox_sent ON outbox(sent_at) WHERE state = 'sent';

        CREATE TABLE sync_cursors (
          name TEXT PRIMARY KEY,
          value TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 4,
    name: 'lighter sync writes: screen-pop index on customer_id, full-text merges when idle',
    up(db) {
      // Frozen copies of search-index.ts's POP_INDEX and FTS_WRITE_SETTINGS as of version 4.
      // On a store of a million cases the new index takes a few seconds to build, once.
      db.exec(`
        DROP INDEX IF EXISTS ix_cases_pop;
        CREATE INDEX IF NOT EXISTS ix_cases_customer ON cases(customer_id);
        INSERT INTO cases_fts(cases_fts, rank) VALUES ('automerge', 0);
        INSERT INTO customers_fts(customers_fts, rank) VALUES ('automerge', 0);
        INSERT INTO cases_fts(cases_fts, rank) VALUES ('crisismerge', 64);
        INSERT INTO customers_fts(customers_fts, rank) VALUES ('crisismerge', 64);
        INSERT INTO cases_fts(cases_fts, rank) VALUES ('usermerge', 16);
        INSERT INTO customers_fts(customers_fts, rank) VALUES ('usermerge', 16);
        INSERT INTO cases_fts(cases_fts, rank) VALUES ('hashsize', 16777216);
        INSERT INTO customers_fts(customers_fts, rank) VALUES ('hashsize', 16777216);
      `);
    },
  },
  {
    version: 5,
    name: 'search-index changes queued and handed to FTS5 once per transaction',
    up(db) {
      // The queues of search-index.ts's SEARCH_TRIGGERS (seq orders a row's changes; cmd is 'delete' or NULL),
      // and frozen copies of its SEARCH_TRIGGERS and BULK_TRIGGERS as of version 5.
      // Each trigger a file has is replaced by its queueing version; one a bulk load or bulk import
      // left out on purpose stays out.
      const had = new Set(db.prepare<[], string>(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all());
      db.exec(`
        CREATE TABLE cases_fts_queue (seq INTEGER PRIMARY KEY, cmd TEXT, rid INTEGER NOT NULL, subject TEXT, description TEXT);
        CREATE TABLE customers_fts_queue (seq INTEGER PRIMARY KEY, cmd TEXT, rid INTEGER NOT NULL, name TEXT, email TEXT, company TEXT);
      `);
      const triggers: Record<string, string> = {
        cases_fts_ai: `CREATE TRIGGER cases_fts_ai AFTER INSERT ON cases BEGIN INSERT INTO cases_fts_queue (cmd, rid, subject, description) VALUES (NULL, new.rid, new.subject, new.description); END`,
        cases_fts_ad: `CREATE TRIGGER cases_fts_ad AFTER DELETE ON cases BEGIN INSERT INTO cases_fts_queue (cmd, rid, subject, description) VALUES ('delete', old.rid, old.subject, old.description); END`,
        cases_fts_au: `CREATE TRIGGER cases_fts_au AFTER UPDATE OF subject, description ON cases WHEN old.subject IS NOT new.subject OR old.description IS NOT new.description BEGIN INSERT INTO cases_fts_queue (cmd, rid, subject, description) VALUES ('delete', old.rid, old.subject, old.description); INSERT INTO cases_fts_queue (cmd, rid, subject, description) VALUES (NULL, new.rid, new.subject, new.description); END`,
        customers_fts_ai: `CREATE TRIGGER customers_fts_ai AFTER INSERT ON customers BEGIN INSERT INTO customers_fts_queue (cmd, rid, name, email, company) VALUES (NULL, new.rid, new.name, new.email, new.company); END`,
        customers_fts_ad: `CREATE TRIGGER customers_fts_ad AFTER DELETE ON customers BEGIN INSERT INTO customers_fts_queue (cmd, rid, name, email, company) VALUES ('delete', old.rid, old.name, old.email, old.company); END`,
        customers_fts_au: `CREATE TRIGGER customers_fts_au AFTER UPDATE OF name, email, company ON customers WHEN old.name IS NOT new.name OR old.email IS NOT new.email OR old.company IS NOT new.company BEGIN INSERT INTO customers_fts_queue (cmd, rid, name, email, company) VALUES ('delete', old.rid, old.name, old.email, old.company); INSERT INTO customers_fts_queue (cmd, rid, name, email, company) VALUES (NULL, new.rid, new.name, new.email, new.company); END`,
        cases_fts_ad_bulk: `CREATE TRIGGER cases_fts_ad_bulk AFTER DELETE ON cases WHEN old.rid <= CAST((SELECT value FROM meta WHERE key = 'bulk_fts_cases_rid') AS INTEGER) BEGIN INSERT INTO cases_fts_queue (cmd, rid, subject, description) VALUES ('delete', old.rid, old.subject, old.description); END`,
        cases_fts_au_bulk: `CREATE TRIGGER cases_fts_au_bulk AFTER UPDATE OF subject, description ON cases WHEN (old.subject IS NOT new.subject OR old.description IS NOT new.description) AND old.rid <= CAST((SELECT value FROM meta WHERE key = 'bulk_fts_cases_rid') AS INTEGER) BEGIN INSERT INTO cases_fts_queue (cmd, rid, subject, description) VALUES ('delete', old.rid, old.subject, old.description); INSERT INTO cases_fts_queue (cmd, rid, subject, description) VALUES (NULL, new.rid, new.subject, new.description); END`,
        customers_fts_ad_bulk: `CREATE TRIGGER customers_fts_ad_bulk AFTER DELETE ON customers WHEN old.rid <= CAST((SELECT value FROM meta WHERE key = 'bulk_fts_customers_rid') AS INTEGER) BEGIN INSERT INTO customers_fts_queue (cmd, rid, name, email, company) VALUES ('delete', old.rid, old.name, old.email, old.company); END`,
        customers_fts_au_bulk: `CREATE TRIGGER customers_fts_au_bulk AFTER UPDATE OF name, email, company ON customers WHEN (old.name IS NOT new.name OR old.email IS NOT new.email OR old.company IS NOT new.company) AND old.rid <= CAST((SELECT value FROM meta WHERE key = 'bulk_fts_customers_rid') AS INTEGER) BEGIN INSERT INTO customers_fts_queue (cmd, rid, name, email, company) VALUES ('delete', old.rid, old.name, old.email, old.company); INSERT INTO customers_fts_queue (cmd, rid, name, email, company) VALUES (NULL, new.rid, new.name, new.email, new.company); END`,
      };
      for (const [name, sql] of Object.entries(triggers)) {
        if (!had.has(name)) continue;
        db.exec(`DROP TRIGGER ${name}`);
        db.exec(sql);
      }
    },
  },
  {
    version: 6,
    name: 'search indexes without per-row token counts (columnsize=0), refilled after start',
    up(db) {
      // FTS5 cannot change a table's options: both indexes are made again, empty, from frozen copies of
      // search-index.ts's CASES_FTS, CUSTOMERS_FTS and FTS_WRITE_SETTINGS as of version 6. Filling them
      // here would hold the store's start for seconds on a large file (docs/performance.md, "Store:
      // full-text index settings"); instead the file is left as a bulk load is left after its rows
      // ('reindex' in meta, fill positions at 0, the bulk triggers of version 5), and the writer
      // finishes it after start, in chunks that agent writes slip between (bulk-load.ts). Until then
      // search finds only what is filled so far.
      const rows = db.prepare<[], number>('SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM cases)').pluck().get() ?? 0;
      const loading = db.prepare<[], string>(`SELECT value FROM meta WHERE key = 'bulk_load'`).pluck().get();
      db.exec(`
        DROP TABLE cases_fts;
        DROP TABLE customers_fts;
        CREATE VIRTUAL TABLE cases_fts USING fts5(subject, description, content='cases', content_rowid='rid', detail=none, columnsize=0);
        CREATE VIRTUAL TABLE customers_fts USING fts5(name, email, company, content='customers', content_rowid='rid', detail=none, columnsize=0, prefix='2 3');
        INSERT INTO cases_fts(cases_fts, rank) VALUES ('automerge', 0);
        INSERT INTO customers_fts(customers_fts, rank) VALUES ('automerge', 0);
        INSERT INTO cases_fts(cases_fts, rank) VALUES ('crisismerge', 64);
        INSERT INTO customers_fts(customers_fts, rank) VALUES ('crisismerge', 64);
        INSERT INTO cases_fts(cases_fts, rank) VALUES ('usermerge', 16);
        INSERT INTO customers_fts(customers_fts, rank) VALUES ('usermerge', 16);
        INSERT INTO cases_fts(cases_fts, rank) VALUES ('hashsize', 16777216);
        INSERT INTO customers_fts(customers_fts, rank) VALUES ('hashsize', 16777216);
        DELETE FROM cases_fts_queue;
        DELETE FROM customers_fts_queue;
      `);
      if (rows === 0 && loading === undefined) return;
      for (const name of ['cases_fts_ai', 'cases_fts_ad', 'cases_fts_au', 'customers_fts_ai', 'customers_fts_ad', 'customers_fts_au'])
        db.exec(`DROP TRIGGER IF EXISTS ${name}`);
      db.exec(`
        CREATE TRIGGER IF NOT EXISTS cases_fts_ad_bulk AFTER DELETE ON cases WHEN old.rid <= CAST((SELECT value FROM meta WHERE key = 'bulk_fts_cases_rid') AS INTEGER) BEGIN INSERT INTO cases_fts_queue (cmd, rid, subject, description) VALUES ('delete', old.rid, old.subject, old.description); END;
        CREATE TRIGGER IF NOT EXISTS cases_fts_au_bulk AFTER UPDATE OF subject, description ON cases WHEN (old.subject IS NOT new.subject OR old.description IS NOT new.description) AND old.rid <= CAST((SELECT value FROM meta WHERE key = 'bulk_fts_cases_rid') AS INTEGER) BEGIN INSERT INTO cases_fts_queue (cmd, rid, subject, description) VALUES ('delete', old.rid, old.subject, old.description); INSERT INTO cases_fts_queue (cmd, rid, subject, description) VALUES (NULL, new.rid, new.subject, new.description); END;
        CREATE TRIGGER IF NOT EXISTS customers_fts_ad_bulk AFTER DELETE ON customers WHEN old.rid <= CAST((SELECT value FROM meta WHERE key = 'bulk_fts_customers_rid') AS INTEGER) BEGIN INSERT INTO customers_fts_queue (cmd, rid, name, email, company) VALUES ('delete', old.rid, old.name, old.email, old.company); END;
        CREATE TRIGGER IF NOT EXISTS customers_fts_au_bulk AFTER UPDATE OF name, email, company ON customers WHEN (old.name IS NOT new.name OR old.email IS NOT new.email OR old.company IS NOT new.company) AND old.rid <= CAST((SELECT value FROM meta WHERE key = 'bulk_fts_customers_rid') AS INTEGER) BEGIN INSERT INTO customers_fts_queue (cmd, rid, name, email, company) VALUES ('delete', old.rid, old.name, old.email, old.company); INSERT INTO customers_fts_queue (cmd, rid, name, email, company) VALUES (NULL, new.rid, new.name, new.email, new.company); END;
        INSERT INTO meta (key, value) VALUES ('bulk_fts_customers_rid', '0'), ('bulk_fts_cases_rid', '0')
          ON CONFLICT(key) DO UPDATE SET value = excluded.value;
      `);
      // An initial sync that was under way stays one; anything else is only a refill of the indexes.
      if (loading === undefined) db.exec(`INSERT INTO meta (key, value) VALUES ('bulk_load', 'reindex')`);
    },
  },
  {
    version: 7,
    name: 'wrap-ups record the outage (status feed incident) a contact was linked to',
    up(db) {
      // Nullable with no default: a column added this way is a change to the table's definition only,
      // so the step is instant whatever the number of wrap-ups.
      db.exec('ALTER TABLE wrapups ADD COLUMN incident_id TEXT');
    },
  },
  {
    version: 8,
    name: 'calls record a supervisor-approved do-not-call override',
    up(db) {
      // Nullable, no default: a change to the table's definition only, instant on any number of calls.
      db.exec('ALTER TABLE interactions ADD COLUMN dnc_override TEXT');
    },
  },
  {
    version: 9,
    name: 'callbacks: handed back to the team, the outcome of one marked done, the reason one was handed back',
    up(db) {
      // SQLite cannot change a CHECK constraint in place: the table is copied into one with the new
      // state and columns. Callbacks are one agent's promises (hundreds at most), so this is quick.
      db.exec(`
        CREATE TABLE callbacks_v9 (
          id TEXT PRIMARY KEY,
          customer_id TEXT,
          case_id TEXT,
          interaction_id TEXT,
          number TEXT NOT NULL,
          due_at INTEGER NOT NULL,
          remind_at INTEGER,
          note TEXT NOT NULL DEFAULT '',
          state TEXT NOT NULL CHECK (state IN ('scheduled','done','cancelled','handed-back')),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          completed_at INTEGER,
          outcome TEXT,
          hand_back_reason TEXT
        ) WITHOUT ROWID;
        INSERT INTO callbacks_v9 (id, customer_id, case_id, interaction_id, number, due_at, remind_at, note, state, created_at, updated_at, completed_at)
          SELECT id, customer_id, case_id, interaction_id, number, due_at, remind_at, note, state, created_at, updated_at, completed_at FROM callbacks;
        DROP TABLE callbacks;
        ALTER TABLE callbacks_v9 RENAME TO callbacks;
        CREATE INDEX ix_callbacks_due ON callbacks(state, due_at);
        CREATE INDEX ix_callbacks_customer ON callbacks(customer_id) WHERE customer_id IS NOT NULL;
      `);
    },
  },
  {
    version: 10,
    name: 'calls record the intervals recording was paused (PCI secure pause)',
    up(db) {
      // Nullable, no default: a change to the table's definition only, instant on any number of calls.
      db.exec('ALTER TABLE interactions ADD COLUMN recording_pauses TEXT');
    },
  },
  {
    version: 11,
    name: 'guided scripts: the steps ticked on a contact, kept from the first tick and recorded with the call',
    up(db) {
      // The column is the record the CRM gets (nullable, no default: instant on any number of calls).
      // The table holds a contact's runs from the first tick, before its call has ended and been
      // logged, so a crash mid-call keeps them; the call's row takes them when it is written.
      db.exec(`
        ALTER TABLE interactions ADD COLUMN guided_scripts TEXT;
        CREATE TABLE script_runs (
          interaction_id TEXT PRIMARY KEY,
          runs TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export class NewerSchemaError extends Error {
  constructor(readonly found: number) {
    super(`The local database is at schema version ${found}, newer than this Switchboard understands (${LATEST_VERSION})`);
    this.name = 'NewerSchemaError';
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings `db` to `target` (default: the latest version). A file written by a
 * newer Switchboard is refused, not touched: moving it aside would lose work
 * the newer version still has.
 */
export function migrate(db: Db, target: number = LATEST_VERSION, steps: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const from = schemaVersion(db);
  if (from > LATEST_VERSION) throw new NewerSchemaError(from);
  for (const step of steps) {
    if (step.version <= from || step.version > target) continue;
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version=${step.version}`);
    }).immediate();
  }
  return { from, to: Math.max(from, Math.min(target, LATEST_VERSION)) };
}
