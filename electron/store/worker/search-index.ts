/**
 * The full-text index and the screen-pop index, kept apart from the
 * migrations because a bulk load drops them and builds them again afterwards
 * (building an index once is many times faster than maintaining it row by
 * row: docs/performance.md, "Store: bulk load").
 *
 * FTS5 tables use external content (the text lives once, in customers/cases)
 * and `detail=none`: the store only asks "which rows hold all these words",
 * newest first, so positions are not needed, and the index is smaller and
 * faster to build without them. `columnsize=0`: nothing ranks by bm25 or asks
 * for snippets from FTS5, so the per-row token counts (`%_docsize`, a row
 * written for every row indexed) are not kept. The UPDATE triggers fire only
 * when indexed text really changed, so a status-only sync touches no FTS
 * pages. Figures for each: docs/performance.md, "Store: full-text index settings".
 *
 * These are the current definitions. Migrations 1, 5 and 6 hold frozen copies;
 * a change here needs a new migration that applies it to existing files.
 */

export const FTS_TABLES = ['cases_fts', 'customers_fts'] as const;

export const CASES_FTS = `CREATE VIRTUAL TABLE IF NOT EXISTS cases_fts USING fts5(subject, description, content='cases', content_rowid='rid', detail=none, columnsize=0)`;
export const CUSTOMERS_FTS = `CREATE VIRTUAL TABLE IF NOT EXISTS customers_fts USING fts5(name, email, company, content='customers', content_rowid='rid', detail=none, columnsize=0, prefix='2 3')`;

/**
 * The triggers do not write to the FTS5 tables: they queue the change
 * (`*_fts_queue`), and the transaction that made it hands its whole queue to
 * FTS5 in one statement before it commits (search-queue.ts). FTS5 writes its
 * pending terms out as a new index segment at every statement savepoint, and
 * SQLite opens one for every statement that fires a trigger: written directly,
 * each changed row became a segment of its own (a 10k-case sync batch: 2,500
 * segments, a crisis merge every 64 of them, seconds of merging). Through the
 * queue, a transaction adds one segment per index.
 */
interface FtsSource {
  table: 'cases' | 'customers';
  fts: (typeof FTS_TABLES)[number];
  columns: readonly string[];
  /** meta key: how far a bulk load's fill has got. */
  bulkKey: string;
}
export const FTS_SOURCES: readonly FtsSource[] = [
  { table: 'cases', fts: 'cases_fts', columns: ['subject', 'description'], bulkKey: 'bulk_fts_cases_rid' },
  { table: 'customers', fts: 'customers_fts', columns: ['name', 'email', 'company'], bulkKey: 'bulk_fts_customers_rid' },
];

/**
 * The queue tables (migration 5): `seq` orders a row's changes, `cmd` is 'delete' (FTS5's delete
 * command, with the old text) or NULL (index the text).
 */
export const queueOf = (source: FtsSource): string => `${source.fts}_queue`;

const enqueue = (s: FtsSource, row: 'new' | 'old', cmd: string | null = row === 'old' ? 'delete' : null) =>
  `INSERT INTO ${queueOf(s)} (cmd, rid, ${s.columns.join(', ')}) VALUES (${cmd === null ? 'NULL' : `'${cmd}'`}, ${row}.rid, ${s.columns.map((c) => `${row}.${c}`).join(', ')});`;
const textChanged = (s: FtsSource) => s.columns.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');

export const SEARCH_TRIGGERS = FTS_SOURCES.flatMap((s) => [
  `CREATE TRIGGER IF NOT EXISTS ${s.table}_fts_ai AFTER INSERT ON ${s.table} BEGIN ${enqueue(s, 'new')} END`,
  `CREATE TRIGGER IF NOT EXISTS ${s.table}_fts_ad AFTER DELETE ON ${s.table} BEGIN ${enqueue(s, 'old')} END`,
  `CREATE TRIGGER IF NOT EXISTS ${s.table}_fts_au AFTER UPDATE OF ${s.columns.join(', ')} ON ${s.table}
   WHEN ${textChanged(s)} BEGIN ${enqueue(s, 'old')} ${enqueue(s, 'new')} END`,
]);

