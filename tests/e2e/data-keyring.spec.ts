import { expect, test, type Page } from '../support/e2e';
import { requireChromium } from '../support/system-deps';
import { chooseTool, toolsButton } from '../support/tools-menu';
import { startWebShell, type RunningWebShell } from '../support/web-shell';

/**
 * On Linux without a keyring Electron keeps secrets with its `basic_text`
 * fallback; the store status then reports the key backend `plaintext-fallback`
 * (tests/integration/store/key-backend.test.ts) and the header must warn the
 * agent in plain words. The web shell keeps its key in a 0600 file, so here the
 * real bridge runs unchanged except that the store status main sends is given
 * the Linux fallback's backend on its way to the page.
 */

const chromium = requireChromium();
test.skip(!chromium.available, chromium.reason);

let shell: RunningWebShell;
test.beforeEach(async () => {
  shell = await startWebShell();
});
test.afterEach(async () => {
  await shell.stop();
});

const WARNING = /no system keyring/i;

/**
 * Passes the real bridge through, counting the store.status replies main sends;
 * with `fallback` each reports the Linux plain-text fallback as the key backend.
 */
async function routeBridge(page: Page, fallback: boolean): Promise<{ statusReplies: () => number }> {
  let statusReplies = 0;
  const asFallback = (status: unknown) => {
    if (!fallback) return;
    const s = status as { encryption: Record<string, unknown> };
    s.encryption = {
      ...s.encryption,
      keyBackend: 'plaintext-fallback',
      weak: true,
      keyProtection: 'No system keyring (GNOME Keyring or KWallet) is available, so secrets are only obfuscated on disk.',
    };
  };
  await page.routeWebSocket(/\/bridge$/, (ws) => {
    const server = ws.connectToServer();
    const statusRequests = new Set<number>();
    ws.onMessage((message) => {
      if (typeof message === 'string') {
        try {
          const frame = JSON.parse(message) as { t?: string; id?: number; channel?: string };
          if (frame.t === 'command' && frame.channel === 'store.status' && typeof frame.id === 'number') statusRequests.add(frame.id);
        } catch {
          // Not JSON: passed on as is.
        }
      }
      server.send(message);
    });
    server.onMessage((message) => {
      if (typeof message !== 'string') return ws.send(message);
      const frame = JSON.parse(message) as { t?: string; id?: number; ok?: boolean; channel?: string; result?: unknown; payload?: unknown };
      const isStatusReply = frame.t === 'reply' && frame.ok === true && typeof frame.id === 'number' && statusRequests.delete(frame.id);
      if (isStatusReply) asFallback(frame.result);
      else if (frame.t === 'event' && frame.channel === 'store.statusChanged') asFallback(frame.payload);
      ws.send(JSON.stringify(frame));
      if (isStatusReply) statusReplies += 1;
    });
  });
  return { statusReplies: () => statusReplies };
}

test('with the Linux plain-text keyring fallback the phone strip warns about the database key', async ({ page }) => {
  const bridge = await routeBridge(page, true);
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  // In view without opening anything: a short warning beside the Tools menu.
  const warning = page.getByRole('status').filter({ hasText: WARNING });
  await expect(warning).toBeVisible();
  expect(bridge.statusReplies()).toBeGreaterThan(0);
  // The data controls still work, and the import dialog says in full what it means and what to do.
  await chooseTool(page, 'Import data');
  const dialog = page.getByRole('dialog', { name: 'Import data' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('status').filter({ hasText: WARNING })).toContainText('Ask IT to set up a keyring');
});

test('with the key kept as the web shell keeps it, no keyring warning is shown', async ({ page }) => {
  const bridge = await routeBridge(page, false);
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  // The page has the real store status (key file, not the keyring fallback) before we look.
  await expect.poll(() => bridge.statusReplies()).toBeGreaterThan(0);
  await expect(toolsButton(page)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: WARNING })).toHaveCount(0);
  await chooseTool(page, 'Import data');
  await expect(page.getByRole('dialog', { name: 'Import data' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: WARNING })).toHaveCount(0);
});
