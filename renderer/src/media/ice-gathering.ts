import { CANDIDATE_SETTLE_MS, enoughCandidates, iceServerKinds, type CandidateType } from '../../../shared/telephony/ice-policy';

export interface GatheringResult {
  /** Time from the start of gathering until the description was taken. */
  gatheringMs: number;
  /** Candidates in the local description. */
  candidates: number;
  /** Why the wait ended. */
  ended: 'complete' | 'enough' | 'timeout';
}

/**
 * Waits until the connection has the ICE candidates a call needs (SIP has no
 * trickle ICE): until gathering completes, or enough candidate types are in
 * (see shared/telephony/ice-policy.ts), or `timeoutMs` passes. Must be started
 * before setLocalDescription so no candidate event is missed. `relayOnly`: the
 * connection's iceTransportPolicy is 'relay' (no host candidates will come).
 */
export function startGathering(
  pc: RTCPeerConnection,
  iceServers: readonly { urls: string | readonly string[] }[],
  timeoutMs: number,
  relayOnly = false,
): { done: Promise<GatheringResult>; checkComplete: () => void } {
  const started = performance.now();
  const kinds = iceServerKinds(iceServers);
  const types: CandidateType[] = [];
  let settle: ReturnType<typeof setTimeout> | null = null;
  let finish: (ended: GatheringResult['ended']) => void = () => undefined;
  const done = new Promise<GatheringResult>((resolve) => {
    const hard = setTimeout(() => finish('timeout'), timeoutMs);
    const onCandidate = (event: RTCPeerConnectionIceEvent): void => {
      if (!event.candidate) {
        finish('complete');
        return;
      }
      const type = event.candidate.type;
      if (type) types.push(type);
      if (settle === null && enoughCandidates(types, kinds, relayOnly)) settle = setTimeout(() => finish('enough'), CANDIDATE_SETTLE_MS);
    };
    const onState = (): void => {
      if (pc.iceGatheringState === 'complete') finish('complete');
    };
    finish = (ended) => {
      clearTimeout(hard);
      if (settle !== null) clearTimeout(settle);
      pc.removeEventListener('icecandidate', onCandidate);
      pc.removeEventListener('icegatheringstatechange', onState);
      const sdp = pc.localDescription?.sdp ?? '';
      resolve({ gatheringMs: Math.round(performance.now() - started), candidates: (sdp.match(/^a=candidate:/gm) ?? []).length, ended });
      finish = () => undefined;
    };
    pc.addEventListener('icecandidate', onCandidate);
    pc.addEventListener('icegatheringstatechange', onState);
  });
  return {
    done,
    // After setLocalDescription: a re-offer on a connected call gathers nothing new and fires no event.
    checkComplete: () => {
      if (pc.iceGatheringState === 'complete') finish('complete');
    },
  };
}
