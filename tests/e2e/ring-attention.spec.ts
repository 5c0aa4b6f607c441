import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '../support/e2e';
import { FarEnd } from '../lab/far-end';
import { Kamailio } from '../lab/kamailio';
import { setUpPhone } from '../support/phone-setup';
import { requireChromium, requireKamailio } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';

/**
 * An incoming call asks for the agent's attention outside the app (the OS notification, raising
 * the window) only when the agent is not looking at Switchboard (issue 25, item 7). The built web
 * shell in Chromium with a real kamailio: the page tells the host when it gains or loses focus
 * (app.windowFocus), and the host logs each ring's decision ("ring attention", no caller in it),
 * which is what these tests read: the web shell has no OS notification of its own to observe.
 */

const chromium = requireChromium();
const kamailioDep = requireKamailio();
test.skip(!chromium.available || !kamailioDep.available, chromium.reason || kamailioDep.reason);
test.describe.configure({ mode: 'serial' });
test.use({ permissions: ['microphone'] });

let kamailio: Kamailio;
let shell: RunningWebShell;
let customer: FarEnd;
let policyDir: string | undefined;

test.beforeAll(async () => {
  kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
  await kamailio.start();
  policyDir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-ring-'));
  const policyFile = path.join(policyDir, 'policy.json');
  // A caller who gives up before an answer is not a missed offer; no after-call work in between either way.
  writeFileSync(policyFile, JSON.stringify({ enforced: { afterCallWork: { seconds: 0, onExpiry: 'ready' } } }));
  // Debug: the host logs each focus change the page reports, so a test knows the host has heard it.
  shell = await startWebShell({ args: ['--policy-file', policyFile, '--log-level', 'debug'] });
  customer = new FarEnd({ user: '2001', server: kamailio.url });
  await customer.start();
});

test.afterAll(async () => {
  await customer?.stop();
  await shell?.stop();
  await kamailio?.stop();
  kamailio?.dispose();
  if (policyDir) rmSync(policyDir, { recursive: true, force: true });
});

type Line = { message?: string; fields?: Record<string, unknown> };

function logLines(message: string): Record<string, unknown>[] {
  return shell
    .log()
    .split('\n')
    .flatMap((text): Line[] => {
      try {
        return [JSON.parse(text) as Line];
      } catch {
        return [];
      }
    })
    .filter((line) => line.message === message)
    .map((line) => line.fields ?? {});
}

const phone = (page: Page) => page.getByRole('region', { name: 'Phone' });

/** Playwright tells every page it has focus; these tests need the window's real focus, which another tab takes. */
async function useRealFocus(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
}

/** The agent switches to the app (or away from it), and the host has heard so from the page. */
async function setFocus(page: Page, other: Page, focused: boolean): Promise<void> {
  await (focused ? page : other).bringToFront();
  await expect.poll(() => page.evaluate(() => document.hasFocus())).toBe(focused);
  await expect.poll(() => logLines('page focus').at(-1)?.focused, { timeout: 20_000 }).toBe(focused);
}

/**
 * One call rings until the caller gives up; returns the ring's decision and whether the page's
 * own title announced the call (the web shell's stand-in for raising the window).
 */
async function ringOnce(page: Page, titleAnnounces: boolean): Promise<Record<string, unknown>> {
  const before = logLines('ring attention').length;
  const titleBefore = await page.title();
  // Every title the page shows while it rings, however briefly.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { titlesSeen: string[] }).titlesSeen = seen;
    new MutationObserver(() => seen.push(document.title)).observe(document.head, { subtree: true, childList: true, characterData: true });
  });
  const far = await customer.call('1001');
  const ringing = phone(page).getByRole('group', { name: 'Incoming call' });
  await expect(ringing).toContainText('Customer 2001');
  await expect.poll(() => logLines('ring attention').length, { timeout: 20_000 }).toBe(before + 1);
  await far.hangup();
  await expect(ringing).toBeHidden();
  await expect(page).toHaveTitle(titleBefore);
  const titles = await page.evaluate(() => (window as unknown as { titlesSeen: string[] }).titlesSeen);
  if (titleAnnounces) expect(titles).toContain('Incoming call: Customer 2001');
  else expect(titles.filter((t) => t !== titleBefore)).toEqual([]);
  return logLines('ring attention').at(-1)!;
}

test('a call ringing while the agent works in Switchboard shows no notification and takes no focus; one while they are elsewhere does', async ({
  page,
  context,
}) => {
  await page.goto(await shell.launchUrl());
  await setUpPhone(page, kamailio.url);
  await useRealFocus(page);
  const other = await context.newPage();

  // The agent is typing in the app: the call shows in the phone bar only.
  await setFocus(page, other, true);
  await phone(page).getByRole('textbox', { name: 'Number to dial' }).fill('20');
  const inFront = await ringOnce(page, false);
  expect(inFront).toMatchObject({ window: 'focused', notify: false, focus: false });
  // What they were typing is where they left it.
  await expect(phone(page).getByRole('textbox', { name: 'Number to dial' })).toHaveValue('20');

  // The agent is in another application: the notification shows and the window is raised.
  await setFocus(page, other, false);
  const elsewhere = await ringOnce(page, true);
  expect(elsewhere).toMatchObject({ window: 'unfocused', notify: true, focus: true });
  // No caller in the log line.
  expect(JSON.stringify(logLines('ring attention'))).not.toContain('Customer 2001');
  await other.close();
});
