import { app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../logging/logger';
import { isAppUrl } from '../security/app-origin';
import { isExternalUrlAllowed, isHidDeviceAllowed, isPermissionAllowed } from '../security/permissions';

/**
 * Session-wide policy: permissions are denied unless permissions.ts allows
 * them; device access only for telephony headsets.
 */
export function hardenSession(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed({
      permission,
      requestingUrl: details.requestingUrl,
      isMainFrame: details.isMainFrame,
      mediaTypes: 'mediaTypes' in details ? (details.mediaTypes ?? []) : [],
    });
    if (!allowed) log.warn('denied permission request', { permission });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed({
      permission,
      requestingUrl: details.requestingUrl ?? requestingOrigin,
      isMainFrame: details.isMainFrame,
      ...(details.mediaType ? { mediaType: details.mediaType } : {}),
    }),
  );
  session.setDevicePermissionHandler((details) =>
    details.deviceType === 'hid' && 'collections' in details.device ? isHidDeviceAllowed(details.origin, details.device) : false,
  );
  // The renderer never downloads files.
  session.on('will-download', (event) => event.preventDefault());
}

const DIAL_LINK = /^(tel|sips?|callto):/i;

/**
 * Every web contents the app creates: no navigation away from the app, no new
 * windows (links to allowed schemes go to the OS browser), no <webview>.
 * A tel:/sip:/callto: link clicked inside the app goes to `onDialLink`
 * (click-to-dial, which asks before calling) instead of leaving the app.
 */
export function hardenAllWebContents(log: Logger, options: { onDialLink?: (url: string) => void } = {}): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) {
        event.preventDefault();
        if (DIAL_LINK.test(url) && options.onDialLink) options.onDialLink(url);
        else log.warn('blocked navigation away from the app');
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalUrlAllowed(url)) void shell.openExternal(url);
      else if (DIAL_LINK.test(url) && options.onDialLink) options.onDialLink(url);
      else log.warn('blocked a new window');
      return { action: 'deny' };
    });
  });
}
