import type { AppInfo } from '../../shared/bridge/commands';
import type { BridgeServer } from '../bridge/bridge-server';
import { rendererErrorHandler } from '../diagnostics/renderer-errors';
import type { Logger } from '../logging/logger';
import type { Feature } from './feature';
import type { PlatformServices } from './platform-services';

/**
 * What the window needs before any service is up: who we are, the notices, the liveness ping, the
 * media engine announcing itself and the renderer's uncaught errors. The core mounts it first, so
 * these answer while a long one-time database update runs.
 */
export function createAppFeature(deps: {
  bridge: Pick<BridgeServer, 'emit' | 'retainedNotices' | 'dismissNotice' | 'requestMedia' | 'attachMediaEngine'>;
  info: AppInfo;
  log: Logger;
  platform?: Pick<PlatformServices, 'reportWindowFocus' | 'language'>;
}): Feature {
  const { bridge, info, log, platform } = deps;
  return {
    name: 'app',
    handlers: {
      'app.getInfo': () => info,
      'app.listNotices': () => ({ notices: bridge.retainedNotices() }),
      'app.dismissNotice': ({ id }) => {
        bridge.dismissNotice(id);
        return {};
      },
      'app.reportError': rendererErrorHandler(log),
      'app.windowFocus': ({ focused }) => {
        // A host that asks the OS itself (Electron) has no use for the page's word.
        platform?.reportWindowFocus?.(focused);
        return {};
      },
      'app.reportLanguages': ({ languages }) => {
        // What main shows itself follows them when the setting says "system" and the host's OS cannot say (the web shell).
        platform?.language?.reportPageLanguages(languages);
        return {};
      },
      'diagnostics.ping': ({ nonce }) => {
        const receivedAt = Date.now();
        bridge.emit('diagnostics.pinged', { nonce, at: receivedAt });
        return { nonce, receivedAt };
      },
      'diagnostics.probeMedia': () => bridge.requestMedia('media.probe', {}, { timeoutMs: 5_000 }),
      'media.ready': (_request, { link }) => {
        bridge.attachMediaEngine(link);
        return {};
      },
    },
  };
}
