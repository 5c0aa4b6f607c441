import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { displayPhoneNumber } from '../../../../shared/store/phone';
import { useBridge } from '../../app/BridgeContext';
import { ModalDialog } from '../../ui/ModalDialog';
import { cancelDial, confirmDial, useClickToDial } from './click-to-dial-state';
import './click-to-dial.css';

/**
 * "Call +1 201 555 0123?" when a tel:/sip:/callto: link was clicked in another
 * app. A modal dialog: Escape, Close or Cancel dismisses it, Call dials. Focus
 * starts on Cancel so a stray Enter never places a call.
 */
export function ClickToDialPrompt() {
  const request = useClickToDial((s) => s.request);
  if (!request) return null;
  return <Prompt key={request.id} />;
}

function Prompt() {
  const { t } = useTranslation('clickToDial');
  const client = useBridge();
  const { request, busy, error } = useClickToDial();
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // The dialog's own effects (opening it, its first focus) run before this parent's, so Cancel
    // takes the focus last; a frame later again, in case the dialog moves focus once it is shown.
    cancelRef.current?.focus();
    const frame = requestAnimationFrame(() => cancelRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, []);

  if (!request) return null;
  // A SIP address is shown as it came; a phone number the way people write it (dialled as E.164).
  const target = request.scheme.startsWith('sip') ? request.display : displayPhoneNumber(request.display);
  return (
    <ModalDialog title={t('title', { target })} onClose={cancelDial} className="click-to-dial-dialog">
      <p className="click-to-dial-detail">
        {t('detail', { scheme: request.scheme })}
        {request.extension ? ` ${t('extension', { extension: request.extension })}` : ''}
      </p>
      {error ? (
        <p role="alert" className="click-to-dial-error">
          <svg className="click-to-dial-error-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <path d="M8 4v5M8 10.8v1.4" stroke="currentColor" strokeWidth="1.8" />
          </svg>
          <span>{error}</span>
        </p>
      ) : null}
      <div className="click-to-dial-actions">
        <button type="button" onClick={() => void confirmDial(client)} disabled={busy}>
          {t('call')}
        </button>
        <button type="button" ref={cancelRef} onClick={cancelDial}>
          {t('cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}
