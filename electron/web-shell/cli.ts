import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startAppCore } from '../core/app-core';
import { acquireInstanceLock, AlreadyRunningError } from '../core/instance-lock';
import { defaultDataDir } from '../core/paths';
import { MainLanguage } from '../core/main-language';
import { createSystemEventHub, watchNodeSystemEvents, type PlatformServices } from '../core/platform-services';
import { dropDialLink, watchDialInbox } from '../click-to-dial/inbox';
import { createAppLogSink } from '../logging/file-sink';
import { createLogger, LOG_LEVELS, stderrSink, type LogLevel } from '../logging/logger';
import { createKeyFileSecretStore } from '../secrets/secret-store';
import { buildPolicyState, logPolicyProblems, policyCoreOptions, policyLogLevel } from '../policy/policy-service';
import { readPolicySources } from '../policy/sources';
import { SettingsService } from '../settings/settings-service';
import { findBrowser } from './find-browser';
import { appWindowArgs } from './app-window-args';
import { startWebShellHost } from './host';
import { shutdownWebShell } from './shutdown';

declare const __SWITCHBOARD_VERSION__: string;

const USAGE = `Usage: switchboard-web [--no-open] [--port N] [--data-dir DIR] [--log-level debug|info|warn|error] [--policy-file FILE]

Runs Switchboard's main-side services in Node and serves the app to an
installed Chromium, Chrome or Edge on http://127.0.0.1.
  --no-open       print a link to the app instead of opening a browser window
                  (each link works once, for a minute; press Enter for a new one)
  --port N        listen on port N (default: a free port)
  --data-dir DIR  where the local store, settings and logs live
  --policy-file FILE  an IT policy.json (also SWITCHBOARD_POLICY_FILE); read after the OS's own policy source
  --dial URL      a tel:, sip: or callto: link to offer for calling (asks "Call <number>?" first)
`;

