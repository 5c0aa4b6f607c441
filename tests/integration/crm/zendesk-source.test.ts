import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/logging/logger';
import { SourceError, type PushItem } from '../../../electron/sync/case-source';
import {
  createZendeskSource,
  type ZendeskSource,
  type ZendeskSourceOptions,
} from '../../../electron/sync/connectors/zendesk/zendesk-source';
import { PullEngine, type IngestPort, type PullLimits } from '../../../electron/sync/pull-engine';
import type { Interaction, WrapUpRecord } from '../../../shared/store/types';
import { startZendeskEmulator, type ZendeskEmulator } from '../../../tools/crm-emulators/zendesk/server';
import { memoryStore } from '../sync/harness';
import { NO_LIMITS } from './zendesk-harness';
import { englishOf, type UserText } from '../../../shared/text/user-text';

/**
 * The Zendesk connector against the Zendesk emulator over real HTTP: a first load (open tickets
 * first, then the history, resumed by a new connector after a "restart"), deletions, calls logged
 * exactly once through lost answers and repeats, conflicts, rate limits and OAuth renewal.
 * The emulator runs on a test clock (its exports leave out the last minute, so the test moves
 * time on instead of waiting), and the connector's own pacing is off: nothing here sleeps.
 */

const EMAIL = 'admin@example.com';
const TOKEN = 'zendesk-source-test-token';
const OPEN = ['new', 'open', 'pending', 'hold'];

let zd: ZendeskEmulator;
let clock = Date.now();

beforeAll(async () => {
  zd = await startZendeskEmulator({
    apiTokens: [{ email: EMAIL, token: TOKEN }],
    limits: NO_LIMITS,
    now: () => clock,
    seed: { users: 150, tickets: 900, seed: 11 },
  });
});
afterAll(async () => {
  await zd.close();
});
beforeEach(() => {
  zd.faults.clear();
  zd.limiter.limits = { ...NO_LIMITS };
});

const sources: ZendeskSource[] = [];
afterAll(() => sources.forEach((s) => s.close()));
function connect(over: Partial<ZendeskSourceOptions> = {}): ZendeskSource {
  const source = createZendeskSource({
    baseUrl: zd.url,
    auth: { kind: 'api-token', email: EMAIL, token: async () => TOKEN },
    defaultRegion: 'GB',
    wrapUp: { tagPrefix: 'sb_' },
    timeoutMs: 10_000,
    exportRequestsPerMinute: 0,
    now: () => clock,
    ...over,
  });
  sources.push(source);
  return source;
}

const engine = (source: ZendeskSource, ingest: IngestPort, limits: Partial<PullLimits> = {}) =>
  new PullEngine({ source, ingest, log: silentLogger, pageSize: 100, limits });
const requestsSince = (from: number) => zd.state.requests.slice(from).map((r) => `${r.method} ${r.path}${r.query}`);
const seededTickets = () => {
  const { first, last } = zd.seedReport!.ticketIds;
  return Array.from({ length: last - first + 1 }, (_, i) => zd.state.getTicket(first + i)!);
};
const liveEndUsers = () => {
  const { first, last } = zd.seedReport!.userIds;
  return Array.from({ length: last - first + 1 }, (_, i) => zd.state.getUser(first + i)!).filter((u) => u.active && u.role === 'end-user');
};
/** Zendesk's wire times have whole seconds: a version is the updated_at Zendesk sent. */
const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as SourceError,
  );

