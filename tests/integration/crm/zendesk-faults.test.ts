import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Interaction } from '../../../shared/agent/records';
import type { CaseStatus, Priority } from '../../../shared/store/types';
import type { FaultRuleInput } from '../../../tools/crm-emulators/zendesk/faults';
import type { ZendeskEmulator } from '../../../tools/crm-emulators/zendesk/server';
import { callRecord, problemOf, submittedWrapUp } from '../sync/harness';
import { WAIT, ZendeskApps, apiTokenPolicy, oauthPolicy, startEmulator, ticketsWithMarker, type ZendeskApp } from './zendesk-harness';
import { signInAndWait } from './zendesk-oauth-browser';

/**
 * The fault matrix of the Zendesk connector (issue 21), against real parts: the Zendesk emulator
 * with its fault switches, and the app's real encrypted store with the real sync service, Zendesk
 * chosen by IT policy. Each fault is aimed at the writes (calls on tickets, calls that become
 * tickets, wrap-ups, case edits) and, separately, at the pulls. Afterwards, read from the
 * emulator: every call is one comment or one ticket, every wrap-up one note and its tag, every
 * edit one applied update; nothing is left in the outbox, and the store holds every user and
 * ticket. The counts are exact, so a lost write or a second one fails the case.
 */

const apps = new ZendeskApps();
let zd: ZendeskEmulator | null = null;
/** The emulator's clock: its exports and search leave out the last minute, so tests move time on instead of waiting. */
let clock = Date.now();

afterEach(async () => {
  vi.restoreAllMocks();
  await apps.closeAll();
  await zd?.close();
  zd = null;
});

async function emulator(seed?: { users: number; tickets: number; seed: number }): Promise<ZendeskEmulator> {
  clock = Date.now();
  zd = await startEmulator({ now: () => clock, ...(seed ? { seed } : {}) });
  return zd;
}

type Auth = 'api-token' | 'oauth';

async function startApp(emu: ZendeskEmulator, auth: Auth): Promise<ZendeskApp> {
  const app = await apps.start({ enforced: auth === 'oauth' ? oauthPolicy(emu) : apiTokenPolicy(emu) });
  if (auth === 'oauth') await signInAndWait(emu, app.sync);
  return app;
}

/** Renewed silently: from the sign-in on, the agent never saw sync signed out or refused. */
function expectSilentRenewal(app: ZendeskApp): void {
  const signedIn = app.statuses.findIndex((s) => s.zendesk.signedIn && s.connection === 'online');
  expect(signedIn).toBeGreaterThanOrEqual(0);
  const after = app.statuses.slice(signedIn);
  expect(after.filter((s) => !s.zendesk.signedIn || s.connection === 'unauthorized' || s.connection === 'not-configured')).toEqual([]);
  expect(app.sync.status()).toMatchObject({ connection: 'online', problem: null, zendesk: { signedIn: true } });
}

// ------------------------------------------------------------------ the agent's work

interface Account {
  users: number[];
  tickets: number[];
}

/** Three callers, each with an unsolved ticket, old enough for Zendesk's search and exports to show. */
function account(emu: ZendeskEmulator): Account {
  const users = [1, 2, 3].map((i) => emu.state.addUser({ name: `Caller ${i}`, phone: `+44 20 7946 010${i}` }).id);
  const tickets = users.map(
    (requester, i) =>
      emu.state.addTicket({
        requester_id: requester,
        subject: `Problem ${i + 1}`,
        status: i === 2 ? 'pending' : 'open',
        priority: 'normal',
        comment: { body: `Reported problem ${i + 1}` },
      }).id,
  );
  clock += 10 * 60_000;
  return { users, tickets };
}

/** A call that just ended (its ticket create is deduplicated by Idempotency-Key, which Zendesk keeps two hours). */
function justEnded(id: string, links: { customerId?: string | null; caseId?: string | null }): Interaction {
  const end = Date.now() - 5_000;
  return { ...callRecord(id, 0, links), startedAt: end - 45_000, answeredAt: end - 40_000, endedAt: end };
}

