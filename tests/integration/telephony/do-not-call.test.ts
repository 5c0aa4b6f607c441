import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DO_NOT_CALL_ISSUE, OVERRIDE_POSSIBLE_ISSUE } from '../../../shared/agent/do-not-call';
import { BridgeError } from '../../../shared/bridge/errors';
import type { PolicySourceReading } from '../../../shared/policy/resolve';
import { telephonySettingsSchema } from '../../../shared/telephony/settings';
import { requireChromium, requireKamailio } from '../../support/system-deps';
import { LabApp, labSettings, launchChromium } from '../../lab/app';
import { Kamailio } from '../../lab/kamailio';
import { interaction, wrapUp } from '../store/support';

const kamailioDep = requireKamailio();
const chromiumDep = requireChromium();

/** The number a do-not-call wrap-up put on the list, as the agent typed it then. */
const LISTED = '+44 20 7946 0123';
/** A customer the CRM marks do not call. */
const CRM_FLAGGED = '+442079460777';
const APPROVAL = { supervisor: 'Sam Okafor', reason: 'The customer emailed asking to be called about the refund.' };

async function refusalOf(promise: Promise<unknown>): Promise<BridgeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof BridgeError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

/**
 * Do-not-call is checked in main before the INVITE, on the real store, through the bridge's
 * `telephony.dial` (the command the dial box, Redial, click-to-dial and callbacks all send).
 * A real kamailio and the real renderer's media engine, so a placed call really leaves.
 */
describe.skipIf(!kamailioDep.available || !chromiumDep.available)('do-not-call: refused before the INVITE (real store, kamailio)', () => {
  let kamailio: Kamailio;
  let browser: Browser;
  let app: LabApp;
  const policy: PolicySourceReading[] = [
    { source: 'test-policy.json', defaults: {}, enforced: { doNotCallOverride: 'with-supervisor-approval' }, problems: [] },
  ];

  const invitesSent = () => app.core.telephony.sipTrace().filter((e) => e.direction === 'out' && e.firstLine.startsWith('INVITE ')).length;

  beforeAll(async () => {
    kamailio = new Kamailio({ binary: kamailioDep.binary, modulesDir: kamailioDep.modulesDir, auth: true });
    await kamailio.start();
    browser = await launchChromium(chromiumDep.path);
    app = await LabApp.start({
      browser,
      settings: telephonySettingsSchema.parse(labSettings(kamailio.url, '1001')),
      password: 'secret-1001',
      policy,
    });
    await app.waitForRegistration('registered');
    // The list as a do-not-call wrap-up leaves it, and a customer the CRM marks do not call.
    await app.core.store.commitLocal([
      { kind: 'interaction', record: interaction({ id: 'I-dnc', number: LISTED }) },
      {
        kind: 'wrap-up',
        record: wrapUp('I-dnc', {
          state: 'submitted',
          code: 'resolved',
          revision: 1,
          submittedAt: Date.now(),
          doNotCall: { number: LISTED },
        }),
      },
    ]);
    await app.core.store.upsertCustomers([
      { id: 'C-dnc', name: 'Flagged Customer', phones: [CRM_FLAGGED], doNotCall: true, updatedAt: 1, version: 1 },
    ]);
  });

  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await kamailio?.stop();
    kamailio?.dispose();
  });

  it('refuses the listed number however it is written, with the reason and the approval offered; no INVITE leaves', async () => {
    const before = invitesSent();
    for (const target of ['020 7946 0123', '+442079460123', 'sip:+442079460123@example.com']) {
      const error = await refusalOf(app.command('telephony.dial', { target }));
      expect(error.code).toBe('forbidden');
      expect(error.message).toBe(
        '+44 20 7946 0123 is on the do-not-call list. The call was not placed. A supervisor may approve the call.',
      );
      expect(error.issues).toEqual([DO_NOT_CALL_ISSUE, OVERRIDE_POSSIBLE_ISSUE]);
    }
    const flagged = await refusalOf(app.command('telephony.dial', { target: CRM_FLAGGED }));
    expect(flagged.message).toMatch(/^\+44 20 7946 0777 is on the do-not-call list\./);
    expect(invitesSent()).toBe(before);
    expect(app.calls()).toEqual([]);
    // The log says a call was refused, never to which number.
    const lines = app.logs.filter((l) => l.message === 'outbound call refused: do-not-call');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(lines)).not.toMatch(/7946|0123|0777/);
  });

  it('refuses an approval without a reason, naming what is missing; no INVITE leaves', async () => {
    const before = invitesSent();
    const error = await refusalOf(
      app.command('telephony.dial', { target: LISTED, doNotCallOverride: { supervisor: 'Sam', reason: '   ' } }),
    );
    expect(error.message).toBe('Write why this number is being called despite the do-not-call list.');
    expect(error.issues).toContain('reason: Write why this number is being called despite the do-not-call list.');
    expect(invitesSent()).toBe(before);
  });

  it('places the call with a supervisor approval; the call record and its outbox row carry it, the log names nobody', async () => {
    const before = invitesSent();
    const { callId, dialled } = await app.command('telephony.dial', { target: LISTED, doNotCallOverride: APPROVAL });
    expect(dialled).toBe('+442079460123');
    expect(invitesSent()).toBeGreaterThan(before);
    expect(app.call(callId) ?? app.ended.find((e) => e.callId === callId)).toBeTruthy();
    // Nobody has that number in the lab: kamailio answers 404 and the call ends.
    await app.until(() => app.ended.some((e) => e.callId === callId), 'the call to end', 20_000);

    let row: Awaited<ReturnType<typeof app.core.store.listInteractions>>[number] | undefined;
    await app.until(
      async () => {
        row = (await app.core.store.listInteractions({})).find((r) => r.direction === 'outbound' && r.number === '+442079460123');
        return row !== undefined;
      },
      'the call to be logged',
      20_000,
    );
    expect(row?.doNotCallOverride).toEqual({ ...APPROVAL, approvedAt: expect.any(Number) });
    const queued = (await app.core.store.outbox.list({})).find((o) => o.entityKind === 'interaction' && o.entityId === row?.id);
    expect(queued?.payload).toMatchObject({ doNotCallOverride: APPROVAL });

    const logged = app.logs.find((l) => l.message === 'do-not-call override: call placed with a supervisor approval');
    expect(logged).toBeDefined();
    expect(JSON.stringify(app.logs)).not.toMatch(/Sam Okafor|refund/);
  });
});
