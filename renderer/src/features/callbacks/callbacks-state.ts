import { create } from 'zustand';
import type { CallbacksView } from '../../../../shared/callbacks/contract';
import type { BridgeClient } from '../../bridge/client';

/**
 * The renderer's mirror of My callbacks: filled from `callbacks.list` whenever the bridge
 * (re)connects, then from each `callbacks.changed` push and each action's answer.
 */
interface CallbacksStore {
  view: CallbacksView | null;
  error: string | null;
  /** Bumped on every change, so My stats asks again for its overdue count. */
  version: number;
}

export const useCallbacks = create<CallbacksStore>()(() => ({ view: null, error: null, version: 0 }));

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function takeView(view: CallbacksView): void {
  useCallbacks.setState((s) => ({ view, error: null, version: s.version + 1 }));
}

export function bindCallbacks(client: BridgeClient): () => void {
  const offState = client.onConnectionState((state) => {
    if (state !== 'open') return;
    client
      .invoke('callbacks.list', {})
      .then(takeView)
      .catch((error: unknown) => useCallbacks.setState({ error: messageOf(error) }));
  });
  const offChanged = client.on('callbacks.changed', takeView);
  return () => {
    offState();
    offChanged();
  };
}
