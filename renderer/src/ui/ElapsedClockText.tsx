import { useEffect, useRef } from 'react';
import { msUntilClockChanges } from '../../../shared/time/next-tick';
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
 * It wakes at each elapsed second, so `format` shows seconds at every length (`formatClock`):
 * past an hour too, or the seconds would stand still for a minute at a time.
 */
export function ElapsedClockText({
  since,
  offsetMs = 0,
  format,
}: {
  since: number;
  offsetMs?: number;
  format: (elapsedMs: number) => string;
}) {
  const element = useRef<HTMLSpanElement>(null);
  const formatNow = useRef(format);
  useEffect(() => {
    formatNow.current = format;
  });
  useEffect(
    () =>
      scheduleTicks(
        (now) => msUntilClockChanges(since, now),
        offsetMs,
        (now) => {
          const text = formatNow.current(now - since);
          if (element.current && element.current.textContent !== text) element.current.textContent = text;
        },
      ),
    [since, offsetMs],
  );
  return (
    <span ref={element} className="clock-text">
      {format(Date.now() + offsetMs - since)}
    </span>
  );
}