export const SEARCH_TRIGGER_NAMES = FTS_SOURCES.flatMap((s) => [`${s.table}_fts_ai`, `${s.table}_fts_ad`, `${s.table}_fts_au`]);

/**
 * During a bulk load the index is filled in rid order; `meta` holds how far.
 * Rows up to there are indexed, so their updates and deletes must reach the
 * index; rows beyond are picked up by the next chunk. New rows need nothing.
 */
const indexedUpTo = (s: FtsSource) => `old.rid <= CAST((SELECT value FROM meta WHERE key = '${s.bulkKey}') AS INTEGER)`;
export const BULK_TRIGGERS = FTS_SOURCES.flatMap((s) => [
  `CREATE TRIGGER IF NOT EXISTS ${s.table}_fts_ad_bulk AFTER DELETE ON ${s.table} WHEN ${indexedUpTo(s)} BEGIN ${enqueue(s, 'old')} END`,
  `CREATE TRIGGER IF NOT EXISTS ${s.table}_fts_au_bulk AFTER UPDATE OF ${s.columns.join(', ')} ON ${s.table}
   WHEN (${textChanged(s)}) AND ${indexedUpTo(s)} BEGIN ${enqueue(s, 'old')} ${enqueue(s, 'new')} END`,
]);
export const BULK_TRIGGER_NAMES = FTS_SOURCES.flatMap((s) => [`${s.table}_fts_ad_bulk`, `${s.table}_fts_au_bulk`]);

/**
 * While an initial load's search index is built on a thread of its own (scratch-index.ts), the FTS
 * tables here stay empty and these triggers log, in the queue tables, what happens to rows already
 * stored: a text change as FTS5's 'delete' of the old text and the new text (as SEARCH_TRIGGERS
 * do), a deletion as 'removed'. The writer does not hand the queue to FTS5 meanwhile (search-queue.ts);
 * the indexer applies to its copy the changes it did not see and empties the queue. New rows need
 * nothing: the indexer reads them.
 */
export const SCRATCH_MODE_KEY = 'bulk_fts_scratch';
export const REMOVED = 'removed';
export const SCRATCH_TRIGGERS = FTS_SOURCES.flatMap((s) => [
  `CREATE TRIGGER IF NOT EXISTS ${s.table}_fts_ad_scratch AFTER DELETE ON ${s.table} BEGIN ${enqueue(s, 'old', REMOVED)} END`,
  `CREATE TRIGGER IF NOT EXISTS ${s.table}_fts_au_scratch AFTER UPDATE OF ${s.columns.join(', ')} ON ${s.table}
   WHEN ${textChanged(s)} BEGIN ${enqueue(s, 'old')} ${enqueue(s, 'new')} END`,
]);
export const SCRATCH_TRIGGER_NAMES = FTS_SOURCES.flatMap((s) => [`${s.table}_fts_ad_scratch`, `${s.table}_fts_au_scratch`]);

/** The FTS5 table definitions, created in another schema (an attached database) under the same names. */
export const ftsDefinitionIn = (schema: string, definition: string): string =>
  definition.replace(/CREATE VIRTUAL TABLE IF NOT EXISTS (\w+) USING/, `CREATE VIRTUAL TABLE IF NOT EXISTS ${schema}.$1 USING`);

/** FTS5's shadow tables for an external-content, `columnsize=0` table: all there is of its index. */
export const ftsShadowTables = (table: (typeof FTS_TABLES)[number]): string[] => [`${table}_data`, `${table}_idx`, `${table}_config`];

/** Hands a queue to FTS5 in one statement, in rowid order (FTS5 flushes whenever a rowid goes back). */
export const drainStatement = (s: FtsSource): string =>
  `INSERT INTO ${s.fts}(${s.fts}, rowid, ${s.columns.join(', ')}) SELECT cmd, rid, ${s.columns.join(', ')} FROM ${queueOf(s)} ORDER BY rid, seq`;

