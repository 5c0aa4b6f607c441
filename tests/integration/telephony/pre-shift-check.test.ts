import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BridgeError } from '../../../shared/bridge/errors';
import type { PolicySourceReading } from '../../../shared/policy/resolve';
import type { PreShiftResult } from '../../../shared/pre-shift/contract';
import { PRE_SHIFT_LIMITS, type EnglishPreShiftResult } from '../../../shared/pre-shift/verdict';
import { telephonySettingsSchema } from '../../../shared/telephony/settings';
import { readPreShiftCheck } from '../../../electron/diagnostics/pre-shift-check-file';
import { requireChromium, requireKamailio } from '../../support/system-deps';
import { CHROMIUM_ARGS, LabApp, labSettings, launchChromium } from '../../lab/app';
import { FarEnd } from '../../lab/far-end';
import { Kamailio } from '../../lab/kamailio';
import { silentWav } from '../../lab/wav';

/** "Check my setup" from the phone strip's Tools menu, as an agent opens it. */
async function openSetupCheck(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Tools', exact: true }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: 'Check my setup…', exact: true }).click();
}

const kamailioDep = requireKamailio();
const chromiumDep = requireChromium();

/** The echo test extension in the lab: a werift far end that sends back what it hears. */
const ECHO_EXTENSION = '3999';
const ONE_WAY_EXTENSION = '3997';
const RINGING_EXTENSION = '3996';

function policy(enforced: Record<string, unknown>): PolicySourceReading[] {
  return [{ source: '/etc/switchboard/policy.json', defaults: {}, enforced, problems: [] }];
}

/** What the page holds: every peer connection and getUserMedia track it made (an init script records them). */
interface PageMediaWatch {
  connections: RTCPeerConnection[];
  tracks: MediaStreamTrack[];
}

function watchPageMedia(): void {
  const watch: PageMediaWatch = { connections: [], tracks: [] };
  (window as unknown as { labMediaWatch: PageMediaWatch }).labMediaWatch = watch;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      watch.connections.push(this);
    }
  };
  const devices = navigator.mediaDevices;
  const getUserMedia = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const stream = await getUserMedia(constraints);
    watch.tracks.push(...stream.getTracks());
    return stream;
  };
}

/**
 * The pre-shift check ("Check my setup", issue 25 item 10) on real parts: the agent's Chromium
 * runs the microphone meter and the speaker tone and is the echo call's media engine, main places
 * the echo call through kamailio to a werift echo far end and probes kamailio with OPTIONS, and
 * the card and pre-shift-check.json say what was found. The check is driven as the agent does it:
 * the header button, "I heard it", the card.
 */
