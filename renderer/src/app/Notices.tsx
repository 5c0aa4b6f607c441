import { useConnection } from '../state/connection';

/** Messages from main the agent should read; announced by screen readers as they arrive. */
export function Notices() {
  const { notices, dismissNotice } = useConnection();
  return (
    <section aria-label="Notices" aria-live="polite" className="notices">
      {notices.map((n) => (
        <p key={n.id} className={`notice notice-${n.level}`}>
          {n.message}{' '}
          <button type="button" onClick={() => dismissNotice(n.id)} aria-label={`Dismiss: ${n.message}`}>
            Dismiss
          </button>
        </p>
      ))}
    </section>
  );
}
