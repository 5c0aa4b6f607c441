import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/sync/contract';
import { silentLogger } from '../../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import type { StoreClient } from '../../../electron/store/store-client';
import { storeSyncPort } from '../../../electron/sync/store-ports';
import { SYNC_TOKEN_SECRET } from '../../../electron/sync/switchboard-sync-source';
import { SyncService } from '../../../electron/sync/sync-service';
import { openSettings, policyReading } from '../../support/settings';
import { FAST_TIMING, TOKEN, logCalls, openStore, removeDir, startApp, startServer, type AppHandle, type ServerHandle } from './harness';

/**
 * The sync status (the strip's "N waiting, N parked" and the parked list behind it) is one
 * snapshot of the outbox: its counts and its lists come from one read, so the agent never sees
 * "1 parked" beside an empty list. Real store on its worker thread, real sync service.
 */

const WAIT = { timeout: 20_000, interval: 25 };
const REFUSED = { code: 'http-404-not-found', message: 'The server refused the change (HTTP 404): No such case' };
const CONFLICT = { code: 'version-conflict', message: 'Changed on the server too' };

let app: AppHandle | null = null;
let server: ServerHandle | null = null;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  if (app) {
    await app.stop();
    removeDir(app.dataDir);
  }
  app = null;
  for (const close of closers.splice(0)) await close();
  await server?.close();
  server = null;
});

/** What disagrees in `status`, or null: each count must equal the length of its list (all lists here are under the 50 shown). */
function torn(status: SyncStatus): string | null {
  if (status.outbox.parked === status.parked.length && status.outbox.conflicts === status.conflicts.length) return null;
  return `${status.outbox.parked} parked but ${status.parked.length} listed, ${status.outbox.conflicts} conflicts but ${status.conflicts.length} listed`;
}

describe('the outbox snapshot in the store', () => {
  it('gives counts and lists of one moment while other requests park and requeue rows between its reads', async () => {
    app = await startApp({ serverUrl: null });
    await logCalls(app.store, 40);
    const ids = (await app.store.outbox.list({ states: ['pending'] })).map((r) => r.id);
    const store = app.store;
    // Every change is sent without waiting for the one before, snapshots among them: the writer takes them in turn.
    const changes: Promise<unknown>[] = [];
    const snapshots: ReturnType<typeof store.outbox.snapshot>[] = [];
    for (const [i, id] of ids.entries()) {
      changes.push(i % 4 === 3 ? store.outbox.conflict(id, CONFLICT) : store.outbox.park(id, REFUSED));
      snapshots.push(store.outbox.snapshot({ parkedLimit: 5000, conflictLimit: 5000 }));
      if (i % 5 === 4) changes.push(store.outbox.requeue(ids.slice(i - 4, i - 1)));
    }
    snapshots.push(store.outbox.snapshot({ parkedLimit: 5000, conflictLimit: 5000 }));
    await Promise.all(changes);
    const all = await Promise.all(snapshots);
    for (const [i, snapshot] of all.entries()) {
      expect(snapshot.parked.length, `snapshot ${i}`).toBe(snapshot.counts.parked);
      expect(snapshot.conflicts.length, `snapshot ${i}`).toBe(snapshot.counts.conflict);
      expect(snapshot.counts.pending + snapshot.counts.parked + snapshot.counts.conflict, `snapshot ${i}`).toBe(ids.length);
      expect(
        snapshot.parked.every((r) => r.state === 'parked') && snapshot.conflicts.every((r) => r.state === 'conflict'),
        `snapshot ${i}`,
      ).toBe(true);
    }
    // The last one, asked for after every change, is the outbox as it is now.
    const now = await store.outbox.counts();
    expect(all.at(-1)!.counts).toEqual(now);
  });
});

