import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/sync/contract';
import { useBridge } from '../../app/BridgeContext';
import { formatNumber, useLocale, useUserText } from '../../i18n';
import { useClockEvery } from '../../ui/use-clock';
import { ConflictDialog } from './ConflictDialog';
import { ConnectionIcon } from './ConnectionIcon';
import { ParkedDialog } from './ParkedDialog';
import { SyncSettingsDialog } from './SyncSettingsDialog';
import { describeLoadStages } from './load-stages';
import { relativeTime, runSyncCommand, useSync } from './sync-state';
import './sync.css';

const CONNECTION_KEY = {
  'not-configured': 'strip.connection.notConfigured',
  connecting: 'strip.connection.connecting',
  online: 'strip.connection.online',
  offline: 'strip.connection.offline',
  'server-error': 'strip.connection.serverError',
  unauthorized: 'strip.connection.unauthorized',
} as const satisfies Record<SyncStatus['connection'], string>;

/** How the connection state reads at a glance: the colour family, always next to the words and the icon. */
const CONNECTION_TONE: Record<SyncStatus['connection'], 'ok' | 'warn' | 'danger' | 'muted'> = {
  'not-configured': 'muted',
  connecting: 'warn',
  online: 'ok',
  offline: 'warn',
  'server-error': 'danger',
  unauthorized: 'danger',
};

const PHASE_KEY = {
  customers: 'progress.phase.customers',
  cases: 'progress.phase.cases',
  indexing: 'progress.phase.indexing',
} as const;

/**
 * What the pull is doing, and for a connector that loads the open records first, how far its
 * history has got; that stays on between pulls until the history is complete (load-stages.ts). While
 * the search index is built the pops are not ready yet, so that phase keeps its own words.
 */
function PullProgress({ status }: { status: SyncStatus }) {
  const { t } = useTranslation('sync');
  const locale = useLocale();
  const { progress } = status;
  const stages = progress?.phase === 'indexing' ? null : describeLoadStages(status, locale);
  if (stages === null && progress === null) return null;
  let text: string;
  if (stages) text = stages.text;
  else {
    const phase = t(PHASE_KEY[progress!.phase]);
    const total = progress!.total;
    const counts = total !== null ? { done: formatNumber(progress!.done, locale), total: formatNumber(total, locale) } : null;
    if (progress!.initial) text = counts ? t('progress.initialCount', { phase, ...counts }) : t('progress.initial', { phase });
    else text = counts ? t('progress.updateCount', { phase, ...counts }) : t('progress.update', { phase });
  }
  const bar = stages ? stages.bar : progress!.total !== null ? { done: progress!.done, total: progress!.total } : null;
  // Between pulls an unknown amount has no bar to show: the words say it all.
  if (bar === null && progress === null) return <span className="sync-progress">{text}</span>;
  return (
    <span className="sync-progress">
      <label htmlFor="sync-progress-bar">{text}</label>
      <progress id="sync-progress-bar" max={bar?.total} value={bar?.done} />
    </span>
  );
}

/**
 * One line that always answers "is my work getting to the CRM?": online or
 * not and why, when the last sync was, what is waiting, what needs a person.
 */
export function SyncStatusStrip() {
  const { t } = useTranslation('sync');
  const show = useUserText();
  const locale = useLocale();
  const client = useBridge();
  const { status, error, busy } = useSync();
  // "Last sync 3 minutes ago" and the next attempt follow the clock; with neither shown (sync off,
  // never synced) nothing does, so an idle window is not woken for them.
  const now = useClockEvery(status !== null && (status.lastSyncAt !== null || status.nextAttemptAt !== null) ? 15_000 : null);
  const [open, setOpen] = useState<'conflicts' | 'parked' | 'settings' | null>(null);
  if (!status) {
    return (
      <section className="sync-strip" aria-label={t('strip.label')}>
        <span role="status">{t('strip.loading')}</span>
      </section>
    );
  }
  const { connection, outbox } = status;
  const next = status.nextAttemptAt !== null && status.nextAttemptAt > now ? Math.ceil((status.nextAttemptAt - now) / 1000) : null;
  return (
    <section className="sync-strip" aria-label={t('strip.label')}>
      {/* The buttons first, those that come and go last among them: the words change on their own
          (online, offline, the next try's countdown), and a button after them would move under a
          click aimed at it. */}
      <button type="button" onClick={() => setOpen('settings')} aria-haspopup="dialog">
        {t('strip.settings')}
      </button>
      {connection !== 'not-configured' && (
        <button type="button" onClick={() => void runSyncCommand(() => client.invoke('sync.syncNow', {}))} disabled={busy}>
          {connection === 'online' ? t('strip.syncNow') : t('strip.retryNow')}
        </button>
      )}
      {outbox.parked > 0 && (
        <button type="button" className="sync-attention" onClick={() => setOpen('parked')} aria-haspopup="dialog">
          <AttentionIcon />
          {t('strip.parked', { count: outbox.parked })}
        </button>
      )}
      {outbox.conflicts > 0 && (
        <button type="button" className="sync-attention" onClick={() => setOpen('conflicts')} aria-haspopup="dialog">
          <AttentionIcon />
          {t('strip.conflicts', { count: outbox.conflicts })}
        </button>
      )}
      <span role="status" aria-live="polite" className={`sync-connection sync-tone-${CONNECTION_TONE[connection]}`}>
        <ConnectionIcon connection={connection} />
        {t(CONNECTION_KEY[connection])}
        {status.server && connection !== 'online' ? t('strip.server', { server: status.server }) : ''}
      </span>
      <span className="sync-last">
        {status.lastSyncAt ? t('strip.lastSync', { when: relativeTime(status.lastSyncAt, now, locale) }) : t('strip.neverSynced')}
      </span>
      <span className="sync-waiting" aria-label={t('strip.waitingLabel', { count: outbox.waiting })}>
        {t('strip.waiting', { count: outbox.waiting })}
      </span>
      <PullProgress status={status} />
      {status.problem && (
        <span className="sync-problem" role="alert">
          {show(status.problem)}
          {next !== null ? t('strip.nextTry', { seconds: formatNumber(next, locale) }) : ''}
        </span>
      )}
      {error && <span className="sync-problem">{error}</span>}
      {open === 'settings' && <SyncSettingsDialog onClose={() => setOpen(null)} />}
      {open === 'conflicts' && <ConflictDialog conflicts={status.conflicts} onClose={() => setOpen(null)} />}
      {open === 'parked' && <ParkedDialog items={status.parked} total={outbox.parked} onClose={() => setOpen(null)} />}
    </section>
  );
}

/** A warning triangle: the parked and conflict buttons need a person, said by shape as well as border colour. */
function AttentionIcon() {
  return (
    <svg className="sync-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M8 1.5 15 14H1Z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <path d="M8 6v4M8 11.5v1.2" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
