import { create } from 'zustand';
import type { ScriptsView } from '../../../../shared/scripts/contract';
import type { BridgeClient } from '../../bridge/client';

/**
 * The renderer's mirror of the guided scripts of the contact the agent works on: asked for with
 * `scripts.get` when that contact changes or the bridge (re)connects, then each command's answer
 * and each `scripts.changed` push for the same contact.
 */
interface ScriptsStore {
  view: ScriptsView | null;
  error: string | null;
}

export const useScripts = create<ScriptsStore>()(() => ({ view: null, error: null }));

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Takes a view when it is of the contact shown (an answer for an earlier contact is dropped). */
export function takeView(view: ScriptsView, shown: string | null): void {
  if (view.interactionId === shown) useScripts.setState({ view, error: null });
}

/** Asks for the runs of `interactionId` on every (re)connection and takes main's pushes for it. */
export function bindScripts(client: BridgeClient, interactionId: string | null): () => void {
  if (interactionId === null) {
    useScripts.setState({ view: null, error: null });
    return () => undefined;
  }
  if (useScripts.getState().view?.interactionId !== interactionId) useScripts.setState({ view: null, error: null });
  const fetch = (): void => {
    client
      .invoke('scripts.get', { interactionId })
      .then((view) => takeView(view, interactionId))
      .catch((error: unknown) => useScripts.setState({ error: messageOf(error) }));
  };
  const offState = client.onConnectionState((state) => {
    if (state === 'open') fetch();
  });
  const offChanged = client.on('scripts.changed', (view) => takeView(view, interactionId));
  return () => {
    offState();
    offChanged();
  };
}
