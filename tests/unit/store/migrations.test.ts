import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LATEST_VERSION,
  migrate,
  MIGRATIONS,
  NewerSchemaError,
  schemaVersion,
  type Migration,
} from '../../../electron/store/worker/migrations';
import { createBulkLoad } from '../../../electron/store/worker/bulk-load';
import { createRecordWriter } from '../../../electron/store/worker/record-writer';
import { drainStatement, FTS_SOURCES, queueOf } from '../../../electron/store/worker/search-index';

type Db = Database.Database;

/**
 * Fixtures as code: for each schema version, the rows a database at that
 * version would hold, written with that version's columns. A new migration
 * adds its own entry here; the tests below then migrate every older version
 * up to the latest and check nothing was lost.
 */
const FIXTURES: Record<number, (db: Db) => void> = {
  1: (db) => {
    db.exec(`
      INSERT INTO meta (key, value) VALUES ('created_at', '1700000000000');
      INSERT INTO customers (id, name, email, company, created_at, updated_at, version) VALUES ('C1', 'Grace Hopper', 'grace@example.com', 'Navy', 1, 2, 7);
      INSERT INTO customer_phones (number, customer_id, rev, label, position) VALUES ('+14155550123', 'C1', '32105555141', 'mobile', 0);
      INSERT INTO cases (id, customer_id, subject, description, status, priority, created_at, updated_at, version)
        VALUES ('K1', 'C1', 'Compiler crash on startup', 'Stack trace attached', 'open', 'P2', 3, 4, 2);
    `);
  },
  2: (db) => {
    db.exec(`
      INSERT INTO interactions (id, agent_id, channel, direction, outcome, number, started_at, answered_at, ended_at, talk_s, hold_s, acw_s,
        customer_id, case_id, sip_call_id, quality, created_at, updated_at)
        VALUES ('I1', 'a1', 'call', 'inbound', 'answered', '+14155550123', 10, 12, 70, 58, 0, 30, 'C1', 'K1', 'sip-1', NULL, 70, 70);
      INSERT INTO wrapups (interaction_id, agent_id, state, code, notes, resolved_first_contact, revision, updated_at)
        VALUES ('I1', 'a1', 'draft', 'billing', 'half typed', 0, 3, 80);
      INSERT INTO wrapup_codes (code, label, category) VALUES ('billing', 'Billing', 'Billing');
      INSERT INTO callbacks (id, number, due_at, state, created_at, updated_at) VALUES ('CB1', '+14155550123', 999, 'scheduled', 1, 1);
      INSERT INTO escalations (id, agent_id, source, interaction_id, tier, grp, priority, summary, customer_expectation, troubleshooting_done,
        next_steps, created_at, acknowledge_by, resolve_by, revision, updated_at)
        VALUES ('E1', 'a1', 'call', 'I1', 't2', 'network', 'P1', 'Outage', 'Fix today', 'Rebooted', 'Send engineer', 100, 200, 300, 1, 100);
    `);
  },
  3: (db) => {
    db.exec(`
      INSERT INTO outbox (idempotency_key, entity_kind, entity_id, ordering_key, operation, payload, created_at, next_attempt_at)
        VALUES ('key-1', 'interaction', 'I1', 'K1', 'upsert', '{"id":"I1"}', 70, 70);
      INSERT INTO sync_cursors (name, value, updated_at) VALUES ('cases', 'cursor-42', 5);
    `);
  },
  4: (db) => {
    // Version 4 changed indexes and search settings only: a synced case update, as record-writer.ts writes it.
    db.exec(`
      INSERT INTO cases (id, customer_id, subject, description, status, priority, created_at, updated_at, version)
        VALUES ('K4', 'C1', 'Keyboard sticks', '', 'open', 'P3', 5, 6, 1);
      UPDATE cases SET status = 'closed', updated_at = 7, version = 2 WHERE id = 'K4';
    `);
  },
  5: (db) => {
    // Version 5 queues search-index changes; the writing transaction hands them to FTS5 (search-queue.ts).
    db.exec(`UPDATE cases SET subject = 'Keyboard sticks after coffee', updated_at = 8, version = 3 WHERE id = 'K4'`);
    drainQueues(db);
  },
  6: (db) => {
    // Version 6 changed the search indexes' format only: a synced customer update, through the queue.
    db.exec(`UPDATE customers SET company = 'Analytical Engines', updated_at = 9, version = 8 WHERE id = 'C1'`);
    drainQueues(db);
  },
  7: (db) => {
    // Version 7 links a wrap-up to an outage: the draft of version 2 is linked, a new one is not.
    db.exec(`
      UPDATE wrapups SET incident_id = 'inc-1', revision = 4 WHERE interaction_id = 'I1';
      INSERT INTO wrapups (interaction_id, agent_id, state, code, notes, resolved_first_contact, revision, updated_at)
        VALUES ('I7', 'a1', 'draft', NULL, '', 0, 1, 90);
    `);
  },
  8: (db) => {
    // Version 8 keeps a supervisor-approved do-not-call override with the call it placed.
    db.exec(`
      INSERT INTO interactions (id, agent_id, channel, direction, outcome, number, started_at, answered_at, ended_at, talk_s, hold_s, acw_s,
        customer_id, case_id, sip_call_id, quality, dnc_override, created_at, updated_at)
        VALUES ('I8', 'a1', 'call', 'outbound', 'failed', '+14155550123', 100, NULL, 110, 0, 0, 0, 'C1', NULL, NULL, NULL,
          '{"supervisor":"Sam Lead","reason":"Customer asked us to call about the refund","approvedAt":100}', 110, 110);
    `);
  },
  9: (db) => {
    // Version 9: a callback can be handed back to the team with a reason, and one marked done keeps its outcome.
    db.exec(`
      INSERT INTO callbacks (id, number, due_at, state, created_at, updated_at, completed_at, hand_back_reason)
        VALUES ('CB9', '+442079460018', 900, 'handed-back', 1, 2, 2, 'Needs a Spanish speaker');
      UPDATE callbacks SET state = 'done', outcome = 'no-answer', completed_at = 3 WHERE id = 'CB1';
    `);
  },
  10: (db) => {
    // Version 10 keeps the intervals a call's recording was paused (PCI secure pause).
    db.exec(`
      INSERT INTO interactions (id, agent_id, channel, direction, outcome, number, started_at, answered_at, ended_at, talk_s, hold_s, acw_s,
        customer_id, case_id, sip_call_id, quality, recording_pauses, created_at, updated_at)
        VALUES ('I10', 'a1', 'call', 'inbound', 'answered', '+14155550123', 200, 202, 320, 118, 0, 0, 'C1', NULL, NULL, NULL,
          '[{"startSec":42,"endSec":90,"by":"agent"}]', 320, 320);
    `);
  },
  11: (db) => {
    // Version 11 keeps the guided scripts run on a contact: on a logged call, and from the first tick of one still up.
    const run = (doneAt: number | null) =>
      JSON.stringify([
        {
          scriptId: 'de-escalation',
          title: 'De-escalation',
          targetSeconds: 300,
          openedAt: 210,
          closedAt: null,
          steps: [{ id: 'acknowledge', label: 'Acknowledge', payment: false, startedAt: null, doneAt }],
        },
      ]);
    db.prepare(`UPDATE interactions SET guided_scripts = ? WHERE id = 'I10'`).run(run(250));
    db.prepare(`INSERT INTO script_runs (interaction_id, runs, updated_at) VALUES ('I11', ?, 400)`).run(run(null));
  },
};

