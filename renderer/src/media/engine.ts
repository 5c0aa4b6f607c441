import { BridgeError } from '../../../shared/bridge/errors';
import { userText } from '../../../shared/text/user-text';
import type { MediaConfig, PhoneView, RingMode } from '../../../shared/telephony/contract';
import type { DevicePrefs, QualitySample, QualitySummary } from '../../../shared/telephony/model';
import type { BridgeClient } from '../bridge/client';
import { CallMedia } from './call-media';
import { QualityWatch } from './call-quality';
import { DeviceManager, type DeviceResolution, type DeviceRole } from './devices';
import { liveMedia } from './live-media';
import { Ringer } from './ringer';

/** Closed call ids remembered so a late request cannot open a new connection (and microphone) for them. */
const CLOSED_IDS_KEPT = 256;

export const MEDIA_ENGINE_NAME = 'chromium-webrtc';

/**
 * The renderer's media engine: the only part of Switchboard that can run
 * WebRTC. Main's SessionDescriptionHandler drives it over media RPC, one
 * CallMedia per call id. It also owns the ringer, the audio devices and the calls' quality
 * readings, and follows main's phone view for what to ring and which calls are connected.
 */
export class MediaEngine {
  readonly devices = new DeviceManager();
  readonly ringer = new Ringer();
  private readonly calls = new Map<string, CallMedia>();
  private readonly closedIds = new Set<string>();
  private readonly quality = new QualityWatch({ stats: (callId) => this.stats(callId), has: (callId) => this.calls.has(callId) });

  constructor() {
    this.devices.onEffectiveChange((roles) => void this.applyDeviceRoles(roles));
  }

  get callIds(): string[] {
    return [...this.calls.keys()];
  }

  private call(callId: string, config?: MediaConfig): CallMedia {
    let media = this.calls.get(callId);
    if (!media) {
      if (!config || this.closedIds.has(callId)) throw new BridgeError('not-found', userText('telephony.refusal.engineLostCall'));
      media = new CallMedia(callId, config, this.devices);
      this.calls.set(callId, media);
    } else if (config) {
      media.updateConfig(config);
    }
    return media;
  }

  /**
   * While a call rings: the microphone, and with the caller's offer the answer too, so the call
   * connects while it rings (CallMedia.prepareWhileRinging). One task on the call's queue, so an
   * Answer's requests, which main sends after this one, find it done.
   */
  async prepare(callId: string, config: MediaConfig, offer?: string): Promise<void> {
    const media = this.call(callId, config);
    await media.run(() => media.prepareWhileRinging(offer));
  }

  /** Main's phone view: what to ring, and which calls are connected (for the quality readings). */
  follow(view: PhoneView): void {
    this.quality.follow(view.calls);
    if (view.ring !== this.ringer.current) {
      void this.ring(view.ring).then((result) => {
        if (!result.playing && view.ring !== 'off' && view.ring !== 'ringback' && result.problem)
          console.warn('media: the ringtone could not play', result.problem);
      });
    }
  }

  async getDescription(callId: string, hold: boolean, config: MediaConfig) {
    const media = this.call(callId, config);
    return media.run(() => media.getDescription(hold));
  }

  async setDescription(callId: string, sdp: string, config: MediaConfig, whileRinging = false): Promise<void> {
    const media = this.call(callId, config);
    await media.run(() => media.setDescription(sdp, whileRinging));
  }

  async rollback(callId: string): Promise<void> {
    const media = this.calls.get(callId);
    if (media) await media.run(() => media.rollback());
  }

  /** Closes the call's media; answers the quality measured over the call (null when none was) and its last readings. */
  close(callId: string): { quality: QualitySummary | null; samples: QualitySample[] } {
    const quality = this.quality.close(callId);
    this.closedIds.add(callId);
    if (this.closedIds.size > CLOSED_IDS_KEPT) this.closedIds.delete(this.closedIds.values().next().value as string);
    const media = this.calls.get(callId);
    if (!media) return quality;
    this.calls.delete(callId);
    // Stop the microphone now, not after whatever is queued on the call (a gathering can take a second).
    media.close();
    return quality;
  }

  counters() {
    return { calls: this.calls.size, ...liveMedia.counts() };
  }

  sendDtmf(callId: string, tones: string, durationMs: number, gapMs: number): Promise<boolean> {
    return this.call(callId).sendDtmf(tones, durationMs, gapMs);
  }

  setMuted(callId: string, muted: boolean): void {
    this.call(callId).setMuted(muted);
  }

