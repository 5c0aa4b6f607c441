import { expect, test, type Page } from '../support/e2e';
import WebSocket from 'ws';
import { requireChromium } from '../support/system-deps';
import { startWebShell, type RunningWebShell } from '../support/web-shell';

const chromium = requireChromium();
test.skip(!chromium.available, chromium.reason);

let shell: RunningWebShell;
test.beforeEach(async () => {
  shell = await startWebShell();
});
test.afterEach(async () => {
  await shell.stop();
});

test('the renderer connects, sends a command and gets its reply and an event back', async ({ page }) => {
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected · web shell · v');
  // The one-time code is gone from the address bar: the host redirected to the bare app.
  expect(page.url()).toBe(`${shell.origin}/`);
  // The session secret is a cookie no script can read (not even ours), kept off other sites.
  const cookies = await page.context().cookies(shell.origin);
  expect(cookies).toEqual([
    expect.objectContaining({ name: `switchboard-${shell.port}`, httpOnly: true, sameSite: 'Strict', path: '/', expires: -1 }),
  ]);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  await page.getByRole('button', { name: 'Check connection' }).click();
  // The reply gives the round trip; "events flowing" appears only when the diagnostics.pinged event arrived.
  await expect(page.getByRole('status', { name: 'Connection check result' })).toHaveText(/Round trip \d+\.\d ms · events flowing/);
  // A reload reconnects on the same session cookie.
  await page.reload();
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
});

test('the media engine attaches and answers media RPC from main', async ({ page }) => {
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  await expect.poll(() => shell.log()).toContain('media engine attached');
  // diagnostics.probeMedia: renderer → main command → main → renderer media RPC → back.
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByRole('status', { name: 'Connection check result' })).toContainText('audio engine ready');
  // Reloading detaches the engine and the new page attaches again.
  await page.reload();
  await expect.poll(() => shell.log().match(/media engine attached/g)?.length ?? 0).toBe(2);
  expect(shell.log()).toContain('media engine detached');
});

/** Opens a raw bridge socket from inside the page (real Origin), sends `frames`, collects what comes back. */
async function exchange(page: Page, frames: (string | number[])[]): Promise<unknown[]> {
  return page.evaluate(
    async ({ frames }) => {
      const ws = new WebSocket(`ws://${location.host}/bridge`, ['switchboard.v1']);
      const received: unknown[] = [];
      await new Promise<void>((resolve, reject) => {
        ws.onopen = () => resolve();
        ws.onerror = () => reject(new Error('socket failed'));
      });
      const done = new Promise<void>((resolve) => {
        ws.onmessage = (e) => {
          received.push(JSON.parse(e.data as string));
          if (received.length === frames.length) resolve();
        };
      });
      for (const frame of frames) ws.send(typeof frame === 'string' ? frame : new Uint8Array(frame));
      await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
      ws.close();
      return received;
    },
    { frames },
  );
}

