import path from 'node:path';
import { app } from 'electron';
import { CLICK_TO_DIAL_SCHEMES, findDialLink } from '../../shared/click-to-dial/parse';
import type { LinkSource } from '../click-to-dial/service';
import type { Logger } from '../logging/logger';

export interface DialLinkTarget {
  offer(link: string, source: LinkSource): unknown;
}

/** Links that arrive before the core exists are kept (a few only: a flood of links is not queued). */
const MAX_QUEUED = 3;

/**
 * The Electron side of click-to-dial. Call before the app is ready: macOS delivers the click that
 * launched the app as 'open-url' early. Windows and Linux pass the link on the command line, of
 * this process (`fromArgv(process.argv)`) or of a second launch ('second-instance' argv).
 */
export function installClickToDial(log: Logger): {
  attach(target: DialLinkTarget): void;
  fromArgv(argv: readonly string[], source: LinkSource): boolean;
  /** A link clicked inside the app's own window (hardening routes it here instead of the OS). */
  offer(link: string, source: LinkSource): void;
} {
  let target: DialLinkTarget | null = null;
  const queue: [string, LinkSource][] = [];
  const deliver = (link: string, source: LinkSource): void => {
    if (target) target.offer(link, source);
    else if (queue.length < MAX_QUEUED) queue.push([link, source]);
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deliver(url, 'os');
  });
  return {
    attach(next) {
      target = next;
      registerProtocolClients(log);
      for (const [link, source] of queue.splice(0)) next.offer(link, source);
    },
    offer: deliver,
    fromArgv(argv, source) {
      const link = findDialLink(argv);
      if (link !== null) deliver(link, source);
      return link !== null;
    },
  };
}

/**
 * Makes Switchboard the handler of tel:, sip:, sips: and callto: for this user (packaged builds only:
 * a development run must not take the links over). macOS and Linux packages also declare them in
 * Info.plist / the .desktop file (electron-builder.yml `protocols`).
 */
function registerProtocolClients(log: Logger): void {
  if (!app.isPackaged && !process.env.SWITCHBOARD_REGISTER_PROTOCOLS) return;
  const args = process.defaultApp && process.argv[1] ? [path.resolve(process.argv[1])] : [];
  for (const scheme of CLICK_TO_DIAL_SCHEMES) {
    try {
      if (app.isDefaultProtocolClient(scheme, process.execPath, args)) continue;
      const ok = app.setAsDefaultProtocolClient(scheme, process.execPath, args);
      log.info('protocol handler registration', { scheme, ok });
    } catch (error) {
      log.warn('protocol handler registration failed', { scheme, error: error instanceof Error ? error.name : 'unknown' });
    }
  }
}
