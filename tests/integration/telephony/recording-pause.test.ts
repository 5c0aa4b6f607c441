import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PolicySourceReading } from '../../../shared/policy/resolve';
import { telephonySettingsSchema } from '../../../shared/telephony/settings';
import { requireChromium, requireKamailio } from '../../support/system-deps';
import { LabApp, labSettings, launchChromium } from '../../lab/app';
import { FarEnd, type FarEndCall } from '../../lab/far-end';
import { Kamailio } from '../../lab/kamailio';

const kamailioDep = requireKamailio();
const chromiumDep = requireChromium();

/** A test card number (Visa's published test range), keyed while recording is paused. */
const CARD = '4111111111111111';

function policy(enforced: Record<string, unknown>): PolicySourceReading[] {
  return [{ source: '/etc/switchboard/policy.json', defaults: {}, enforced, problems: [] }];
}

/** Every file under `dir`, read as text (binary files too: a digit string is searched byte for byte). */
function filesUnder(dir: string): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [{ file, text: readFileSync(file).toString('latin1') }];
  });
}

/**
 * PCI secure pause through a real kamailio to a werift far end standing in for the PBX: the far end
 * receives the pause and resume commands policy configures (an INFO body, or a feature code as
 * RFC 4733 tones), and keypad digits sent while paused appear in no trace, log, diagnostics zip or
 * file in the data folder.
 */