interface Work {
  /** Calls filed under a ticket: one comment each on that ticket. */
  onTicket: { id: string; ticket: number }[];
  /** Calls filed under no ticket: one ticket each, with external id `switchboard:call:<id>`. */
  newTicket: string[];
  /** Wrap-ups: one note and one tag each, on the ticket of the call. */
  wrapUps: { interactionId: string; code: string }[];
  /** Case edits, in order per ticket. */
  edits: { ticket: number; patch: { status?: CaseStatus; priority?: Priority } }[];
  /** Outbox rows the work queues. */
  rows: number;
}

/**
 * A batch of work: calls on each ticket (two on the first), calls with no ticket (one logged hours
 * after it ended, so it is found by external id rather than by Idempotency-Key), wrap-ups of calls
 * of both kinds, and priority and status edits (two in a row on one ticket).
 */
async function logWork(app: ZendeskApp, acc: Account): Promise<Work> {
  const [t1, t2, t3] = acc.tickets as [number, number, number];
  const [u1, u2, u3] = acc.users as [number, number, number];
  const work: Work = {
    onTicket: [
      { id: 'call-t1-a', ticket: t1 },
      { id: 'call-t1-b', ticket: t1 },
      { id: 'call-t2', ticket: t2 },
      { id: 'call-t3', ticket: t3 },
    ],
    newTicket: ['call-new-u1', 'call-new-u2', 'call-new-anon', 'call-new-old'],
    wrapUps: [
      { interactionId: 'call-t1-a', code: 'billing' },
      { interactionId: 'call-t2', code: 'refund' },
      { interactionId: 'call-new-u1', code: 'new-order' },
      { interactionId: 'call-new-old', code: 'callback-done' },
    ],
    edits: [
      { ticket: t1, patch: { priority: 'P1' } },
      { ticket: t2, patch: { status: 'pending', priority: 'P2' } },
      { ticket: t3, patch: { priority: 'P4' } },
      { ticket: t3, patch: { status: 'on-hold' } },
    ],
    rows: 0,
  };
  for (const call of work.onTicket) await app.store.logInteraction(justEnded(call.id, { caseId: `zd-ticket-${call.ticket}` }));
  await app.store.logInteraction(justEnded('call-new-u1', { customerId: `zd-user-${u1}` }));
  await app.store.logInteraction(justEnded('call-new-u2', { customerId: `zd-user-${u2}` }));
  await app.store.logInteraction(justEnded('call-new-anon', {}));
  await app.store.logInteraction(callRecord('call-new-old', 7, { customerId: `zd-user-${u3}` }));
  for (const w of work.wrapUps) await app.store.saveWrapUp(submittedWrapUp(w.interactionId, w.code, `Notes for ${w.interactionId}`));
  for (const e of work.edits) await app.store.updateCase(`zd-ticket-${e.ticket}`, e.patch);
  work.rows = work.onTicket.length + work.newTicket.length + work.wrapUps.length + work.edits.length;
  return work;
}

// ------------------------------------------------------------------ what Zendesk holds

/** Every ticket Switchboard or the test made (the write tests seed nothing else). */
function allTickets(emu: ZendeskEmulator) {
  return [...emu.state.tickets.overlay.values()];
}

const ZD_STATUS: Record<CaseStatus, string> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  'on-hold': 'hold',
  solved: 'solved',
  closed: 'closed',
};
const ZD_PRIORITY: Record<Priority, string> = { P1: 'urgent', P2: 'high', P3: 'normal', P4: 'low' };

