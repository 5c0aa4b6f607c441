/**
 * npm run bench:crm -- --zendesk [--users 200000 --tickets 1000000 --calls 2000 --plan suite-professional --enforce-limits --keep-data]
 *
 * A CRM connector's first load and outbox drain through the real sync service and store, against
 * that CRM's emulator (tools/crm-emulators/), with the time the same requests take under the CRM's
 * documented rate limits. One target per run; each target is one module in scripts/lib/.
 * Human-readable lines, then the last line: one JSON object.
 */
import { parseArgs } from 'node:util';
import { benchZendesk, type CrmBenchOptions } from './lib/bench-crm-zendesk';
import { ZENDESK_PLANS, type ZendeskPlanId } from './lib/zendesk-rate-model';

interface Target {
  /** One line for the usage text. */
  what: string;
  run: (options: CrmBenchOptions) => Promise<Record<string, unknown> & { problems?: string[] }>;
}

const TARGETS: Record<string, Target> = {
  zendesk: { what: 'Zendesk Support: open tickets first, then the incremental exports; calls as comments and tickets', run: benchZendesk },
};

const USAGE =
  `usage: npm run bench:crm -- --<target> [--users N] [--tickets N] [--calls N] [--plan ${Object.keys(ZENDESK_PLANS).join('|')}] [--enforce-limits] [--keep-data]\n` +
  `targets:\n${Object.entries(TARGETS)
    .map(([name, t]) => `  --${name}  ${t.what}`)
    .join('\n')}`;

function usage(problem: string): never {
  console.error(`bench:crm: ${problem}\n${USAGE}`);
  process.exit(2);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      ...Object.fromEntries(Object.keys(TARGETS).map((name) => [name, { type: 'boolean' as const }])),
      users: { type: 'string', default: '200000' },
      tickets: { type: 'string', default: '1000000' },
      calls: { type: 'string', default: '2000' },
      plan: { type: 'string', default: 'suite-professional' },
      'enforce-limits': { type: 'boolean', default: false },
      'keep-data': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}

const chosen = Object.keys(TARGETS).filter((name) => values[name] === true);
if (chosen.length !== 1)
  usage(chosen.length === 0 ? 'choose a target' : `choose one target, not ${chosen.map((n) => `--${n}`).join(' and ')}`);

function count(name: string, min: number): number {
  const raw = String(values[name]);
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min) usage(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
}

const plan = String(values.plan);
if (!(plan in ZENDESK_PLANS)) usage(`--plan "${plan}" is not one of ${Object.keys(ZENDESK_PLANS).join(', ')}`);

const options: CrmBenchOptions = {
  users: count('users', 1),
  tickets: count('tickets', 1),
  calls: count('calls', 0),
  plan: plan as ZendeskPlanId,
  enforceLimits: values['enforce-limits'] === true,
  keepData: values['keep-data'] === true,
};

const figures = await TARGETS[chosen[0]!]!.run(options);
console.log(JSON.stringify(figures));
// The figures are printed either way; a run whose data did not arrive whole is not a measurement.
if ((figures.problems?.length ?? 0) > 0) process.exitCode = 1;
