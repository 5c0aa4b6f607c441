import type { RegistrationState } from '../../../../shared/telephony/model';
import { registrationText } from '../../../../shared/telephony/registration-text';
import { translateUserText } from '../../i18n';

/**
 * The registration state in the agent's language: "Registered", "Reconnecting in 4 s", "Wrong
 * password (401)". The message is the one main's refusals name (shared/telephony/registration-text.ts);
 * `now` lets the phone strip count down without new events from main.
 */
export function registrationWords(state: RegistrationState, now: number): string {
  return translateUserText(registrationText(state, now));
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