/** Counts each ticket update Zendesk applied (Update Ticket, after its checks): a write that went in twice shows here. */
function watchUpdates(emu: ZendeskEmulator) {
  const spy = vi.spyOn(emu.state, 'updateTicket');
  const commentsBefore = emu.state.counts.commentsAdded;
  const createsBefore = emu.state.counts.ticketCreates;
  return {
    /** Applied updates that changed status or priority (the edits), per ticket. */
    edits(ticket: number): number {
      return spy.mock.calls.filter(([id, patch]) => id === ticket && ('status' in patch || 'priority' in patch)).length;
    },
    updates: () => spy.mock.calls.length,
    comments: () => emu.state.counts.commentsAdded - commentsBefore,
    creates: () => emu.state.counts.ticketCreates - createsBefore,
  };
}
type Watch = ReturnType<typeof watchUpdates>;

async function drained(app: ZendeskApp): Promise<void> {
  await expect.poll(async () => (await app.store.counts()).outbox, WAIT).toMatchObject({ pending: 0, parked: 0, conflict: 0 });
}

/** Every call, wrap-up and edit of `work` is in Zendesk exactly once, and the outbox sent each row. */
async function expectExactlyOnce(emu: ZendeskEmulator, app: ZendeskApp, work: Work, watch: Watch): Promise<void> {
  for (const call of work.onTicket) expect(ticketsWithMarker(emu, `Switchboard call ID: ${call.id}`), call.id).toEqual([call.ticket]);
  for (const id of work.newTicket) {
    const made = allTickets(emu).filter((t) => t.external_id === `switchboard:call:${id}`);
    expect(
      made.map((t) => t.id),
      id,
    ).toHaveLength(1);
    expect(ticketsWithMarker(emu, `Switchboard call ID: ${id}`), id).toEqual([made[0]!.id]);
  }
  const callTicket = (id: string) =>
    work.onTicket.find((c) => c.id === id)?.ticket ?? allTickets(emu).find((t) => t.external_id === `switchboard:call:${id}`)!.id;
  for (const w of work.wrapUps) {
    const ticket = callTicket(w.interactionId);
    expect(ticketsWithMarker(emu, `Switchboard wrap-up ID: ${w.interactionId}`), w.interactionId).toEqual([ticket]);
    expect(emu.state.getTicket(ticket)!.tags).toContain(`sb_${w.code}`);
  }
  const edited = [...new Set(work.edits.map((e) => e.ticket))];
  for (const ticket of edited) {
    const edits = work.edits.filter((e) => e.ticket === ticket);
    expect(watch.edits(ticket), `edits of ticket ${ticket}`).toBe(edits.length);
    const last = Object.assign({}, ...edits.map((e) => e.patch)) as { status?: CaseStatus; priority?: Priority };
    const now = emu.state.getTicket(ticket)!;
    if (last.status) expect(now.status).toBe(ZD_STATUS[last.status]);
    if (last.priority) expect(now.priority).toBe(ZD_PRIORITY[last.priority]);
  }
  // Nothing else went in: one ticket per call without one, and one update per call comment, wrap-up and edit.
  expect(watch.creates()).toBe(work.newTicket.length);
  expect(watch.updates()).toBe(work.onTicket.length + work.wrapUps.length + work.edits.length);
  expect(watch.comments()).toBe(work.onTicket.length + work.newTicket.length + work.wrapUps.length);
  expect((await app.store.counts()).outbox).toEqual({ pending: 0, parked: 0, conflict: 0, sent: work.rows });
}

// ------------------------------------------------------------------ faults on the writes

const WRITES = {
  put: { method: 'PUT', path: '/api/v2/tickets/*' },
  post: { method: 'POST', path: '/api/v2/tickets*' },
} as const;

interface FaultCase {
  name: string;
  kind: FaultRuleInput['kind'];
  auth?: Auth;
  /** Rules armed before the work is logged, all of which must be used up by the writes. */
  rules: FaultRuleInput[];
}