describe('pulling an account', () => {
  it('brings open tickets and their requesters first, then the whole history, resumed by a new connector after a restart', async () => {
    const store = memoryStore();
    const mark = zd.state.requests.length;
    await engine(connect(), store.ingest).run();

    // Round 1: only the Search export and lookups; every unsolved ticket, each with its requester.
    const first = requestsSince(mark);
    expect(first.some((r) => r.includes('/incremental/'))).toBe(false);
    const open = seededTickets().filter((t) => OPEN.includes(t.status));
    expect(open.length).toBeGreaterThan(100);
    expect([...store.cases.keys()].sort()).toEqual(open.map((t) => `zd-ticket-${t.id}`).sort());
    for (const t of open) {
      const requester = zd.state.getUser(t.requester_id)!;
      if (requester.active) expect(store.customers.has(`zd-user-${t.requester_id}`)).toBe(true);
    }
    const sample = open.find((t) => zd.state.getUser(t.requester_id)!.phone && zd.state.getUser(t.requester_id)!.organization_id)!;
    const customer = store.customers.get(`zd-user-${sample.requester_id}`)!;
    expect(customer.phones).toEqual([zd.state.getUser(sample.requester_id)!.phone]);
    expect(customer.company).toBe(zd.state.getOrganization(zd.state.getUser(sample.requester_id)!.organization_id!)!.name);

    // Round 2 stops after two pages of each feed, as a pull cut short by a quit would.
    await engine(connect(), store.ingest, { maxPagesPerFeed: 2 }).run();
    expect(store.cases.size).toBeLessThan(seededTickets().filter((t) => t.status !== 'deleted').length);

    // "Restart": a new connector with the stored cursors goes on from there, not from the beginning.
    const resumed = zd.state.requests.length;
    await engine(connect(), store.ingest).run();
    const after = requestsSince(resumed);
    const firstExports = [after.find((r) => r.includes('/incremental/users/'))!, after.find((r) => r.includes('/incremental/tickets/'))!];
    for (const r of firstExports) {
      expect(r).toContain('cursor=');
      expect(r).not.toContain('start_time');
    }
    const live = seededTickets().filter((t) => t.status !== 'deleted');
    expect([...store.cases.keys()].sort()).toEqual(live.map((t) => `zd-ticket-${t.id}`).sort());
    expect(seededTickets().some((t) => t.status === 'deleted')).toBe(true);
    expect([...store.customers.keys()].sort()).toEqual(
      liveEndUsers()
        .map((u) => `zd-user-${u.id}`)
        .sort(),
    );
    for (const t of live.slice(0, 50)) {
      expect(store.cases.get(`zd-ticket-${t.id}`)).toMatchObject({
        customerId: `zd-user-${t.requester_id}`,
        version: seconds(t.updated_at_ms),
      });
    }

    // Later changes in Zendesk: a deletion of each kind and an edit, once out of the export's last minute.
    const gone = open[0]!;
    const edited = open[1]!;
    const leaver = liveEndUsers()[0]!;
    zd.state.deleteTicket(gone.id);
    zd.state.updateTicket(edited.id, { priority: 'urgent' });
    zd.state.deleteUser(leaver.id);
    clock += 61_000;
    await engine(connect(), store.ingest).run();
    expect(store.cases.has(`zd-ticket-${gone.id}`)).toBe(false);
    expect(store.cases.get(`zd-ticket-${edited.id}`)).toMatchObject({
      priority: 'P1',
      version: seconds(zd.state.getTicket(edited.id)!.updated_at_ms),
    });
    expect(store.customers.has(`zd-user-${leaver.id}`)).toBe(false);
  });

  it('answers a refused credential and an export limit with the SourceError that says what to do', async () => {
    const wrong = connect({ auth: { kind: 'api-token', email: EMAIL, token: async () => 'not-the-token' } });
    const refused = await failure(wrong.probe());
    expect(refused).toMatchObject({ kind: 'unauthorized' });
    expect(refused!.message).toContain(`refused the Zendesk API token for ${EMAIL}`);
    await expect(connect().probe()).resolves.toBeUndefined();

    zd.faults.add({ kind: 'rateLimit', path: '/api/v2/incremental/*', retryAfterSec: 7 });
    const history = 'zd1.' + Buffer.from(JSON.stringify({ phase: 'history', after: null, start: 0 })).toString('base64url');
    const limited = await failure(connect().pullCases({ cursor: history, limit: 100, includeTotal: false }));
    expect(limited).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });

    // Zendesk's own limit (10 a minute on the export; 1 here): Retry-After is the rest of the minute.
    zd.limiter.limits = { ...NO_LIMITS, incrementalPerMinute: 1 };
    clock = Math.floor(clock / 60_000) * 60_000 + 75_000;
    await connect().pullCases({ cursor: history, limit: 10, includeTotal: false });
    const second = await failure(connect().pullCases({ cursor: history, limit: 10, includeTotal: false }));
    expect(second).toMatchObject({ kind: 'rate-limited', retryAfterMs: 45_000 });
  });
});

