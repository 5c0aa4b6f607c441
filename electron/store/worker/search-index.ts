/**
 * The full-text index and the screen-pop index, kept apart from the
 * migrations because a bulk load drops them and builds them again afterwards
 * (building an index once is many times faster than maintaining it row by
 * row: see notes/perf-anchors.md and electron/store/README.md).
 *
 * FTS5 tables use external content (the text lives once, in customers/cases)
 * and `detail=none`: the store only asks "which rows hold all these words",
 * newest first, so positions are not needed; this makes the index about a
 * third of the size and its build 3x faster. The UPDATE triggers fire only
 * when indexed text really changed, so a status-only sync touches no FTS pages.
 *
 * These are the current definitions. Migration 1 holds frozen copies; a
 * change here needs a new migration that applies it to existing files.
 */

export const CASES_FTS = `CREATE VIRTUAL TABLE IF NOT EXISTS cases_fts USING fts5(subject, description, content='cases', content_rowid='rid', detail=none)`;
export const CUSTOMERS_FTS = `CREATE VIRTUAL TABLE IF NOT EXISTS customers_fts USING fts5(name, email, company, content='customers', content_rowid='rid', detail=none, prefix='2 3')`;

export const SEARCH_TRIGGERS = [
  `CREATE TRIGGER IF NOT EXISTS cases_fts_ai AFTER INSERT ON cases BEGIN
     INSERT INTO cases_fts(rowid, subject, description) VALUES (new.rid, new.subject, new.description);
   END`,
  `CREATE TRIGGER IF NOT EXISTS cases_fts_ad AFTER DELETE ON cases BEGIN
     INSERT INTO cases_fts(cases_fts, rowid, subject, description) VALUES ('delete', old.rid, old.subject, old.description);
   END`,
  `CREATE TRIGGER IF NOT EXISTS cases_fts_au AFTER UPDATE OF subject, description ON cases
   WHEN old.subject IS NOT new.subject OR old.description IS NOT new.description BEGIN
     INSERT INTO cases_fts(cases_fts, rowid, subject, description) VALUES ('delete', old.rid, old.subject, old.description);
     INSERT INTO cases_fts(rowid, subject, description) VALUES (new.rid, new.subject, new.description);
   END`,
  `CREATE TRIGGER IF NOT EXISTS customers_fts_ai AFTER INSERT ON customers BEGIN
     INSERT INTO customers_fts(rowid, name, email, company) VALUES (new.rid, new.name, new.email, new.company);
   END`,
  `CREATE TRIGGER IF NOT EXISTS customers_fts_ad AFTER DELETE ON customers BEGIN
     INSERT INTO customers_fts(customers_fts, rowid, name, email, company) VALUES ('delete', old.rid, old.name, old.email, old.company);
   END`,
  `CREATE TRIGGER IF NOT EXISTS customers_fts_au AFTER UPDATE OF name, email, company ON customers
   WHEN old.name IS NOT new.name OR old.email IS NOT new.email OR old.company IS NOT new.company BEGIN
     INSERT INTO customers_fts(customers_fts, rowid, name, email, company) VALUES ('delete', old.rid, old.name, old.email, old.company);
     INSERT INTO customers_fts(rowid, name, email, company) VALUES (new.rid, new.name, new.email, new.company);
   END`,
];

export const SEARCH_TRIGGER_NAMES = ['cases_fts_ai', 'cases_fts_ad', 'cases_fts_au', 'customers_fts_ai', 'customers_fts_ad', 'customers_fts_au'];

/**
 * During a bulk load the index is filled in rid order; `meta` holds how far.
 * Rows up to there are indexed, so their updates and deletes must reach the
 * index; rows beyond are picked up by the next chunk. New rows need nothing.
 */
