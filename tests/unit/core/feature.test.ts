import { describe, expect, it } from 'vitest';
import { BridgeServer, type RendererLink } from '../../../electron/bridge/bridge-server';
import { closeFeatures, mountFeature, type Feature } from '../../../electron/core/feature';
import { silentLogger } from '../../../electron/logging/logger';

const link: RendererLink = { id: 'w', sendEvent: () => undefined, sendMedia: () => undefined };

describe('features composed by the core', () => {
  it('mounts a feature’s commands so the window reaches them', async () => {
    const bridge = new BridgeServer({ log: silentLogger });
    bridge.connect(link);
    mountFeature(bridge, { name: 'ping', handlers: { 'diagnostics.ping': ({ nonce }) => ({ nonce, receivedAt: 7 }) } });
    expect(await bridge.handleCommand(link, 'diagnostics.ping', { nonce: 'n-1' })).toEqual({
      ok: true,
      result: { nonce: 'n-1', receivedAt: 7 },
    });
  });

  it('refuses a second feature that claims a channel already handled, and names it', () => {
    const bridge = new BridgeServer({ log: silentLogger });
    mountFeature(bridge, {
      name: 'first',
      handlers: { 'app.getInfo': () => ({ name: 'Switchboard', version: '1', host: 'web', platform: 'linux', startedAt: 1 }) },
    });
    expect(() =>
      mountFeature(bridge, {
        name: 'second',
        handlers: { 'app.getInfo': () => ({ name: 'x', version: '1', host: 'web', platform: 'linux', startedAt: 1 }) },
      }),
    ).toThrow(/Feature second: .*app\.getInfo/);
  });

  it('closes every feature in the order given, even after one fails to close', async () => {
    const closed: string[] = [];
    const feature = (name: string, fail = false): Feature => ({
      name,
      handlers: {},
      close: async () => {
        closed.push(name);
        if (fail) throw new Error('stuck');
      },
    });
    const failures: string[] = [];
    await closeFeatures([feature('telephony'), feature('agent', true), feature('sync'), { name: 'no-close', handlers: {} }], (name) =>
      failures.push(name),
    );
    expect(closed).toEqual(['telephony', 'agent', 'sync']);
    expect(failures).toEqual(['agent']);
  });
});
