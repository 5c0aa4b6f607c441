import { checkConnection, useConnection } from '../state/connection';
import { useBridge } from './BridgeContext';

const STATE_TEXT = { connecting: 'Connecting…', open: 'Connected', closed: 'Disconnected' } as const;
const MEDIA_TEXT = {
  ready: 'audio engine ready',
  'no-webrtc': 'audio engine: WebRTC unavailable',
  unreachable: 'audio engine not reachable',
} as const;

/** Where the app is running and whether its connection to main works. */
export function StatusBar() {
  const client = useBridge();
  const { state, info, lastRoundTripMs, lastPingEvent, mediaEngine, problem } = useConnection();
  return (
    <footer className="status-bar" aria-label="Application status">
      <span role="status" aria-label="Connection">
        {STATE_TEXT[state]}
        {info ? ` · ${info.host === 'electron' ? 'desktop app' : 'web shell'} · v${info.version}` : ''}
      </span>
      <button type="button" onClick={() => void checkConnection(client)} disabled={state !== 'open'}>
        Check connection
      </button>
      {lastRoundTripMs !== null && (
        <output aria-label="Connection check result">
          Round trip {lastRoundTripMs.toFixed(1)} ms{lastPingEvent ? ' · events flowing' : ''}
          {mediaEngine ? ` · ${MEDIA_TEXT[mediaEngine]}` : ''}
        </output>
      )}
      {problem && (
        <span role="alert" className="problem">
          {problem}
        </span>
      )}
    </footer>
  );
}
