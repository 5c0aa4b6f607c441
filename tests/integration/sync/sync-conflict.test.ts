import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN, removeDir, startApp, startServer, type AppHandle, type ServerHandle } from './harness';

/**
 * The same case changed on the server and on this machine: the agent is shown
 * the conflict (mine beside theirs), neither side is overwritten until the
 * agent chooses, and both choices do what they say. Real server, real store.
 */

const WAIT = { timeout: 20_000, interval: 25 };
let server: ServerHandle | null = null;
let app: AppHandle | null = null;

afterEach(async () => {
  if (app) {
    await app.stop();
    removeDir(app.dataDir);
  }
  await server?.close();
  app = null;
  server = null;
});

async function otherAgentChanges(
  handle: ServerHandle,
  caseId: string,
  expectedVersion: number,
  payload: Record<string, unknown>,
  key: string,
): Promise<void> {
  const res = await fetch(`${handle.server.url}/v1/changes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({
      entityKind: 'case',
      entityId: caseId,
      operation: 'update',
      orderingKey: caseId,
      createdAt: Date.now(),
      expectedVersion,
      payload,
    }),
  });
  expect(res.status).toBe(200);
}

describe('a case changed on both sides', () => {
  it('shows the conflict, overwrites nothing, and "theirs" takes the server copy', async () => {
    server = await startServer({ customers: 2, cases: 3 });
    app = await startApp({ serverUrl: server.server.url });
    await expect.poll(() => app!.sync.status().lastSyncAt, WAIT).not.toBeNull();
    const original = server.server.database.getCase('case-1')!;

    await otherAgentChanges(server, 'case-1', 1, { status: 'solved', subject: 'Fixed by Tier 2' }, 'other-agent-key-1');
    await app.store.updateCase('case-1', { subject: 'Customer still has no dial tone', priority: 'P1' }, 1);

    await expect.poll(() => app!.sync.status().conflicts.length, WAIT).toBe(1);
    const conflict = app.sync.status().conflicts[0]!;
    expect(conflict).toMatchObject({
      entityKind: 'case',
      entityId: 'case-1',
      operation: 'update',
      theirsVersion: 2,
      title: 'Fixed by Tier 2',
    });
    expect(conflict.fields).toEqual([
      { field: 'subject', mine: 'Customer still has no dial tone', theirs: 'Fixed by Tier 2' },
      { field: 'priority', mine: 'P1', theirs: original.priority },
    ]);
    expect(app.sync.status().outbox).toEqual({ waiting: 0, parked: 0, conflicts: 1 });

    // Nothing is overwritten while the agent has not chosen, also not by later pulls.
    app.sync.syncNow();
    await expect.poll(() => app!.sync.status().activity, WAIT).toBe('idle');
    expect(server.server.database.getCase('case-1')).toMatchObject({
      subject: 'Fixed by Tier 2',
      status: 'solved',
      priority: original.priority,
      version: 2,
    });
    expect((await app.store.getCase('case-1'))!.case).toMatchObject({
      subject: 'Customer still has no dial tone',
      priority: 'P1',
      dirty: true,
      version: 1,
    });

    const after = await app.sync.resolveConflict(conflict.id, 'theirs');
    expect(after.conflicts).toEqual([]);
    expect((await app.store.getCase('case-1'))!.case).toMatchObject({
      subject: 'Fixed by Tier 2',
      status: 'solved',
      priority: original.priority,
      version: 2,
      dirty: false,
    });
    expect(server.server.database.getCase('case-1')!.version).toBe(2);
    expect(await app.store.outbox.counts()).toMatchObject({ pending: 0, conflict: 0 });
    await expect(app.sync.resolveConflict(conflict.id, 'mine')).rejects.toThrow(/already resolved/);
  });

  it('"mine" (chosen after a restart) sends the change again and it wins on the server', async () => {
    server = await startServer({ customers: 2, cases: 3 });
    app = await startApp({ serverUrl: server.server.url });
    await expect.poll(() => app!.sync.status().lastSyncAt, WAIT).not.toBeNull();

    await otherAgentChanges(server, 'case-2', 1, { status: 'pending' }, 'other-agent-key-2');
    await app.store.updateCase('case-2', { status: 'on-hold' });
    await app.store.updateCase('case-2', { priority: 'P2' });
    await expect.poll(() => app!.sync.status().conflicts.length, WAIT).toBe(1);
    // The second edit of the same case waits behind the conflict.
    expect(app.sync.status().outbox).toEqual({ waiting: 1, parked: 0, conflicts: 1 });

    // The renderer reloads / the app restarts: the conflict and the server copy are still there.
    const dataDir = app.dataDir;
    await app.stop();
    app = await startApp({ serverUrl: server.server.url, dataDir });
    await expect.poll(() => app!.sync.status().conflicts.length, WAIT).toBe(1);
    const conflict = app.sync.status().conflicts[0]!;
    expect(conflict.fields).toEqual([{ field: 'status', mine: 'on-hold', theirs: 'pending' }]);

    await app.sync.resolveConflict(conflict.id, 'mine');
    await expect.poll(() => app!.sync.status().outbox, WAIT).toEqual({ waiting: 0, parked: 0, conflicts: 0 });
    expect(server.server.database.getCase('case-2')).toMatchObject({ status: 'on-hold', priority: 'P2', version: 4 });
    expect((await app.store.getCase('case-2'))!.case).toMatchObject({ status: 'on-hold', priority: 'P2', version: 4, dirty: false });
  });
});