describe.skipIf(!kamailioDep.available || !chromiumDep.available)('recording pause: real kamailio, Chromium, a far end as the PBX', () => {
  let kamailio: Kamailio;
  let browser: Browser;
  let customer: FarEnd;

  beforeAll(async () => {
    kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
    await kamailio.start();
    browser = await launchChromium(chromiumDep.path);
    customer = new FarEnd({ user: '2001', server: kamailio.url });
    await customer.start();
  });

  afterAll(async () => {
    await customer?.stop();
    await browser?.close();
    await kamailio?.stop();
    kamailio?.dispose();
  });

  async function answeredCall(app: LabApp, user: string): Promise<{ callId: string; far: FarEndCall }> {
    const offered = app.nextOffer();
    const far = await customer.call(user);
    const callId = await offered;
    await app.command('telephony.answer', { callId });
    await far.established;
    await app.until(() => app.call(callId)?.status === 'active', 'the call to be active');
    return { callId, far };
  }

  describe('SIP INFO', () => {
    let app: LabApp;

    beforeAll(async () => {
      // Keypad tones as SIP INFO too: the case where digits travel in SIP messages the trace sees.
      const settings = telephonySettingsSchema.parse(labSettings(kamailio.url, '1001', { dtmfMode: 'info' }));
      app = await LabApp.start({
        browser,
        settings,
        password: 'secret-1001',
        policy: policy({ recordingPauseMethod: 'sip-info', recordingPauseInfoContentType: 'application/vnd.example.recording' }),
      });
      await app.waitForRegistration('registered');
    });

    afterEach(async () => {
      for (const call of app.calls()) await app.command('telephony.hangup', { callId: call.id }).catch(() => undefined);
      await app.until(() => app.calls().length === 0, 'all calls to end');
    });

    afterAll(async () => {
      await app?.close();
    });

    it('sends the configured INFO to pause and resume, and keeps digits keyed while paused out of the trace, logs, diagnostics and files', async () => {
      const offered = app.nextOffer();
      const ringing = await customer.call('1001');
      const ringingId = await offered;
      await expect(app.command('telephony.pauseRecording', { callId: ringingId })).rejects.toMatchObject({
        code: 'conflict',
        message: 'Recording can be paused and resumed only in an answered call.',
      });
      await app.command('telephony.answer', { callId: ringingId });
      await ringing.established;
      await app.until(() => app.call(ringingId)?.status === 'active', 'the call to be active');
      const callId = ringingId;
      const far = ringing;
      expect(app.call(callId)?.recording).toEqual({ state: 'recording', pausedSince: null });

      const paused = await app.command('telephony.pauseRecording', { callId });
      expect(paused.calls.find((c) => c.id === callId)?.recording?.state).toBe('paused');
      expect(far.infos).toEqual(['Record: pause']);
      expect(far.infoTypes).toEqual(['application/vnd.example.recording']);

      expect(await app.command('telephony.sendDtmf', { callId, tones: CARD })).toEqual({ sentAs: 'info' });
      await app.until(() => far.infos.length === 1 + CARD.length, 'the far end to receive the digits');

      await app.command('telephony.resumeRecording', { callId });
      expect(far.infos.at(-1)).toBe('Record: resume');
      expect(app.call(callId)?.recording).toEqual({ state: 'recording', pausedSince: null });

      // The digits reached the far end, and nowhere else.
      const trace = JSON.stringify(await app.command('telephony.getSipTrace', {}));
      expect(trace).toContain('INFO sip:');
      expect(trace).not.toMatch(/Signal|4111/);
      const logs = JSON.stringify(app.logs);
      expect(logs).toContain('recording paused');
      expect(logs).not.toContain('4111');
      const exported = await app.command('diagnostics.export', {});
      const zip = unzipSync(readFileSync(exported.path));
      for (const [name, bytes] of Object.entries(zip)) expect(strFromU8(bytes), name).not.toMatch(/Signal=|4111/);
      await app.command('telephony.hangup', { callId });
      await app.until(() => app.ended.some((e) => e.callId === callId), 'the call record');
      for (const { file, text } of filesUnder(app.dataDir)) expect(text.includes('4111'), file).toBe(false);

      const ended = app.ended.find((e) => e.callId === callId);
      expect(ended?.recordingPauses).toHaveLength(1);
      expect(ended?.recordingPauses?.[0]).toMatchObject({ by: 'agent' });
    });

    it('a PBX that refuses the INFO leaves the call recording, with a sentence; a call ending while paused ends the interval', async () => {
      const { callId, far } = await answeredCall(app, '1001');
      far.refuseInfoWith = 415;
      await expect(app.command('telephony.pauseRecording', { callId })).rejects.toMatchObject({
        code: 'failed',
        message: 'The phone system did not confirm the pause (415): the call is still being recorded. Do not take card details yet.',
      });
      expect(app.call(callId)?.recording?.state).toBe('recording');

      far.refuseInfoWith = null;
      await app.command('telephony.pauseRecording', { callId });
      expect(app.call(callId)?.recording?.state).toBe('paused');
      await far.session.bye();
      await app.until(() => app.ended.some((e) => e.callId === callId), 'the call record');
      const ended = app.ended.find((e) => e.callId === callId);
      expect(ended?.recordingPauses).toEqual([expect.objectContaining({ by: 'agent', startSec: expect.any(Number) })]);
      expect(far.infos).toEqual(['Record: pause', 'Record: pause']);
    });
  });

  describe('DTMF feature codes', () => {
    let app: LabApp;

    beforeAll(async () => {
      const settings = telephonySettingsSchema.parse(labSettings(kamailio.url, '1002'));
      app = await LabApp.start({
        browser,
        settings,
        password: 'secret-1002',
        policy: policy({ recordingPauseMethod: 'dtmf', recordingPauseDtmf: '*81', recordingResumeDtmf: '#82' }),
      });
      await app.waitForRegistration('registered');
    });

    afterAll(async () => {
      for (const call of app?.calls() ?? []) await app.command('telephony.hangup', { callId: call.id }).catch(() => undefined);
      await app?.close();
    });

    it('sends the pause and resume codes as RFC 4733 tones the far end hears', async () => {
      const { callId, far } = await answeredCall(app, '1002');
      await app.command('telephony.pauseRecording', { callId });
      await app.until(() => far.media?.stats.dtmf === '*81', 'the far end to hear *81');
      expect(app.call(callId)?.recording?.state).toBe('paused');
      await app.command('telephony.resumeRecording', { callId });
      await app.until(() => far.media?.stats.dtmf === '*81#82', 'the far end to hear #82');
      expect(far.infos).toEqual([]);
      await app.command('telephony.hangup', { callId });
    });
  });
});
