import type { Notice } from '../../shared/app/contract';
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

function startupWorkNotice(work: StartupWork, bytes: number): string {
  const seconds = Math.max(5, Math.ceil(bytes / UPGRADE_BYTES_PER_S / 5) * 5);
  const what =
    work === 'cipher-upgrade'
      ? 'Switchboard is re-encrypting the local customer database in a faster format'
      : 'Switchboard is updating the local customer database for this version';
  return `${what} (once, after this update; about ${seconds} seconds). Calls, screen pops and the customer list start when it is done.`;
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
    const message = ready
      ? `The local customer database was updated in ${seconds} s; Switchboard is ready.`
      : 'The local customer database could not be updated (see the notice below).';
    notify({ id: STORE_STARTUP_NOTICE, level: ready ? 'info' : 'warning', message });
  }
  return store;
}
