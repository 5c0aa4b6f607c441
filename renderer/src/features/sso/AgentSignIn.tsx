import { useState } from 'react';
import { useBridge } from '../../app/BridgeContext';
import { messageOf, startSignIn, useSso } from './sso-state';

/** The header's sign-in: who is signed in (name and email from the ID token) with "Sign out", or "Sign in". */
export function AgentSignIn() {
  const client = useBridge();
  const view = useSso((s) => s.view);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!view?.configured) return null;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const signOut = () =>
    run(async () => {
      useSso.setState({ view: await client.invoke('sso.signOut', {}) });
    });

  return (
    <section className="agent-sign-in" aria-label="Signed-in agent">
      {view.agent ? (
        <>
          <span className="agent-sign-in-name">{view.agent.name}</span>
          {view.agent.email ? <span className="agent-sign-in-email"> ({view.agent.email})</span> : null}{' '}
          <button type="button" onClick={() => void signOut()} disabled={busy}>
            Sign out
          </button>
        </>
      ) : (
        <>
          <span>{view.problem ?? 'Not signed in'}</span>{' '}
          <button type="button" onClick={() => void run(() => startSignIn(client))} disabled={busy}>
            Sign in
          </button>
        </>
      )}
      {problem ? <span role="alert"> {problem}</span> : null}
    </section>
  );
}
