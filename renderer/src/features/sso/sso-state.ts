import { create } from 'zustand';
import type { SsoView } from '../../../../shared/sso/contract';
import type { BridgeClient } from '../../bridge/client';
import { i18n } from '../../i18n';

/** The renderer's mirror of main's sign-in view: filled on every (re)connection, then from each push. */
export const useSso = create<{ view: SsoView | null }>()(() => ({ view: null }));

export function bindSso(client: BridgeClient): () => void {
  const apply = (view: SsoView): void => useSso.setState({ view });
  const offs = [
    client.onConnectionState((state) => {
      if (state !== 'open') return;
      client
        .invoke('sso.getView', {})
        .then(apply)
        .catch(() => undefined);
    }),
    client.on('sso.view', apply),
  ];
  return () => {
    for (const off of offs) off();
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : i18n.t('sso:failed');
}

/** Asks main to start the sign-in and opens the provider's page in the system browser (a tab in the web shell). */
export async function startSignIn(client: BridgeClient): Promise<void> {
  const { authorizationUrl } = await client.invoke('sso.signIn', {});
  window.open(authorizationUrl, '_blank', 'noopener');
}
