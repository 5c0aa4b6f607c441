import { afterEach, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../../shared/bridge/envelopes';
import { BridgeError, refusalError } from '../../../shared/bridge/errors';
import type { Result } from '../../../shared/core/result';
import { fieldIssuesOf } from '../../../renderer/src/bridge/field-issues';
import { i18n, translateUserText } from '../../../renderer/src/i18n';
import {
  callbackStatus,
  checkHandBackReason,
  checkOutcome,
  checkReschedule,
  checkStillOpen,
  countOverdue,
  customerTimeZone,
  displayNumber,
  formatCallbackTime,
  nextCallbackStatusChange,
  noteExcerpt,
  OVERDUE_AFTER_MINUTES,
} from '../../../shared/callbacks/callback-rules';
import { CALLBACK_OUTCOMES } from '../../../shared/config/workflow';

const MIN = 60_000;
const DUE = Date.UTC(2026, 11, 7, 14, 0);
const policy = { maxDaysAhead: 30, reminderMinutesBefore: 5 };
const scheduled = { state: 'scheduled' as const, dueAt: DUE, remindAt: DUE - 5 * MIN };

describe('when a callback is due and overdue', () => {
  it('is upcoming before its reminder, due from the reminder, overdue a few minutes after its time', () => {
    expect(callbackStatus(scheduled, DUE - 6 * MIN)).toBe('upcoming');
    expect(callbackStatus(scheduled, DUE - 5 * MIN)).toBe('due');
    expect(callbackStatus(scheduled, DUE + (OVERDUE_AFTER_MINUTES * MIN - 1))).toBe('due');
    expect(callbackStatus(scheduled, DUE + OVERDUE_AFTER_MINUTES * MIN)).toBe('overdue');
    // Without a reminder it is due at its time.
    expect(callbackStatus({ ...scheduled, remindAt: null }, DUE - 1)).toBe('upcoming');
    expect(callbackStatus({ ...scheduled, remindAt: null }, DUE)).toBe('due');
  });

  it('counts only callbacks still owed as overdue', () => {
    const late = DUE + 60 * MIN;
    const list = [
      scheduled,
      { ...scheduled, dueAt: late },
      { ...scheduled, state: 'done' as const },
      { ...scheduled, state: 'handed-back' as const },
    ];
    expect(countOverdue(list, late)).toBe(1);
    expect(countOverdue(list, DUE)).toBe(0);
  });

  it('names the next instant a badge changes, so the list wakes then and not on a clock', () => {
    const later = { ...scheduled, dueAt: DUE + 60 * MIN, remindAt: DUE + 55 * MIN };
    const list = [scheduled, later];
    expect(nextCallbackStatusChange(list, DUE - 6 * MIN)).toBe(DUE - 5 * MIN);
    expect(nextCallbackStatusChange(list, DUE - 5 * MIN)).toBe(DUE + OVERDUE_AFTER_MINUTES * MIN);
    expect(nextCallbackStatusChange(list, DUE + OVERDUE_AFTER_MINUTES * MIN)).toBe(DUE + 55 * MIN);
    expect(nextCallbackStatusChange(list, DUE + 60 * MIN + OVERDUE_AFTER_MINUTES * MIN)).toBeNull();
    expect(nextCallbackStatusChange([], DUE)).toBeNull();
    // Each instant it names is one where some badge reads differently than a millisecond before.
    for (let now = DUE - 10 * MIN; ;) {
      const next = nextCallbackStatusChange(list, now);
      if (next === null) break;
      expect(list.some((cb) => callbackStatus(cb, next - 1) !== callbackStatus(cb, next))).toBe(true);
      expect(list.every((cb) => callbackStatus(cb, now) === callbackStatus(cb, next - 1))).toBe(true);
      now = next;
    }
  });

  it('refuses to act on a callback already closed, saying how it was closed', () => {
    expect(checkStillOpen({ state: 'scheduled' }).ok).toBe(true);
    expect(checkStillOpen({ state: 'done' })).toMatchObject({ ok: false, message: 'This callback was already marked done.' });
    expect(checkStillOpen({ state: 'handed-back' })).toMatchObject({
      ok: false,
      message: 'This callback was already handed back to the team.',
    });
  });
});

describe('rescheduling', () => {
  const now = DUE - 60 * MIN;

  it('moves the callback and its reminder', () => {
    expect(checkReschedule(DUE + 24 * 60 * MIN, now, policy)).toEqual({
      ok: true,
      value: { dueAt: DUE + 24 * 60 * MIN, remindAt: DUE + 24 * 60 * MIN - 5 * MIN },
    });
    // A reminder that would lie in the past fires now instead (not as a "late" one).
    expect(checkReschedule(now + 2 * MIN, now, policy)).toEqual({ ok: true, value: { dueAt: now + 2 * MIN, remindAt: now } });
  });

  it('refuses an empty, past or too distant time with a sentence that says which', () => {
    expect(checkReschedule(null, now, policy)).toMatchObject({
      ok: false,
      message: 'Set the new date and time for the callback.',
      errors: [{ field: 'at' }],
    });
    expect(checkReschedule(now - MIN, now, policy)).toMatchObject({
      ok: false,
      message: 'The new callback time is in the past: choose a later time.',
    });
    expect(checkReschedule(now, now, policy)).toMatchObject({
      ok: false,
      message: 'The new callback time is in the past: choose a later time.',
    });
    expect(checkReschedule(now + 31 * 24 * 60 * MIN, now, policy)).toMatchObject({
      ok: false,
      message: 'The new callback time must be within 30 days.',
    });
  });
});

describe('marking done and handing back', () => {
  it('accepts each outcome of the shared list and nothing else', () => {
    for (const o of CALLBACK_OUTCOMES) expect(checkOutcome(o.id)).toEqual({ ok: true, value: o.id });
    expect(CALLBACK_OUTCOMES.map((o) => o.id)).toEqual(['reached', 'no-answer', 'left-message', 'wrong-number']);
    expect(checkOutcome('')).toMatchObject({ ok: false, message: 'Choose how the callback went.', errors: [{ field: 'outcome' }] });
    expect(checkOutcome('sold-a-router')).toMatchObject({ ok: false });
  });

  it('needs a reason to hand back, without a card number in it', () => {
    expect(checkHandBackReason('  Needs a Spanish speaker  ')).toEqual({ ok: true, value: 'Needs a Spanish speaker' });
    expect(checkHandBackReason('   ')).toMatchObject({ ok: false, message: 'Say why you are handing this callback back to the team.' });
    expect(checkHandBackReason('x'.repeat(2001))).toMatchObject({ ok: false, message: 'The reason must be at most 2000 characters.' });
    const card = checkHandBackReason('Customer read out 4111 1111 1111 1111');
    expect(card.ok).toBe(false);
    expect(card.ok ? '' : card.message).toMatch(/card number/);
  });
});

describe('a refused change, as the window shows it in German', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  /** Main's refusal (electron/agent/callback-list.ts) after the bridge: its sentence and each field's problem in the window's language. */
  function asWindowSees(result: Result<unknown>): { message: string; fields: { path: string; message: string }[] } {
    if (result.ok) throw new Error('expected a refusal');
    const body = errorBodySchema.parse(refusalError('invalid-payload', result).toBody());
    const seen = BridgeError.fromBody(body, translateUserText);
    return { message: seen.message, fields: fieldIssuesOf(seen) };
  }

  it('says each reschedule, outcome and hand-back problem in German on its field, and keeps the English issues for the log', async () => {
    const refused = checkReschedule(DUE + 31 * 24 * 60 * MIN, DUE, policy);
    if (refused.ok) throw new Error('expected a refusal');
    expect(refusalError('invalid-payload', refused).toBody().issues).toEqual(['at: The new callback time must be within 30 days.']);

    await i18n.changeLanguage('de');
    expect(asWindowSees(refused)).toEqual({
      message: 'Die neue Rückrufzeit muss innerhalb von 30 Tagen liegen.',
      fields: [{ path: 'at', message: 'Die neue Rückrufzeit muss innerhalb von 30 Tagen liegen.' }],
    });
    expect(asWindowSees(checkReschedule(DUE - MIN, DUE, policy)).message).toBe(
      'Die neue Rückrufzeit liegt in der Vergangenheit: Wählen Sie eine spätere Zeit.',
    );
    expect(asWindowSees(checkReschedule(null, DUE, policy)).message).toBe(
      'Legen Sie das neue Datum und die neue Uhrzeit für den Rückruf fest.',
    );
    expect(asWindowSees(checkOutcome('')).fields).toEqual([{ path: 'outcome', message: 'Wählen Sie, wie der Rückruf verlaufen ist.' }]);
    expect(asWindowSees(checkHandBackReason(' ')).message).toBe('Geben Sie an, warum Sie diesen Rückruf an das Team zurückgeben.');
    expect(asWindowSees(checkHandBackReason('x'.repeat(2001))).message).toBe('Der Grund darf höchstens 2000 Zeichen lang sein.');
    expect(asWindowSees(checkHandBackReason('Customer read out 4111 1111 1111 1111')).message).toMatch(
      /^Das sieht wie eine Kartennummer aus\./,
    );
    expect(asWindowSees(checkStillOpen({ state: 'handed-back' })).message).toBe('Dieser Rückruf wurde bereits an das Team zurückgegeben.');
    expect(asWindowSees(checkStillOpen({ state: 'done' })).message).toBe('Dieser Rückruf wurde bereits als erledigt markiert.');
    expect(asWindowSees(checkStillOpen({ state: 'cancelled' })).fields).toEqual([
      { path: 'id', message: 'Dieser Rückruf wurde bereits storniert.' },
    ]);
    expect(translateUserText({ key: 'agent.callbackList.chooseOutcome' })).toBe('Wählen Sie, wie der Rückruf verlaufen ist.');
  });
});

