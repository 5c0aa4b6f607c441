import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireInstanceLock } from '../../../electron/core/instance-lock';
import { silentLogger } from '../../../electron/logging/logger';
import { shutdownWebShell } from '../../../electron/web-shell/shutdown';
import { telephonySettingsSchema } from '../../../shared/telephony/settings';
import { requireChromium, requireKamailio } from '../../support/system-deps';
import { LabApp, labSettings, launchChromium } from '../../lab/app';
import { FarEnd, type FarEndCall } from '../../lab/far-end';
import { Kamailio } from '../../lab/kamailio';

const kamailioDep = requireKamailio();
const chromiumDep = requireChromium();

/**
 * What happens to a live call when the window's renderer crashes, and when the app quits: the
 * call's media comes back with the window, and a quit ends the call with a BYE the customer's
 * phone receives (not a call left ringing in their ear until it times out).
 * The last test quits the app, so it runs last.
 */
describe.skipIf(!kamailioDep.available || !chromiumDep.available)(
  'recovery and quit mid-call: real kamailio, Chromium media engine, werift far end',
  () => {
    let kamailio: Kamailio;
    let browser: Browser;
    let app: LabApp;
    let customer: FarEnd;
    let quit = false;

    beforeAll(async () => {
      kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
      await kamailio.start();
      browser = await launchChromium(chromiumDep.path);
      app = await LabApp.start({
        browser,
        settings: telephonySettingsSchema.parse(labSettings(kamailio.url, '1001')),
        password: 'secret-1001',
      });
      await app.waitForRegistration('registered');
      customer = new FarEnd({ user: '2001', server: kamailio.url });
      await customer.start();
    });

    afterAll(async () => {
      await customer?.stop();
      if (quit) await app?.discard();
      else await app?.close();
      await browser?.close();
      await kamailio?.stop();
      kamailio?.dispose();
    });

    async function answeredCall(): Promise<{ callId: string; far: FarEndCall }> {
      const offered = app.nextOffer();
      const far = await customer.call('1001');
      const callId = await offered;
      await app.command('telephony.answer', { callId });
      await far.established;
      await app.until(() => app.call(callId)?.status === 'active', 'the call to be active');
      return { callId, far };
    }

    async function expectAudioBothWays(callId: string, far: FarEndCall): Promise<void> {
      await app.until(async () => ((await app.inspect(callId)).stats?.packetsReceived ?? 0) > 25, 'audio from the far end');
      const before = far.media?.stats.packets ?? 0;
      await app.until(() => (far.media?.stats.packets ?? 0) > before + 25, 'audio to the far end');
    }

    it("a renderer crash mid-call says audio was lost; reopening the window restores the call's media both ways", async () => {
      const { callId, far } = await answeredCall();
      await expectAudioBothWays(callId, far);
      const states: string[] = [];
      const off = app.core.telephony.events.on('callUpdated', (c) => {
        if (c.id === callId && states.at(-1) !== c.media) states.push(c.media);
      });
      const page = app.page;
      if (!page) throw new Error('no page');
      // Kills the renderer process, as a crash in the field would (Page.crash never answers).
      const cdp = await page.context().newCDPSession(page);
      const crashed = page.waitForEvent('crash');
      void cdp.send('Page.crash').catch(() => undefined);
      await crashed;
      await app.until(() => app.call(callId)?.media === 'lost', 'main to notice the media engine is gone', 15_000);
      await page.close().catch(() => undefined);
      await app.openPage();
      await app.until(() => app.call(callId)?.media === 'ok', 'media to be restored', 15_000);
      off();
      expect(states).toEqual(['lost', 'restoring', 'ok']);
      expect(app.call(callId)?.status).toBe('active');
      await expectAudioBothWays(callId, far);
      await app.command('telephony.hangup', { callId });
      await far.terminated;
      await app.until(() => app.calls().length === 0, 'the call to end');
    });

    it("quitting mid-call (the web shell's shutdown) sends the customer a BYE, closes in time and frees the data folder", async () => {
      const { callId, far } = await answeredCall();
      await expectAudioBothWays(callId, far);
      const lock = acquireInstanceLock(app.dataDir);
      quit = true;
      const outcome = await shutdownWebShell({ core: Promise.resolve(app.core), host: app.host, lock, log: silentLogger });
      expect(outcome).toBe('closed');
      await far.terminated;
      expect(far.byeReceived).toBe(true);
      expect(app.ended.find((e) => e.callId === callId)).toMatchObject({ endReason: 'local-hangup' });
      // A new start can take the data folder at once.
      acquireInstanceLock(app.dataDir).release();
    });
  },
);
