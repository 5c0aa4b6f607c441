import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../app/BridgeContext';
import { useUserText } from '../../i18n';
import { messageOf, startSignIn, useSso } from './sso-state';

/** The header's sign-in: who is signed in (name and email from the ID token) with "Sign out", or "Sign in". */
export function AgentSignIn() {
  const { t } = useTranslation('sso');
  const show = useUserText();
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
    <section className="agent-sign-in" aria-label={t('agent.label')}>
      {view.agent ? (
        <>
          <span className="agent-sign-in-name">{view.agent.name}</span>
          {view.agent.email ? <span className="agent-sign-in-email">{t('agent.email', { email: view.agent.email })}</span> : null}{' '}
          <button type="button" onClick={() => void signOut()} disabled={busy}>
            {t('agent.signOut')}
          </button>
        </>
      ) : (
        <>
          <span>{view.problem ? show(view.problem) : t('agent.notSignedIn')}</span>{' '}
          <button type="button" onClick={() => void run(() => startSignIn(client))} disabled={busy}>
            {t('agent.signIn')}
          </button>
        </>
      )}
      {problem ? <span role="alert"> {problem}</span> : null}
    </section>
  );
}
