import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { issueEnglish } from '../../shared/policy/rule-text';
import { provisionedSipAccountSchema, type ProvisionedSipAccount } from '../../shared/sync/sip-account';
import { faultConfigSchema, type FaultInput } from './faults';
import { seedDatabase } from './seed';
import { startSyncServer, type SyncServerOptions } from './server';

/**
 * `SYNC_SERVER_TOKEN=… SYNC_SERVER_ADMIN_TOKEN=… npm run sync-server -- --port 8787 --db sync-server.db [fault switches] [--seed-customers N --seed-cases M]`
 *
 * Tokens come from the environment or from 0600 files, never from argv: a command line is readable
 * by every user on the machine (ps, /proc/<pid>/cmdline) and lands in shell history.
 *
 * Runs the reference Sync API server until SIGINT/SIGTERM. Fault switches can
 * also be changed while it runs: `PUT /admin/faults` (docs/sync-api.md).
 */

export const USAGE = `Usage: SYNC_SERVER_TOKEN=… SYNC_SERVER_ADMIN_TOKEN=… npm run sync-server -- --db FILE [options]

Tokens (never on the command line, which other users can read):
  SYNC_SERVER_TOKEN        bearer token clients must send
  SYNC_SERVER_ADMIN_TOKEN  token for /admin routes; must differ from the client token
  --token-file FILE        read the client token from FILE (mode 0600) instead
  --admin-token-file FILE  read the admin token from FILE (mode 0600) instead

Single sign-on (docs/sync-api.md "Authentication"):
  --oidc-issuer URL     also accept access tokens from this OpenID Provider, checked against
                        its JWKS; the client token is then optional
  --oidc-audience AUD   the audience those access tokens must carry
  --sip-accounts FILE   JSON { "<sub>": { server, domain, user, password, ... } } (mode 0600):
                        what GET /v1/me/sip-account hands each signed-in agent

  --db FILE             SQLite file for the server's data (created if missing)
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
  --oversize-page-bytes N   change pages padded by N bytes, sent without Content-Length
  --oversize-after-pages N  pages served as usual before the padding starts
  --endless-pages MODE  off, fresh-cursor or same-cursor: feeds that never end
  --fault-scope SCOPE   all, pull or push (default all)
  --fault-seed N        seed for the fault generator`;

export interface CliConfig {
  server: SyncServerOptions;
  seed: { customers: number; cases: number; seed: number } | null;
}

function number(
  name: string,
  value: string | undefined,
  options: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (options.integer && !Number.isInteger(n))) {
    throw new Error(`--${name} must be ${options.integer ? 'a whole number' : 'a number'}, got "${value}"`);
  }
  if (options.min !== undefined && n < options.min) throw new Error(`--${name} must be at least ${options.min}, got ${n}`);
  if (options.max !== undefined && n > options.max) throw new Error(`--${name} must be at most ${options.max}, got ${n}`);
  return n;
}

/** Token files, replaceable in tests. */
export interface TokenFiles {
  /** The file's permission bits (`stat().mode & 0o777`). */
  mode(file: string): number;
  read(file: string): string;
}

export const nodeTokenFiles: TokenFiles = {
  mode: (file) => statSync(file).mode & 0o777,
  read: (file) => readFileSync(file, 'utf8'),
};

