import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BridgeServer } from '../../../electron/bridge/bridge-server';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { startWebShellHost, type WebShellHost, type WebShellHostOptions } from '../../../electron/web-shell/host';
import { LAUNCH_CODE_TTL_MS } from '../../../electron/web-shell/launch-auth';
import { REPO_ROOT } from '../../support/system-deps';
import { cookieFrom, httpGet, nextMessage, openBridge, signIn } from '../../support/web-shell-client';

/**
 * The web shell's sign-in over real sockets: the launch link on the browser's command line holds
 * only a one-time code; the session lives in an HttpOnly cookie; nothing is served, and no bridge
 * socket opened, without it. The attacker is another local process (or user) that knows the port.
 */

const APP_MARKER = 'switchboard-app-document';
let dir = '';
let rendererDir = '';
const logs = createMemorySink();
const hosts: WebShellHost[] = [];

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sb-web-session-'));
  rendererDir = path.join(dir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), `<!doctype html><title>${APP_MARKER}</title>`);
  writeFileSync(path.join(rendererDir, 'assets', 'a.js'), `console.log('${APP_MARKER}')`);
});

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function start(options: Partial<WebShellHostOptions> = {}): Promise<WebShellHost> {
  const log = createLogger(logs.sink, { level: 'debug' });
  const bridge = new BridgeServer({ log });
  bridge.handle('diagnostics.ping', ({ nonce }) => ({ nonce, receivedAt: 1 }));
  const host = await startWebShellHost({ bridge, rendererDir, log, ...options });
  hosts.push(host);
  return host;
}

function pathOf(launchUrl: string): string {
  const url = new URL(launchUrl);
  return `${url.pathname}${url.search}`;
}

function codeOf(launchUrl: string): string {
  return new URL(launchUrl).searchParams.get('code')!;
}

/**
 * Another local program: knows the port (it is in `ss -tlnp`, or guessed), pretends to be our page
 * (Origin, Host), perhaps holds a launch code read from /proc. Runs as its own process, as `user`
 * when given (needs root).
 */
const INTRUDER = `
const http = require('node:http');
const WebSocket = require('ws');
const [port, code, cookie] = process.argv.slice(1);
const origin = 'http://127.0.0.1:' + port;
const get = (p) => new Promise((resolve) => {
  const req = http.request({ host: '127.0.0.1', port, path: p, headers: { Host: '127.0.0.1:' + port, Origin: origin } }, (res) => {
    let body = '';
    res.on('data', (d) => (body += d));
    res.on('end', () => resolve({ status: res.statusCode, body, setCookie: res.headers['set-cookie'] || null }));
  });
  req.on('error', (e) => resolve({ status: -1, body: String(e), setCookie: null }));
  req.end();
});
const upgrade = (protocols, extra) => new Promise((resolve) => {
  const ws = new WebSocket('ws://127.0.0.1:' + port + '/bridge', protocols, { headers: { Origin: origin, ...extra } });
  ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
  ws.on('open', () => ws.once('message', (m) => { ws.close(); resolve('open: ' + m); }) && ws.send(JSON.stringify({ t: 'command', id: 1, channel: 'diagnostics.ping', payload: { nonce: 'x' } })));
  ws.on('error', () => resolve(-1));
});
(async () => {
  const guess = 'A'.repeat(43);
  const out = {
    page: await get('/'),
    asset: await get('/assets/a.js'),
    launch: code ? await get('/launch?code=' + code) : null,
    bridge: await upgrade(['switchboard.v1'], {}),
    bridgeWithTokenProtocol: await upgrade(['switchboard.v1', 'token.' + guess], {}),
    bridgeWithForgedCookie: await upgrade(['switchboard.v1'], { Cookie: 'switchboard-' + port + '=' + guess }),
    bridgeWithCookie: cookie ? await upgrade(['switchboard.v1'], { Cookie: cookie }) : null,
  };
  process.stdout.write(JSON.stringify(out));
})();
`;

interface Probe {
  status: number;
  body: string;
  setCookie: string[] | null;
}
interface IntruderReport {
  page: Probe;
  asset: Probe;
  launch: Probe | null;
  bridge: number | string;
  bridgeWithTokenProtocol: number | string;
  bridgeWithForgedCookie: number | string;
  bridgeWithCookie: number | string | null;
}

