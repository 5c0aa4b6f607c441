import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { BridgeServer } from '../../../electron/bridge/bridge-server';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { MAX_SOCKETS_PER_SESSION, startWebShellHost, type WebShellHost, type WebShellHostOptions } from '../../../electron/web-shell/host';
import { BRIDGE_CLOSE } from '../../../shared/bridge/web-socket';
import { closed, httpGet, nextMessage, openBridge, signIn } from '../../support/web-shell-client';

/**
 * The web shell's socket limits over real sockets: a session gets a few bridge sockets, not any
 * number; and a page that stops reading is cut off once a bounded queue is full, instead of the
 * host holding everything main says for it, while other pages go on being served.
 */

let dir = '';
let rendererDir = '';
const logs = createMemorySink();
let host: WebShellHost | null = null;
let bridge: BridgeServer;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sb-web-limits-'));
  rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
});

afterEach(async () => {
  await host?.close();
  host = null;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function start(options: Partial<WebShellHostOptions> = {}): Promise<WebShellHost> {
  const log = createLogger(logs.sink, { level: 'debug' });
  bridge = new BridgeServer({ log });
  bridge.handle('diagnostics.ping', ({ nonce }) => ({ nonce, receivedAt: 1 }));
  host = await startWebShellHost({ bridge, rendererDir, log, ...options });
  return host;
}

async function ping(ws: WebSocket, id: number): Promise<unknown> {
  const reply = nextMessage(ws);
  ws.send(JSON.stringify({ t: 'command', id, channel: 'diagnostics.ping', payload: { nonce: `n${id}` } }));
  return reply;
}

/** Makes the client stop reading from its TCP socket, like a frozen tab: the host's writes back up. */
function stopReading(ws: WebSocket): Socket {
  const socket = (ws as unknown as { _socket: Socket })._socket;
  socket.pause();
  return socket;
}

const EVENT_BYTES = 64 * 1024;
const LIMIT = 1024 * 1024;
/** A large event, as a store or sync burst would send; `diagnostics.pinged` takes any nonce. */
function emitLarge(seq: number): void {
  bridge.emit('diagnostics.pinged', { nonce: `${seq}:`.padEnd(EVENT_BYTES, 'x'), at: seq });
}

describe('web shell socket limits', () => {
  it('a session gets a few bridge sockets; one more is closed with a code and reason, and another session is not affected', async () => {
    const { port } = await start();
    const cookie = await signIn(host!.issueLaunchUrl());
    const own = [];
    for (let i = 0; i < MAX_SOCKETS_PER_SESSION; i++) own.push(await openBridge(port, { cookie }));
    const extra = await openBridge(port, { cookie });
    expect(await closed(extra)).toEqual({ code: BRIDGE_CLOSE.tooManyConnections, reason: 'Too many Switchboard windows are connected' });
    expect(bridge.connectedCount).toBe(MAX_SOCKETS_PER_SESSION);

    // Another browser that signed in with its own link has its own allowance.
    const other = await openBridge(port, { cookie: await signIn(host!.issueLaunchUrl()) });
    expect(await ping(other, 1)).toMatchObject({ id: 1, ok: true });

    // When one closes (the old page of a reload), the next gets in.
    own[0]!.close();
    await expect.poll(() => host!.socketCount).toBe(MAX_SOCKETS_PER_SESSION);
    const again = await openBridge(port, { cookie });
    expect(await ping(again, 2)).toMatchObject({ id: 2, ok: true });
    expect(JSON.stringify(logs.records)).toContain('too many sockets for one session');
  });

  it('a page that stops reading is closed once its queue passes the limit: memory stays bounded and other pages are served in full', async () => {
    const { port } = await start({ maxBufferedBytes: LIMIT });
    const healthy = await openBridge(port, { cookie: await signIn(host!.issueLaunchUrl()) });
    const stuck = await openBridge(port, { cookie: await signIn(host!.issueLaunchUrl()) });
    stopReading(stuck);
    let received = 0;
    let caughtUp: () => void = () => undefined;
    healthy.on('message', () => {
      received += 1;
      caughtUp();
    });

    // 32 MiB for each page, four events at a time; the healthy page reads each batch before the next.
    const total = 512;
    let maxBuffered = 0;
    for (let seq = 0; seq < total; seq++) {
      emitLarge(seq);
      maxBuffered = Math.max(maxBuffered, host!.bufferedBytes);
      if (seq % 4 === 3) {
        await new Promise<void>((resolve) => {
          caughtUp = () => {
            if (received >= seq + 1) resolve();
          };
          caughtUp();
        });
      }
    }

    // The stuck page is off the bridge; the host never held more than the limit plus the one event that crossed it.
    expect(bridge.connectedCount).toBe(1);
    expect(maxBuffered).toBeLessThanOrEqual(LIMIT + EVENT_BYTES + 1024);
    expect(JSON.stringify(logs.records)).toContain('bridge socket fell too far behind');
    // The healthy page got every event, and the host still answers it and serves new ones.
    expect(received).toBe(total);
    healthy.removeAllListeners('message');
    expect(await ping(healthy, 1)).toMatchObject({ id: 1, ok: true });
    const cookie = await signIn(host!.issueLaunchUrl());
    expect((await httpGet(port, '/', { cookie })).status).toBe(200);
    // A page that never reads again is cut, and what was queued for it is let go.
    await expect.poll(() => host!.socketCount, { timeout: 10_000 }).toBe(1);
    expect(host!.bufferedBytes).toBeLessThan(EVENT_BYTES);
  });

  it('a slow page that reads again gets the reason (4002), reconnects and is served', async () => {
    // Long grace: this page is slow, not gone, and reads its way to the close frame.
    const { port } = await start({ maxBufferedBytes: LIMIT, behindCloseGraceMs: 60_000 });
    const cookie = await signIn(host!.issueLaunchUrl());
    const slow = await openBridge(port, { cookie });
    let delivered = 0;
    slow.on('message', () => (delivered += 1));
    const socket = stopReading(slow);
    const done = closed(slow);

    let sent = 0;
    while (bridge.connectedCount > 0 && sent < 2_000) emitLarge(sent++);
    expect(bridge.connectedCount).toBe(0);
    // What came after the mark was not queued for it.
    for (let i = 0; i < 100; i++) emitLarge(sent++);

    socket.resume();
    expect(await done).toEqual({
      code: BRIDGE_CLOSE.tooFarBehind,
      reason: 'Switchboard stopped waiting for this window; reconnect to catch up',
    });
    expect(delivered).toBeLessThan(sent - 100);
    // The page reconnects (renderer/src/bridge/web-socket-wire.ts) and every view refetches its state.
    const back = await openBridge(port, { cookie });
    expect(await ping(back, 1)).toMatchObject({ id: 1, ok: true });
    expect(bridge.connectedCount).toBe(1);
  });
});
