import { useTranslation } from 'react-i18next';
import { checkConnection, useConnection } from '../state/connection';
import { useLocale } from '../i18n';
import { useBridge } from './BridgeContext';

/** Where the app is running and whether its connection to main works. */
export function StatusBar() {
  const { t } = useTranslation('app');
  const locale = useLocale();
  const client = useBridge();
  const { state, info, lastRoundTripMs, lastPingEvent, mediaEngine, problem } = useConnection();
  const stateText = state === 'connecting' ? t('status.connecting') : state === 'open' ? t('status.open') : t('status.closed');
  const mediaText =
    mediaEngine === 'ready'
      ? t('status.media.ready')
      : mediaEngine === 'no-webrtc'
        ? t('status.media.noWebrtc')
        : mediaEngine === 'unreachable'
          ? t('status.media.unreachable')
          : null;
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      <span role="status" aria-label={t('status.connection')}>
        {stateText}
        {info
          ? ` · ${info.host === 'electron' ? t('status.desktop') : t('status.web')} · ${t('status.version', { version: info.version })}`
          : ''}
      </span>
      <button type="button" onClick={() => void checkConnection(client)} disabled={state !== 'open'}>
        {t('status.check')}
      </button>
      {lastRoundTripMs !== null && (
        <output aria-label={t('status.result')}>
          {t('status.roundTrip', { ms: lastRoundTripMs.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })}
          {lastPingEvent ? ` · ${t('status.eventsFlowing')}` : ''}
          {mediaText ? ` · ${mediaText}` : ''}
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
