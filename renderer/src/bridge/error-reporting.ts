import { describeUncaught, type UncaughtReport } from '../../../shared/app/error-report';
import type { BridgeClient } from './client';

/**
 * Each distinct problem is sent once per page load, and only this many in all: an error thrown on
 * every frame would otherwise flood the bridge. Main has its own cap per window.
 */
const MAX_REPORTS = 20;

/**
 * Sends every error and promise rejection nobody handled to main, which logs it (scrubbed, see
 * shared/app/error-report.ts). In the field the renderer's console is never open: without this a
 * broken button or a failed device switch leaves no trace in the diagnostics an agent exports.
 * The browser still prints them to the console as before.
 */
export function reportUncaughtErrors(client: BridgeClient, target: Window = window): void {
  const seen = new Set<string>();
  const send = (report: UncaughtReport): void => {
    const key = `${report.kind}|${report.name}|${report.message}|${report.where ?? ''}`;
    if (seen.has(key) || seen.size >= MAX_REPORTS) return;
    seen.add(key);
    // A report that cannot be delivered (no connection, window closing) is dropped: reporting that
    // failure would only start a loop.
    client.invoke('app.reportError', report).catch(() => undefined);
  };
  target.addEventListener('error', (event: ErrorEvent) => {
    // `error` is null for a script from another origin ("Script error."): the message is all there is.
    send(describeUncaught('error', event.error ?? event.message));
  });
  target.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
    send(describeUncaught('rejection', event.reason));
  });
}
