import { describe, expect, it } from 'vitest';
import {
  CARD_NUMBER_MESSAGE,
  cardBrandOf,
  cardNumberProblem,
  containsCardNumber,
  freeText,
  luhnValid,
  mayBecomeCardNumber,
} from '../../../shared/agent/card-number';

// The brands' published test numbers: valid Luhn, real ranges, never real accounts.
const CARDS: Record<string, string[]> = {
  Visa: ['4111111111111111', '4242424242424242', '4000056655665556'],
  Mastercard: ['5555555555554444', '5105105105105100', '2223003122003222', '2720992720992729'],
  'American Express': ['378282246310005', '371449635398431'],
  Discover: ['6011111111111117', '6011000990139424', '6445644564456445'],
  JCB: ['3530111333300000', '3566002020360505'],
  'Diners Club': ['30569309025904', '38520000023237', '36227206271667'],
  UnionPay: ['6200000000000005', '6205500000000000004'],
};

describe('card numbers in free text', () => {
  it.each(Object.entries(CARDS).flatMap(([brand, numbers]) => numbers.map((n) => [brand, n] as const)))(
    'finds a %s number %s',
    (brand, number) => {
      expect(luhnValid(number)).toBe(true);
      expect(cardBrandOf(number)).toBe(brand);
      expect(containsCardNumber(`customer read out ${number} for the refund`)).toBe(true);
    },
  );

  it('finds numbers written with spaces or dashes, and inside other digits', () => {
    expect(containsCardNumber('4111 1111 1111 1111')).toBe(true);
    expect(containsCardNumber('card: 4111-1111-1111-1111, exp 12/29')).toBe(true);
    expect(containsCardNumber('3782 822463 10005')).toBe(true);
    expect(containsCardNumber('5555 5555-5555 4444')).toBe(true);
    expect(containsCardNumber('ref 12 4111 1111 1111 1111 thanks')).toBe(true);
    expect(containsCardNumber('+34 371 449 635 398 431 is too long for a phone number')).toBe(true);
    expect(containsCardNumber('line one\n6011 1111 1111 1117\nline three')).toBe(true);
  });

  it('does not flag a wrong check digit', () => {
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(containsCardNumber('4111 1111 1111 1112')).toBe(false);
    expect(containsCardNumber('5555555555554445')).toBe(false);
    expect(containsCardNumber('378282246310006')).toBe(false);
  });

  it('does not flag numbers outside the card ranges, even with a valid Luhn digit', () => {
    expect(luhnValid('1234567812345670')).toBe(true);
    expect(containsCardNumber('order 1234567812345670')).toBe(false);
    // Mastercard's 2-series ends at 2720.
    expect(luhnValid('2721000000000004')).toBe(true);
    expect(containsCardNumber('2721000000000004')).toBe(false);
    // Visa is 16 to 19 digits: 13 digits is a phone-number length.
    expect(luhnValid('4222222222222')).toBe(true);
    expect(containsCardNumber('4222222222222')).toBe(false);
  });

  it('does not flag phone numbers, dates, times or order ids', () => {
    const fine = [
      'Call back on +44 20 7946 0018 after 5',
      '+1 (415) 555-0100 or 415-555-0199',
      '+49 1512 3456789',
      '+34 612 345 678 and +1 415 555 0100',
      '020 7946 0018',
      'On 2026-12-06 at 14:30, then 06/12/2026',
      'Order ORD-2026-000123-4567 shipped',
      'Ticket #4111111111111111A and id INV4111111111111111',
      'order 41111111111111111111 (20 digits)',
      'timestamp 1733472000000',
      'IBAN GB82 WEST 1234 5698 7654 32',
      '',
    ];
    for (const text of fine) expect(containsCardNumber(text), text).toBe(false);
  });

  it('refuses at the schema with the sentence the agent reads', () => {
    expect(cardNumberProblem('4111 1111 1111 1111')).toBe(CARD_NUMBER_MESSAGE);
    expect(cardNumberProblem('All fine, called +44 20 7946 0018')).toBeNull();
    const notes = freeText(100);
    const refused = notes.safeParse('paid with 4111-1111-1111-1111');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe(
      'This looks like a card number. Card numbers must not be written in notes; remove it to save.',
    );
    expect(notes.safeParse('paid by card ending 1111').success).toBe(true);
    expect(notes.safeParse('x'.repeat(101)).error?.issues[0]?.message).toBe('must be at most 100 characters');
  });

  it('knows when a card number is being typed, so no draft holds most of its digits', () => {
    expect(mayBecomeCardNumber('card 4111 1111 1111')).toBe(true);
    expect(mayBecomeCardNumber('card 4111 1111 1111 111')).toBe(true);
    expect(mayBecomeCardNumber('card 4111 11')).toBe(false);
    expect(mayBecomeCardNumber('call +44 20 7946 0018 on 2026-12-06')).toBe(false);
    expect(mayBecomeCardNumber('order 1234 5678 9012 345')).toBe(false);
  });
});
