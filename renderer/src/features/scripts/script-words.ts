import type { TFunction } from 'i18next';
import type { SuggestedBecause, TimerReading } from '../../../../shared/scripts/guided-scripts';
import { formatClock } from '../../i18n';

/** Why a script is suggested: "Suggested for the wrap-up code …" / "… the case's category …". */
export function reasonWords(because: SuggestedBecause, t: TFunction<'scripts'>): string {
  return because.kind === 'wrap-up-code' ? t('reason.code', { code: because.code }) : t('reason.category', { category: because.category });
}

/** The timer in words: "1:05 of 3:00", "3:12 of 3:00, 0:12 over", "Done in 2:41 of 3:00", "Closed after …". */
export function timerWords(timer: TimerReading, t: TFunction<'scripts'>): string {
  const values = {
    elapsed: formatClock(timer.elapsedMs / 1000),
    target: formatClock(timer.targetMs / 1000),
    over: formatClock(timer.overMs / 1000),
  };
  switch (timer.state) {
    case 'running':
      return timer.over ? t('timer.runningOver', values) : t('timer.running', values);
    case 'done':
      return timer.over ? t('timer.doneOver', values) : t('timer.done', values);
    case 'closed':
      return timer.over ? t('timer.closedOver', values) : t('timer.closed', values);
  }
}
