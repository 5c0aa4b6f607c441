import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ZendeskEmulator } from '../../../tools/crm-emulators/zendesk/server';
import {
  CHILD_TEST,
  CHILD_WAIT,
  killHard,
  runAppChild,
  stopAppChildren,
  storeCounts,
  type AppChildCall,
  type AppChildConfig,
} from '../../support/crm-app-child-process';
import { apiTokenPolicy, startEmulator, ticketsWithMarker } from './zendesk-harness';

/**
 * The app process, syncing with Zendesk, is killed with SIGKILL in the middle of a push and in the
 * middle of a pull (no shutdown code runs), then started again on the same data folder. The
 * emulator runs here, in the test process. Afterwards Zendesk holds every call exactly once (one
 * ticket or one comment each, one note per wrap-up) and the local store has every user and
 * ticket, its integrity check passing.
 */

let zd: ZendeskEmulator | null = null;
let dataDir: string | null = null;

afterEach(async () => {
  stopAppChildren();
  await zd?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  zd = null;
  dataDir = null;
});

const range = (r: { first: number; last: number }) => Array.from({ length: r.last - r.first + 1 }, (_, i) => r.first + i);
/** What the history pull requested after `from` in the request log: the first incremental export request of each kind. */
const firstExportQuery = (emu: ZendeskEmulator, from: number, what: 'users' | 'tickets') =>
  emu.state.requests.slice(from).find((r) => r.path === `/api/v2/incremental/${what}/cursor.json`)?.query ?? null;

