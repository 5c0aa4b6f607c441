import { describe, expect, it } from 'vitest';
import { inferKind, readCase, readCustomer, readPulledCase, readPulledCustomer, readTime } from '../../../electron/store/import/records';
import { englishOf, type UserText } from '../../../shared/text/user-text';

/** The problems with their messages in English, as the person importing reads them in an English window. */
function inEnglish<T extends { message: UserText }>(problems: readonly T[]): (Omit<T, 'message'> & { message: string })[] {
  return problems.map((p) => ({ ...p, message: englishOf(p.message) }));
}

const strict = { phoneRegion: 'US', strictPhones: true };

describe('readCustomer (import rows)', () => {
  it('maps the column names people use and normalizes every phone column to E.164', () => {
    const result = readCustomer(
      {
        'Customer ID': ' CU-1 ',
        'Full Name': 'Jane Smith',
        'E-mail': 'jane@example.com',
        Mobile: '(415) 555-0123',
        'Work Phone': '+44 20 7946 0018',
        DNC: 'yes',
      },
      strict,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        id: 'CU-1',
        name: 'Jane Smith',
        email: 'jane@example.com',
        company: null,
        segment: null,
        doNotCall: true,
        notes: null,
        phones: [
          { number: '+14155550123', rev: '32105555141', label: 'mobile' },
          { number: '+442079460018', rev: '810064970244', label: 'work' },
        ],
        createdAt: null,
        updatedAt: null,
        version: null,
      },
    });
  });

  it('splits a phones cell on ";" and "|" and drops repeats', () => {
    const result = readCustomer({ id: '1', name: 'A', phones: '+14155550123; 415-555-0123 | +14155550124' }, strict);
    expect(result.ok && result.value.phones.map((p) => p.number)).toEqual(['+14155550123', '+14155550124']);
  });

  it('names every bad field', () => {
    const result = readCustomer(
      { id: '', name: 'x'.repeat(301), email: 'not-an-email', phone: '12', dnc: 'maybe', updated: 'yesterday' },
      strict,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && inEnglish(result.problems)).toEqual([
      { field: 'id', message: 'required' },
      { field: 'name', message: 'longer than 300 characters' },
      { field: 'email', message: 'is not an email address' },
      { field: 'doNotCall', message: 'must be yes/no, true/false or 1/0' },
      { field: 'updatedAt', message: expect.stringContaining('must be a date') },
      { field: 'phone', message: expect.stringContaining('phone 1: "12" is not a phone number') },
    ]);
  });

  it('keeps the digits of an unparseable number when not strict (sync)', () => {
    const result = readCustomer({ id: '1', name: 'A', phone: '4411' }, { phoneRegion: 'US', strictPhones: false });
    expect(result.ok && result.value.phones).toEqual([{ number: '4411', rev: '1144', label: null }]);
  });
});

describe('readCase (import rows)', () => {
  it('maps statuses and priorities from other systems and defaults the rest', () => {
    expect(readCase({ 'Ticket ID': 'T-9', Customer: 'CU-1', Title: 'No dial tone', Status: 'In Progress', Severity: 'urgent' })).toEqual({
      ok: true,
      value: {
        id: 'T-9',
        customerId: 'CU-1',
        subject: 'No dial tone',
        description: '',
        status: 'open',
        priority: 'P1',
        createdAt: null,
        updatedAt: null,
        version: null,
      },
    });
    expect(readCase({ id: '1', customer_id: 'c', subject: 's' })).toMatchObject({ ok: true, value: { status: 'open', priority: 'P3' } });
  });

  it('refuses unknown statuses and priorities with the allowed values', () => {
    const result = readCase({ id: '1', customerId: 'c', subject: 's', status: 'frozen', priority: 'P9' });
    expect(!result.ok && result.problems.map((p) => p.field)).toEqual(['status', 'priority']);
    expect(!result.ok && inEnglish(result.problems)[0]?.message).toContain('new, open, pending, on-hold, solved or closed');
    expect(!result.ok && result.problems[0]?.message).toEqual({ key: 'store.import.field.notStatus', values: { value: 'frozen' } });
  });
});

describe('readTime', () => {
  it('reads ISO dates (UTC without a zone), epoch ms and epoch seconds', () => {
    expect(readTime('2025-03-01')).toBe(Date.UTC(2025, 2, 1));
    expect(readTime('2025-03-01 14:30')).toBe(Date.UTC(2025, 2, 1, 14, 30));
    expect(readTime('2025-03-01T14:30:00+02:00')).toBe(Date.UTC(2025, 2, 1, 12, 30));
    expect(readTime(1_740_000_000)).toBe(1_740_000_000_000);
    expect(readTime('1740000000123')).toBe(1_740_000_000_123);
    expect(readTime('')).toBeNull();
    expect(readTime('03/01/2025')).toBe('invalid');
  });
});

describe('inferKind', () => {
  it('tells customers from cases by their columns', () => {
    expect(inferKind(['ID', 'Name', 'Phone'])).toBe('customers');
    expect(inferKind(['id', 'customer_id', 'subject'])).toBe('cases');
    expect(inferKind(['foo', 'bar'])).toBeNull();
  });
});

describe('pulled rows (sync)', () => {
  it('accepts typed rows and refuses malformed ones with reasons', () => {
    expect(
      readPulledCase({ id: 'K', customerId: 'C', subject: 'S', status: 'open', priority: 'P2', updatedAt: 5, version: 3 }),
    ).toMatchObject({ ok: true });
    const bad = readPulledCase({
      id: 'K',
      customerId: 'C',
      subject: '',
      status: 'Open' as never,
      priority: 'P2',
      updatedAt: -1,
      version: 1.5,
    });
    expect(!bad.ok && bad.problems.map((p) => p.field)).toEqual(['subject', 'status', 'updatedAt', 'version']);
    const customer = readPulledCustomer(
      { id: 'C', name: 'N', phones: ['+14155550123', 'n/a'], updatedAt: 1, version: null },
      { phoneRegion: 'US', strictPhones: false },
    );
    // A number without digits is dropped, not a reason to lose the customer.
    expect(customer.ok && customer.value.phones.map((p) => p.number)).toEqual(['+14155550123']);
  });
});
