import type { BridgeClient } from './client';

/**
 * Tells main whether this page has the agent's attention (focused and visible), each time that
 * changes and again whenever the bridge (re)connects. Only the web shell needs it: it cannot see
 * the browser window, and a ringing call should notify only an agent who is looking elsewhere
 * (electron/telephony/ring-attention.ts). Electron asks its BrowserWindow instead.
 */
export function reportWindowFocus(client: BridgeClient, target: Window = window): void {
  const doc = target.document;
  let sent: boolean | null = null;
  const send = (focused: boolean): void => {
    if (client.host !== 'web' || client.connectionState !== 'open' || focused === sent) return;
    sent = focused;
    // Lost with the connection: the next 'open' sends the state again.
    client.invoke('app.windowFocus', { focused }).catch(() => {
      sent = null;
    });
  };
  const current = (): boolean => doc.visibilityState === 'visible' && doc.hasFocus();
  // During 'blur' the document may still report focus: the event itself says it was lost.
  target.addEventListener('focus', () => send(doc.visibilityState === 'visible'));
  target.addEventListener('blur', () => send(false));
  doc.addEventListener('visibilitychange', () => send(current()));
  client.onConnectionState((state) => {
    if (state !== 'open') {
      sent = null;
      return;
    }
    send(current());
  });
}
