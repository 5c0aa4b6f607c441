import { create } from 'zustand';
import type { StoreStatus } from '../../../../shared/store/contract';
import type { BridgeClient } from '../../bridge/client';

export interface ImportProgress {
  importId: string;
  phase: 'receiving' | 'parsing' | 'validating' | 'writing' | 'indexing' | 'done';
  done: number;
  total: number;
}

/**
 * The renderer's mirror of the local store's status (`store.status`, then
 * `store.statusChanged`) and of the import in progress (`store.importProgress`).
 */
interface StoreState {
  status: StoreStatus | null;
  progress: ImportProgress | null;
}

export const useStoreState = create<StoreState>()(() => ({ status: null, progress: null }));

export function bindStore(client: BridgeClient): () => void {
  const offState = client.onConnectionState((state) => {
    if (state !== 'open') return;
    client
      .invoke('store.status', {})
      .then((status) => useStoreState.setState({ status }))
      .catch(() => undefined);
  });
  // A pushed status has no counts (main leaves them out: they cost a scan of the whole store); the last ones read stay.
  const offStatus = client.on('store.statusChanged', (status) =>
    useStoreState.setState((s) => ({
      status: status.counts === null && s.status?.counts ? { ...status, counts: s.status.counts } : status,
    })),
  );
  const offProgress = client.on('store.importProgress', (progress) => {
    const current = useStoreState.getState().progress;
    // Only the import this window started (its id is set when it begins).
    if (current && current.importId === progress.importId) useStoreState.setState({ progress });
  });
  return () => {
    offState();
    offStatus();
    offProgress();
  };
}

/** The format to tell main, from the file name (main detects it from the text otherwise). */
export function formatOf(fileName: string): 'csv' | 'json' | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  if (ext === 'json' || ext === 'jsonl' || ext === 'ndjson') return 'json';
  return undefined;
}

/** Splits text into chunks of at most `size` characters, never between the halves of a surrogate pair. */
export function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && end - start > 1 && last >= 0xd800 && last <= 0xdbff) end -= 1;
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}
