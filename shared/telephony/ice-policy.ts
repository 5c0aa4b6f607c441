/**
 * When an offer or answer may be sent before ICE gathering completes.
 *
 * SIP carries no trickle ICE, so the SDP must hold the candidates the call
 * needs. Chromium takes a third of call setup to declare gathering complete
 * even on loopback (docs/performance.md, "Telephony lab"), although host
 * candidates exist after a few ms. Waiting for
 * "complete" costs every call that much; sending on the first candidate
 * loses the STUN/TURN ones that a call through NAT needs. The rule: send as
 * soon as every kind of candidate the configuration can produce is present —
 * host always, server-reflexive when a STUN or TURN server is configured,
 * relay when a TURN server is — or at the gathering timeout, whichever comes
 * first. Under the `relay` transport policy the browser gathers relay
 * candidates only, so the first relay candidate is all there will be.
 */
import { userText, type UserText } from '../text/user-text';

export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

export interface IceServerKinds {
  stun: boolean;
  turn: boolean;
}

export function iceServerKinds(servers: readonly { urls: string | readonly string[] }[]): IceServerKinds {
  const urls = servers.flatMap((s) => (typeof s.urls === 'string' ? [s.urls] : [...s.urls]));
  const turn = urls.some((u) => /^turns?:/i.test(u));
  return { stun: turn || urls.some((u) => /^stuns?:/i.test(u)), turn };
}

export function enoughCandidates(types: readonly CandidateType[], kinds: IceServerKinds, relayOnly = false): boolean {
  if (relayOnly) return types.includes('relay');
  if (!types.includes('host')) return false;
  if (kinds.turn) return types.includes('relay');
  if (kinds.stun) return types.includes('srflx');
  return true;
}

/**
 * Once enough candidates are there, wait this much longer for siblings that
 * arrive together (another interface, the TCP candidate of the same address).
 */
export const CANDIDATE_SETTLE_MS = 15;

/**
 * What the agent reads when a relay-only call (iceTransportPolicy 'relay') gets no relay
 * candidate: the TURN server was not reached, or refused the credentials.
 */
export const NO_RELAY_TEXT: UserText = userText('telephony.media.noRelay');
