import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../app/BridgeContext';
import { openPreShiftCheck, usePreShift } from './pre-shift-run';

/** Dismissed for this window's life (a reload or the next sign-in offers it again). */
const DISMISSED_KEY = 'switchboard.preShift.offerDismissed';

function dismissedThisSession(): boolean {
  try {
    return window.sessionStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

const sameDay = (iso: string, now: Date): boolean => new Date(iso).toDateString() === now.toDateString();

/**
 * The start of a shift: once the phone is registered (after sign-in, or a first account set up),
 * the check is offered, unless it already ran today on this computer or the agent said not now.
 */
export function PreShiftOffer() {
  const { t } = useTranslation('preShift');
  const client = useBridge();
  const [offer, setOffer] = useState(false);
  const [dismissed, setDismissed] = useState(dismissedThisSession);
  const checkOpen = usePreShift((s) => s.open);
  useEffect(() => {
    const consider = (registered: boolean) => {
      if (!registered) return;
      client
        .invoke('preShift.status', {})
        .then((status) => setOffer(status.last === null || !sameDay(status.last.at, new Date())))
        .catch(() => undefined);
    };
    const offState = client.onConnectionState((state) => {
      if (state !== 'open') return;
      client
        .invoke('telephony.getState', {})
        .then((s) => consider(s.registration.status === 'registered'))
        .catch(() => undefined);
    });
    const offRegistration = client.on('telephony.registration', (state) => consider(state.status === 'registered'));
    return () => {
      offState();
      offRegistration();
    };
  }, [client]);
  if (!offer || dismissed || checkOpen) return null;
  const dismiss = () => {
    try {
      window.sessionStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Storage refused: the offer comes back after a reload, nothing worse.
    }
    setDismissed(true);
  };
  return (
    <section className="pre-shift-offer" aria-label={t('offer.label')}>
      <p>{t('offer.text')}</p>
      <button
        type="button"
        onClick={() => {
          dismiss();
          openPreShiftCheck(client);
        }}
      >
        {t('offer.run')}
      </button>{' '}
      <button type="button" onClick={dismiss}>
        {t('offer.notNow')}
      </button>
    </section>
  );
}
