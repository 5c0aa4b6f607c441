/**
 * Small state icons for the agent panes. Each is drawn in currentColor and hidden from assistive
 * technology: the text next to it carries the meaning, the icon and colour only repeat it.
 */
const PATHS = {
  /** A warning triangle: urgent (P1), do not call, an error. */
  warning: 'M8 1.5 15 14H1L8 1.5Zm0 4.2v4.1m0 2v.1',
  /** An exclamation circle: high priority (P2), needs attention. */
  attention: 'M8 1.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13Zm0 3.5v4m0 2v.1',
  /** A ring: a normal or low priority, an open case. */
  dot: 'M8 4.5a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7Z',
  /** A telephone handset: the caller. */
  phone: 'M4.5 1.8 6.6 4.6 5.3 6.4c.8 1.7 2.1 3 3.8 3.8l1.8-1.3 2.8 2.1-.9 2.4C8.2 13.6 2.4 7.8 2.1 2.7l2.4-.9Z',
  /** A clock: a timer, a time. */
  clock: 'M8 1.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13ZM8 4.5V8l2.5 1.5',
  /** A tick: chosen, done, saved. */
  check: 'M2.5 8.5 6 12l7.5-8',
  /** A lock: disabled for a reason. */
  lock: 'M4 7.5h8v6.5H4V7.5Zm1.8 0V5.3a2.2 2.2 0 0 1 4.4 0v2.2',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
