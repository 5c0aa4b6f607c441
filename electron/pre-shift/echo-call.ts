import { randomUUID } from 'node:crypto';
import { Inviter, SessionState, UserAgent, type BodyAndContentType, type SessionDescriptionHandler } from 'sip.js';
import type { MediaParams, MediaResult } from '../../shared/bridge/media';
import { PRE_SHIFT_LIMITS } from '../../shared/pre-shift/verdict';
import type { EchoMeasure } from '../../shared/pre-shift/contract';
import type { MediaConfig } from '../../shared/telephony/contract';
import { errorName } from '../bridge/bridge-server';
import type { Logger } from '../logging/logger';

type PreShiftMediaMethod = 'preShift.media.offer' | 'preShift.media.answer' | 'preShift.media.measure' | 'preShift.media.close';

/** Media RPC to the renderer's engine (renderer/src/media/echo-test-media.ts). */
export interface PreShiftMediaRpc {
  requestMedia<M extends PreShiftMediaMethod>(method: M, params: MediaParams<M>, options?: { timeoutMs?: number }): Promise<MediaResult<M>>;
}

/** The part of the phone the echo call uses (TelephonyService). */
export interface EchoCallPhone {
  readonly userAgent: UserAgent | null;
  adoptSession(session: Inviter, sdh: SessionDescriptionHandler): void;
  mediaConfig(): MediaConfig;
}

/** How long the echo extension may ring before the check gives up (an echo service answers at once). */
export const ECHO_RING_MS = 15_000;

/**
 * The echo call's SessionDescriptionHandler: like a call's (media-proxy-sdh.ts), every SDP step is
 * done by the renderer's media engine, here its pre-shift module, keyed by the test's id.
 */
class EchoSdh implements SessionDescriptionHandler {
  answered = false;

  constructor(
    private readonly testId: string,
    private readonly rpc: PreShiftMediaRpc,
    private readonly config: MediaConfig,
  ) {}

  async getDescription(): Promise<BodyAndContentType> {
    const { sdp } = await this.rpc.requestMedia(
      'preShift.media.offer',
      { testId: this.testId, config: this.config },
      { timeoutMs: 30_000 + this.config.iceGatheringTimeoutMs },
    );
    return { body: sdp, contentType: 'application/sdp' };
  }

