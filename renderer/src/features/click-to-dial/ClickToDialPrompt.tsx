import { useEffect, useRef } from 'react';
import { useBridge } from '../../app/BridgeContext';
import { cancelDial, confirmDial, useClickToDial } from './click-to-dial-state';
import './click-to-dial.css';

/**
 * "Call +12015550123?" when a tel:/sip:/callto: link was clicked in another
 * app. A modal dialog: Escape or Cancel dismisses it, Call dials. Focus starts
 * on Cancel so a stray Enter never places a call.
 */
export function ClickToDialPrompt() {
  const request = useClickToDial((s) => s.request);
  if (!request) return null;
  return <Prompt key={request.id} />;
}

function Prompt() {
  const client = useBridge();
  const { request, busy, error } = useClickToDial();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    const closed = () => cancelDial();
    dialog.addEventListener('close', closed);
    return () => {
      dialog.removeEventListener('close', closed);
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  if (!request) return null;
  const title = `Call ${request.display}?`;
  return (
    <dialog ref={ref} className="click-to-dial-dialog" aria-labelledby="click-to-dial-title" aria-describedby="click-to-dial-detail">
      <h2 id="click-to-dial-title">{title}</h2>
      <p id="click-to-dial-detail">
        A {request.scheme}: link was opened with Switchboard.
        {request.extension ? ` Extension ${request.extension}: dial it on the keypad once the call is answered.` : ''}
      </p>
      {error ? (
        <p role="alert" className="click-to-dial-error">
          {error}
        </p>
      ) : null}
      <div className="click-to-dial-actions">
        <button type="button" onClick={() => void confirmDial(client)} disabled={busy}>
          Call
        </button>
        <button type="button" ref={cancelRef} onClick={() => ref.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
