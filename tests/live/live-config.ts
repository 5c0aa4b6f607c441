import { isLoopbackHost } from '../../shared/policy/encryption';

/**
 * Whether the optional Zendesk live suite runs, and against what (tests/live/README.md).
 *
 * It never runs in CI, whatever else is set. Without its three variables it is skipped, and the
 * reason names the ones missing. Set but wrong (not a Zendesk address, not an email) is an error,
 * not a skip: someone meant to run it. A loopback http:// address (the repo's Zendesk emulator) is
 * taken only with ZENDESK_LIVE_ALLOW_EMULATOR=1, so a typo cannot point the suite elsewhere.
 */

export const LIVE_VARIABLES = ['ZENDESK_LIVE_URL', 'ZENDESK_LIVE_EMAIL', 'ZENDESK_LIVE_API_TOKEN'] as const;

export type ZendeskLiveConfig =
  | { run: false; reason: string }
  | {
      run: true;
      /** https://{subdomain}.zendesk.com, or the emulator's http://127.0.0.1:PORT. */
      baseUrl: string;
      email: string;
      apiToken: string;
      /** The address is the emulator (loopback, allowed explicitly). */
      emulator: boolean;
    };

type Env = Readonly<Record<string, string | undefined>>;

/** CI=true, CI=1, CI=anything but empty, 0 or false (what CI services set). */
export function isCi(env: Env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

export function listed(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

function parseAddress(raw: string, allowEmulator: boolean): { baseUrl: string; emulator: boolean } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`ZENDESK_LIVE_URL is not a URL (expected https://<subdomain>.zendesk.com, got "${raw.slice(0, 100)}")`);
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new Error(
      'ZENDESK_LIVE_URL must be the account address only (https://<subdomain>.zendesk.com), without a path, query or credentials',
    );
  }
  if (url.protocol === 'https:') {
    if (!/^[a-z0-9][a-z0-9-]*\.zendesk\.com$/.test(url.hostname) || url.port !== '') {
      throw new Error(`ZENDESK_LIVE_URL must be a Zendesk account address, https://<subdomain>.zendesk.com (got https://${url.host})`);
    }
    return { baseUrl: url.origin, emulator: false };
  }
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
    if (!allowEmulator) {
      throw new Error(
        `ZENDESK_LIVE_URL is a loopback http:// address (${url.origin}); the live suite takes one (the Zendesk emulator) only with ZENDESK_LIVE_ALLOW_EMULATOR=1`,
      );
    }
    return { baseUrl: url.origin, emulator: true };
  }
  throw new Error(`ZENDESK_LIVE_URL must start with https:// (got ${url.protocol}//${url.host})`);
}

export function readZendeskLiveConfig(env: Env): ZendeskLiveConfig {
  if (isCi(env)) return { run: false, reason: 'the live suite never runs in CI (CI is set)' };
  const missing = LIVE_VARIABLES.filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    return { run: false, reason: `${listed(missing)} ${missing.length === 1 ? 'is' : 'are'} not set (see tests/live/README.md)` };
  }
  const { baseUrl, emulator } = parseAddress(env.ZENDESK_LIVE_URL!, env.ZENDESK_LIVE_ALLOW_EMULATOR === '1');
  const email = env.ZENDESK_LIVE_EMAIL!.trim();
  if (!/^[^@\s/]+@[^@\s/]+$/.test(email))
    throw new Error('ZENDESK_LIVE_EMAIL must be the email address of the admin the API token belongs to');
  return { run: true, baseUrl, email, apiToken: env.ZENDESK_LIVE_API_TOKEN!.trim(), emulator };
}