function intruder(port: number, options: { code?: string; cookie?: string; user?: string } = {}): Promise<IntruderReport> {
  const nodeArgs = ['-e', INTRUDER, String(port), options.code ?? '', options.cookie ?? ''];
  const [file, args] = options.user
    ? [
        'setpriv',
        [
          `--reuid=${options.user}`,
          `--regid=${options.user === 'nobody' ? 'nogroup' : options.user}`,
          '--clear-groups',
          process.execPath,
          ...nodeArgs,
        ],
      ]
    : [process.execPath, nodeArgs];
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: REPO_ROOT, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`intruder failed: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as IntruderReport);
    });
  });
}

describe('web shell sign-in', () => {
  it('a launch link signs the browser in with an HttpOnly session cookie and sends it to a clean URL', async () => {
    const host = await start();
    const res = await httpGet(host.port, pathOf(host.issueLaunchUrl()));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(res.headers['cache-control']).toBe('no-store');
    const setCookie = res.headers['set-cookie']!;
    expect(setCookie).toHaveLength(1);
    // Not readable by script, never sent by another site, gone with the browser (no Max-Age/Expires).
    expect(setCookie[0]).toMatch(new RegExp(`^switchboard-${host.port}=[\\w-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    const cookie = cookieFrom(res)!;

    const page = await httpGet(host.port, '/', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain(APP_MARKER);
    const ws = await openBridge(host.port, { cookie });
    ws.send(JSON.stringify({ t: 'command', id: 1, channel: 'diagnostics.ping', payload: { nonce: 'hello' } }));
    expect(await nextMessage(ws)).toEqual({ t: 'reply', id: 1, ok: true, result: { nonce: 'hello', receivedAt: 1 } });
    ws.close();
  });

  it('a second local process that knows the port and fakes Origin and Host gets no page, no asset and no bridge', async () => {
    const host = await start();
    const link = host.issueLaunchUrl();
    // Our browser signs in first and is connected…
    const cookie = await signIn(link);
    const ws = await openBridge(host.port, { cookie });
    // …then the other process, having read the (spent) link off the browser's command line, tries everything.
    const report = await intruder(host.port, { code: codeOf(link) });
    expect(report.page.status).toBe(401);
    expect(report.page.body).not.toContain(APP_MARKER);
    expect(report.asset.status).toBe(401);
    expect(report.asset.body).not.toContain(APP_MARKER);
    expect(report.launch).toMatchObject({ status: 403, setCookie: null });
    expect(report.launch!.body).toContain('This link has already been used');
    expect(report.bridge).toBe(401);
    expect(report.bridgeWithTokenProtocol).toBe(401);
    expect(report.bridgeWithForgedCookie).toBe(401);
    // Our page's connection is untouched.
    ws.send(JSON.stringify({ t: 'command', id: 2, channel: 'diagnostics.ping', payload: { nonce: 'still-here' } }));
    expect(await nextMessage(ws)).toMatchObject({ id: 2, ok: true });
    ws.close();
    // Neither the code nor the session secret is in the log.
    const logged = JSON.stringify(logs.records);
    expect(logged).not.toContain(codeOf(link));
    expect(logged).not.toContain(cookie.split('=')[1]);
    expect(logged).toContain('refused launch link');
  });

  it('a replayed launch link is refused with a page saying so, and opens no session', async () => {
    const host = await start();
    const link = host.issueLaunchUrl();
    await signIn(link);
    const replay = await httpGet(host.port, pathOf(link));
    expect(replay.status).toBe(403);
    expect(replay.headers['set-cookie']).toBeUndefined();
    expect(replay.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(replay.headers['content-security-policy']).toContain("default-src 'none'");
    expect(replay.body).toContain('This link has already been used');
    expect(replay.body).not.toContain(APP_MARKER);
  });

  it('an expired launch link is refused, and stays refused', async () => {
    let now = 1_000_000;
    const host = await start({ now: () => now });
    const link = host.issueLaunchUrl();
    now += LAUNCH_CODE_TTL_MS;
    const late = await httpGet(host.port, pathOf(link));
    expect(late.status).toBe(403);
    expect(late.body).toContain('This link has expired');
    expect(late.headers['set-cookie']).toBeUndefined();
    expect((await httpGet(host.port, pathOf(link))).status).toBe(403);
    // A new link, used in time, works.
    const fresh = host.issueLaunchUrl();
    now += LAUNCH_CODE_TTL_MS - 1;
    expect((await httpGet(host.port, pathOf(fresh))).status).toBe(303);
  });

  it('a HEAD (link preview) does not spend a link; made-up codes are refused', async () => {
    const host = await start();
    const link = host.issueLaunchUrl();
    expect((await httpGet(host.port, pathOf(link), { method: 'HEAD' })).status).toBe(405);
    expect((await httpGet(host.port, pathOf(link))).status).toBe(303);
    for (const bad of ['/launch', '/launch?code=', '/launch?code=..%2F..%2Fetc%2Fpasswd', `/launch?code=${'A'.repeat(43)}`]) {
      const res = await httpGet(host.port, bad);
      expect(res.status, bad).toBe(403);
      expect(res.body).toContain('This link is not valid');
    }
    // A foreign Host header (DNS rebinding) does not even reach the code.
    expect((await httpGet(host.port, pathOf(host.issueLaunchUrl()), { host: 'attacker.example' })).status).toBe(421);
  });

  it('a bridge upgrade without this host’s session cookie is refused, whatever else is right', async () => {
    const host = await start();
    const other = await start();
    const cookie = await signIn(host.issueLaunchUrl());
    const otherCookie = await signIn(other.issueLaunchUrl());
    await expect(openBridge(host.port)).rejects.toThrow('HTTP 401');
    // Another Switchboard's session (browsers send every 127.0.0.1 cookie to every port) is not this one's.
    await expect(openBridge(host.port, { cookie: otherCookie })).rejects.toThrow('HTTP 401');
    await expect(openBridge(host.port, { cookie: `switchboard-${host.port}=${otherCookie.split('=')[1]}` })).rejects.toThrow('HTTP 401');
    // The right cookie from the wrong origin is refused too (another site in the same browser).
    await expect(openBridge(host.port, { cookie, origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    const ws = await openBridge(host.port, { cookie });
    ws.close();
  });

  const asOtherUser = process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');
  it.skipIf(!asOtherUser)(
    'another local user who races our browser to the link is refused without spending it, and cannot use a stolen cookie',
    async () => {
      const host = await start();
      const link = host.issueLaunchUrl();
      const ourCookie = await signIn(host.issueLaunchUrl());
      // `nobody` read the link off /proc/<browser>/cmdline and got there first.
      const report = await intruder(host.port, { code: codeOf(link), cookie: ourCookie, user: 'nobody' });
      expect(report.launch).toMatchObject({ status: 403, setCookie: null });
      expect(report.launch!.body).toContain('belongs to another user');
      expect(report.bridgeWithCookie).toBe(403);
      expect(report.page.status).toBe(401);
      // Our browser arrives second and still gets in.
      expect((await httpGet(host.port, pathOf(link))).status).toBe(303);
    },
  );
});
