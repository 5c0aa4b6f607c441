import { describe, expect, it, vi } from 'vitest';
import { BridgeServer, type RendererLink } from '../../../electron/bridge/bridge-server';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import { toBridgeError } from '../../../electron/store/bridge-errors';
import { StoreError } from '../../../electron/store/errors';
import type { EventEnvelope, MediaRequestEnvelope } from '../../../shared/bridge/envelopes';
import { BridgeError } from '../../../shared/bridge/errors';
import { englishOf, userText } from '../../../shared/text/user-text';

function setup(options: { mediaTimeoutMs?: number; explainError?: (error: unknown) => unknown } = {}) {
  const memory = createMemorySink();
  const bridge = new BridgeServer({ log: createLogger(memory.sink, { level: 'debug' }), ...options });
  const link = (id: string) => {
    const events: EventEnvelope[] = [];
    const media: MediaRequestEnvelope[] = [];
    const value: RendererLink = { id, sendEvent: (e) => events.push(e), sendMedia: (m) => media.push(m) };
    return { value, events, media, disconnect: bridge.connect(value) };
  };
  return { bridge, link, logs: memory.records };
}

describe('BridgeServer commands', () => {
  it('runs the handler for a valid request and answers with its result', async () => {
    const { bridge, link } = setup();
    bridge.handle('diagnostics.ping', ({ nonce }) => ({ nonce, receivedAt: 5 }));
    const renderer = link('a');
    expect(await bridge.handleCommand(renderer.value, 'diagnostics.ping', { nonce: 'n1' })).toEqual({
      ok: true,
      result: { nonce: 'n1', receivedAt: 5 },
    });
  });

  it('refuses a channel that is not on the allow-list without calling anything', async () => {
    const { bridge, link } = setup();
    const reply = await bridge.handleCommand(link('a').value, 'fs.readFile', { path: '/etc/shadow' });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'unknown-channel',
        message: 'Unknown command channel: fs.readFile',
        text: { key: 'bridge.command.unknownChannel', values: { channel: 'fs.readFile' } },
      },
    });
    expect(await bridge.handleCommand(link('b').value, { toString: () => 'x' }, {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
  });

  it('refuses a payload outside the schema and names each problem', async () => {
    const { bridge, link } = setup();
    const handler = vi.fn();
    bridge.handle('diagnostics.ping', handler);
    const reply = await bridge.handleCommand(link('a').value, 'diagnostics.ping', { nonce: '', colour: 'red' });
    expect(handler).not.toHaveBeenCalled();
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'invalid-payload',
        message: 'Invalid request for diagnostics.ping',
        text: { key: 'bridge.command.invalidRequest', values: { channel: 'diagnostics.ping' } },
        issues: [expect.stringMatching(/^nonce: Too small/), '(payload): Unrecognized key: "colour"'],
      },
    });
  });

  it('passes a BridgeError from the handler to the renderer as is', async () => {
    const { bridge, link } = setup();
    bridge.handle('diagnostics.ping', () => {
      throw new BridgeError('conflict', 'Finish the wrap-up first');
    });
    expect(await bridge.handleCommand(link('a').value, 'diagnostics.ping', { nonce: 'x' })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Finish the wrap-up first' },
    });
  });

  it('hides other exceptions behind a generic error and keeps their message out of the log', async () => {
    const { bridge, link, logs } = setup();
    bridge.handle('diagnostics.ping', () => {
      throw new TypeError('customer Jane Roe +15550100 not found');
    });
    const reply = await bridge.handleCommand(link('a').value, 'diagnostics.ping', { nonce: 'x' });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'failed',
        message: 'diagnostics.ping failed; the details are in the log',
        text: { key: 'bridge.command.failed', values: { channel: 'diagnostics.ping' } },
      },
    });
    expect(JSON.stringify(logs)).not.toContain('Jane');
    expect(logs.some((r) => r.fields?.error === 'TypeError')).toBe(true);
  });

  it("says a store refusal met by any command as the store said it, field by field, with the app core's explainer", async () => {
    const { bridge, link } = setup({ explainError: toBridgeError });
    const why = userText('store.record.nothingToChange');
    bridge.handle('diagnostics.ping', () => {
      throw new StoreError('invalid-input', userText('store.record.refused'), ['name: nothing to change'], [{ path: 'name', text: why }]);
    });
    const reply = await bridge.handleCommand(link('a').value, 'diagnostics.ping', { nonce: 'x' });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'invalid-payload',
        message: englishOf(userText('store.record.refused')),
        text: { key: 'store.record.refused' },
        issues: ['name: nothing to change'],
        issueTexts: [{ path: 'name', text: why }],
      },
    });
    // An internal store failure stays behind the generic error.
    bridge.handle('app.getInfo', () => {
      throw new StoreError('internal', 'worker crashed reading customer Jane Roe');
    });
    expect(await bridge.handleCommand(link('a').value, 'app.getInfo', {})).toMatchObject({ ok: false, error: { code: 'failed' } });
  });

  it('refuses a handler result outside the response schema', async () => {
    const { bridge, link } = setup();
    bridge.handle('diagnostics.ping', () => ({ nonce: 'x', receivedAt: 1, secret: 'leak' }) as never);
    expect(await bridge.handleCommand(link('a').value, 'diagnostics.ping', { nonce: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-result' },
    });
  });

  it('answers "unavailable" for an allow-listed channel nobody handles, and reports it as unhandled', async () => {
    const { bridge, link } = setup();
    expect(bridge.unhandledChannels()).toContain('app.getInfo');
    expect(await bridge.handleCommand(link('a').value, 'app.getInfo', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('will not register two handlers for one channel', () => {
    const { bridge } = setup();
    bridge.handle('app.getInfo', () => ({ name: 'S', version: '1', host: 'web', platform: 'linux', startedAt: 1 }));
    expect(() => bridge.handle('app.getInfo', () => ({ name: 'S', version: '1', host: 'web', platform: 'linux', startedAt: 1 }))).toThrow(
      /already registered/,
    );
  });
});

describe('BridgeServer while the core is starting', () => {
  it('holds a command whose handler is not registered yet and runs it once the core is ready; registered ones answer at once', async () => {
    const { bridge, link } = setup();
    bridge.holdUntilReady();
    bridge.handle('diagnostics.ping', ({ nonce }) => ({ nonce, receivedAt: 1 }));
    const renderer = link('a').value;
    let held: unknown = null;
    const pending = bridge.handleCommand(renderer, 'app.getInfo', {}).then((reply) => (held = reply));
    expect(await bridge.handleCommand(renderer, 'diagnostics.ping', { nonce: 'n' })).toEqual({
      ok: true,
      result: { nonce: 'n', receivedAt: 1 },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(held).toBeNull();
    const info = { name: 'Switchboard', version: '1.0.0', host: 'web' as const, platform: 'linux', startedAt: 1 };
    bridge.handle('app.getInfo', () => info);
    bridge.markReady();
    expect(await pending).toEqual({ ok: true, result: info });
    // Ready: an allow-listed channel nobody handles is refused at once again.
    expect(await bridge.handleCommand(renderer, 'store.status', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it("passes the key and values of a handler's BridgeError to the window, with its English for the log", async () => {
    const { bridge, link } = setup();
    bridge.handle('diagnostics.ping', () => {
      throw new BridgeError('not-found', userText('store.error.importClosed'));
    });
    expect(await bridge.handleCommand(link('a').value, 'diagnostics.ping', { nonce: 'x' })).toEqual({
      ok: false,
      error: {
        code: 'not-found',
        message: 'This import is no longer open (it was finished, cancelled or left idle); start it again',
        text: { key: 'store.error.importClosed' },
      },
    });
  });

  it("refuses held commands with the start failure's message, as key and values", async () => {
    const { bridge, link } = setup();
    bridge.holdUntilReady();
    const pending = bridge.handleCommand(link('a').value, 'store.status', {});
    bridge.markFailed(userText('store.status.startFailed'));
    expect(await pending).toMatchObject({ ok: false, error: { code: 'unavailable', text: { key: 'store.status.startFailed' } } });
  });

  it('refuses held commands, and later ones without a handler, with the reason the start failed', async () => {
    const { bridge, link } = setup();
    bridge.holdUntilReady();
    const renderer = link('a').value;
    const pending = bridge.handleCommand(renderer, 'store.status', {});
    bridge.markFailed('Switchboard could not start.');
    expect(await pending).toEqual({ ok: false, error: { code: 'unavailable', message: 'Switchboard could not start.' } });
    expect(await bridge.handleCommand(renderer, 'agent.getView', {})).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'Switchboard could not start.' },
    });
  });
});

describe('BridgeServer events', () => {
  it('sends a valid event to every connected renderer', () => {
    const { bridge, link } = setup();
    const a = link('a');
    const b = link('b');
    bridge.emit('diagnostics.pinged', { nonce: 'n', at: 1 });
    expect(a.events).toEqual([{ t: 'event', channel: 'diagnostics.pinged', payload: { nonce: 'n', at: 1 } }]);
    expect(b.events).toHaveLength(1);
    b.disconnect();
    bridge.emit('diagnostics.pinged', { nonce: 'm', at: 2 });
    expect(b.events).toHaveLength(1);
  });

  it('drops an event outside its schema and logs it', () => {
    const { bridge, link, logs } = setup();
    const a = link('a');
    bridge.emit('app.notice', { id: 'x', level: 'panic', message: 'boom' } as never);
    expect(a.events).toEqual([]);
    expect(logs.some((r) => r.message === 'dropped event outside its schema')).toBe(true);
  });
});

describe('BridgeServer media RPC', () => {
  it('fails at once when no media engine is attached', async () => {
    const { bridge } = setup();
    await expect(bridge.requestMedia('media.probe', {})).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('routes the request to the attached engine and resolves with its checked answer', async () => {
    const { bridge, link } = setup();
    const engine = link('engine');
    const listener = vi.fn();
    bridge.onMediaEngineChange(listener);
    bridge.attachMediaEngine(engine.value);
    expect(listener).toHaveBeenCalledWith(true);
    const pending = bridge.requestMedia('media.probe', {});
    const request = engine.media[0];
    expect(request).toMatchObject({ t: 'media', method: 'media.probe', params: {} });
    const result = { engine: 'x', webrtc: true, getUserMedia: true, outputSelection: false };
    bridge.handleMediaReply(engine.value, { t: 'media-reply', id: request?.id, ok: true, result });
    await expect(pending).resolves.toEqual(result);
  });

  it('rejects an answer outside the schema, and ignores answers from other links or to unknown ids', async () => {
    const { bridge, link } = setup();
    const engine = link('engine');
    const other = link('other');
    bridge.attachMediaEngine(engine.value);
    const pending = bridge.requestMedia('media.probe', {});
    const id = engine.media[0]?.id;
    bridge.handleMediaReply(other.value, { t: 'media-reply', id, ok: true, result: {} });
    bridge.handleMediaReply(engine.value, { t: 'media-reply', id: 999, ok: true, result: {} });
    bridge.handleMediaReply(engine.value, 'garbage');
    bridge.handleMediaReply(engine.value, { t: 'media-reply', id, ok: true, result: { engine: 1 } });
    await expect(pending).rejects.toMatchObject({ code: 'invalid-result' });
  });

  it("passes the engine's error through", async () => {
    const { bridge, link } = setup();
    const engine = link('engine');
    bridge.attachMediaEngine(engine.value);
    const pending = bridge.requestMedia('media.probe', {});
    bridge.handleMediaReply(engine.value, {
      t: 'media-reply',
      id: engine.media[0]?.id,
      ok: false,
      error: { code: 'failed', message: 'NotAllowedError' },
    });
    await expect(pending).rejects.toEqual(new BridgeError('failed', 'NotAllowedError'));
  });

  it('times out when the engine does not answer', async () => {
    vi.useFakeTimers();
    try {
      const { bridge, link } = setup({ mediaTimeoutMs: 1000 });
      bridge.attachMediaEngine(link('engine').value);
      const pending = bridge.requestMedia('media.probe', {});
      const assertion = expect(pending).rejects.toMatchObject({ code: 'timeout' });
      await vi.advanceTimersByTimeAsync(1001);
      await assertion;
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails pending requests with "disconnected" when the engine\'s window goes away, and detaches it', async () => {
    const { bridge, link } = setup();
    const engine = link('engine');
    const listener = vi.fn();
    bridge.attachMediaEngine(engine.value);
    bridge.onMediaEngineChange(listener);
    const pending = bridge.requestMedia('media.probe', {});
    engine.disconnect();
    await expect(pending).rejects.toMatchObject({ code: 'disconnected' });
    expect(bridge.hasMediaEngine).toBe(false);
    expect(listener).toHaveBeenCalledWith(false);
  });

  it('checks its own parameters before sending', async () => {
    const { bridge, link } = setup();
    const engine = link('engine');
    bridge.attachMediaEngine(engine.value);
    await expect(bridge.requestMedia('media.probe', { extra: 1 } as never)).rejects.toMatchObject({ code: 'invalid-payload' });
    expect(engine.media).toEqual([]);
  });
});

describe('BridgeServer notices', () => {
  it('keeps notices raised before any window connected until they are dismissed', () => {
    const { bridge } = setup();
    bridge.emit('app.notice', { id: 'store-startup', level: 'info', message: userText('store.notice.migration', { seconds: 5 }) });
    bridge.emit('app.notice', { id: 'store.damaged', level: 'error', message: userText('store.notice.damaged') });
    // A newer notice with the same id replaces the older (whatever its message) and moves to the end.
    bridge.emit('app.notice', { id: 'store-startup', level: 'info', message: userText('store.notice.updated', { seconds: 7 }) });
    expect(bridge.retainedNotices().map((n) => [n.id, englishOf(n.message)])).toEqual([
      [
        'store.damaged',
        'The local customer database is damaged. Restart Switchboard soon: it will be rebuilt, and your unsent work will be kept.',
      ],
      ['store-startup', 'The local customer database was updated in 7 s; Switchboard is ready.'],
    ]);
    // Emitted again with an equal message (a new object), it is still one notice.
    bridge.emit('app.notice', { id: 'store.damaged', level: 'error', message: userText('store.notice.damaged') });
    expect(bridge.retainedNotices().map((n) => n.id)).toEqual(['store-startup', 'store.damaged']);
    bridge.dismissNotice('store-startup');
    expect(bridge.retainedNotices().map((n) => n.id)).toEqual(['store.damaged']);
  });

  it('never keeps a notice whose message is a sentence instead of a key main knows', () => {
    const { bridge } = setup();
    bridge.emit('app.notice', { id: 'old', level: 'info', message: 'The local store is closed' } as never);
    bridge.emit('app.notice', { id: 'typo', level: 'info', message: { key: 'store.notice.damagd' } } as never);
    expect(bridge.retainedNotices()).toEqual([]);
  });

  it('keeps at most 20, dropping the oldest, and never keeps a notice outside its schema', () => {
    const { bridge } = setup();
    for (let i = 0; i < 25; i++)
      bridge.emit('app.notice', { id: `n${i}`, level: 'info', message: userText('store.notice.updated', { seconds: i }) });
    bridge.emit('app.notice', { id: '', level: 'info', message: userText('store.status.closed') } as never);
    const kept = bridge.retainedNotices().map((n) => n.id);
    expect(kept).toHaveLength(20);
    expect(kept[0]).toBe('n5');
    expect(kept.at(-1)).toBe('n24');
  });
});
