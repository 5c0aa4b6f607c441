import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { faultConfigSchema, type FaultInput } from './faults';
import { seedDatabase } from './seed';
import { startSyncServer, type SyncServerOptions } from './server';

/**
 * `npm run sync-server -- --port 8787 --db sync-server.db --token T [fault switches] [--seed-customers N --seed-cases M]`
 *
 * Runs the reference Sync API server until SIGINT/SIGTERM. Fault switches can
 * also be changed while it runs: `PUT /admin/faults` (docs/sync-api.md).
 */

export const USAGE = `Usage: npm run sync-server -- --db FILE --token TOKEN [options]

  --db FILE             SQLite file for the server's data (created if missing)
  --token TOKEN         bearer token clients must send (or env SYNC_SERVER_TOKEN)
  --admin-token TOKEN   token for /admin routes (default: --token)
  --port N              port on 127.0.0.1 (default 8787; 0 picks a free one)
  --host ADDR           address to listen on (default 127.0.0.1)
  --seed-customers N    add N demo customers before starting
  --seed-cases N        add N demo cases before starting
  --seed N              seed for the demo data generator (default 42)

Fault switches (also PUT /admin/faults):
  --error-rate R        share (0-1) of API requests answered with --fail-status
  --fail-next N         the next N API requests fail with --fail-status
  --fail-status S       500, 502, 503 or 504 (default 500)
  --delay-ms MS         delay before every API answer
  --hang-rate R         share of API requests never answered (clients time out)
  --drop-rate R         share of answers cut off mid-body after the work is done
  --duplicate-rate R    share of changes handled twice (duplicate delivery)
  --rate-limit-next N   the next N API requests get 429 with Retry-After
  --retry-after S       seconds in Retry-After (default 1)
  --fault-scope SCOPE   all, pull or push (default all)
  --fault-seed N        seed for the fault generator`;

export interface CliConfig {
  server: SyncServerOptions;
  seed: { customers: number; cases: number; seed: number } | null;
}

function number(name: string, value: string | undefined, options: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (options.integer && !Number.isInteger(n))) {
    throw new Error(`--${name} must be ${options.integer ? 'a whole number' : 'a number'}, got "${value}"`);
  }
  if (options.min !== undefined && n < options.min) throw new Error(`--${name} must be at least ${options.min}, got ${n}`);
  if (options.max !== undefined && n > options.max) throw new Error(`--${name} must be at most ${options.max}, got ${n}`);
  return n;
}

/** Reads the command line; throws an Error whose message says which flag is wrong and why. */
export function parseCli(argv: string[], env: Record<string, string | undefined> = {}): CliConfig {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      db: { type: 'string' },
      token: { type: 'string' },
      'admin-token': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'seed-customers': { type: 'string' },
      'seed-cases': { type: 'string' },
      seed: { type: 'string' },
      'error-rate': { type: 'string' },
      'fail-next': { type: 'string' },
      'fail-status': { type: 'string' },
      'delay-ms': { type: 'string' },
      'hang-rate': { type: 'string' },
      'drop-rate': { type: 'string' },
      'duplicate-rate': { type: 'string' },
      'rate-limit-next': { type: 'string' },
      'retry-after': { type: 'string' },
      'fault-scope': { type: 'string' },
      'fault-seed': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) throw new Error(USAGE);
  if (!values.db) throw new Error('--db FILE is required (the server keeps its data there)');
  const token = values.token ?? env.SYNC_SERVER_TOKEN;
  if (!token) throw new Error('--token is required (or set SYNC_SERVER_TOKEN): clients must send it as a bearer token');
  if (token.length < 8 || /\s/.test(token)) throw new Error('--token must be at least 8 characters with no spaces');
  const rate = (name: string, v: string | undefined) => number(name, v, { min: 0, max: 1 });
  const count = (name: string, v: string | undefined) => number(name, v, { min: 0, integer: true });
  const faults: FaultInput = {
    errorRate: rate('error-rate', values['error-rate']),
    failNext: count('fail-next', values['fail-next']),
    failStatus: number('fail-status', values['fail-status'], { integer: true }) as FaultInput['failStatus'],
    delayMs: count('delay-ms', values['delay-ms']),
    hangRate: rate('hang-rate', values['hang-rate']),
    dropRate: rate('drop-rate', values['drop-rate']),
    duplicateRate: rate('duplicate-rate', values['duplicate-rate']),
    rateLimitNext: count('rate-limit-next', values['rate-limit-next']),
    retryAfterS: count('retry-after', values['retry-after']),
    scope: values['fault-scope'] as FaultInput['scope'],
    seed: number('fault-seed', values['fault-seed'], { integer: true }),
  };
  const checked = faultConfigSchema.safeParse(Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined)));
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`Invalid fault switch ${String(issue.path[0] ?? '')}: ${issue.message}`);
  }
  const seedCustomers = count('seed-customers', values['seed-customers']) ?? 0;
  const seedCases = count('seed-cases', values['seed-cases']) ?? 0;
  if (seedCases > 0 && seedCustomers === 0) throw new Error('--seed-cases needs --seed-customers (cases belong to customers)');
  return {
    server: {
      dbFile: path.resolve(values.db),
      token,
      adminToken: values['admin-token'],
      host: values.host ?? '127.0.0.1',
      port: number('port', values.port, { min: 0, max: 65535, integer: true }) ?? 8787,
      faults: checked.data,
    },
    seed: seedCustomers > 0 ? { customers: seedCustomers, cases: seedCases, seed: number('seed', values.seed, { integer: true }) ?? 42 } : null,
  };
}

async function main(): Promise<void> {
  let config: CliConfig;
  try {
    config = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const server = await startSyncServer({ ...config.server, log: (line) => console.error(line) });
  if (config.seed) {
    const report = seedDatabase(server.database, {
      ...config.seed,
      onProgress: (done, total) => process.stderr.write(`\rseeding ${done}/${total}`),
    });
    console.error(`\nseeded ${report.customers} customers and ${report.cases} cases in ${(report.durationMs / 1000).toFixed(1)} s`);
  }
  // One machine-readable line on stdout, so a parent process can find the port.
  process.stdout.write(`${JSON.stringify({ listening: server.url, instanceId: server.database.instanceId })}\n`);
  const shutdown = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  void main();
}
