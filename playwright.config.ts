import { defineConfig } from '@playwright/test';
import { chromiumPath } from './tests/support/system-deps';
import { CHROMIUM_ARGS } from './tests/support/chromium-args';

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
      // The suites' common flags (tests/support/chromium-args.ts), and no browser sync.
      args: [...CHROMIUM_ARGS, '--disable-sync'],
    },
    trace: 'retain-on-failure',
  },
});
