/**
 * Every peer connection and microphone track the media engine ever opened, so diagnostics (and the
 * lab) can see what is still open after calls end. A leak here is a privacy failure (a live
 * microphone, the OS's recording indicator on) and, past a few hundred connections, Chromium
 * refuses new ones and every call fails. Entries leave the registry when they are closed or ended;
 * counting also prunes, so a close that bypassed us is still seen.
 */
class LiveMediaRegistry {
  private readonly connections = new Set<RTCPeerConnection>();
  private readonly tracks = new Set<MediaStreamTrack>();

  addConnection(pc: RTCPeerConnection): void {
    this.connections.add(pc);
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'closed') this.connections.delete(pc);
    });
  }

  addTracks(stream: MediaStream): void {
    for (const track of stream.getTracks()) {
      this.tracks.add(track);
      track.addEventListener('ended', () => this.tracks.delete(track));
    }
  }

  /** Open connections (not `closed`), live capture tracks, and call audio elements still in the page. */
  counts(): { peerConnections: number; liveTracks: number; audioElements: number } {
    for (const pc of this.connections) if (pc.signalingState === 'closed') this.connections.delete(pc);
    for (const track of this.tracks) if (track.readyState === 'ended') this.tracks.delete(track);
    return {
      peerConnections: this.connections.size,
      liveTracks: this.tracks.size,
      audioElements: document.querySelectorAll('audio[data-call-id]').length,
    };
  }
}

export const liveMedia = new LiveMediaRegistry();
