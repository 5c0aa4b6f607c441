/**
 * npm run import -- [--customers FILE] [--cases FILE] [--data-dir DIR] [--dry-run]
 *
 * Imports customers and/or cases from CSV or JSON files into the encrypted
 * local store (the web shell's key-file secret store in that data folder).
 * Every row is checked first; one bad row means nothing from that file is
 * written, and each problem is printed with its line. Customers are imported
 * before cases, so cases can name customers from the same run.
 * Exit code: 0 all imported, 1 rows refused (nothing written from that file), 2 bad arguments.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportReport } from '../shared/store/contract';
import { englishOf } from '../shared/text/user-text';
import { acquireInstanceLock, AlreadyRunningError } from '../electron/core/instance-lock';
import { defaultDataDir } from '../electron/core/paths';
import { silentLogger } from '../electron/logging/logger';
import { createKeyFileSecretStore } from '../electron/secrets/secret-store';
import { StoreClient } from '../electron/store/store-client';

const USAGE = `Usage: npm run import -- [--customers FILE] [--cases FILE] [--data-dir DIR] [--dry-run]

Imports customers and cases from CSV (, ; or tab separated, with a header row) or JSON
(an array, { "customers": [...], "cases": [...] }, or one record per line) into the local store.
  --customers FILE  customers file
  --cases FILE      cases file (imported after the customers)
  --data-dir DIR    the app's data folder (default: ${defaultDataDir()})
  --dry-run         check every row and report, write nothing
`;

function fail(message: string): never {
  process.stderr.write(`import: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      customers: { type: 'string' },
      cases: { type: 'string' },
      'data-dir': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const jobs: { kind: 'customers' | 'cases'; file: string }[] = [];
for (const kind of ['customers', 'cases'] as const) {
  const file = args[kind];
  if (file === undefined) continue;
  const resolved = path.resolve(file);
  if (!existsSync(resolved) || !statSync(resolved).isFile()) fail(`--${kind}: no such file: ${resolved}`);
  jobs.push({ kind, file: resolved });
}
if (jobs.length === 0) fail('give --customers FILE and/or --cases FILE');
const dataDir = path.resolve(args['data-dir'] ?? defaultDataDir());
const dryRun = args['dry-run'] === true;

const say = (line: string) => process.stdout.write(`${line}\n`);

function formatOf(file: string): 'csv' | 'json' | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.json' || ext === '.jsonl' || ext === '.ndjson') return 'json';
  return undefined;
}

function printReport(kind: string, file: string, report: ImportReport): void {
  const name = path.basename(file);
  if (report.ok) {
    const n = kind === 'customers' ? report.imported.customers : report.imported.cases;
    say(
      dryRun
        ? `${name}: ${report.rows} rows checked, all valid (dry run: nothing written)`
        : `${name}: imported ${n} ${kind} (${report.rows} rows) in ${report.durationMs} ms`,
    );
    return;
  }
  say(`${name}: ${report.errorCount} problem(s) in ${report.rows} rows; nothing from this file was imported`);
  for (const e of report.errors) say(`  line ${e.line}${e.field ? ` (${e.field})` : ''}: ${englishOf(e.message)}`);
  if (report.errorCount > report.errors.length) say(`  … and ${report.errorCount - report.errors.length} more`);
}

async function main(): Promise<void> {
  let lock;
  try {
    lock = acquireInstanceLock(dataDir);
  } catch (error) {
    if (error instanceof AlreadyRunningError) fail(`${error.message} Import from the app (Import data) or close it first.`);
    throw error;
  }
  const store = await StoreClient.open({ dataDir, secrets: createKeyFileSecretStore(dataDir), log: silentLogger, integrityCheck: false });
  let failed = false;
  try {
    if (store.state !== 'ready') {
      const problem = (await store.status()).problem;
      throw new Error(problem ? englishOf(problem) : 'the local store could not be opened');
    }
    for (const job of jobs) {
      const format = formatOf(job.file);
      const report = await store.importFile(job.file, { kind: job.kind, dryRun, ...(format ? { format } : {}) });
      printReport(job.kind, job.file, report);
      if (!report.ok) {
        failed = true;
        if (job.kind === 'customers' && jobs.length > 1) {
          say('cases were not imported either, since they may name these customers');
          break;
        }
      }
    }
    const counts = await store.counts();
    say(`the store holds ${counts.customers} customers and ${counts.cases} cases`);
  } finally {
    await store.close();
    lock.release();
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`import: failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
