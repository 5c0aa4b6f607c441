import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope, ReplyBody } from '../../../shared/bridge/envelopes';
import type { SyncStatus } from '../../../shared/sync/contract';
import { syncStatusSchema } from '../../../shared/sync/contract';
import type { RendererLink } from '../../../electron/bridge/bridge-server';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { createRecordingPlatform } from '../../../electron/core/platform-services';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import { TOKEN, callRecord, removeDir, startServer, type ServerHandle } from './harness';

/**
 * The sync area through the real app core and bridge, as the renderer uses
 * it: status on request and as events (checked against the contract), the
 * server set from the app, agent work going up, a conflict resolved from the
 * UI, and bad requests refused with a message for the person.
 */

const WAIT = { timeout: 20_000, interval: 25 };
let server: ServerHandle;
let dataDir: string;
let core: AppCore;
const logs = createMemorySink();
const events: EventEnvelope[] = [];
const link: RendererLink = { id: 'test-window', sendEvent: (e) => events.push(e), sendMedia: () => undefined };

beforeAll(async () => {
  server = await startServer({ customers: 3, cases: 6 });
  dataDir = mkdtempSync(path.join(tmpdir(), 'sb-sync-bridge-'));
  core = await createAppCore({
    version: 'test',
    dataDir,
    platform: createRecordingPlatform(),
    secrets: createKeyFileSecretStore(dataDir),
    log: createLogger(logs.sink, { level: 'debug' }),
  });
  core.bridge.connect(link);
});

afterAll(async () => {
  await core.close();
  await server.close();
  removeDir(dataDir);
});

async function invoke(channel: string, payload: unknown): Promise<ReplyBody> {
  return core.bridge.handleCommand(link, channel, payload);
}

async function status(): Promise<SyncStatus> {
  const reply = await invoke('sync.getStatus', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.result as SyncStatus;
}

const lastEvent = (): SyncStatus | null => {
  const found = events.filter((e) => e.channel === 'sync.statusChanged').at(-1);
  return found ? (found.payload as SyncStatus) : null;
};

describe('sync over the bridge', () => {
  it('starts with sync off and says so', async () => {
    expect(await status()).toMatchObject({ connection: 'not-configured', server: null, outbox: { waiting: 0, parked: 0, conflicts: 0 } });
    expect(await invoke('sync.syncNow', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('refuses a bad server address or request with a message naming the problem, and changes nothing', async () => {
    expect(await invoke('sync.configure', { serverUrl: 'ftp://crm.example.com', token: 'abcdefgh123' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', message: 'The sync server address must start with https:// (got ftp:)' },
    });
    expect(await invoke('sync.configure', { serverUrl: 'https://crm.example.com', token: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(await invoke('sync.discardParked', { ids: [1] })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await invoke('sync.resolveConflict', { id: 99, choice: 'mine' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await status()).connection).toBe('not-configured');
  });

  it('set up from the app: pulls, shows online, and sends agent work; every event matches the contract', async () => {
    const reply = await invoke('sync.configure', { serverUrl: server.server.url, token: TOKEN });
    expect(reply.ok).toBe(true);
    await expect.poll(async () => (await status()).lastSyncAt, WAIT).not.toBeNull();
    expect(await status()).toMatchObject({ connection: 'online', server: `127.0.0.1:${server.server.port}`, problem: null });
    expect((await core.store.counts()).cases).toBe(6);

    // Nothing wakes sync by hand: the store's outboxChanged does, as for the agent desk.
    await core.store.logInteraction(callRecord('bridge-call-1', 1, { caseId: 'case-1' }));
    await expect.poll(() => server.server.database.counts().records.interaction ?? 0, WAIT).toBe(1);
    await expect.poll(async () => (await status()).lastPushAt, WAIT).not.toBeNull();

    const statusEvents = events.filter((e) => e.channel === 'sync.statusChanged');
    expect(statusEvents.length).toBeGreaterThan(2);
    for (const e of statusEvents) expect(syncStatusSchema.safeParse(e.payload).success).toBe(true);
    expect(logs.records.some((r) => r.message === 'dropped event outside its schema')).toBe(false);
    // The token is in the secret store, never in the settings file or the logs.
    expect(JSON.stringify(logs.records)).not.toContain(TOKEN);
    expect(readFileSync(path.join(dataDir, 'sync-settings.json'), 'utf8')).not.toContain(TOKEN);
  });

  it('a conflict reaches the renderer and is resolved from it', async () => {
    const other = await fetch(`${server.server.url}/v1/changes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': 'bridge-other-agent-1' },
      body: JSON.stringify({
        entityKind: 'case',
        entityId: 'case-4',
        operation: 'update',
        orderingKey: 'case-4',
        createdAt: 1,
        expectedVersion: 1,
        payload: { priority: 'P4' },
      }),
    });
    expect(other.status).toBe(200);
    await core.store.updateCase('case-4', { priority: 'P1' });
    await expect.poll(() => lastEvent()?.conflicts.length ?? 0, WAIT).toBe(1);
    const conflict = lastEvent()!.conflicts[0]!;
    expect(conflict.fields).toEqual([{ field: 'priority', mine: 'P1', theirs: 'P4' }]);

    const reply = await invoke('sync.resolveConflict', { id: conflict.id, choice: 'mine' });
    expect(reply.ok).toBe(true);
    await expect.poll(() => server.server.database.getCase('case-4')?.priority, WAIT).toBe('P1');
    await expect.poll(async () => (await status()).outbox, WAIT).toEqual({ waiting: 0, parked: 0, conflicts: 0 });
  });
});
