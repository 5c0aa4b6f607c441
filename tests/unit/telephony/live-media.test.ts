import { describe, expect, it } from 'vitest';
import { liveMedia } from '../../../renderer/src/media/live-media';

/**
 * The media engine ends a call with pc.close() and track.stop(), which fire no
 * connectionstatechange and no `ended` (per spec). The registry must still let go of them, or every
 * call's connection, its <audio> element and streams stay in the page for good (bench:soak found
 * 132 DOM nodes and an RTCPeerConnection kept per call).
 */

class FakeConnection extends EventTarget {
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'connected';
  /** As Chromium's close(): states change, no event. */
  close(): void {
    this.signalingState = 'closed';
    this.connectionState = 'closed';
  }
}

class FakeTrack extends EventTarget {
  readyState: MediaStreamTrackState = 'live';
  /** As stop(): `ended` without the event. */
  stop(): void {
    this.readyState = 'ended';
  }
}

const stream = (...tracks: FakeTrack[]) => ({ getTracks: () => tracks }) as unknown as MediaStream;

describe('live media registry', () => {
  it('holds no more than the live call and the one just ended, over many calls closed without events', () => {
    let previous: { pc: FakeConnection; track: FakeTrack } | null = null;
    for (let call = 0; call < 50; call += 1) {
      previous?.pc.close();
      previous?.track.stop();
      const pc = new FakeConnection();
      const track = new FakeTrack();
      liveMedia.addConnection(pc as unknown as RTCPeerConnection);
      liveMedia.addTracks(stream(track));
      previous = { pc, track };
    }
    expect(liveMedia.held).toEqual({ connections: 1, tracks: 1 });
  });

  it('still drops a connection the far end closed (the event) at once', () => {
    const pc = new FakeConnection();
    liveMedia.addConnection(pc as unknown as RTCPeerConnection);
    const before = liveMedia.held.connections;
    pc.connectionState = 'closed';
    pc.dispatchEvent(new Event('connectionstatechange'));
    expect(liveMedia.held.connections).toBe(before - 1);
  });
});
