/**
 * The renderer's origin in Electron: a privileged, standard custom scheme, so
 * the app has a real origin (not file://) to scope permissions, CSP and IPC to.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs of the app's own origin. WHATWG gives custom schemes an opaque origin, so scheme and host are compared. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** What a message from a renderer must come from: our window's top-level frame showing our origin. */
export interface SenderFacts {
  /** The frame that sent it; null when it is already gone. */
  frameUrl: string | null;
  isTopLevelFrame: boolean;
  /** Whether it belongs to the web contents of the app's window. */
  fromAppWindow: boolean;
}

export function isTrustedSender(sender: SenderFacts): boolean {
  return sender.fromAppWindow && sender.isTopLevelFrame && sender.frameUrl !== null && isAppUrl(sender.frameUrl);
}
