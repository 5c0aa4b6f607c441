import type { SyncStatus } from '../../../../shared/sync/contract';

/**
 * The sync connection's state as a shape, beside its words and colour: a tick (online), a ring of
 * dots (connecting), a slashed cloud-less circle (offline or off), a cross (the server refused or
 * failed). An SVG has no text, so the status keeps exactly its words for screen readers and tests.
 */
export function ConnectionIcon({ connection }: { connection: SyncStatus['connection'] }) {
  return (
    <svg className="sync-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      {connection === 'online' && <path d="M4.5 8.2 7 10.7l4.5-5" fill="none" stroke="currentColor" strokeWidth="1.8" />}
      {connection === 'connecting' && (
        <g fill="currentColor">
          <circle cx="5" cy="8" r="1.1" />
          <circle cx="8" cy="8" r="1.1" />
          <circle cx="11" cy="8" r="1.1" />
        </g>
      )}
      {(connection === 'offline' || connection === 'not-configured') && (
        <path d="M3.2 12.8 12.8 3.2" stroke="currentColor" strokeWidth="1.5" />
      )}
      {(connection === 'server-error' || connection === 'unauthorized') && (
        <path d="m5.2 5.2 5.6 5.6m0-5.6-5.6 5.6" fill="none" stroke="currentColor" strokeWidth="1.8" />
      )}
    </svg>
  );
}