let n = 0;
const item = (entityKind: PushItem['entityKind'], operation: string, payload: unknown, over: Partial<PushItem> = {}): PushItem => {
  n += 1;
  return {
    id: n,
    idempotencyKey: `zd-it-${n}-${clock}`,
    entityKind,
    entityId: `entity-${n}`,
    orderingKey: `o-${n}`,
    operation,
    payload,
    createdAt: clock,
    ...over,
  };
};
const call = (id: string, over: Partial<Interaction> = {}): Interaction => ({
  id,
  agentId: 'agent-1',
  channel: 'call',
  direction: 'inbound',
  outcome: 'answered',
  number: '+447700900123',
  startedAt: clock - 300_000,
  answeredAt: clock - 295_000,
  endedAt: clock - 10_000,
  talkSeconds: 285,
  holdSeconds: 0,
  afterCallWorkSeconds: 0,
  customerId: `zd-user-${zd.seedReport!.userIds.first + 1}`,
  caseId: null,
  sipCallId: null,
  quality: null,
  ...over,
});
const openTicket = (skip = 0) => seededTickets().filter((t) => t.status === 'open')[skip]!;
const markerCount = (ticketId: number, marker: string) => zd.state.comments(ticketId).filter((c) => c.body.includes(marker)).length;
const ticketsWithExternalId = (externalId: string) => [...zd.state.tickets.overlay.values()].filter((t) => t.external_id === externalId);

