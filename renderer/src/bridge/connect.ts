import type { PreloadApi } from '../../../shared/bridge/preload-api';
import { BridgeClient } from './client';
import { connectElectronWire } from './electron-wire';
import { connectWebSocketWire } from './web-socket-wire';

declare global {
  interface Window {
    /** Present only in Electron, put there by preload. */
    switchboard?: PreloadApi;
  }
}

export type ConnectOutcome = { ok: true; client: BridgeClient } | { ok: false; reason: string; client: BridgeClient };

/** Connects over whichever transport this page was opened with. */
export function connectBridge(): ConnectOutcome {
  const client = new BridgeClient();
  if (window.switchboard) {
    client.attachWire(connectElectronWire(client, window.switchboard));
    return { ok: true, client };
  }
  // The host served this page only to a signed-in browser (its session cookie); the socket uses the same cookie.
  client.attachWire(connectWebSocketWire(client));
  return { ok: true, client };
}