const writeFaults: FaultCase[] = [
  {
    name: 'connection cut on arrival',
    kind: 'down',
    rules: [
      { ...WRITES.put, kind: 'down', times: 3 },
      { ...WRITES.post, kind: 'down', times: 2 },
    ],
  },
  {
    name: '500',
    kind: 'error500',
    rules: [
      { ...WRITES.put, kind: 'error500', times: 3 },
      { ...WRITES.post, kind: 'error500', times: 2 },
    ],
  },
  {
    name: '429 with Retry-After',
    kind: 'rateLimit',
    rules: [
      { ...WRITES.put, kind: 'rateLimit', retryAfterSec: 1 },
      { ...WRITES.post, kind: 'rateLimit', retryAfterSec: 1 },
    ],
  },
  {
    name: 'reset mid-response (applied)',
    kind: 'reset',
    rules: [
      { ...WRITES.put, kind: 'reset', times: 4 },
      { ...WRITES.post, kind: 'reset', times: 2 },
    ],
  },
  {
    name: 'duplicate delivery (applied, answer lost)',
    kind: 'duplicateDelivery',
    rules: [
      { ...WRITES.put, kind: 'duplicateDelivery', times: 4 },
      { ...WRITES.post, kind: 'duplicateDelivery', times: 2 },
    ],
  },
  {
    name: 'expired OAuth access token',
    kind: 'tokenExpired',
    auth: 'oauth',
    rules: [
      { ...WRITES.put, kind: 'tokenExpired' },
      { ...WRITES.post, kind: 'tokenExpired' },
    ],
  },
  { name: 'conflict on every safe update for a while', kind: 'conflict', rules: [{ ...WRITES.put, kind: 'conflict', times: 5 }] },
];

/** The app has pulled the account's open tickets: the agent can file calls and edit them. */
async function pulledOpenTickets(app: ZendeskApp, acc: Account): Promise<void> {
  await expect.poll(() => app.sync.status().lastSyncAt, WAIT).not.toBeNull();
  for (const t of acc.tickets) expect(await app.store.getCase(`zd-ticket-${t}`)).not.toBeNull();
}

