import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { CURRENT_CIPHER } from '../ciphers';
import { isCorruption, sqliteCode, toStoreErrorBody } from '../errors';
import type { IndexerOps, OpenFailureReason, WorkerEvent, WorkerHello, WorkerInit, WorkerMessage, WorkerRequest } from '../protocol';
import { upgradeCipher, type CipherUpgrade } from './cipher-upgrade';
import { cipherOf, openConnection, PLAIN_SQLITE_HEADER, type Db } from './connection';
import { LATEST_VERSION, migrate, NewerSchemaError, schemaVersion } from './migrations';
import { createReaderOps } from './reads';
import { readSalvage, type Salvage } from './salvage';
import { createScratchIndexer } from './scratch-index';
import { lowerThisThreadPriority } from './thread-priority';
import { createWriterOps } from './writer';
import { threadMemory } from './thread-memory';

/**
 * A store worker thread: one connection, one role. The writer migrates the
 * schema and owns every write; readers
 * answer lookups and searches on their own connections (WAL lets them read
 * while the writer writes); during an initial load an indexer builds the
 * search index beside the writer. Built to dist/electron/store-worker.cjs.
 */

/**
 * Set only by a build for tests (tests/integration/store/support.ts bundles the worker with it):
 * then two operations that hang the thread exist, to prove main's timeouts and restarts on a real
 * thread. Production bundles (scripts/build.mjs) and the TypeScript source never define it, so
 * there the operations do not exist and are refused as unknown.
 */
declare const __SWITCHBOARD_STORE_TEST_HOOKS__: boolean | undefined;
const TEST_HOOKS = typeof __SWITCHBOARD_STORE_TEST_HOOKS__ === 'boolean' && __SWITCHBOARD_STORE_TEST_HOOKS__;

if (!parentPort) throw new Error('The store worker must run in a worker thread');
const port = parentPort;
const init = workerData as WorkerInit;

const post = (message: WorkerMessage) => port.postMessage(message);
const emit = (event: WorkerEvent) => post({ t: 'event', event });
const noSalvage: Salvage = { outbox: [], interactions: [], wrapUps: [] };

