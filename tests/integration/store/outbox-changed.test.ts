import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreClient } from '../../../electron/store/store-client';
import type { EscalationRecord } from '../../../shared/escalation/records';
import { interaction, openStore, tempDataDir, wrapUp } from './support';

/**
 * The store's `outboxChanged`: what wakes sync once agent work is committed (electron/sync/feature.ts),
 * in place of every writer calling sync itself. Every path that queues outbox rows announces them, before the
 * committing call resolves; nothing else does.
 */

const T0 = 1_800_000_000_000;

function escalation(id: string): EscalationRecord {
  return {
    id,
    agentId: 'agent-1',
    source: 'case',
    interactionId: null,
    caseId: 'K-1',
    customerId: 'C-1',
    tier: 'tier-2',
    group: 'network',
    priority: 'P2',
    summary: 'Street without service',
    handoff: { customerExpectation: 'A call today', troubleshootingDone: 'Line test failed', recommendedNextSteps: 'Send an engineer' },
    createdAt: T0,
    acknowledgeBy: T0 + 3_600_000,
    resolveBy: T0 + 24 * 3_600_000,
    acknowledgedAt: null,
    resolvedAt: null,
    warmTransferAt: null,
    chain: [],
    revision: 1,
    updatedAt: T0,
  };
}

describe("the store's outboxChanged", () => {
  const tmp = tempDataDir('outbox-changed');
  let store: StoreClient;
  const announced: number[] = [];

  /** The announcements `commit` made, seen by the time it resolved. */
  async function announcedBy(commit: () => Promise<unknown>): Promise<number[]> {
    announced.length = 0;
    await commit();
    return [...announced];
  }

  beforeAll(async () => {
    ({ store } = await openStore(tmp.dir));
    await store.upsertCustomers([{ id: 'C-1', name: 'Ana Lima', phones: ['+14155550123'], updatedAt: 1, version: 4 }]);
    await store.upsertCases([
      { id: 'K-1', customerId: 'C-1', subject: 'No dial tone', status: 'open', priority: 'P2', updatedAt: 1, version: 9 },
    ]);
    store.on('outboxChanged', ({ queued }) => announced.push(queued));
  });
  afterAll(async () => {
    await store?.close();
    tmp.cleanup();
  });

  it('fires once per commit that queued rows, with their number, before the commit resolves: every shortcut and commitLocal', async () => {
    expect(await announcedBy(() => store.logInteraction(interaction({ id: 'I-1', customerId: 'C-1', caseId: 'K-1' })))).toEqual([1]);
    const submitted = wrapUp('I-1', { state: 'submitted', code: 'billing', notes: 'sorted', revision: 2, submittedAt: T0 + 1 });
    expect(await announcedBy(() => store.saveWrapUp(submitted))).toEqual([1]);
    expect(await announcedBy(() => store.saveEscalation(escalation('E-1')))).toEqual([1]);
    expect(
      await announcedBy(() =>
        store.saveCallback({ customerId: 'C-1', caseId: null, interactionId: null, number: '+14155550123', dueAt: T0 + 60_000 }),
      ),
    ).toEqual([1]);
    expect(await announcedBy(() => store.createCase({ customerId: 'C-1', subject: 'Second line' }))).toEqual([1]);
    expect(await announcedBy(() => store.updateCase('K-1', { priority: 'P1' }, 9))).toEqual([1]);
    let customerId = '';
    expect(
      await announcedBy(async () => {
        customerId = (await store.createCustomer({ name: 'Walk-in Person', phones: ['+14155550188'] })).record.id;
      }),
    ).toEqual([1]);
    expect(await announcedBy(() => store.updateCustomer(customerId, { company: 'Acme' }))).toEqual([1]);
    expect(
      await announcedBy(() =>
        store.commitLocal([
          { kind: 'interaction', record: interaction({ id: 'I-2', customerId: 'C-1' }) },
          { kind: 'interaction', record: interaction({ id: 'I-3', customerId: 'C-1' }) },
          { kind: 'case-update', id: 'K-1', patch: { status: 'pending' } },
        ]),
      ),
    ).toEqual([3]);
  });

  it('stays quiet for commits that queue nothing, refused commits, and everything else', async () => {
    await store.logInteraction(interaction({ id: 'I-4', customerId: 'C-1' }));
    expect(await announcedBy(() => store.saveWrapUp(wrapUp('I-4', { notes: 'typing', revision: 1 })))).toEqual([]);
    await expect(
      announcedBy(() =>
        store.commitLocal([
          { kind: 'interaction', record: interaction({ id: 'I-5' }) },
          { kind: 'wrap-up', record: wrapUp('I-missing') },
        ]),
      ),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(announced).toEqual([]);

    expect(
      await announcedBy(() =>
        store.upsertCases([{ id: 'K-2', customerId: 'C-1', subject: 'Pulled', status: 'open', priority: 'P3', updatedAt: 2, version: 1 }]),
      ),
    ).toEqual([]);
    expect(await announcedBy(() => store.replaceWrapUpCodes([]))).toEqual([]);
    const [head] = await store.outbox.due({ limit: 1 });
    expect(await announcedBy(() => store.outbox.markSent([{ id: head!.id }]))).toEqual([]);
    const [next] = await store.outbox.due({ limit: 1 });
    await store.outbox.park(next!.id, { code: 'http-422', message: 'refused' });
    expect(await announcedBy(() => store.outbox.requeue([next!.id]))).toEqual([]);
  });
});
