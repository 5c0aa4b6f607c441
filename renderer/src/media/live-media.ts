/**
 * Every peer connection and microphone track the media engine ever opened, so diagnostics (and the
 * lab) can see what is still open after calls end. A leak here is a privacy failure (a live
 * microphone, the OS's recording indicator on) and, past a few hundred connections, Chromium
 * refuses new ones and every call fails. Entries leave the registry when they are closed or ended:
 * on the event when there is one, else at the next add or count. The engine ends calls with
 * `pc.close()` and `track.stop()`, which fire no `connectionstatechange` and no `ended` (both per
 * spec); without the pruning on add, every call's connection (and through its handlers the call's
 * <audio> element and streams) stayed in the page for good (found by `npm run bench:soak`).
 */
class LiveMediaRegistry {
  private readonly connections = new Set<RTCPeerConnection>();
  private readonly tracks = new Set<MediaStreamTrack>();

  addConnection(pc: RTCPeerConnection): void {
    this.prune();
    this.connections.add(pc);
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'closed') this.connections.delete(pc);
    });
  }

  addTracks(stream: MediaStream): void {
    this.prune();
    for (const track of stream.getTracks()) {
      this.tracks.add(track);
      track.addEventListener('ended', () => this.tracks.delete(track));
    }
  }

  /** Open connections (not `closed`), live capture tracks, and call audio elements still in the page. */
  counts(): { peerConnections: number; liveTracks: number; audioElements: number } {
    this.prune();
    return {
      peerConnections: this.connections.size,
      liveTracks: this.tracks.size,
      audioElements: document.querySelectorAll('audio[data-call-id]').length,
    };
  }

  /** What the registry holds right now, closed or not (tests: nothing ended may pile up). */
  get held(): { connections: number; tracks: number } {
    return { connections: this.connections.size, tracks: this.tracks.size };
  }

  private prune(): void {
    for (const pc of this.connections) if (pc.signalingState === 'closed') this.connections.delete(pc);
    for (const track of this.tracks) if (track.readyState === 'ended') this.tracks.delete(track);
  }
}

export const liveMedia = new LiveMediaRegistry();
