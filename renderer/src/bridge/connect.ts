import type { PreloadApi } from '../../../shared/bridge/preload-api';
import { BridgeClient } from './client';
import { connectElectronWire } from './electron-wire';
import { connectWebSocketWire, takeLaunchToken } from './web-socket-wire';

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
  const token = takeLaunchToken();
  if (!token) {
    client.setConnectionState('closed');
    return { ok: false, client, reason: 'This page was opened without its launch token. Start Switchboard with `npm start` and use the window it opens.' };
  }
  client.attachWire(connectWebSocketWire(client, token));
  return { ok: true, client };
}
