import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telephonySettingsSchema } from '../../../shared/telephony/settings';
import type { WarmHandoff } from '../../../shared/telephony/user-to-user';
import { requireChromium, requireKamailio } from '../../support/system-deps';
import { LabApp, labSettings, launchChromium } from '../../lab/app';
import { FarEnd, type FarEndCall } from '../../lab/far-end';
import { Kamailio } from '../../lab/kamailio';
import { englishOf } from '../../../shared/text/user-text';

const kamailioDep = requireKamailio();
const chromiumDep = requireChromium();

/**
 * Warm transfer with consult (issue 25, item 3), over the real phone: kamailio, two Switchboard
 * agents (agent A 1001 and Tier 2 agent B 1002, each a real core with its renderer in Chromium)
 * and a werift customer (2001). The case context travels in the consultation INVITE's
 * User-to-User header and B's phone shows it while ringing; audio is proved by energy on every
 * leg: A and B while they consult, silence to the customer on hold, the customer and B after the
 * transfer, the customer and A again after a cancelled or refused consultation.
 */

/** Packets per measured stretch (3 s of 20 ms frames, several of the fake microphone's beeps) and the ones in flight before it. */
const WINDOW_PACKETS = 150;
const SETTLE_PACKETS = 25;
/** Below this mean energy a stretch is digital silence (PCMU 0xFF decodes to 0). */
const SILENCE = 1e-9;

const CONTEXT: Omit<WarmHandoff, 'from'> = {
  caseId: 'CS-7001',
  customerId: 'CU-7001',
  priority: 'P1',
  summary: 'No dial tone since the firmware update; factory reset and cable swap done. Roll back the firmware.',
};

/** What the customer (werift) hears from a point on: a stretch of their running mean. */
function stretchFrom(far: FarEndCall): () => { packets: number; energy: number } {
  const read = () => ({ packets: far.media?.stats.packets ?? 0, sum: (far.media?.stats.energy ?? 0) * (far.media?.stats.packets ?? 0) });
  const start = read();
  return () => {
    const now = read();
    const packets = now.packets - start.packets;
    return { packets, energy: packets > 0 ? Math.max(0, (now.sum - start.sum) / packets) : 0 };
  };
}

async function customerHears(app: LabApp, far: FarEndCall, what: string): Promise<{ packets: number; energy: number }> {
  const settle = stretchFrom(far);
  await app.until(() => settle().packets >= SETTLE_PACKETS, `${what}: packets arriving at the customer`, 20_000);
  const stretch = stretchFrom(far);
  await app.until(() => stretch().packets >= WINDOW_PACKETS, `${what}: ${WINDOW_PACKETS} packets at the customer`, 30_000);
  return stretch();
}

/** The agent's Chromium receives sound on the call again from now on (its counters are cumulative). */
async function agentHearsAgain(app: LabApp, callId: string, what: string): Promise<void> {
  const before = (await app.inspect(callId)).stats;
  await app.until(async () => {
    const now = (await app.inspect(callId)).stats;
    return (
      (now?.packetsReceived ?? 0) > (before?.packetsReceived ?? 0) + 25 && (now?.totalAudioEnergy ?? 0) > (before?.totalAudioEnergy ?? 0)
    );
  }, what);
}

function page(app: LabApp): Page {
  if (!app.page) throw new Error('no page');
  return app.page;
}

