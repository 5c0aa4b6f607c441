import { ZendeskSource } from '../../electron/sync/connectors/zendesk/zendesk-source';
import { DEFAULT_TIMING, type SyncService } from '../../electron/sync/sync-service';
import { DEFAULT_PHONE_REGION } from '../../shared/store/phone';
import { MAX_PAGE_BYTES } from '../../shared/sync/limits';
import type { RequestLogEntry } from '../../tools/crm-emulators/zendesk/state';
import { routeBuckets, startZendeskEmulator, type ZendeskEmulator } from '../../tools/crm-emulators/zendesk/server';
import {
  duration,
  endPhase,
  firstRoundDone,
  log,
  machineAtStart,
  machineFigures,
  minutes,
  openBenchApp,
  outboxDrained,
  peakRssMiB,
  pct,
  progressLines,
  queueCalls,
  roundAfter,
  seconds,
  shiftOfCalls,
  startPhase,
  waitFor,
  type CallTarget,
} from './bench-crm-common';
import { ZENDESK_PLANS, modelRequestTime, planLimits, type RequestRun, type ZendeskPlanId } from './zendesk-rate-model';

/**
 * `npm run bench:crm -- --zendesk`: the first load of a Zendesk account and an outbox drain,
 * through the real path (the Zendesk connector chosen by IT policy with an API token, the sync
 * service, the encrypted store in a temporary folder) against the Zendesk emulator seeded with the
 * account's size.
 *
 * 1. First useful screen pop: the first pull round brings every unsolved ticket and its requester
 *    (Search export + Show Many Users), then builds the search and screen-pop indexes. Timed to the
 *    round's end, checked against the emulator's own counts and with one screen pop.
 * 2. Full history: the next round brings every user and ticket through the incremental exports.
 *    Started at once (the app waits its one-minute pull interval first; the model adds it back), or
 *    with `--enforce-limits` on the app's own timer.
 * 3. Outbox drain: calls with submitted wrap-ups, queued while sync is stopped, half filed under
 *    existing tickets (a comment and a note on each) and half under no case (a ticket each).
 *
 * The emulator answers with its limits off, so the run measures this machine; the time the same
 * requests would take under Zendesk's documented limits is modelled from the emulator's request
 * log (scripts/lib/zendesk-rate-model.ts), including the connector's own spacing of incremental
 * exports (electron/sync/connectors/zendesk/zendesk-http.ts), which this run turns off.
 * `--enforce-limits` instead has the emulator enforce the plan's limits and the connector pace as
 * it does in the app: measured, not modelled (slow: use small sizes).
 *
 * The emulator runs in this process, so its work shares main's event loop with the sync service.
 */

export interface ZendeskBenchOptions {
  users: number;
  tickets: number;
  calls: number;
  plan: ZendeskPlanId;
  enforceLimits: boolean;
  keepData: boolean;
}

const EMAIL = 'bench-crm@example.com';
const API_TOKEN = 'bench-crm-zendesk-token';
const NO_LIMITS = { perMinute: null, incrementalPerMinute: null, incrementalUsersCursorPerMinute: null, searchExportPerMinute: null };
const UNSOLVED = new Set(['new', 'open', 'pending', 'hold']);
/** The connector spaces each incremental export to this many requests a minute (zendesk-http.ts, `exportRequestsPerMinute` default). */
const CONNECTOR_EXPORT_PACING = 10;
const INCREMENTAL_PATHS = ['/api/v2/incremental/users/cursor.json', '/api/v2/incremental/tickets/cursor.json'];
/** Zendesk keeps an idempotency key two hours; calls older than ~110 minutes make the connector look a ticket up first (zendesk-push.ts). */
const CALLS_WITHIN_MS = 45 * 60_000;

/** What the account holds, read from the emulator before the run: what each phase must bring. */
interface Expected {
  unsolved: number[];
  /** Requesters of unsolved tickets who are live end users (the others come as deletions). */
  openRequesters: number;
  liveEndUsers: number;
  liveTickets: number;
  /** user id → phone (E.164) or null, for live end users. */
  live: Map<number, string | null>;
  requesterOf: Map<number, number>;
}

