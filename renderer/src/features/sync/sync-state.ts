import { create } from 'zustand';
import type { SyncStatus } from '../../../../shared/sync/contract';
import type { BridgeClient } from '../../bridge/client';
import { formatDateTime, formatRelative, i18n } from '../../i18n';

/**
 * The renderer's mirror of main's sync status. Main owns it; this store is
 * filled from `sync.getStatus` whenever the bridge (re)connects (so a reload
 * shows the truth at once) and then follows `sync.statusChanged`.
 */
interface SyncStore {
  status: SyncStatus | null;
  /** The last command that failed, in words, until the next success. */
  error: string | null;
  busy: boolean;
}

export const useSync = create<SyncStore>()(() => ({ status: null, error: null, busy: false }));

export function bindSync(client: BridgeClient): () => void {
  const offState = client.onConnectionState((state) => {
    if (state !== 'open') return;
    client
      .invoke('sync.getStatus', {})
      .then((status) => useSync.setState({ status }))
      .catch((error: unknown) => useSync.setState({ error: messageOf(error) }));
  });
  const offEvent = client.on('sync.statusChanged', (status) => useSync.setState({ status }));
  return () => {
    offState();
    offEvent();
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs a sync command, keeping `busy` and `error` current for the UI. */
export async function runSyncCommand<T>(action: () => Promise<T>): Promise<T | null> {
  useSync.setState({ busy: true });
  try {
    const result = await action();
    useSync.setState({ busy: false, error: null });
    return result;
  } catch (error) {
    useSync.setState({ busy: false, error: messageOf(error) });
    return null;
  }
}

/** "just now", "4 minutes ago", "3 hours ago" (in the window's language), else the date and time. */
export function relativeTime(at: number, now: number, locale: string): string {
  const ago = Math.max(0, now - at);
  if (ago < 45_000) return i18n.t('sync:justNow', { lng: locale });
  if (ago < 86_400_000) return formatRelative(-ago, locale);
  return formatDateTime(at, locale);
}
