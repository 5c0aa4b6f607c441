import type { Notice } from '../../shared/app/contract';
import { userText, type UserText } from '../../shared/text/user-text';
import type { StartupWork } from './protocol';
import { StoreClient } from './store-client';
import type { StoreOptions } from './store-options';

/** Notice id of the one-time database work at start, replaced when it is done. */
const STORE_STARTUP_NOTICE = 'store-startup';
/**
 * One-time start-up work that ends sooner is not announced: after an update, most migrations take a
 * fraction of a second, and a notice the agent has to dismiss would be all they noticed of it.
 */
export const STARTUP_NOTICE_DELAY_MS = 1_000;
/** Re-encryption's rate with its checks, a low reading (docs/performance.md, "Store: encryption"); said as "about N seconds". */
const UPGRADE_BYTES_PER_S = 30 * 1024 * 1024;

function startupWorkNotice(work: StartupWork, bytes: number): UserText {
  const seconds = Math.max(5, Math.ceil(bytes / UPGRADE_BYTES_PER_S / 5) * 5);
  return userText(work === 'cipher-upgrade' ? 'store.notice.cipherUpgrade' : 'store.notice.migration', { seconds });
}

/**
 * Opens the store and tells the window about one-time start-up work (a migration, a re-encryption)
 * that lasts longer than `delayMs`: what it is, about how long, and when it is done or failed.
 */
export async function openStoreWithNotice(
  options: Omit<StoreOptions, 'onStartupWork'>,
  notify: (notice: Notice) => void,
  delayMs: number = STARTUP_NOTICE_DELAY_MS,
): Promise<StoreClient> {
  let since: number | null = null;
  let pending: { timer: NodeJS.Timeout | null; shown: boolean } = { timer: null, shown: false };
  let store: StoreClient;
  try {
    store = await StoreClient.open({
      ...options,
      onStartupWork: (work, bytes) => {
        since ??= Date.now();
        const tell = () => {
          pending = { timer: null, shown: true };
          notify({ id: STORE_STARTUP_NOTICE, level: 'info', message: startupWorkNotice(work, bytes) });
        };
        // A second kind of work (re-encryption, then a migration) replaces the first one's text.
        if (pending.timer) clearTimeout(pending.timer);
        if (pending.shown || delayMs === 0) tell();
        else pending.timer = setTimeout(tell, delayMs);
      },
    });
  } finally {
    if (pending.timer) clearTimeout(pending.timer);
  }
  if (since !== null && (pending.shown || store.state !== 'ready')) {
    const seconds = Math.max(1, Math.round((Date.now() - since) / 1000));
    const ready = store.state === 'ready';
    const message = ready ? userText('store.notice.updated', { seconds }) : userText('store.notice.updateFailed');
    notify({ id: STORE_STARTUP_NOTICE, level: ready ? 'info' : 'warning', message });
  }
  return store;
}
