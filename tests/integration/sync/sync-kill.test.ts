import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreClient } from '../../../electron/store/store-client';
import { silentLogger } from '../../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import { TOKEN, removeDir, startServer, type ServerHandle } from './harness';

/**
 * The app process is killed with SIGKILL in the middle of a push and in the
 * middle of a pull (no shutdown code runs), then started again on the same
 * data folder. Afterwards the server holds every item exactly once and the
 * local store has everything: counts are compared on both sides.
 */

const CHILD = path.join(import.meta.dirname, 'sync-child.ts');
// Each child is a cold tsx process that opens an encrypted store: seconds on a quiet machine, several
// times that with the cores busy (npm run test:stress). The budgets are for the loaded machine.
const WAIT = { timeout: 90_000, interval: 25 };
const CHILD_TEST = { timeout: 180_000 };

interface ChildLine {
  t: string;
  progress?: { phase: string; done: number; total: number | null } | null;
  waiting?: number;
}

interface Child {
  process: ChildProcess;
  lines: ChildLine[];
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
let server: ServerHandle | null = null;
let dataDir: string | null = null;

afterEach(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.length = 0;
  await server?.close();
  if (dataDir) removeDir(dataDir);
  server = null;
  dataDir = null;
});

function runChild(config: Record<string, unknown>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: ChildLine[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as ChildLine);
    } catch {
      // Not ours (e.g. a warning printed by Node); ignore.
    }
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(`sync child exited ${code}: ${stderr.slice(-2000)}`);
      resolve(code);
    }),
  );
  return { process: child, lines, exited };
}

async function killHard(child: Child): Promise<void> {
  child.process.kill('SIGKILL');
  await child.exited;
  expect(child.process.signalCode).toBe('SIGKILL');
}

async function localCounts(dir: string) {
  const store = await StoreClient.open({
    dataDir: dir,
    secrets: createKeyFileSecretStore(dir),
    log: silentLogger,
    readers: 'writer',
    integrityCheck: false,
  });
  try {
    const counts = await store.counts();
    const integrity = await store.runIntegrityCheck();
    return { ...counts, integrityOk: integrity.ok, bulkLoad: store.bulkLoadActive };
  } finally {
    await store.close();
  }
}

describe('sync survives the app being killed', () => {
  it('SIGKILL during a push: after restart every call is on the server exactly once', CHILD_TEST, async () => {
    server = await startServer({ customers: 3, cases: 3, faults: { delayMs: 15, scope: 'push' } });
    dataDir = mkdtempSync(path.join(tmpdir(), 'sb-sync-kill-push-'));
    const calls = 150;
    const base = {
      dataDir,
      serverUrl: server.server.url,
      token: TOKEN,
      timing: { concurrency: 2, pushPollMs: 100, backoff: { baseMs: 20, capMs: 200 }, probeBackoff: { baseMs: 20, capMs: 200 } },
    };
    const first = runChild({ ...base, logCalls: calls });
    await expect.poll(() => server!.server.database.counts().changes, WAIT).toBeGreaterThanOrEqual(20);
    await killHard(first);
    const landedBeforeKill = server.server.database.counts().changes;
    expect(landedBeforeKill).toBeLessThan(calls);

    server.server.faults.set({});
    const second = runChild({ ...base, exitWhenIdle: true });
    expect(await second.exited).toBe(0);
    const counts = server.server.database.counts();
    expect(counts.records.interaction).toBe(calls);
    expect(counts.changes).toBe(calls);
    expect(server.server.database.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM records WHERE version <> 1`).get()!.n).toBe(0);
    const local = await localCounts(dataDir);
    expect(local.interactions).toBe(calls);
    expect(local.outbox).toEqual({ pending: 0, parked: 0, conflict: 0, sent: calls });
    expect(local.integrityOk).toBe(true);
  });

  it('SIGKILL during the initial pull: the restart resumes from the stored cursor and ends with every record', CHILD_TEST, async () => {
    server = await startServer({ customers: 400, cases: 4000, faults: { delayMs: 10, scope: 'pull' } });
    dataDir = mkdtempSync(path.join(tmpdir(), 'sb-sync-kill-pull-'));
    const base = { dataDir, serverUrl: server.server.url, token: TOKEN, timing: { pageSize: 100, pushPollMs: 100 } };
    const first = runChild(base);
    await expect.poll(() => first.lines.some((l) => l.progress?.phase === 'cases' && l.progress.done >= 1000), WAIT).toBe(true);
    await killHard(first);
    const pagesBefore = server.server.requests.byRoute['GET /v1/cases/changes'] ?? 0;
    const midway = await localCounts(dataDir);
    expect(midway.customers).toBe(400);
    expect(midway.cases).toBeGreaterThanOrEqual(1000);
    expect(midway.cases).toBeLessThan(4000);

    server.server.faults.set({});
    const second = runChild({ ...base, exitWhenIdle: true });
    expect(await second.exited).toBe(0);
    const pagesAfter = (server.server.requests.byRoute['GET /v1/cases/changes'] ?? 0) - pagesBefore;
    // Resumed: the second run asked only for the pages not stored yet (plus at most the one in flight).
    expect(pagesAfter).toBeLessThanOrEqual(Math.ceil((4000 - midway.cases) / 100) + 2);
    const local = await localCounts(dataDir);
    expect(local.customers).toBe(400);
    expect(local.cases).toBe(4000);
    expect(local.bulkLoad).toBe(false);
    expect(local.integrityOk).toBe(true);
  });
});
