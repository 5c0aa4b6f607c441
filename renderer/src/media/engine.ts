import type { BridgeClient } from '../bridge/client';

export const MEDIA_ENGINE_NAME = 'chromium-webrtc';

/**
 * Starts the renderer's media engine: the only part of Switchboard that can
 * run WebRTC. It answers main's media RPC and announces itself on every
 * (re)connection so main always knows where to send media requests.
 */
export function startMediaEngine(client: BridgeClient): void {
  client.serveMedia({
    'media.probe': () => ({
      engine: MEDIA_ENGINE_NAME,
      webrtc: typeof RTCPeerConnection === 'function',
      getUserMedia: typeof navigator.mediaDevices?.getUserMedia === 'function',
      outputSelection: typeof (HTMLMediaElement.prototype as { setSinkId?: unknown }).setSinkId === 'function',
    }),
  });
  client.onConnectionState((state) => {
    if (state !== 'open') return;
    client.invoke('media.ready', { engine: MEDIA_ENGINE_NAME }).catch((error: unknown) => {
      console.error('media engine: main refused media.ready', error);
    });
  });
}
