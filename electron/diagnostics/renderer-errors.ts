import { scrubErrorName, scrubErrorText } from '../../shared/app/error-report';
import type { CommandHandler } from '../bridge/bridge-server';
import type { Logger } from '../logging/logger';

/**
 * A renderer stuck in a loop that throws (a render error on every frame, a failing timer) must
 * not fill the log, which rotates at a few MB and would lose everything before it: each window
 * gets this many lines, then one saying the rest were dropped.
 */
export const RENDERER_ERRORS_PER_WINDOW = 50;

/**
 * Logs what the renderer reports through `app.reportError` as warnings. Part of the app feature,
 * mounted before the services start, so an error while the window waits for a slow start is logged too.
 */
export function rendererErrorHandler(log: Logger): CommandHandler<'app.reportError'> {
  const counts = new Map<string, number>();
  return (report, { link }) => {
    const count = (counts.get(link.id) ?? 0) + 1;
    counts.set(link.id, count);
    // Every reload of the web shell's page is a new link; only recent ones need their count.
    if (counts.size > 64) counts.delete(counts.keys().next().value as string);
    if (count > RENDERER_ERRORS_PER_WINDOW + 1) return {};
    if (count === RENDERER_ERRORS_PER_WINDOW + 1) {
      log.warn('further renderer errors from this window are not logged', { link: link.id, limit: RENDERER_ERRORS_PER_WINDOW });
      return {};
    }
    // Scrubbed again here: the schema bounds the size, not what the text says.
    log.warn('uncaught renderer error', {
      link: link.id,
      kind: report.kind,
      name: scrubErrorName(report.name),
      message: scrubErrorText(report.message),
      where: report.where === null ? null : scrubErrorText(report.where),
    });
    return {};
  };
}