describe('Zendesk sync survives the app being killed', () => {
  it('SIGKILL during a push: after the restart every call and wrap-up is in Zendesk exactly once', CHILD_TEST, async () => {
    zd = await startEmulator({ seed: { users: 30, tickets: 60, seed: 9 } });
    dataDir = mkdtempSync(path.join(tmpdir(), 'sb-zendesk-kill-push-'));
    const open = range(zd.seedReport!.ticketIds)
      .filter((id) => ['new', 'open', 'pending', 'hold'].includes(zd!.state.getTicket(id)!.status))
      .slice(0, 10);
    expect(open).toHaveLength(10);
    // 150 calls: 100 with no ticket (half just ended, half hours ago), 50 on ten open tickets; every fifth wrapped up.
    const calls: AppChildCall[] = Array.from({ length: 150 }, (_, i) =>
      i < 100
        ? { id: `kill-call-${i}`, caseId: null, recent: i % 2 === 0 }
        : { id: `kill-call-${i}`, caseId: `zd-ticket-${open[i % 10]}`, recent: true },
    );
    const wrapUps = calls.filter((_, i) => i % 5 === 0).map((c) => c.id);
    const writes = () => zd!.state.counts.ticketCreates + zd!.state.counts.ticketUpdates;
    // Each write takes a while, so the kill lands with writes in flight and sent rows not yet confirmed.
    zd.faults.add({ kind: 'slow', method: 'POST', times: Infinity, delayMs: 40 });
    zd.faults.add({ kind: 'slow', method: 'PUT', times: Infinity, delayMs: 40 });
    const base: AppChildConfig = { dataDir, policy: apiTokenPolicy(zd), timing: { concurrency: 2, pushPollMs: 100 } };

    const first = runAppChild({ ...base, calls, wrapUps });
    await expect.poll(writes, CHILD_WAIT).toBeGreaterThanOrEqual(30);
    await killHard(first);
    const landedBeforeKill = writes();
    expect(landedBeforeKill).toBeLessThan(calls.length + wrapUps.length);

    zd.faults.clear();
    const second = runAppChild({ ...base, exitWhenIdle: true });
    expect(await second.exited).toBe(0);

    for (const call of calls) {
      const marker = `Switchboard call ID: ${call.id}`;
      if (call.caseId === null) {
        const made = [...zd.state.tickets.overlay.values()].filter((t) => t.external_id === `switchboard:call:${call.id}`);
        expect(
          made.map((t) => t.id),
          call.id,
        ).toHaveLength(1);
        expect(ticketsWithMarker(zd, marker), call.id).toEqual([made[0]!.id]);
      } else {
        expect(ticketsWithMarker(zd, marker), call.id).toEqual([Number(call.caseId.slice('zd-ticket-'.length))]);
      }
    }
    for (const id of wrapUps) expect(ticketsWithMarker(zd, `Switchboard wrap-up ID: ${id}`), id).toHaveLength(1);
    // Nothing else: one create per call without a ticket, one update per call comment and per wrap-up.
    expect(zd.state.counts.ticketCreates).toBe(100);
    expect(zd.state.counts.ticketUpdates).toBe(50 + wrapUps.length);
    const local = await storeCounts(dataDir);
    expect(local.interactions).toBe(calls.length);
    expect(local.outbox).toEqual({ pending: 0, parked: 0, conflict: 0, sent: calls.length + wrapUps.length });
    expect(local.integrityOk).toBe(true);
  });

  it(
    'SIGKILL during the initial pull and again during the history: each restart goes on from the stored position, and the store ends with every record',
    CHILD_TEST,
    async () => {
      zd = await startEmulator({ seed: { users: 400, tickets: 4000, seed: 5 } });
      dataDir = mkdtempSync(path.join(tmpdir(), 'sb-zendesk-kill-pull-'));
      const users = range(zd.seedReport!.userIds).map((id) => zd!.state.getUser(id)!);
      const tickets = range(zd.seedReport!.ticketIds).map((id) => zd!.state.getTicket(id)!);
      const liveUsers = users.filter((u) => u.active && u.role === 'end-user').length;
      const liveTickets = tickets.filter((t) => t.status !== 'deleted').length;
      const openTickets = tickets.filter((t) => ['new', 'open', 'pending', 'hold'].includes(t.status)).length;
      const base: AppChildConfig = { dataDir, policy: apiTokenPolicy(zd), timing: { pushPollMs: 100 } };

      // Run 1: the first pull (open tickets first, by the search export) in pages of 100, each slow; killed once some are stored.
      const search = zd.faults.add({ kind: 'slow', path: '/api/v2/search/export*', times: Infinity, delayMs: 120 });
      const first = runAppChild({ ...base, timing: { ...base.timing, pageSize: 100 } });
      await expect.poll(() => first.lines.some((l) => l.progress?.phase === 'cases' && l.progress.done >= 200), CHILD_WAIT).toBe(true);
      await killHard(first);
      search.remove();
      const afterFirst = await storeCounts(dataDir);
      expect(afterFirst.cases).toBeGreaterThanOrEqual(200);
      expect(afterFirst.cases).toBeLessThan(openTickets);

      // Run 2: finishes the open tickets from the stored search position, then the history (slow): killed in the middle of it.
      const secondFrom = zd.state.requests.length;
      const history = zd.faults.add({ kind: 'slow', path: '/api/v2/incremental/tickets/*', times: Infinity, delayMs: 500 });
      const second = runAppChild({ ...base, rounds: 2, timing: { ...base.timing, pageSize: 1000 } });
      await expect.poll(() => second.lines.findIndex((l) => l.t === 'round'), CHILD_WAIT).toBeGreaterThanOrEqual(0);
      const roundOne = second.lines.findIndex((l) => l.t === 'round');
      await expect
        .poll(() => second.lines.slice(roundOne).some((l) => l.progress?.phase === 'cases' && l.progress.done >= 1000), CHILD_WAIT)
        .toBe(true);
      await killHard(second);
      history.remove();
      const afterSecond = await storeCounts(dataDir);
      expect(afterSecond.cases).toBeGreaterThanOrEqual(openTickets);
      expect(afterSecond.cases).toBeLessThan(liveTickets);
      expect(zd.state.requests.slice(secondFrom).find((r) => r.path === '/api/v2/search/export.json')?.query).toMatch(/page%5Bafter%5D=/);

      // Run 3: goes on with the history from its stored cursor, not from the beginning.
      const thirdFrom = zd.state.requests.length;
      const third = runAppChild({ ...base, exitWhenIdle: true, timing: { ...base.timing, pageSize: 1000 } });
      expect(await third.exited).toBe(0);
      const resumed = firstExportQuery(zd, thirdFrom, 'tickets');
      expect(resumed).toMatch(/cursor=/);
      expect(resumed).not.toMatch(/start_time/);

      const local = await storeCounts(dataDir);
      expect({ customers: local.customers, cases: local.cases }).toEqual({ customers: liveUsers, cases: liveTickets });
      expect(local.bulkLoad).toBe(false);
      expect(local.integrityOk).toBe(true);
    },
  );
});
