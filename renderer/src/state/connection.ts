import { create } from 'zustand';
import type { AppInfo } from '../../../shared/bridge/commands';
import type { Notice } from '../../../shared/bridge/events';
import type { BridgeClient, ConnectionState } from '../bridge/client';

interface ConnectionStore {
  state: ConnectionState;
  problem: string | null;
  info: AppInfo | null;
  /** Last bridge round trip in ms, from the connection check. */
  lastRoundTripMs: number | null;
  /** The nonce of the last `diagnostics.pinged` event seen: proves events flow. */
  lastPingEvent: string | null;
  /** Whether main could reach this window's media engine and it can do WebRTC. */
  mediaEngine: 'ready' | 'no-webrtc' | 'unreachable' | null;
  notices: Notice[];
  dismissNotice: (id: string) => void;
}

export const useConnection = create<ConnectionStore>()((set) => ({
  state: 'connecting',
  problem: null,
  info: null,
  lastRoundTripMs: null,
  lastPingEvent: null,
  mediaEngine: null,
  notices: [],
  dismissNotice: (id) => {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    // Main keeps undismissed notices for windows that open later; tell it this one is read.
    boundClient?.invoke('app.dismissNotice', { id }).catch(() => undefined);
  },
}));

let boundClient: BridgeClient | null = null;

/** Mirrors the bridge's state and main's app-level events into the store. */
export function bindConnection(client: BridgeClient): void {
  boundClient = client;
  client.onConnectionState((state) => {
    useConnection.setState({ state });
    if (state === 'open') {
      client
        .invoke('app.getInfo', {})
        .then((info) => useConnection.setState({ info }))
        .catch(() => undefined);
      // Notices raised before this window connected (or before a reload) are shown too.
      client
        .invoke('app.listNotices', {})
        .then(({ notices }) => useConnection.setState((s) => ({ notices: mergeNotices(s.notices, notices) })))
        .catch(() => undefined);
    }
  });
  client.on('diagnostics.pinged', ({ nonce }) => useConnection.setState({ lastPingEvent: nonce }));
  client.on('app.notice', (notice) => useConnection.setState((s) => ({ notices: mergeNotices(s.notices, [notice]) })));
}

/** The newest copy of each notice, newest last, at most five on screen. */
function mergeNotices(shown: Notice[], incoming: Notice[]): Notice[] {
  const ids = new Set(incoming.map((n) => n.id));
  return [...shown.filter((n) => !ids.has(n.id)), ...incoming].slice(-5);
}

/**
 * Sends one ping through the bridge and records the round trip, then has main
 * probe this window's media engine (main → renderer media RPC).
 */
export async function checkConnection(client: BridgeClient): Promise<void> {
  const nonce = Math.random().toString(36).slice(2, 12);
  const started = performance.now();
  try {
    await client.invoke('diagnostics.ping', { nonce });
    useConnection.setState({ lastRoundTripMs: performance.now() - started, problem: null });
    const probe = await client.invoke('diagnostics.probeMedia', {}).catch(() => null);
    useConnection.setState({ mediaEngine: probe === null ? 'unreachable' : probe.webrtc && probe.getUserMedia ? 'ready' : 'no-webrtc' });
  } catch (error) {
    useConnection.setState({ problem: error instanceof Error ? error.message : String(error) });
  }
}