describe('the sync status', () => {
  it('never shows counts that disagree with its lists while items are parked, in conflict and sent back', async () => {
    app = await startApp({ serverUrl: null });
    const handle = app;
    await logCalls(handle.store, 30);
    const ids = (await handle.store.outbox.list({ states: ['pending'] })).map((r) => r.id);

    // What the window can see at any moment: the status read on every turn of the event loop, and every status sent.
    const seen: string[] = [];
    let sampling = true;
    const sample = (): void => {
      const problem = torn(handle.sync.status());
      if (problem) seen.push(`status(): ${problem}`);
      if (sampling) setImmediate(sample);
    };
    sample();

    for (let round = 0; round < 3; round++) {
      // As delivery does: each result changes the outbox, then the status reads it again while the next one is made.
      for (const [i, id] of ids.entries()) {
        await (i % 3 === 2 ? handle.store.outbox.conflict(id, CONFLICT) : handle.store.outbox.park(id, REFUSED));
        handle.sync.wake();
      }
      for (const id of ids) {
        await handle.store.outbox.requeue([id]);
        handle.sync.wake();
      }
    }
    for (const id of ids.slice(0, 4)) {
      await handle.store.outbox.park(id, REFUSED);
      handle.sync.wake();
    }
    await handle.store.outbox.conflict(ids[4]!, CONFLICT);
    handle.sync.wake();

    await expect.poll(() => handle.sync.status().outbox, WAIT).toEqual({ waiting: ids.length - 5, parked: 4, conflicts: 1 });
    sampling = false;
    const status = handle.sync.status();
    expect(status.parked.map((p) => p.id)).toEqual(ids.slice(0, 4));
    expect(status.parked[0]).toMatchObject({ code: REFUSED.code });
    // A plain sentence in the row (as older versions, and SLA alerts, keep it) shows as it was written.
    expect(status.parked[0]!.message).toEqual({ key: 'sync.outbox.legacy', values: { detail: REFUSED.message } });
    expect(status.conflicts.map((c) => c.id)).toEqual([ids[4]]);
    for (const sent of handle.statuses) {
      const problem = torn(sent);
      if (problem) seen.push(`sent: ${problem}`);
    }
    expect(seen).toEqual([]);
  });
});

describe('a conflict in the sync status', () => {
  it('keeps the server’s copy when the status reads the outbox between keeping the copy and marking the row', async () => {
    server = await startServer({ customers: 2, cases: 3 });
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sb-sync-app-'));
    const secrets = createKeyFileSecretStore(dataDir);
    await secrets.set(SYNC_TOKEN_SECRET, TOKEN);
    const store: StoreClient = await openStore(dataDir, secrets);
    const port = storeSyncPort(store);
    let sync: SyncService | null = null;
    // Delivery keeps the server's copy, then marks the row; the status reads the outbox in between (as a
    // wake() from an agent's save does under load) and has finished with that read before the row is marked.
    const conflict: typeof port.conflict = async (id, failure) => {
      sync!.wake();
      await port.outboxSnapshot({});
      return port.conflict(id, failure);
    };
    sync = new SyncService({
      store: { ...port, conflict },
      secrets,
      log: silentLogger,
      settings: openSettings(dataDir, [policyReading({ crmSyncUrl: server.server.url })]),
      emit: () => undefined,
      timing: FAST_TIMING,
    });
    const running = sync;
    closers.push(async () => {
      await running.close();
      await store.close();
      removeDir(dataDir);
    });
    await running.start();
    await expect.poll(() => running.status().lastSyncAt, WAIT).not.toBeNull();

    // Another agent changed the case on the server first.
    const res = await fetch(`${server.server.url}/v1/changes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': 'other-agent-1' },
      body: JSON.stringify({
        entityKind: 'case',
        entityId: 'case-1',
        operation: 'update',
        orderingKey: 'case-1',
        createdAt: Date.now(),
        expectedVersion: 1,
        payload: { subject: 'Fixed by Tier 2' },
      }),
    });
    expect(res.status).toBe(200);
    await store.updateCase('case-1', { subject: 'Still no dial tone' }, 1);

    await expect.poll(() => running.status().conflicts.length, WAIT).toBe(1);
    expect(running.status().conflicts[0]).toMatchObject({ entityId: 'case-1', theirsVersion: 2, title: 'Fixed by Tier 2' });
    expect(running.status().conflicts[0]!.fields).toEqual([{ field: 'subject', mine: 'Still no dial tone', theirs: 'Fixed by Tier 2' }]);
  });
});
