import { create } from 'zustand';
import type { SyncStatus } from '../../../../shared/sync/contract';
import type { BridgeClient } from '../../bridge/client';

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

/** "just now", "4 min ago", "3 h ago", else the date and time. */
export function relativeTime(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Date(at).toLocaleString();
}
