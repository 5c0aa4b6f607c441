import { isLoopbackHost } from '../../shared/policy/encryption';
import { isCi, listed } from './live-config';

/**
 * Whether the optional Salesforce live suite runs, and against what (tests/live/README.md).
 *
 * Like the Zendesk suite: never in CI; skipped without its variables, naming the ones missing; an
 * error, not a skip, when they are set but wrong; the repo's emulator (a loopback http:// address)
 * only with SALESFORCE_LIVE_ALLOW_EMULATOR=1.
 *
 * The sign-in is either an access token (what `sf org display --verbose` prints for a sandbox the
 * Salesforce CLI is signed in to), or a Connected App's consumer key and a refresh token: then the
 * suite starts from an expired session, so the app's own renewal (TokenKeeper, the token endpoint)
 * is exercised against Salesforce first.
 */

export const SALESFORCE_LIVE_ADDRESS = 'SALESFORCE_LIVE_URL';

export type SalesforceLiveSignIn =
  { kind: 'access-token'; accessToken: string } | { kind: 'refresh-token'; clientId: string; refreshToken: string };

export type SalesforceLiveConfig =
  | { run: false; reason: string }
  | {
      run: true;
      /** The org's My Domain address (https://<name>.my.salesforce.com, or a sandbox's), or the emulator's. */
      orgUrl: string;
      signIn: SalesforceLiveSignIn;
      /** The Task external-id field the admin created (docs/crm.md). */
      callIdField: string;
      emulator: boolean;
    };

type Env = Readonly<Record<string, string | undefined>>;

/** Salesforce's own hosts: My Domain (production, sandbox, developer, scratch) and the classic instances. */
const SALESFORCE_HOST = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*\.(my\.salesforce\.com|salesforce\.com|force\.com)$/;

function parseOrgUrl(raw: string, allowEmulator: boolean): { orgUrl: string; emulator: boolean } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`SALESFORCE_LIVE_URL is not a URL (expected https://<your domain>.my.salesforce.com, got "${raw.slice(0, 100)}")`);
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new Error(
      'SALESFORCE_LIVE_URL must be the org address only (https://<your domain>.my.salesforce.com), without a path, query or credentials',
    );
  }
  if (url.protocol === 'https:') {
    if (!SALESFORCE_HOST.test(url.hostname) || url.port !== '') {
      throw new Error(
        `SALESFORCE_LIVE_URL must be a Salesforce org address such as https://<your domain>.my.salesforce.com (got https://${url.host})`,
      );
    }
    return { orgUrl: url.origin, emulator: false };
  }
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
    if (!allowEmulator) {
      throw new Error(
        `SALESFORCE_LIVE_URL is a loopback http:// address (${url.origin}); the live suite takes one (the Salesforce emulator) only with SALESFORCE_LIVE_ALLOW_EMULATOR=1`,
      );
    }
    return { orgUrl: url.origin, emulator: true };
  }
  throw new Error(`SALESFORCE_LIVE_URL must start with https:// (got ${url.protocol}//${url.host})`);
}

export function readSalesforceLiveConfig(env: Env): SalesforceLiveConfig {
  if (isCi(env)) return { run: false, reason: 'the live suite never runs in CI (CI is set)' };
  const set = (name: string) => (env[name]?.trim() ?? '') !== '';
  const accessToken = set('SALESFORCE_LIVE_ACCESS_TOKEN');
  const refresh = set('SALESFORCE_LIVE_CLIENT_ID') || set('SALESFORCE_LIVE_REFRESH_TOKEN');
  if (!set(SALESFORCE_LIVE_ADDRESS) && !accessToken && !refresh) {
    return {
      run: false,
      reason:
        'SALESFORCE_LIVE_URL and SALESFORCE_LIVE_ACCESS_TOKEN (or SALESFORCE_LIVE_CLIENT_ID and SALESFORCE_LIVE_REFRESH_TOKEN) are not set (see tests/live/README.md)',
    };
  }
  const missing = [
    ...(set(SALESFORCE_LIVE_ADDRESS) ? [] : [SALESFORCE_LIVE_ADDRESS]),
    ...(accessToken || refresh ? [] : ['SALESFORCE_LIVE_ACCESS_TOKEN']),
    ...(refresh && !accessToken ? ['SALESFORCE_LIVE_CLIENT_ID', 'SALESFORCE_LIVE_REFRESH_TOKEN'].filter((name) => !set(name)) : []),
  ];
  if (missing.length > 0) {
    return { run: false, reason: `${listed(missing)} ${missing.length === 1 ? 'is' : 'are'} not set (see tests/live/README.md)` };
  }
  if (accessToken && refresh) {
    throw new Error('Give SALESFORCE_LIVE_ACCESS_TOKEN, or SALESFORCE_LIVE_CLIENT_ID with SALESFORCE_LIVE_REFRESH_TOKEN, not both');
  }
  const { orgUrl, emulator } = parseOrgUrl(env[SALESFORCE_LIVE_ADDRESS]!, env.SALESFORCE_LIVE_ALLOW_EMULATOR === '1');
  const callIdField = env.SALESFORCE_LIVE_CALL_ID_FIELD?.trim() || 'Switchboard_Call_Id__c';
  if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(callIdField)) {
    throw new Error(`SALESFORCE_LIVE_CALL_ID_FIELD must be a custom field's API name ending in __c (got "${callIdField.slice(0, 80)}")`);
  }
  const signIn: SalesforceLiveSignIn = accessToken
    ? { kind: 'access-token', accessToken: env.SALESFORCE_LIVE_ACCESS_TOKEN!.trim() }
    : { kind: 'refresh-token', clientId: env.SALESFORCE_LIVE_CLIENT_ID!.trim(), refreshToken: env.SALESFORCE_LIVE_REFRESH_TOKEN!.trim() };
  return { run: true, orgUrl, signIn, callIdField, emulator };
}
