import { useEffect, useRef } from 'react';
import { msUntilClockChanges } from '../../../shared/time/next-tick';
import { formatClock } from '../i18n/format';
import { scheduleTicks } from './use-clock';

/**
 * The text of a clock that counts up from `since`, written into its own element each time it
 * changes instead of re-rendering through React. The agent's time in state is on screen all shift
 * and changes every second: as a React state each tick was a render and a commit, and the text's
 * change laid out and repainted the page from its root. Here a tick is one text write, and the
 * box (`.clock-text`: fixed size, `contain: strict`, its own layer) keeps layout and paint inside
 * it (docs/performance.md, "The renderer's clock"). React still renders the text when the
 * component renders, so a new `since` or a re-render always shows the time read then.
 *
 * It shows "0:42", "1:02:07" (`formatClock`) and wakes at each elapsed second: the text and its
 * schedule are one here, since a clock woken on a coarser step past an hour would stand still
 * for a minute at a time.
 */
export function ElapsedClockText({ since, offsetMs = 0 }: { since: number; offsetMs?: number }) {
  const element = useRef<HTMLSpanElement>(null);
  useEffect(
    () =>
      scheduleTicks(
        (now) => msUntilClockChanges(since, now),
        offsetMs,
        (now) => {
          const text = formatClock((now - since) / 1000);
          if (element.current && element.current.textContent !== text) element.current.textContent = text;
        },
      ),
    [since, offsetMs],
  );
  return (
    <span ref={element} className="clock-text">
      {formatClock((Date.now() + offsetMs - since) / 1000)}
    </span>
  );
}
