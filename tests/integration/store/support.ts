import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { build } from 'esbuild';
import { createLogger, createMemorySink, type LogRecord } from '../../../electron/logging/logger';
import { createKeyFileSecretStore, type SecretStore } from '../../../electron/secrets/secret-store';
import { StoreClient, type StoreOptions } from '../../../electron/store/store-client';
import { CURRENT_CIPHER, type StoreCipher } from '../../../electron/store/ciphers';
import { storeKeySecret } from '../../../electron/store/store-key';
import { applyKey } from '../../../electron/store/worker/connection';
import type { Interaction, WrapUpRecord } from '../../../shared/agent/records';

/** A fresh data folder under the OS temp dir, removed by `cleanup`. */
export function tempDataDir(label = 'store'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `sb-${label}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
let bundle: Promise<string> | null = null;

/**
 * The store worker bundled the way scripts/build.mjs bundles it for both
 * hosts (CommonJS, native module external), into a temp folder: what ships is
 * what the tests run (plus the test hooks of worker/entry.ts, which only
 * hang a thread when asked), and a bundled worker starts in ~50 ms where the
 * TypeScript source through tsx takes ~1 s. Built once per test file.
 */
export function workerBundle(): Promise<string> {
  bundle ??= (async () => {
    // Inside the repo (.cache is ignored) so the bundle's require() of the native module finds node_modules.
    const outdir = path.join(REPO, '.cache', 'test-store-worker', String(process.pid));
    mkdirSync(outdir, { recursive: true });
    await build({
      absWorkingDir: REPO,
      entryPoints: { 'store-worker': 'electron/store/worker/entry.ts' },
      outdir,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outExtension: { '.js': '.cjs' },
      external: ['better-sqlite3-multiple-ciphers'],
      // The worker's test hooks (operations that hang the thread); production bundles never define this.
      define: { __SWITCHBOARD_STORE_TEST_HOOKS__: 'true' },
      logLevel: 'warning',
    });
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    return path.join(outdir, 'store-worker.cjs');
  })();
  return bundle;
}

export interface OpenedStore {
  store: StoreClient;
  dataDir: string;
  secrets: SecretStore;
  logs: LogRecord[];
}

/** A real store (real SQLite file, real worker threads running the bundled worker) in `dataDir`. */
export async function openStore(dataDir: string, options: Partial<StoreOptions> = {}): Promise<OpenedStore> {
  const memory = createMemorySink();
  const secrets = options.secrets ?? createKeyFileSecretStore(dataDir);
  const store = await StoreClient.open({
    dataDir,
    secrets,
    log: createLogger(memory.sink, { level: 'debug' }),
    integrityCheck: false,
    workerScript: await workerBundle(),
    ...options,
  });
  if (store.state !== 'ready') throw new Error(`store did not open: ${JSON.stringify(memory.records.slice(-3))}`);
  return { store, dataDir, secrets, logs: memory.records };
}

/**
 * Runs `fn` on a connection of its own to a store's encrypted file, keyed with
 * the store's key and cipher (the current one unless told): to look at what
 * the store wrote (query plans, index structure, FTS5's own integrity check).
 */
export async function withRawDb<T>(
  file: string,
  secrets: SecretStore,
  fn: (db: Database.Database) => T,
  options: { readonly?: boolean; cipher?: StoreCipher } = {},
): Promise<T> {
  const key = await secrets.get(storeKeySecret(secrets));
  if (!key) throw new Error('the store has no key yet');
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    applyKey(db, options.cipher ?? CURRENT_CIPHER, key);
    return fn(db);
  } finally {
    db.close();
  }
}

/** FTS5's check of an external-content index against its table (rank 1): throws on any mismatch. */
export function ftsIntegrityCheck(db: Database.Database, table: string): void {
  db.exec(`INSERT INTO ${table}(${table}, rank) VALUES ('integrity-check', 1)`);
}

let seq = 0;
/** A complete interaction record as the workflow makes one. */
export function interaction(overrides: Partial<Interaction> = {}): Interaction {
  seq += 1;
  const startedAt = 1_800_000_000_000 + seq * 1000;
  return {
    id: `I-${seq}`,
    agentId: 'agent-1',
    channel: 'call',
    direction: 'inbound',
    outcome: 'answered',
    number: '+14155550100',
    startedAt,
    answeredAt: startedAt + 5_000,
    endedAt: startedAt + 65_000,
    talkSeconds: 60,
    holdSeconds: 0,
    afterCallWorkSeconds: 0,
    customerId: null,
    caseId: null,
    sipCallId: `call-${seq}@test`,
    quality: null,
    ...overrides,
  };
}

/** A wrap-up draft by agent-1 for `interactionId`, at the same clock as `interaction()`. */
export function wrapUp(interactionId: string, overrides: Partial<WrapUpRecord> = {}): WrapUpRecord {
  return {
    interactionId,
    agentId: 'agent-1',
    state: 'draft',
    code: null,
    notes: '',
    resolvedOnFirstContact: false,
    callback: null,
    doNotCall: null,
    revision: 1,
    updatedAt: 1_800_000_000_000,
    submittedAt: null,
    ...overrides,
  };
}
