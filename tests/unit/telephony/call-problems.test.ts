import { afterEach, describe, expect, it } from 'vitest';
import { problemFor } from '../../../electron/telephony/call-book';
import { holdRefusal } from '../../../electron/telephony/hold';
import { consultEndText } from '../../../electron/telephony/transfer';
import { i18n } from '../../../renderer/src/i18n';
import { translateUserText } from '../../../renderer/src/i18n/user-text';
import { BridgeError } from '../../../shared/bridge/errors';
import { NO_RELAY_TEXT } from '../../../shared/telephony/ice-policy';
import { callEndedSchema, callSchema, type RegistrationState } from '../../../shared/telephony/model';
import { registrationText } from '../../../shared/telephony/registration-text';
import { parseDialTarget } from '../../../shared/telephony/dial-target';
import { INCOMPATIBLE_MEDIA_TEXT } from '../../../shared/telephony/sdp-offer';
import { englishOf, userText, type UserText } from '../../../shared/text/user-text';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

/** A call as main pushes it, with `problem`: what the bridge checks before the window sees it. */
function pushed(problem: UserText | null) {
  return callSchema.parse({
    id: 'c1',
    direction: 'outbound',
    status: 'held',
    remote: { number: '1002', displayName: null },
    muted: false,
    holdPending: null,
    remoteHold: false,
    media: 'ok',
    waiting: false,
    consultFor: null,
    transfer: null,
    startedAt: 1,
    answeredAt: 2,
    endedAt: null,
    holdSeconds: 0,
    heldSince: 2,
    endReason: null,
    endCode: null,
    problem,
  });
}

describe("a call's problem crosses the bridge as a key and values", () => {
  it('a consultation that ended busy, on the customer still on hold: English as before, German in the window', async () => {
    const what = consultEndText('1002', 'busy', 486, false);
    const problem = pushed(userText('telephony.consult.customerOnHold', { what })).problem;
    expect(problem).toEqual({
      key: 'telephony.consult.customerOnHold',
      values: { what: { key: 'telephony.consult.busyWithCode', values: { who: '1002', code: 486 } } },
    });
    expect(englishOf(problem!)).toBe('1002 is busy (486). The customer is still on hold: press Resume to talk to them.');
    expect(translateUserText(problem!)).toBe('1002 is busy (486). The customer is still on hold: press Resume to talk to them.');

    await i18n.changeLanguage('de');
    expect(translateUserText(problem!)).toBe(
      '1002 ist besetzt (486). Der Kunde wird weiterhin gehalten: Klicken Sie auf „Fortsetzen“, um mit ihm zu sprechen.',
    );
  });

  it('each way a consultation ends keeps its words, with the SIP code only when there is one', () => {
    const english = (reason: Parameters<typeof consultEndText>[1], code: number | null, answered = false) =>
      englishOf(consultEndText('2001', reason, code, answered));
    expect(english('remote-hangup', null, true)).toBe('2001 hung up before the transfer.');
    expect(english('busy', null)).toBe('2001 is busy.');
    expect(english('no-answer', 408)).toBe('2001 did not answer (408).');
    expect(english('declined', 603)).toBe('2001 declined the call (603).');
    expect(english('not-found', 404)).toBe('2001 could not be reached (404).');
    expect(english('failed', 500)).toBe('The call to 2001 failed (500).');
    expect(english('incompatible-media', null)).toBe('The call to 2001 failed.');
  });

  it('a refused hold or resume says which, and why', async () => {
    expect(englishOf(holdRefusal(true, 488))).toBe('The other side refused to hold the call (488).');
    expect(englishOf(holdRefusal(false, null))).toBe('The other side refused to resume the call.');
    const unsent = holdRefusal(true, null, problemFor(new Error('socket closed')));
    expect(englishOf(unsent)).toBe('The other side refused to hold the call: The call could not be set up; the details are in the log.');

    await i18n.changeLanguage('de');
    expect(translateUserText(holdRefusal(true, 488))).toBe('Die Gegenseite hat das Halten des Anrufs abgelehnt (488).');
    expect(translateUserText(unsent)).toBe(
      'Die Gegenseite hat das Halten des Anrufs abgelehnt: Der Anruf konnte nicht aufgebaut werden; die Einzelheiten stehen im Protokoll.',
    );
  });

  it("a bridge error's own message is the call's problem; an exception's text never reaches the agent", () => {
    const fromEngine = BridgeError.fromBody(new BridgeError('unavailable', NO_RELAY_TEXT).toBody());
    expect(problemFor(fromEngine)).toEqual(NO_RELAY_TEXT);
    expect(englishOf(problemFor(fromEngine))).toContain('call audio may only go through the TURN relay');
    expect(problemFor(new BridgeError('incompatible', INCOMPATIBLE_MEDIA_TEXT))).toEqual({ key: 'telephony.media.incompatibleOffer' });
    expect(problemFor(new BridgeError('failed', 'TypeError: x is undefined'))).toEqual({ key: 'telephony.call.setupFailed' });
    expect(problemFor(new TypeError("Cannot read properties of undefined (reading 'sdp')"))).toEqual({ key: 'telephony.call.setupFailed' });
  });

  it('the bridge refuses a problem that is a bare sentence or names a key main does not know', () => {
    const ended = {
      callId: 'c1',
      direction: 'inbound',
      remoteNumber: '2001',
      remoteDisplayName: null,
      startedAt: 1,
      answeredAt: null,
      endedAt: 2,
      talkSeconds: 0,
      holdSeconds: 0,
      endReason: 'failed',
      endCode: null,
      transferredTo: null,
      consultFor: null,
      quality: { samples: 0, mosAvg: null, mosMin: null, jitterMsAvg: null, jitterMsMax: null, lossPct: null, rttMsAvg: null },
    };
    expect(callEndedSchema.safeParse({ ...ended, problem: userText('telephony.call.ringLost') }).success).toBe(true);
    expect(callEndedSchema.safeParse({ ...ended, problem: 'The call was lost before it was answered.' }).success).toBe(false);
    expect(callEndedSchema.safeParse({ ...ended, problem: { key: 'telephony.call.lostSomehow' } }).success).toBe(false);
  });
});