const indexedUpTo = (key: string) => `old.rid <= CAST((SELECT value FROM meta WHERE key = '${key}') AS INTEGER)`;
export const BULK_TRIGGERS = [
  `CREATE TRIGGER IF NOT EXISTS cases_fts_ad_bulk AFTER DELETE ON cases WHEN ${indexedUpTo('bulk_fts_cases_rid')} BEGIN
     INSERT INTO cases_fts(cases_fts, rowid, subject, description) VALUES ('delete', old.rid, old.subject, old.description);
   END`,
  `CREATE TRIGGER IF NOT EXISTS cases_fts_au_bulk AFTER UPDATE OF subject, description ON cases
   WHEN (old.subject IS NOT new.subject OR old.description IS NOT new.description) AND ${indexedUpTo('bulk_fts_cases_rid')} BEGIN
     INSERT INTO cases_fts(cases_fts, rowid, subject, description) VALUES ('delete', old.rid, old.subject, old.description);
     INSERT INTO cases_fts(rowid, subject, description) VALUES (new.rid, new.subject, new.description);
   END`,
  `CREATE TRIGGER IF NOT EXISTS customers_fts_ad_bulk AFTER DELETE ON customers WHEN ${indexedUpTo('bulk_fts_customers_rid')} BEGIN
     INSERT INTO customers_fts(customers_fts, rowid, name, email, company) VALUES ('delete', old.rid, old.name, old.email, old.company);
   END`,
  `CREATE TRIGGER IF NOT EXISTS customers_fts_au_bulk AFTER UPDATE OF name, email, company ON customers
   WHEN (old.name IS NOT new.name OR old.email IS NOT new.email OR old.company IS NOT new.company) AND ${indexedUpTo('bulk_fts_customers_rid')} BEGIN
     INSERT INTO customers_fts(customers_fts, rowid, name, email, company) VALUES ('delete', old.rid, old.name, old.email, old.company);
     INSERT INTO customers_fts(rowid, name, email, company) VALUES (new.rid, new.name, new.email, new.company);
   END`,
];
export const BULK_TRIGGER_NAMES = ['cases_fts_ad_bulk', 'cases_fts_au_bulk', 'customers_fts_ad_bulk', 'customers_fts_au_bulk'];

/**
 * The screen pop and the customer view find a customer's cases through this
 * index. It holds customer_id alone on purpose: a sync batch mostly changes
 * status, priority and times, and an index keyed on those (the covering
 * `ix_cases_pop` of schema 1-3) had every such update delete and re-insert an
 * entry at a random place, a second dirty page per row on top of the row's own
 * (measured at 1M cases: a 10k-case batch spent ~0.8 s of ~1.1 s there). The
 * pop now reads the few case rows themselves: ~5 cases a customer, a page each.
 */
export const POP_INDEX_NAME = 'ix_cases_customer';
export const POP_INDEX = `CREATE INDEX IF NOT EXISTS ${POP_INDEX_NAME} ON cases(customer_id)`;

/**
 * FTS5 merges its index segments as it writes (`automerge`, and `crisismerge`
 * once a level holds 16); at 1M cases a 10k-case sync batch spent 1.7 of its
 * 3.6 s merging, and right after a bulk load one 500-row commit set off a 2.5 s
 * crisis merge of the big segments. Writes now only flush their own small
 * segments, and the writer thread merges in small steps (~5 ms) when it is
 * idle (idle-maintenance.ts), once a level holds 16 segments (usermerge: fewer,
 * larger merges; queries read a few more segments, ~0.2 ms at 1M cases);
 * crisismerge 64 stays as the bound if the writer is never idle. Big writes (a
 * bulk load's index fill, an import) keep up to 16 MiB of terms in memory
 * before flushing a segment instead of 1 MiB: fewer, larger segments and less
 * to merge (the 1M-case fill measured 8.5 s before, 6.5 s after). FTS5 stores
 * these settings in the index itself.
 */
export const FTS_TABLES = ['cases_fts', 'customers_fts'] as const;

/** The statements that give every full-text index these FTS5 settings. */
const ftsSettings = (settings: Record<string, number>): string[] =>
  FTS_TABLES.flatMap((table) => Object.entries(settings).map(([name, value]) => `INSERT INTO ${table}(${table}, rank) VALUES ('${name}', ${value})`));

export const FTS_WRITE_SETTINGS = ftsSettings({ automerge: 0, crisismerge: 64, usermerge: 16, hashsize: 16 * 1024 * 1024 });

/**
 * While a bulk load fills the index (a long job nobody waits on), FTS5 merges
 * as it goes (crisismerge 16): left to idle time, the same merging took ~3 s
 * after a 1M-case load instead of happening inside the fill.
 */
export const FTS_BULK_FILL_SETTINGS = ftsSettings({ crisismerge: 16 });

/**
 * Last-digits matching reads this index. Its keys (reversed numbers) arrive in
 * random order, so kept up row by row during a bulk load it dirtied a page per
 * phone in every transaction: 200k customers took ~37 s instead of ~6 s. A bulk
 * load drops it and builds it once at the end (exact E.164 pops, which use the
 * primary key, are unaffected meanwhile; last-digits matches scan until then).
 * Same definition as migration 1.
 */
export const PHONES_REV_INDEX = `CREATE INDEX IF NOT EXISTS ix_phones_rev ON customer_phones(rev, customer_id)`;
