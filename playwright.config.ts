import { defineConfig } from '@playwright/test';
import { chromiumPath } from './tests/support/system-deps';
import { rendererJsFlagsSwitch } from './electron/core/renderer-js-flags';

// End-to-end tests drive the built app through the web shell in Debian's
// Chromium (Playwright cannot download a browser here). One worker: the
// machine has two cores and each test runs a host plus a browser.
const chromium = chromiumPath();

export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  timeout: 60_000,
  expect: {
    timeout: 10_000,
    // Pictures of the desk (tests/e2e/visual.spec.ts): one browser (Debian's Chromium) on one OS, so
    // no platform suffix; animations stopped and the caret hidden, so a picture is the same each run.
    toHaveScreenshot: { animations: 'disabled', caret: 'hide', scale: 'css' },
  },
  snapshotPathTemplate: '{testDir}/{testFilePath}-snapshots/{arg}{ext}',
  reporter: [['list'], ['./tests/support/skip-reporter.ts']],
  forbidOnly: true,
  use: {
    browserName: 'chromium',
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        '--allow-loopback-in-peer-connection',
        '--autoplay-policy=no-user-gesture-required',
        // The product's renderer V8 flags (electron/core/renderer-js-flags.ts).
        rendererJsFlagsSwitch(),
      ],
    },
    trace: 'retain-on-failure',
  },
});
