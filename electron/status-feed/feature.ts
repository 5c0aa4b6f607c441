import type { Incident, StatusFeedView } from '../../shared/status-feed/contract';
import { ViewPush } from '../bridge/view-push';
import type { BridgeServer } from '../bridge/bridge-server';
import type { Feature } from '../core/feature';
import type { Scheduler } from '../core/scheduler';
import type { Logger } from '../logging/logger';
import { createHttpTransport, type HttpTransport } from '../sync/http-client';
import { StatusFeedPoller } from './poller';

export interface StatusFeedService {
  view(): StatusFeedView;
  /** The incident a new wrap-up suggests linking to: the most severe active one, if any. */
  incidentToSuggest(): Incident | null;
  /** Resolves when the read under way has finished (tests). */
  idle(): Promise<void>;
}

const OFF: StatusFeedView = { state: 'off', incidents: [], lastGoodAt: null, problem: null };

/**
 * The outage banner's feed: IT's `statusFeedUrl`, read every `statusFeedPollSeconds` over the same
 * trusted CAs as sync (the corporate CA of `extraCaFile`), pushed to the window as `statusFeed.view`.
 * Without a URL the view is `off` and nothing is read.
 */
export function createStatusFeedFeature(options: {
  bridge: Pick<BridgeServer, 'emit'>;
  url: string | null;
  pollSeconds: number;
  /** CAs for https (electron/security/trust-store.ts); undefined: Node's own. */
  ca?: readonly string[];
  version: string;
  scheduler: Scheduler;
  log: Logger;
  /** Tests pass their own. */
  transport?: HttpTransport;
}): Feature & { service: StatusFeedService } {
  const transport = options.url === null ? null : (options.transport ?? createHttpTransport({ maxSockets: 1, ca: options.ca }));
  let poller: StatusFeedPoller | null = null;
  const push = new ViewPush(options.bridge, 'statusFeed.view', () => poller?.view() ?? OFF);
  if (options.url !== null && transport !== null) {
    poller = new StatusFeedPoller({
      url: new URL(options.url),
      intervalMs: options.pollSeconds * 1000,
      transport,
      scheduler: options.scheduler,
      log: options.log,
      onChange: () => push.changed(),
      userAgent: `Switchboard/${options.version}`,
    });
    poller.start();
  }
  const view = (): StatusFeedView => poller?.view() ?? OFF;
  return {
    name: 'status-feed',
    service: {
      view,
      incidentToSuggest: () => view().incidents[0] ?? null,
      idle: () => poller?.idle() ?? Promise.resolve(),
    },
    handlers: { 'statusFeed.getView': () => view() },
    close() {
      push.close();
      poller?.close();
      if (!options.transport) transport?.close();
    },
  };
}
