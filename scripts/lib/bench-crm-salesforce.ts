import { createServer, type AddressInfo } from 'node:net';
import { DEFAULT_TIMING } from '../../electron/sync/sync-service';
import { normalizePhone } from '../../shared/store/phone';
import type { RequestLogEntry } from '../../tools/crm-emulators/salesforce/state';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../tools/crm-emulators/salesforce/server';
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
  shiftOfCalls,
  startPhase,
  waitFor,
  type CallTarget,
  type Phase,
} from './bench-crm-common';
import { englishOf } from '../../shared/text/user-text';
import {
  modelAllocationTime,
  pollingCallsPerDay,
  salesforceOrg,
  type AllocationResult,
  type AllocationRun,
  type SalesforceEditionId,
} from './salesforce-rate-model';

/**
 * `npm run bench:crm -- --salesforce`: the first load of a Service Cloud org and an outbox drain,
 * through the real path (the Salesforce connector chosen by IT policy, the agent's browser sign-in
 * with PKCE against the org's Connected App, the sync service, the encrypted store in a temporary
 * folder) against the Salesforce emulator (tools/crm-emulators/salesforce/) seeded with the org's
 * size, enforcing the named org's daily API allocation.
 *
 * 1. First useful screen pop: the first pull round brings the open cases' contacts (the open
 *    cases' ContactIds, 2,000 a page, then the contacts by id, 200 to a query, four queries at a
 *    time) and the open cases, then builds the search and screen-pop indexes. Timed from the
 *    sign-in to the round's end, checked against the emulator's own counts and with one screen pop.
 * 2. Full history: the next round brings every Contact and Case through QueryAll, ordered by
 *    SystemModstamp, 2,000 a page. Started at once (the app waits its one-minute pull interval
 *    first; the model adds it back).
 * 3. A round with nothing new: what every signed-in desktop spends each pull interval.
 * 4. Outbox drain: calls with submitted wrap-ups, queued while sync is stopped, half filed under
 *    open cases and half under no case: one Task each, upserted on Switchboard_Call_Id__c
 *    through sObject Collections, 200 to a request.
 *
 * The emulator answers on this machine, so the run measures this machine. Salesforce meters a
 * rolling 24-hour total of API calls per org, not a rate: the time against a real org, and what
 * the load costs of the org's allocation, is modelled from the emulator's request log with an
 * assumed latency per request (scripts/lib/salesforce-rate-model.ts).
 *
 * Query pages are asked for at 2,000 rows (`--page-rows`), the most Salesforce answers, what
 * docs/crm.md documents and what the app asks for (SalesforceSource.pageRows); `--page-rows 1000`
 * measures smaller pages.
 *
 * The emulator runs in this process, so its work shares main's event loop with the sync service.
 */

export interface SalesforceBenchOptions {
  contacts: number;
  cases: number;
  calls: number;
  org: SalesforceEditionId;
  licences: number;
  /** Round trip and Salesforce's own time per request, for the model. */
  latencyMs: number;
  /** Rows asked for per query page (Sforce-Query-Options batchSize, 200–2,000). */
  pageRows: number;
  keepData: boolean;
}

const CONNECTED_APP = '3MVG9Switchboard_Bench.Crm';
const REGION = 'GB';
/** The connector's contact look-ups by id in flight at once (CONTACT_QUERIES_AT_ONCE in electron/sync/connectors/salesforce/salesforce-pull.ts). */
const CONTACT_LOOKUP_LANES = 4;
/** REQUEST_LIMIT_EXCEEDED holds the outbox 15 minutes (docs/crm.md, "Limits and errors"); the pull waits for its next round. */
const OUTBOX_HOLD_SECONDS = 15 * 60;
const PULL_RETRY_SECONDS = DEFAULT_TIMING.pullIntervalMs / 1000;
/** A shift's hours signed in, for the cost of polling. */
const SHIFT_HOURS = 8;
const CALLS_WITHIN_MS = 45 * 60_000;

/** What the org holds, read from the emulator before the run: what each phase must bring. */
interface Expected {
  /** Open cases: Id → ContactId. */
  openCases: Map<string, string>;
  /** Distinct contacts of open cases. */
  openContacts: number;
  contacts: number;
  cases: number;
}

