import { useEffect, useState } from 'react';
import { useBridge } from '../../app/BridgeContext';
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

/** The phone bar's own button (features/telephony); the guide sends the agent there rather than duplicating the form. */
function openPhoneSettings(): void {
  const buttons = [...document.querySelectorAll('button')];
  buttons.find((b) => b.textContent?.trim() === 'Phone settings')?.click();
}

/**
 * First run: while no SIP account is configured (telephony state says so), a short guide says the
 * desktop already works on the local store and points to "Phone settings". It goes away by itself
 * once an account is set, and for good when dismissed.
 */
export function FirstRunGuide() {
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
      <h2 id="first-run-title">Getting started</h2>
      <p>
        Switchboard is ready to use: customers, cases and your work are kept in the local store on this computer, and they are sent to the
        CRM once a sync server is set up.
      </p>
      <p>To take and make calls, enter your SIP account (server, domain, username and password) under “Phone settings” in the phone bar.</p>
      <div className="first-run-actions">
        <button type="button" onClick={openPhoneSettings}>
          Set up the phone
        </button>
        <button type="button" onClick={dismiss}>
          Hide this guide
        </button>
      </div>
    </section>
  );
}