function fileHeader(file: string): string {
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(16);
      const read = readSync(fd, buffer, 0, 16, 0);
      return buffer.subarray(0, read).toString('latin1');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

function fileBytes(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function classify(error: unknown): OpenFailureReason {
  if (error instanceof NewerSchemaError) return 'newer-schema';
  const code = sqliteCode(error) ?? '';
  if (code === 'SQLITE_NOTADB') {
    if (init.keyHex !== null && fileHeader(init.file) === PLAIN_SQLITE_HEADER) return 'not-a-database';
    return init.keyIsNew ? 'wrong-key' : 'not-a-database';
  }
  if (isCorruption(error)) return 'integrity-failure';
  return 'io';
}

function describe(error: unknown): string {
  if (error instanceof NewerSchemaError) return error.message;
  const code = sqliteCode(error);
  return code
    ? `${code}: ${(error as Error).message.slice(0, 200)}`
    : error instanceof Error
      ? `${error.name}: ${error.message.slice(0, 200)}`
      : 'unknown error';
}

function trySalvage(db: Db | null): Salvage {
  if (db === null) return noSalvage;
  try {
    return readSalvage(db);
  } catch {
    return noSalvage;
  }
}

function indexerOps(db: Db): IndexerOps {
  const indexer = createScratchIndexer(db, emit);
  return { scratchStart: () => indexer.start(), scratchPrepare: () => indexer.prepare(), scratchCommit: () => indexer.commit() };
}

function start(): void {
  let db: Db | null = null;
  let cipherUpgrade: CipherUpgrade | undefined;
  try {
    const options = { file: init.file, keyHex: init.keyHex, nativeBinding: init.nativeBinding, role: init.role };
    db = openConnection(options);
    if (init.role === 'writer') {
      if (init.damaged) {
        post({
          t: 'open-failed',
          reason: 'integrity-failure',
          detail: 'marked damaged by an earlier check or failed operation',
          salvage: trySalvage(db),
        });
        db.close();
        return;
      }
      if (options.keyHex !== null && cipherOf(db) !== CURRENT_CIPHER) {
        emit({ kind: 'startup-work', work: 'cipher-upgrade', bytes: fileBytes(init.file) });
        ({ db, upgrade: cipherUpgrade } = upgradeCipher(db, { ...options, keyHex: options.keyHex }));
      }
      const version = schemaVersion(db);
      if (version > 0 && version < LATEST_VERSION) emit({ kind: 'startup-work', work: 'migration', bytes: fileBytes(init.file) });
      migrate(db);
    }
  } catch (error) {
    const reason = classify(error);
    const salvage = reason === 'integrity-failure' ? trySalvage(db) : noSalvage;
    try {
      db?.close();
    } catch {
      // Closing a damaged file can fail too; the thread ends either way.
    }
    const hello: WorkerHello = {
      t: 'open-failed',
      reason,
      detail: existsSync(init.file) ? describe(error) : `cannot create the file: ${describe(error)}`,
      salvage,
    };
    post(hello);
    return;
  }

  const log = (level: 'warn' | 'error', message: string, fields: Record<string, string | number>) =>
    emit({ kind: 'log', level, message, fields });
  const writer = init.role === 'writer' ? createWriterOps(db, { phoneRegion: init.phoneRegion, emit }) : null;
  // The writer answers reads too: for a reader thread that could not start, and for `readers: 'writer'`.
  const reader = init.role === 'indexer' ? {} : createReaderOps(db, { phoneRegion: init.phoneRegion, log });
  const ops = { ...reader, ...(writer ?? {}), ...(init.role === 'indexer' ? indexerOps(db) : {}) } as unknown as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  const conn = db;

  port.on('message', (message: WorkerRequest) => {
    void handle(message);
  });

  async function handle(message: WorkerRequest): Promise<void> {
    if (message.op === '__close') {
      writer?.stopMaintenance();
      try {
        if (init.role === 'writer') conn.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // A checkpoint that cannot run now runs at the next open.
      }
      conn.close();
      post({ t: 'res', id: message.id, ok: true, result: null, ms: 0 });
      port.close();
      return;
    }
    if (message.op === '__background') {
      post({ t: 'res', id: message.id, ok: true, result: lowerThisThreadPriority(), ms: 0 });
      return;
    }
    if (message.op === '__memory') {
      post({ t: 'res', id: message.id, ok: true, result: threadMemory(), ms: 0 });
      return;
    }
    // Main asks after a request timed out whether this thread still answers (call-timeouts.ts).
    if (message.op === '__ping') {
      post({ t: 'res', id: message.id, ok: true, result: null, ms: 0 });
      return;
    }
    if (TEST_HOOKS && message.op === '__test.block') {
      // A thread stuck inside an operation: it answers nothing, not even a ping, until it is ended.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      return;
    }
    if (TEST_HOOKS && message.op === '__test.never') {
      // An operation that never answers while the thread stays free (a promise that never settles).
      return;
    }
    const fn = Object.hasOwn(ops, message.op) ? ops[message.op] : undefined;
    if (typeof fn !== 'function') {
      post({
        t: 'res',
        id: message.id,
        ok: false,
        error: { code: 'internal', message: `Unknown store operation ${message.op.slice(0, 64)}` },
      });
      return;
    }
    try {
      const started = performance.now();
      const result = await fn(...message.args);
      const ms = performance.now() - started;
      // Before the answer: whoever awaits the commit finds sync already told.
      const queued = writer?.takeOutboxQueued() ?? 0;
      if (queued > 0) emit({ kind: 'outbox-changed', queued });
      post({ t: 'res', id: message.id, ok: true, result, ms });
    } catch (error) {
      // Its transaction rolled back whatever it queued.
      writer?.takeOutboxQueued();
      const body = toStoreErrorBody(error);
      if (body.code === 'corrupt') emit({ kind: 'corruption', op: message.op, code: sqliteCode(error) ?? 'unknown' });
      post({ t: 'res', id: message.id, ok: false, error: body });
    }
  }

  post({
    t: 'ready',
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    bulkLoad: writer?.bulkKind() ?? null,
    cipher: init.keyHex === null ? null : cipherOf(db),
    ...(cipherUpgrade ? { cipherUpgrade } : {}),
  });
  // A bulk load a crash interrupted, or a refill of the search indexes after an update, is finished
  // when main asks (StoreHost does once it is open, so its listeners see the progress from the start).
}

start();
