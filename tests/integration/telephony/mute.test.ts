import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telephonySettingsSchema } from '../../../shared/telephony/settings';
import { requireChromium, requireKamailio } from '../../support/system-deps';
import { LabApp, labSettings, launchChromium } from '../../lab/app';
import { FarEnd, type FarEndCall } from '../../lab/far-end';
import { Kamailio } from '../../lab/kamailio';

const kamailioDep = requireKamailio();
const chromiumDep = requireChromium();

/**
 * Mute proven by what the customer hears (issue 25, item 8): the werift far end decodes every PCMU
 * packet of the agent's audio (Chromium's fake microphone beeps), so "muted" is checked as packets
 * that keep arriving and carry no energy, not as the button's label or the call's `muted` flag.
 */

/** Packets per measured stretch: 3 s of 20 ms frames, long enough to hold several of the fake microphone's beeps. */
const WINDOW_PACKETS = 150;
/** Frames already encoded or in flight when the mute or unmute lands (the jitter of a busy machine); not judged. */
const SETTLE_PACKETS = 25;
/** Below this mean energy a stretch is digital silence (PCMU 0xFF decodes to 0; the rest is rounding). */
const SILENCE = 1e-9;

/** What the far end heard from a point on: its own running mean, taken apart into one stretch. */
function stretchFrom(far: FarEndCall): () => { packets: number; energy: number } {
  // A copy: the far end's stats object is live.
  const read = () => ({ packets: far.media?.stats.packets ?? 0, sum: (far.media?.stats.energy ?? 0) * (far.media?.stats.packets ?? 0) });
  const start = read();
  return () => {
    const now = read();
    const packets = now.packets - start.packets;
    return { packets, energy: packets > 0 ? Math.max(0, (now.sum - start.sum) / packets) : 0 };
  };
}

/** The next `WINDOW_PACKETS` packets after `SETTLE_PACKETS` from now: their mean energy. */
async function measureNextStretch(app: LabApp, far: FarEndCall, what: string): Promise<{ packets: number; energy: number }> {
  const settle = stretchFrom(far);
  await app.until(() => settle().packets >= SETTLE_PACKETS, `${what}: packets still arriving at the far end`, 20_000);
  const stretch = stretchFrom(far);
  await app.until(() => stretch().packets >= WINDOW_PACKETS, `${what}: ${WINDOW_PACKETS} packets at the far end`, 30_000);
  return stretch();
}

describe.skipIf(!kamailioDep.available || !chromiumDep.available)('mute: what the far end hears (real kamailio, Chromium, werift)', () => {
  let kamailio: Kamailio;
  let browser: Browser;
  let app: LabApp;
  let customer: FarEnd;

  beforeAll(async () => {
    kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
    await kamailio.start();
    browser = await launchChromium(chromiumDep.path);
    const settings = telephonySettingsSchema.parse(labSettings(kamailio.url, '1001'));
    app = await LabApp.start({ browser, settings, password: 'secret-1001' });
    await app.waitForRegistration('registered');
    customer = new FarEnd({ user: '2001', server: kamailio.url });
    await customer.start();
  });

  afterAll(async () => {
    await customer?.stop();
    await app?.close();
    await browser?.close();
    await kamailio?.stop();
    kamailio?.dispose();
  });

  it('the customer hears the agent, then silence while muted (packets still flowing), then the agent again after unmute', async () => {
    const offered = app.nextOffer();
    const far = await customer.call('1001');
    const callId = await offered;
    await app.command('telephony.answer', { callId });
    await far.established;
    await app.until(() => app.call(callId)?.status === 'active', 'the call to be active');
    await app.expectAudioBothWays(callId, far);

    const speaking = await measureNextStretch(app, far, 'before mute');
    expect(speaking.energy, 'the far end hears the agent before mute').toBeGreaterThan(SILENCE);

    await app.command('telephony.mute', { callId, muted: true });
    expect(app.call(callId)?.muted).toBe(true);
    const muted = await measureNextStretch(app, far, 'while muted');
    // The stream goes on (no re-INVITE, no gap the far end could take for a dropped call), and it is silent.
    expect(muted.packets).toBeGreaterThanOrEqual(WINDOW_PACKETS);
    expect(muted.energy, 'the far end hears nothing while muted').toBeLessThan(SILENCE);

    await app.command('telephony.mute', { callId, muted: false });
    expect(app.call(callId)?.muted).toBe(false);
    const unmuted = await measureNextStretch(app, far, 'after unmute');
    expect(unmuted.energy, 'the far end hears the agent again after unmute').toBeGreaterThan(SILENCE);

    await app.command('telephony.hangup', { callId });
    await far.terminated;
  });
});
