import type { ReactNode } from 'react';
import './status-badge.css';

export type StatusTone = 'neutral' | 'muted' | 'info' | 'ok' | 'warn' | 'danger';
export type StatusIconName = 'clock' | 'hourglass' | 'alert' | 'check' | 'phone';

/** 16×16 glyphs, drawn in the text colour; paths only, so forced colours repaint them as text. */
const PATHS: Record<StatusIconName, string> = {
  clock:
    'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm0 1.5a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11ZM7.25 4v4.31l2.97 2.97 1.06-1.06-2.53-2.53V4h-1.5Z',
  hourglass:
    'M3.5 1h9v1.5h-1v1.8c0 1.2-.6 2.3-1.6 2.9L8.9 8l1 .8c1 .6 1.6 1.7 1.6 2.9v1.8h1V15h-9v-1.5h1v-1.8c0-1.2.6-2.3 1.6-2.9l1-.8-1-.8c-1-.6-1.6-1.7-1.6-2.9V2.5h-1V1Zm2.5 1.5v1.8c0 .7.3 1.3.9 1.7L8 6.9l1.1-.9c.6-.4.9-1 .9-1.7V2.5H6Z',
  alert: 'M8 1 .5 14.5h15L8 1Zm-.75 5h1.5v4.5h-1.5V6Zm0 5.5h1.5V13h-1.5v-1.5Z',
  check: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm3.28 4.72 1.06 1.06L7 12.12 3.66 8.78l1.06-1.06L7 10l4.28-4.28Z',
  phone:
    'M4.2 1.5 6.4 4c.4.4.4 1 .1 1.4L5.5 6.8c.8 1.6 2.1 2.9 3.7 3.7l1.4-1c.4-.3 1-.3 1.4.1l2.5 2.2c.4.4.5 1 .1 1.5l-1 1.2c-.5.6-1.3.8-2 .6C7.5 14 2 8.5 1 4.4c-.2-.7 0-1.5.6-2l1.2-1c.4-.4 1-.3 1.4.1Z',
};

/** An icon that repeats a state the text beside it already names: hidden from assistive technology. */
export function StatusIcon({ icon }: { icon: StatusIconName }) {
  return (
    <svg className="status-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[icon]} fillRule="evenodd" />
    </svg>
  );
}

/**
 * A state in words with its icon ("Overdue", "Due now", "Acknowledged"): never colour alone.
 * `plain` drops the outline, for a state inside a sentence.
 */
export function StatusBadge({
  tone,
  icon,
  plain = false,
  className,
  children,
}: {
  tone: StatusTone;
  icon: StatusIconName;
  plain?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const classes = ['status-badge', `status-tone-${tone}`, plain ? 'status-badge-plain' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <span className={classes}>
      <StatusIcon icon={icon} />
      {children}
    </span>
  );
}