describe('logging calls exactly once', () => {
  it('on a ticket: one comment, even when the answer to the update is lost and the row is sent again', async () => {
    const source = connect();
    const t = openTicket(0);
    const row = item('interaction', 'upsert', call('it-call-1', { caseId: `zd-ticket-${t.id}` }));
    zd.faults.add({ kind: 'duplicateDelivery', method: 'PUT', path: `/api/v2/tickets/${t.id}.json` });
    const lost = await failure(source.push(row));
    expect(lost).toBeInstanceOf(SourceError);
    expect(lost!.isConnectivity).toBe(true);
    expect(await source.push(row)).toMatchObject({ kind: 'applied', replayed: true });
    expect(await source.push(row)).toMatchObject({ kind: 'applied', replayed: true });
    expect(markerCount(t.id, 'Switchboard call ID: it-call-1')).toBe(1);

    // Its wrap-up: one internal note, the code as a tag.
    const wrapUp: WrapUpRecord = {
      interactionId: 'it-call-1',
      agentId: 'agent-1',
      state: 'submitted',
      code: 'billing',
      notes: 'Explained the invoice',
      resolvedOnFirstContact: true,
      callback: null,
      doNotCall: null,
      revision: 1,
      updatedAt: clock,
      submittedAt: clock,
    };
    const wrapRow = item('wrap-up', 'submit', wrapUp);
    expect(await source.push(wrapRow)).toMatchObject({ kind: 'applied' });
    expect(await source.push(wrapRow)).toMatchObject({ kind: 'applied', replayed: true });
    expect(zd.state.getTicket(t.id)!.tags).toContain('sb_billing');
    expect(markerCount(t.id, 'Switchboard wrap-up ID: it-call-1')).toBe(1);
  });

  it('without a case: one ticket, even when the create is applied and its answer lost', async () => {
    const source = connect();
    const row = item('interaction', 'upsert', call('it-call-2'));
    zd.faults.add({ kind: 'duplicateDelivery', method: 'POST', path: '/api/v2/tickets.json' });
    expect(await failure(source.push(row))).toBeInstanceOf(SourceError);
    expect(ticketsWithExternalId('switchboard:call:it-call-2')).toHaveLength(1);
    expect(await source.push(row)).toMatchObject({ kind: 'applied', replayed: true });
    // A later row of the same call (its after-call work) and the same row from a restarted connector.
    expect(await source.push(item('interaction', 'upsert', call('it-call-2', { afterCallWorkSeconds: 40 })))).toMatchObject({
      kind: 'applied',
    });
    expect(await connect().push(row)).toMatchObject({ kind: 'applied', replayed: true });
    const made = ticketsWithExternalId('switchboard:call:it-call-2');
    expect(made).toHaveLength(1);
    expect(made[0]!.requester_id).toBe(zd.seedReport!.userIds.first + 1);
    expect(zd.state.comments(made[0]!.id).filter((c) => c.body.includes('it-call-2')).length).toBe(1);
  });

  it('a new case from a call: one ticket for the case, the call on it', async () => {
    const source = connect();
    const caseId = 'c3d1a4e2-5b6f-4a7b-8c9d-0e1f2a3b4c5d';
    const requester = zd.seedReport!.userIds.first + 2;
    const create = item(
      'case',
      'create',
      {
        id: caseId,
        customerId: `zd-user-${requester}`,
        subject: 'Porting my number',
        description: 'Wants to keep the number',
        status: 'open',
        priority: 'P2',
      },
      { entityId: caseId },
    );
    zd.faults.add({ kind: 'duplicateDelivery', method: 'POST', path: '/api/v2/tickets.json' });
    expect(await failure(source.push(create))).toBeInstanceOf(SourceError);
    expect(await source.push(create)).toMatchObject({ kind: 'applied', replayed: true });
    expect(await source.push(item('interaction', 'upsert', call('it-call-3', { caseId })))).toMatchObject({ kind: 'applied' });
    const made = ticketsWithExternalId(`switchboard:case:${caseId}`);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ subject: 'Porting my number', priority: 'high', status: 'open', requester_id: requester });
    expect(markerCount(made[0]!.id, 'Switchboard call ID: it-call-3')).toBe(1);
  });

  it('on a closed ticket: a follow-up ticket, once', async () => {
    const source = connect();
    const closed = seededTickets().find((t) => t.status === 'closed')!;
    const row = item('interaction', 'upsert', call('it-call-6', { caseId: `zd-ticket-${closed.id}` }));
    expect(await source.push(row)).toMatchObject({ kind: 'applied' });
    expect(await source.push(row)).toMatchObject({ kind: 'applied', replayed: true });
    expect(ticketsWithExternalId('switchboard:call:it-call-6')).toHaveLength(1);
    expect(markerCount(closed.id, 'it-call-6')).toBe(0);
  });

  it('with Talk Partner Edition: a voice ticket carrying the voice comment', async () => {
    zd.settings.talkPartnerEdition = true;
    try {
      const source = connect({
        talkPartnerEdition: true,
        talkLine: '+442079460000',
        recordingUrlOf: (i) => `https://recordings.example.com/${i.id}.mp3`,
      });
      expect(await source.push(item('interaction', 'upsert', call('it-call-4')))).toMatchObject({ kind: 'applied' });
      const voice = zd.state.voiceTickets().find((t) => t.external_id === 'switchboard:call:it-call-4')!;
      expect(voice.via).toMatchObject({ channel: 'voice', source: { rel: 'inbound' } });
      expect(zd.state.voiceComments(voice.id)[0]!.data).toMatchObject({ from: '+447700900123', to: '+442079460000', call_duration: 285 });
    } finally {
      zd.settings.talkPartnerEdition = false;
    }
  });
});