function readExpected(zd: ZendeskEmulator): Expected {
  const report = zd.seedReport!;
  const live = new Map<number, string | null>();
  for (let id = report.userIds.first; id <= report.userIds.last; id += 1) {
    const user = zd.state.getUser(id)!;
    if (user.active && user.role === 'end-user') live.set(id, user.phone);
  }
  const unsolved: number[] = [];
  const requesterOf = new Map<number, number>();
  const requesters = new Set<number>();
  let deleted = 0;
  for (let id = report.ticketIds.first; id <= report.ticketIds.last; id += 1) {
    const facts = zd.state.ticketFacts(id)!;
    if (facts.status === 'deleted') deleted += 1;
    if (!UNSOLVED.has(facts.status)) continue;
    unsolved.push(id);
    if (facts.requester_id !== null) {
      requesterOf.set(id, facts.requester_id);
      requesters.add(facts.requester_id);
    }
  }
  const openRequesters = [...requesters].filter((id) => live.has(id)).length;
  return { unsolved, openRequesters, liveEndUsers: live.size, liveTickets: report.tickets - deleted, live, requesterOf };
}

/**
 * Whom a shift's calls are with: half on existing unsolved tickets (each its own), half on no case.
 * Chosen before the load, so a size that cannot work fails at once.
 */
function pickCallTargets(count: number, expected: Expected): CallTarget[] {
  const wanted = Math.floor(count / 2);
  const eligible = expected.unsolved.filter((t) => expected.live.has(expected.requesterOf.get(t) ?? -1));
  if (eligible.length < wanted)
    throw new Error(`Only ${eligible.length} unsolved tickets have a live requester, for ${wanted} calls on tickets`);
  const stride = Math.max(1, Math.floor(eligible.length / Math.max(1, wanted)));
  const users = [...expected.live.keys()];
  const target = (user: number, ticket: number | null): CallTarget => ({
    customerId: `zd-user-${user}`,
    caseId: ticket !== null ? `zd-ticket-${ticket}` : null,
    number: expected.live.get(user) ?? null,
  });
  return Array.from({ length: count }, (_, i) =>
    i < wanted
      ? target(expected.requesterOf.get(eligible[i * stride]!)!, eligible[i * stride]!)
      : target(users[(i * 7919) % users.length]!, null),
  );
}

/** Buckets a logged request counts against in the model: the emulator's, Update Ticket's own, and the connector's export spacing. */
function modelBuckets(entry: RequestLogEntry): string[] {
  const buckets: string[] = routeBuckets(entry.method, entry.path);
  if (entry.method === 'PUT' && /^\/api\/v2\/tickets\/[^/]+(\.json)?$/.test(entry.path)) buckets.push('ticketUpdate');
  const paced = INCREMENTAL_PATHS.find((p) => p.replace(/\.json$/, '') === entry.path.replace(/\.json$/, ''));
  if (paced) buckets.push(`connectorPacing:${paced}`);
  return buckets;
}

/** The run's own timeline from `startMs` to `endMs`: each request, then the time until the next one. */
function timeline(phase: string, entries: RequestLogEntry[], startMs: number, endMs: number): RequestRun[] {
  if (entries.length === 0) return [{ phase, buckets: [], count: 1, secondsEach: Math.max(0, endMs - startMs) / 1000 }];
  const runs: RequestRun[] = [{ phase, buckets: [], count: 1, secondsEach: Math.max(0, entries[0]!.at - startMs) / 1000 }];
  entries.forEach((entry, i) => {
    const next = entries[i + 1]?.at ?? endMs;
    runs.push({ phase, buckets: modelBuckets(entry), count: 1, secondsEach: Math.max(0, next - entry.at) / 1000 });
  });
  return runs;
}

function bucketCounts(entries: RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = { requests: entries.length };
  for (const entry of entries) for (const bucket of modelBuckets(entry)) counts[bucket] = (counts[bucket] ?? 0) + 1;
  return counts;
}