describe("the phone strip and a refused dial say the registration in the agent's language", () => {
  const state = (extra: Partial<RegistrationState>): RegistrationState => ({
    status: 'unreachable',
    since: 0,
    retryAt: 8_000,
    attempt: 2,
    code: null,
    server: 'primary',
    aor: 'sip:1001@example.com',
    ...extra,
  });

  it('counts down in German, the certificate problem translated inside its sentence', async () => {
    await i18n.changeLanguage('de');
    expect(translateUserText(registrationText(state({}), 0))).toBe('Server nicht erreichbar · neuer Versuch in 8 s');
    expect(translateUserText(registrationText(state({ status: 'reconnecting', retryAt: 1_000 }), 2_000))).toBe('Neue Verbindung jetzt');
    expect(translateUserText(registrationText(state({ status: 'certificate-failed', certificate: 'expired', retryAt: null }), 0))).toBe(
      'Nicht verbunden: Das Zertifikat des SIP-Servers wurde nicht akzeptiert (es ist abgelaufen). Bitten Sie die IT, es zu prüfen',
    );
  });

  it('a dial refused while not registered names the state, in English for the log and German in the window', async () => {
    const refusal = userText('telephony.refusal.notRegistered', {
      state: registrationText(state({ status: 'auth-failed', code: 401 }), 0),
    });
    expect(englishOf(refusal)).toBe('The phone is not registered: Wrong password (401).');
    await i18n.changeLanguage('de');
    expect(translateUserText(refusal)).toBe('Das Telefon ist nicht angemeldet: Falsches Passwort (401).');
  });
});

describe('what the agent typed to call, when it cannot be called', () => {
  it("says what is wrong, in the window's language", async () => {
    const tooShort = parseDialTarget('+1 2', 'GB');
    const badRegion = parseDialTarget('123456789012345678', 'GB');
    expect(tooShort).toEqual({ ok: false, error: { key: 'telephony.dial.notPossibleInternational' } });
    expect(badRegion).toEqual({ ok: false, error: { key: 'telephony.dial.notPossibleInRegion', values: { region: 'GB' } } });
    await i18n.changeLanguage('de');
    expect(!badRegion.ok && translateUserText(badRegion.error)).toBe(
      'Das ist keine mögliche Nummer in GB; geben Sie die Landesvorwahl mit führendem + ein.',
    );
  });
});
