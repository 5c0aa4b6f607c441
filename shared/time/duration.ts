/**
 * Short, unambiguous durations for countdowns and stats, the same in every view: under an hour
 * as m:ss (a live countdown ticks), then hours and minutes, then days and hours.
 */

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  if (total < 3600) return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
  const minutes = Math.floor(total / 60);
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
  const hours = Math.floor(minutes / 60);
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Average handle time and similar figures: "6:42", or "–" when there is nothing to average. */
export function formatSecondsOrDash(seconds: number | null): string {
  return seconds === null ? '–' : formatDuration(seconds * 1000);
}