/**
 * The screen pop and the customer view find a customer's cases through this
 * index. It holds customer_id alone on purpose: a sync batch mostly changes
 * status, priority and times, and an index keyed on those (the covering
 * `ix_cases_pop` of schema 1-3) had every such update delete and re-insert an
 * entry at a random place, a second dirty page per row on top of the row's own:
 * most of a sync batch's time (docs/performance.md, "Store: sync batches"). The
 * pop now reads the few case rows themselves: ~5 cases a customer, a page each.
 */
export const POP_INDEX_NAME = 'ix_cases_customer';
export const POP_INDEX = `CREATE INDEX IF NOT EXISTS ${POP_INDEX_NAME} ON cases(customer_id)`;

/** The statements that give every full-text index these FTS5 settings. */
const ftsSettings = (settings: Record<string, number>): string[] =>
  FTS_TABLES.flatMap((table) =>
    Object.entries(settings).map(([name, value]) => `INSERT INTO ${table}(${table}, rank) VALUES ('${name}', ${value})`),
  );

/**
 * FTS5 merges its index segments as it writes (`automerge`, and `crisismerge`
 * once a level holds 16): inline, merging was half of a sync batch's time, and
 * right after a bulk load one small commit could set off seconds of crisis
 * merge of the big segments. Writes now only flush their own small segments,
 * and the writer thread merges in small steps when it is idle
 * (idle-maintenance.ts), once a level holds 16 segments (usermerge: fewer,
 * larger merges, for queries that read a few more segments); crisismerge 64
 * stays as the bound if the writer is never idle. Big writes (a bulk load's
 * index fill, an import) keep up to 16 MiB of terms in memory before flushing a
 * segment instead of 1 MiB: fewer, larger segments and less to merge. FTS5
 * stores these settings in the index itself. Figures: docs/performance.md,
 * "Store: full-text index settings".
 */
export const FTS_WRITE_SETTINGS = ftsSettings({ automerge: 0, crisismerge: 64, usermerge: 16, hashsize: 16 * 1024 * 1024 });

/**
 * While a bulk load fills the index, nothing is merged (each 25k-row chunk commits one segment,
 * ~40 at 1M cases); the fill ends by merging them all into one segment, in steps
 * (`ftsOptimizeStatement`). One segment matters after the load: FTS5 merges a level's segments
 * whatever their sizes, and with the fill's big segments sharing levels with the small ones
 * sync batches write, the first merge after a load rewrote the whole index (seconds at 1M cases:
 * docs/performance.md, "Store: full-text index settings") and later a crisis merge did so inside
 * a sync batch.
 */
export const FTS_BULK_FILL_SETTINGS = ftsSettings({ crisismerge: 1000 });

/**
 * One step of FTS5's incremental 'optimize' (a negative 'merge'): up to `pages` pages of merging
 * all segments of `table` into one. Run it through createMergeStep (fts-merge.ts) until it does no work.
 */
export function ftsOptimizeStatement(table: (typeof FTS_TABLES)[number], pages: number): string {
  return `INSERT INTO ${table}(${table}, rank) VALUES ('merge', ${-Math.abs(pages)})`;
}

/**
 * Last-digits matching reads this index. Its keys (reversed numbers) arrive in
 * random order, so kept up row by row during a bulk load it dirtied a page per
 * phone in every transaction, several times the cost of building it once
 * (docs/performance.md, "Store: bulk load"). A bulk load drops it and builds it
 * once at the end (exact E.164 pops, which use the primary key, are unaffected
 * meanwhile; last-digits matches scan until then). Same definition as migration 1.
 */
export const PHONES_REV_INDEX = `CREATE INDEX IF NOT EXISTS ix_phones_rev ON customer_phones(rev, customer_id)`;