function readExpected(sf: SalesforceEmulator): Expected {
  const table = sf.state.table('Case');
  const openCases = new Map<string, string>();
  const contacts = new Set<string>();
  for (const seq of table.walkById(null)) {
    const facts = table.getFacts(seq)!;
    if (facts.deletedAt !== null || facts.values.IsClosed !== false) continue;
    const contact = facts.values.ContactId;
    if (typeof contact !== 'string') continue;
    openCases.set(facts.id, contact);
    contacts.add(contact);
  }
  return { openCases, openContacts: contacts.size, contacts: sf.state.table('Contact').size, cases: table.size };
}

/** A contact's mobile as the store keeps it (E.164 in the GB region), or null. */
function mobileOf(sf: SalesforceEmulator, contactId: string): string | null {
  const mobile = sf.state.find(contactId)?.values.MobilePhone;
  return typeof mobile === 'string' ? normalizePhone(mobile, REGION).e164 : null;
}

/**
 * Whom a shift's calls are with: half on open cases (each its own, with the case's contact), half
 * on no case (contacts spread over the org). Chosen before the load, so a size that cannot work
 * fails at once.
 */
function pickCallTargets(sf: SalesforceEmulator, count: number, expected: Expected): CallTarget[] {
  const wanted = Math.floor(count / 2);
  const open = [...expected.openCases.entries()];
  if (open.length < wanted) throw new Error(`Only ${open.length} open cases, for ${wanted} calls on cases`);
  const stride = Math.max(1, Math.floor(open.length / Math.max(1, wanted)));
  const contacts = sf.state.table('Contact');
  const contactSeqs = [...contacts.walkById(null)];
  return Array.from({ length: count }, (_, i) => {
    const [caseId, contactId] = i < wanted ? open[i * stride]! : [null, contacts.get(contactSeqs[(i * 7919) % contactSeqs.length]!)!.id];
    return {
      customerId: `sf-contact-${contactId}`,
      caseId: caseId === null ? null : `sf-case-${caseId}`,
      number: mobileOf(sf, contactId),
    };
  });
}

/** A port nothing listens on now: the Connected App's callback (Salesforce matches callback URLs exactly, port included). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Plays the system browser: the org's authorization page (the emulator approves) redirects to the app's loopback listener. */
async function browser(sf: SalesforceEmulator, authorizationUrl: string): Promise<void> {
  const url = new URL(authorizationUrl);
  if (url.origin + url.pathname !== `${sf.url}/services/oauth2/authorize`)
    throw new Error(`The sign-in opened ${url.origin}${url.pathname}, not the org's authorization page`);
  const answer = await fetch(url, { redirect: 'manual' });
  if (answer.status !== 302) throw new Error(`The authorization page answered ${answer.status}: ${(await answer.text()).slice(0, 200)}`);
  const page = await fetch(answer.headers.get('location')!);
  if (!page.ok) throw new Error(`The app's sign-in callback answered ${page.status}`);
}

/** An API call (counted against the org's allocation): under /services/data/vXX.X, answered. */
const isApiCall = (e: RequestLogEntry): boolean => /^\/services\/data\/v\d/.test(e.path) && e.status > 0;

function queryOf(e: RequestLogEntry): string {
  return new URLSearchParams(e.query).get('q') ?? '';
}

/** What a request was, in the words the figures use. */
function kindOf(e: RequestLogEntry): string {
  if (e.route === 'queryMore') return 'query page (nextRecordsUrl)';
  if (e.route === 'query' || e.route === 'queryAll') {
    const q = queryOf(e);
    if (/FROM Contact WHERE Id IN/i.test(q)) return 'contacts by id';
    return `${e.route} ${/FROM (\w+)/i.exec(q)?.[1] ?? '?'}`;
  }
  return e.route ?? `${e.method} ${e.path}`;
}

function requestCounts(entries: RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = { requests: entries.length };
  for (const e of entries) counts[kindOf(e)] = (counts[kindOf(e)] ?? 0) + 1;
  return counts;
}

