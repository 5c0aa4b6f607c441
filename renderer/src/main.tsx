import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { BridgeContext } from './app/BridgeContext';
import { connectBridge } from './bridge/connect';
import { bindSync } from './features/sync';
import { startMediaEngine } from './media/engine';
import { bindConnection, useConnection } from './state/connection';
import './styles.css';

const outcome = connectBridge();
bindConnection(outcome.client);
bindSync(outcome.client);
if (outcome.ok) startMediaEngine(outcome.client);
else useConnection.setState({ problem: outcome.reason });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <BridgeContext.Provider value={outcome.client}>
      <App />
    </BridgeContext.Provider>
  </StrictMode>,
);
