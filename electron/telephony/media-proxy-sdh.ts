import type {
  BodyAndContentType,
  SessionDescriptionHandler,
  SessionDescriptionHandlerModifier,
  SessionDescriptionHandlerOptions,
} from 'sip.js';
import type { MediaParams, MediaResult } from '../../shared/bridge/media';
import type { MediaConfig } from '../../shared/telephony/contract';
import type { Logger } from '../logging/logger';
import { errorName } from '../bridge/bridge-server';

type TelephonyMediaMethod =
  | 'telephony.media.getDescription'
  | 'telephony.media.setDescription'
  | 'telephony.media.rollback'
  | 'telephony.media.close'
  | 'telephony.media.sendDtmf';

/** The part of the bridge the proxy uses: media RPC to the renderer's engine. */
export interface MediaRpc {
  requestMedia<M extends TelephonyMediaMethod>(
    method: M,
    params: MediaParams<M>,
    options?: { timeoutMs?: number },
  ): Promise<MediaResult<M>>;
}

/** Web SDH options sip.js passes through; `hold` is how a hold re-INVITE reaches the handler. */
interface ProxyOptions extends SessionDescriptionHandlerOptions {
  hold?: boolean;
}

/** sip.js modifiers take and return an RTCSessionDescriptionInit; in Node only its two fields exist. */
interface DescriptionInit {
  type: 'offer' | 'answer' | 'pranswer' | 'rollback';
  sdp?: string;
}

export interface MediaProxyHooks {
  /** The engine produced or accepted SDP: the call has media. */
  onMediaUp?(): void;
  /** A media request failed (engine gone, timeout, WebRTC error). */
  onMediaError?(method: TelephonyMediaMethod, error: unknown): void;
  /** The engine applied this very offer while the call rang: applying it again at Answer would be a wasted round trip. */
  appliedWhileRinging?(sdp: string): boolean;
  /** The call's end closes the engine's media (once per call, with its quality): the handler does not. */
  closedByCallEnd?(): boolean;
}

/**
 * The SessionDescriptionHandler sip.js drives in main. WebRTC only exists in
 * the renderer, so every operation is forwarded over media RPC to the media
 * engine, keyed by Switchboard's call id. Offer vs answer is decided there
 * from the connection's signalling state (sip.js does not say which).
 */
export class MediaProxySdh implements SessionDescriptionHandler {
  private closed = false;

  constructor(
    private readonly callId: string,
    private readonly rpc: MediaRpc,
    private readonly config: () => MediaConfig,
    private readonly log: Logger,
    private readonly hooks: MediaProxyHooks = {},
  ) {}

  async getDescription(options?: ProxyOptions, modifiers?: SessionDescriptionHandlerModifier[]): Promise<BodyAndContentType> {
    const config = this.config();
    const result = await this.call(
      'telephony.media.getDescription',
      { callId: this.callId, hold: options?.hold === true, config },
      {
        // getUserMedia (a permission prompt in a browser) plus ICE gathering.
        timeoutMs: 30_000 + config.iceGatheringTimeoutMs,
      },
    );
    this.log.debug('local description ready', {
      callId: this.callId,
      gatheringMs: result.gatheringMs,
      candidates: result.candidates,
      ended: result.ended,
      madeWhileRinging: result.madeWhileRinging === true,
    });
    const sdp = await applyModifiers(result.sdp, 'offer', modifiers);
    this.hooks.onMediaUp?.();
    return { body: sdp, contentType: 'application/sdp' };
  }

  async setDescription(sdp: string, _options?: ProxyOptions, modifiers?: SessionDescriptionHandlerModifier[]): Promise<void> {
    const modified = await applyModifiers(sdp, 'answer', modifiers);
    if (this.hooks.appliedWhileRinging?.(modified)) {
      this.hooks.onMediaUp?.();
      return;
    }
    await this.call('telephony.media.setDescription', { callId: this.callId, sdp: modified, config: this.config() }, { timeoutMs: 30_000 });
    this.hooks.onMediaUp?.();
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  async rollbackDescription(): Promise<void> {
    await this.call('telephony.media.rollback', { callId: this.callId });
  }

  /**
   * sip.js's interface is synchronous here; the engine answers asynchronously.
   * Switchboard sends DTMF through TelephonyService (which awaits the engine
   * and falls back to SIP INFO), so this path only serves sip.js internals.
   */
  sendDtmf(tones: string, options?: unknown): boolean {
    const opts = (options ?? {}) as { duration?: number; interToneGap?: number };
    void this.call('telephony.media.sendDtmf', {
      callId: this.callId,
      tones,
      durationMs: opts.duration ?? 100,
      gapMs: opts.interToneGap ?? 70,
    }).catch(() => undefined);
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.hooks.closedByCallEnd?.()) return;
    // Synchronous in sip.js's interface: fire and forget. An engine that is gone has nothing to close.
    void this.call('telephony.media.close', { callId: this.callId }).catch(() => undefined);
  }

  private async call<M extends TelephonyMediaMethod>(
    method: M,
    params: MediaParams<M>,
    options?: { timeoutMs?: number },
  ): Promise<MediaResult<M>> {
    try {
      return await this.rpc.requestMedia(method, params, options);
    } catch (error) {
      if (method !== 'telephony.media.close') {
        this.log.warn('media request failed', { method, callId: this.callId, error: errorName(error) });
        this.hooks.onMediaError?.(method, error);
      }
      throw error;
    }
  }
}

async function applyModifiers(sdp: string, type: 'offer' | 'answer', modifiers?: SessionDescriptionHandlerModifier[]): Promise<string> {
  if (!modifiers || modifiers.length === 0) return sdp;
  // RTCSessionDescriptionInit is a DOM type; main has no DOM lib, so name the two fields it has.
  const steps = modifiers as unknown as ((d: DescriptionInit) => Promise<DescriptionInit>)[];
  let description: DescriptionInit = { type, sdp };
  for (const step of steps) description = await step(description);
  return description.sdp ?? sdp;
}