describe.skipIf(!kamailioDep.available || !chromiumDep.available)('pre-shift check: real kamailio, Chromium, werift echo', () => {
  let kamailio: Kamailio;
  let browser: Browser;
  let echo: FarEnd;
  /** Answers, but what comes back is silence: one-way audio. */
  let oneWay: FarEnd;
  /** Registered, never answers. */
  let ringing: FarEnd;
  let app: LabApp | null = null;
  const cleanup: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
    await kamailio.start();
    browser = await launchChromium(chromiumDep.path);
    echo = new FarEnd({ user: ECHO_EXTENSION, server: kamailio.url, autoAnswerMs: 0, echo: true });
    await echo.start();
    oneWay = new FarEnd({ user: ONE_WAY_EXTENSION, server: kamailio.url, autoAnswerMs: 0, echo: true, oneWay: true });
    await oneWay.start();
    ringing = new FarEnd({ user: RINGING_EXTENSION, server: kamailio.url, autoAnswerMs: null, echo: true });
    await ringing.start();
  });

  afterEach(async () => {
    await app?.close();
    app = null;
    for (const step of cleanup.splice(0)) await step();
  });

  afterAll(async () => {
    await echo?.stop();
    await oneWay?.stop();
    await ringing?.stop();
    await browser?.close();
    await kamailio?.stop();
    kamailio?.dispose();
  });

  async function startApp(user: string, enforced: Record<string, unknown>, on: Browser = browser): Promise<{ app: LabApp; page: Page }> {
    const started = await LabApp.start({
      browser: on,
      settings: telephonySettingsSchema.parse(labSettings(kamailio.url, user)),
      password: `secret-${user}`,
      policy: policy(enforced),
    });
    app = started;
    const page = started.page;
    if (!page) throw new Error('no page');
    await page.addInitScript(watchPageMedia);
    await started.reloadPage();
    await started.waitForRegistration('registered');
    return { app: started, page };
  }

  /** The agent runs the check from the header; `heard` answers the speaker question. Resolves with the card. */
  async function runCheck(page: Page, heard: boolean): Promise<Locator> {
    await openSetupCheck(page);
    const dialog = page.getByRole('dialog', { name: 'Check my setup' });
    await dialog.getByRole('button', { name: heard ? 'I heard it' : 'I did not' }).click({ timeout: 30_000 });
    const card = dialog.getByRole('region');
    await card.waitFor({ timeout: 90_000 });
    return card;
  }

  function step(card: Locator, title: string): Locator {
    return card.getByRole('listitem').filter({ hasText: new RegExp(`^${title}:`) });
  }

  /** Nothing the check opened is left: connections closed, every microphone track ended, no audio element, per page and engine. */
  async function expectNothingOpen(lab: LabApp, page: Page): Promise<void> {
    const held = await page.evaluate(() => {
      const watch = (window as unknown as { labMediaWatch: PageMediaWatch }).labMediaWatch;
      return {
        tracks: watch.tracks.length,
        liveTracks: watch.tracks.filter((t) => t.readyState !== 'ended').length,
        openConnections: watch.connections.filter((pc) => pc.connectionState !== 'closed' && pc.signalingState !== 'closed').length,
      };
    });
    expect(held.tracks, 'the microphone step opened the microphone').toBeGreaterThan(0);
    expect(held.liveTracks, 'no microphone track left live (the OS recording indicator)').toBe(0);
    expect(held.openConnections).toBe(0);
    const counters = await lab.core.bridge.requestMedia('telephony.media.counters', {});
    expect(counters).toMatchObject({ calls: 0, peerConnections: 0, liveTracks: 0, audioElements: 0 });
  }

  function savedResult(lab: LabApp): PreShiftResult {
    const result = readPreShiftCheck(lab.dataDir);
    if (!result) throw new Error('no pre-shift-check.json');
    return result;
  }

  it('passes with the echo heard, loss, jitter and round trips read, nothing left open, and the result in diagnostics', async () => {
    const { app: lab, page } = await startApp('1001', { preShiftEchoExtension: ECHO_EXTENSION });
    const callsBefore = echo.calls.length;
    const card = await runCheck(page, true);

    await expect.poll(() => card.getByRole('heading').textContent()).toBe('Your setup is ready for calls.');
    expect(await step(card, 'Echo test call').textContent()).toContain('The test sound came back from the echo extension.');
    expect(await step(card, 'Network').textContent()).toMatch(
      /The phone system answered in [\d.]+ ms \(median of 3\); call audio: [\d.]+ % lost; jitter/,
    );

    const result = savedResult(lab);
    expect(result.outcome).toBe('pass');
    const media = result.measures.echo?.media;
    expect(result.measures.echo?.status).toBe('connected');
    expect(media?.echoLevel).toBeGreaterThan(PRE_SHIFT_LIMITS.echoLevel);
    expect(media?.packetsReceived).toBeGreaterThan(100);
    expect(media?.jitterMs).not.toBeNull();
    expect(media?.rttMs).not.toBeNull();
    expect(result.measures.network?.sipRoundTripsMs).toHaveLength(PRE_SHIFT_LIMITS.sipProbes);

    // A real call reached the echo far end, which heard the test signal, and the app hung up itself.
    expect(echo.calls.length).toBe(callsBefore + 1);
    const far = echo.calls.at(-1);
    expect(far?.media?.stats.energy).toBeGreaterThan(0);
    await far?.terminated;
    expect(far?.byeReceived).toBe(true);
    // Not one of the agent's calls: nothing in the phone bar, the call log or the wrap-up.
    expect(lab.calls()).toEqual([]);
    expect(lab.ended).toEqual([]);
    await expectNothingOpen(lab, page);

    // In the diagnostics zip, and in the log without device names.
    const exported = await lab.core.diagnostics.export();
    expect(exported.files).toContain('pre-shift-check.json');
    const zipped = unzipSync(readFileSync(exported.path));
    // In English words for IT and support, not the window's message keys.
    const inZip = JSON.parse(strFromU8(zipped['pre-shift-check.json'] ?? new Uint8Array())) as EnglishPreShiftResult;
    expect(inZip.outcome).toBe('pass');
    expect(inZip.steps.find((s) => s.step === 'echo')?.summary).toBe('The test sound came back from the echo extension.');
    const logged = lab.logs.find((r) => r.message === 'pre-shift check');
    expect(logged?.fields).toMatchObject({ outcome: 'pass', echo: 'connected', microphone: 'pass' });
  });

  it('an echo extension the phone system does not know (404) fails the card with what to tell IT', async () => {
    const { app: lab, page } = await startApp('1002', { preShiftEchoExtension: '3998' });
    const card = await runCheck(page, true);
    await expect.poll(() => card.getByRole('heading').textContent()).toBe('Your setup is not ready for calls: fix what is marked below.');
    const echoStep = await step(card, 'Echo test call').textContent();
    expect(echoStep).toContain('Echo test call: Failed.');
    expect(echoStep).toContain('The echo test extension is not known to the phone system (SIP 404).');
    expect(echoStep).toContain('Tell your IT department');
    expect(savedResult(lab).measures.echo).toEqual({ status: 'refused', sipCode: 404, media: null });
    // The network step still measured the server.
    expect(await step(card, 'Network').textContent()).toMatch(/answered in .*call audio was not measured/);
    await expectNothingOpen(lab, page);
  });

  it('a test call whose audio does not come back (one-way audio) fails the echo step with network advice', async () => {
    const { app: lab, page } = await startApp('1006', { preShiftEchoExtension: ONE_WAY_EXTENSION });
    const card = await runCheck(page, true);
    await expect.poll(() => card.getByRole('heading').textContent()).toBe('Your setup is not ready for calls: fix what is marked below.');
    const echoStep = await step(card, 'Echo test call').textContent();
    expect(echoStep).toContain('Echo test call: Failed. The test call connected, but the test sound did not come back.');
    expect(echoStep).toContain('Try without the VPN');
    const measured = savedResult(lab).measures.echo;
    expect(measured?.status).toBe('connected');
    // Packets came back (the path is up), with nothing in them.
    expect(measured?.media?.packetsReceived).toBeGreaterThan(100);
    expect(measured?.media?.echoLevel).toBeLessThan(PRE_SHIFT_LIMITS.echoLevel);
    // The far end did get the test signal: the failure is the way back.
    expect(oneWay.calls.at(-1)?.media?.stats.energy).toBeGreaterThan(0);
    await expectNothingOpen(lab, page);
  });

  it('Cancel during the test call hangs it up and leaves a "cancelled" card with nothing open', async () => {
    const { app: lab, page } = await startApp('1007', { preShiftEchoExtension: RINGING_EXTENSION });
    const incoming = ringing.nextIncoming(60_000);
    await openSetupCheck(page);
    const dialog = page.getByRole('dialog', { name: 'Check my setup' });
    await dialog.getByRole('button', { name: 'I heard it' }).click({ timeout: 30_000 });
    const far = await incoming;
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const card = dialog.getByRole('region');
    await card.waitFor({ timeout: 30_000 });
    await expect.poll(() => card.getByRole('heading').textContent()).toBe('The check was cancelled.');
    expect(await step(card, 'Echo test call').textContent()).toContain('Echo test call: Not checked.');
    // The far end saw the call end (CANCEL) without ever answering it.
    await far.terminated;
    expect(far.establishedAt).toBeNull();
    expect(savedResult(lab).outcome).toBe('cancelled');
    await dialog.getByRole('button', { name: 'Run again' }).waitFor();
    await expectNothingOpen(lab, page);
  });

  it('a customer call that rings during the test call stops the check, and the call rings as usual', async () => {
    const { app: lab, page } = await startApp('1008', { preShiftEchoExtension: RINGING_EXTENSION });
    const customer = new FarEnd({ user: '2008', server: kamailio.url });
    await customer.start();
    cleanup.push(() => customer.stop());
    const incoming = ringing.nextIncoming(60_000);
    await openSetupCheck(page);
    const dialog = page.getByRole('dialog', { name: 'Check my setup' });
    await dialog.getByRole('button', { name: 'I heard it' }).click({ timeout: 30_000 });
    const testCall = await incoming;

    const offered = lab.nextOffer();
    const far = await customer.call('1008');
    const callId = await offered;
    await testCall.terminated;
    await dialog.getByRole('region').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('A call came in, so the setup check stopped. Run it again after the call.');
    expect(savedResult(lab).outcome).toBe('cancelled');
    expect(lab.call(callId)?.status).toBe('ringing-in');

    await lab.command('telephony.answer', { callId });
    await far.established;
    await lab.expectAudioBothWays(callId, far);
    await lab.command('telephony.hangup', { callId });
    await far.terminated;
  });

  it('with no echo extension in policy the call step is skipped with its reason and the card can still pass', async () => {
    const { app: lab, page } = await startApp('1003', {});
    const callsBefore = echo.calls.length;
    const card = await runCheck(page, true);
    await expect.poll(() => card.getByRole('heading').textContent()).toBe('Your setup is ready for calls.');
    expect(await step(card, 'Echo test call').textContent()).toContain(
      'Echo test call: Skipped. Echo test call skipped: your IT department has not set an echo test extension.',
    );
    expect(echo.calls.length).toBe(callsBefore);
    expect(savedResult(lab).measures.echo?.status).toBe('not-configured');
  });

  it('a speaker the agent did not hear fails with advice, and a silent microphone fails naming the device', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'switchboard-silent-'));
    const wav = path.join(dir, 'silence.wav');
    writeFileSync(wav, silentWav(3));
    const silentBrowser = await chromium.launch({
      executablePath: chromiumDep.path,
      headless: true,
      args: [...CHROMIUM_ARGS, `--use-file-for-fake-audio-capture=${wav}`],
    });
    cleanup.push(async () => {
      await silentBrowser.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const { app: lab, page } = await startApp('1004', {}, silentBrowser);
    const card = await runCheck(page, false);
    await expect.poll(() => card.getByRole('heading').textContent()).toBe('Your setup is not ready for calls: fix what is marked below.');
    const micStep = await step(card, 'Microphone').textContent();
    expect(micStep).toMatch(/Microphone: Failed\. No sound from .+: check the headset is plugged in and not muted\./);
    expect(micStep).toContain('mute switch');
    expect(await step(card, 'Speaker').textContent()).toMatch(/Speaker: Failed\. You did not hear the test tone on .+\..*volume/);
    const measured = savedResult(lab).measures.microphone;
    expect(measured?.loudWindows).toBe(0);
    expect(measured?.peakLevel).toBeLessThan(PRE_SHIFT_LIMITS.speechLevel);
    await expectNothingOpen(lab, page);
  });

  it('refuses to run during a call, in the window and in main', async () => {
    const { app: lab, page } = await startApp('1005', { preShiftEchoExtension: ECHO_EXTENSION });
    const customer = new FarEnd({ user: '2005', server: kamailio.url });
    await customer.start();
    cleanup.push(() => customer.stop());
    const offered = lab.nextOffer();
    const far = await customer.call('1005');
    const callId = await offered;
    await lab.command('telephony.answer', { callId });
    await far.established;

    await openSetupCheck(page);
    const dialog = page.getByRole('dialog', { name: 'Check my setup' });
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('You are on a call: run the setup check when the call has ended.');
    const refusal = await lab.command('preShift.callTest', {}).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BridgeError);
    expect((refusal as BridgeError).code).toBe('conflict');
    expect(readPreShiftCheck(lab.dataDir)).toBeNull();

    await lab.command('telephony.hangup', { callId });
    await far.terminated;
  });
});
