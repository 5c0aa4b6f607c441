import { UserAgent } from 'sip.js';
import type { NetworkMeasure } from '../../shared/pre-shift/contract';

/** A probe not answered within this long counts as lost (a SIP transaction would wait 32 s). */
const PROBE_TIMEOUT_MS = 5_000;

/**
 * The SIP server's round trip over the transport the phone is registered on: OPTIONS with
 * Max-Forwards 0, which the first SIP server answers itself (RFC 3261 §16.3: 483, or 200 when it
 * answers OPTIONS), before any authentication or routing, so the time is one network round trip
 * plus the server's parsing. Any final response counts: it proves the server reachable.
 */
export async function probeSipServer(ua: UserAgent, count: number, signal: AbortSignal): Promise<NetworkMeasure> {
  const target = UserAgent.makeURI(`sip:${ua.configuration.uri.host}`);
  if (!target) return { sipRoundTripsMs: [], probes: 0, problem: 'failed' };
  const sipRoundTripsMs: number[] = [];
  let probes = 0;
  for (let i = 0; i < count && !signal.aborted; i++) {
    probes += 1;
    const ms = await probeOnce(ua, target, signal);
    if (ms !== null) sipRoundTripsMs.push(Math.round(ms * 10) / 10);
  }
  return { sipRoundTripsMs, probes, problem: null };
}

function probeOnce(ua: UserAgent, target: NonNullable<ReturnType<typeof UserAgent.makeURI>>, signal: AbortSignal): Promise<number | null> {
  return new Promise((resolve) => {
    let settled = false;
    const started = performance.now();
    const done = (value: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => done(null);
    const timer = setTimeout(() => done(null), PROBE_TIMEOUT_MS);
    signal.addEventListener('abort', onAbort);
    const answered = () => done(performance.now() - started);
    try {
      const message = ua.userAgentCore.makeOutgoingRequestMessage('OPTIONS', target, ua.configuration.uri, target, {});
      message.setHeader('max-forwards', '0');
      ua.userAgentCore.request(message, {
        onAccept: answered,
        onReject: answered,
        onRedirect: answered,
        onProgress: answered,
        onTrying: answered,
      });
    } catch {
      // No transport (the connection dropped between the check and now): a lost probe.
      done(null);
    }
  });
}
