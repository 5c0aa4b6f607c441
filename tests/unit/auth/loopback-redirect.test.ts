import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CALLBACK_PATH, listenForRedirect, type LoopbackRedirect } from '../../../electron/auth/loopback-redirect';
import { OAuthError } from '../../../electron/auth/oauth-error';
import { translate } from '../../../shared/text/translate';
import { userText } from '../../../shared/text/user-text';

const zendesk = { id: 'zendesk', name: 'Zendesk' };
const STATE = 'state-0123456789abcdef';

const open: LoopbackRedirect[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

async function listen(options: Partial<Parameters<typeof listenForRedirect>[0]> = {}): Promise<LoopbackRedirect> {
  const listener = await listenForRedirect({ provider: zendesk, expectedState: STATE, ...options });
  open.push(listener);
  return listener;
}

/** Tracks whether the callback promise has settled, without awaiting it. */
function watch<T>(promise: Promise<T>) {
  const seen = { settled: false };
  promise.then(
    () => (seen.settled = true),
    () => (seen.settled = true),
  );
  return seen;
}

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

/** Whether anything still listens on the port. */
function connectable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', method: 'GET' }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

describe('loopback redirect listener', () => {
  it('listens on 127.0.0.1 at the fixed path, on a port the OS picks', async () => {
    const listener = await listen();
    expect(listener.port).toBeGreaterThan(0);
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${listener.port}${CALLBACK_PATH}`);
    expect(CALLBACK_PATH).toBe('/oauth/callback');
  });

  it('accepts the request carrying the state, holds the tab until finish, then answers with a self-contained page and closes', async () => {
    const listener = await listen();
    const page = get(`${listener.redirectUri}?code=abc123&state=${STATE}`);
    const callback = await listener.callback;
    expect(callback.url.searchParams.get('code')).toBe('abc123');
    expect(callback.url.origin + callback.url.pathname).toBe(listener.redirectUri);

    await callback.finish({ ok: true });
    const { status, body, headers } = await page;
    expect(status).toBe(200);
    expect(body).toContain('You are signed in to Zendesk; you can close this tab.');
    expect(body).not.toMatch(/<script|<link|<img|src=|https?:\/\//i);
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/unsafe|https?:|\*/);
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('cache-control')).toBe('no-store');
    expect(await connectable(listener.port)).toBe(false);
  });

  it('shows the failure in plain words, escaped', async () => {
    const listener = await listen();
    const page = get(`${listener.redirectUri}?error=access_denied&state=${STATE}`);
    const callback = await listener.callback;
    expect(callback.url.searchParams.get('error')).toBe('access_denied');
    await callback.finish({ ok: false, message: 'Sign-in to Zendesk was cancelled in the browser. <b>' });
    const { status, body } = await page;
    expect(status).toBe(400);
    expect(body).toContain('Sign-in to Zendesk was cancelled in the browser. &#60;b&#62; You can close this tab.');
    expect(body).not.toContain('<b>');
  });

  it("speaks the browser's language when the agent's setting is system, and the setting's when it names one", async () => {
    const german = await listen();
    const page = get(`${german.redirectUri}?code=abc123&state=${STATE}`, { 'Accept-Language': 'fr-CH, de;q=0.9, en;q=0.8' });
    await (await german.callback).finish({ ok: true });
    const { body } = await page;
    expect(body).toContain('<html lang="de">');
    expect(body).toContain('Sie sind bei Zendesk angemeldet; Sie können diesen Tab schließen.');

    const english = await listen({ language: () => 'en' });
    const second = get(`${english.redirectUri}?code=abc123&state=${STATE}`, { 'Accept-Language': 'de' });
    await (await english.callback).finish({ ok: true });
    expect((await second).body).toContain('You are signed in to Zendesk; you can close this tab.');
  });

  it("shows a sign-in's own failure sentence in the page's language", async () => {
    const listener = await listen({ language: () => 'de' });
    const page = get(`${listener.redirectUri}?error=invalid_scope&state=${STATE}`);
    const problem = userText('sso.oauth.sentence', { clause: userText('sso.oauthReason.invalidScope') });
    await (await listener.callback).finish({ ok: false, message: problem });
    const { status, body } = await page;
    expect(status).toBe(400);
    expect(body).toContain('Anmeldung bei Zendesk fehlgeschlagen');
    expect(body).toContain(
      `${translate(problem, 'de')} Sie können diesen Tab schließen.`.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
    );
  });

  it('answers a wrong or missing state with 400 and keeps waiting for the right one', async () => {
    const listener = await listen();
    const seen = watch(listener.callback);

    const wrong = await get(`${listener.redirectUri}?code=stolen&state=not-the-state`);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('return to Switchboard and start the sign-in again');
    expect((await get(`${listener.redirectUri}?code=stolen`)).status).toBe(400);
    expect((await get(`${listener.redirectUri}?state=${STATE}`)).status).toBe(400); // neither code nor error
    expect(seen.settled).toBe(false);

    const page = get(`${listener.redirectUri}?code=good&state=${STATE}`);
    const callback = await listener.callback;
    expect(callback.url.searchParams.get('code')).toBe('good');
    await callback.finish({ ok: true });
    expect((await page).status).toBe(200);
  });

  it('answers the favicon and other paths 404 and other methods 405 without accepting them', async () => {
    const listener = await listen();
    const seen = watch(listener.callback);
    const origin = `http://127.0.0.1:${listener.port}`;
    expect((await get(`${origin}/favicon.ico`)).status).toBe(404);
    expect((await get(`${origin}/?code=x&state=${STATE}`)).status).toBe(404);
    const post = await fetch(`${listener.redirectUri}?code=x&state=${STATE}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(seen.settled).toBe(false);
  });

  it('refuses a request whose Host is not 127.0.0.1:<port> (DNS rebinding)', async () => {
    const listener = await listen();
    const seen = watch(listener.callback);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: listener.port, path: `${CALLBACK_PATH}?code=x&state=${STATE}`, headers: { host: 'evil.example:80' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
    expect(seen.settled).toBe(false);
  });

  it('gives up after its timeout with a sentence, and frees the port', async () => {
    const listener = await listen({ timeoutMs: 50 });
    const error = await listener.callback.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).code).toBe('timeout');
    expect((error as OAuthError).message).toBe('Sign-in to Zendesk was not finished within 1 second; start it again.');
    expect(await connectable(listener.port)).toBe(false);
  });

  it('stops when its signal is aborted, and frees the port', async () => {
    const controller = new AbortController();
    const listener = await listen({ signal: controller.signal });
    controller.abort();
    await expect(listener.callback).rejects.toMatchObject({ code: 'aborted', message: 'Sign-in to Zendesk was stopped.' });
    expect(await connectable(listener.port)).toBe(false);
  });

  it('does not start with a signal already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(listenForRedirect({ provider: zendesk, expectedState: STATE, signal: controller.signal })).rejects.toMatchObject({
      code: 'aborted',
    });
  });

  it('close() while the tab is held answers it with a neutral page', async () => {
    const listener = await listen();
    const page = get(`${listener.redirectUri}?code=abc&state=${STATE}`);
    await listener.callback;
    await listener.close();
    const { status, body } = await page;
    expect(status).toBe(200);
    expect(body).toContain('Switchboard shows whether the sign-in to Zendesk worked.');
    expect(await connectable(listener.port)).toBe(false);
  });

  it('finishes even when the tab was closed before the outcome was known', async () => {
    const listener = await listen();
    const tab = new AbortController();
    const page = fetch(`${listener.redirectUri}?code=abc&state=${STATE}`, { signal: tab.signal }).catch((e: unknown) => e);
    const callback = await listener.callback;
    tab.abort();
    expect(await page).toBeInstanceOf(Error);
    await callback.finish({ ok: true });
    expect(await connectable(listener.port)).toBe(false);
  });

  it('names the port when a fixed one is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await expect(listen({ port })).rejects.toMatchObject({
        code: 'configuration',
        message: `The Zendesk sign-in is not set up correctly: port ${port} on this computer, which its sign-in needs, is used by another program.`,
      });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('listens on a fixed port when asked', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const listener = await listen({ port });
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${port}/oauth/callback`);
  });
});