  async setDescription(sdp: string): Promise<void> {
    await this.rpc.requestMedia('preShift.media.answer', { testId: this.testId, sdp }, { timeoutMs: 10_000 });
    this.answered = true;
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  async rollbackDescription(): Promise<void> {
    // The echo call never renegotiates.
  }

  sendDtmf(): boolean {
    return false;
  }

  close(): void {
    // runEchoCall closes the media itself once the call is over, and waits for it.
  }
}

type RingOutcome =
  { kind: 'answered' } | { kind: 'refused'; code: number } | { kind: 'no-answer' } | { kind: 'cancelled' } | { kind: 'failed' };

/**
 * Places a real call to the echo extension outside the agent's calls (no call in the phone bar,
 * no call log, no wrap-up, and no do-not-call check: CallManager.dial is not involved), lets the
 * engine send its test signal and measure what comes back, and hangs up. Always ends the call
 * and closes the engine's connection before it answers, whatever happened.
 */
export async function runEchoCall(
  target: string,
  deps: { phone: EchoCallPhone; rpc: PreShiftMediaRpc; log: Logger },
  signal: AbortSignal,
): Promise<EchoMeasure> {
  const { phone, rpc, log } = deps;
  const ua = phone.userAgent;
  if (!ua) return { status: 'not-registered', sipCode: null, media: null };
  const uri = UserAgent.makeURI(`sip:${target}@${ua.configuration.uri.host}`);
  if (!uri) return { status: 'refused', sipCode: null, media: null };
  const testId = `pre-shift-${randomUUID()}`;
  const sdh = new EchoSdh(testId, rpc, phone.mediaConfig());
  const inviter = new Inviter(ua, uri, { earlyMedia: false });
  phone.adoptSession(inviter, sdh);
  const started = performance.now();
  try {
    const outcome = await ring(inviter, signal);
    log.info('pre-shift echo call', {
      outcome: outcome.kind,
      code: outcome.kind === 'refused' ? outcome.code : null,
      ms: Math.round(performance.now() - started),
    });
    switch (outcome.kind) {
      case 'refused':
        // 408 and 480: nobody answered (the server's own ring timeout).
        return outcome.code === 408 || outcome.code === 480
          ? { status: 'no-answer', sipCode: outcome.code, media: null }
          : { status: 'refused', sipCode: outcome.code, media: null };
      case 'no-answer':
        return { status: 'no-answer', sipCode: null, media: null };
      case 'cancelled':
        return { status: 'cancelled', sipCode: null, media: null };
      case 'failed':
        return { status: 'no-media', sipCode: null, media: null };
      case 'answered':
        break;
    }
    if (!sdh.answered) return { status: 'no-media', sipCode: null, media: null };
    const measuring = rpc.requestMedia(
      'preShift.media.measure',
      { testId, seconds: PRE_SHIFT_LIMITS.echoSeconds },
      // Waiting for ICE and DTLS (a few seconds at most on a working network), then the stretch.
      { timeoutMs: 20_000 + PRE_SHIFT_LIMITS.echoSeconds * 1000 },
    );
    const result = await Promise.race([measuring.then((r) => r.media), aborted(signal).then(() => 'cancelled' as const)]);
    measuring.catch(() => undefined);
    if (result === 'cancelled') return { status: 'cancelled', sipCode: null, media: null };
    if (result === null) return { status: 'no-media', sipCode: null, media: null };
    return { status: 'connected', sipCode: null, media: result };
  } catch (error) {
    log.warn('pre-shift echo call failed', { error: errorName(error) });
    return { status: signal.aborted ? 'cancelled' : 'no-media', sipCode: null, media: null };
  } finally {
    await hangUp(inviter, log);
    await rpc.requestMedia('preShift.media.close', { testId }, { timeoutMs: 5_000 }).catch((error: unknown) => {
      log.warn('pre-shift echo media not closed', { error: errorName(error) });
    });
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Sends the INVITE and waits for the answer, a refusal, the ring time, or the agent's Cancel. */
function ring(inviter: Inviter, signal: AbortSignal): Promise<RingOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: RingOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => settle({ kind: 'cancelled' });
    const timer = setTimeout(() => settle({ kind: 'no-answer' }), ECHO_RING_MS);
    signal.addEventListener('abort', onAbort);
    if (signal.aborted) onAbort();
    inviter.stateChange.addListener((state) => {
      if (state === SessionState.Established) settle({ kind: 'answered' });
      // Ended without an answer or a refusal (a transport error, the media offer refused). sip.js ends
      // the session just before it calls onReject with the response: let that come first.
      if (state === SessionState.Terminated) queueMicrotask(() => settle({ kind: 'failed' }));
    });
    inviter
      .invite({ requestDelegate: { onReject: (response) => settle({ kind: 'refused', code: response.message.statusCode ?? 500 }) } })
      .catch(() => settle({ kind: 'failed' }));
  });
}

/** BYE when answered, CANCEL while it rings; waits (briefly) until sip.js has ended the session. */
async function hangUp(inviter: Inviter, log: Logger): Promise<void> {
  const ended = new Promise<void>((resolve) => {
    if (inviter.state === SessionState.Terminated) resolve();
    inviter.stateChange.addListener((state) => {
      if (state === SessionState.Terminated) resolve();
    });
  });
  try {
    if (inviter.state === SessionState.Established) await inviter.bye();
    else if (inviter.state === SessionState.Establishing || inviter.state === SessionState.Initial) await inviter.cancel();
  } catch (error) {
    log.debug('pre-shift echo call: hang-up not sent', { error: errorName(error) });
  }
  await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
}