function drainQueues(db: Db): void {
  for (const source of FTS_SOURCES) {
    db.exec(drainStatement(source));
    db.exec(`DELETE FROM ${queueOf(source)}`);
  }
}

function schemaOf(db: Db): string[] {
  return (
    db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as {
      type: string;
      name: string;
      sql: string | null;
    }[]
  ).map((r) => `${r.type} ${r.name}: ${(r.sql ?? '').replace(/\s+/g, ' ').trim()}`);
}

const open: Db[] = [];
function fresh(): Db {
  const db = new Database(':memory:');
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

describe('schema migrations', () => {
  it('has one fixture per version, and versions that count up from 1', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(Object.keys(FIXTURES).map(Number)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('builds the latest schema from an empty file', () => {
    const db = fresh();
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_VERSION });
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(migrate(db)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
  });

  it('starts a new file with search indexes that keep no per-row token counts, and nothing to refill', () => {
    const db = fresh();
    migrate(db);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%fts_docsize'`).pluck().all()).toEqual([]);
    expect(db.prepare(`SELECT value FROM meta WHERE key = 'bulk_load'`).pluck().get()).toBeUndefined();
  });

  for (let from = 1; from < LATEST_VERSION; from += 1) {
    it(`migrates a version ${from} database to version ${LATEST_VERSION} keeping its data`, async () => {
      const db = fresh();
      migrate(db, from);
      for (let v = 1; v <= from; v += 1) FIXTURES[v]!(db);
      expect(schemaVersion(db)).toBe(from);

      migrate(db);
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      if (from < 6) {
        // Version 6 made the search indexes again, empty; the writer refills them after start, as it finishes a bulk load.
        expect(db.prepare(`SELECT value FROM meta WHERE key = 'bulk_load'`).pluck().get()).toBe('reindex');
        expect(db.prepare(`SELECT rowid FROM cases_fts WHERE cases_fts MATCH '"compiler"'`).all()).toHaveLength(0);
        const bulk = createBulkLoad(db, createRecordWriter(db));
        expect(bulk.kind).toBe('reindex');
        expect(await bulk.finish(() => undefined)).toMatchObject({ customers: 1, cases: from >= 4 ? 2 : 1 });
        expect(db.prepare(`SELECT value FROM meta WHERE key = 'bulk_load'`).pluck().get()).toBeUndefined();
      }
      const reference = fresh();
      migrate(reference);
      expect(schemaOf(db)).toEqual(schemaOf(reference));

      // The rows from every older version are still there, and still searchable.
      // Version 6's fixture bumped the customer's version.
      expect(db.prepare(`SELECT name, version FROM customers WHERE id = 'C1'`).get()).toEqual({
        name: 'Grace Hopper',
        version: from >= 6 ? 8 : 7,
      });
      expect(db.prepare(`SELECT customer_id FROM customer_phones WHERE rev >= '3210555' AND rev < '3210555:'`).get()).toEqual({
        customer_id: 'C1',
      });
      expect(db.prepare(`SELECT rowid FROM cases_fts WHERE cases_fts MATCH '"compiler"'`).all()).toHaveLength(1);
      if (from >= 2) {
        // Version 7's fixture linked the draft to an outage (a new revision); before version 7 it is linked to none.
        expect(db.prepare(`SELECT notes, revision FROM wrapups WHERE interaction_id = 'I1'`).get()).toEqual({
          notes: 'half typed',
          revision: from >= 7 ? 4 : 3,
        });
        expect(db.prepare(`SELECT incident_id FROM wrapups WHERE interaction_id = 'I1'`).pluck().get()).toBe(from >= 7 ? 'inc-1' : null);
        // Calls from before version 8 overrode nothing.
        expect(db.prepare(`SELECT dnc_override FROM interactions WHERE id = 'I1'`).pluck().get()).toBeNull();
        // Calls from before version 10 had no recording pause.
        expect(db.prepare(`SELECT recording_pauses FROM interactions WHERE id = 'I1'`).pluck().get()).toBeNull();
        // ...nor, before version 11, a guided script.
        expect(db.prepare(`SELECT guided_scripts FROM interactions WHERE id = 'I1'`).pluck().get()).toBeNull();
        expect(db.prepare(`SELECT summary FROM escalations WHERE id = 'E1'`).get()).toEqual({ summary: 'Outage' });
        // Callbacks from before version 9 are still owed, with no outcome; version 9's fixture (run before or after the migration) closes one.
        expect(db.prepare(`SELECT number, due_at, state, outcome, hand_back_reason FROM callbacks WHERE id = 'CB1'`).get()).toEqual({
          number: '+14155550123',
          due_at: 999,
          state: from >= 9 ? 'done' : 'scheduled',
          outcome: from >= 9 ? 'no-answer' : null,
          hand_back_reason: null,
        });
      }
      // The screen pop reads a customer's cases through the customer index; writes leave merging to idle time.
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN SELECT id FROM cases WHERE customer_id = 'C1' AND status IN ('open') ORDER BY updated_at DESC`)
        .all();
      expect(JSON.stringify(plan)).toContain('ix_cases_customer');
      expect(db.prepare(`SELECT v FROM cases_fts_config WHERE k = 'automerge'`).pluck().get()).toBe(0);
      // Text changes are queued for the search index, not written to it row by row.
      db.exec(`UPDATE cases SET description = 'Stack trace attached; fails on Tuesdays' WHERE id = 'K1'`);
      expect(db.prepare(`SELECT cmd, rid FROM cases_fts_queue ORDER BY seq`).all()).toHaveLength(2);
      expect(db.prepare(`SELECT rowid FROM cases_fts WHERE cases_fts MATCH '"tuesdays"'`).all()).toHaveLength(0);
      drainQueues(db);
      expect(db.prepare(`SELECT rowid FROM cases_fts WHERE cases_fts MATCH '"tuesdays"'`).all()).toHaveLength(1);
      // What the newer versions added works on the migrated file.
      for (let v = from + 1; v <= LATEST_VERSION; v += 1) FIXTURES[v]!(db);
      expect(db.prepare(`SELECT rowid FROM cases_fts WHERE cases_fts MATCH '"coffee"'`).all()).toHaveLength(1);
      expect(db.prepare(`SELECT rowid FROM customers_fts WHERE customers_fts MATCH '"analytical"'`).all()).toHaveLength(1);
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%fts_docsize'`).pluck().all()).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const source of FTS_SOURCES)
        expect(() => db.exec(`INSERT INTO ${source.fts}(${source.fts}, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
    });
  }

  it('leaves a file at its old version when a step fails part-way', () => {
    const db = fresh();
    migrate(db, 1);
    FIXTURES[1]!(db);
    const broken: Migration[] = [
      ...MIGRATIONS.slice(0, 1),
      {
        version: 2,
        name: 'fails after creating a table',
        up(d) {
          d.exec('CREATE TABLE half_done (x)');
          throw new Error('disk full');
        },
      },
    ];
    expect(() => migrate(db, 2, broken)).toThrow('disk full');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'`).get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 1 });
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const db = fresh();
    migrate(db);
    db.pragma(`user_version=${LATEST_VERSION + 1}`);
    const before = schemaOf(db);
    expect(() => migrate(db)).toThrow(NewerSchemaError);
    expect(schemaOf(db)).toEqual(before);
    expect(schemaVersion(db)).toBe(LATEST_VERSION + 1);
  });
});
