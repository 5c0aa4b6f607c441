import type { CertificateProblem, RegistrationState } from './model';

/** Seconds until `retryAt`, rounded up, never negative. */
export function secondsUntil(retryAt: number | null, now: number): number | null {
  if (retryAt === null) return null;
  return Math.max(0, Math.ceil((retryAt - now) / 1000));
}

/**
 * The registration state in the agent's words: "Registered",
 * "Reconnecting in 4 s", "Wrong password (401)", "Server unreachable · retrying in 8 s".
 * `now` lets the UI count down without new events from main.
 */
export function describeRegistration(state: RegistrationState, now: number): string {
  const wait = secondsUntil(state.retryAt, now);
  const retry = wait === null ? '' : wait > 0 ? `in ${wait} s` : 'now';
  switch (state.status) {
    case 'unconfigured':
      return 'Phone not set up';
    case 'connecting':
      return state.server === 'backup' ? 'Connecting to the backup server…' : 'Connecting…';
    case 'registering':
      return 'Registering…';
    case 'registered':
      return state.server === 'backup' ? 'Registered (backup server)' : 'Registered';
    case 'reconnecting':
      return wait === null ? 'Reconnecting…' : `Reconnecting ${retry}`;
    case 'unreachable':
      return wait === null ? 'Server unreachable' : `Server unreachable · retrying ${retry}`;
    case 'auth-failed':
      return state.code === 403 ? `Account refused (403)` : `Wrong password (${state.code ?? 401})`;
    case 'rejected':
      return `Registration refused (${state.code ?? '?'})${wait === null ? '' : ` · retrying ${retry}`}`;
    case 'certificate-failed':
      return `Not connected: the SIP server's certificate was not accepted (${CERTIFICATE_WORDS[state.certificate ?? 'invalid']}). Ask IT to check it${wait === null ? '' : ` · retrying ${retry}`}`;
    case 'stopped':
      return 'Phone off';
    case 'blocked-by-policy':
      return 'Not connected: the SIP server is unencrypted (ws://), which your IT policy does not allow. Enter a wss:// server in Phone settings, or ask IT';
  }
}

/** Each certificate problem as the middle of a sentence: the agent forwards it to IT, IT knows where to look. */
const CERTIFICATE_WORDS: Record<CertificateProblem, string> = {
  untrusted: 'it is signed by an authority this computer does not trust',
  expired: 'it has expired',
  'not-yet-valid': "it is not valid yet; check this computer's date and time",
  'wrong-name': 'it was issued for a different server name',
  revoked: 'it has been revoked',
  invalid: 'it is not valid',
};

/** Whether the agent can place and take calls. */
export function canCall(state: RegistrationState): boolean {
  return state.status === 'registered';
}
