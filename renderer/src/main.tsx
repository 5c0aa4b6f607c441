import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTheme } from './app/appearance';
import { BridgeContext } from './app/BridgeContext';
import { reportLanguages } from './app/report-languages';
import { connectBridge } from './bridge/connect';
import { reportUncaughtErrors } from './bridge/error-reporting';
import { reportWindowFocus } from './bridge/window-focus';
import { bindAgent } from './features/agent';
import { bindClickToDial } from './features/click-to-dial';
import { bindStore } from './features/store';
import { bindDiagnostics } from './features/diagnostics';
import { bindPreShift } from './features/pre-shift';
import { bindEscalation } from './features/escalation';
import { bindTelephony } from './features/telephony';
import { bindSettings } from './features/settings';
import { bindSync } from './features/sync';
import { bindStatusFeed } from './features/status-feed';
import { bindSso, SignInGate } from './features/sso';
import { startMediaEngine } from './media/engine';
import { bindConnection, useConnection } from './state/connection';
import { applyLanguage, pickLanguage } from './i18n';
import './styles/tokens.css';
import './styles.css';

// Before anything renders, so the first frame is already in the agent's language and the OS's
// light or dark (bindSettings below replaces both with the remembered ones, if any).
applyLanguage(pickLanguage(null, navigator.languages));
applyTheme('system');

const outcome = connectBridge();
// First, so an error while the features bind is reported too.
reportUncaughtErrors(outcome.client);
bindConnection(outcome.client);
reportWindowFocus(outcome.client);
reportLanguages(outcome.client);
bindSync(outcome.client);
bindTelephony(outcome.client);
bindEscalation(outcome.client);
bindAgent(outcome.client);
bindDiagnostics(outcome.client);
bindPreShift(outcome.client);
bindClickToDial(outcome.client);
bindSettings(outcome.client);
bindStore(outcome.client);
bindStatusFeed(outcome.client);
bindSso(outcome.client);
if (outcome.ok) startMediaEngine(outcome.client);
else useConnection.setState({ problem: outcome.reason });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <BridgeContext.Provider value={outcome.client}>
      <SignInGate>
        <App />
      </SignInGate>
    </BridgeContext.Provider>
  </StrictMode>,
);