/** One token, from its file (which only its owner may read) or its environment variable. */
function readToken(
  what: string,
  file: string | undefined,
  fromEnv: string | undefined,
  envName: string,
  fileFlag: string,
  files: TokenFiles,
  optional = false,
): string | null {
  let token = fromEnv;
  if (file !== undefined) {
    let mode: number;
    try {
      mode = files.mode(file);
    } catch (error) {
      throw new Error(`${fileFlag} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
    }
    // Windows has no POSIX mode bits (stat reports 0o666): there the folder's ACL protects the file.
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new Error(`${fileFlag} ${file} can be read by other users (mode ${mode.toString(8).padStart(4, '0')}): run chmod 600 ${file}`);
    }
    token = files.read(file).trim();
  }
  if (!token && optional) return null;
  if (!token) throw new Error(`The ${what} is required: set ${envName} or pass ${fileFlag} FILE (mode 0600)`);
  if (token.length < 8 || /\s/.test(token)) throw new Error(`The ${what} must be at least 8 characters with no spaces`);
  return token;
}

/** The SIP accounts file: it holds passwords, so only its owner may read it, like the token files. */
function readSipAccounts(file: string, files: TokenFiles): Record<string, ProvisionedSipAccount> {
  let mode: number;
  try {
    mode = files.mode(file);
  } catch (error) {
    throw new Error(`--sip-accounts ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new Error(`--sip-accounts ${file} can be read by other users (mode ${mode.toString(8).padStart(4, '0')}): run chmod 600 ${file}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(files.read(file));
  } catch {
    throw new Error(`--sip-accounts ${file} is not JSON`);
  }
  const checked = z.record(z.string().min(1).max(255), provisionedSipAccountSchema).safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`--sip-accounts ${file}: ${issueEnglish(issue, { root: '(file)' })}`);
  }
  return checked.data;
}

/** `--oidc-issuer` and `--oidc-audience` go together; the issuer is https, or http on this computer (a test provider). */
function oidcOptions(issuer: string | undefined, audience: string | undefined): SyncServerOptions['oidc'] {
  if (issuer === undefined && audience === undefined) return undefined;
  if (!issuer || !audience)
    throw new Error('--oidc-issuer and --oidc-audience go together: the issuer whose access tokens are accepted, and their audience');
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`--oidc-issuer must be a URL, got "${issuer}"`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error('--oidc-issuer must be https (plain http only for a provider on this computer)');
  }
  return { issuer, audience };
}

/** Reads the command line; throws an Error whose message says which flag is wrong and why. */
export function parseCli(argv: string[], env: Record<string, string | undefined> = {}, files: TokenFiles = nodeTokenFiles): CliConfig {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      db: { type: 'string' },
      // --token and --admin-token are declared only to refuse them with a message saying what to do instead.
      token: { type: 'string' },
      'admin-token': { type: 'string' },
      'token-file': { type: 'string' },
      'admin-token-file': { type: 'string' },
      'oidc-issuer': { type: 'string' },
      'oidc-audience': { type: 'string' },
      'sip-accounts': { type: 'string' },
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
      'oversize-page-bytes': { type: 'string' },
      'oversize-after-pages': { type: 'string' },
      'endless-pages': { type: 'string' },
      'fault-scope': { type: 'string' },
      'fault-seed': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) throw new Error(USAGE);
  for (const flag of ['token', 'admin-token'] as const) {
    if (values[flag] !== undefined) {
      const envName = flag === 'token' ? 'SYNC_SERVER_TOKEN' : 'SYNC_SERVER_ADMIN_TOKEN';
      throw new Error(
        `--${flag} is not accepted: other users can read a command line. Set ${envName}, or pass --${flag}-file FILE (a file only you can read: chmod 600).`,
      );
    }
  }
  if (!values.db) throw new Error('--db FILE is required (the server keeps its data there)');
  const oidc = oidcOptions(values['oidc-issuer'], values['oidc-audience']);
  // With an issuer, agents send their access tokens; a static client token is then optional.
  const token = readToken(
    'client token',
    values['token-file'],
    env.SYNC_SERVER_TOKEN,
    'SYNC_SERVER_TOKEN',
    '--token-file',
    files,
    oidc !== undefined,
  );
  const adminToken = readToken(
    'admin token',
    values['admin-token-file'],
    env.SYNC_SERVER_ADMIN_TOKEN,
    'SYNC_SERVER_ADMIN_TOKEN',
    '--admin-token-file',
    files,
  )!;
  // Equal tokens would let every client reset the server's data or inject faults through /admin.
  if (adminToken === token)
    throw new Error(
      'The admin token must differ from the client token: anyone holding the client token could otherwise use /admin (reset data, inject faults).',
    );
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
    oversizePageBytes: count('oversize-page-bytes', values['oversize-page-bytes']),
    oversizeAfterPages: count('oversize-after-pages', values['oversize-after-pages']),
    endlessPages: values['endless-pages'] as FaultInput['endlessPages'],
    scope: values['fault-scope'] as FaultInput['scope'],
    seed: number('fault-seed', values['fault-seed'], { integer: true }),
  };
  const checked = faultConfigSchema.safeParse(Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined)));
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`Invalid fault switch ${issueEnglish(issue)}`);
  }
  const seedCustomers = count('seed-customers', values['seed-customers']) ?? 0;
  const seedCases = count('seed-cases', values['seed-cases']) ?? 0;
  if (seedCases > 0 && seedCustomers === 0) throw new Error('--seed-cases needs --seed-customers (cases belong to customers)');
  return {
    server: {
      dbFile: path.resolve(values.db),
      ...(token !== null ? { token } : {}),
      ...(oidc ? { oidc } : {}),
      ...(values['sip-accounts'] !== undefined ? { sipAccounts: readSipAccounts(values['sip-accounts'], files) } : {}),
      adminToken,
      host: values.host ?? '127.0.0.1',
      port: number('port', values.port, { min: 0, max: 65535, integer: true }) ?? 8787,
      faults: checked.data,
    },
    seed:
      seedCustomers > 0 ? { customers: seedCustomers, cases: seedCases, seed: number('seed', values.seed, { integer: true }) ?? 42 } : null,
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