describe('writes under faults: every call, wrap-up and edit lands exactly once', () => {
  it.each(writeFaults)('$name', { timeout: 60_000 }, async (fault) => {
    const emu = await emulator();
    const acc = account(emu);
    const app = await startApp(emu, fault.auth ?? 'api-token');
    await pulledOpenTickets(app, acc);
    const watch = watchUpdates(emu);
    const handles = fault.rules.map((rule) => emu.faults.add(rule));

    const work = await logWork(app, acc);
    await drained(app);
    expect(handles.map((h) => h.remaining())).toEqual(handles.map(() => 0));
    expect(emu.faults.injected[fault.kind]).toBeGreaterThanOrEqual(fault.rules.reduce((n, r) => n + (r.times ?? 1), 0));
    emu.faults.clear();
    await expectExactlyOnce(emu, app, work, watch);
    await expect.poll(() => app.sync.status(), WAIT).toMatchObject({ connection: 'online', problem: null });
    if (fault.auth === 'oauth') expectSilentRenewal(app);
  });

  it('Zendesk down (listener closed): the work waits offline, then lands once when it is back', { timeout: 60_000 }, async () => {
    const emu = await emulator();
    const acc = account(emu);
    const app = await startApp(emu, 'api-token');
    await pulledOpenTickets(app, acc);
    const watch = watchUpdates(emu);
    await emu.faults.setDown(true);

    const work = await logWork(app, acc);
    await expect.poll(() => app.sync.status().connection, WAIT).toBe('offline');
    expect(problemOf(app.sync.status())).toMatch(/^Offline: /);
    expect(watch.updates() + watch.creates()).toBe(0);
    await emu.faults.setDown(false);
    await drained(app);
    await expectExactlyOnce(emu, app, work, watch);
  });

  it('a call note whose answer was lost is Switchboard’s own: the edit queued behind it is no conflict', { timeout: 60_000 }, async () => {
    const emu = await emulator();
    const acc = account(emu);
    const app = await startApp(emu, 'api-token');
    await pulledOpenTickets(app, acc);
    const t1 = acc.tickets[0]!;
    const watch = watchUpdates(emu);
    // The note goes in and its answer is lost; the edit behind it is based on the version Switchboard pulled, before the note.
    const lost = emu.faults.add({ kind: 'duplicateDelivery', method: 'PUT', path: `/api/v2/tickets/${t1}.json` });
    await app.store.logInteraction(justEnded('call-lost', { caseId: `zd-ticket-${t1}` }));
    await app.store.updateCase(`zd-ticket-${t1}`, { priority: 'P1' });
    await drained(app);
    expect(lost.remaining()).toBe(0);
    expect(app.sync.status().conflicts).toEqual([]);
    expect(ticketsWithMarker(emu, 'Switchboard call ID: call-lost')).toEqual([t1]);
    expect(watch.edits(t1)).toBe(1);
    expect(emu.state.getTicket(t1)!.priority).toBe('urgent');
  });

  it(
    'a colleague changed the ticket first: the edit is a conflict, the agent keeps theirs, it is applied once',
    { timeout: 60_000 },
    async () => {
      const emu = await emulator();
      const acc = account(emu);
      const app = await startApp(emu, 'api-token');
      await pulledOpenTickets(app, acc);
      const t2 = acc.tickets[1]!;
      // In Zendesk, a colleague renames the ticket after Switchboard pulled it.
      clock += 2_000;
      emu.state.updateTicket(t2, { subject: 'Renamed by a colleague' });
      const watch = watchUpdates(emu);
      emu.faults.add({ ...WRITES.put, kind: 'conflict', times: 2 });

      const work = await logWork(app, acc);
      await expect.poll(() => app.sync.status().conflicts, WAIT).toHaveLength(1);
      const [conflict] = app.sync.status().conflicts;
      expect(conflict).toMatchObject({ entityKind: 'case', entityId: `zd-ticket-${t2}`, title: 'Renamed by a colleague' });
      expect(emu.state.getTicket(t2)).toMatchObject({ priority: 'normal', status: 'open' });
      expect(watch.edits(t2)).toBe(0);

      await app.sync.resolveConflict(conflict!.id, 'mine');
      await drained(app);
      await expectExactlyOnce(emu, app, work, watch);
      // Theirs is kept where mine did not touch it.
      expect(emu.state.getTicket(t2)!.subject).toBe('Renamed by a colleague');
    },
  );
});

// ------------------------------------------------------------------ faults on the pulls

/** Every request a pull makes: the open-tickets search export, the user and organization lookups, the incremental exports. */
const PULLS = /^\/api\/v2\/(search\/export|users\/show_many|organizations\/show_many|incremental\/)/;
const SEED = { users: 60, tickets: 400, seed: 21 };

const pullFaults: FaultCase[] = [
  { name: 'connection cut on arrival', kind: 'down', rules: [{ method: 'GET', path: PULLS, kind: 'down', times: 2 }] },
  { name: '500', kind: 'error500', rules: [{ method: 'GET', path: PULLS, kind: 'error500', times: 2 }] },
  {
    name: '429 with Retry-After',
    kind: 'rateLimit',
    rules: [{ method: 'GET', path: PULLS, kind: 'rateLimit', retryAfterSec: 1, times: 2 }],
  },
  { name: 'reset mid-response', kind: 'reset', rules: [{ method: 'GET', path: PULLS, kind: 'reset', times: 2 }] },
  { name: 'answer lost', kind: 'duplicateDelivery', rules: [{ method: 'GET', path: PULLS, kind: 'duplicateDelivery', times: 2 }] },
  {
    name: 'expired OAuth access token',
    kind: 'tokenExpired',
    auth: 'oauth',
    // Once a round: a token renewed a moment ago does not expire at once.
    rules: [{ method: 'GET', path: PULLS, kind: 'tokenExpired' }],
  },
];

