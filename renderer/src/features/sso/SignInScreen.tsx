import { useState } from 'react';
import { useBridge } from '../../app/BridgeContext';
import { messageOf, startSignIn, useSso } from './sso-state';

/**
 * The only thing on screen while IT requires sign-in (policy ssoRequired) and the agent is not
 * signed in: what to do, why the last sign-in ended, and one "Sign in" button, which opens the
 * organisation's sign-in page in the system browser.
 */
export function SignInScreen() {
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

  const shown = problem ?? view?.problem ?? null;
  return (
    <main className="sign-in-screen" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to Switchboard</h1>
      <p>
        Your organisation signs you in. Switchboard opens its sign-in page in your browser; come back here when it says you are signed in.
      </p>
      {shown ? (
        <p role="alert" className="sign-in-problem">
          {shown}
        </p>
      ) : null}
      {view?.signingIn ? <p role="status">Waiting for the sign-in in your browser…</p> : null}
      <button type="button" onClick={() => void signIn()} disabled={busy}>
        Sign in
      </button>
    </main>
  );
}
