import { describe, expect, it } from 'vitest';
import type { Notice } from '../../../shared/app/contract';
import type { EventEnvelope } from '../../../shared/bridge/envelopes';
import { englishOf } from '../../../shared/text/user-text';
import { BridgeServer, type RendererLink } from '../../../electron/bridge/bridge-server';
import { createClickToDialFeature, PENDING_TTL_MS } from '../../../electron/click-to-dial/service';
import { mountFeature } from '../../../electron/core/feature';
import { createRecordingPlatform } from '../../../electron/core/platform-services';
import { createLogger, createMemorySink } from '../../../electron/logging/logger';

function setup() {
  let now = 1_000_000;
  const logs = createMemorySink();
  const bridge = new BridgeServer({ log: createLogger(logs.sink) });
  const platform = createRecordingPlatform();
  const feature = createClickToDialFeature({ bridge, platform, log: createLogger(logs.sink), now: () => now });
  mountFeature(bridge, feature);
  const service = feature.service;
  const events: EventEnvelope[] = [];
  const link: RendererLink = { id: 'w', sendEvent: (e) => events.push(e), sendMedia: () => undefined };
  bridge.connect(link);
  return { service, bridge, platform, events, link, logs, advance: (ms: number) => (now += ms) };
}

describe('ClickToDialService', () => {
  it('a good link asks the window (event), raises it, and waits once for a window that was not listening', async () => {
    const { service, bridge, platform, events, link } = setup();
    const request = service.offer('tel:+1-201-555-0123', 'os');
    expect(request).toMatchObject({ dial: '+12015550123', display: '+12015550123', scheme: 'tel' });
    expect(events.filter((e) => e.channel === 'clickToDial.requested').map((e) => e.payload)).toEqual([request]);
    expect(platform.focusCount).toBe(1);
    expect(await bridge.handleCommand(link, 'clickToDial.takePending', {})).toEqual({ ok: true, result: { request } });
    expect(await bridge.handleCommand(link, 'clickToDial.takePending', {})).toEqual({ ok: true, result: { request: null } });
  });

  it('a hostile link is refused with a notice; the link itself is never logged', () => {
    const { service, events, platform, logs } = setup();
    const hostile = 'sip:alice@example.com%0D%0AVia:SIP/2.0/UDP evil';
    expect(service.offer(hostile, 'second-instance')).toBeNull();
    expect(events.map((e) => e.channel)).toEqual(['app.notice']);
    const notice = events[0]?.payload as Notice;
    expect(englishOf(notice.message)).toBe(
      'A link to call was not used: The link holds spaces, control characters or characters that only look like digits.',
    );
    expect(JSON.stringify(notice)).not.toContain('alice');
    expect(platform.focusCount).toBe(0);
    expect(JSON.stringify(logs.records)).not.toContain('alice');
    expect(service.takePending()).toBeNull();
  });

  it('a link left waiting too long is not offered any more', () => {
    const { service, advance } = setup();
    service.offer('callto:+15551234567', 'command-line');
    advance(PENDING_TTL_MS + 1);
    expect(service.takePending()).toBeNull();
  });

  it('the newest link replaces one not yet confirmed', () => {
    const { service } = setup();
    service.offer('tel:+15550000001', 'os');
    service.offer('tel:+15550000002', 'os');
    expect(service.takePending()?.dial).toBe('+15550000002');
  });
});