describe.skipIf(!kamailioDep.available || !chromiumDep.available)(
  'warm transfer with consult: two agents and a customer in the lab',
  () => {
    let kamailio: Kamailio;
    let browser: Browser;
    let agentA: LabApp;
    let agentB: LabApp;
    let customer: FarEnd;

    beforeAll(async () => {
      kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
      await kamailio.start();
      browser = await launchChromium(chromiumDep.path);
      [agentA, agentB] = await Promise.all([
        LabApp.start({
          browser,
          settings: telephonySettingsSchema.parse(labSettings(kamailio.url, '1001', { displayName: 'Agent A' })),
          password: 'secret-1001',
        }),
        LabApp.start({
          browser,
          settings: telephonySettingsSchema.parse(labSettings(kamailio.url, '1002', { displayName: 'Tier 2 B' })),
          password: 'secret-1002',
        }),
      ]);
      await Promise.all([agentA.waitForRegistration('registered'), agentB.waitForRegistration('registered')]);
      // Tier 2's own store knows the case (as its CRM sync would have brought it).
      await agentB.core.store.upsertCustomers([
        { id: 'CU-7001', name: 'Ada Lovelace', phones: ['+442079460018'], updatedAt: 1, version: 1 },
      ]);
      await agentB.core.store.upsertCases([
        { id: 'CS-7001', customerId: 'CU-7001', subject: 'No dial tone', status: 'open', priority: 'P1', updatedAt: 1, version: 1 },
      ]);
      customer = new FarEnd({ user: '2001', server: kamailio.url });
      await customer.start();
    });

    afterAll(async () => {
      await customer?.stop();
      await Promise.all([agentA?.close(), agentB?.close()]);
      await browser?.close();
      await kamailio?.stop();
      kamailio?.dispose();
    });

    /** The customer calls A and A answers: both hear each other. */
    async function customerOnA(): Promise<{ callId: string; far: FarEndCall }> {
      const offered = agentA.nextOffer();
      const far = await customer.call('1001');
      const callId = await offered;
      await agentA.command('telephony.answer', { callId });
      await far.established;
      await agentA.until(() => agentA.call(callId)?.status === 'active', 'the customer call to connect');
      await agentA.expectAudioBothWays(callId, far);
      return { callId, far };
    }

    /** A consults B with the case context; B's call rings. */
    async function consultB(callId: string): Promise<{ consultId: string; ringingAtB: string }> {
      const offeredAtB = agentB.nextOffer();
      const { callId: consultId } = await agentA.core.telephony.calls.consult(callId, '1002', CONTEXT);
      const ringingAtB = await offeredAtB;
      await agentB.until(() => agentB.call(ringingAtB)?.status === 'ringing-in', 'the consultation to ring at Tier 2');
      expect(agentA.call(callId)?.status).toBe('held');
      return { consultId, ringingAtB };
    }

    it('A consults B with the case in User-to-User; B sees it before answering; A and B talk while the customer hears silence; Complete hands the customer to B', async () => {
      const { callId, far } = await customerOnA();
      const { consultId, ringingAtB } = await consultB(callId);

      // Before answer: the header's case on B's ringing call, in B's phone bar and in B's pop (its own store's customer and case).
      expect(agentB.call(ringingAtB)?.handoff).toEqual({ ...CONTEXT, from: 'Agent A' });
      // The handoff shows under the strip's ringing call, as a note of its own beside the Answer slot.
      const phoneB = page(agentB).getByRole('region', { name: 'Phone' });
      await phoneB.getByRole('group', { name: 'Incoming call' }).waitFor();
      const handoff = phoneB.getByRole('note', { name: 'Warm transfer handoff' });
      await handoff.getByText('Warm transfer from Agent A: P1 CS-7001', { exact: true }).waitFor();
      await handoff.getByText(CONTEXT.summary, { exact: true }).waitFor();
      await agentB.until(
        () => agentB.core.agent.view().contact?.customerId === 'CU-7001',
        "B's pop to file the call under the header's customer",
      );
      expect(agentB.core.agent.view().contact).toMatchObject({ callId: ringingAtB, customerId: 'CU-7001', caseId: 'CS-7001' });
      expect(agentB.core.agent.view().contact?.lookup?.matches.map((m) => m.customer.name)).toEqual(['Ada Lovelace']);

      // A sees the consultation ringing, with Cancel; Complete only once B answers.
      const attended = page(agentA).getByRole('group', { name: 'Attended transfer' });
      await attended.getByRole('button', { name: 'Cancel transfer' }).waitFor();
      expect(await attended.getByRole('button', { name: 'Complete transfer' }).isDisabled()).toBe(true);

      await agentB.command('telephony.answer', { callId: ringingAtB });
      await agentA.until(() => agentA.call(consultId)?.status === 'active', 'the consultation to connect');
      // Tier 2 answering hands nothing over by itself: the customer is still with A, on hold.
      expect(agentA.call(callId)?.status).toBe('held');
      await agentA.untilHearing(consultId, 'A to hear B on the consultation');
      await agentB.untilHearing(ringingAtB, 'B to hear A on the consultation');
      const onHold = await customerHears(agentA, far, 'customer on hold');
      expect(onHold.energy, 'the customer on hold does not hear A brief Tier 2').toBeLessThan(SILENCE);

      // The agent's Complete click: REFER with Replaces.
      const before = customer.calls.length;
      await attended.getByRole('button', { name: 'Complete transfer' }).click();
      await agentA.until(() => customer.calls.length > before, "the customer's new call to B");
      const toB = customer.calls[customer.calls.length - 1]!;
      await toB.established;
      await agentA.until(() => agentA.calls().length === 0, 'A to be out of both calls');
      await agentA.until(() => agentA.ended.some((e) => e.callId === callId), "the customer call's record at A");
      expect(agentA.ended.find((e) => e.callId === callId)).toMatchObject({ endReason: 'transferred', transferredTo: '1002' });
      await agentB.until(
        () => agentB.calls().some((c) => c.id !== ringingAtB && c.status === 'active'),
        "the customer's call to connect at B",
      );
      const atB = agentB.calls().find((c) => c.id !== ringingAtB)!;
      // The customer's INVITE with Replaces took the consultation's place at B.
      expect(atB).toMatchObject({ direction: 'inbound', remote: { number: '2001' } });
      expect(agentB.ended.find((e) => e.callId === ringingAtB)?.endReason).toBe('replaced');
      await agentB.untilHearing(atB.id, 'B to hear the customer');
      await agentB.until(() => (toB.media?.stats.packets ?? 0) > 25 && (toB.media?.stats.energy ?? 0) > 0, 'the customer to hear B');
      const withB = await customerHears(agentB, toB, 'customer with B');
      expect(withB.energy, 'the customer hears B').toBeGreaterThan(SILENCE);
      // B's desk follows the customer's dialog: still on call, the warm transfer's case on screen.
      await agentB.until(() => agentB.core.agent.view().contact?.callId === atB.id, "B's contact to follow the customer's call");
      expect(agentB.core.agent.view().agent.status).toBe('on-call');
      expect(agentB.core.agent.view().contact).toMatchObject({ number: '2001', customerId: 'CU-7001', caseId: 'CS-7001' });

      await agentB.command('telephony.hangup', { callId: atB.id });
      await toB.terminated;
      await agentB.until(() => agentB.calls().length === 0, 'B to be free');
      // One contact for B, filed under the warm transfer's customer and case, and B is free for the next.
      await agentB.until(() => agentB.core.agent.view().agent.status === 'ready', 'B to be Ready after the call');
      const logged = () => agentB.core.store.listInteractions({ customerId: 'CU-7001' });
      await agentB.until(async () => (await logged()).length > 0, "B's contact to be logged");
      expect((await logged()).map((i) => ({ number: i.number, caseId: i.caseId }))).toEqual([{ number: '2001', caseId: 'CS-7001' }]);
    });

    it('A cancels while B still rings: the consultation is cancelled and A talks to the customer again, audio both ways', async () => {
      const { callId, far } = await customerOnA();
      const { consultId, ringingAtB } = await consultB(callId);
      const attended = page(agentA).getByRole('group', { name: 'Attended transfer' });
      await attended.getByText(/Calling 1002 to consult about Customer 2001, who is on hold/).waitFor();

      await attended.getByRole('button', { name: 'Cancel transfer' }).click();
      await agentA.until(() => agentA.call(callId)?.status === 'active', 'the customer to be taken off hold');
      await agentA.until(() => agentA.ended.some((e) => e.callId === consultId), "the consultation's record");
      expect(agentA.ended.find((e) => e.callId === consultId)).toMatchObject({ endReason: 'cancelled', consultFor: callId });
      await agentB.until(() => agentB.call(ringingAtB) === undefined, 'the ringing to stop at B');
      expect(agentB.ended.find((e) => e.callId === ringingAtB)?.endReason).toBe('missed');
      expect(agentA.call(callId)?.problem).toBeNull();
      await attended.waitFor({ state: 'detached' });

      await agentHearsAgain(agentA, callId, 'A to hear the customer again');
      const back = await customerHears(agentA, far, 'customer back with A');
      expect(back.energy, 'the customer hears A again').toBeGreaterThan(SILENCE);

      await agentA.command('telephony.hangup', { callId });
      await far.terminated;
    });

    it('B rejects (486): A is told on the customer call still on hold, and one click on Resume brings the customer back', async () => {
      const { callId, far } = await customerOnA();
      const { consultId, ringingAtB } = await consultB(callId);
      await agentB.command('telephony.reject', { callId: ringingAtB });

      await agentA.until(() => agentA.ended.some((e) => e.callId === consultId), "the consultation's record");
      expect(agentA.ended.find((e) => e.callId === consultId)).toMatchObject({ endReason: 'busy', endCode: 486 });
      expect(agentA.call(callId)).toMatchObject({ status: 'held' });
      const problem = agentA.call(callId)?.problem;
      expect(problem).toEqual({
        key: 'telephony.consult.customerOnHold',
        values: { what: { key: 'telephony.consult.busyWithCode', values: { who: '1002', code: 486 } } },
      });
      expect(englishOf(problem!)).toBe('1002 is busy (486). The customer is still on hold: press Resume to talk to them.');
      // The call's problem shows under the strip (the call's cells keep their places), Resume in the call's Hold cell.
      const customerCall = page(agentA).getByRole('group', { name: 'Call with Customer 2001' });
      await page(agentA)
        .getByRole('region', { name: 'Phone' })
        .getByRole('alert')
        .getByText('1002 is busy (486). The customer is still on hold: press Resume to talk to them.')
        .waitFor();
      const onHold = await customerHears(agentA, far, 'customer still on hold');
      expect(onHold.energy).toBeLessThan(SILENCE);

      await customerCall.getByRole('button', { name: 'Resume' }).click();
      await agentA.until(() => agentA.call(callId)?.status === 'active', 'the customer to be taken off hold');
      expect(agentA.call(callId)?.problem).toBeNull();
      await agentHearsAgain(agentA, callId, 'A to hear the customer again');
      const back = await customerHears(agentA, far, 'customer back with A');
      expect(back.energy, 'the customer hears A again').toBeGreaterThan(SILENCE);

      await agentA.command('telephony.hangup', { callId });
      await far.terminated;
    });
  },
);
