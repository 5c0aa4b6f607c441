import { create } from 'zustand';
import type { StatusFeedView } from '../../../../shared/status-feed/contract';
import type { BridgeClient } from '../../bridge/client';

/** The renderer's mirror of main's status feed view: filled on every (re)connection, then from each push. */
export const useStatusFeed = create<{ view: StatusFeedView | null }>()(() => ({ view: null }));

export function bindStatusFeed(client: BridgeClient): () => void {
  const apply = (view: StatusFeedView): void => useStatusFeed.setState({ view });
  const offs = [
    client.onConnectionState((state) => {
      if (state !== 'open') return;
      // The banner is news, not work: a failed ask leaves it as it was, and the next push fills it.
      client
        .invoke('statusFeed.getView', {})
        .then(apply)
        .catch(() => undefined);
    }),
    client.on('statusFeed.view', apply),
  ];
  return () => {
    for (const off of offs) off();
  };
}

/** The incidents going on now (those of the last good read), most severe first. */
export function useActiveIncidents() {
  return useStatusFeed((s) => s.view?.incidents ?? EMPTY);
}
const EMPTY: StatusFeedView['incidents'] = [];