/**
 * Waits until a pull round reaches the end of Zendesk's changes, pressing "Sync now" whenever sync
 * sits idle first: after a 429 a pull waits for its next interval (a minute), as designed, and the
 * agent's button is how a test gets there sooner.
 */
async function pullRound(app: ZendeskApp, after: number | null): Promise<void> {
  await expect
    .poll(() => {
      const status = app.sync.status();
      if (status.lastSyncAt !== null && (after === null || status.lastSyncAt > after)) return true;
      if (status.activity === 'idle') app.sync.syncNow();
      return false;
    }, WAIT)
    .toBe(true);
}

/** The store holds every live end user and every ticket Zendesk has not deleted, and nothing else. */
async function expectEverythingPulled(emu: ZendeskEmulator, app: ZendeskApp): Promise<void> {
  const { userIds, ticketIds } = emu.seedReport!;
  const range = (r: { first: number; last: number }) => Array.from({ length: r.last - r.first + 1 }, (_, i) => r.first + i);
  const users = range(userIds).map((id) => emu.state.getUser(id)!);
  const tickets = range(ticketIds).map((id) => emu.state.getTicket(id)!);
  const liveUsers = users.filter((u) => u.active && u.role === 'end-user');
  const liveTickets = tickets.filter((t) => t.status !== 'deleted');
  expect(liveTickets.length).toBeLessThan(tickets.length);
  const counts = await app.store.counts();
  expect({ customers: counts.customers, cases: counts.cases }).toEqual({ customers: liveUsers.length, cases: liveTickets.length });
  const missing: string[] = [];
  for (const u of liveUsers) if ((await app.store.getCustomer(`zd-user-${u.id}`)) === null) missing.push(`zd-user-${u.id}`);
  for (const t of liveTickets) if ((await app.store.getCase(`zd-ticket-${t.id}`)) === null) missing.push(`zd-ticket-${t.id}`);
  expect(missing).toEqual([]);
}

describe('pulls under faults: the store ends with every user and ticket', () => {
  it.each(pullFaults)('$name', { timeout: 60_000 }, async (fault) => {
    const emu = await emulator(SEED);
    // The first round (open tickets first, by the search export) meets the fault...
    const first = fault.rules.map((rule) => emu.faults.add(rule));
    const app = await startApp(emu, fault.auth ?? 'api-token');
    await pullRound(app, null);
    expect(first.map((h) => h.remaining())).toEqual(first.map(() => 0));
    // ...and so does the second (the whole history, by the incremental exports).
    const second = fault.rules.map((rule) => emu.faults.add(rule));
    await pullRound(app, app.sync.status().lastSyncAt);
    expect(second.map((h) => h.remaining())).toEqual(second.map(() => 0));
    expect(emu.faults.injected[fault.kind]).toBe(2 * fault.rules.reduce((n, r) => n + (r.times ?? 1), 0));
    emu.faults.clear();
    await expectEverythingPulled(emu, app);
    expect(app.sync.status()).toMatchObject({ problem: null });
    if (fault.auth === 'oauth') expectSilentRenewal(app);
  });

  it(
    'Zendesk down (listener closed) at the start and before the history: the pull waits, then completes',
    { timeout: 60_000 },
    async () => {
      const emu = await emulator(SEED);
      await emu.faults.setDown(true);
      const app = await startApp(emu, 'api-token');
      await expect.poll(() => app.sync.status().connection, WAIT).toBe('offline');
      await emu.faults.setDown(false);
      await pullRound(app, null);
      await emu.faults.setDown(true);
      const first = app.sync.status().lastSyncAt;
      app.sync.syncNow();
      await expect.poll(() => app.sync.status().connection, WAIT).toBe('offline');
      await emu.faults.setDown(false);
      await pullRound(app, first);
      await expectEverythingPulled(emu, app);
    },
  );
});
