import { describe, expect, it } from 'vitest';
import { dialablePart, isCountryCode, likelyE164, normalizePhone, reversedDigits } from '../../../shared/store/phone';

describe('phone numbers', () => {
  it('pulls the number out of SIP URIs, display names and formatting', () => {
    expect(dialablePart('"Jane" <sip:+14155550123@pbx.example.com;user=phone>')).toBe('+14155550123');
    expect(dialablePart('tel:+44-20-7946-0018')).toBe('+442079460018');
    expect(dialablePart('(415) 555-0123 ext. 12')).toBe('4155550123');
    expect(dialablePart('0044 20 7946 0018')).toBe('+442079460018');
  });

  it('normalizes to E.164 in the configured region, US by default', () => {
    expect(normalizePhone('(415) 555-0123')).toEqual({ e164: '+14155550123', digits: '4155550123' });
    expect(normalizePhone('020 7946 0018', 'GB').e164).toBe('+442079460018');
    expect(normalizePhone('030 123456', 'DE').e164).toBe('+4930123456');
    expect(normalizePhone('+4930123456', 'US').e164).toBe('+4930123456');
  });

  it('guesses the E.164 form to look up first: as sent with +, else the calling code of the region before the digits', () => {
    expect(likelyE164('"Jane" <sip:+14155550123@pbx.example.com;user=phone>')).toBe('+14155550123');
    expect(likelyE164('(415) 555-0123')).toBe('+14155550123');
    expect(likelyE164('06 1234 5678', 'IT')).toBe('+390612345678');
    // A trunk prefix stays in the guess (a number nobody has); normalizePhone finds the caller then.
    expect(likelyE164('020 7946 0018', 'GB')).toBe('+4402079460018');
    expect(likelyE164('(415) 555-0123', 'ZZ')).toBe('+14155550123');
    for (const notE164 of ['anonymous', '4000', '+1 234', '+0123456789', `+${'1'.repeat(16)}`])
      expect(likelyE164(notE164), notE164).toBeNull();
  });

  it('gives no E.164 for what is not a phone number, but keeps its digits', () => {
    expect(normalizePhone('anonymous')).toEqual({ e164: null, digits: '' });
    expect(normalizePhone('12')).toEqual({ e164: null, digits: '12' });
    expect(normalizePhone('<b>5551234</b>').e164).toBeNull();
  });

  it('falls back to US for an unknown region and reverses digits for suffix matching', () => {
    expect(isCountryCode('GB')).toBe(true);
    expect(isCountryCode('ZZ')).toBe(false);
    expect(normalizePhone('(415) 555-0123', 'ZZ').e164).toBe('+14155550123');
    expect(reversedDigits('+1 (415) 555-0123')).toBe('32105555141');
  });
});
