/**
 * The web shell's bridge socket, as both ends see it (electron/web-shell/host.ts and
 * renderer/src/bridge/web-socket-wire.ts). The page authenticates with its session cookie,
 * which the browser sends with the upgrade; nothing secret travels in the URL or subprotocols.
 */
export const BRIDGE_PATH = '/bridge';
/** The protocol version; a page from another build asking for another one is refused. */
export const BRIDGE_PROTOCOL = 'switchboard.v1';

/** Close codes (4000–4999 are for applications) the host uses, each with a reason sentence. */
export const BRIDGE_CLOSE = {
  /** This session already has as many bridge sockets as a window needs; the page retries later. */
  tooManyConnections: 4001,
  /** The page stopped reading and the host stopped queueing for it; reconnecting resyncs the view. */
  tooFarBehind: 4002,
} as const;
