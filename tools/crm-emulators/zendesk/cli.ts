import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { COMMON_CLI_OPTIONS, isMainModule, portOption, serveUntilSignalled, wholeNumber } from '../common/cli-args';
import { startZendeskEmulator, type ZendeskEmulatorOptions } from './server';

/**
 * `npx tsx tools/crm-emulators/zendesk/cli.ts --port 8090 --users 1000 --tickets 5000`
 *
 * Runs the Zendesk emulator until SIGINT/SIGTERM. Credentials come from the environment, never from
 * argv (a command line is readable by every user on the machine): ZENDESK_EMULATOR_API_TOKEN for
 * `{email}/token:{api_token}` basic auth (a random one is made and printed if unset: the data is
 * fake and the listener is loopback), ZENDESK_EMULATOR_OAUTH_CLIENT_ID / _SECRET for an OAuth client.
 */

export const USAGE = `Usage: npx tsx tools/crm-emulators/zendesk/cli.ts [options]

Credentials (environment):
  ZENDESK_EMULATOR_EMAIL               API-token user (default admin@example.com, an admin)
  ZENDESK_EMULATOR_API_TOKEN           its API token (default: a random one, printed at start)
  ZENDESK_EMULATOR_OAUTH_CLIENT_ID     register an OAuth client (with --redirect-uri)
  ZENDESK_EMULATOR_OAUTH_CLIENT_SECRET its secret (unset: a public client, PKCE required)

  --port N                   port (default 8090; 0 picks a free one)
  --host ADDR                address (default 127.0.0.1)
  --users N                  seed N users (default 0)
  --tickets N                seed N tickets (needs users)
  --organizations N          seed N organizations (default users/100)
  --seed N                   seed for the generator (default 42)
  --redirect-uri URL         OAuth redirect URI (repeatable)
  --talk-partner-edition     enable POST /api/v2/channels/voice/tickets
  --per-minute N             account rate limit (default 400, Suite Professional)
  --incremental-per-minute N incremental export limit (default 10)
  --no-limits                turn every rate limit off
  --search-index-lag S       seconds before new records are searchable (default 60)`;

const count = wholeNumber;

export function parseCli(
  argv: string[],
  env: Record<string, string | undefined> = {},
): { options: ZendeskEmulatorOptions; generatedToken: string | null } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...COMMON_CLI_OPTIONS,
      users: { type: 'string' },
      tickets: { type: 'string' },
      organizations: { type: 'string' },
      'talk-partner-edition': { type: 'boolean' },
      'per-minute': { type: 'string' },
      'incremental-per-minute': { type: 'string' },
      'no-limits': { type: 'boolean' },
      'search-index-lag': { type: 'string' },
    },
  });
  if (values.help) throw new Error(USAGE);
  const port = portOption(values.port, 8090);
  const users = count('users', values.users) ?? 0;
  const tickets = count('tickets', values.tickets) ?? 0;
  if (tickets > 0 && users === 0) throw new Error('--tickets needs --users (tickets have requesters)');
  const email = env.ZENDESK_EMULATOR_EMAIL ?? 'admin@example.com';
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error('ZENDESK_EMULATOR_EMAIL must be an email address');
  const generatedToken = env.ZENDESK_EMULATOR_API_TOKEN ? null : randomBytes(16).toString('hex');
  const clientId = env.ZENDESK_EMULATOR_OAUTH_CLIENT_ID;
  const redirectUris = values['redirect-uri'] ?? [];
  if (clientId && redirectUris.length === 0) throw new Error('An OAuth client needs at least one --redirect-uri');
  const limits = values['no-limits']
    ? { perMinute: null, incrementalPerMinute: null, incrementalUsersCursorPerMinute: null, searchExportPerMinute: null }
    : {
        perMinute: count('per-minute', values['per-minute']),
        incrementalPerMinute: count('incremental-per-minute', values['incremental-per-minute']),
      };
  const options: ZendeskEmulatorOptions = {
    port,
    host: values.host ?? '127.0.0.1',
    apiTokens: [{ email, token: env.ZENDESK_EMULATOR_API_TOKEN ?? generatedToken! }],
    oauthClients: clientId ? [{ id: clientId, secret: env.ZENDESK_EMULATOR_OAUTH_CLIENT_SECRET || undefined, redirectUris }] : [],
    limits: Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)),
    talkPartnerEdition: values['talk-partner-edition'] ?? false,
    searchIndexLagSec: count('search-index-lag', values['search-index-lag']),
    seed:
      users > 0
        ? { users, tickets, organizations: count('organizations', values.organizations), seed: count('seed', values.seed) ?? 42 }
        : undefined,
  };
  return { options, generatedToken };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const emulator = await startZendeskEmulator(parsed.options);
  const report = emulator.seedReport;
  if (report)
    console.error(
      `seeded ${report.users} users, ${report.organizations} organizations, ${report.tickets} tickets in ${report.durationMs} ms`,
    );
  if (parsed.generatedToken)
    console.error(
      `API token for ${parsed.options.apiTokens![0]!.email}: ${parsed.generatedToken} (set ZENDESK_EMULATOR_API_TOKEN to choose one)`,
    );
  serveUntilSignalled(emulator.url, () => emulator.close());
}

if (isMainModule(import.meta.url)) {
  void main();
}
