import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../app/BridgeContext';
import { useUserText } from '../../i18n';
import { messageOf, startSignIn, useSso } from './sso-state';

/**
 * The only thing on screen while IT requires sign-in (policy ssoRequired) and the agent is not
 * signed in: what to do, why the last sign-in ended, and one "Sign in" button, which opens the
 * organisation's sign-in page in the system browser.
 */
export function SignInScreen() {
  const { t } = useTranslation('sso');
  const show = useUserText();
  const client = useBridge();
  const view = useSso((s) => s.view);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const signIn = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await startSignIn(client);
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  // The window's own failure to start the sign-in first, else why main says the agent is not signed in.
  const shown = problem ?? show(view?.problem);
  return (
    <main className="sign-in-screen" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('screen.title')}</h1>
      <p>{t('screen.body')}</p>
      {shown ? (
        <p role="alert" className="sign-in-problem">
          <svg className="sign-in-problem-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <path d="M8 4v5M8 10.8V12.2" stroke="currentColor" strokeWidth="1.8" />
          </svg>
          <span>{shown}</span>
        </p>
      ) : null}
      {view?.signingIn ? <p role="status">{t('screen.waiting')}</p> : null}
      <button type="button" onClick={() => void signIn()} disabled={busy}>
        {t('screen.signIn')}
      </button>
    </main>
  );
}
