import { englishOf, userText, type TextKey, type UserText } from '../text/user-text';
import type { CertificateProblem, RegistrationState } from './model';

/** Seconds until `retryAt`, rounded up, never negative. */
export function secondsUntil(retryAt: number | null, now: number): number | null {
  if (retryAt === null) return null;
  return Math.max(0, Math.ceil((retryAt - now) / 1000));
}

/**
 * The registration state in the agent's words: "Registered", "Reconnecting in 4 s", "Wrong password
 * (401)", "Server unreachable · retrying in 8 s", as a message the window translates. `now` lets the
 * window count down without new events from main.
 */
export function registrationText(state: RegistrationState, now: number): UserText {
  const wait = secondsUntil(state.retryAt, now);
  const when =
    wait === null
      ? null
      : wait > 0
        ? userText('telephony.registration.inSeconds', { count: wait })
        : userText('telephony.registration.now');
  switch (state.status) {
    case 'unconfigured':
      return userText('telephony.registration.unconfigured');
    case 'connecting':
      return userText(state.server === 'backup' ? 'telephony.registration.connectingBackup' : 'telephony.registration.connecting');
    case 'registering':
      return userText('telephony.registration.registering');
    case 'registered':
      return userText(state.server === 'backup' ? 'telephony.registration.registeredBackup' : 'telephony.registration.registered');
    case 'reconnecting':
      return when === null ? userText('telephony.registration.reconnecting') : userText('telephony.registration.reconnectingIn', { when });
    case 'unreachable':
      return when === null
        ? userText('telephony.registration.unreachable')
        : userText('telephony.registration.unreachableRetrying', { when });
    case 'auth-failed':
      return state.code === 403
        ? userText('telephony.registration.accountRefused')
        : userText('telephony.registration.wrongPassword', { code: state.code ?? 401 });
    case 'rejected': {
      const code = state.code ?? '?';
      return when === null
        ? userText('telephony.registration.rejected', { code })
        : userText('telephony.registration.rejectedRetrying', { code, when });
    }
    case 'certificate-failed': {
      const problem = userText(CERTIFICATE_PROBLEM_KEYS[state.certificate ?? 'invalid']);
      return when === null
        ? userText('telephony.registration.certificate', { problem })
        : userText('telephony.registration.certificateRetrying', { problem, when });
    }
    case 'stopped':
      return userText('telephony.registration.stopped');
    case 'blocked-by-policy':
      return userText('telephony.registration.blockedByPolicy');
  }
}

/** The registration state in English, for main's logs and tests. */
export function describeRegistration(state: RegistrationState, now: number): string {
  return englishOf(registrationText(state, now));
}

/** Each certificate problem as the middle of a sentence: the agent forwards it to IT, IT knows where to look. */
const CERTIFICATE_PROBLEM_KEYS = {
  untrusted: 'telephony.registration.certificateProblem.untrusted',
  expired: 'telephony.registration.certificateProblem.expired',
  'not-yet-valid': 'telephony.registration.certificateProblem.notYetValid',
  'wrong-name': 'telephony.registration.certificateProblem.wrongName',
  revoked: 'telephony.registration.certificateProblem.revoked',
  invalid: 'telephony.registration.certificateProblem.invalid',
} as const satisfies Record<CertificateProblem, TextKey>;

/** Whether the agent can place and take calls. */
export function canCall(state: RegistrationState): boolean {
  return state.status === 'registered';
}
