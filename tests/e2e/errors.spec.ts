import { expect, test } from '../support/e2e';
import { requireChromium } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';

/**
 * Errors nobody sees: an error or promise rejection the window does not handle reaches main's log
 * (scrubbed: the log goes to IT in diagnostics bundles), and every e2e test fails on one
 * (tests/support/e2e.ts). The window also loads everything it names: its icon included.
 */

const chromium = requireChromium();
test.skip(!chromium.available, chromium.reason);

let shell: RunningWebShell | null = null;

test.beforeEach(async () => {
  shell = await startWebShell();
});

test.afterEach(async () => {
  await shell?.stop();
  shell = null;
});

/** main's warnings about uncaught renderer errors, as the log file has them. */
function reportedErrors(): { fields: Record<string, unknown> }[] {
  return (shell?.log() ?? '')
    .split('\n')
    .filter((line) => line.includes('"uncaught renderer error"'))
    .map((line) => JSON.parse(line) as { level: string; fields: Record<string, unknown> })
    .filter((record) => record.level === 'warn');
}

test('an error and a rejection nobody handled are in main’s log as warnings, without the personal data they quoted', async ({
  page,
  pageProblems,
}) => {
  pageProblems.allow(/no customer for|render failed for/);
  await page.goto(await shell!.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');

  await page.evaluate(() => {
    void Promise.reject(new Error('no customer for ada@example.com at +1 (415) 555-0101'));
    setTimeout(() => {
      throw new TypeError('render failed for sip:1001@pbx.example.com');
    });
  });

  await expect.poll(() => reportedErrors().length).toBe(2);
  expect(reportedErrors().map((r) => r.fields)).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ kind: 'rejection', name: 'Error', message: 'no customer for <email> at <number>' }),
      expect.objectContaining({ kind: 'error', name: 'TypeError', message: 'render failed for <uri>' }),
    ]),
  );
  expect(shell!.log()).not.toMatch(/ada@example\.com|555-0101|pbx\.example\.com/);
  // The test's own watch saw both too: without the allowance above they would have failed it.
  expect(pageProblems.all).toEqual(
    expect.arrayContaining([
      expect.stringContaining('no customer for ada@example.com'),
      expect.stringContaining('render failed for sip:1001@pbx.example.com'),
    ]),
  );
});

test('a rejection nobody handled fails the test it happens in', async ({ page, pageProblems }) => {
  // The failure comes from tests/support/e2e.ts after the body: that is what this test proves.
  test.fail();
  await page.goto(await shell!.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  await page.evaluate(() => {
    void Promise.reject(new DOMException('The operation could not be performed and was aborted', 'AbortError'));
  });
  await expect.poll(() => pageProblems.all.length).toBe(1);
  expect(pageProblems.unexpected()).toEqual([expect.stringContaining('AbortError')]);
});

test('the window’s icon is served, so the browser asks for no missing favicon', async ({ page }) => {
  await page.goto(await shell!.launchUrl());
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toMatch(/\.svg$/);
  const icon = await page.request.get(new URL(href!, page.url()).toString());
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/svg+xml');
});
