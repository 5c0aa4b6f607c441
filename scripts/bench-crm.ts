/**
 * npm run bench:crm -- --zendesk [--users 200000 --tickets 1000000 --calls 2000 --plan suite-professional --enforce-limits --keep-data]
 * npm run bench:crm -- --salesforce [--contacts 200000 --cases 1000000 --calls 2000 --org enterprise --licences 100 --latency-ms 300 --page-rows 2000 --keep-data]
 *
 * A CRM connector's first load and outbox drain through the real sync service and store, against
 * that CRM's emulator (tools/crm-emulators/), with the time the same requests take under the CRM's
 * documented limits. One target per run; each target is one module in scripts/lib/, sharing
 * scripts/lib/bench-crm-common.ts. Human-readable lines, then the last line: one JSON object.
 */
import { parseArgs } from 'node:util';
import { benchSalesforce } from './lib/bench-crm-salesforce';
import { benchZendesk } from './lib/bench-crm-zendesk';
import { httpRoundTripFloor, showFloor } from './lib/machine-floor';
import { SALESFORCE_EDITIONS, type SalesforceEditionId } from './lib/salesforce-rate-model';
import { ZENDESK_PLANS, type ZendeskPlanId } from './lib/zendesk-rate-model';

type Values = Record<string, string | boolean | undefined>;
type Figures = Record<string, unknown> & { problems?: string[] };

/** Options every target takes, with their defaults. */
const COMMON: Record<string, string | true> = { calls: '2000' };

interface Target {
  /** One line for the usage text. */
  what: string;
  /** The target's own options (name → default; true: a switch). */
  options: Record<string, string | true>;
  run: (values: Values) => Promise<Figures>;
}

const TARGETS: Record<string, Target> = {
  zendesk: {
    what: 'Zendesk Support: open tickets first, then the incremental exports; calls as comments and tickets',
    options: { users: '200000', tickets: '1000000', plan: 'suite-professional', 'enforce-limits': true },
    run: (values) =>
      benchZendesk({
        users: count(values, 'users', 1),
        tickets: count(values, 'tickets', 1),
        calls: count(values, 'calls', 0),
        plan: oneOf(values, 'plan', ZENDESK_PLANS) as ZendeskPlanId,
        enforceLimits: values['enforce-limits'] === true,
        keepData: values['keep-data'] === true,
      }),
  },
  salesforce: {
    what: 'Salesforce Service Cloud: open cases and their contacts first, then QueryAll history; calls as Tasks through Collections',
    options: { contacts: '200000', cases: '1000000', org: 'enterprise', licences: '100', 'latency-ms': '300', 'page-rows': '2000' },
    run: (values) =>
      benchSalesforce({
        contacts: count(values, 'contacts', 1),
        cases: count(values, 'cases', 1),
        calls: count(values, 'calls', 0),
        org: oneOf(values, 'org', SALESFORCE_EDITIONS) as SalesforceEditionId,
        licences: count(values, 'licences', 0),
        latencyMs: count(values, 'latency-ms', 0),
        pageRows: count(values, 'page-rows', 200, 2000),
        keepData: values['keep-data'] === true,
      }),
  },
};

const CHOICES: Record<string, readonly string[]> = { plan: Object.keys(ZENDESK_PLANS), org: Object.keys(SALESFORCE_EDITIONS) };

const USAGE =
  'usage: npm run bench:crm -- --<target> [options] [--calls N] [--keep-data]\n' +
  Object.entries(TARGETS)
    .map(
      ([name, t]) =>
        `  --${name}  ${t.what}\n    ` +
        Object.entries(t.options)
          .map(([option, value]) => (value === true ? `[--${option}]` : `[--${option} ${CHOICES[option]?.join('|') ?? 'N'}]`))
          .join(' ') +
        `  (defaults: ${Object.entries({ ...t.options, ...COMMON })
          .filter(([, v]) => v !== true)
          .map(([option, value]) => `${option} ${String(value)}`)
          .join(', ')})`,
    )
    .join('\n');

function usage(problem: string): never {
  console.error(`bench:crm: ${problem}\n${USAGE}`);
  process.exit(2);
}

/** A whole number in [min, max] (the option's default when not given). */
function count(values: Values, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = String(values[name]);
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max)
    usage(`--${name} must be a whole number ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`}, got "${raw}"`);
  return n;
}

function oneOf(values: Values, name: string, choices: Record<string, unknown>): string {
  const raw = String(values[name]);
  if (!(raw in choices)) usage(`--${name} "${raw}" is not one of ${Object.keys(choices).join(', ')}`);
  return raw;
}

const ownerOf = new Map<string, string>();
for (const [name, t] of Object.entries(TARGETS)) for (const option of Object.keys(t.options)) ownerOf.set(option, name);

let values: Values;
try {
  ({ values } = parseArgs({
    options: {
      ...Object.fromEntries(Object.keys(TARGETS).map((name) => [name, { type: 'boolean' as const }])),
      ...Object.fromEntries(
        [...ownerOf].map(([option, owner]) => [
          option,
          { type: TARGETS[owner]!.options[option] === true ? ('boolean' as const) : ('string' as const) },
        ]),
      ),
      calls: { type: 'string' },
      'keep-data': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}

const chosen = Object.keys(TARGETS).filter((name) => values[name] === true);
if (chosen.length !== 1)
  usage(chosen.length === 0 ? 'choose a target' : `choose one target, not ${chosen.map((n) => `--${n}`).join(' and ')}`);
const target = chosen[0]!;
for (const [option, owner] of ownerOf) {
  if (owner !== target && values[option] !== undefined && !(option in TARGETS[target]!.options))
    usage(`--${option} is an option of --${owner}, not --${target}`);
}
const withDefaults: Values = { ...values };
for (const [option, value] of Object.entries({ ...COMMON, ...TARGETS[target]!.options }))
  withDefaults[option] ??= value === true ? false : value;

const figures = await TARGETS[target]!.run(withDefaults);
// Every API call's floor on this machine: the wall times above divided by their calls read against it.
const httpFloor = await httpRoundTripFloor();
console.log(`machine floor, a loopback HTTP request with an empty answer: ${showFloor(httpFloor)}`);
console.log(JSON.stringify({ ...figures, floor_http_round_trip_p50_ms: httpFloor.p50, floor_http_round_trip_p99_ms: httpFloor.p99 }));
// The figures are printed either way; a run whose data did not arrive whole is not a measurement.
if ((figures.problems?.length ?? 0) > 0) process.exitCode = 1;
