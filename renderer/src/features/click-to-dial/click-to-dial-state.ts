import { create } from 'zustand';
import type { DialRequest } from '../../../../shared/click-to-dial/contract';
import { parseClickToDial } from '../../../../shared/click-to-dial/parse';
import type { BridgeClient } from '../../bridge/client';

/** The clicked link waiting for the agent's "Call" or "Cancel". Nothing dials before that. */
interface ClickToDialStore {
  request: DialRequest | null;
  busy: boolean;
  error: string | null;
}

export const useClickToDial = create<ClickToDialStore>()(() => ({ request: null, busy: false, error: null }));

const show = (request: DialRequest | null): void => {
  if (request) useClickToDial.setState({ request, busy: false, error: null });
};

/**
 * Follows `clickToDial.requested`, and on every (re)connect asks main for the
 * link that started the app before this window was listening.
 */
export function bindClickToDial(client: BridgeClient): () => void {
  const take = (): void => {
    client
      .invoke('clickToDial.takePending', {})
      .then(({ request }) => show(request))
      .catch(() => undefined);
  };
  const offState = client.onConnectionState((state) => {
    if (state === 'open') take();
  });
  const offEvent = client.on('clickToDial.requested', (request) => {
    show(request);
    // Clear main's copy: a reload must not ask again for a link already on screen.
    client.invoke('clickToDial.takePending', {}).catch(() => undefined);
  });
  // A phone link inside the app itself (case notes, a customer record) asks the same question.
  const onClick = (event: MouseEvent): void => {
    const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
    const href = anchor?.getAttribute('href') ?? '';
    if (!/^(tel|sips?|callto):/i.test(href)) return;
    event.preventDefault();
    const parsed = parseClickToDial(href);
    if (parsed.ok) show({ ...parsed.request, id: `in-app-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`, at: Date.now() });
  };
  document.addEventListener('click', onClick, true);
  return () => {
    offState();
    offEvent();
    document.removeEventListener('click', onClick, true);
  };
}

/** The agent confirmed: the ordinary dial command, as if the number had been typed. */
export async function confirmDial(client: BridgeClient): Promise<void> {
  const { request } = useClickToDial.getState();
  if (!request) return;
  useClickToDial.setState({ busy: true, error: null });
  try {
    await client.invoke('telephony.dial', { target: request.dial });
    useClickToDial.setState({ request: null, busy: false });
  } catch (error) {
    useClickToDial.setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
  }
}

export function cancelDial(): void {
  useClickToDial.setState({ request: null, busy: false, error: null });
}