describe("the customer's time zone and the list's wording", () => {
  it('knows the zone of a country with one, and says nothing for a country with several or an extension', () => {
    expect(customerTimeZone('+44 20 7946 0018', 'US')).toBe('Europe/London');
    expect(customerTimeZone('+49 30 901820', 'US')).toBe('Europe/Berlin');
    expect(customerTimeZone('+91 22 2778 2000', 'US')).toBe('Asia/Kolkata');
    // A national number is read in the store's region.
    expect(customerTimeZone('020 7946 0018', 'GB')).toBe('Europe/London');
    expect(customerTimeZone('+14155550123', 'US')).toBeNull();
    expect(customerTimeZone('+61 2 9876 5432', 'US')).toBeNull();
    expect(customerTimeZone('2001', 'US')).toBeNull();
    expect(customerTimeZone('sip:alice@example.com', 'US')).toBeNull();
  });

  it('shows one instant in both zones, across a DST difference, each with its zone name', () => {
    // 7 Dec: London is UTC+0, New York UTC-5; 30 Mar (after the EU change, US already changed): UTC+1 and UTC-4.
    expect(formatCallbackTime(DUE, 'Europe/London')).toBe('Mon 7 Dec, 14:00 GMT');
    expect(formatCallbackTime(DUE, 'America/New_York')).toMatch(/^Mon 7 Dec, 09:00 (EST|GMT-5)$/);
    const spring = Date.UTC(2026, 2, 30, 12, 0);
    expect(formatCallbackTime(spring, 'Europe/London')).toBe('Mon 30 Mar, 13:00 BST');
    expect(formatCallbackTime(spring, 'America/New_York')).toMatch(/^Mon 30 Mar, 08:00 (EDT|GMT-4)$/);
    expect(formatCallbackTime(spring, 'Asia/Kolkata')).toMatch(/^Mon 30 Mar, 17:30 (IST|GMT\+5:30)$/);
  });

  it('formats numbers for reading and keeps extensions and SIP addresses as they are', () => {
    expect(displayNumber('+442079460018', 'US')).toBe('+44 20 7946 0018');
    expect(displayNumber('4155550123', 'US')).toBe('+1 415 555 0123');
    expect(displayNumber('2001', 'US')).toBe('2001');
    expect(displayNumber('sip:alice@example.com', 'US')).toBe('sip:alice@example.com');
  });

  it('shows the start of the notes on one line', () => {
    expect(noteExcerpt('Wants the\n  refund   confirmed')).toBe('Wants the refund confirmed');
    const long = noteExcerpt('word '.repeat(100));
    expect(long.length).toBeLessThanOrEqual(140);
    expect(long.endsWith('…')).toBe(true);
  });
});
