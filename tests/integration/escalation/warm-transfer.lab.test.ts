import type { Browser } from 'playwright-core';
import { Invitation } from 'sip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationAlert } from '../../../shared/escalation/contract';
import { telephonySettingsSchema } from '../../../shared/telephony/settings';
import { decodeUserToUser } from '../../../shared/telephony/user-to-user';
import { createTimerScheduler } from '../../../electron/core/scheduler';
import { withGroupPhone } from '../../support/escalation-groups';
import { telephonyTransferPort } from '../../../electron/escalation/feature';
import { EscalationService } from '../../../electron/escalation/escalation-service';
import { silentLogger } from '../../../electron/logging/logger';
import { requireChromium, requireKamailio } from '../../support/system-deps';
import { LabApp, labSettings, launchChromium } from '../../lab/app';
import { FarEnd } from '../../lab/far-end';
import { Kamailio } from '../../lab/kamailio';

const kamailioDep = requireKamailio();
const chromiumDep = requireChromium();

/**
 * Escalation with a warm transfer over the real phone: kamailio, the agent's media in Chromium,
 * a werift customer and a werift Tier 2 group that answers. The escalation service runs on the
 * app's own store and telephony, with a matrix whose group has the Tier 2 number (as IT's policy
 * would give it; the shipped matrix has no numbers). Tier 2 answering does not hand the customer
 * over: the agent does, with Complete transfer (telephony.completeTransfer).
 */
describe.skipIf(!kamailioDep.available || !chromiumDep.available)('escalation warm transfer in the lab', () => {
  let kamailio: Kamailio;
  let browser: Browser;
  let app: LabApp;
  let customer: FarEnd;
  let tier2: FarEnd;

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
    tier2 = new FarEnd({ user: '4002', server: kamailio.url, autoAnswerMs: 300 });
    await Promise.all([customer.start(), tier2.start()]);
  });

  afterAll(async () => {
    await Promise.all([customer?.stop(), tier2?.stop()]);
    await app?.close();
    await browser?.close();
    await kamailio?.stop();
    kamailio?.dispose();
  });

  it("raises a P1 from the live call, consults Tier 2 with the case in User-to-User, hands the customer over on the agent's Complete and records the transfer time", async () => {
    const config = withGroupPhone('technical', '4002');
    const alerts: EscalationAlert[] = [];
    const service = new EscalationService({
      store: app.core.store,
      config: () => config,
      agentId: () => 'agent-lab',
      scheduler: createTimerScheduler(),
      log: silentLogger,
      onChanged: () => undefined,
      onAlert: (a) => alerts.push(a),
      transfer: telephonyTransferPort(app.core.telephony),
    });
    try {
      const offered = app.nextOffer();
      const far = await customer.call('1001');
      const callId = await offered;
      await app.command('telephony.answer', { callId });
      await far.established;
      await app.until(() => app.call(callId)?.status === 'active', 'the customer call to connect');

      const toTier2 = tier2.nextIncoming();
      const { escalation, transfer } = await service.create({
        source: 'call',
        interactionId: 'I-lab-1',
        caseId: 'CS-0042',
        customerId: 'CU-0042',
        tier: 'tier-2',
        group: 'technical',
        priority: 'P1',
        summary: 'No dial tone after the firmware update',
        handoff: {
          customerExpectation: 'Working line today',
          troubleshootingDone: 'Factory reset, cable swapped',
          recommendedNextSteps: 'Roll back the firmware',
        },
        warmTransferCallId: callId,
      });
      expect(transfer.state).toBe('dialling');
      expect(app.call(callId)?.status).toBe('held');
      const consultLeg = await toTier2;
      await consultLeg.established;
      // The consultation INVITE carried the case (RFC 7433, docs/interop.md).
      if (!(consultLeg.session instanceof Invitation)) throw new Error('the consultation reached Tier 2 as an INVITE');
      const uui = decodeUserToUser(consultLeg.session.request.getHeader('User-to-User') ?? '');
      expect(uui).toEqual({
        ok: true,
        handoff: {
          caseId: 'CS-0042',
          customerId: 'CU-0042',
          priority: 'P1',
          summary: 'No dial tone after the firmware update',
          from: '1001',
        },
      });
      const consultId = app.calls().find((c) => c.consultFor === callId)?.id ?? '';
      await app.until(() => app.call(consultId)?.status === 'active', 'the consultation to connect');
      await app.untilHearing(consultId, 'the agent to hear Tier 2');
      // Answering is not the handover: the customer waits on hold until the agent completes.
      expect(app.call(callId)?.status).toBe('held');
      expect((await app.core.store.getEscalation(escalation.id))?.warmTransferAt).toBeNull();

      const joining = tier2.nextIncoming(15_000);
      await app.command('telephony.completeTransfer', { callId, consultCallId: consultId });
      const joined = await joining;
      await joined.established;
      expect(joined.remoteUser).toBe('2001');
      await app.until(() => app.calls().length === 0, 'both agent calls to end');
      // A call's record (with the media engine's quality) follows its end by one round trip to the engine.
      await app.until(() => app.ended.some((e) => e.callId === callId), "the customer call's record");
      expect(app.ended.find((e) => e.callId === callId)).toMatchObject({ endReason: 'transferred', transferredTo: '4002' });
      await app.until(
        async () => ((await app.core.store.getEscalation(escalation.id))?.warmTransferAt ?? null) !== null,
        'the transfer time to be stored',
      );
      const row = await app.core.store.getEscalation(escalation.id);
      expect(row!.warmTransferAt!).toBeGreaterThanOrEqual(escalation.createdAt);
      expect(alerts.filter((a) => a.kind === 'transfer')).toEqual([]);
      await joined.hangup();
    } finally {
      service.close();
    }
  });
});
