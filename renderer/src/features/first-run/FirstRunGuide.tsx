import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../app/BridgeContext';
import { i18n } from '../../i18n';
import './first-run.css';

/** Remembered in this profile once the agent dismisses the guide. */
export const FIRST_RUN_KEY = 'switchboard.firstRun.dismissed';

function remembered(): boolean {
  try {
    return window.localStorage.getItem(FIRST_RUN_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * The phone bar's own button (features/telephony); the guide sends the agent there rather than
 * duplicating the form. Found by its `data-opens` mark if it has one, else by its accessible name
 * in the window's language (the telephony catalog's own words, so a translation cannot break it).
 */
function openPhoneSettings(name: string): void {
  const marked = document.querySelector<HTMLButtonElement>('button[data-opens="phone-settings"]');
  const button =
    marked ?? [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === name || b.textContent?.trim() === name);
  button?.click();
}

/**
 * First run: while no SIP account is configured (telephony state says so), a short guide says the
 * desktop already works on the local store and points to "Phone settings". It goes away by itself
 * once an account is set, and for good when dismissed.
 */
export function FirstRunGuide() {
  const { t } = useTranslation('firstRun');
  const client = useBridge();
  const [noAccount, setNoAccount] = useState(false);
  const [dismissed, setDismissed] = useState(remembered);
  useEffect(() => {
    const refresh = () => {
      client
        .invoke('telephony.getState', {})
        .then((state) => setNoAccount(state.account === null))
        .catch(() => undefined);
    };
    const offState = client.onConnectionState((state) => {
      if (state === 'open') refresh();
    });
    const offRegistration = client.on('telephony.registration', refresh);
    return () => {
      offState();
      offRegistration();
    };
  }, [client]);
  if (dismissed || !noAccount) return null;
  const dismiss = () => {
    try {
      window.localStorage.setItem(FIRST_RUN_KEY, '1');
    } catch {
      // Private mode or storage full: the guide comes back next time, nothing worse.
    }
    setDismissed(true);
  };
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">
        <svg className="first-run-icon" viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
          <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M8 7v5M8 4v1.4" stroke="currentColor" strokeWidth="1.8" />
        </svg>
        {t('title')}
      </h2>
      <p>{t('localStore')}</p>
      <p>{t('phone')}</p>
      <div className="first-run-actions">
        <button type="button" onClick={() => openPhoneSettings(i18n.t('telephony:settings.title'))}>
          {t('setUpPhone')}
        </button>
        <button type="button" onClick={dismiss}>
          {t('hide')}
        </button>
      </div>
    </section>
  );
}