export async function benchZendesk(options: ZendeskBenchOptions): Promise<Record<string, unknown>> {
  const plan = ZENDESK_PLANS[options.plan];
  const machine = machineAtStart();
  log(
    `bench:crm --zendesk  ${options.users.toLocaleString()} users / ${options.tickets.toLocaleString()} tickets, ${options.calls.toLocaleString()} calls; ` +
      `${machine.cores} cores, load average ${machine.loadStart.toFixed(2)}`,
  );
  const seedStarted = performance.now();
  const zd = await startZendeskEmulator({
    apiTokens: [{ email: EMAIL, token: API_TOKEN }],
    limits: options.enforceLimits ? { perMinute: plan.perMinute } : NO_LIMITS,
    seed: { users: options.users, tickets: options.tickets },
  });
  const expected = readExpected(zd);
  const callTargets = pickCallTargets(options.calls, expected);
  log(
    `emulator seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s: ${expected.unsolved.length.toLocaleString()} unsolved tickets ` +
      `(${((100 * expected.unsolved.length) / options.tickets).toFixed(0)} %), ${expected.openRequesters.toLocaleString()} live requesters of them; ` +
      `${expected.liveEndUsers.toLocaleString()} live end users, ${expected.liveTickets.toLocaleString()} live tickets`,
  );
  log(
    options.enforceLimits
      ? `limits enforced by the emulator (${plan.name}, ${plan.perMinute} a minute) and the connector's export spacing on`
      : 'limits off in the emulator and the connector (wall time of this machine); modelled afterwards',
  );

  const app = await openBenchApp(
    {
      crmConnector: 'zendesk',
      crmSyncUrl: zd.url,
      zendeskAuth: 'api-token',
      zendeskEmail: EMAIL,
      zendeskApiToken: API_TOKEN,
      zendeskWrapUpTagPrefix: 'sb_',
    },
    options.keepData,
  );
  const { store, statuses } = app;
  // The connector as policy makes it (electron/sync/connector-source.ts), without the export spacing: the model adds it back.
  const unpaced = (url: string, _token: () => Promise<string | null>, timeoutMs: number): ZendeskSource => {
    const zendesk = app.settings.zendesk();
    return new ZendeskSource({
      baseUrl: url,
      auth: { kind: 'api-token', email: zendesk.email!, token: () => Promise.resolve(zendesk.apiTokenByPolicy) },
      defaultRegion: DEFAULT_PHONE_REGION,
      wrapUp: { tagPrefix: zendesk.wrapUpTagPrefix, customFieldId: zendesk.wrapUpFieldId },
      talkPartnerEdition: zendesk.talkPartnerEdition,
      timeoutMs,
      maxPageBytes: MAX_PAGE_BYTES,
      exportRequestsPerMinute: 0,
    });
  };
  const newService = (): SyncService =>
    app.newService(
      // Without limits, rounds start when this bench says (syncNow); with them, on the app's own timer, which is also
      // when a pull stopped by a 429 goes on (electron/sync/connectivity.ts).
      options.enforceLimits ? { timing: {} } : { timing: { pullIntervalMs: 3_600_000 }, createSource: unpaced },
    );
  const requestCount = (): number => zd.state.requests.length;
  const progress = progressLines(app, requestCount);

  // 1. First useful screen pop: the open-tickets round, indexes included.
  const openStart = startPhase(requestCount());
  let sync = newService();
  await sync.start();
  const first = await waitFor(statuses, firstRoundDone);
  const open = endPhase(openStart, requestCount());
  const afterOpen = await store.counts();
  const openRows = afterOpen.customers + afterOpen.cases;
  const indexingAt = app.indexingAt();
  const indexS = indexingAt !== null ? (open.endMs - indexingAt) / 1000 : null;
  log(
    `first useful screen pop: ${open.seconds.toFixed(1)} s (${afterOpen.cases.toLocaleString()} unsolved tickets, ` +
      `${afterOpen.customers.toLocaleString()} requesters; ${Math.round(openRows / open.seconds).toLocaleString()} rows/s; ` +
      `indexes ${indexS?.toFixed(1) ?? '?'} s of it; main thread busy ${pct(open.busy)})`,
  );
  const problems: string[] = [];
  if (afterOpen.cases !== expected.unsolved.length)
    problems.push(`after the open-tickets round the store has ${afterOpen.cases} cases, expected ${expected.unsolved.length}`);
  if (afterOpen.customers !== expected.openRequesters)
    problems.push(`after the open-tickets round the store has ${afterOpen.customers} customers, expected ${expected.openRequesters}`);
  const probeTicket = expected.unsolved.find((t) => {
    const user = expected.requesterOf.get(t);
    return user !== undefined && typeof expected.live.get(user) === 'string';
  });
  if (probeTicket !== undefined) {
    const phone = expected.live.get(expected.requesterOf.get(probeTicket)!)!;
    const pop = await store.lookupCaller(phone);
    const found = pop.matches.some((m) => m.openCases.some((c) => c.id === `zd-ticket-${probeTicket}`));
    if (!found) problems.push(`the screen pop for a requester of an unsolved ticket did not show that ticket`);
  }

  // 2. Full history: the incremental exports from the beginning.
  const historyStart = startPhase(requestCount());
  progress.phaseStarted();
  if (!options.enforceLimits) sync.syncNow();
  await waitFor(statuses, roundAfter(first));
  const history = endPhase(historyStart, requestCount());
  const afterHistory = await store.counts();
  const historyS = history.seconds;
  const exported = zd.seedReport!.users + zd.seedReport!.tickets;
  log(
    `full history: ${historyS.toFixed(1)} s${options.enforceLimits ? ' after the first round, its pull interval included' : ''} (${exported.toLocaleString()} users and tickets exported, ${Math.round(exported / historyS).toLocaleString()} rows/s; ` +
      `store now ${afterHistory.customers.toLocaleString()} customers, ${afterHistory.cases.toLocaleString()} cases; main thread busy ${pct(history.busy)})`,
  );
  if (afterHistory.customers !== expected.liveEndUsers)
    problems.push(`after the history the store has ${afterHistory.customers} customers, expected ${expected.liveEndUsers}`);
  if (afterHistory.cases !== expected.liveTickets)
    problems.push(`after the history the store has ${afterHistory.cases} cases, expected ${expected.liveTickets}`);
  const pullS = open.seconds + history.seconds;
  log(
    `initial pull in all: ${pullS.toFixed(1)} s, ${Math.round((afterHistory.customers + afterHistory.cases) / pullS).toLocaleString()} stored rows/s`,
  );
  await sync.close();

  // 3. Outbox drain: a shift's calls and wrap-ups, queued while offline, then sent.
  const calls = shiftOfCalls(callTargets, CALLS_WITHIN_MS);
  const queued = await queueCalls(store, calls);
  const commentsBefore = zd.state.counts.commentsAdded;
  const createsBefore = zd.state.counts.ticketCreates;
  statuses.latest = null;
  progress.phaseStarted();
  const drainStart = startPhase(requestCount());
  sync = newService();
  await sync.start();
  await waitFor(statuses, outboxDrained);
  const drain = endPhase(drainStart, requestCount());
  progress.stop();
  const drainS = drain.seconds;
  const outbox = await store.outbox.counts();
  const drainEntries = zd.state.requests.slice(drain.requestsFrom, drain.requestsTo);
  const pushEntries = drainEntries.filter(
    (e) => !INCREMENTAL_PATHS.some((p) => p.replace(/\.json$/, '') === e.path.replace(/\.json$/, '')),
  );
  const onTicketIds = new Set(calls.filter((c) => c.interaction.caseId).map((c) => c.interaction.caseId!.replace('zd-ticket-', '')));
  const onTicketCalls = onTicketIds.size;
  const onTicketRequests = pushEntries.filter((e) => onTicketIds.has(/^\/api\/v2\/tickets\/(\d+)/.exec(e.path)?.[1] ?? '')).length;
  const newTicketCalls = calls.length - onTicketCalls;
  const newTicketRequests = pushEntries.filter((e) => e.path !== '/api/v2/users/me.json').length - onTicketRequests;
  log(
    `outbox drain: ${queued.toLocaleString()} items (${calls.length.toLocaleString()} calls and their wrap-ups) in ${drainS.toFixed(1)} s = ` +
      `${Math.round(queued / drainS).toLocaleString()} items/s (sent ${outbox.sent}, parked ${outbox.parked}, conflicts ${outbox.conflict}; main thread busy ${pct(drain.busy)}); ` +
      `Zendesk got ${zd.state.counts.commentsAdded - commentsBefore} comments, ${zd.state.counts.ticketCreates - createsBefore} new tickets`,
  );
  const perOnTicket = onTicketCalls > 0 ? onTicketRequests / onTicketCalls : null;
  const perNewTicket = newTicketCalls > 0 ? newTicketRequests / newTicketCalls : null;
  log(
    `  requests per call with its wrap-up: ${perOnTicket?.toFixed(1) ?? '-'} on an existing ticket, ${perNewTicket?.toFixed(1) ?? '-'} with a new ticket`,
  );
  if (outbox.pending !== 0 || outbox.parked !== 0 || outbox.conflict !== 0)
    problems.push(`the outbox did not drain cleanly: ${JSON.stringify(outbox)}`);
  await sync.close();
  const rssMiB = peakRssMiB();

  // 4. The same requests under the plan's documented limits.
  const openEntries = zd.state.requests.slice(open.requestsFrom, open.requestsTo);
  const historyEntries = zd.state.requests.slice(history.requestsFrom, history.requestsTo);
  const logFull = zd.state.requests.length >= 200_000;
  if (logFull) problems.push('the emulator request log reached its 200,000-entry cap: request counts are short');
  const requests = { open: bucketCounts(openEntries), history: bucketCounts(historyEntries), drain: bucketCounts(drainEntries) };
  log(
    `requests: open tickets ${JSON.stringify(requests.open)}; history ${JSON.stringify(requests.history)}; drain ${JSON.stringify(requests.drain)}`,
  );
  const limits = {
    ...planLimits(plan),
    ...Object.fromEntries(INCREMENTAL_PATHS.map((p) => [`connectorPacing:${p}`, CONNECTOR_EXPORT_PACING])),
  };
  let model: Record<string, unknown> = { limits_modelled: false };
  if (!options.enforceLimits) {
    const pull = modelRequestTime(
      [
        ...timeline('open', openEntries, open.startMs, open.endMs),
        { phase: 'pull interval', buckets: [], count: 1, secondsEach: DEFAULT_TIMING.pullIntervalMs / 1000 },
        ...timeline('history', historyEntries, history.startMs, history.endMs),
      ],
      limits,
    );
    const drained = modelRequestTime(timeline('drain', drainEntries, drain.startMs, drain.endMs), limits);
    const openModel = pull.phases.find((p) => p.phase === 'open')!;
    const historyModel = pull.phases.find((p) => p.phase === 'history')!;
    const sequential = openEntries.length + historyEntries.length;
    log(
      `modelled under ${plan.name} (${Object.entries(limits)
        .map(([b, l]) => `${b} ${l}/min`)
        .join(', ')}):`,
    );
    log(`  first useful screen pop ${duration(openModel.endSeconds)} (held ${duration(openModel.heldSeconds)} by the limits)`);
    log(
      `  full history ${duration(historyModel.endSeconds)} from the start, the app's ${DEFAULT_TIMING.pullIntervalMs / 1000} s pull interval included ` +
        `(held ${duration(historyModel.heldSeconds)})`,
    );
    log(
      `  outbox drain ${duration(drained.totalSeconds)} for ${calls.length.toLocaleString()} calls (held ${duration(drained.heldSeconds)})`,
    );
    log(
      `  Zendesk assumed to answer as fast as the emulator did here: each 100 ms of real response time adds ${((sequential * 0.1) / 60).toFixed(1)} min ` +
        `to the load (${sequential.toLocaleString()} requests one after another)`,
    );
    model = {
      limits_modelled: true,
      model_limits_per_minute: limits,
      modelled_screen_pop_min: minutes(openModel.endSeconds),
      modelled_full_history_min: minutes(historyModel.endSeconds),
      modelled_outbox_drain_min: minutes(drained.totalSeconds),
      modelled_held_min: {
        open: minutes(openModel.heldSeconds),
        history: minutes(historyModel.heldSeconds),
        drain: minutes(drained.heldSeconds),
      },
      modelled_pull_interval_s: DEFAULT_TIMING.pullIntervalMs / 1000,
      sequential_pull_requests: sequential,
    };
  }

  await app.close();
  await zd.close();
  const figures = machineFigures(machine);
  log(
    `peak RSS ${rssMiB.toFixed(0)} MiB (this process: sync service, store threads and the emulator); load average now ${figures.load_average_1m.end.toFixed(2)}`,
  );
  for (const problem of problems) log(`PROBLEM: ${problem}`);
  return {
    target: 'zendesk',
    users: options.users,
    tickets: options.tickets,
    unsolved_tickets: expected.unsolved.length,
    open_requesters: expected.openRequesters,
    calls: calls.length,
    plan: plan.name,
    limits_enforced: options.enforceLimits,
    ...model,
    screen_pop_s: seconds(open.endMs - open.startMs),
    screen_pop_rows: openRows,
    screen_pop_rows_per_s: Math.round(openRows / open.seconds),
    screen_pop_index_s: indexS === null ? null : Number(indexS.toFixed(2)),
    full_history_s: Number(historyS.toFixed(2)),
    full_history_rows_per_s: Math.round(exported / historyS),
    initial_pull_s: Number(pullS.toFixed(2)),
    initial_pull_stored_rows_per_s: Math.round((afterHistory.customers + afterHistory.cases) / pullS),
    store_customers: afterHistory.customers,
    store_cases: afterHistory.cases,
    outbox_items: queued,
    outbox_drain_s: Number(drainS.toFixed(2)),
    outbox_items_per_s: Math.round(queued / drainS),
    requests_per_call_on_ticket: perOnTicket === null ? null : Number(perOnTicket.toFixed(2)),
    requests_per_call_new_ticket: perNewTicket === null ? null : Number(perNewTicket.toFixed(2)),
    requests,
    peak_rss_mib: Math.round(rssMiB),
    main_thread_busy: {
      open: Number(open.busy.toFixed(2)),
      history: Number(history.busy.toFixed(2)),
      drain: Number(drain.busy.toFixed(2)),
    },
    ...figures,
    problems,
  };
}
