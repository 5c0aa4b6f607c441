import { describe, expect, it } from 'vitest';
import { BridgeServer, type RendererLink } from '../../../electron/bridge/bridge-server';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';
import type { EventEnvelope, MediaRequestEnvelope } from '../../../shared/bridge/envelopes';
import { userText } from '../../../shared/text/user-text';

// BridgeServer.holdOutput: what the screen pop uses to reach the window before the ring's own
// messages (electron/agent/call-loop.ts). Whatever is held still arrives, in its order.

function setup() {
  const bridge = new BridgeServer({ log: createLogger(createMemorySink().sink) });
  const window = (id: string) => {
    const got: string[] = [];
    const value: RendererLink = {
      id,
      sendEvent: (e: EventEnvelope) => got.push(e.channel === 'app.notice' ? `notice:${(e.payload as { id: string }).id}` : e.channel),
      sendMedia: (m: MediaRequestEnvelope) => got.push(`media:${m.method}`),
    };
    return { value, got, disconnect: bridge.connect(value) };
  };
  return { bridge, window };
}

const notice = (id: string) => ({ id, level: 'info' as const, message: userText('store.notice.updated', { seconds: id.length }) });

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i += 1) await new Promise((res) => setTimeout(res, 5));
  expect(check()).toBe(true);
}

describe('BridgeServer.holdOutput', () => {
  it("sends the excepted channel's events at once, and the rest on release, in the order they came, to every window", () => {
    const { bridge, window } = setup();
    const a = window('a');
    const b = window('b');
    bridge.attachMediaEngine(a.value);
    const release = bridge.holdOutput('diagnostics.pinged', 60_000);
    bridge.emit('app.notice', notice('one'));
    bridge.requestMedia('media.probe', {}).catch(() => undefined);
    bridge.emit('app.notice', notice('two'));
    bridge.emit('diagnostics.pinged', { nonce: 'n', at: 1 });
    expect(a.got).toEqual(['diagnostics.pinged']);
    expect(b.got).toEqual(['diagnostics.pinged']);
    release();
    expect(a.got).toEqual(['diagnostics.pinged', 'notice:one', 'media:media.probe', 'notice:two']);
    expect(b.got).toEqual(['diagnostics.pinged', 'notice:one', 'notice:two']);
    bridge.emit('app.notice', notice('three'));
    expect(a.got.at(-1)).toBe('notice:three');
  });

  it('lets everything go when the hold is never released', async () => {
    const { bridge, window } = setup();
    const a = window('a');
    bridge.holdOutput('agent.view', 20);
    bridge.emit('app.notice', notice('one'));
    expect(a.got).toEqual([]);
    await until(() => a.got.length === 1);
    expect(a.got).toEqual(['notice:one']);
  });

  it('holds until the last of two holds is released', () => {
    const { bridge, window } = setup();
    const a = window('a');
    const first = bridge.holdOutput('agent.view', 60_000);
    const second = bridge.holdOutput('agent.view', 60_000);
    bridge.emit('app.notice', notice('one'));
    first();
    first();
    expect(a.got).toEqual([]);
    second();
    expect(a.got).toEqual(['notice:one']);
  });

  it('a held media request for a window that closes meanwhile fails as disconnected and is never sent', async () => {
    const { bridge, window } = setup();
    const a = window('a');
    bridge.attachMediaEngine(a.value);
    const release = bridge.holdOutput('agent.view', 60_000);
    const probe = bridge.requestMedia('media.probe', {});
    a.disconnect();
    await expect(probe).rejects.toMatchObject({ code: 'disconnected' });
    release();
    expect(a.got).toEqual([]);
  });
});