function fail(message: string): never {
  process.stderr.write(`switchboard: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        'no-open': { type: 'boolean', default: false },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'renderer-dir': { type: 'string' },
        'log-level': { type: 'string' },
        'policy-file': { type: 'string' },
        dial: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const requestedLevel = (args['log-level'] ?? null) as LogLevel | null;
  if (requestedLevel !== null && !LOG_LEVELS.includes(requestedLevel)) fail(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  const port = args.port === undefined ? 0 : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be a whole number from 0 to 65535');

  const dataDir = path.resolve(args['data-dir'] ?? defaultDataDir());
  const policyFile = args['policy-file'] ?? process.env.SWITCHBOARD_POLICY_FILE ?? null;
  const policySources = await readPolicySources({
    platform: process.platform,
    installPolicyFile: policyFile ? path.resolve(policyFile) : null,
  });
  // Redacted JSON lines on stderr and in rotating files in <data-dir>/logs (what Export diagnostics collects).
  const log = createLogger(createAppLogSink(path.join(dataDir, 'logs'), stderrSink).sink, {
    level: policyLogLevel(policySources.readings, requestedLevel),
    scope: 'web',
  });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let lock;
  try {
    lock = acquireInstanceLock(dataDir);
  } catch (error) {
    if (error instanceof AlreadyRunningError && args.dial !== undefined) {
      // A link clicked while Switchboard runs: hand it over and leave (the running window asks "Call …?").
      dropDialLink(dataDir, args.dial);
      process.stdout.write('Switchboard is already running; the link was handed to it.\n');
      process.exit(0);
    }
    if (error instanceof AlreadyRunningError) fail(error.message);
    throw error;
  }
  // Only the instance that owns the data folder reads the agent's settings files (one it cannot read is set aside).
  const policy = buildPolicyState(SettingsService.open({ dataDir, policy: policySources, log: log.child('settings') }));
  logPolicyProblems(log.child('policy'), policy);

  // No OS power API in plain Node: a late timer means the machine slept.
  const systemEvents = createSystemEventHub();
  watchNodeSystemEvents({ onResume: () => systemEvents.emit('resume'), onNetworkChange: () => systemEvents.emit('network') });
  // The browser window is out of the host's sight: the page says when it gains or loses the agent's
  // attention (app.windowFocus), the last word from any page counts, and none yet counts as not in front.
  let pageFocused = false;
  const platform: PlatformServices = {
    host: 'web',
    // A browser window cannot be raised from outside; the page raises its own
    // attention (title, notification) when the call rings.
    focusWindow: () => undefined,
    notify: () => undefined,
    // The page reports its browser's languages here (app.reportLanguages); nothing shown by main uses them yet.
    language: new MainLanguage(),
    windowFocused: () => pageFocused,
    reportWindowFocus: (focused) => {
      if (focused !== pageFocused) log.debug('page focus', { focused });
      pageFocused = focused;
    },
    onResume: systemEvents.onResume,
    onNetworkChange: systemEvents.onNetworkChange,
  };
  const version = typeof __SWITCHBOARD_VERSION__ === 'string' ? __SWITCHBOARD_VERSION__ : '0.0.0-dev';
  // The page can load and show what the start is doing (a one-time database update) while the core comes up.
  const starting = startAppCore({
    version,
    dataDir,
    platform,
    secrets: createKeyFileSecretStore(dataDir),
    log,
    ...policyCoreOptions(policy, log.child('policy')),
  });
  const rendererDir = path.resolve(args['renderer-dir'] ?? path.join(__dirname, '..', 'renderer'));
  const host = await startWebShellHost({ bridge: starting.bridge, rendererDir, log, port });

  let stopping = false;
  let stopDialInbox = () => undefined as void;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // Waits (within a limit) for the core: a live call's BYE and the store's last write must not be cut off.
    await shutdownWebShell({ core: starting.ready, host, lock, stopDialInbox, log });
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  // The window opens at once: during a long first start it shows what is happening.
  // The link lands on the browser's command line, which other users can read: it carries a
  // one-time code, not the session secret (launch-auth.ts).
  const opened = args['no-open'] ? null : openAppWindow(host.issueLaunchUrl(), dataDir, (code) => void stop(code));
  const core = await starting.ready.catch((error: unknown) => {
    process.stderr.write(`switchboard: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    return stop(1).then(() => {
      throw error;
    });
  });
  if (args.dial !== undefined) core.clickToDial.offer(args.dial, 'command-line');
  stopDialInbox = watchDialInbox(dataDir, (link) => core.clickToDial.offer(link, 'second-instance'));

  if (opened?.ok) {
    process.stdout.write(`Switchboard opened in ${opened.browser}. Close its window to quit.\n`);
    return;
  }
  const why = opened ? `${opened.reason} ` : 'Switchboard is running. ';
  process.stdout.write(
    `${why}Open this link in Chromium, Chrome or Edge (it works once, within a minute; press Enter here for a new one):\n  ${host.issueLaunchUrl()}\n`,
  );
  offerNewLinks(() => host.issueLaunchUrl());
}

/**
 * Without a window of our own the user opens the link, perhaps late or twice: every line on
 * stdin prints a fresh one. Only whoever holds this terminal can ask.
 */
function offerNewLinks(issue: () => string): void {
  const lines = createInterface({ input: process.stdin, terminal: false });
  lines.on('line', () => process.stdout.write(`New link (works once, within a minute):\n  ${issue()}\n`));
}

type OpenResult = { ok: true; browser: string } | { ok: false; reason: string };

/**
 * Opens the app in its own browser window (`--app=`) with a profile kept in the
 * data folder, so microphone permission and device choices are remembered. When
 * that window closes, the host shuts down with it.
 */
function openAppWindow(url: string, dataDir: string, onClosed: (code: number) => void): OpenResult {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'No graphical display (DISPLAY/WAYLAND_DISPLAY unset), so no window can be opened.' };
  }
  const browser = findBrowser();
  if (!browser) return { ok: false, reason: 'No Chromium, Chrome or Edge was found (set SWITCHBOARD_BROWSER to its path).' };
  const args = appWindowArgs(url, dataDir, typeof process.getuid === 'function' && process.getuid() === 0);
  const startedAt = Date.now();
  const child = spawn(browser, args, { stdio: 'ignore' });
  child.on('error', () => onClosed(1));
  child.on('exit', () => {
    // A quick exit means the window was handed to a browser already running
    // with this profile; that window now owns the session, so keep serving.
    if (Date.now() - startedAt > 5_000) onClosed(0);
  });
  return { ok: true, browser: path.basename(browser) };
}

main().catch((error: unknown) => {
  process.stderr.write(`switchboard: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
