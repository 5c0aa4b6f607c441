import type { DoNotCallOverride, OverrideInput } from '../../shared/agent/do-not-call';
import type { DialTarget } from '../../shared/telephony/dial-target';

/**
 * What `CallManager.dial` asks before every outbound INVITE (the dial box, click-to-dial, a
 * callback's dial, redial and consultations all pass there): the agent desk's do-not-call guard
 * (electron/agent/do-not-call-guard.ts). It answers the approved override to keep with the call,
 * null when nothing was overridden, or throws the agent's refusal (a BridgeError); then no INVITE
 * is sent and no other call is put on hold.
 */
export interface OutboundGuard {
  check(target: DialTarget, override: OverrideInput | null): Promise<DoNotCallOverride | null>;
}

/**
 * The number the do-not-call list is asked about: E.164 numbers and extensions as dialled; a SIP
 * address by its user part when that is a phone number (sip:+442079460123@gateway), else whole.
 */
export function listKeyOf(target: DialTarget): string {
  if (target.kind !== 'uri') return target.user;
  return /^\+?[0-9]{7,15}$/.test(target.user) ? target.user : `sip:${target.user}@${target.host}`;
}