test('malformed messages are refused with an error and the host keeps serving', async ({ page }) => {
  await page.goto(await shell.launchUrl());
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');

  const replies = await exchange(page, [
    'not json at all',
    JSON.stringify({ t: 'command', id: 1, channel: 'phone.selfDestruct', payload: {} }),
    JSON.stringify({ t: 'command', id: 2, channel: 'diagnostics.ping', payload: { nonce: 42 } }),
    JSON.stringify({ t: 'command', id: 3, channel: 'diagnostics.ping', payload: { nonce: 'ok', extra: '<script>' } }),
    JSON.stringify({ t: 'command', id: -7, channel: 'diagnostics.ping' }),
    JSON.stringify({ hello: 'world' }),
    [0, 159, 146, 150],
  ]);
  // Replies to async handlers may overtake the synchronous refusals: compare as a set.
  expect(replies).toHaveLength(7);
  expect(replies).toEqual(
    expect.arrayContaining([
      { t: 'error', error: { code: 'bad-message', message: 'Message is not valid JSON' } },
      {
        t: 'reply',
        id: 1,
        ok: false,
        error: {
          code: 'unknown-channel',
          message: 'Unknown command channel: phone.selfDestruct',
          // The same refusal as a key and values, for the window to show in the agent's language.
          text: { key: 'bridge.command.unknownChannel', values: { channel: 'phone.selfDestruct' } },
        },
      },
      {
        t: 'reply',
        id: 2,
        ok: false,
        error: {
          code: 'invalid-payload',
          message: 'Invalid request for diagnostics.ping',
          issues: [expect.stringMatching(/^nonce: /)],
          text: { key: 'bridge.command.invalidRequest', values: { channel: 'diagnostics.ping' } },
        },
      },
      {
        t: 'reply',
        id: 3,
        ok: false,
        error: {
          code: 'invalid-payload',
          message: 'Invalid request for diagnostics.ping',
          issues: ['(payload): Unrecognized key: "extra"'],
          text: { key: 'bridge.command.invalidRequest', values: { channel: 'diagnostics.ping' } },
        },
      },
      { t: 'error', error: expect.objectContaining({ code: 'bad-message', message: 'Malformed command envelope' }) },
      { t: 'error', error: { code: 'bad-message', message: 'Expected a command or a media reply' } },
      { t: 'error', error: { code: 'bad-message', message: 'Binary messages are not part of the bridge protocol' } },
    ]),
  );

  // Connections without the session cookie, with a wrong one, or from another origin are refused before the upgrade.
  const [cookie] = await page.context().cookies(shell.origin);
  const session = `${cookie!.name}=${cookie!.value}`;
  const attempt = (headers: Record<string, string>, protocols = ['switchboard.v1']) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/bridge`, protocols, { headers });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', () => resolve(-1));
    });
  expect(await attempt({ Origin: shell.origin })).toBe(401);
  expect(await attempt({ Origin: shell.origin, Cookie: `${cookie!.name}=wrong-secret` })).toBe(401);
  expect(await attempt({ Origin: shell.origin, Cookie: `${session.slice(0, -1)}${session.endsWith('A') ? 'B' : 'A'}` })).toBe(401);
  // The token subprotocol is gone: a value there is not a way in.
  expect(await attempt({ Origin: shell.origin }, ['switchboard.v1', `token.${cookie!.value}`])).toBe(401);
  expect(await attempt({ Origin: 'http://evil.example', Cookie: session })).toBe(403);
  expect(await attempt({ Origin: 'null', Cookie: session })).toBe(403);
  expect(await attempt({ Origin: shell.origin, Host: 'evil.example', Cookie: session })).toBe(403);
  // The right origin and cookie still get in.
  expect(await attempt({ Origin: shell.origin, Cookie: session })).toBe(101);

  // The host is still serving: the page's own connection works, and a new page in the same
  // (signed-in) browser loads and connects without a new link.
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect(page.getByRole('status', { name: 'Connection check result' })).toContainText('events flowing');
  const fresh = await page.context().newPage();
  await fresh.goto(shell.origin);
  await expect(fresh.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  expect(shell.process.exitCode).toBeNull();
  expect(shell.log()).toContain('refused bridge connection');
});

test('a browser that did not open a launch link gets a page saying how to get in, not the app', async ({ page, pageProblems }) => {
  pageProblems.allow(/status of 401/);
  const response = await page.goto(shell.origin);
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('alert')).toContainText('works only in the window Switchboard opened');
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveCount(0);
});

test('a launch link works once: another browser opening it afterwards is refused', async ({ page, browser }) => {
  const link = await shell.launchUrl();
  await page.goto(link);
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
  // Going to it again in the same browser is harmless: that browser is signed in already.
  await page.goto(link);
  expect(page.url()).toBe(`${shell.origin}/`);
  await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');

  const other = await browser.newContext();
  try {
    const stranger = await other.newPage();
    const response = await stranger.goto(link);
    expect(response?.status()).toBe(403);
    await expect(stranger.getByRole('heading')).toHaveText('This link has already been used');
    expect(await other.cookies(shell.origin)).toEqual([]);
  } finally {
    await other.close();
  }
  expect(shell.log()).toContain('refused launch link');
});

test.describe('notices raised before the window opened', () => {
  let early: RunningWebShell;
  test.beforeEach(async () => {
    // A click-to-dial link with markup in it, handed over at start: main refuses it with a notice
    // while no window is connected yet.
    early = await startWebShell({ args: ['--dial', 'tel:+1555<script>'] });
  });
  test.afterEach(async () => {
    await early.stop();
  });

  test('are shown when the window connects, and stay dismissed after a reload', async ({ page }) => {
    await page.goto(await early.launchUrl());
    const notices = page.getByRole('region', { name: 'Notices' });
    await expect(notices).toContainText('A link to call was not used');
    // A warning stays until dismissed (no timeout), by its own button; the toast region goes with the last toast.
    await notices.getByRole('button', { name: /^Dismiss: A link to call was not used/ }).click();
    await expect(page.getByText('A link to call was not used')).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('status', { name: 'Connection' })).toContainText('Connected');
    await expect(page.getByText('A link to call was not used')).toHaveCount(0);
  });
});
