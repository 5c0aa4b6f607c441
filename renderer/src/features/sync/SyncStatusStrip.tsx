import { useState } from 'react';
import type { SyncStatus } from '../../../../shared/sync/contract';
import { useBridge } from '../../app/BridgeContext';
import { useClockEvery } from '../../ui/use-clock';
import { ConflictDialog } from './ConflictDialog';
import { ParkedDialog } from './ParkedDialog';
import { SyncSettingsDialog } from './SyncSettingsDialog';
import { describeLoadStages } from './load-stages';
import { relativeTime, runSyncCommand, useSync } from './sync-state';
import './sync.css';

const CONNECTION_TEXT: Record<SyncStatus['connection'], string> = {
  'not-configured': 'Sync off',
  connecting: 'Connecting…',
  online: 'Online',
  offline: 'Offline',
  'server-error': 'Sync server problem',
  unauthorized: 'Sync sign-in refused',
};

const PHASE_TEXT = { customers: 'customers', cases: 'cases', indexing: 'search index' } as const;

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * What the pull is doing, and for a connector that loads the open records first, how far its
 * history has got; that stays on between pulls until the history is complete (load-stages.ts). While
 * the search index is built the pops are not ready yet, so that phase keeps its own words.
 */
function PullProgress({ status }: { status: SyncStatus }) {
  const { progress } = status;
  const stages = progress?.phase === 'indexing' ? null : describeLoadStages(status);
  if (stages === null && progress === null) return null;
  const text = stages
    ? stages.text
    : `${progress!.initial ? 'First download: ' : 'Updating '}${PHASE_TEXT[progress!.phase]}${
        progress!.total !== null ? ` ${progress!.done.toLocaleString()} of ${progress!.total.toLocaleString()}` : ''
      }`;
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
  const client = useBridge();
  const { status, error, busy } = useSync();
  // "Last sync 3 min ago" and the next attempt follow the clock; with neither shown (sync off, never
  // synced) nothing does, so an idle window is not woken for them.
  const now = useClockEvery(status !== null && (status.lastSyncAt !== null || status.nextAttemptAt !== null) ? 15_000 : null);
  const [open, setOpen] = useState<'conflicts' | 'parked' | 'settings' | null>(null);
  if (!status) {
    return (
      <section className="sync-strip" aria-label="Sync">
        <span role="status">Sync status loading…</span>
      </section>
    );
  }
  const { connection, outbox } = status;
  const next = status.nextAttemptAt !== null && status.nextAttemptAt > now ? Math.ceil((status.nextAttemptAt - now) / 1000) : null;
  return (
    <section className="sync-strip" aria-label="Sync">
      <span role="status" aria-live="polite" className={`sync-connection sync-${connection}`}>
        <span className="sync-dot" aria-hidden="true" />
        {CONNECTION_TEXT[connection]}
        {status.server && connection !== 'online' ? ` (${status.server})` : ''}
      </span>
      <span className="sync-last">{status.lastSyncAt ? `Last sync ${relativeTime(status.lastSyncAt, now)}` : 'Never synced'}</span>
      <span className="sync-waiting" aria-label={`${plural(outbox.waiting, 'item', 'items')} waiting to be sent`}>
        {plural(outbox.waiting, 'item', 'items')} waiting
      </span>
      {outbox.parked > 0 && (
        <button type="button" className="sync-attention" onClick={() => setOpen('parked')} aria-haspopup="dialog">
          {plural(outbox.parked, 'item', 'items')} refused by the server
        </button>
      )}
      {outbox.conflicts > 0 && (
        <button type="button" className="sync-attention" onClick={() => setOpen('conflicts')} aria-haspopup="dialog">
          {plural(outbox.conflicts, 'conflict', 'conflicts')} to resolve
        </button>
      )}
      <PullProgress status={status} />
      {status.problem && (
        <span className="sync-problem" role="alert">
          {status.problem}
          {next !== null ? ` Next try in ${next} s.` : ''}
        </span>
      )}
      {error && <span className="sync-problem">{error}</span>}
      {connection !== 'not-configured' && (
        <button type="button" onClick={() => void runSyncCommand(() => client.invoke('sync.syncNow', {}))} disabled={busy}>
          {connection === 'online' ? 'Sync now' : 'Retry now'}
        </button>
      )}
      <button type="button" onClick={() => setOpen('settings')} aria-haspopup="dialog">
        Sync settings
      </button>
      {open === 'settings' && <SyncSettingsDialog onClose={() => setOpen(null)} />}
      {open === 'conflicts' && <ConflictDialog conflicts={status.conflicts} onClose={() => setOpen(null)} />}
      {open === 'parked' && <ParkedDialog items={status.parked} total={outbox.parked} onClose={() => setOpen(null)} />}
    </section>
  );
}
