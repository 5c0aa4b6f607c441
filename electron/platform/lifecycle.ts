import type { App, Dialog, Event } from 'electron';
import { startFailureText } from '../core/app-core';
import { pickLanguage } from '../../shared/text/language';
import { translate } from '../../shared/text/translate';
import { userText } from '../../shared/text/user-text';
import { closeWithin, SHUTDOWN_TIMEOUT_MS } from '../core/shutdown';
import type { Logger } from '../logging/logger';

// Start-up and quit for Electron's main process. They take the Electron objects they use as
// arguments (only what they call), so tests drive them with stand-ins: no Electron binary needed.

/**
 * Runs the app's start. If it fails (a policy file that cannot be read, no OS keychain, the window
 * not created), the agent would otherwise have an invisible app holding the single-instance lock,
 * and every later launch would just hand over to it. So: log it, say it in a dialog, and exit,
 * which releases the lock. `dialog.showErrorBox` works before `ready` too.
 */
export async function runStartup(
  app: Pick<App, 'exit' | 'getPreferredSystemLanguages'>,
  dialog: Pick<Dialog, 'showErrorBox'>,
  start: () => Promise<void>,
  log: Logger,
  beforeExit: () => void = () => undefined,
): Promise<void> {
  try {
    await start();
  } catch (error) {
    // The error's name only: its message can hold paths with the user's name, or customer data.
    log.error('could not start', { error: error instanceof Error ? error.name : typeof error });
    // In the OS's language: the agent's own setting may be what could not be read.
    const language = pickLanguage(null, preferredLanguages(app));
    dialog.showErrorBox(translate(userText('notification.startFailed'), language), translate(startFailureText(error), language));
    beforeExit();
    app.exit(1);
  }
}

function preferredLanguages(app: Pick<App, 'getPreferredSystemLanguages'>): readonly string[] {
  try {
    return app.getPreferredSystemLanguages();
  } catch {
    // Said in English rather than not at all.
    return [];
  }
}

export interface QuitOptions {
  /** Closes the core: hangs up live calls (BYE), stops sync, closes the store. */
  close: () => Promise<void>;
  log: Logger;
  timeoutMs?: number;
  /** Runs once the core is closed or given up on, just before the exit (e.g. closing the log file). */
  beforeExit?: () => void;
}

/**
 * Makes quitting wait for the core. Electron does not wait for promises in 'will-quit', so the
 * quit is held (`preventDefault`), the core closed within a time limit, and the app then exits
 * (`app.exit` emits no further quit events). A second quit while closing (the agent pressing
 * Quit again) is held too rather than cutting the close short.
 */
export function quitAfterClosing(app: Pick<App, 'on' | 'exit'>, options: QuitOptions): void {
  let closing = false;
  app.on('will-quit', (event: Event) => {
    event.preventDefault();
    if (closing) return;
    closing = true;
    void closeWithin(options.close, options.log, options.timeoutMs ?? SHUTDOWN_TIMEOUT_MS).then((outcome) => {
      options.log.info('quitting', { outcome });
      options.beforeExit?.();
      app.exit(0);
    });
  });
}
