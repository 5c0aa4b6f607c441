import { randomUUID } from 'node:crypto';
import type { DialRequest } from '../../shared/click-to-dial/contract';
import { parseClickToDial } from '../../shared/click-to-dial/parse';
import { englishOf, userText } from '../../shared/text/user-text';
import type { BridgeServer } from '../bridge/bridge-server';
import type { Feature } from '../core/feature';
import type { PlatformServices } from '../core/platform-services';
import type { Logger } from '../logging/logger';

/** A link older than this is not offered any more (the agent clicked it long ago; the moment has passed). */
export const PENDING_TTL_MS = 2 * 60_000;

export type LinkSource = 'os' | 'second-instance' | 'command-line' | 'in-app';

export interface ClickToDialOptions {
  bridge: BridgeServer;
  platform: PlatformServices;
  log: Logger;
  now?: () => number;
}

/**
 * Turns a clicked tel:/sip:/callto: link into a request the renderer confirms
 * ("Call +12015550123?"). Main never dials from a link: the renderer's
 * confirmation sends the ordinary telephony.dial command. The link that
 * started the app waits (`takePending`) until the window asks for it.
 */
export class ClickToDialService {
  private pending: DialRequest | null = null;
  private readonly now: () => number;

  constructor(private readonly options: ClickToDialOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A link arrived from the OS or a command line. Returns the request, or null when the link was refused. */
  offer(link: string, source: LinkSource): DialRequest | null {
    const parsed = parseClickToDial(link);
    if (!parsed.ok) {
      // The reason is one of the parser's fixed messages (at most a limit filled in): no part of the link itself is logged.
      this.options.log.warn('click-to-dial link refused', { source, reason: englishOf(parsed.reason) });
      this.options.bridge.emit('app.notice', {
        id: 'click-to-dial',
        level: 'warning',
        message: userText('app.clickToDial.refused', { reason: parsed.reason }),
      });
      return null;
    }
    const request: DialRequest = { id: randomUUID(), ...parsed.request, at: this.now() };
    this.pending = request;
    this.options.log.info('click-to-dial link received', { source, scheme: request.scheme });
    this.options.bridge.emit('clickToDial.requested', request);
    this.options.platform.focusWindow();
    return request;
  }

  /** The waiting request, once; null when none or when it is stale. */
  takePending(): DialRequest | null {
    const request = this.pending;
    this.pending = null;
    if (!request || this.now() - request.at > PENDING_TTL_MS) return null;
    return request;
  }
}

/** Click-to-dial: the service the hosts hand links to, and the command the window takes the waiting one with. */
export function createClickToDialFeature(options: ClickToDialOptions): Feature & { service: ClickToDialService } {
  const service = new ClickToDialService(options);
  return { name: 'click-to-dial', service, handlers: { 'clickToDial.takePending': () => ({ request: service.takePending() }) } };
}
