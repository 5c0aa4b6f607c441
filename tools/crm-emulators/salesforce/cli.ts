import { parseArgs } from 'node:util';
import { COMMON_CLI_OPTIONS, isMainModule, portOption, serveUntilSignalled, wholeNumber } from '../common/cli-args';
import { startSalesforceEmulator, type SalesforceEmulatorOptions } from './server';

/**
 * `npx tsx tools/crm-emulators/salesforce/cli.ts --port 8091 --contacts 1000 --cases 5000`
 *
 * Runs the Salesforce emulator until SIGINT/SIGTERM. An OAuth client comes from the environment,
 * never from argv (a command line is readable by every user on the machine):
 * SALESFORCE_EMULATOR_CLIENT_ID and, optionally, SALESFORCE_EMULATOR_CLIENT_SECRET. An access
 * token for the admin is printed on stderr (the data is fake and the listener is loopback).
 */

export const USAGE = `Usage: npx tsx tools/crm-emulators/salesforce/cli.ts [options]

Connected app (environment):
  SALESFORCE_EMULATOR_CLIENT_ID       register an OAuth client (with --redirect-uri)
  SALESFORCE_EMULATOR_CLIENT_SECRET   its secret (unset: a public client, PKCE required)

  --port N                    port (default 8091; 0 picks a free one)
  --host ADDR                 address (default 127.0.0.1)
  --contacts N                seed N contacts (default 0)
  --cases N                   seed N cases (needs contacts)
  --accounts N                seed N accounts (default contacts/10)
  --seed N                    seed for the generator (default 42)
  --redirect-uri URL          OAuth redirect URI (repeatable)
  --daily-api-limit N         the org's daily API request limit (default 120000)
  --person-accounts           enable Person Accounts
  --external-id-field NAME    the Task external-id field (default Switchboard_Call_Id__c)
  --no-external-id-field      the admin has not created the Task external-id field`;

const count = wholeNumber;

export function parseCli(argv: string[], env: Record<string, string | undefined> = {}): SalesforceEmulatorOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...COMMON_CLI_OPTIONS,
      contacts: { type: 'string' },
      cases: { type: 'string' },
      accounts: { type: 'string' },
      'daily-api-limit': { type: 'string' },
      'person-accounts': { type: 'boolean' },
      'external-id-field': { type: 'string' },
      'no-external-id-field': { type: 'boolean' },
    },
  });
  if (values.help) throw new Error(USAGE);
  const port = portOption(values.port, 8091);
  const contacts = count('contacts', values.contacts) ?? 0;
  const cases = count('cases', values.cases) ?? 0;
  if (cases > 0 && contacts === 0) throw new Error('--cases needs --contacts (a case is on a contact)');
  if (values['no-external-id-field'] && values['external-id-field'])
    throw new Error('Give --external-id-field or --no-external-id-field, not both');
  const field = values['external-id-field'];
  if (field !== undefined && !/^[A-Za-z][A-Za-z0-9_]*__c$/.test(field))
    throw new Error(`--external-id-field must end in __c, got "${field}"`);
  const clientId = env.SALESFORCE_EMULATOR_CLIENT_ID;
  const redirectUris = values['redirect-uri'] ?? [];
  if (clientId && redirectUris.length === 0) throw new Error('An OAuth client needs at least one --redirect-uri');
  const limit = count('daily-api-limit', values['daily-api-limit']);
  if (limit === 0) throw new Error('--daily-api-limit must be at least 1');
  return {
    port,
    host: values.host ?? '127.0.0.1',
    oauthClients: clientId ? [{ id: clientId, secret: env.SALESFORCE_EMULATOR_CLIENT_SECRET || undefined, redirectUris }] : [],
    dailyApiLimit: limit,
    personAccounts: values['person-accounts'] ?? false,
    taskExternalIdField: values['no-external-id-field'] ? null : field,
    seed:
      contacts > 0 ? { contacts, cases, accounts: count('accounts', values.accounts), seed: count('seed', values.seed) ?? 42 } : undefined,
  };
}

async function main(): Promise<void> {
  let options: SalesforceEmulatorOptions;
  try {
    options = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const emulator = await startSalesforceEmulator(options);
  const report = emulator.seedReport;
  if (report)
    console.error(`seeded ${report.accounts} accounts, ${report.contacts} contacts, ${report.cases} cases in ${report.durationMs} ms`);
  console.error(`access token for admin@example.com: ${emulator.issueSession().accessToken}`);
  serveUntilSignalled(emulator.url, () => emulator.close());
}

if (isMainModule(import.meta.url)) {
  void main();
}