  async stats(callId: string) {
    const media = this.calls.get(callId);
    return media ? media.stats() : null;
  }

  async inspect(callId: string) {
    const media = this.calls.get(callId);
    if (!media) {
      return {
        found: false,
        signalingState: null,
        iceConnectionState: null,
        connectionState: null,
        transceivers: [],
        stats: null,
        route: null,
        outputDevice: null,
      };
    }
    return {
      found: true,
      signalingState: media.pc.signalingState,
      iceConnectionState: media.pc.iceConnectionState,
      connectionState: media.pc.connectionState,
      transceivers: media.transceivers(),
      stats: await media.stats(),
      route: await media.route(),
      outputDevice: media.outputDevice,
    };
  }

  async ring(mode: RingMode) {
    return this.ringer.play(mode, { ringer: this.devices.resolve('ringer').deviceId, speaker: this.devices.resolve('speaker').deviceId });
  }

  async setDevices(prefs: DevicePrefs) {
    await this.devices.refresh().catch(() => undefined);
    const changed = this.devices.setPrefs(prefs);
    await this.applyDeviceRoles(changed);
    const outcome = (role: DeviceRole) => {
      const r: DeviceResolution = this.devices.resolve(role);
      return { using: r.using, label: r.label };
    };
    return { microphone: outcome('microphone'), speaker: outcome('speaker'), ringer: outcome('ringer') };
  }

  /** Applies device changes to what is playing and to calls in progress, without dropping them. */
  private async applyDeviceRoles(roles: DeviceRole[]): Promise<void> {
    const work: Promise<unknown>[] = [];
    for (const media of this.calls.values()) {
      if (roles.includes('microphone')) work.push(media.run(() => media.switchMicrophone()));
      if (roles.includes('speaker')) work.push(media.applySpeaker());
    }
    if ((roles.includes('ringer') || roles.includes('speaker')) && this.ringer.current !== 'off') work.push(this.ring(this.ringer.current));
    await Promise.allSettled(work);
  }
}

let engine: MediaEngine | null = null;

/** The running engine, for the phone UI (device lists, headset buttons). */
export function getMediaEngine(): MediaEngine | null {
  return engine;
}

/**
 * Starts the media engine: answers main's media RPC and announces itself on
 * every (re)connection so main always knows where to send media requests.
 */
export function startMediaEngine(client: BridgeClient): MediaEngine {
  const media = new MediaEngine();
  engine = media;
  client.serveMedia({
    'media.probe': () => ({
      engine: MEDIA_ENGINE_NAME,
      webrtc: typeof RTCPeerConnection === 'function',
      getUserMedia: typeof navigator.mediaDevices?.getUserMedia === 'function',
      outputSelection: typeof (HTMLMediaElement.prototype as { setSinkId?: unknown }).setSinkId === 'function',
    }),
    'telephony.media.prepare': async ({ callId, config, offer }) => {
      await media.prepare(callId, config, offer);
      return {};
    },
    'telephony.media.getDescription': ({ callId, hold, config }) => media.getDescription(callId, hold, config),
    'telephony.media.setDescription': async ({ callId, sdp, config, whileRinging }) => {
      await media.setDescription(callId, sdp, config, whileRinging === true);
      return {};
    },
    'telephony.media.rollback': async ({ callId }) => {
      await media.rollback(callId);
      return {};
    },
    'telephony.media.close': ({ callId }) => media.close(callId),
    'telephony.media.sendDtmf': async ({ callId, tones, durationMs, gapMs }) => ({
      sent: await media.sendDtmf(callId, tones, durationMs, gapMs),
    }),
    'telephony.media.setMuted': ({ callId, muted }) => {
      media.setMuted(callId, muted);
      return {};
    },
    'telephony.media.stats': async ({ callId }) => ({ stats: await media.stats(callId) }),
    'telephony.media.inspect': ({ callId }) => media.inspect(callId),
    'telephony.media.counters': () => media.counters(),
    'telephony.media.setDevices': ({ prefs }) => media.setDevices(prefs),
  });
  client.onConnectionState((state) => {
    if (state !== 'open') return;
    // Device choices live in main; read them before announcing, so the first call uses them.
    client
      .invoke('telephony.getState', {})
      .then((telephony) => media.setDevices(telephony.devices))
      .catch(() => undefined)
      .finally(() => {
        client.invoke('media.ready', { engine: MEDIA_ENGINE_NAME }).catch((error: unknown) => {
          console.error('media engine: main refused media.ready', error);
        });
      });
  });
  return media;
}
