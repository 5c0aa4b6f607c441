import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { createRecordingPlatform } from '../../../electron/core/platform-services';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { createKeyFileSecretStore } from '../../../electron/secrets/secret-store';
import { startWebShellHost, type WebShellHost } from '../../../electron/web-shell/host';
import { MAX_MESSAGE_BYTES } from '../../../shared/bridge/envelopes';
import { IMPORT_CHUNK_CHARS } from '../../../shared/store/contract';
import { httpGet, nextMessage, openBridge, signIn } from '../../support/web-shell-client';

let dataDir: string;
let rendererDir: string;
let core: AppCore;
let host: WebShellHost;
/** The session cookie our "page" got by following a launch link. */
let cookie: string;
const logs = createMemorySink();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-host-'));
  rendererDir = path.join(dataDir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'a.js'), 'console.log(1)');
  writeFileSync(path.join(rendererDir, 'assets', 'index-DJAAu4d4.js'), 'console.log(2)');
  writeFileSync(path.join(dataDir, 'outside.txt'), 'do not serve');
  const log = createLogger(logs.sink, { level: 'debug' });
  core = await createAppCore({
    version: '1.2.3',
    dataDir,
    platform: createRecordingPlatform(),
    secrets: createKeyFileSecretStore(dataDir),
    log,
  });
  host = await startWebShellHost({ bridge: core.bridge, rendererDir, log, heartbeatMs: 100 });
  cookie = await signIn(host.issueLaunchUrl());
});

afterAll(async () => {
  await host.close();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function get(pathname: string, options: { method?: string; host?: string } = {}) {
  return httpGet(host.port, pathname, { ...options, cookie });
}

function open(protocols = ['switchboard.v1'], origin = host.origin): Promise<WebSocket> {
  return openBridge(host.port, { cookie, protocols, origin });
}

describe('web shell HTTP', () => {
  it('serves the app with its CSP bound to this port and security headers', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await get('/assets/a.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('lets the browser keep the content-named bundle, and asks again for the page and anything else', async () => {
    // A later start then runs the bundle from the browser's cache and code cache (docs/performance.md).
    expect((await get('/assets/index-DJAAu4d4.js')).headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect((await get('/assets/a.js')).headers['cache-control']).toBe('no-cache');
    expect((await get('/index.html')).headers['cache-control']).toBe('no-store');
  });

  it('refuses foreign Host headers (DNS rebinding), other methods, and paths outside the build', async () => {
    expect((await get('/', { host: 'attacker.example' })).status).toBe(421);
    expect((await get('/', { host: `localhost:${host.port}` })).status).toBe(421);
    expect((await get('/', { method: 'POST' })).status).toBe(405);
    expect((await get('/../outside.txt')).status).toBe(404);
    expect((await get('/%2e%2e/outside.txt')).body).not.toContain('do not serve');
    expect((await get('/', { method: 'HEAD' })).body).toBe('');
  });
});

describe('web shell bridge socket', () => {
  it('accepts our page and answers commands', async () => {
    const ws = await open();
    expect(ws.protocol).toBe('switchboard.v1');
    ws.send(JSON.stringify({ t: 'command', id: 7, channel: 'app.getInfo', payload: {} }));
    expect(await nextMessage(ws)).toEqual({
      t: 'reply',
      id: 7,
      ok: true,
      result: expect.objectContaining({ version: '1.2.3', host: 'web' }),
    });
    ws.close();
  });

  it('refuses connections without the session cookie, with a wrong one, from another origin, or without the protocol', async () => {
    await expect(openBridge(host.port)).rejects.toThrow('HTTP 401');
    await expect(openBridge(host.port, { cookie: `switchboard-${host.port}=nope` })).rejects.toThrow('HTTP 401');
    await expect(open(['switchboard.v1'], 'https://evil.example')).rejects.toThrow('HTTP 403');
    await expect(open(['switchboard.v2'])).rejects.toThrow('HTTP 400');
    expect(logs.records.filter((r) => r.message === 'refused bridge connection').length).toBeGreaterThanOrEqual(4);
    // The session secret never reaches the log.
    expect(JSON.stringify(logs.records)).not.toContain(cookie.split('=')[1]);
  });

  it('routes media RPC to the page that announced itself and back', async () => {
    const ws = await open();
    ws.send(JSON.stringify({ t: 'command', id: 1, channel: 'media.ready', payload: { engine: 'test-engine' } }));
    expect(await nextMessage(ws)).toEqual({ t: 'reply', id: 1, ok: true, result: {} });
    const probe = core.bridge.requestMedia('media.probe', {});
    const request = (await nextMessage(ws)) as { t: string; id: number; method: string };
    expect(request).toMatchObject({ t: 'media', method: 'media.probe' });
    ws.send(
      JSON.stringify({
        t: 'media-reply',
        id: request.id,
        ok: true,
        result: { engine: 'test-engine', webrtc: true, getUserMedia: true, outputSelection: true },
      }),
    );
    await expect(probe).resolves.toMatchObject({ engine: 'test-engine' });
    ws.close();
    await expect.poll(() => core.bridge.hasMediaEngine).toBe(false);
  });

  it('takes the largest message the renderer sends (a full import chunk) and closes a socket that sends more than the limit', async () => {
    const ws = await open();
    ws.send(
      JSON.stringify({
        t: 'command',
        id: 1,
        channel: 'store.import.begin',
        payload: { fileName: 'customers.csv', format: 'csv', kind: 'customers' },
      }),
    );
    const begun = (await nextMessage(ws)) as { ok: boolean; result: { importId: string; maxChunkChars: number } };
    expect(begun).toMatchObject({ ok: true, result: { maxChunkChars: IMPORT_CHUNK_CHARS } });
    // The worst case on the wire: control characters, which JSON writes as six bytes each (\u0001).
    const chunk = '\u0001'.repeat(IMPORT_CHUNK_CHARS);
    const largest = JSON.stringify({
      t: 'command',
      id: 2,
      channel: 'store.import.append',
      payload: { importId: begun.result.importId, chunk },
    });
    expect(Buffer.byteLength(largest)).toBeGreaterThan(3 * 1024 * 1024);
    ws.send(largest);
    expect(await nextMessage(ws)).toEqual({ t: 'reply', id: 2, ok: true, result: { receivedChars: IMPORT_CHUNK_CHARS } });

    const closed = new Promise<number>((resolve) => ws.once('close', (code: number) => resolve(code)));
    ws.send(JSON.stringify({ t: 'command', id: 3, channel: 'diagnostics.ping', payload: { nonce: 'x'.repeat(MAX_MESSAGE_BYTES) } }));
    // 1009: message too big. The host read the frame's header, not the 4 MiB behind it.
    expect(await closed).toBe(1009);
  });

  it('drops a socket that stops answering pings', async () => {
    const ws = await open();
    // Pausing the socket stops it from answering pings, like a frozen page.
    ws.pause();
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await expect.poll(() => core.bridge.connectedCount, { timeout: 2000 }).toBe(0);
  });
});