describe('case edits', () => {
  it('go in on the version Switchboard holds, and someone else’s change since is a conflict with Zendesk’s copy', async () => {
    const source = connect();
    const t = openTicket(3);
    const version = seconds(t.updated_at_ms);
    const applied = await source.push(
      item(
        'case',
        'update',
        { id: `zd-ticket-${t.id}`, patch: { priority: 'P4' }, baseVersion: version },
        { entityId: `zd-ticket-${t.id}` },
      ),
    );
    expect(applied).toMatchObject({ kind: 'applied' });
    const now = zd.state.getTicket(t.id)!;
    expect(now.priority).toBe('low');
    expect((applied as { version: number }).version).toBe(seconds(now.updated_at_ms));

    // Someone changes it in Zendesk; an edit based on the earlier version is refused, nothing changed.
    clock += 2_000;
    zd.state.updateTicket(t.id, { status: 'pending' });
    const conflict = await source.push(
      item(
        'case',
        'update',
        { id: `zd-ticket-${t.id}`, patch: { priority: 'P1' }, baseVersion: (applied as { version: number }).version },
        { entityId: `zd-ticket-${t.id}` },
      ),
    );
    const current = zd.state.getTicket(t.id)!;
    expect(conflict).toMatchObject({
      kind: 'conflict',
      currentVersion: seconds(current.updated_at_ms),
      current: { id: `zd-ticket-${t.id}`, status: 'pending', priority: 'P4' },
    });
    expect(current.priority).toBe('low');
  });

  it('a ticket Zendesk will not change any more is refused with its reason', async () => {
    const t = seededTickets().find((x) => x.status === 'closed')!;
    const outcome = await connect().push(
      item('case', 'update', { id: `zd-ticket-${t.id}`, patch: { status: 'open' }, baseVersion: null }, { entityId: `zd-ticket-${t.id}` }),
    );
    expect(outcome).toMatchObject({ kind: 'rejected', code: 'http-422' });
    expect(englishOf((outcome as { message: UserText }).message)).toContain('closed prevents ticket update');
  });
});

describe('OAuth', () => {
  async function refreshWith(refreshToken: string): Promise<{ access_token: string; refresh_token: string } | null> {
    const res = await fetch(`${zd.url}/oauth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'zendesk-emulator' }),
    });
    return res.ok ? ((await res.json()) as { access_token: string; refresh_token: string }) : null;
  }

  it('renews an expired access token once and carries on; a renewal Zendesk refuses stops sync with a sentence', async () => {
    const issued = zd.issueAccessToken();
    let access = issued.accessToken;
    let refresh = issued.refreshToken;
    let renewals = 0;
    const source = connect({
      auth: {
        kind: 'oauth',
        accessToken: async () => access,
        refresh: async () => {
          renewals += 1;
          const next = await refreshWith(refresh);
          if (!next) return false;
          access = next.access_token;
          refresh = next.refresh_token;
          return true;
        },
      },
    });
    await source.probe();
    zd.faults.add({ kind: 'tokenExpired' });
    expect(await source.push(item('interaction', 'upsert', call('it-call-5', { caseId: `zd-ticket-${openTicket(5).id}` })))).toMatchObject({
      kind: 'applied',
    });
    expect(renewals).toBe(1);

    // The refresh token is spent or revoked: renewing fails, and the sentence says what to do.
    refresh = 'revoked';
    zd.faults.add({ kind: 'tokenExpired' });
    const stopped = await failure(source.probe());
    expect(stopped).toMatchObject({ kind: 'unauthorized', code: 'oauth-refresh-failed' });
    expect(stopped!.message).toContain('sign in to Zendesk again');
    expect(renewals).toBe(2);
  });
});