/** The run's own timeline of API calls from the phase's start to its end: each request, then the time until the next one. */
function timeline(label: string, entries: RequestLogEntry[], phase: Phase): AllocationRun[] {
  if (entries.length === 0) return [{ phase: label, count: 0, secondsEach: phase.seconds, retrySeconds: PULL_RETRY_SECONDS }];
  const runs: AllocationRun[] = [
    { phase: label, count: 0, secondsEach: Math.max(0, entries[0]!.at - phase.startMs) / 1000, retrySeconds: PULL_RETRY_SECONDS },
  ];
  entries.forEach((e, i) => {
    const next = entries[i + 1]?.at ?? phase.endMs;
    runs.push({
      phase: label,
      count: 1,
      secondsEach: Math.max(0, next - e.at) / 1000,
      lanes: kindOf(e) === 'contacts by id' ? CONTACT_LOOKUP_LANES : 1,
      retrySeconds: e.path.includes('/composite/') ? OUTBOX_HOLD_SECONDS : PULL_RETRY_SECONDS,
    });
  });
  return runs;
}

export async function benchSalesforce(options: SalesforceBenchOptions): Promise<Record<string, unknown>> {
  const org = salesforceOrg(options.org, options.licences);
  const machine = machineAtStart();
  log(
    `bench:crm --salesforce  ${options.contacts.toLocaleString()} contacts / ${options.cases.toLocaleString()} cases, ${options.calls.toLocaleString()} calls; ` +
      `${org.name} (${org.dailyAllocation.toLocaleString()} API calls a day); ${machine.cores} cores, load average ${machine.loadStart.toFixed(2)}`,
  );
  const redirectPort = await freePort();
  const seedStarted = performance.now();
  const sf = await startSalesforceEmulator({
    oauthClients: [{ id: CONNECTED_APP, redirectUris: [`http://127.0.0.1:${redirectPort}/oauth/callback`] }],
    dailyApiLimit: org.dailyAllocation,
    seed: { contacts: options.contacts, cases: options.cases },
  });
  const seededMs = performance.now() - seedStarted;
  const expected = readExpected(sf);
  const callTargets = pickCallTargets(sf, options.calls, expected);
  log(
    `emulator seeded in ${(seededMs / 1000).toFixed(2)} s (read back in ${((performance.now() - seedStarted - seededMs) / 1000).toFixed(1)} s): ` +
      `${expected.openCases.size.toLocaleString()} open cases (${((100 * expected.openCases.size) / Math.max(1, expected.cases)).toFixed(0)} %) ` +
      `on ${expected.openContacts.toLocaleString()} contacts; ${expected.contacts.toLocaleString()} contacts, ${expected.cases.toLocaleString()} cases in all; ` +
      `heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB (the emulator, and the bench's own list of open cases)`,
  );

  const app = await openBenchApp(
    {
      crmConnector: 'salesforce',
      crmSyncUrl: sf.url,
      salesforceOAuthClientId: CONNECTED_APP,
      salesforceRedirectPort: String(redirectPort),
      salesforceDefaultRegion: REGION,
    },
    options.keepData,
  );
  const { store, statuses } = app;
  // Rounds start when this bench says (syncNow), not on the app's one-minute timer: the model adds the interval back.
  const newService = () => app.newService({ timing: { pullIntervalMs: 3_600_000, pageSize: options.pageRows } });
  const requestCount = (): number => sf.state.requests.length;
  const progress = progressLines(app, requestCount);
  const problems: string[] = [];

  // 1. First useful screen pop: sign in, then the open-cases round, indexes included.
  let sync = newService();
  await sync.start();
  const openStart = startPhase(requestCount());
  const { authorizationUrl } = await sync.signIn();
  await browser(sf, authorizationUrl);
  const first = await waitFor(statuses, firstRoundDone);
  const open = endPhase(openStart, requestCount());
  const afterOpen = await store.counts();
  const openRows = afterOpen.customers + afterOpen.cases;
  const indexingAt = app.indexingAt();
  const indexS = indexingAt !== null ? (open.endMs - indexingAt) / 1000 : null;
  log(
    `first useful screen pop: ${open.seconds.toFixed(1)} s from the sign-in (${afterOpen.cases.toLocaleString()} open cases, ` +
      `${afterOpen.customers.toLocaleString()} contacts; ${Math.round(openRows / open.seconds).toLocaleString()} rows/s; ` +
      `indexes ${indexS?.toFixed(1) ?? '?'} s of it; main thread busy ${pct(open.busy)})`,
  );
  if (first.problem) problems.push(`after the open-cases round the sync status says: ${englishOf(first.problem)}`);
  if (afterOpen.cases !== expected.openCases.size)
    problems.push(`after the open-cases round the store has ${afterOpen.cases} cases, expected ${expected.openCases.size}`);
  if (afterOpen.customers !== expected.openContacts)
    problems.push(`after the open-cases round the store has ${afterOpen.customers} customers, expected ${expected.openContacts}`);
  const probe = [...expected.openCases.entries()].find(([, contact]) => mobileOf(sf, contact) !== null);
  if (probe) {
    const pop = await store.lookupCaller(mobileOf(sf, probe[1])!);
    if (!pop.matches.some((m) => m.openCases.some((c) => c.id === `sf-case-${probe[0]}`)))
      problems.push('the screen pop for the contact of an open case did not show that case');
  }

  // 2. Full history: every Contact and Case through QueryAll.
  progress.phaseStarted();
  const historyStart = startPhase(requestCount());
  sync.syncNow();
  const historyDone = await waitFor(statuses, roundAfter(first));
  const history = endPhase(historyStart, requestCount());
  const afterHistory = await store.counts();
  const pulled = expected.contacts + expected.cases;
  log(
    `full history: ${history.seconds.toFixed(1)} s (${pulled.toLocaleString()} contacts and cases queried, ${Math.round(pulled / history.seconds).toLocaleString()} rows/s; ` +
      `store now ${afterHistory.customers.toLocaleString()} customers, ${afterHistory.cases.toLocaleString()} cases; main thread busy ${pct(history.busy)})`,
  );
  if (historyDone.problem) problems.push(`after the history the sync status says: ${englishOf(historyDone.problem)}`);
  if (afterHistory.customers !== expected.contacts)
    problems.push(`after the history the store has ${afterHistory.customers} customers, expected ${expected.contacts}`);
  if (afterHistory.cases !== expected.cases)
    problems.push(`after the history the store has ${afterHistory.cases} cases, expected ${expected.cases}`);
  const pullS = open.seconds + history.seconds;
  log(
    `initial pull in all: ${pullS.toFixed(1)} s, ${Math.round((afterHistory.customers + afterHistory.cases) / pullS).toLocaleString()} stored rows/s`,
  );

  // 3. A round with nothing new.
  const idleStart = startPhase(requestCount());
  sync.syncNow();
  const idleDone = await waitFor(statuses, roundAfter(historyDone));
  const idle = endPhase(idleStart, requestCount());
  const idleRequests = sf.state.requests.slice(idle.requestsFrom, idle.requestsTo).filter(isApiCall).length;
  log(`a pull round with nothing new: ${idleRequests} API calls, ${idle.seconds.toFixed(2)} s`);
  if (idleDone.problem) problems.push(`after a round with nothing new the sync status says: ${englishOf(idleDone.problem)}`);
  await sync.close();

  // 4. Outbox drain: a shift's calls and wrap-ups, queued while offline, then sent (the sign-in is kept in the secret store).
  const calls = shiftOfCalls(callTargets, CALLS_WITHIN_MS);
  const queued = await queueCalls(store, calls);
  const tasksBefore = sf.state.table('Task').size;
  statuses.latest = null;
  progress.phaseStarted();
  const drainStart = startPhase(requestCount());
  sync = newService();
  await sync.start();
  const drained = await waitFor(statuses, outboxDrained);
  const drain = endPhase(drainStart, requestCount());
  progress.stop();
  const outbox = await store.outbox.counts();
  const tasksMade = sf.state.table('Task').size - tasksBefore;
  const drainEntries = sf.state.requests.slice(drain.requestsFrom, drain.requestsTo).filter(isApiCall);
  const collections = drainEntries.filter((e) => e.path.includes('/composite/sobjects')).length;
  log(
    `outbox drain: ${queued.toLocaleString()} items (${calls.length.toLocaleString()} calls and their wrap-ups) in ${drain.seconds.toFixed(1)} s = ` +
      `${Math.round(queued / drain.seconds).toLocaleString()} items/s (sent ${outbox.sent}, parked ${outbox.parked}, conflicts ${outbox.conflict}; main thread busy ${pct(drain.busy)}); ` +
      `Salesforce got ${tasksMade.toLocaleString()} Tasks in ${collections} sObject Collections requests (${(collections / Math.max(1, calls.length)).toFixed(3)} a call)`,
  );
  if (outbox.pending !== 0 || outbox.parked !== 0 || outbox.conflict !== 0)
    problems.push(`the outbox did not drain cleanly: ${JSON.stringify(outbox)}`);
  if (tasksMade !== calls.length) problems.push(`Salesforce has ${tasksMade} new Tasks for ${calls.length} calls`);
  const usageShown = drained.apiUsage;
  await sync.close();
  const rssMiB = peakRssMiB();

  // 5. What the load costs of the org's allocation, and how long it takes against a real org.
  const openEntries = sf.state.requests.slice(open.requestsFrom, open.requestsTo).filter(isApiCall);
  const historyEntries = sf.state.requests.slice(history.requestsFrom, history.requestsTo).filter(isApiCall);
  const refused = sf.state.requests.filter((e) => e.status === 403 && isApiCall(e)).length;
  if (refused > 0)
    problems.push(`${refused} requests were refused for the org's daily limit: the wall times include the connector's waits`);
  if (sf.state.requests.length >= 200_000)
    problems.push('the emulator request log reached its 200,000-entry cap: request counts are short');
  const requests = {
    open: requestCounts(openEntries),
    history: requestCounts(historyEntries),
    idle_round: idleRequests,
    drain: requestCounts(drainEntries),
  };
  log(
    `requests: open cases ${JSON.stringify(requests.open)}; history ${JSON.stringify(requests.history)}; drain ${JSON.stringify(requests.drain)}`,
  );
  log(
    `API usage the app showed at the end (Sforce-Limit-Info): ${usageShown ? `${usageShown.used.toLocaleString()} / ${usageShown.limit.toLocaleString()}` : 'none'}; ` +
      `the emulator counted ${sf.usage.used().toLocaleString()}`,
  );

  const latencySeconds = options.latencyMs / 1000;
  const pullRuns: AllocationRun[] = [
    ...timeline('open', openEntries, open),
    { phase: 'pull interval', count: 0, secondsEach: PULL_RETRY_SECONDS, retrySeconds: PULL_RETRY_SECONDS },
    ...timeline('history', historyEntries, history),
  ];
  const alone = modelAllocationTime(pullRuns, { dailyAllocation: org.dailyAllocation, latencySeconds });
  const drainModel = modelAllocationTime(timeline('drain', drainEntries, drain), { dailyAllocation: org.dailyAllocation, latencySeconds });
  const openModel = alone.phases.find((p) => p.phase === 'open')!;
  const historyModel = alone.phases.find((p) => p.phase === 'history')!;
  const firstLoad = alone.requests;
  const desktops = Math.max(1, options.licences);
  const loadsPerDay = Math.floor(org.dailyAllocation / Math.max(1, firstLoad));
  // The last of `desktops` first loads on the same morning: the others' calls are all in the window.
  const last: AllocationResult = modelAllocationTime(pullRuns, {
    dailyAllocation: org.dailyAllocation,
    latencySeconds,
    prior: { calls: (desktops - 1) * firstLoad, overSeconds: 0 },
  });
  const pollingPerDesktop = pollingCallsPerDay(idleRequests, PULL_RETRY_SECONDS, SHIFT_HOURS);
  const sequential = openModel.requests + historyModel.requests;
  log(
    `modelled against ${org.name}: ${org.dailyAllocation.toLocaleString()} API calls in any 24 hours, ${options.latencyMs} ms a request assumed:`,
  );
  log(
    `  first useful screen pop ${duration(openModel.endSeconds)} (${openModel.requests.toLocaleString()} calls, ${duration(openModel.latencySeconds)} of it latency)`,
  );
  log(
    `  full history ${duration(historyModel.endSeconds)} from the start, the app's ${PULL_RETRY_SECONDS} s pull interval included ` +
      `(${historyModel.requests.toLocaleString()} calls, ${duration(historyModel.latencySeconds)} of latency)`,
  );
  log(
    `  outbox drain ${duration(drainModel.totalSeconds)} for ${calls.length.toLocaleString()} calls (${drainModel.requests.toLocaleString()} calls, ` +
      `${pct(drainModel.shareOfAllocation)} of the day's allocation)`,
  );
  log(
    `  the first load uses ${firstLoad.toLocaleString()} calls = ${(100 * alone.shareOfAllocation).toFixed(2)} % of the day's allocation; ` +
      `${loadsPerDay.toLocaleString()} desktops' first loads fit in one day's allocation`,
  );
  log(
    `  if all ${desktops.toLocaleString()} desktops make their first load the same morning, the last one's takes ${duration(last.totalSeconds)} ` +
      `(held ${duration(last.heldSeconds)} waiting for the allocation)`,
  );
  log(
    `  a signed-in desktop with nothing new spends ${idleRequests} calls a round, ${pollingPerDesktop.toLocaleString()} in an ${SHIFT_HOURS}-hour shift: ` +
      `${(desktops * pollingPerDesktop).toLocaleString()} a day for ${desktops.toLocaleString()} desktops = ${pct((desktops * pollingPerDesktop) / org.dailyAllocation)} of the allocation`,
  );
  log(
    `  each further 100 ms a request adds ${((sequential * 0.1) / 60).toFixed(1)} min to the load (${sequential.toLocaleString()} calls one after another)`,
  );

  await app.close();
  await sf.close();
  const figures = machineFigures(machine);
  log(
    `peak RSS ${rssMiB.toFixed(0)} MiB (this process: sync service, store threads and the emulator); load average now ${figures.load_average_1m.end.toFixed(2)}`,
  );
  for (const problem of problems) log(`PROBLEM: ${problem}`);
  return {
    target: 'salesforce',
    contacts: options.contacts,
    cases: options.cases,
    open_cases: expected.openCases.size,
    open_case_contacts: expected.openContacts,
    calls: calls.length,
    org: org.name,
    daily_api_allocation: org.dailyAllocation,
    page_rows: options.pageRows,
    seed_s: Number((seededMs / 1000).toFixed(3)),
    screen_pop_s: Number(open.seconds.toFixed(2)),
    screen_pop_rows: openRows,
    screen_pop_rows_per_s: Math.round(openRows / open.seconds),
    screen_pop_index_s: indexS === null ? null : Number(indexS.toFixed(2)),
    full_history_s: Number(history.seconds.toFixed(2)),
    full_history_rows_per_s: Math.round(pulled / history.seconds),
    initial_pull_s: Number(pullS.toFixed(2)),
    initial_pull_stored_rows_per_s: Math.round((afterHistory.customers + afterHistory.cases) / pullS),
    store_customers: afterHistory.customers,
    store_cases: afterHistory.cases,
    idle_round_s: Number(idle.seconds.toFixed(2)),
    outbox_items: queued,
    outbox_drain_s: Number(drain.seconds.toFixed(2)),
    outbox_items_per_s: Math.round(queued / drain.seconds),
    tasks_created: tasksMade,
    collections_requests: collections,
    requests,
    api_usage_shown: usageShown ? { used: usageShown.used, limit: usageShown.limit } : null,
    model_latency_ms: options.latencyMs,
    modelled_screen_pop_min: minutes(openModel.endSeconds),
    modelled_full_history_min: minutes(historyModel.endSeconds),
    modelled_outbox_drain_min: minutes(drainModel.totalSeconds),
    modelled_pull_interval_s: PULL_RETRY_SECONDS,
    first_load_api_calls: firstLoad,
    first_load_share_of_allocation: Number(alone.shareOfAllocation.toFixed(4)),
    drain_api_calls: drainModel.requests,
    first_loads_per_day: loadsPerDay,
    same_morning_desktops: desktops,
    same_morning_last_load_min: minutes(last.totalSeconds),
    same_morning_last_load_held_min: minutes(last.heldSeconds),
    idle_round_api_calls: idleRequests,
    polling_calls_per_desktop_shift: pollingPerDesktop,
    polling_share_of_allocation: Number(((desktops * pollingPerDesktop) / org.dailyAllocation).toFixed(4)),
    sequential_pull_requests: sequential,
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
