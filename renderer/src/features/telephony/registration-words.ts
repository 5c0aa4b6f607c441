import type { CertificateProblem, RegistrationState } from '../../../../shared/telephony/model';
import { secondsUntil } from '../../../../shared/telephony/registration-text';
import { i18n } from '../../i18n';

/**
 * The registration state in the agent's language (the renderer's twin of
 * shared/telephony/registration-text.ts, which main's logs keep in English):
 * "Registered", "Reconnecting in 4 s", "Wrong password (401)".
 * `now` lets the phone strip count down without new events from main.
 */
export function registrationWords(state: RegistrationState, now: number): string {
  const wait = secondsUntil(state.retryAt, now);
  const retry =
    wait === null ? '' : wait > 0 ? i18n.t('telephony:registration.inSeconds', { count: wait }) : i18n.t('telephony:registration.now');
  const retrying = wait === null ? '' : i18n.t('telephony:registration.retrying', { when: retry });
  switch (state.status) {
    case 'unconfigured':
      return i18n.t('telephony:registration.unconfigured');
    case 'connecting':
      return state.server === 'backup' ? i18n.t('telephony:registration.connectingBackup') : i18n.t('telephony:registration.connecting');
    case 'registering':
      return i18n.t('telephony:registration.registering');
    case 'registered':
      return state.server === 'backup' ? i18n.t('telephony:registration.registeredBackup') : i18n.t('telephony:registration.registered');
    case 'reconnecting':
      return wait === null
        ? i18n.t('telephony:registration.reconnecting')
        : i18n.t('telephony:registration.reconnectingIn', { when: retry });
    case 'unreachable':
      return i18n.t('telephony:registration.unreachable') + retrying;
    case 'auth-failed':
      return state.code === 403
        ? i18n.t('telephony:registration.accountRefused')
        : i18n.t('telephony:registration.wrongPassword', { code: state.code ?? 401 });
    case 'rejected':
      return i18n.t('telephony:registration.rejected', { code: state.code ?? '?' }) + retrying;
    case 'certificate-failed':
      return i18n.t('telephony:registration.certificate', { problem: certificateWords(state.certificate ?? 'invalid') }) + retrying;
    case 'stopped':
      return i18n.t('telephony:registration.stopped');
    case 'blocked-by-policy':
      return i18n.t('telephony:registration.blockedByPolicy');
  }
}

function certificateWords(problem: CertificateProblem): string {
  switch (problem) {
    case 'untrusted':
      return i18n.t('telephony:registration.certificateProblem.untrusted');
    case 'expired':
      return i18n.t('telephony:registration.certificateProblem.expired');
    case 'not-yet-valid':
      return i18n.t('telephony:registration.certificateProblem.notYetValid');
    case 'wrong-name':
      return i18n.t('telephony:registration.certificateProblem.wrongName');
    case 'revoked':
      return i18n.t('telephony:registration.certificateProblem.revoked');
    case 'invalid':
      return i18n.t('telephony:registration.certificateProblem.invalid');
  }
}

/** The three looks of the registration badge: each has its own icon and words, colour only repeats them. */
export type RegistrationTone = 'ok' | 'busy' | 'problem' | 'off';

export function registrationTone(status: RegistrationState['status'] | 'connecting'): RegistrationTone {
  switch (status) {
    case 'registered':
      return 'ok';
    case 'connecting':
    case 'registering':
    case 'reconnecting':
      return 'busy';
    case 'unconfigured':
    case 'stopped':
      return 'off';
    default:
      return 'problem';
  }
}
