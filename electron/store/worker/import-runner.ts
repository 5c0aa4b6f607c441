import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IMPORT_MAX_CHARS, type ImportReport, type ImportRowError } from '../../../shared/store/contract';
import { userText, type UserText } from '../../../shared/text/user-text';
import { StoreError } from '../errors';
import { parseCsv } from '../import/csv';
import { parseJsonRows } from '../import/json-rows';
import { caseField, customerField, inferKind, readCase, readCustomer, type CaseRecord, type CustomerRecord } from '../import/records';
import type { ImportBeginOptions, WorkerEvent } from '../protocol';
import type { Db } from './connection';
import type { RecordWriter } from './record-writer';
import { POP_INDEX, POP_INDEX_NAME, SEARCH_TRIGGERS, SEARCH_TRIGGER_NAMES } from './search-index';

/**
 * Imports customers and cases from CSV or JSON: every row is read and checked
 * first, and only a file without a single bad row is written, in one
 * transaction. Above BULK_ROWS rows the write drops the search triggers and
 * the pop index and rebuilds them inside the same transaction (a row-by-row
 * index update is several times slower at that size).
 */
const MAX_REPORTED_ERRORS = 500;
const BULK_ROWS = 20_000;
const SESSION_IDLE_MS = 30 * 60_000;
const MAX_SESSIONS = 4;

interface Session {
  options: ImportBeginOptions;
  chunks: string[];
  chars: number;
  touchedAt: number;
}

type Row = { line: number; kind: 'customers'; value: CustomerRecord } | { line: number; kind: 'cases'; value: CaseRecord };

export interface ImportRunnerContext {
  phoneRegion: string;
  now(): number;
  progress(event: WorkerEvent): void;
  /** A bulk load (or a refill of the search index) owns the indexes and their triggers until it finishes. */
  bulkLoadActive(): boolean;
}

