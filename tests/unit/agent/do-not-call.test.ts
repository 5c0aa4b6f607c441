import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../shared/bridge/errors';
import {
  checkOverrideInput,
  decideDial,
  DO_NOT_CALL_ISSUE,
  doNotCallRefusalOf,
  OVERRIDE_POSSIBLE_ISSUE,
  readableNumber,
  type OverrideInput,
} from '../../../shared/agent/do-not-call';
import { withoutTexts } from './without-texts';

const NOW = 1_800_000_000_000;
const NUMBER = '+442079460123';
const approval: OverrideInput = { supervisor: '  Sam   Okafor ', reason: '  Customer wrote in asking for a call about the refund.  ' };

const decide = (listed: 'listed' | 'not-listed' | 'unknown', mode: 'never' | 'with-supervisor-approval', override: OverrideInput | null) =>
  decideDial({ number: NUMBER, listed, mode, override, now: NOW });

describe('decideDial: whether an outbound call may be placed', () => {
  it('places a call to a number that is not on the list, and records no override even when one was sent', () => {
    expect(decide('not-listed', 'never', null)).toEqual({ kind: 'place', override: null });
    expect(decide('not-listed', 'with-supervisor-approval', approval)).toEqual({ kind: 'place', override: null });
  });

  it('refuses a listed number with the number as people read it, and no way round it when policy says never', () => {
    expect(withoutTexts(decide('listed', 'never', null))).toEqual({
      kind: 'refuse',
      message: '+44 20 7946 0123 is on the do-not-call list. The call was not placed.',
      overridable: false,
      errors: [],
    });
    // An approval sent anyway (an old window, a script) changes nothing, and says why.
    expect(decide('listed', 'never', approval)).toMatchObject({
      kind: 'refuse',
      overridable: false,
      message:
        '+44 20 7946 0123 is on the do-not-call list. The call was not placed. Your organisation does not allow calling numbers on the list.',
    });
  });

  it('offers the supervisor approval when policy allows it, and places the call with a complete one', () => {
    expect(decide('listed', 'with-supervisor-approval', null)).toMatchObject({
      kind: 'refuse',
      overridable: true,
      message: '+44 20 7946 0123 is on the do-not-call list. The call was not placed. A supervisor may approve the call.',
    });
    expect(decide('listed', 'with-supervisor-approval', approval)).toEqual({
      kind: 'place',
      override: { supervisor: 'Sam Okafor', reason: 'Customer wrote in asking for a call about the refund.', approvedAt: NOW },
    });
  });

  it('refuses when the list cannot be checked, whatever the policy and the approval', () => {
    for (const mode of ['never', 'with-supervisor-approval'] as const) {
      expect(decide('unknown', mode, approval)).toMatchObject({
        kind: 'refuse',
        overridable: false,
        message: expect.stringMatching(/^Switchboard could not check the do-not-call list, so the call was not placed\./),
      });
    }
  });
});

describe('checkOverrideInput: the approval form', () => {
  const fields = (input: OverrideInput) => {
    const result = checkOverrideInput(input, NOW);
    return result.ok ? [] : result.errors;
  };

  it('wants a supervisor named and a reason, each with its own sentence', () => {
    expect(withoutTexts(fields({ supervisor: '   ', reason: '' }))).toEqual([
      { field: 'supervisor', message: 'Enter the name of the supervisor who approved this call.' },
      { field: 'reason', message: 'Write why this number is being called despite the do-not-call list.' },
    ]);
  });

  it('counts the reason after trimming, and bounds both fields', () => {
    expect(withoutTexts(fields({ supervisor: 'Sam', reason: '   approved     ' }))).toEqual([
      { field: 'reason', message: 'Write a reason of at least 15 characters; it is kept with the call.' },
    ]);
    expect(withoutTexts(fields({ supervisor: 'S'.repeat(101), reason: 'x'.repeat(501) }))).toEqual([
      { field: 'supervisor', message: "The supervisor's name can be at most 100 characters." },
      { field: 'reason', message: 'The reason can be at most 500 characters.' },
    ]);
  });

  it('refuses a card number in the reason: it would be stored and synced', () => {
    expect(withoutTexts(fields({ supervisor: 'Sam', reason: 'Customer paid with 4111 1111 1111 1111 and wants a call' }))).toEqual([
      { field: 'reason', message: expect.stringMatching(/card number/) },
    ]);
  });
});

describe('the refusal as it crosses the bridge', () => {
  it('is told apart from other dial failures, with whether an approval is possible', () => {
    const listed = new BridgeError('forbidden', '+44 20 7946 0123 is on the do-not-call list.', [
      DO_NOT_CALL_ISSUE,
      OVERRIDE_POSSIBLE_ISSUE,
    ]);
    expect(doNotCallRefusalOf(listed)).toEqual({ message: '+44 20 7946 0123 is on the do-not-call list.', overridable: true });
    expect(doNotCallRefusalOf(new BridgeError('forbidden', 'x', [DO_NOT_CALL_ISSUE]))).toMatchObject({ overridable: false });
    expect(doNotCallRefusalOf(new BridgeError('unavailable', 'The phone is not registered.'))).toBeNull();
    expect(doNotCallRefusalOf(null)).toBeNull();
  });

  it('shows numbers in international format, and anything else as dialled', () => {
    expect(readableNumber('+14155550199')).toBe('+1 415 555 0199');
    expect(readableNumber('2001')).toBe('2001');
    expect(readableNumber('sip:alice@example.com')).toBe('sip:alice@example.com');
  });
});
