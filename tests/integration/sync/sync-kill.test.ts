import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_TOKEN_SECRET } from '../../../electron/sync/switchboard-sync-source';
import { DEFAULT_TIMING, type SyncTiming } from '../../../electron/sync/sync-service';
import {
  CHILD_TEST,
  CHILD_WAIT,
  killHard,
  runAppChild,
  stopAppChildren,
  storeCounts,
  type AppChildConfig,
} from '../../support/crm-app-child-process';
import { TOKEN, removeDir, startServer, type ServerHandle } from './harness';

/**
 * The app process is killed with SIGKILL in the middle of a push and in the
 * middle of a pull (no shutdown code runs), then started again on the same
 * data folder. Afterwards the server holds every item exactly once and the
 * local store has everything: counts are compared on both sides.
 */

let server: ServerHandle | null = null;
let dataDir: string | null = null;

afterEach(async () => {
  stopAppChildren();
  await server?.close();
  if (dataDir) removeDir(dataDir);
  server = null;
  dataDir = null;
});

interface SyncChildConfig {
  dataDir: string;
  serverUrl: string;
  token: string;
  /** Calls to log (and queue) before sync starts; only on the first run of this data folder. */
  logCalls?: number;
  timing?: Partial<SyncTiming>;
  exitWhenIdle?: boolean;
}

/** The app with the built-in Switchboard Sync API connector, signed in with `token`, on the shared kill-test child. */
function runChild({ dataDir, serverUrl, token, logCalls, timing, exitWhenIdle }: SyncChildConfig) {
  const config: AppChildConfig = {
    dataDir,
    policy: { crmSyncUrl: serverUrl },
    secrets: { [SYNC_TOKEN_SECRET]: token },
    calls: logCalls ? Array.from({ length: logCalls }, (_, i) => ({ id: `kill-call-${i}`, caseId: null })) : undefined,
    // The app's own timing under the overrides, not the child's fast defaults: the page counts below are for it.
    timing: { ...DEFAULT_TIMING, ...timing },
    exitWhenIdle,
  };
  return runAppChild(config);
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
    await expect.poll(() => server!.server.database.counts().changes, CHILD_WAIT).toBeGreaterThanOrEqual(20);
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
    const local = await storeCounts(dataDir);
    expect(local.interactions).toBe(calls);
    expect(local.outbox).toEqual({ pending: 0, parked: 0, conflict: 0, sent: calls });
    expect(local.integrityOk).toBe(true);
  });

  it('SIGKILL during the initial pull: the restart resumes from the stored cursor and ends with every record', CHILD_TEST, async () => {
    server = await startServer({ customers: 400, cases: 4000, faults: { delayMs: 10, scope: 'pull' } });
    dataDir = mkdtempSync(path.join(tmpdir(), 'sb-sync-kill-pull-'));
    const base = { dataDir, serverUrl: server.server.url, token: TOKEN, timing: { pageSize: 100, pushPollMs: 100 } };
    const first = runChild(base);
    await expect.poll(() => first.lines.some((l) => l.progress?.phase === 'cases' && l.progress.done >= 1000), CHILD_WAIT).toBe(true);
    await killHard(first);
    const pagesBefore = server.server.requests.byRoute['GET /v1/cases/changes'] ?? 0;
    const midway = await storeCounts(dataDir);
    expect(midway.customers).toBe(400);
    expect(midway.cases).toBeGreaterThanOrEqual(1000);
    expect(midway.cases).toBeLessThan(4000);

    server.server.faults.set({});
    const second = runChild({ ...base, exitWhenIdle: true });
    expect(await second.exited).toBe(0);
    const pagesAfter = (server.server.requests.byRoute['GET /v1/cases/changes'] ?? 0) - pagesBefore;
    // Resumed: the second run asked only for the pages not stored yet (plus at most the one in flight).
    expect(pagesAfter).toBeLessThanOrEqual(Math.ceil((4000 - midway.cases) / 100) + 2);
    const local = await storeCounts(dataDir);
    expect(local.customers).toBe(400);
    expect(local.cases).toBe(4000);
    expect(local.bulkLoad).toBe(false);
    expect(local.integrityOk).toBe(true);
  });
});