export function createImportRunner(db: Db, records: RecordWriter, ctx: ImportRunnerContext) {
  const sessions = new Map<string, Session>();
  const customerExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM customers WHERE id = ?');
  const existingCustomers = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers');

  function expire(): void {
    const now = Date.now();
    for (const [id, session] of sessions) if (now - session.touchedAt > SESSION_IDLE_MS) sessions.delete(id);
  }

  function session(importId: string): Session {
    const found = sessions.get(importId);
    if (!found) throw new StoreError('not-found', userText('store.error.importClosed'));
    found.touchedAt = Date.now();
    return found;
  }

  function formatOf(options: ImportBeginOptions, text: string): 'csv' | 'json' {
    if (options.format) return options.format;
    const ext = path.extname(options.fileName).toLowerCase();
    if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson') return 'json';
    if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
    const first = text.replace(/^\uFEFF/, '').trimStart()[0];
    return first === '[' || first === '{' ? 'json' : 'csv';
  }

  /** Reads and checks every row; returns the rows or the problems, never both. */
  function readRows(text: string, format: 'csv' | 'json', kindOption: ImportBeginOptions['kind'], importId: string) {
    const errors: ImportRowError[] = [];
    const rows: Row[] = [];
    let total = 0;
    const problem = (line: number, field: string | null, message: UserText) => errors.push({ line, field, message });
    ctx.progress({ kind: 'import-progress', importId, phase: 'parsing', done: 0, total: text.length });

    const read = (kind: 'customers' | 'cases', line: number, fields: Record<string, unknown>) => {
      if (kind === 'customers') {
        const r = readCustomer(fields, { phoneRegion: ctx.phoneRegion, strictPhones: true });
        if (r.ok) rows.push({ line, kind, value: r.value });
        else for (const p of r.problems) problem(line, p.field, p.message);
      } else {
        const r = readCase(fields);
        if (r.ok) rows.push({ line, kind, value: r.value });
        else for (const p of r.problems) problem(line, p.field, p.message);
      }
    };

    if (format === 'csv') {
      const csv = parseCsv(text);
      for (const p of csv.problems) problem(p.line, null, p.message);
      if (csv.header.length === 0) problem(1, null, userText('store.import.noHeader'));
      const kind = kindOption ?? inferKind(csv.header);
      if (kind === null) {
        problem(1, null, userText('store.import.cannotTellFileKind'));
        return { rows, errors, total };
      }
      const required = kind === 'customers' ? ['id', 'name'] : ['id', 'customerId', 'subject'];
      const mapped = new Set<string>(csv.header.map((h) => (kind === 'customers' ? (customerField(h) ?? '') : (caseField(h) ?? ''))));
      const missing = required.filter((f) => !mapped.has(f));
      if (missing.length > 0) {
        problem(1, null, missingColumns(missing, csv.header.slice(0, 12).join(', ')));
        return { rows, errors, total };
      }
      total = csv.records.length + csv.problems.length;
      ctx.progress({ kind: 'import-progress', importId, phase: 'validating', done: 0, total: csv.records.length });
      csv.records.forEach((record, index) => {
        const fields: Record<string, unknown> = {};
        csv.header.forEach((name, i) => {
          const value = record.fields[i];
          const previous = fields[name];
          // Repeated phone columns (phone, phone, ...) all count.
          fields[name] = previous !== undefined && typeof previous === 'string' && previous !== '' ? `${previous};${value ?? ''}` : value;
        });
        read(kind, record.line, fields);
        if (index % 10_000 === 9_999)
          ctx.progress({ kind: 'import-progress', importId, phase: 'validating', done: index + 1, total: csv.records.length });
      });
    } else {
      const json = parseJsonRows(text);
      for (const p of json.problems) problem(p.line, null, p.message);
      total = json.rows.length + json.problems.length;
      ctx.progress({ kind: 'import-progress', importId, phase: 'validating', done: 0, total: json.rows.length });
      json.rows.forEach((row, index) => {
        if (typeof row.value !== 'object' || row.value === null || Array.isArray(row.value)) {
          problem(row.line, null, userText('store.import.recordNotObject'));
          return;
        }
        const fields = row.value as Record<string, unknown>;
        const kind = row.section ?? kindOption ?? inferKind(Object.keys(fields));
        if (kind === null) {
          problem(row.line, null, userText('store.import.cannotTellRecordKind'));
          return;
        }
        read(kind, row.line, fields);
        if (index % 10_000 === 9_999)
          ctx.progress({ kind: 'import-progress', importId, phase: 'validating', done: index + 1, total: json.rows.length });
      });
    }

    // Across rows: repeated ids, and cases whose customer is neither stored nor in this file.
    const seen = { customers: new Map<string, number>(), cases: new Map<string, number>() };
    for (const row of rows) {
      const first = seen[row.kind].get(row.value.id);
      if (first !== undefined) problem(row.line, 'id', userText('store.import.idUsed', { id: row.value.id.slice(0, 64), line: first }));
      else seen[row.kind].set(row.value.id, row.line);
    }
    for (const row of rows) {
      if (row.kind !== 'cases') continue;
      const customerId = row.value.customerId;
      if (!seen.customers.has(customerId) && !customerExists.get(customerId)) {
        problem(row.line, 'customerId', userText('store.import.noCustomer', { customerId: customerId.slice(0, 64) }));
      }
    }
    errors.sort((a, b) => a.line - b.line);
    return { rows, errors, total };
  }

  function write(rows: Row[], importId: string): { customers: number; cases: number } {
    const now = ctx.now();
    const bulk = !ctx.bulkLoadActive() && rows.length >= BULK_ROWS && rows.length >= (existingCustomers.get()?.n ?? 0) / 4;
    const counts = { customers: 0, cases: 0 };
    const ordered = [...rows.filter((r) => r.kind === 'customers'), ...rows.filter((r) => r.kind === 'cases')];
    db.transaction(() => {
      if (bulk) {
        for (const name of SEARCH_TRIGGER_NAMES) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
        db.exec(`DROP INDEX IF EXISTS ${POP_INDEX_NAME}`);
      }
      ordered.forEach((row, index) => {
        // An import is the truth the person importing chose: it replaces what is stored.
        if (row.kind === 'customers') records.upsertCustomer(row.value, { force: true, now });
        else records.upsertCase(row.value, { force: true, now });
        counts[row.kind] += 1;
        if (index % 10_000 === 9_999)
          ctx.progress({ kind: 'import-progress', importId, phase: 'writing', done: index + 1, total: ordered.length });
      });
      records.flushSearchQueue();
      if (bulk) {
        ctx.progress({ kind: 'import-progress', importId, phase: 'indexing', done: 0, total: 1 });
        db.exec(POP_INDEX);
        db.exec(`INSERT INTO cases_fts(cases_fts) VALUES ('rebuild')`);
        db.exec(`INSERT INTO customers_fts(customers_fts) VALUES ('rebuild')`);
        for (const trigger of SEARCH_TRIGGERS) db.exec(trigger);
      }
    }).immediate();
    return counts;
  }

  function run(text: string, options: ImportBeginOptions, dryRun: boolean, importId: string): ImportReport {
    const started = performance.now();
    const format = formatOf(options, text);
    const { rows, errors, total } = readRows(text, format, options.kind, importId);
    const base = { dryRun, format, rows: total, errorCount: errors.length };
    const finish = (report: Omit<ImportReport, 'durationMs'>): ImportReport => {
      ctx.progress({ kind: 'import-progress', importId, phase: 'done', done: report.rows, total: report.rows });
      return { ...report, durationMs: Math.round(performance.now() - started) };
    };
    if (errors.length > 0) {
      return finish({ ...base, ok: false, imported: { customers: 0, cases: 0 }, errors: errors.slice(0, MAX_REPORTED_ERRORS) });
    }
    if (rows.length === 0) {
      return finish({
        ...base,
        ok: false,
        imported: { customers: 0, cases: 0 },
        errors: [{ line: 1, field: null, message: userText('store.import.noRecords') }],
        errorCount: 1,
      });
    }
    if (dryRun) return finish({ ...base, ok: true, imported: { customers: 0, cases: 0 }, errors: [] });
    const imported = write(rows, importId);
    return finish({ ...base, ok: true, imported, errors: [] });
  }

  return {
    begin(importId: string, options: ImportBeginOptions): void {
      expire();
      if (sessions.size >= MAX_SESSIONS) throw new StoreError('conflict', userText('store.error.tooManyImports'));
      sessions.set(importId, { options, chunks: [], chars: 0, touchedAt: Date.now() });
    },

    append(importId: string, chunk: string): { receivedChars: number } {
      const s = session(importId);
      if (s.chars + chunk.length > IMPORT_MAX_CHARS) {
        sessions.delete(importId);
        throw new StoreError('invalid-input', userText('store.error.importTooLarge', { mb: Math.round(IMPORT_MAX_CHARS / 1024 / 1024) }));
      }
      s.chunks.push(chunk);
      s.chars += chunk.length;
      return { receivedChars: s.chars };
    },

    commit(importId: string, dryRun: boolean): ImportReport {
      const s = session(importId);
      sessions.delete(importId);
      return run(s.chunks.join(''), s.options, dryRun, importId);
    },

    cancel(importId: string): void {
      sessions.delete(importId);
    },

    /** The CLI's path: the worker reads the file itself, so its text never crosses threads. */
    importFile(file: string, options: Omit<ImportBeginOptions, 'fileName'>, dryRun: boolean): ImportReport {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
        throw new StoreError('not-found', userText('store.error.cannotReadFile', { code }));
      }
      return run(text, { ...options, fileName: path.basename(file) }, dryRun, `file:${path.basename(file)}`);
    },
  };
}

export type ImportRunner = ReturnType<typeof createImportRunner>;

/** "the header has no … column": the required columns the header lacks (at most three: a case's id, customerId, subject). */
function missingColumns(missing: string[], found: string): UserText {
  const [first = '', second = '', third = ''] = missing;
  if (missing.length >= 3) return userText('store.import.missingThreeColumns', { first, second, third, found });
  if (missing.length === 2) return userText('store.import.missingTwoColumns', { first, second, found });
  return userText('store.import.missingColumn', { first, found });
}
