import { useId, type ReactNode } from 'react';
import { Tooltip } from '../../ui/Tooltip';
import { Icon, type IconName } from './icons';

/**
 * A button of the phone strip's fixed cells. When it does not apply (`unavailable` holds the
 * reason) it stays in its place and stays focusable (aria-disabled rather than disabled), so the
 * tooltip and a screen reader can say why; a press then does nothing.
 */
export function StripButton({
  label,
  icon,
  onPress,
  unavailable = null,
  shortcut,
  hint,
  className,
  ...aria
}: {
  label: string;
  icon?: IconName;
  onPress: () => void;
  /** Why the button does nothing right now; null when it works. */
  unavailable?: string | null;
  shortcut?: { keys: string; label: string };
  /** What the tooltip says when the button works (defaults to the label and its shortcut). */
  hint?: string;
  className?: string;
  'aria-pressed'?: boolean;
  'aria-expanded'?: boolean;
  'aria-controls'?: string;
  'aria-haspopup'?: 'dialog';
  children?: ReactNode;
}) {
  const reasonId = useId();
  const tip = unavailable ?? hint ?? (shortcut ? `${label} (${shortcut.label})` : label);
  return (
    <>
      <Tooltip text={tip}>
        <button
          type="button"
          className={className ? `strip-button ${className}` : 'strip-button'}
          aria-disabled={unavailable !== null ? true : undefined}
          aria-describedby={unavailable !== null ? reasonId : undefined}
          aria-keyshortcuts={shortcut?.keys}
          onClick={() => {
            if (unavailable === null) onPress();
          }}
          {...aria}
        >
          {icon && <Icon name={icon} />}
          <span className="strip-button-label">{label}</span>
        </button>
      </Tooltip>
      {unavailable !== null && (
        <span id={reasonId} hidden>
          {unavailable}
        </span>
      )}
    </>
  );
}
